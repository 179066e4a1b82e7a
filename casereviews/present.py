"""Small formatting helpers the templates use as Jinja filters: dates, sizes and counts as a reader expects them."""

from __future__ import annotations

from datetime import date, datetime

from .clock import LONDON
from .structured import action_plan_json_ld, briefing_json_ld, og_image, report_json_ld


def long_date(value: date | datetime | None) -> str:
    """12 March 2024, the way British public bodies write dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date()
    return f"{value.day} {value:%B %Y}"


def iso_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date()
    return value.isoformat()


def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def year_of(value: datetime | None) -> str:
    return str(value.astimezone(LONDON).year) if value else ""


FILTERS = {"long_date": long_date, "iso_date": iso_date, "file_size": file_size, "plural": plural,
           "year_of": year_of}

# Structured data for review pages (structured.py); the output is already safe inside a <script> element.
FILTERS["report_json_ld"] = report_json_ld
FILTERS["briefing_json_ld"] = briefing_json_ld  # briefing pages: a LearningResource
FILTERS["action_plan_json_ld"] = action_plan_json_ld  # action plan pages: a Report of PlanActions
FILTERS["og_image"] = og_image  # the sharing card (outputs/og_card.py)
