"""Long lists split into numbered pages, so that a listing stays light at national scale.

A partnership's site lists tens of reviews; a national hub thousands. A page that lists every one of 2,000
reviews is a megabyte of HTML a phone must download and lay out before the reader sees the first row. So long
listings are cut into pages of a fixed size: page 1 keeps the listing's own address (``reviews/``) and later pages
follow it (``reviews/page/2/``), the usual static-site convention. A list that fits on one page is one page, as
before. Full lists stay available as data (``/data/reviews.csv``, ``/data/actions.csv``) and in search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

REVIEWS_PER_PAGE = 100  # /reviews/: a row is about half a kilobyte
THEME_REVIEWS_PER_PAGE = 50  # a theme page: each review also brings its key learning and briefing
ACTIONS_PER_PAGE = 100  # an agency page: a row carries the action and its latest update
DASHBOARD_LIST = 20  # the dashboard's overdue and quiet lists: the longest first, the rest on agency pages
DASHBOARD_PLANS = 30  # the dashboard's table of plans: the newest first, every plan in the progress report


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a split listing. ``base`` is the first page's path from the site root, with a
    trailing slash (``themes/neglect/``)."""

    base: str
    number: int  # 1-based
    count: int  # how many pages the listing has
    first: int  # 1-based position of the first item on this page
    last: int  # position of the last item on this page
    total: int  # items in the whole listing
    size: int  # items per page

    def path(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def numbers(self) -> tuple[int | None, ...]:
        """The page numbers to link: the first, the last and two either side of this one; None where numbers
        are left out (a phone has room for about ten)."""
        keep = {1, self.count, *range(self.number - 2, self.number + 3)}
        out: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                out.append(n)
            elif out and out[-1] is not None:
                out.append(None)
        return tuple(out)

    @property
    def split(self) -> bool:
        return self.count > 1


@dataclass(frozen=True)
class Page(Generic[T]):
    pager: Pager
    items: tuple[T, ...]

    def src_uri(self, first: str) -> str:
        """The page's source path for MkDocs: ``first`` (e.g. ``themes/neglect.md``) for page 1, else
        ``themes/neglect/page/2.md``."""
        if self.pager.number == 1:
            return first
        folder = first.removesuffix(".md").removesuffix("index").rstrip("/")
        return f"{folder}/page/{self.pager.number}.md"

    def title(self, title: str) -> str:
        return title if not self.pager.split else f"{title} (page {self.pager.number} of {self.pager.count})"


def paginate(items: Sequence[T], size: int, base: str) -> list[Page[T]]:
    """``items`` in pages of ``size`` (at least one page, even when empty)."""
    if size < 1:
        raise ValueError("page size must be at least 1")
    count = max(1, -(-len(items) // size))
    pages = []
    for number in range(1, count + 1):
        chunk = tuple(items[(number - 1) * size:number * size])
        first = (number - 1) * size + 1 if chunk else 0
        last = first + len(chunk) - 1 if chunk else 0
        pages.append(Page(Pager(base, number, count, first, last, len(items), size), chunk))
    return pages
