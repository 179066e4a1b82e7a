"""Every status the project knows, each written once, as an enumeration with the words a reader sees.

The JSON Schemas (``casereviews/schema/``), the stylesheet's status colours and the templates all name these
values; ``tests/test_statuses.py`` checks that they name exactly these. Each is a ``StrEnum``, so a value read
from front matter compares equal to its member and prints as the value itself in a page, a CSV cell or JSON.

The order of each enumeration is the order a reader sees it in.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def member(kind: type[E], value: object) -> E | object:
    """``value`` as a member of ``kind`` when it is one of its values, else unchanged: front matter the schema
    has already refused is reported, never turned into a crash here."""
    try:
        return kind(value)
    except ValueError:
        return value


class ReviewStatus(StrEnum):
    """What an editor writes in a review's ``status``."""

    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class BriefingStatus(StrEnum):
    """What an editor writes in a briefing's ``status``."""

    DRAFT = "draft"
    PUBLISHED = "published"


class ReviewState(StrEnum):
    """What the public can see of a review at one moment (``publication.rule.review_state`` decides)."""

    HIDDEN = "hidden"  # not in the built site at all: draft, or embargoed until a later moment
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"  # page with notice and reason stays; body, documents, briefing, plan and search go
    ARCHIVED = "archived"  # past available_until: the catalogue record stays; body, documents, briefing, plan go

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def is_published(self) -> bool:
        return self is ReviewState.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self is ReviewState.WITHDRAWN

    @property
    def is_archived(self) -> bool:
        return self is ReviewState.ARCHIVED

    @property
    def record_only(self) -> bool:
        """Withdrawn or archived: the catalogue record is public, the report and all that goes with it is not."""
        return self in (ReviewState.WITHDRAWN, ReviewState.ARCHIVED)

    @property
    def notice_title(self) -> str:
        """The heading of the notice a withdrawn or archived review's page shows (and its search result)."""
        return _NOTICE_TITLES.get(self, "")

    @property
    def what_remains(self) -> str:
        """What a withdrawn or archived review no longer has, said once for the page's notice."""
        return _WHAT_REMAINS.get(self, "")

    def summary(self, summary: str, withdrawn_reason: str) -> str:
        """A review's one-paragraph summary as the public may read it now: in the page's description and the feed."""
        if self is ReviewState.WITHDRAWN:
            return f"{_NOTICE_TITLES[self]}. {withdrawn_reason}".strip()
        if self is ReviewState.ARCHIVED:
            return f"Archived catalogue record. {summary}".strip()
        return summary


_STATE_LABELS = {ReviewState.HIDDEN: "Not public", ReviewState.PUBLISHED: "Published",
                 ReviewState.WITHDRAWN: "Withdrawn", ReviewState.ARCHIVED: "Archived"}
_NOTICE_TITLES = {ReviewState.WITHDRAWN: "This review has been withdrawn",
                  ReviewState.ARCHIVED: "Archived: catalogue record only"}
_WHAT_REMAINS = {
    ReviewState.WITHDRAWN: "The report, its learning briefing and its action plan are not available while it is "
                           "withdrawn.",
    ReviewState.ARCHIVED: "Its full text, documents, briefing and action plan are no longer published here.",
}


class Response(StrEnum):
    """How the partnership responded to a recommendation."""

    ACCEPTED = "accepted"
    ACCEPTED_IN_PRINCIPLE = "accepted-in-principle"
    NOT_ACCEPTED = "not-accepted"

    @property
    def label(self) -> str:
        return self.value.capitalize().replace("-", " ")


class ActionStatus(StrEnum):
    """Where an action stands. Editors write every one but ``OVERDUE``, which the site works out from the due date.
    The order is the order of attention: what needs it most comes first, in counts, tables and charts."""

    OVERDUE = "overdue"
    AT_RISK = "at-risk"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    COMPLETE = "complete"
    ASSURED = "assured"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize().replace("-", " ")

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @property
    def written(self) -> bool:
        """Whether an editor may write it (overdue is only ever worked out)."""
        return self is not ActionStatus.OVERDUE

    @property
    def closed(self) -> bool:
        """Nothing more is due: an action closed this way is never overdue or stale."""
        return self in (ActionStatus.COMPLETE, ActionStatus.ASSURED, ActionStatus.SUPERSEDED)

    @property
    def delivered(self) -> bool:
        return self in (ActionStatus.COMPLETE, ActionStatus.ASSURED)


# What each status means to a reader; the methodology page says the same in prose.
_MEANINGS = {
    ActionStatus.OVERDUE: "Past its due date and not yet complete, assured or superseded (worked out by the site).",
    ActionStatus.AT_RISK: "Under way, but the lead agency has reported that it may not be delivered as planned.",
    ActionStatus.IN_PROGRESS: "Under way.",
    ActionStatus.NOT_STARTED: "No work reported yet.",
    ActionStatus.COMPLETE: "Delivered, as reported by the lead agency.",
    ActionStatus.ASSURED: "Delivered, and the partnership has checked that it made a difference.",
    ActionStatus.SUPERSEDED: "Replaced by other work, or no longer needed; the latest update says why.",
}

STALE = "stale"  # not a status but a flag beside one: no update for longer than stale_after_days
STALE_LABEL = "No recent update"


class Delivery(StrEnum):
    """Where a recommendation's actions stand together, as one value to narrow the register by: worst first."""

    OVERDUE = "overdue"
    OPEN = "open"
    CLOSED = "closed"
    NO_ACTIONS = "no-actions"

    @property
    def label(self) -> str:
        return _DELIVERY_LABELS[self]


_DELIVERY_LABELS = {Delivery.OVERDUE: "Some actions overdue", Delivery.OPEN: "Under way, none overdue",
                    Delivery.CLOSED: "All actions closed", Delivery.NO_ACTIONS: "No actions"}


class Relation(StrEnum):
    """How a recommendation can point at an earlier one (``related`` in action-plan.md)."""

    REPEATS = "repeats"
    BUILDS_ON = "builds-on"
    REPLACES = "replaces"

    @property
    def words(self) -> str:
        """The relation as read from the later recommendation."""
        return self.value.capitalize().replace("-", " ")

    @property
    def back_words(self) -> str:
        """The relation as read from the earlier recommendation."""
        return _BACK_WORDS[self]


_BACK_WORDS = {Relation.REPEATS: "Repeated by", Relation.BUILDS_ON: "Built on by", Relation.REPLACES: "Replaced by"}
