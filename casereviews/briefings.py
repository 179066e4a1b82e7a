"""Learning briefings: the page of each public briefing and the list of them all.

A briefing is what practitioners actually read, on a phone between visits or printed for a team meeting, so its
page is built to be read in seven minutes and printed on one or two sheets. Which briefings are public is decided
once, in ``site.PublicSite`` (through ``publication.briefing_is_public``); this module only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .check import headings
from .model import Briefing
from .sections import MARK
from .site import PublicSite

if TYPE_CHECKING:  # pages.py lists these makers in MAKERS, so PageSpec is imported where it is used
    from .pages import PageSpec

FORMAT_LABELS = {"seven-minute": "Seven-minute briefing", "note": "Practice note"}
QUESTIONS = 7  # the section that holds the questions for practitioners, set apart on the page


def briefing_pages(site: PublicSite) -> Iterable[PageSpec]:
    from .pages import PageSpec

    for review in site.briefings:
        briefing = review.briefing
        kind = FORMAT_LABELS[briefing.format]
        yield PageSpec(
            src_uri=f"reviews/{review.slug}/briefing.md",
            title=briefing.title,
            template="briefing.html",
            body=briefing_markdown(briefing),
            description=f"{kind} for practitioners on the learning from {review.title}.",
            context={"review": review, "briefing": briefing, "format_label": kind,
                     "address": page_address(site, f"reviews/{review.slug}/briefing/")},
        )


def briefing_list_page(site: PublicSite) -> Iterable[PageSpec]:
    from .pages import PageSpec

    yield PageSpec(
        "briefings/index.md", "Learning briefings", "briefings.html",
        description="Short learning briefings for people who work with children, one for each published "
                    "review, newest first.",
        context={"reviews": site.briefings, "format_labels": FORMAT_LABELS}, hide=("navigation", "toc"),
    )


def page_address(site: PublicSite, path: str) -> str:
    """The full address to print under a briefing; empty when the build has no site_url (the page's script then
    prints the address the reader has open)."""
    base = site.settings.site_url
    return f"{base.rstrip('/')}/{path}" if base else ""


def briefing_markdown(briefing: Briefing) -> str:
    """The body MkDocs renders: a seven-minute briefing's ``##`` sections each wrapped in a ``<section>``.

    The wrapper lets the print stylesheet keep a section on one sheet and lets the questions for practitioners be
    set apart in a box; the heading is rewritten in the standard form with its number marked up, so every briefing
    is numbered the same way whatever the editor typed ("## 1. Background", "## Background"). A note is free-form
    and passes through unchanged. The heading's ``data-section`` attribute asks ``sections.SectionsExtension``
    (registered by the hook) for the wrapper, with the classes it names.
    """
    if briefing.format != "seven-minute" or not briefing.sections:
        return briefing.body
    lines = briefing.body.split("\n")
    starts = [line for level, line, _ in headings(briefing.body) if level == 2]
    if len(starts) != len(briefing.sections):  # cannot happen for a checked briefing; show it as written
        return briefing.body
    out = lines[: starts[0] - 1]
    bounds = [*starts, len(lines) + 1]
    for section, start, end in zip(briefing.sections, bounds, bounds[1:], strict=False):
        css = "cr-section cr-questions" if section.number == QUESTIONS else "cr-section"
        out += [
            "",
            f'## <span class="cr-section__number">{section.number}</span> {section.title} '
            f'{{#{section.anchor} {MARK}="{css}"}}',
            *lines[start:end - 1],
            "",
        ]
    return "\n".join(out)

