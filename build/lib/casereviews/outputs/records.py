"""One open-data record per public review: what /data/reviews.json and /data/reviews.csv hold.

Built from the public site only, so a withdrawn or archived review carries exactly what its page still shows
(its catalogue record and status), and a briefing or action plan URL appears only when that page is public.
The JSON Schema of a record is ``schema/reviews-data.schema.json``; the CSV is the same record flattened.
"""

from __future__ import annotations

from typing import Any

from casereviews import urls
from casereviews.clock import LONDON
from casereviews.content.documents import media_type
from casereviews.content.model import Document, Review, Term
from casereviews.publication.progress import Tally
from casereviews.publication.site import PublicSite
from casereviews.statuses import STALE, ActionStatus, ReviewState
from casereviews.urls import LICENCE, action_plan_path, briefing_path, public_url, review_path

COUNT_KEYS = ("total", *ActionStatus, STALE)
LIST_SEPARATOR = "; "


def term(value: Term | None) -> dict[str, str] | None:
    return {"id": value.id, "label": value.label} if value else None


def document_url(site: PublicSite, review: Review, document: Document) -> str:
    return urls.document_url(site.settings.site_url, review.slug, document.file, document.url)


def action_counts(site: PublicSite, review: Review) -> dict[str, int] | None:
    """Actions by effective status, plus how many are stale (which overlaps them); None without a public plan."""
    if not review.action_plan:
        return None
    tally = site.tallies.get(review.slug) or Tally.of(())
    return {"total": tally.total, **dict(tally.by_status), "stale": tally.stale}


def review_record(site: PublicSite, review: Review) -> dict[str, Any]:
    base = site.settings.site_url
    return {
        "slug": review.slug,
        "url": public_url(base, review_path(review.slug)),
        "title": review.title,
        "review_type": term(review.review_type),
        "partnership": review.partnership,
        "published": review.published.astimezone(LONDON).isoformat() if review.published else None,
        "status": review.state,
        "pseudonym": review.pseudonym or None,
        "age_band": term(review.age_band),
        "themes": [term(t) for t in review.themes],
        "agencies": [term(a) for a in review.agencies],
        "summary": review.summary or None,
        "key_learning": list(review.key_learning),
        "documents": [{"title": d.title, "url": document_url(site, review, d), "media_type": media_type(d.file),
                       "size_bytes": d.size if d.file else None} for d in review.documents],
        "briefing_url": public_url(base, briefing_path(review.slug)) if review.briefing else None,
        "action_plan_url": public_url(base, action_plan_path(review.slug)) if review.action_plan else None,
        "action_counts": action_counts(site, review),
        "available_until": review.available_until.isoformat() if review.available_until else None,
        "withdrawn_reason": (review.withdrawn_reason or None) if review.state == ReviewState.WITHDRAWN else None,
        "family": {"id": review.family.id, "label": review.family.label} if review.family else None,
    }


def records(site: PublicSite) -> list[dict[str, Any]]:
    """Every public review, newest first, as the listing shows them."""
    return [review_record(site, r) for r in site.reviews]


def csv_columns() -> list[str]:
    return [
        "slug", "url", "title", "review_type_id", "review_type", "partnership", "published", "status",
        "pseudonym", "age_band_id", "age_band", "theme_ids", "themes", "agency_ids", "agencies", "summary",
        "key_learning", "document_urls", "briefing_url", "action_plan_url",
        *(f"actions_{key.replace('-', '_')}" for key in COUNT_KEYS),
        "available_until", "withdrawn_reason", "family_id", "family",
    ]


def flatten(record: dict[str, Any]) -> dict[str, str]:
    """A record as one CSV row: terms split into id and label columns, lists joined with '; ', nulls empty."""
    def text(value: Any) -> str:
        return "" if value is None else str(value)

    def join(values: list[Any]) -> str:
        return LIST_SEPARATOR.join(str(v) for v in values)

    counts = record["action_counts"] or {}
    row = {
        "slug": record["slug"], "url": record["url"], "title": record["title"],
        "review_type_id": (record["review_type"] or {}).get("id", ""),
        "review_type": (record["review_type"] or {}).get("label", ""),
        "partnership": record["partnership"], "published": text(record["published"]), "status": record["status"],
        "pseudonym": text(record["pseudonym"]),
        "age_band_id": (record["age_band"] or {}).get("id", ""),
        "age_band": (record["age_band"] or {}).get("label", ""),
        "theme_ids": join(t["id"] for t in record["themes"]),
        "themes": join(t["label"] for t in record["themes"]),
        "agency_ids": join(a["id"] for a in record["agencies"]),
        "agencies": join(a["label"] for a in record["agencies"]),
        "summary": text(record["summary"]),
        "key_learning": join(record["key_learning"]),
        "document_urls": join(d["url"] for d in record["documents"]),
        "briefing_url": text(record["briefing_url"]),
        "action_plan_url": text(record["action_plan_url"]),
        **{f"actions_{key.replace('-', '_')}": text(counts.get(key)) for key in COUNT_KEYS},
        "available_until": text(record["available_until"]),
        "withdrawn_reason": text(record["withdrawn_reason"]),
        "family_id": (record.get("family") or {}).get("id", ""),
        "family": (record.get("family") or {}).get("label", ""),
    }
    return row


# The version of /data/reviews.json. 1.0 had no version field; 1.1 added it (optional fields only, nothing renamed).
# A hub reads this version and the one before (casereviews/hub/records.py, READS_VERSIONS).
DATA_VERSION = "1.1"



def dataset(site: PublicSite) -> dict[str, Any]:
    """The whole of /data/reviews.json."""
    reviews = records(site)
    return {"version": DATA_VERSION, "publisher": site.settings.partnership, "licence": LICENCE,
            "as_of": site.at.isoformat(),
            "count": len(reviews), "reviews": reviews}
