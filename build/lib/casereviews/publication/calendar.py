"""Meeting packs, as data: what changed in the action plans between a group's meetings, as it stood on the
meeting's day.

Every figure is worked out from the dated updates, judged on the meeting's day exactly as a build with
``REVIEWS_AS_OF`` set to that day would judge them (the meeting is taken at 00:00 London time on its date, the way
content dates are read): updates dated on or before the meeting's day count, later ones do not, and overdue and
stale are measured against that day. Nothing depends on the day the site is built, so a pack is the same whether
it is built that evening or a year later. The one exception is the publication rule, which always wins: a review
withdrawn or archived since the meeting is left out of every pack, as it is left out of the rest of the site.

A pack covers the period since the group's previous meeting, or the 90 days before its first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from casereviews.clock import LONDON
from casereviews.content.meetings import monitoring_group, oversees
from casereviews.content.model import Group, Meeting, Recommendation, Review, Update
from casereviews.present import long_date
from casereviews.publication.progress import Tally, TrackedAction, track
from casereviews.urls import pack_path

if TYPE_CHECKING:
    from casereviews.publication.site import PublicSite

FIRST_PERIOD_DAYS = 90  # what a group's first pack looks back over


def meeting_moment(day: date) -> datetime:
    """A meeting is judged at the start of its day in London, like a bare date in REVIEWS_AS_OF."""
    return datetime.combine(day, time(0, 0), tzinfo=LONDON)


@dataclass(frozen=True)
class PostedUpdate:
    """One update posted in the period, with the action it belongs to as it stood at the meeting."""

    action: TrackedAction
    update: Update


@dataclass(frozen=True)
class PlanUpdates:
    review: Review
    updates: tuple[PostedUpdate, ...]  # oldest first, then by action


@dataclass(frozen=True)
class Pack:
    meeting: Meeting
    previous: Meeting | None
    since: date  # the period is the days after this one, up to and including the meeting's day
    plans: tuple[Review, ...]  # the plans the pack covers, as public on the meeting's day
    tally: Tally  # every covered action on the meeting's day
    reviews_published: tuple[Review, ...]
    recommendations_added: tuple[tuple[Review, Recommendation], ...]
    updates: tuple[PlanUpdates, ...]
    completed: tuple[TrackedAction, ...]  # became complete or assured in the period
    became_overdue: tuple[TrackedAction, ...]
    became_stale: tuple[TrackedAction, ...]
    still_overdue: tuple[TrackedAction, ...]  # overdue at the start of the period and still overdue
    no_update: tuple[Review, ...]  # covered plans with no update in the period
    impact_overdue: tuple[TrackedAction, ...]  # complete, and the impact check's day has passed
    stale_after_days: int = 90

    @cached_property
    def slugs(self) -> frozenset[str]:
        """The slugs of the covered plans, for a quick "is this plan in the pack?" on every plan page."""
        return frozenset(r.slug for r in self.plans)

    @property
    def group(self) -> Group:
        return self.meeting.group

    @property
    def path(self) -> str:
        return pack_path(self.group.id, self.meeting.date)

    @property
    def previous_path(self) -> str:
        return pack_path(self.previous.group.id, self.previous.date) if self.previous else ""

    @property
    def title(self) -> str:
        return f"{self.group.label}: meeting pack, {long_date(self.meeting.date)}"

    @property
    def update_count(self) -> int:
        return sum(len(p.updates) for p in self.updates)

    def figures(self) -> tuple[tuple[str, str, int], ...]:
        """(anchor, label, count) of the pack's headline figures, in the order the page shows them."""
        return (
            ("published", "Reviews published", len(self.reviews_published)),
            ("recommendations", "Recommendations added", len(self.recommendations_added)),
            ("updates", "Action updates posted", self.update_count),
            ("completed", "Actions completed or assured", len(self.completed)),
            ("became-overdue", "Actions that became overdue", len(self.became_overdue)),
            ("became-stale", "Actions that became stale", len(self.became_stale)),
            ("still-overdue", "Actions still overdue", len(self.still_overdue)),
            ("no-update", "Plans with no update", len(self.no_update)),
            ("impact", "Impact checks overdue", len(self.impact_overdue)),
        )


Key = tuple[str, str]  # (review slug, action id)


class _Snapshots:
    """Every public action as it stood on a given day, worked out once per day however many groups met."""

    def __init__(self, site: PublicSite):
        self.site = site
        self.plans = tuple(r for r in site.published if r.action_plan)
        self._days: dict[date, dict[Key, TrackedAction]] = {}

    def on(self, day: date) -> dict[Key, TrackedAction]:
        if day not in self._days:
            moment, settings = meeting_moment(day), self.site.settings
            self._days[day] = {
                (r.slug, a.id): track(r, rec, a, day, settings.stale_after_days, settings.impact_review_months)
                for r in self.plans if r.published <= moment
                for rec in r.action_plan.recommendations for a in rec.actions
            }
        return self._days[day]


