"""Small formatting helpers the templates use as Jinja filters: dates, sizes and counts as a reader expects them."""

from __future__ import annotations

from datetime import date, datetime

from casereviews.clock import LONDON


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

