"""The action plan pages: each review's plan, the dashboard across reviews, each agency's actions, and the board
report. Page makers here are appended to ``pages.MAKERS``; everything they show comes from the public site.

The plain objects below (``PlanRecommendation``, ``Bar``, ``ReviewProgress``) only group and order what the
public site already holds, so that templates stay simple loops and the ordering rules can be tested without
building a site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casereviews.content.model import Recommendation, Review, Term
from casereviews.pages import search
from casereviews.pages.paging import ACTIONS_PER_PAGE, DASHBOARD_LIST, DASHBOARD_PLANS, paginate
from casereviews.pages.spec import PageSpec
from casereviews.present import moment_words
from casereviews.publication.progress import Tally, TrackedAction
from casereviews.publication.site import PublicSite
from casereviews.statuses import ActionStatus
from casereviews.urls import ACTION_UPDATES_FEED, action_plan_feed_path, agency_feed_path

_ATTENTION = {status: i for i, status in enumerate(ActionStatus)}


def attention_order(actions: Iterable[TrackedAction]) -> tuple[TrackedAction, ...]:
    """What needs attention first: overdue (longest overdue first), then at risk, in progress, not started, then
    the closed ones; within a status, the earliest due first."""
    return tuple(sorted(actions, key=lambda a: (_ATTENTION[a.effective], a.action.due, a.review.slug, a.action.id)))


def overdue_actions(site: PublicSite) -> tuple[TrackedAction, ...]:
    """Every overdue action, longest overdue first."""
    return tuple(sorted((a for a in site.actions if a.overdue),
                        key=lambda a: (a.action.due, a.review.slug, a.action.id)))


def stale_actions(site: PublicSite) -> tuple[TrackedAction, ...]:
    """Every action with no recent update, longest silent first."""
    return tuple(sorted((a for a in site.actions if a.stale),
                        key=lambda a: (-a.days_since_update, a.review.slug, a.action.id)))


@dataclass(frozen=True)
class PlanRecommendation:
    """A recommendation with its actions as they stand at the reference time, in the plan's order."""

    recommendation: Recommendation
    actions: tuple[TrackedAction, ...]

    @property
    def response_label(self) -> str:
        return self.recommendation.response.label if self.recommendation.response else ""


def plan_recommendations(site: PublicSite, review: Review) -> tuple[PlanRecommendation, ...]:
    tracked = {a.action.id: a for a in site.actions_by_review.get(review.slug, ())}
    return tuple(
        PlanRecommendation(rec, tuple(tracked[a.id] for a in rec.actions if a.id in tracked))
        for rec in review.action_plan.recommendations
    )


@dataclass(frozen=True)
class Bar:
    """One bar of the dashboard's SVG chart, in the chart's own units (the viewBox)."""

    status: str
    label: str
    count: int
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_height: int
    row: int


def status_chart(tally: Tally, width: int = 480, label_width: int = 118, row: int = 30) -> Chart:
    """A horizontal bar per status, longest bar = the whole plotting width; a non-zero count is never invisible."""
    plot = width - label_width - 44  # room on the right for the count
    biggest = max((n for _, n in tally.by_status), default=0) or 1
    bars = tuple(
        Bar(status, status.label, n, 8 + i * row, max(round(plot * n / biggest), 3) if n else 0)
        for i, (status, n) in enumerate(tally.by_status)
    )
    return Chart(bars, width, 8 + len(bars) * row + 4, label_width, row - 8, row)


@dataclass(frozen=True)
class ReviewProgress:
    """One row of the dashboard's table of reviews."""

    review: Review
    tally: Tally


def review_progress(site: PublicSite) -> tuple[ReviewProgress, ...]:
    return tuple(ReviewProgress(r, site.tallies.get(r.slug, Tally.of(()))) for r in site.action_plans)


@dataclass(frozen=True)
class AgencyActions:
    agency: Term
    actions: tuple[TrackedAction, ...]  # attention order
    tally: Tally


def agency_actions(site: PublicSite) -> tuple[AgencyActions, ...]:
    """Each agency that leads a public action, in vocabulary order."""
    out = []
    for agency in site.agencies:
        actions = site.actions_by_agency[agency.id]
        out.append(AgencyActions(agency, attention_order(actions), Tally.of(actions)))
    return tuple(out)


def reports_to(site: PublicSite) -> tuple[str, ...]:
    """Every board or committee the public plans report to, in first-seen order."""
    seen: dict[str, None] = {}
    for review in site.action_plans:
        for name in review.action_plan.reports_to:
            seen.setdefault(name, None)
    return tuple(seen)


# -- page makers -----------------------------------------------------------------------------------------------