def _order(actions: Iterable[TrackedAction]) -> tuple[TrackedAction, ...]:
    return tuple(sorted(actions, key=lambda a: (a.action.due, a.review.title, a.action.id)))


def make_pack(site: PublicSite, snapshots: _Snapshots, meeting: Meeting, previous: Meeting | None) -> Pack:
    since = previous.date if previous else meeting.date - timedelta(days=FIRST_PERIOD_DAYS)
    start, end = meeting_moment(since), meeting_moment(meeting.date)
    before, now = snapshots.on(since), snapshots.on(meeting.date)
    meetings = site.meetings
    plans = tuple(r for r in snapshots.plans if r.published <= end and oversees(meetings, meeting.group, r.action_plan))
    slugs = {r.slug for r in plans}
    covered = [a for key, a in now.items() if key[0] in slugs]

    def was(key: Key, test) -> bool:
        return key in before and test(before[key])

    updates = []
    for review in plans:
        posted = [PostedUpdate(now[review.slug, a.id], u)
                  for rec in review.action_plan.recommendations for a in rec.actions
                  for u in a.updates if since < u.date <= meeting.date]
        if posted:
            posted.sort(key=lambda p: p.update.date)  # stable: plan order within a day
            updates.append(PlanUpdates(review, tuple(posted)))
    with_updates = {p.review.slug for p in updates}
    fresh = tuple(r for r in plans if start < r.published)
    return Pack(
        meeting=meeting,
        previous=previous,
        since=since,
        plans=plans,
        tally=Tally.of(covered),
        reviews_published=tuple(sorted((r for r in site.published if start < r.published <= end),
                                       key=lambda r: (r.published, r.slug))),
        recommendations_added=tuple((r, rec) for r in fresh for rec in r.action_plan.recommendations),
        updates=tuple(updates),
        completed=_order(a for a in covered if a.status.delivered
                         and not was((a.review.slug, a.action.id), lambda b, s=a.status: b.status == s)),
        became_overdue=_order(a for a in covered if a.overdue and not was((a.review.slug, a.action.id),
                                                                         lambda b: b.overdue)),
        became_stale=_order(a for a in covered if a.stale and not was((a.review.slug, a.action.id),
                                                                     lambda b: b.stale)),
        still_overdue=_order(a for a in covered if a.overdue and was((a.review.slug, a.action.id),
                                                                    lambda b: b.overdue)),
        no_update=tuple(r for r in plans if r.slug not in with_updates),
        impact_overdue=tuple(sorted((a for a in covered if a.impact_overdue),
                                    key=lambda a: (a.impact_due, a.review.title, a.action.id))),
        stale_after_days=site.settings.stale_after_days,
    )


@dataclass(frozen=True)
class GroupCalendar:
    group: Group
    packs: tuple[Pack, ...]  # newest first
    next_meeting: Meeting | None  # the first meeting after the reference day, if one is listed

    @property
    def latest(self) -> Pack | None:
        return self.packs[0] if self.packs else None


@dataclass(frozen=True)
class Calendar:
    groups: tuple[GroupCalendar, ...] = ()
    _by_group: dict[str, GroupCalendar] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, site: PublicSite) -> Calendar:
        snapshots = _Snapshots(site)
        out = []
        for group in site.meetings.groups:
            meetings = [m for m in site.meetings.meetings if m.group == group]
            held = [m for m in meetings if m.date <= site.today]
            packs = [make_pack(site, snapshots, m, held[i - 1] if i else None) for i, m in enumerate(held)]
            upcoming = next((m for m in meetings if m.date > site.today), None)
            out.append(GroupCalendar(group, tuple(reversed(packs)), upcoming))
        return cls(tuple(out), {g.group.id: g for g in out})

    @property
    def packs(self) -> tuple[Pack, ...]:
        return tuple(p for g in self.groups for p in g.packs)

    def group(self, group_id: str) -> GroupCalendar | None:
        return self._by_group.get(group_id)

    def latest(self, group_id: str) -> Pack | None:
        g = self._by_group.get(group_id)
        return g.latest if g else None

    def latest_covering(self, group: Group, slug: str) -> Pack | None:
        """The group's latest pack that covers the plan of review ``slug``."""
        g = self._by_group.get(group.id)
        return next((p for p in g.packs if slug in p.slugs), None) if g else None


@dataclass(frozen=True)
class PlanMonitoring:
    """What a plan's page says about who monitors it: the group, and the latest pack that covers the plan."""

    group: Group
    latest: Pack | None
    next_meeting: Meeting | None


def plan_monitoring(site: PublicSite, review: Review) -> PlanMonitoring | None:
    group = monitoring_group(site.meetings, review.action_plan) if review.action_plan else None
    if group is None:
        return None
    calendar = site.calendar
    g = calendar.group(group.id)
    return PlanMonitoring(group, calendar.latest_covering(group, review.slug), g.next_meeting if g else None)
