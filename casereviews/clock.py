"""The build's reference time: one moment against which everything is judged public or not, overdue or not.

It is ``REVIEWS_AS_OF`` when set (so a build can be reproduced and tests do not rot with the calendar), else now.
A bare date means 00:00 in Europe/London that day, which is what a partnership means by "publish on 12 March".
"""

from __future__ import annotations

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ENV_VAR = "REVIEWS_AS_OF"


class ClockError(ValueError):
    """REVIEWS_AS_OF holds something that is not a date or date-time."""


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date or date-time as an aware datetime; naive values are taken as London time."""
    text = text.strip()
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=LONDON)
    value = datetime.fromisoformat(text.replace(" ", "T", 1))
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


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
