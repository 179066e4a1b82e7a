"""The single rule for what the public may see at a moment. Every output goes through ``PublicSite.at``,
which asks these functions and nothing else; no other module decides what is public.
"""

from __future__ import annotations

from datetime import datetime

from casereviews.clock import local_date
from casereviews.content.model import Briefing, Review
from casereviews.statuses import BriefingStatus, ReviewState, ReviewStatus


def review_state(review: Review, at: datetime) -> ReviewState:
    if review.status == ReviewStatus.DRAFT or review.published is None or review.published > at:
        return ReviewState.HIDDEN
    if review.status == ReviewStatus.WITHDRAWN:
        return ReviewState.WITHDRAWN
    if review.available_until is not None and local_date(at) > review.available_until:
        return ReviewState.ARCHIVED
    return ReviewState.PUBLISHED


def briefing_is_public(review: Review, briefing: Briefing | None, at: datetime) -> bool:
    """A briefing is public only while its review is fully public, and once its own date has come."""
    return (
        briefing is not None
        and review_state(review, at) == ReviewState.PUBLISHED
        and briefing.status == BriefingStatus.PUBLISHED
        and briefing.published is not None
        and briefing.published <= at
    )


def action_plan_is_public(review: Review, at: datetime) -> bool:
    return review.action_plan is not None and review_state(review, at) == ReviewState.PUBLISHED
