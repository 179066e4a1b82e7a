"""Where each action stands at the reference time. Lateness and staleness are computed, never typed.

- status: what the latest update says (``not-started`` with none);
- overdue: the due day is before the reference day and the action is not closed (due today is not overdue);
- stale: the action is open and nothing has been reported for more than ``stale_after_days`` days, counted from
  the latest update or, for an action with none, from the review's publication (an update exactly that many
  days old is not yet stale);
- impact check: a ``complete`` action (delivered, not yet assured) is due an impact check ``impact_review_months``
  after the day it became complete; past that day (not on it) the impact check is overdue. It is shown apart from
  delivery: an action can be complete, on time, and overdue for its impact check.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from casereviews.clock import local_date
from casereviews.content.model import Action, Recommendation, Review, Update
from casereviews.statuses import ActionStatus


@dataclass(frozen=True)
class TrackedAction:
    """An action with its review and recommendation, and where it stands at the reference time."""

    review: Review
    recommendation: Recommendation
    action: Action
    status: ActionStatus  # the latest written status
    overdue: bool
    stale: bool
    days_since_update: int  # from the latest update, or from the review's publication when there is none
    days_overdue: int = 0  # days past the due day when overdue, else 0
    impact_due: date | None = None  # when a complete action's impact should be checked; None unless complete
    impact_overdue: bool = False  # complete, and the impact check's day has passed

    @property
    def effective(self) -> ActionStatus:
        """``overdue`` when overdue, otherwise the written status: the one status to show and count."""
        return ActionStatus.OVERDUE if self.overdue else self.status

    @property
    def label(self) -> str:
        return self.effective.label

    @property
    def last_update(self) -> Update | None:
        return self.action.latest

    @property
    def closed(self) -> bool:
        return self.status.closed

    @property
    def reported(self) -> bool:
        """Whether the lead agency has reported any progress (any status but not started)."""
        return self.status != ActionStatus.NOT_STARTED

    @property
    def assured_evidence(self) -> str:
        """What shows an assured action made a difference, from its latest update; empty otherwise."""
        latest = self.last_update
        return latest.evidence if self.status == ActionStatus.ASSURED and latest and latest.evidence else ""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 January + 1 = 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def completed_on(updates: tuple[Update, ...]) -> date | None:
    """The day an action whose latest update is ``complete`` became complete: the first of its latest run of
    ``complete`` updates (a later note that it is still complete does not restart the clock)."""
    day = None
    for update in reversed(updates):
        if update.status != ActionStatus.COMPLETE:
            break
        day = update.date
    return day


def track(review: Review, recommendation: Recommendation, action: Action, today: date,
          stale_after_days: int, impact_review_months: int = 12) -> TrackedAction:
    """Judge one action at ``today`` (a London day). The caller has already dropped updates dated after it;
    they are ignored here too, so that no future report can make an action look better than it is."""
    updates = tuple(u for u in action.updates if u.date <= today)
    if updates != action.updates:
        action = replace(action, updates=updates)
    latest = updates[-1] if updates else None
    status = latest.status if latest else ActionStatus.NOT_STARTED
    closed = status.closed
    # Publication is a moment; staleness counts London days, like every other date in a plan.
    since = latest.date if latest else (local_date(review.published) if review.published else today)
    days = max((today - since).days, 0)
    overdue = not closed and action.due < today
    done = completed_on(updates) if status == ActionStatus.COMPLETE else None
    impact_due = add_months(done, impact_review_months) if done else None
    return TrackedAction(
        review=review,
        recommendation=recommendation,
        action=action,
        status=status,
        overdue=overdue,
        stale=not closed and days > stale_after_days,
        days_since_update=days,
        days_overdue=(today - action.due).days if overdue else 0,
        impact_due=impact_due,
        impact_overdue=impact_due is not None and impact_due < today,
    )


@dataclass(frozen=True)
class Tally:
    """Counts of actions by effective status, in ``ActionStatus`` order, plus how many are stale."""

    total: int
    by_status: tuple[tuple[ActionStatus, int], ...]
    stale: int

    @classmethod
    def of(cls, actions: list[TrackedAction] | tuple[TrackedAction, ...]) -> Tally:
        counts = Counter(a.effective for a in actions)
        return cls(len(actions), tuple((s, counts.get(s, 0)) for s in ActionStatus), sum(a.stale for a in actions))

    def count(self, status: str) -> int:
        return dict(self.by_status).get(status, 0)

    @property
    def overdue(self) -> int:
        return self.count(ActionStatus.OVERDUE)

    @property
    def nonzero(self) -> tuple[tuple[ActionStatus, int], ...]:
        return tuple((s, n) for s, n in self.by_status if n)

    @property
    def closed(self) -> int:
        return sum(n for s, n in self.by_status if s.closed)

    def sentence(self) -> str:
        """E.g. '9 actions: 5 complete, 2 overdue, 2 in progress'."""
        if not self.total:
            return "No actions"
        parts = [f"{n} {s.label.lower()}" for s, n in self.nonzero]
        noun = "action" if self.total == 1 else "actions"
        stale = f" ({self.stale} with no recent update)" if self.stale else ""
        return f"{self.total} {noun}: {', '.join(parts)}{stale}"
