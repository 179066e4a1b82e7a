"""What a build at a given moment would publish, in words an editor can check before merging.

It asks ``publication`` (the single rule of what is public) about every review, so the summary cannot disagree
with the site: ``scripts/check --publishing --as-of DATE`` shows what a build on that day would show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from casereviews.content.model import Content, Review
from casereviews.present import editor_moment
from casereviews.publication.rule import briefing_is_public, review_state
from casereviews.statuses import BriefingStatus, ReviewState, ReviewStatus


@dataclass
class Schedule:
    at: datetime
    public: list[Review] = field(default_factory=list)
    embargoed: list[Review] = field(default_factory=list)  # status published, moment still to come
    withdrawn: list[Review] = field(default_factory=list)
    archived: list[Review] = field(default_factory=list)
    drafts: list[Review] = field(default_factory=list)

    @classmethod
    def of(cls, content: Content, at: datetime) -> Schedule:
        out = cls(at)
        for review in sorted(content.reviews, key=lambda r: r.slug):
            state = review_state(review, at)
            if state == ReviewState.PUBLISHED:
                out.public.append(review)
            elif state == ReviewState.WITHDRAWN:
                out.withdrawn.append(review)
            elif state == ReviewState.ARCHIVED:
                out.archived.append(review)
            elif state == ReviewState.HIDDEN and review.status == ReviewStatus.DRAFT:
                out.drafts.append(review)
            else:
                out.embargoed.append(review)
        out.embargoed.sort(key=lambda r: (r.published, r.slug))
        return out

    def lines(self) -> list[str]:
        width = max((len(r.slug) for r in self._all()), default=10) + 2
        lines = [f"Publishing as at {editor_moment(self.at)} (UK time):", ""]

        def section(title: str, reviews: list[Review], describe) -> None:
            lines.append(f"{title} ({len(reviews)})")
            lines.extend(f"  {r.slug:<{width}}{describe(r)}" for r in reviews)
            if not reviews:
                lines.append("  none")
            lines.append("")

        section("Public in full", self.public, self._public)
        section("Embargoed: will go public on their date without another merge", self.embargoed, self._embargoed)
        section("Withdrawn: the page shows the notice and reason only", self.withdrawn,
                lambda r: f"withdrawn; reason: {_short(r.withdrawn_reason)}")
        section("Archived: the catalogue record stays, the rest is gone", self.archived,
                lambda r: f"published {editor_moment(r.published)}; in full until {r.available_until}")
        section("Drafts: not on the site at all", self.drafts, self._draft)
        return lines[:-1]

    def _all(self) -> list[Review]:
        return [*self.public, *self.embargoed, *self.withdrawn, *self.archived, *self.drafts]

    def _public(self, r: Review) -> str:
        parts = [f"since {editor_moment(r.published)}", _briefing(r, self.at),
                 "action plan: public" if r.action_plan else ""]
        if r.available_until:
            parts.append(f"in full until {r.available_until}, then archived")
        return "; ".join(p for p in parts if p)

    def _embargoed(self, r: Review) -> str:
        parts = [f"goes public {editor_moment(r.published)}", _briefing(r, self.at, embargoed=True),
                 "action plan with it" if r.action_plan else ""]
        return "; ".join(p for p in parts if p)

    def _draft(self, r: Review) -> str:
        extras = [name for name, present in (("briefing", r.briefing), ("action plan", r.action_plan)) if present]
        return "review draft" + (f", with {' and '.join(extras)}" if extras else "")


def _briefing(review: Review, at: datetime, embargoed: bool = False) -> str:
    """The briefing's state: for a public review, at ``at``; for an embargoed one, once the review goes public."""
    b = review.briefing
    if b is None:
        return ""
    if b.status == BriefingStatus.DRAFT or b.published is None:
        return "briefing: draft, not published"
    if embargoed:
        return "briefing with it" if b.published <= review.published else f"briefing from {editor_moment(b.published)}"
    if briefing_is_public(review, b, at):
        return "briefing: public"
    return f"briefing embargoed until {editor_moment(b.published)}"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


