"""The hub's public view: what every page, search record and data file of a hub is made from.

``HubSite.build`` is the hub's one publication rule: a harvested record is shown only when its source publishes
it as ``published`` (not withdrawn, not archived) and its publication date is not after the build's reference
time. The sources only publish what is public; the hub adds nothing to that, and keeps less.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from casereviews.clock import LONDON, local_date
from casereviews.hub.config import HubSettings, Source
from casereviews.hub.snapshot import SourceSnapshot
from casereviews.settings import Settings
from casereviews.statuses import STALE, ActionStatus, ReviewState

COUNT_KEYS = ("total", *ActionStatus, STALE)


@dataclass(frozen=True)
class Term:
    id: str
    label: str


@dataclass(frozen=True)
class HubReview:
    source: Source
    slug: str
    url: str  # the review's page on the partnership's own site (checked)
    title: str
    published: datetime
    review_type: Term
    themes: tuple[Term, ...]
    agencies: tuple[Term, ...]
    summary: str
    key_learning: tuple[str, ...]
    age_band: Term | None
    family: Term | None
    briefing_url: str | None
    action_plan_url: str | None
    action_counts: dict[str, int] | None
    recommendations: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.source.id}/{self.slug}"

    @property
    def year(self) -> int:
        return self.published.astimezone(LONDON).year


@dataclass
class Partnership:
    """One source as the hub shows it."""

    source: Source
    reviews: tuple[HubReview, ...]
    last_success: datetime | None
    last_attempt: datetime | None
    last_error: str | None  # set when the last harvest failed

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def failed(self) -> bool:
        return bool(self.last_error) or self.last_success is None

    @cached_property
    def briefings(self) -> int:
        return sum(1 for r in self.reviews if r.briefing_url)

    @cached_property
    def plans(self) -> tuple[HubReview, ...]:
        return tuple(r for r in self.reviews if r.action_counts is not None)

    @cached_property
    def actions(self) -> dict[str, int]:
        total = Counter({k: 0 for k in COUNT_KEYS})
        for r in self.plans:
            total.update({k: r.action_counts.get(k, 0) for k in COUNT_KEYS})
        return dict(total)


def _term(value: Any) -> Term | None:
    return Term(value["id"], value["label"]) if value else None


def is_shown(record: dict[str, Any], at: datetime) -> bool:
    """The hub's publication rule for one harvested record."""
    return record["status"] == ReviewState.PUBLISHED and datetime.fromisoformat(record["published"]) <= at


def review_of(source: Source, record: dict[str, Any], recommendations: tuple[str, ...]) -> HubReview:
    return HubReview(
        source=source, slug=record["slug"], url=record["url"], title=record["title"],
        published=datetime.fromisoformat(record["published"]), review_type=_term(record["review_type"]),
        themes=tuple(_term(t) for t in record["themes"]), agencies=tuple(_term(a) for a in record["agencies"]),
        summary=record["summary"] or "", key_learning=tuple(record["key_learning"]),
        age_band=_term(record["age_band"]), family=_term(record.get("family")),
        briefing_url=record["briefing_url"], action_plan_url=record["action_plan_url"],
        action_counts=record["action_counts"], recommendations=recommendations)


@dataclass
class HubSite:
    at: datetime
    settings: Settings  # the hub's name (as ``partnership``) and address, for the sharing card and head
    hub: HubSettings
    partnerships: tuple[Partnership, ...]  # in the order of the settings
    hub_mode: bool = field(default=True)  # templates tell a hub from a partnership's site by this

    @classmethod
    def build(cls, snapshots: list[SourceSnapshot], at: datetime, settings: Settings, hub: HubSettings) -> HubSite:
        partnerships = []
        for snap in snapshots:
            texts: dict[str, list[str]] = defaultdict(list)
            for rec in snap.recommendations:
                texts[rec["review"]["slug"]].append(rec["text"])
            reviews = [review_of(snap.source, r, tuple(texts.get(r["slug"], ()))) for r in snap.reviews
                       if is_shown(r, at)]
            reviews.sort(key=lambda r: (r.published, r.slug), reverse=True)
            partnerships.append(Partnership(snap.source, tuple(reviews), snap.last_success, snap.last_attempt,
                                            snap.last_error))
        return cls(at, settings, hub, tuple(partnerships))

    @cached_property
    def today(self):
        return local_date(self.at)

    @cached_property
    def reviews(self) -> tuple[HubReview, ...]:
        """Every review shown, newest first (ties by partnership and slug, so the order is the same every build)."""
        out = [r for p in self.partnerships for r in p.reviews]
        out.sort(key=lambda r: (-r.published.timestamp(), r.source.id, r.slug))
        return tuple(out)

    @cached_property
    def by_theme(self) -> dict[str, tuple[HubReview, ...]]:
        out: dict[str, list[HubReview]] = defaultdict(list)
        for r in self.reviews:
            for t in dict.fromkeys(t.id for t in r.themes):
                out[t].append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def themes(self) -> tuple[Term, ...]:
        """Every theme some review carries, by its most used label, in alphabetical order of label."""
        labels: dict[str, Counter] = defaultdict(Counter)
        for r in self.reviews:
            for t in r.themes:
                labels[t.id][t.label] += 1
        terms = [Term(i, c.most_common(1)[0][0]) for i, c in labels.items()]
        return tuple(sorted(terms, key=lambda t: (t.label.casefold(), t.id)))

    @cached_property
    def briefings(self) -> int:
        return sum(p.briefings for p in self.partnerships)

    @cached_property
    def plans(self) -> int:
        return sum(len(p.plans) for p in self.partnerships)

    @cached_property
    def actions(self) -> dict[str, int]:
        total = Counter({k: 0 for k in COUNT_KEYS})
        for p in self.partnerships:
            total.update(p.actions)
        return dict(total)

    @cached_property
    def failed(self) -> tuple[Partnership, ...]:
        return tuple(p for p in self.partnerships if p.failed)

    def document_files(self) -> list[tuple[str, str]]:
        return []  # a hub publishes no documents: it links to the partnerships' pages
