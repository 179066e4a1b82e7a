"""The status rules of an action, judged at a fixed reference day, with their boundaries: due today is not overdue,
an update exactly ``stale_after_days`` old is not stale, closed actions are never late, future updates do not count.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from casereviews.clock import LONDON
from casereviews.content.model import Action, ActionPlan, Content, Recommendation, Review, Term, Update, Vocabulary
from casereviews.pages.actionplans import attention_order, status_chart
from casereviews.present import moment_words
from casereviews.publication.progress import Tally, track
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings
from casereviews.statuses import ActionStatus

TODAY = date(2026, 11, 26)
STALE = 90
POLICE = Term("police", "Police")
REC = Recommendation("R1", "Agencies should share information.", "accepted")
REVIEW = Review(slug="2024-child-a", status="published", title="Child A",
                published=datetime(2024, 3, 12, tzinfo=LONDON))


def action(due: date = date(2027, 1, 31), *updates: tuple[date, str]) -> Action:
    return Action("R1.1", "Train staff.", POLICE, due, tuple(Update(d, s, f"Note {s}.") for d, s in updates))


def judged(act: Action, review: Review = REVIEW, today: date = TODAY, stale_after_days: int = STALE):
    return track(review, REC, act, today, stale_after_days)


def recent(status: str) -> tuple[date, str]:
    return (TODAY - timedelta(days=10), status)


# -- written status -----------------------------------------------------------------------------------------------

def test_no_updates_means_not_started():
    a = judged(action())
    assert (a.status, a.effective, a.last_update) == ("not-started", "not-started", None)


def test_status_is_the_latest_update():
    a = judged(action(date(2027, 1, 31), (date(2026, 9, 1), "in-progress"), (date(2026, 11, 1), "at-risk")))
    assert (a.status, a.effective, a.label) == ("at-risk", "at-risk", "At risk")
    assert a.last_update.date == date(2026, 11, 1)


def test_updates_dated_after_the_reference_day_are_ignored():
    a = judged(action(date(2026, 12, 31), (date(2026, 9, 1), "in-progress"), (date(2026, 11, 27), "complete")))
    assert a.status == "in-progress" and a.last_update.date == date(2026, 9, 1)
    assert len(a.action.updates) == 1  # the history shown cannot include it either
    # ...and an update dated on the reference day itself counts.
    b = judged(action(date(2026, 12, 31), (date(2026, 9, 1), "in-progress"), (TODAY, "complete")))
    assert b.status == "complete"


# -- overdue ------------------------------------------------------------------------------------------------------

def test_due_today_is_not_overdue():
    a = judged(action(TODAY, recent("in-progress")))
    assert not a.overdue and a.effective == "in-progress" and a.days_overdue == 0


def test_due_yesterday_is_overdue():
    a = judged(action(TODAY - timedelta(days=1), recent("in-progress")))
    assert a.overdue and a.effective == "overdue" and a.label == "Overdue" and a.days_overdue == 1
    assert a.status == "in-progress"  # the written status is kept, for the history and the CSV


def test_not_started_past_due_is_overdue():
    assert judged(action(date(2025, 3, 31))).effective == "overdue"


@pytest.mark.parametrize("closed", ["complete", "assured", "superseded"])
def test_closed_actions_are_never_overdue_or_stale(closed):
    long_ago = date(2020, 1, 1)
    a = judged(action(date(2020, 6, 30), (long_ago, closed)))
    assert (a.overdue, a.stale, a.effective, a.closed) == (False, False, closed, True)


@pytest.mark.parametrize("open_status", ["not-started", "in-progress", "at-risk"])
def test_open_statuses_past_due_are_overdue(open_status):
    assert judged(action(date(2026, 1, 1), recent(open_status))).effective == "overdue"


# -- stale --------------------------------------------------------------------------------------------------------

def test_update_exactly_stale_after_days_old_is_not_stale():
    a = judged(action(date(2027, 6, 30), (TODAY - timedelta(days=STALE), "in-progress")))
    assert not a.stale and a.days_since_update == STALE


def test_update_one_day_older_is_stale():
    a = judged(action(date(2027, 6, 30), (TODAY - timedelta(days=STALE + 1), "in-progress")))
    assert a.stale and a.days_since_update == STALE + 1
    assert a.effective == "in-progress"  # stale is a flag, not a status


def test_stale_after_days_is_a_setting():
    a = action(date(2027, 6, 30), (TODAY - timedelta(days=31), "in-progress"))
    assert judged(a, stale_after_days=30).stale and not judged(a, stale_after_days=31).stale


def test_without_updates_staleness_counts_from_the_reviews_publication_day():
    published = datetime.combine(TODAY - timedelta(days=STALE), datetime.min.time(), tzinfo=LONDON)
    fresh = judged(action(date(2027, 6, 30)), Review(slug="r", status="published", published=published))
    assert not fresh.stale and fresh.days_since_update == STALE
    older = judged(action(date(2027, 6, 30)),
                   Review(slug="r", status="published", published=published - timedelta(days=1)))
    assert older.stale


def test_publication_day_is_the_london_day():
    # 23:30 UTC on 27 August is 00:30 on 28 August in London (summer time).
    published = datetime.fromisoformat("2026-08-27T23:30:00+00:00")
    a = judged(action(date(2027, 6, 30)), Review(slug="r", status="published", published=published))
    assert a.days_since_update == (TODAY - date(2026, 8, 28)).days == STALE


def test_overdue_and_stale_together():
    a = judged(action(date(2025, 6, 30), (date(2025, 5, 12), "in-progress")))
    assert a.overdue and a.stale and a.effective == "overdue"


# -- counts -------------------------------------------------------------------------------------------------------

def test_tally_counts_effective_statuses_in_attention_order():
    actions = [
        judged(action(date(2025, 1, 1), recent("in-progress"))),  # overdue
        judged(action(date(2025, 1, 1))),  # overdue, and stale (no update since 2024)
        judged(action(date(2027, 1, 1), recent("in-progress"))),
        judged(action(date(2027, 1, 1), recent("complete"))),
        judged(action(date(2027, 1, 1), recent("complete"))),
    ]
    tally = Tally.of(actions)
    assert tally.total == 5 and tally.stale == 1 and tally.closed == 2
    assert [s for s, _ in tally.by_status] == list(ActionStatus)
    assert tally.count("overdue") == 2 and tally.count("at-risk") == 0
    assert tally.sentence() == "5 actions: 2 overdue, 1 in progress, 2 complete (1 with no recent update)"
    assert Tally.of([actions[2]]).sentence() == "1 action: 1 in progress"
    assert Tally.of(()).sentence() == "No actions"


def test_attention_order_puts_overdue_first_then_earliest_due():
    late = judged(action(date(2025, 6, 1), recent("in-progress")))
    later = judged(action(date(2024, 6, 1), recent("at-risk")))
    at_risk = judged(action(date(2027, 1, 1), recent("at-risk")))
    done = judged(action(date(2024, 1, 1), recent("assured")))
    assert attention_order([done, at_risk, late, later]) == (later, late, at_risk, done)


def test_chart_bars_scale_to_the_biggest_count_and_never_hide_a_small_one():
    actions = [judged(action(date(2027, 1, 1), recent("complete")))] * 40 + [judged(action(date(2025, 1, 1)))]
    chart = status_chart(Tally.of(actions))
    bars = {b.status: b for b in chart.bars}
    assert bars["complete"].width == chart.width - chart.label_width - 44
    assert 0 < bars["overdue"].width < 10 and bars["at-risk"].width == 0
    assert [b.y for b in chart.bars] == sorted(b.y for b in chart.bars)


def test_moment_words():
    assert moment_words(datetime(2026, 11, 26, tzinfo=LONDON)) == "26 November 2026"
    assert moment_words(datetime.fromisoformat("2026-11-26T12:00:00+00:00")) == "26 November 2026 at 12:00"


# -- the public site ----------------------------------------------------------------------------------------------

def test_public_site_tracks_only_public_plans_and_hides_future_updates():
    vocabulary = Vocabulary({}, {}, {"police": POLICE}, {})
    plan = ActionPlan("Group", ("Board",), (Recommendation("R1", "Text.", "accepted", "", (
        action(date(2026, 12, 31), (date(2026, 10, 1), "in-progress"), (date(2026, 12, 1), "complete")),)),))
    shown = Review(slug="shown", status="published", title="Shown", action_plan=plan,
                   published=datetime(2026, 1, 1, tzinfo=LONDON))
    draft = Review(slug="draft", status="draft", title="Draft", action_plan=plan)
    embargoed = Review(slug="later", status="published", title="Later", action_plan=plan,
                       published=datetime(2026, 11, 26, 15, tzinfo=LONDON))
    withdrawn = Review(slug="gone", status="withdrawn", title="Gone", action_plan=plan,
                       published=datetime(2025, 1, 1, tzinfo=LONDON))
    site = PublicSite.build(Content(vocabulary, (shown, draft, embargoed, withdrawn)),
                            datetime(2026, 11, 26, 12, tzinfo=LONDON), Settings(Path("."), Path(".")))
    assert [(a.review.slug, a.status) for a in site.actions] == [("shown", "in-progress")]
    assert site.tallies == {"shown": site.tally()} and site.tally().total == 1
    assert [t.id for t in site.agencies] == ["police"]
