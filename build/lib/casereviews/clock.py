"""The build's reference time: one moment against which everything is judged public or not, overdue or not.

It is ``REVIEWS_AS_OF`` when set (so a build can be reproduced and tests do not rot with the calendar), else now.
A bare date means 00:00 in Europe/London that day, which is what a partnership means by "publish on 12 March".
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from casereviews.problems import ReviewsError

LONDON = ZoneInfo("Europe/London")
ENV_VAR = "REVIEWS_AS_OF"


class ClockError(ReviewsError, ValueError):
    """REVIEWS_AS_OF holds something that is not a date or date-time."""


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date or date-time as an aware datetime; naive values are taken as London time."""
    text = text.strip()
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=LONDON)
    value = datetime.fromisoformat(text.replace(" ", "T", 1))
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def london_time_problem(text: str) -> str | None:
    """Why a local London time (one written without an offset) is not one moment, or None when it is.

    Clocks go forward at 01:00 on the last Sunday of March, so 01:30 that day never happens; they go back at
    02:00 on the last Sunday of October, so 01:30 that day happens twice, an hour apart. Python would quietly
    pick one. An embargo must lift at the moment the editor meant, so the first is refused and the second needs
    the offset written out (+01:00 for the first 01:30, +00:00 for the second).
    """
    text = text.strip()
    if len(text) == 10:
        return None  # a bare date is midnight, which always exists in London
    value = datetime.fromisoformat(text.replace(" ", "T", 1))
    if value.tzinfo is not None:
        return None
    first, second = value.replace(tzinfo=LONDON, fold=0), value.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    shown = value.time().isoformat(timespec="minutes")
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != value:
        return (f"{shown} on {value.date()} does not exist in London: the clocks go forward an hour at 01:00 that "
                "day; write a time before 01:00 or from 02:00")
    return (f"{shown} on {value.date()} happens twice in London (the clocks go back at 02:00 that day): add the "
            f"offset, e.g. {value.date()}T{shown}+01:00 for the first time or {value.date()}T{shown}+00:00 for the "
            "second")


def reference_time(environ: dict[str, str] | None = None) -> datetime:
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_VAR, "").strip()
    if not raw:
        return datetime.now(tz=LONDON)
    try:
        return parse_moment(raw)
    except ValueError:
        raise ClockError(
            f"{ENV_VAR}={raw!r} is not a date or date-time: use e.g. 2024-03-12 or 2024-03-12T10:00:00+00:00"
        ) from None


def local_date(moment: datetime) -> date:
    """The calendar day in London at ``moment``: due dates and update dates are London days."""
    return moment.astimezone(LONDON).date()
