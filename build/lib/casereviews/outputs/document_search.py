"""Search entries for the text inside published documents: one per PDF or Word document, with a section per page.

Pagefind reads HTML, and a PDF is not HTML, so each document is handed to Pagefind as a small HTML file of its
own (``outputs.search_index``), never written to the site: its URL is the document's, its sections are its pages,
and each page's heading has the id ``page=N``. Pagefind gives every heading with an id a sub-result whose URL is
the document's with that id as its fragment, ``files/report.pdf#page=5``, which browsers' PDF viewers open at
page 5; the search page links a document's result to the page with the most of the words searched for. One
entry per document rather than per page: Pagefind's memory grows with the number of entries far more than with
the words (a third of the memory, for the same text, in BENCHMARK.md).

Each entry carries its review's filters with ``kind`` "Document", and its title names the document and its
review. Only the public site's ``document_texts`` are used, and the public site reads only the documents of
reviews that are public in full: a draft, embargoed, withdrawn or archived review's documents can never reach
search.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from casereviews.content.documents import MIN_PAGE_CHARS, PDF
from casereviews.pages.search import SORT_KEY, record
from casereviews.publication.site import PublicSite


@dataclass(frozen=True)
class DocumentRecord:
    """One document as Pagefind is given it: the arguments of ``PagefindIndex.add_html_file``."""

    url: str
    html: str
    pages: int  # pages with text, each a section (and sub-result) of its own


def document_records(site: PublicSite) -> Iterator[DocumentRecord]:
    for review in site.published:
        texts = site.document_texts_of(review)
        base = record(review, "document") if texts else None
        if base is None:
            continue
        for document in review.documents:
            text = texts.get(document.file) if document.file else None
            if text is None or not text.readable:
                continue
            pages = [(n, page) for n, page in enumerate(text.pages, start=1) if len(page) >= MIN_PAGE_CHARS]
            if not pages:
                continue  # a scan: nothing to find
            meta = [*((k, v) for k, v in base.meta if k != "title"), ("title", f"{document.title} – {review.title}"),
                    ("document", document.title), ("review", review.title)]
            head = "".join(f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>' for k, v in base.filters)
            head += "".join(f'<span data-pagefind-meta="{escape(k)}">{escape(v)}</span>' for k, v in meta)
            head += f'<span data-pagefind-sort="{SORT_KEY}">{escape(base.published)}</span>'
            if text.kind == PDF:
                body = "".join(f'<section><h2 id="page={n}">page {n}</h2><p>{escape(page)}</p></section>'
                               for n, page in pages)
            else:
                body = "".join(f"<p>{escape(page)}</p>" for _n, page in pages)
            yield DocumentRecord(
                url=f"/reviews/{review.slug}/{document.file}",
                html=(f'<!DOCTYPE html><html lang="en"><head><title>{escape(document.title)}</title></head><body>'
                      f'<main data-pagefind-body><div hidden data-pagefind-ignore>{head}</div>{body}</main>'
                      "</body></html>"),
                pages=len(pages),
            )
