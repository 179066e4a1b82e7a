"""One small page per public recommendation at /recommendation/<slug>/<id>/: the address its identifier stands
for, and the record Pagefind indexes for it (kind "Recommendation").

A recommendation lives on its action plan page (``#rec-<id>``), and Pagefind indexes a page as one record, so each
recommendation needs a page of its own to be found on its own. Rendering ten thousand more pages through MkDocs
and the theme would cost more than the rest of the build; these are written directly, a few hundred bytes each:
the identifier, the text, the review and a link, and a refresh that takes a visitor straight to the plan. The
search page links results to the plan itself (the ``url`` in the record's metadata).

Written from ``PublicSite.register`` only, before Pagefind runs. Every value is escaped for HTML text or a
double-quoted attribute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape

from casereviews.pages.search import recommendation_record
from casereviews.publication.register import Entry
from casereviews.publication.site import PublicSite

FOLDER = "recommendation"


def permalink_path(entry: Entry) -> str:
    """The page's path from the site root, e.g. recommendation/2021-child-sam/R2/."""
    return f"{FOLDER}/{entry.review.slug}/{entry.id}/"


def page(entry: Entry, site_name: str) -> str:
    rec = entry.recommendation
    up = "../../../"  # from recommendation/<slug>/<id>/ to the site root
    target = up + entry.path
    search = recommendation_record(entry)
    filters = "".join(f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>' for k, v in search.filters)
    meta = "".join(f'<span data-pagefind-meta="{escape(k)}">{escape(v)}</span>' for k, v in search.meta)
    meta += f'<span data-pagefind-meta="url">{escape(entry.path)}</span>'  # from the site root
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>Recommendation {escape(entry.identifier)} - {escape(site_name)}</title>'
        f'<link rel="canonical" href="{escape(target)}">'
        f'<link rel="alternate feed" type="application/atom+xml" title="{escape(site_name)}: reviews, briefings and '
        f'action plan updates" href="{up}feed.xml">'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">'
        '</head><body><main>'
        f'<div hidden data-pagefind-ignore>{filters}{meta}'
        f'<span data-pagefind-sort="published">{escape(search.published)}</span></div>'
        f'<div data-pagefind-body><h1>Recommendation {escape(entry.identifier)}</h1>'
        f'<p>{escape(rec.text)}</p>'
        f'<p>From <a href="{escape(up)}reviews/{escape(entry.review.slug)}/">{escape(entry.review.title)}</a>, '
        f'{entry.year}. Response: {escape(entry.response_label)}. {escape(entry.delivery_sentence())}.</p></div>'
        f'<p><a href="{escape(target)}">See it in the action plan</a></p>'
        '</main></body></html>\n'
    )


def write_permalinks(site: PublicSite, site_dir: Path, config: Any) -> None:
    site_name = (config.get("site_name") if config else "") or site.settings.partnership
    for entry in site.register.entries:
        folder = site_dir / permalink_path(entry)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(page(entry, site_name), encoding="utf-8")
