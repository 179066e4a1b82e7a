"""The public site: the content as the public may see it at one moment, with its indexes, built once per build.

``PublicSite.build`` is the only way from the content to an output. It drops what is hidden, strips withdrawn
and archived reviews down to what may still be shown, and hides updates dated after the reference day. Pages,
listings, search records, feeds and data files are all made from this object, so none of them can show what it
never received.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from casereviews.clock import local_date
from casereviews.content.documents import DocumentText, kind_of
from casereviews.content.families import subject_word, subjects_phrase
from casereviews.content.model import ActionPlan, Content, Family, Meetings, Review, Term, Vocabulary
from casereviews.publication.calendar import Calendar
from casereviews.publication.progress import Tally, TrackedAction, track
from casereviews.publication.register import Register
from casereviews.publication.rule import action_plan_is_public, briefing_is_public, review_state
from casereviews.settings import Settings
from casereviews.statuses import ReviewState


def public_copy(review: Review, at: datetime) -> Review | None:
    """The review as the public may see it at ``at``, or None when it must not appear at all."""
    state = review_state(review, at)
    if state == ReviewState.HIDDEN:
        return None
    if state == ReviewState.WITHDRAWN:
        # The notice and reason stay; the summary goes with the body, since withdrawal takes the content down, and
        # so do the name the report used for the child and the child's age band: they leave with the report. The
        # title stays, since the notice must say which review was withdrawn (docs/editor-guide.md says to reword
        # a title that names the child when the name must go too).
        return replace(review, state=state, summary="", body="", key_learning=(), documents=(), briefing=None,
                       action_plan=None, pseudonym="", age_band=None)
    if state == ReviewState.ARCHIVED:
        return replace(review, state=state, body="", key_learning=(), documents=(), briefing=None,
                       action_plan=None)
    briefing = review.briefing if briefing_is_public(review, review.briefing, at) else None
    plan = _plan_as_at(review.action_plan, local_date(at)) if action_plan_is_public(review, at) else None
    return replace(review, state=ReviewState.PUBLISHED, briefing=briefing, action_plan=plan)


def _plan_as_at(plan: ActionPlan | None, today: date) -> ActionPlan | None:
    """Updates dated after the reference day have not happened yet as far as this build is concerned."""
    if plan is None:
        return None
    recommendations = tuple(
        replace(rec, actions=tuple(replace(a, updates=tuple(u for u in a.updates if u.date <= today))
                                   for a in rec.actions))
        for rec in plan.recommendations
    )
    return replace(plan, recommendations=recommendations)


@dataclass
class PublicSite:
    at: datetime
    settings: Settings
    vocabulary: Vocabulary
    reviews: tuple[Review, ...]  # every review that has a page, newest first
    actions: tuple[TrackedAction, ...] = field(default=())
    meetings: Meetings = field(default_factory=Meetings)  # the groups and their calendar (not secret)
    # What is inside each published PDF and Word document, by its path in the site; filled by read_documents.
    document_texts: dict[str, DocumentText] = field(default_factory=dict)

    @classmethod
    def build(cls, content: Content, at: datetime, settings: Settings) -> PublicSite:
        copies = [c for c in (public_copy(r, at) for r in content.reviews) if c is not None]
        copies.sort(key=lambda r: (r.published, r.slug), reverse=True)
        today = local_date(at)
        actions = tuple(
            track(r, rec, action, today, settings.stale_after_days, settings.impact_review_months)
            for r in copies if r.action_plan
            for rec in r.action_plan.recommendations for action in rec.actions
        )
        return cls(at=at, settings=settings, vocabulary=content.vocabulary, reviews=tuple(copies), actions=actions,
                   meetings=content.meetings)

    # -- indexes, each computed once ------------------------------------------------------------------------

    @cached_property
    def today(self) -> date:
        return local_date(self.at)

    @cached_property
    def by_slug(self) -> dict[str, Review]:
        return {r.slug: r for r in self.reviews}

    @cached_property
    def published(self) -> tuple[Review, ...]:
        """Reviews whose full text is public (not withdrawn, not archived)."""
        return tuple(r for r in self.reviews if r.state == ReviewState.PUBLISHED)

    @cached_property
    def briefings(self) -> tuple[Review, ...]:
        """Reviews with a public briefing, newest briefing first."""
        out = [r for r in self.reviews if r.briefing]
        return tuple(sorted(out, key=lambda r: (r.briefing.published, r.slug), reverse=True))

    @cached_property
    def action_plans(self) -> tuple[Review, ...]:
        return tuple(r for r in self.reviews if r.action_plan)

    @cached_property
    def actions_by_review(self) -> dict[str, tuple[TrackedAction, ...]]:
        out: dict[str, list[TrackedAction]] = defaultdict(list)
        for a in self.actions:
            out[a.review.slug].append(a)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def actions_by_agency(self) -> dict[str, tuple[TrackedAction, ...]]:
        out: dict[str, list[TrackedAction]] = defaultdict(list)
        for a in self.actions:
            out[a.action.lead.id].append(a)
        return {k: tuple(v) for k, v in out.items()}

    def tally(self, slug: str | None = None) -> Tally:
        return Tally.of(self.actions if slug is None else self.actions_by_review.get(slug, ()))

    @cached_property
    def tallies(self) -> dict[str, Tally]:
        return {slug: Tally.of(actions) for slug, actions in self.actions_by_review.items()}

    @cached_property
    def by_theme(self) -> dict[str, tuple[Review, ...]]:
        """Theme id -> its reviews, newest first; only themes some public review uses."""
        out: dict[str, list[Review]] = defaultdict(list)
        for r in self.reviews:
            for t in r.themes:
                out[t.id].append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def themes(self) -> tuple[Term, ...]:
        """Themes with at least one public review, in vocabulary order."""
        return tuple(t for t in self.vocabulary.themes.values() if t.id in self.by_theme)

    @cached_property
    def agencies(self) -> tuple[Term, ...]:
        """Agencies that lead at least one public action, in vocabulary order."""
        return tuple(t for t in self.vocabulary.agencies.values() if t.id in self.actions_by_agency)

    @cached_property
    def impact_overdue(self) -> tuple[TrackedAction, ...]:
        """Complete actions whose impact check is overdue, longest overdue first."""
        return tuple(sorted((a for a in self.actions if a.impact_overdue),
                            key=lambda a: (a.impact_due, a.review.slug, a.action.id)))

    @cached_property
    def calendar(self) -> Calendar:
        """The meeting packs of every meeting up to the reference time, worked out once."""
        return Calendar.of(self)

    @cached_property
    def families(self) -> tuple[Family, ...]:
        """Review families with at least one public review, in the vocabulary's order (built-in ones first)."""
        present = {r.family.id for r in self.reviews if r.family}
        return tuple(f for f in self.vocabulary.review_families.values() if f.id in present)

    @cached_property
    def by_family(self) -> dict[str, tuple[Review, ...]]:
        """Family id -> its public reviews, newest first."""
        out: dict[str, list[Review]] = defaultdict(list)
        for r in self.reviews:
            if r.family:
                out[r.family.id].append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def subjects(self) -> str:
        """Who the public reviews are about, in words: "children", or "children and adults" on a joint site."""
        return subjects_phrase(self.families)

    @cached_property
    def subject(self) -> str:
        """The one word for whom every public review is about: "child", "adult", or "person" on a mixed site."""
        return subject_word(self.families) if self.families else "child"

    @cached_property
    def register(self) -> Register:
        """Every public recommendation across reviews, with its links and indexes (publication/register.py)."""
        return Register(self)

    def latest(self, count: int = 5) -> tuple[Review, ...]:
        return self.reviews[:count]

    def document_files(self) -> list[tuple[str, str]]:
        """(URL path inside the site, file on disk) of every published document file."""
        return [
            (f"reviews/{r.slug}/{d.file}", f"{r.folder}/{d.file}")
            for r in self.published for d in r.documents if d.file
        ]

    def read_documents(self, read: Callable[[Path], DocumentText]) -> None:
        """Look inside every published PDF and Word document, and only those (``read`` is e.g. a
        ``DocumentCache``'s): the search index and the review pages take what is inside a document from here."""
        self.document_texts = {uri: read(Path(path)) for uri, path in self.document_files() if kind_of(Path(path))}

    def document_texts_of(self, review: Review) -> dict[str, DocumentText]:
        """What is inside each of ``review``'s published documents that was read, by the document's ``file``."""
        out = {}
        for d in review.documents:
            text = self.document_texts.get(f"reviews/{review.slug}/{d.file}") if d.file else None
            if text is not None:
                out[d.file] = text
        return out

    def indexed_documents(self, review: Review) -> bool:
        """Whether search holds any page of ``review``'s documents (a readable one with some text)."""
        return any(t.readable and any(t.pages) for t in self.document_texts_of(review).values())