def common_context() -> dict:
    return {"statuses": tuple(ActionStatus)}


def action_plan_pages(site: PublicSite) -> Iterable:
    for review in site.action_plans:
        tally = site.tallies.get(review.slug, Tally.of(()))
        yield PageSpec(
            src_uri=f"reviews/{review.slug}/action-plan.md",
            title=f"Action plan: {review.title}",
            template="action-plan.html",
            body=review.action_plan.body,
            description=f"What has been done about each recommendation of {review.title}. {tally.sentence()}.",
            context={**common_context(), "review": review, "plan": review.action_plan, "tally": tally,
                     "search": search.record(review, "action-plan"),
                     "recommendations": plan_recommendations(site, review),
                     "monitoring": _monitoring(site, review),
                     "action_feed": {"path": action_plan_feed_path(review.slug),
                                     "title": f"Updates to the action plan of {review.title}",
                                     "label": "Follow this plan's updates in a feed reader"}},
        )


def dashboard_pages(site: PublicSite) -> Iterable:
    tally = site.tally()
    common = {**common_context(), "tally": tally, "overdue": overdue_actions(site), "stale": stale_actions(site),
              "progress": review_progress(site), "as_at": site.at, "as_at_words": moment_words(site.at),
              "stale_after_days": site.settings.stale_after_days}
    # At national scale the dashboard summarises: the longest overdue and quietest actions, each agency's counts
    # (every action is on its agency's pages and in the CSV) and the newest plans (every plan in the report).
    yield PageSpec(
        "action-plans/index.md", "Action plans", "action-dashboard.html",
        description="Progress on the recommendations of every published review: what is done, what is overdue "
                    f"and what has not been reported on recently. {tally.sentence()}.",
        context={**common, "chart": status_chart(tally), "calendar": site.calendar,
                 "impact_overdue": site.impact_overdue, "impact_review_months": site.settings.impact_review_months,
                 "impact_shown": site.impact_overdue[:DASHBOARD_LIST],  # longest past its impact check first
                 "action_feed": {"path": ACTION_UPDATES_FEED, "title": "Updates to every action plan",
                                 "label": "Follow updates to every plan in a feed reader"},
                 "agencies": agency_actions(site),
                 "overdue_shown": common["overdue"][:DASHBOARD_LIST],  # longest overdue first
                 "stale_shown": common["stale"][:DASHBOARD_LIST],  # longest without an update first
                 # the agency table shows where the rest are, when either list was cut
                 "lists_cut": len(common["overdue"]) > DASHBOARD_LIST or len(common["stale"]) > DASHBOARD_LIST,
                 "progress_shown": common["progress"][:DASHBOARD_PLANS]},  # newest review first
        hide=("navigation",),
    )
    yield PageSpec(
        "action-plans/report.md", "Action plan progress report", "board-report.html",
        description=f"A printable report of progress on every published action plan. {tally.sentence()}.",
        context={**common, "agencies": agency_actions(site), "reports_to": reports_to(site),
                 "plans": tuple((p, tuple(a for item in plan_recommendations(site, p.review) for a in item.actions))
                                for p in review_progress(site))},
        hide=("navigation", "toc"),
    )


def agency_pages(site: PublicSite) -> Iterable:
    groups = agency_actions(site)
    yield PageSpec(
        "agencies/index.md", "Actions by agency", "agencies.html",
        description="Every agency that leads an action in a published action plan, with its progress.",
        context={**common_context(), "groups": groups}, hide=("navigation",),
    )
    for group in groups:
        impact_overdue = tuple(a for a in group.actions if a.impact_overdue)
        for page in paginate(group.actions, ACTIONS_PER_PAGE, f"agencies/{group.agency.id}/"):
            yield PageSpec(
                page.src_uri(f"agencies/{group.agency.id}.md"), page.title(f"Actions led by {group.agency.label}"),
                "agency.html",
                description=f"Every action {group.agency.label} leads across the published reviews, overdue "
                            f"first. {group.tally.sentence()}.",
                context={**common_context(), "group": group, "agency": group.agency, "actions": page.items,
                         "pager": page.pager, "tally": group.tally, "impact_overdue": impact_overdue,
                         "action_feed": {"path": agency_feed_path(group.agency.id),
                                         "title": f"Updates to actions led by {group.agency.label}",
                                         "label": "Follow updates to these actions in a feed reader"}},
                hide=("navigation",),
            )


def _monitoring(site: PublicSite, review: Review):
    from casereviews.publication.calendar import plan_monitoring  # packs imports this module's helpers

    return plan_monitoring(site, review)


MAKERS = [action_plan_pages, dashboard_pages, agency_pages]
