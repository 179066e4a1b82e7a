"""The meetings index and each meeting pack's page (the packs themselves are worked out in
``casereviews.publication.calendar``)."""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.pages.actionplans import common_context
from casereviews.pages.spec import PageSpec
from casereviews.present import long_date, moment_words
from casereviews.publication.site import PublicSite
from casereviews.urls import PATHS


def meeting_pages(site: PublicSite) -> Iterable:
    calendar = site.calendar  # the index is made even with no meetings file: the methodology page links to it
    yield PageSpec(
        f"{PATHS.meetings}index.md", "Meetings and meeting packs", "meetings.html",
        description="The meetings of the groups that monitor the action plans, newest first, each with a pack of "
                    "what changed since the group last met.",
        context={**common_context(), "calendar": calendar, "as_at_words": moment_words(site.at)},
        hide=("navigation",),
    )
    for pack in calendar.packs:
        yield PageSpec(
            f"{pack.path.rstrip('/')}.md", pack.title, "meeting-pack.html",
            description=f"What changed in the action plans {pack.group.label} covers, between "
                        f"{long_date(pack.since)} and its meeting on {long_date(pack.meeting.date)}, as it stood on "
                        "the meeting's day.",
            context={**common_context(), "pack": pack},
            hide=("navigation", "toc"),
        )


MAKERS = [meeting_pages]
