"""The single rule for what the public may see at a moment. Every output goes through ``PublicSite.at``,
which asks these functions and nothing else; no other module decides what is public.
"""

from __future__ import annotations

from datetime import datetime

from .clock import local_date
from .model import Briefing, Review

HIDDEN = "hidden"  # not in the built site at all: draft, or embargoed until a later moment
PUBLISHED = "published"
WITHDRAWN = "withdrawn"  # page with notice and reason stays; body, documents, briefing, plan and search go
ARCHIVED = "archived"  # past available_until: the catalogue record stays; body, documents, briefing, plan go


def review_state(review: Review, at: datetime) -> str:
    if review.status == "draft" or review.published is None or review.published > at:
        return HIDDEN
    if review.status == "withdrawn":
        return WITHDRAWN
    if review.available_until is not None and local_date(at) > review.available_until:
        return ARCHIVED
    return PUBLISHED


def briefing_is_public(review: Review, briefing: Briefing | None, at: datetime) -> bool:
    """A briefing is public only while its review is fully public, and once its own date has come."""
    return (
        briefing is not None
        and review_state(review, at) == PUBLISHED
        and briefing.status == "published"
        and briefing.published is not None
        and briefing.published <= at
    )


def action_plan_is_public(review: Review, at: datetime) -> bool:
    return review.action_plan is not None and review_state(review, at) == PUBLISHED
