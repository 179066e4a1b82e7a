"""``/data/actions.csv``: every public action as one spreadsheet row, for people who track plans in Excel.

Written from the public site alone, so a hidden review's actions cannot reach it. The first eight columns are the
ones the issue promises and are kept stable; the rest are extras for convenience. UTF-8 with a byte order mark,
which is what Excel needs to read accented letters and curly quotes correctly; the csv module and LibreOffice
read it as well.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from casereviews.outputs.spreadsheet import safe_row
from casereviews.publication.progress import TrackedAction
from casereviews.publication.site import PublicSite
from casereviews.urls import action_plan_path, fragment, public_url

PATH = "data/actions.csv"
COLUMNS = (
    "review", "recommendation", "action", "lead", "due", "status", "stale", "last_update",
    "review_title", "action_text", "lead_label", "written_status", "overdue", "days_overdue",
    "days_since_update", "last_update_note", "evidence", "response", "as_at", "url",
    "impact_check_due", "impact_check_overdue",
)


def row(action: TrackedAction, site_url: str, as_at: str) -> dict[str, str]:
    a, latest = action.action, action.last_update
    page = action_plan_path(action.review.slug) + fragment(f"action-{a.id}")
    return {
        "review": action.review.slug,
        "recommendation": action.recommendation.id,
        "action": a.id,
        "lead": a.lead.id,
        "due": a.due.isoformat(),
        "status": action.effective,
        "stale": _yes(action.stale),
        "last_update": latest.date.isoformat() if latest else "",
        "review_title": action.review.title,
        "action_text": a.text,
        "lead_label": a.lead.label,
        "written_status": action.status,
        "overdue": _yes(action.overdue),
        "days_overdue": str(action.days_overdue),
        "days_since_update": str(action.days_since_update),
        "last_update_note": latest.note if latest else "",
        "evidence": next((u.evidence for u in reversed(a.updates) if u.evidence), ""),
        "response": action.recommendation.response,
        "as_at": as_at,
        "url": public_url(site_url, page),  # as reviews.json and the feeds give it: the one rule in urls.py
        "impact_check_due": action.impact_due.isoformat() if action.impact_due else "",
        "impact_check_overdue": _yes(action.impact_overdue),
    }


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def write_actions_csv(site: PublicSite, site_dir: Path, config: Any) -> None:
    site_url = site.settings.site_url  # the build's site_url (Build.prepare), as every other output takes it
    target = site_dir / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    as_at = site.at.isoformat()
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for action in site.actions:
            writer.writerow(safe_row(row(action, site_url, as_at)))
