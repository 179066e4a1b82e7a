"""Structured data for review pages: a schema.org ``Report`` as JSON-LD, so search engines and repositories can
read a review's name, date, publisher, themes and documents without scraping the page.

Made from the public copy of the review, so a withdrawn or archived review describes only its catalogue record.
The JSON is made safe to sit inside a ``<script>`` element here, once, rather than trusted to each template.
"""

from __future__ import annotations

import json
from typing import Any

from .clock import LONDON
from .model import Review
from .publication import ARCHIVED, WITHDRAWN
from .records import LICENCE, document_url, media_type
from .site import PublicSite
from .urls import action_plan_path, briefing_path, public_url, review_path, theme_path

STATUS_NAMES = {"published": "Published", WITHDRAWN: "Withdrawn", ARCHIVED: "Archived"}


def report(review: Review, site: PublicSite) -> dict[str, Any]:
    base = site.settings.site_url
    url = public_url(base, review_path(review.slug))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url + "#report",
        "url": url,
        "name": review.title,
        "datePublished": review.published.astimezone(LONDON).isoformat() if review.published else None,
        "genre": review.review_type.label if review.review_type else None,
        "creativeWorkStatus": STATUS_NAMES.get(review.state, review.state),
        "description": review.withdrawn_reason if review.state == WITHDRAWN else review.summary,
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
        "license": LICENCE["url"],
        "publisher": {"@type": "Organization", "name": review.partnership},
        "about": [{"@type": "DefinedTerm", "name": t.label, "termCode": t.id,
                   "url": public_url(base, theme_path(t.id))} for t in review.themes],
    }
    media = [{"@type": "MediaObject", "name": d.title, "contentUrl": document_url(site, review, d),
              **({"encodingFormat": media_type(d)} if media_type(d) else {}),
              **({"contentSize": f"{d.size} bytes"} if d.file and d.size is not None else {})}
             for d in review.documents]
    if media:
        data["associatedMedia"] = media
    parts = []
    if review.briefing:
        parts.append({"@type": "WebPage", "name": review.briefing.title,
                      "url": public_url(base, briefing_path(review.slug))})
    if review.action_plan:
        parts.append({"@type": "WebPage", "name": f"Action plan: {review.title}",
                      "url": public_url(base, action_plan_path(review.slug))})
    if parts:
        data["hasPart"] = parts
    return {k: v for k, v in data.items() if v not in (None, "")}


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element early: '<', '>' and '&' become \\u escapes, which JSON
    reads back as the same characters; so do U+2028 and U+2029, which are valid in JSON but end a line in
    older JavaScript, so a consumer that evaluates the block as script still reads it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def report_json_ld(review: Review, site: PublicSite) -> str:
    """A Jinja filter: ``{{ review | report_json_ld(reviews_site) | safe }}`` inside a ld+json script."""
    return script_json(report(review, site))
