"""The day each page last changed, for the sitemap's ``<lastmod>``: worked out from the content, so the same
content and the same reference time give the same sitemap, and a site built "as at" 2025 says 2025.

- A page made with one of ``AS_AT_TEMPLATES`` prints progress "as at" the reference day ("12 days late"), which
  changes with the calendar: its day is the reference day.
- A page that shows reviews changed on the latest of their days: published, briefing published, latest plan
  update, archived (the day after ``available_until``). When it also shows their progress (a tally), the days
  their actions became overdue or stale count too.
- A learning briefing's page changed when the briefing was published.
- Any other page (guidance, home, search) takes the latest day of any public review.

Never after the reference day: the public site holds nothing dated later. A withdrawal has no date of its own in
the content format, so a withdrawn review's day stays its publication day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from casereviews.clock import local_date
from casereviews.content.model import ActionPlan, Briefing, Review
from casereviews.pages.spec import PageSpec
from casereviews.publication.progress import Tally, TrackedAction
from casereviews.publication.site import PublicSite
from casereviews.statuses import ReviewState

# Templates that print figures "as at" the reference day (action plans, dashboards, agencies, the board report and
# the methodology page's worked example).
AS_AT_TEMPLATES = frozenset({"action-plan.html", "action-dashboard.html", "board-report.html", "agencies.html",
                             "agency.html", "action-methodology.html"})


def review_day(review: Review, today: date) -> date:
    """The latest day anything on ``review``'s public copy changed, never after ``today``."""
    days = [local_date(review.published)] if review.published else []
    if review.briefing and review.briefing.published:
        days.append(local_date(review.briefing.published))
    if review.action_plan:
        days += [u.date for a in review.action_plan.actions for u in a.updates]
    if review.state == ReviewState.ARCHIVED and review.available_until:
        days.append(review.available_until + timedelta(days=1))
    return min(max(days), today) if days else today


class _Walk:
    """What a page's template context shows: its reviews, and whether it shows progress figures."""

    def __init__(self) -> None:
        self.reviews: dict[str, Review] = {}
        self.progress = False

    def visit(self, value: object, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(value, Review):
            self.reviews.setdefault(value.slug, value)
        elif isinstance(value, (TrackedAction, ActionPlan, Tally)):
            self.progress = True
        elif isinstance(value, Mapping):
            for item in value.values():
                self.visit(item, depth + 1)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self.visit(item, depth + 1)


def turning_day(action: TrackedAction, today: date, stale_after_days: int) -> date | None:
    """The day ``action`` became overdue or stale (whichever came later), or None when it is neither."""
    days = []
    if action.overdue:
        days.append(action.action.due + timedelta(days=1))
    if action.stale:
        days.append(today - timedelta(days=action.days_since_update - stale_after_days - 1))
    return min(max(days), today) if days else None


def page_days(site: PublicSite, pages: Iterable[PageSpec]) -> dict[str, date]:
    """``src_uri`` -> the day the page last changed, for every generated page."""
    today = site.today
    stale_after = site.settings.stale_after_days
    days: dict[str, date] = {}
    cache: dict[str, date] = {}
    turned: dict[str, date] = {}
    for action in site.actions:
        day = turning_day(action, today, stale_after)
        slug = action.review.slug
        if day and (slug not in turned or day > turned[slug]):
            turned[slug] = day

    def day_of(review: Review, progress: bool) -> date:
        if review.slug not in cache:
            cache[review.slug] = review_day(review, today)
        day = cache[review.slug]
        return max(day, turned.get(review.slug, day)) if progress else day

    latest = latest_day(site)
    for spec in pages:
        if spec.template in AS_AT_TEMPLATES:
            days[spec.src_uri] = today
            continue
        briefing = spec.context.get("briefing")
        if isinstance(briefing, Briefing) and briefing.published:  # a briefing page shows the briefing alone
            days[spec.src_uri] = min(local_date(briefing.published), today)
            continue
        walk = _Walk()
        walk.visit(spec.context)
        days[spec.src_uri] = (max(day_of(r, walk.progress) for r in walk.reviews.values()) if walk.reviews
                              else latest)
    return days


def latest_day(site: PublicSite) -> date:
    """The latest day any public review changed: the day of a page that shows no review in particular."""
    today = site.today
    return max((review_day(r, today) for r in site.reviews), default=today)
