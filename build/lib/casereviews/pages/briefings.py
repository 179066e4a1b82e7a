"""Learning briefings: the page of each public briefing and the list of them all.

A briefing is what practitioners actually read, on a phone between visits or printed for a team meeting, so its
page is built to be read in seven minutes and printed on one or two sheets. Which briefings are public is decided
once, in ``site.PublicSite`` (through ``publication.briefing_is_public``); this module only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.content.formats import BUILT_IN, headings
from casereviews.content.model import Briefing
from casereviews.pages import search
from casereviews.pages.sections import MARK
from casereviews.pages.spec import PageSpec
from casereviews.publication.site import PublicSite
from casereviews.urls import briefing_path, public_url

FORMAT_LABELS = {f.id: f.label for f in BUILT_IN.values()}  # a briefing carries its own format's label


def briefing_pages(site: PublicSite) -> Iterable[PageSpec]:
    for review in site.briefings:
        briefing = review.briefing
        kind = briefing.format_label or FORMAT_LABELS.get(briefing.format, "Learning briefing")
        yield PageSpec(
            src_uri=f"reviews/{review.slug}/briefing.md",
            title=briefing.title,
            template="briefing.html",
            body=briefing_markdown(briefing),
            description=f"{kind} for practitioners on the learning from {review.title}.",
            context={"review": review, "briefing": briefing, "format_label": kind,
                     "search": search.record(review, "briefing"),
                     "address": page_address(site, briefing_path(review.slug))},
        )


def briefing_list_page(site: PublicSite) -> Iterable[PageSpec]:
    yield PageSpec(
        "briefings/index.md", "Learning briefings", "briefings.html",
        description=f"Short learning briefings for people who work with {site.subjects}, one for each "
                    "published review, newest first.",
        context={"reviews": site.briefings, "format_labels": FORMAT_LABELS, "subjects": site.subjects},
        hide=("navigation", "toc"),
    )


def page_address(site: PublicSite, path: str) -> str:
    """The full address to print under a briefing; empty when the build has no site_url (the page's script then
    prints the address the reader has open)."""
    base = site.settings.site_url
    return public_url(base, path) if base else ""


def briefing_markdown(briefing: Briefing) -> str:
    """The body MkDocs renders: a sectioned briefing's ``##`` sections each wrapped in a ``<section>``.

    The wrapper lets the print stylesheet keep a section on one sheet and lets the questions for practitioners be
    set apart in a box; the heading keeps the editor's words and gets its number marked up, so every briefing is
    numbered the same way whatever the editor typed ("## 1. Background", "## Background", "## 1) Background").
    A free-form briefing (a note) passes through unchanged. The heading's ``data-section`` attribute asks
    ``sections.SectionsExtension`` (registered by the hook) for the wrapper, with the classes it names.
    """
    if not briefing.sections:
        return briefing.body
    lines = briefing.body.split("\n")
    starts = [line for level, line, _ in headings(briefing.body) if level == 2]
    if len(starts) != len(briefing.sections):  # cannot happen for a checked briefing; show it as written
        return briefing.body
    out = lines[: starts[0] - 1]
    bounds = [*starts, len(lines) + 1]
    for section, start, end in zip(briefing.sections, bounds, bounds[1:], strict=False):
        css = "cr-section cr-questions" if section.questions else "cr-section"
        out += [
            "",
            f'## <span class="cr-section__number">{section.number}</span> {section.title} '
            f'{{#{section.anchor} {MARK}="{css}"}}',
            *lines[start:end - 1],
            "",
        ]
    return "\n".join(out)


MAKERS = [briefing_pages, briefing_list_page]
