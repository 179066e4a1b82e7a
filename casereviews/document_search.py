"""Search records for the text inside published documents: one per page of a PDF, one per Word document.

Pagefind reads HTML, and a PDF is not HTML, so these are handed to Pagefind as custom records
(``outputs.search_index``). Each carries its review's filters with ``kind`` "Document", is titled with the
document's title and its review, and links to the page where the words are (``files/report.pdf#page=5``, which
browsers' PDF viewers open at page 5).

Only the public site's ``document_texts`` are used, and the public site reads only the documents of reviews that
are public in full: a draft, embargoed, withdrawn or archived review's documents can never reach search.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .documents import MIN_PAGE_CHARS, PDF
from .search import SORT_KEY, record
from .site import PublicSite


@dataclass(frozen=True)
class DocumentRecord:
    """One Pagefind custom record: the arguments of ``PagefindIndex.add_custom_record``."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def document_records(site: PublicSite) -> Iterator[DocumentRecord]:
    for review in site.published:
        texts = site.document_texts_of(review)
        base = record(review, "document") if texts else None
        if base is None:
            continue
        filters: dict[str, list[str]] = {}
        for key, value in base.filters:
            filters.setdefault(key, []).append(value)
        meta = dict(base.meta)
        for document in review.documents:
            text = texts.get(document.file) if document.file else None
            if text is None or not text.readable:
                continue
            many = len(text.pages) > 1
            for number, page in enumerate(text.pages, start=1):
                if len(page) < MIN_PAGE_CHARS:
                    continue  # a blank or scanned page: nothing to find
                where = f", page {number}" if text.kind == PDF and many else ""
                title = f"{document.title}{where} – {review.title}"
                fragment = f"#page={number}" if text.kind == PDF else ""
                yield DocumentRecord(
                    url=f"/reviews/{review.slug}/{document.file}{fragment}",
                    content=page,  # the meta carries the browse word, as pages' does: Pagefind searches meta
                    meta={**meta, "title": title},
                    filters=filters,
                    sort={SORT_KEY: base.published},
                )
