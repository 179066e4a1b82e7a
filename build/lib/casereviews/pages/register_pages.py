"""The register's pages: /recommendations/ (the register, page by page), a page set for each value a reader can
narrow by (theme, agency, response, year, delivery), and /recommendations/recurring/ for a committee report.
Page makers here are appended to ``pages.MAKERS``; everything they show comes from ``PublicSite.register``.

Narrowing works without JavaScript because each value has its own pages; no page lists more than ``PAGE_SIZE``
recommendations, so the register stays readable (and each page small) at national scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casereviews.pages.spec import PageSpec
from casereviews.publication.register import DIMENSIONS, Entry, Value, pages_of
from casereviews.publication.site import PublicSite
from casereviews.statuses import Delivery

PAGE_SIZE = 100  # recommendations a page; see BENCHMARK.md for page sizes and cost at 2,000 reviews
ROOT = "recommendations"


@dataclass(frozen=True)
class Pager:
    """Where a page sits in its list: numbers, and the path of each page (relative to the site root)."""

    number: int
    count: int
    base: str  # path of page 1, e.g. recommendations/theme/neglect/
    total: int  # recommendations in the whole list
    size: int

    def path(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last_index(self) -> int:
        return min(self.number * self.size, self.total)

    @property
    def window(self) -> tuple[int, ...]:
        """Page numbers to link: the first, the last, and two either side of this one."""
        near = set(range(max(1, self.number - 2), min(self.count, self.number + 2) + 1))
        return tuple(sorted(near | {1, self.count}))


def _src(path: str) -> str:
    return f"{path}index.md"


def _list_pages(site: PublicSite, entries: tuple[Entry, ...], base: str, title: str, description: str,
                value: Value | None) -> Iterable:

    register = site.register
    count = max(1, -(-len(entries) // PAGE_SIZE))
    for number, chunk in pages_of(entries, PAGE_SIZE):
        pager = Pager(number, count, base, len(entries), PAGE_SIZE)
        page_title = title if number == 1 else f"{title} (page {number} of {count})"
        yield PageSpec(
            _src(pager.path(number)), page_title, "recommendations-list.html",
            description=description,
            context={"entries": chunk, "pager": pager, "register": register, "value": value,
                     "dimensions": DIMENSIONS, "heading": title},
            hide=("navigation", "toc"),
        )


def register_pages(site: PublicSite) -> Iterable:
    register = site.register
    entries = register.entries
    count = max(1, -(-len(entries) // PAGE_SIZE))
    pager = Pager(1, count, f"{ROOT}/", len(entries), PAGE_SIZE)
    repeating = sum(1 for e in entries if register.repeats(e))
    yield PageSpec(
        _src(f"{ROOT}/"), "Register of recommendations", "recommendations.html",
        description="Every recommendation of the published reviews in one register: its review, year, themes, "
                    "response and the delivery of its actions, and whether it repeats an earlier one.",
        context={"entries": entries[:PAGE_SIZE], "pager": pager, "register": register, "dimensions": DIMENSIONS,
                 "repeating": repeating, "reviews_with_plans": len(register.by_review)},
        hide=("navigation", "toc"),
    )
    for number, chunk in pages_of(entries, PAGE_SIZE):
        if number == 1:
            continue
        yield PageSpec(
            _src(pager.path(number)), f"Register of recommendations (page {number} of {count})",
            "recommendations-list.html",
            description="Every recommendation of the published reviews, newest review first.",
            context={"entries": chunk, "pager": Pager(number, count, f"{ROOT}/", len(entries), PAGE_SIZE),
                     "register": register, "value": None, "dimensions": DIMENSIONS,
                     "heading": "Register of recommendations"},
            hide=("navigation", "toc"),
        )
    for dimension, values in register.values.items():
        for value in values:
            title = _narrowed_title(dimension, value)
            yield from _list_pages(site, register.groups[dimension][value.id], value.path, title,
                                   f"{title}, newest review first: {value.count} in all.", value)


def _narrowed_title(dimension: str, value: Value) -> str:
    if dimension == "theme":
        return f"Recommendations on {value.label.lower()}"
    if dimension == "agency":
        return f"Recommendations with actions led by {value.label}"
    if dimension == "response":
        return f"Recommendations: {value.label.lower()}"
    if dimension == "year":
        return f"Recommendations of reviews published in {value.label}"
    return f"Recommendations: {Delivery(value.id).label.lower()}"


def recurring_page(site: PublicSite) -> Iterable:
    register = site.register
    yield PageSpec(
        _src(f"{ROOT}/recurring/"), "Recurring learning", "recommendations-recurring.html",
        description="The themes and recommendations that come back most often across the published reviews, "
                    "year after year.",
        context={"register": register, "themes": register.theme_summaries, "chains": register.chains[:20],
                 "most_repeated": register.most_repeated[:20]},
        hide=("navigation", "toc"),
    )


MAKERS = [register_pages, recurring_page]
