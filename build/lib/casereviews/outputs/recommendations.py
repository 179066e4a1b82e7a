"""The register as open data: /data/recommendations.json (with its JSON Schema beside it), /data/recommendations.csv,
and /recommendations/register.json, the compact copy the register page's instant filters read.

All three are made from ``PublicSite.register``, which holds only public recommendations and only links between
them. The JSON is checked against its schema before anything is written, so the published file always matches the
schema published with it. CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from casereviews.clock import LONDON
from casereviews.content.schemas import SCHEMA_DIR, quick_data_validator
from casereviews.outputs.records import LIST_SEPARATOR, term
from casereviews.outputs.spreadsheet import safe_row
from casereviews.problems import OutputError
from casereviews.publication.register import Entry, Register
from casereviews.publication.site import PublicSite
from casereviews.statuses import Delivery, Response
from casereviews.urls import LICENCE, public_url, review_path

SCHEMA_FILE = SCHEMA_DIR / "recommendations-data.schema.json"
VERSION = "1.0"
COUNT_KEYS = ("total", "overdue", "at-risk", "in-progress", "not-started", "complete", "assured", "superseded",
              "stale")
CSV_COLUMNS = (
    "identifier", "review", "recommendation", "review_title", "year", "text", "theme_ids", "themes",
    "agency_ids", "agencies", "response", "response_note", "delivery",
    *(f"actions_{key.replace('-', '_')}" for key in COUNT_KEYS),
    "repeats", "builds_on", "replaces", "url",
)
@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")), format_checker=FormatChecker())


@cache
def _quick_validator() -> Callable[[Any], Any] | None:
    """The schema compiled by fastjsonschema, as for reviews.json (outputs/data.py): jsonschema took 5 s of CPU
    on the 5,600 recommendations of 2,000 reviews. It only says yes or no; jsonschema words any refusal. Formats
    are checked as jsonschema's ``FormatChecker`` checks them, so the two agree."""
    return quick_data_validator(SCHEMA_FILE, validator().format_checker)


def schema_errors(data: Any) -> list:
    """jsonschema's errors for ``data`` (none when the quick validator accepts it), first by path."""
    quick = _quick_validator()
    if quick is not None:
        try:
            quick(data)
            return []
        except Exception:  # noqa: BLE001 - refused, or anything odd: jsonschema judges
            pass
    return sorted(validator().iter_errors(data), key=lambda e: list(e.absolute_path))


def _link(site: PublicSite, relation: str, other: Entry) -> dict[str, str]:
    return {"recommendation": other.identifier, "relation": relation,
            "url": public_url(site.settings.site_url, other.path)}


def record(site: PublicSite, register: Register, entry: Entry) -> dict[str, Any]:
    review = entry.review
    tally = entry.tally
    return {
        "identifier": entry.identifier,
        "id": entry.id,
        "url": public_url(site.settings.site_url, entry.path),
        "review": {"slug": review.slug, "title": review.title,
                   "published": review.published.astimezone(LONDON).isoformat(), "year": entry.year,
                   "url": public_url(site.settings.site_url, review_path(review.slug))},
        "text": entry.recommendation.text,
        "themes": [term(t) for t in entry.themes],
        "agencies": [term(a) for a in entry.agencies],
        "response": entry.response,
        "response_note": entry.recommendation.response_note or None,
        "delivery": entry.delivery,
        "action_counts": {"total": tally.total, **dict(tally.by_status), "stale": tally.stale},
        "related": [_link(site, link.relation, link.entry) for link in register.earlier.get(entry.identifier, ())],
        "related_by": [_link(site, link.relation, link.entry) for link in register.later.get(entry.identifier, ())],
    }


def dataset(site: PublicSite) -> dict[str, Any]:
    """The whole of /data/recommendations.json."""
    register = site.register
    recs = [record(site, register, e) for e in register.entries]
    return {"version": VERSION, "publisher": site.settings.partnership, "licence": LICENCE,
            "as_of": site.at.isoformat(), "count": len(recs), "recommendations": recs}


def csv_row(rec: dict[str, Any]) -> dict[str, str]:
    counts = rec["action_counts"]

    def related(relation: str) -> str:
        return LIST_SEPARATOR.join(link["recommendation"] for link in rec["related"] if link["relation"] == relation)

    row = {
        "identifier": rec["identifier"], "review": rec["review"]["slug"], "recommendation": rec["id"],
        "review_title": rec["review"]["title"], "year": str(rec["review"]["year"]), "text": rec["text"],
        "theme_ids": LIST_SEPARATOR.join(t["id"] for t in rec["themes"]),
        "themes": LIST_SEPARATOR.join(t["label"] for t in rec["themes"]),
        "agency_ids": LIST_SEPARATOR.join(a["id"] for a in rec["agencies"]),
        "agencies": LIST_SEPARATOR.join(a["label"] for a in rec["agencies"]),
        "response": rec["response"], "response_note": rec["response_note"] or "", "delivery": rec["delivery"],
        **{f"actions_{key.replace('-', '_')}": str(counts[key]) for key in COUNT_KEYS},
        "repeats": related("repeats"), "builds_on": related("builds-on"), "replaces": related("replaces"),
        "url": rec["url"],
    }
    return safe_row(row)  # text a spreadsheet would run as a formula is neutralised (spreadsheet.py)


def filter_index(site: PublicSite) -> dict[str, Any]:
    """What the register page's instant filters need, and no more: one short row per recommendation, with
    reviews and labels listed once. Read only when a visitor first uses a filter."""
    register = site.register
    reviews = list(register.by_review)
    position = {slug: i for i, slug in enumerate(reviews)}
    labels = {d: {v.id: v.label for v in values} for d, values in register.values.items()}
    labels["response"] = {**{r.value: r.label for r in Response}, **labels["response"]}
    labels["delivery"] = {**{d.value: d.label for d in Delivery}, **labels["delivery"]}
    return {
        "version": VERSION,
        "reviews": [[e.review.slug, e.review.title, e.year] for e in (register.by_review[s][0] for s in reviews)],
        "labels": labels,
        "columns": ["identifier", "review", "text", "themes", "agencies", "response", "delivery", "delivery_text",
                    "related", "path"],
        "rows": [[e.identifier, position[e.review.slug], e.recommendation.text, [t.id for t in e.themes],
                  [a.id for a in e.agencies], e.response, e.delivery, e.delivery_sentence(),
                  [[link.relation, link.entry.identifier, link.entry.path]
                   for link in register.earlier.get(e.identifier, ())], e.path]
                 for e in register.entries],
    }


def write_recommendations(site: PublicSite, site_dir: Path, config: Any) -> None:
    data = dataset(site)
    errors = schema_errors(data)
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path)
        raise OutputError(f"data/recommendations.json does not match its schema at {where or 'the top'}: "
                          f"{error.message} (a bug in casereviews/outputs/recommendations.py, not in the content)")
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recommendations.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    (folder / "recommendations.schema.json").write_text(SCHEMA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(rec) for rec in data["recommendations"])
    (folder / "recommendations.csv").write_text(out.getvalue(), encoding="utf-8-sig", newline="")
    page_folder = site_dir / "recommendations"
    page_folder.mkdir(parents=True, exist_ok=True)
    (page_folder / "register.json").write_text(json.dumps(filter_index(site), ensure_ascii=False,
                                                          separators=(",", ":")), encoding="utf-8")
