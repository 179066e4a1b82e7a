"""The content model: what an editor wrote, checked and typed. Frozen, so no later step can change it in place.

Publication state and action progress are not here: they depend on the build's reference time and are worked
out in ``publication`` and ``progress``, so one model can be looked at from any moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from casereviews.statuses import ActionStatus, BriefingStatus, Relation, Response, ReviewState, ReviewStatus, member
from casereviews.urls import action_plan_path, briefing_path, document_href, review_path

BRIEFING_FORMATS = ("seven-minute", "note")

# The seven sections of a seven-minute briefing, in order. Editors may number them ("1. Background").
SEVEN_SECTIONS = (
    "Background",
    "Why it matters",
    "The information",
    "What was learned",
    "What to do",
    "Things to remember",
    "Questions for practitioners",
)


@dataclass(frozen=True)
class Term:
    """One entry of a controlled list: what editors write (id) and what readers see (label)."""

    id: str
    label: str
    description: str = ""
    family: str = ""  # review types and age bands: the id of their review family ("" for an age band: any)
    requires_approval: str = ""  # review types: who must approve publication, e.g. a Home Office panel
    min_available_months: int | None = None  # review types: how long a published report stays (None: default)


@dataclass(frozen=True)
class Family:
    """A family of reviews with its own rules and words: children's, adults', domestic abuse related deaths."""

    id: str
    label: str  # what readers see in filters and headings, e.g. "Adults"
    subject: str = "person"  # the word for the person the review is about: "child", "adult", "person"
    subjects: str = "people"  # the same in the plural: "children", "adults", "people"
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    review_types: dict[str, Term]
    themes: dict[str, Term]
    agencies: dict[str, Term]
    age_bands: dict[str, Term]
    review_families: dict[str, Family] = field(default_factory=dict)  # built-in families plus the vocabulary's
    briefing_formats: dict[str, Any] = field(default_factory=dict)  # id -> formats.BriefingFormat

    LISTS = ("review_types", "themes", "agencies", "age_bands")

    def terms(self, list_name: str) -> dict[str, Term]:
        return getattr(self, list_name)


@dataclass(frozen=True)
class Document:
    title: str
    file: str | None = None  # relative to the review folder
    url: str | None = None
    size: int | None = None  # bytes, for files
    kind: str = ""  # e.g. "PDF", from the file name

    @property
    def href(self) -> str:
        """The link from the review's page, percent-encoded (a file name may hold '#', '?' or spaces)."""
        return document_href(self.file, self.url)


@dataclass(frozen=True)
class Update:
    date: date
    status: ActionStatus
    note: str
    by: str = ""
    evidence: str = ""

    def __post_init__(self) -> None:
        # A value written in front matter becomes its enumeration member (statuses.py), once, here.
        object.__setattr__(self, "status", member(ActionStatus, self.status))


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    lead: Term
    due: date
    updates: tuple[Update, ...] = ()

    @property
    def latest(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    @property
    def written_status(self) -> str:
        """What the latest update says; an action nobody has reported on has not started."""
        return self.updates[-1].status if self.updates else "not-started"


@dataclass(frozen=True)
class Related:
    """A link from a recommendation to another one, as written: ``<slug>/<id>`` and how they relate. Checked
    across files once every review is read (casereviews/content/relations.py); ``line`` is kept for those messages."""

    recommendation: str  # "<slug>/<id>", e.g. 2021-child-sam/R2
    relation: Relation
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        # A value written in front matter becomes its enumeration member (statuses.py), once, here.
        object.__setattr__(self, "relation", member(Relation, self.relation))


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: str
    response: Response | None
    response_note: str = ""
    actions: tuple[Action, ...] = ()
    themes: tuple[Term, ...] = ()  # as written; empty means the review's themes (the register decides)
    related: tuple[Related, ...] = ()

    def __post_init__(self) -> None:
        # A value written in front matter becomes its enumeration member (statuses.py), once, here.
        object.__setattr__(self, "response", member(Response, self.response) if self.response else None)


@dataclass(frozen=True)
class ActionPlan:
    monitored_by: str
    reports_to: tuple[str, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    body: str = ""
    source: str = ""  # file name, for messages and the "edit" trail

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for r in self.recommendations for a in r.actions)


@dataclass(frozen=True)
class Section:
    """A ``##`` section of a briefing."""

    number: int
    title: str  # the heading as the editor wrote it, without its number
    anchor: str
    questions: bool = False  # the questions for practitioners, set apart on the page


@dataclass(frozen=True)
class Briefing:
    status: BriefingStatus
    published: datetime | None
    format: str = "seven-minute"
    title: str = ""
    format_label: str = ""  # the format's label, e.g. "Seven-minute briefing"
    body: str = ""
    sections: tuple[Section, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        # A value written in front matter becomes its enumeration member (statuses.py), once, here.
        object.__setattr__(self, "status", member(BriefingStatus, self.status))


@dataclass(frozen=True)
class Review:
    """A review as written. ``state`` is empty here and set only on the copies the public site holds."""

    slug: str
    status: ReviewStatus
    title: str = ""
    published: datetime | None = None
    review_type: Term | None = None
    summary: str = ""
    themes: tuple[Term, ...] = ()
    partnership: str = ""
    pseudonym: str = ""
    age_band: Term | None = None
    agencies: tuple[Term, ...] = ()
    key_learning: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    available_until: date | None = None
    withdrawn_reason: str = ""
    family: Family | None = None  # from the review type
    approved: date | None = None  # when publication was approved, for types that require it
    body: str = ""
    briefing: Briefing | None = None
    action_plan: ActionPlan | None = None
    source: str = ""
    folder: str = ""  # absolute path of the review folder, for copying document files
    state: ReviewState | None = None  # set by the public site: published, withdrawn or archived

    def __post_init__(self) -> None:
        # A value written in front matter becomes its enumeration member (statuses.py), once, here.
        object.__setattr__(self, "status", member(ReviewStatus, self.status))
        if self.state is not None:
            object.__setattr__(self, "state", member(ReviewState, self.state))

    @property
    def path(self) -> str:
        """The review's page, from the site root, percent-encoded (urls.py)."""
        return review_path(self.slug)

    @property
    def briefing_path(self) -> str:
        return briefing_path(self.slug)

    @property
    def action_plan_path(self) -> str:
        return action_plan_path(self.slug)


@dataclass(frozen=True)
class Group:
    """A group that monitors action plans and meets, e.g. the Learning and Practice Review Group
    (reviews/meetings.yml)."""

    id: str
    label: str


@dataclass(frozen=True)
class Meeting:
    group: Group
    date: date
    title: str = ""


@dataclass(frozen=True)
class Meetings:
    """reviews/meetings.yml, checked: the groups in the file's order, every meeting oldest first."""

    groups: tuple[Group, ...] = ()
    meetings: tuple[Meeting, ...] = ()


@dataclass(frozen=True)
class Content:
    """Everything under reviews/, checked: the input to every build."""

    vocabulary: Vocabulary
    reviews: tuple[Review, ...] = field(default_factory=tuple)
    meetings: Meetings = field(default_factory=Meetings)  # reviews/meetings.yml, when there is one
