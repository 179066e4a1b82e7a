"""The publication rule at its edges (casereviews/publication/rule.py): the embargo's minute, the last day of
``available_until`` in London (summer and winter time), and a briefing or plan never more public than its review.
Every output asks these functions, so an off-by-one here would leak or hide a review everywhere at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from casereviews.clock import LONDON
from casereviews.content.model import ActionPlan, Briefing, Review
from casereviews.publication.rule import action_plan_is_public, briefing_is_public, review_state
from casereviews.statuses import ReviewState

SECOND = timedelta(seconds=1)


def review(**fields) -> Review:
    values = {"slug": "2026-child-a", "status": "published",
              "published": datetime(2026, 3, 12, 10, 0, tzinfo=LONDON)} | fields
    return Review(**values)


@pytest.mark.parametrize("moment", [
    datetime(2026, 3, 12, 10, 0, tzinfo=LONDON),  # GMT in March: 10:00 UTC
    datetime(2026, 7, 1, 10, 0, tzinfo=LONDON),  # BST in July: 09:00 UTC
])
def test_an_embargo_lifts_at_its_moment_and_not_a_second_before(moment):
    embargoed = review(published=moment)
    assert review_state(embargoed, moment - SECOND) == ReviewState.HIDDEN
    assert review_state(embargoed, moment) == ReviewState.PUBLISHED
    # The same moment written in another zone is the same moment.
    assert review_state(embargoed, moment.astimezone(UTC)) == ReviewState.PUBLISHED
    assert review_state(embargoed, (moment - SECOND).astimezone(UTC)) == ReviewState.HIDDEN


@pytest.mark.parametrize("last_day", [date(2026, 1, 31), date(2026, 6, 30)])  # winter and summer time
def test_available_until_is_the_last_whole_day_in_london(last_day):
    kept = review(published=datetime(2025, 1, 1, tzinfo=LONDON), available_until=last_day)
    midnight = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)
    assert review_state(kept, midnight - SECOND) == ReviewState.PUBLISHED  # 23:59:59 on the last day, London time
    assert review_state(kept, midnight) == ReviewState.ARCHIVED  # 00:00 the next day
    # In summer, 23:30 UTC on the last day is already the next day in London (00:30 BST): archived. In winter it
    # is still 23:30 on the last day in London (GMT): published.
    late_utc = datetime.combine(last_day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=23, minutes=30)
    expected = ReviewState.ARCHIVED if last_day.month == 6 else ReviewState.PUBLISHED
    assert review_state(kept, late_utc) == expected


def test_draft_and_missing_date_are_hidden_whatever_the_time():
    far = datetime(2100, 1, 1, tzinfo=LONDON)
    assert review_state(review(status="draft"), far) == ReviewState.HIDDEN
    assert review_state(review(published=None), far) == ReviewState.HIDDEN


def test_withdrawn_before_its_date_stays_hidden_and_after_it_shows_only_the_notice():
    withdrawn = review(status="withdrawn", withdrawn_reason="Withdrawn at the family's request.")
    moment = withdrawn.published
    assert review_state(withdrawn, moment - SECOND) == ReviewState.HIDDEN
    assert review_state(withdrawn, moment) == ReviewState.WITHDRAWN
    assert review_state(review(status="withdrawn", available_until=date(2026, 3, 1)), moment) == ReviewState.WITHDRAWN


def test_a_briefing_waits_for_its_own_moment_and_for_its_review():
    lift = datetime(2026, 3, 12, 10, 0, tzinfo=LONDON)
    later = lift + timedelta(days=7)
    briefing = Briefing(status="published", published=later)
    public = review(briefing=briefing)
    assert not briefing_is_public(public, briefing, later - SECOND)
    assert briefing_is_public(public, briefing, later)
    # A briefing dated before its review is never public before the review.
    early = Briefing(status="published", published=lift - timedelta(days=30))
    assert not briefing_is_public(review(briefing=early), early, lift - SECOND)
    assert briefing_is_public(review(briefing=early), early, lift)
    assert not briefing_is_public(public, Briefing(status="draft", published=lift), later)
    assert not briefing_is_public(public, None, later)
    for state_review in (review(status="withdrawn", withdrawn_reason="r"), review(available_until=date(2026, 3, 13))):
        assert not briefing_is_public(state_review, briefing, later)


def test_an_action_plan_is_public_exactly_while_its_review_is():
    plan = ActionPlan(monitored_by="Learning and practice review group")
    lift = datetime(2026, 3, 12, 10, 0, tzinfo=LONDON)
    with_plan = review(action_plan=plan, available_until=date(2026, 12, 31))
    assert not action_plan_is_public(with_plan, lift - SECOND)
    assert action_plan_is_public(with_plan, lift)
    assert action_plan_is_public(with_plan, datetime(2026, 12, 31, 23, 59, tzinfo=LONDON))
    assert not action_plan_is_public(with_plan, datetime(2027, 1, 1, 0, 0, tzinfo=LONDON))
    assert not action_plan_is_public(review(action_plan=None), lift)
