"""How dates, times, sizes and counts read, for readers and editors alike: the one place the project formats a date
for people (machine formats, ISO 8601 in data files and feeds, are ``isoformat``). The templates use these as
Jinja filters (pages/filters.py)."""

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


def moment_words(at: datetime) -> str:
    """'26 November 2026', or '26 November 2026 at 12:00' when the moment is not London midnight: a reference
    time as the action plan pages state it."""
    local = at.astimezone(LONDON)
    day = long_date(local)
    return day if (local.hour, local.minute) == (0, 0) else f"{day} at {local:%H:%M}"


def editor_moment(value: datetime | None) -> str:
    """A London date for an editor's list, with the time and zone only when it is not midnight (a bare date in the
    content): '2026-03-01', '2026-03-01 09:30 GMT'."""
    if value is None:
        return "no date"
    local = value.astimezone(LONDON)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M %Z")


def clock_time(value: datetime) -> str:
    """'01:30': the time of day, as a message about it says it."""
    return f"{value:%H:%M}"


def iso_moment(value: datetime) -> str:
    """A moment in ISO 8601 with London's offset, for a <time datetime> attribute."""
    return value.astimezone(LONDON).isoformat()


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

