"""The register of recommendations across reviews: every public recommendation with its identifier, themes,
response and the delivery of its actions, the links between them, and how each theme recurs over the years.

Built once per build from the public site (``PublicSite.register``), so it holds only recommendations whose
action plan is public at the reference time. A link written to a recommendation that is not public is dropped
here, whole: it is never shown, counted or marked, although ``casereviews.content.relations`` has checked it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from casereviews.clock import LONDON
from casereviews.content.model import Recommendation, Review, Term
from casereviews.content.relations import identifier
from casereviews.publication.progress import Tally, TrackedAction
from casereviews.statuses import Delivery, Relation, Response, ReviewState
from casereviews.urls import action_plan_path, register_path

if TYPE_CHECKING:
    from casereviews.publication.site import PublicSite

# The ways to narrow the register: URL segment -> heading. Each has a page per value, paginated.
DIMENSIONS = {"theme": "Theme", "agency": "Agency leading an action", "response": "Response", "year": "Year",
              "delivery": "Delivery"}


@dataclass(frozen=True)
class Entry:
    """One public recommendation, as the register shows it."""

    review: Review
    recommendation: Recommendation
    identifier: str  # <slug>/<id>: stable once public
    year: int  # the year its review was published (London)
    themes: tuple[Term, ...]  # its own, or its review's
    agencies: tuple[Term, ...]  # the agencies that lead its actions, in vocabulary order
    actions: tuple[TrackedAction, ...]
    tally: Tally

    @property
    def id(self) -> str:
        return self.recommendation.id

    @property
    def response(self) -> str:
        return self.recommendation.response

    @property
    def response_label(self) -> str:
        return self.recommendation.response.label if self.recommendation.response else ""

    @property
    def path(self) -> str:
        """Its place on its plan page, relative to the site root."""
        return f"{action_plan_path(self.review.slug)}#rec-{self.recommendation.id}"

    @property
    def delivery(self) -> Delivery:
        if not self.actions:
            return Delivery.NO_ACTIONS
        if any(a.overdue for a in self.actions):
            return Delivery.OVERDUE
        return Delivery.CLOSED if all(a.closed for a in self.actions) else Delivery.OPEN

    @cached_property
    def delivery_text(self) -> str:
        """E.g. '4 actions: 3 complete, 1 overdue'. Worked out once: a recommendation is on several pages."""
        return self.tally.sentence()

    def delivery_sentence(self) -> str:
        return self.delivery_text

    def outcome_sentence(self) -> str:
        """How it was received and how its actions ended, e.g. 'accepted in 2019; 4 actions: 3 complete, 1 assured'."""
        return f"{self.response_label.lower()} in {self.year}; {self.tally.sentence()}"


@dataclass(frozen=True)
class Link:
    relation: Relation
    entry: Entry  # the other end of the link

    @property
    def words(self) -> str:
        return self.relation.words

    @property
    def back_words(self) -> str:
        return self.relation.back_words


@dataclass(frozen=True)
class ReviewLinks:
    """A review's recommendations with their links to earlier ones (``before``) and from later ones (``later``)."""

    before: tuple[tuple[Entry, tuple[Link, ...]], ...]
    later: tuple[tuple[Entry, tuple[Link, ...]], ...]


@dataclass(frozen=True)
class Value:
    """One value to narrow by, with how many recommendations have it and where its pages start."""

    dimension: str
    id: str
    label: str
    count: int

    @property
    def path(self) -> str:
        return register_path(self.dimension, self.id)


@dataclass(frozen=True)
class YearFigures:
    year: int
    reviews: int
    recommendations: int


@dataclass(frozen=True)
class Bar:
    """One bar of a recurrence chart, in the chart's own units."""

    x: int
    y: int
    height: int
    series: str  # "reviews" or "recommendations"
    count: int
    year: int


@dataclass(frozen=True)
class RecurrenceChart:
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, int], ...]  # (x of the label's centre, year)
    width: int
    height: int
    baseline: int
    biggest: int
    ticks: tuple[tuple[int, int], ...]  # (y, value) of the horizontal grid lines
    left: int  # where the plotting area starts
    bar_width: int

    @property
    def drawn_bars(self) -> tuple[Bar, ...]:
        """The bars with a height: a year with none of a series draws nothing for it."""
        return tuple(b for b in self.bars if b.count)

    @property
    def year_labels(self) -> tuple[tuple[int, str], ...]:
        """(x, text) under each year: every year up to twelve of them, else the first, the last and every fifth."""
        every = len(self.years) <= 12
        last = len(self.years) - 1
        return tuple((x, str(year) if every or i in (0, last) or year % 5 == 0 else "")
                     for i, (x, year) in enumerate(self.years))


@dataclass(frozen=True)
class Recurrence:
    """How one theme recurs: reviews and recommendations on it by year, and its chains of repeats."""

    theme: Term
    years: tuple[YearFigures, ...]  # every year from the first to the last with either, zeros included
    entries: tuple[Entry, ...]  # newest first
    chains: tuple[tuple[Entry, ...], ...]
    repeats: int  # recommendations on the theme that repeat an earlier public one

    @property
    def active_years(self) -> tuple[YearFigures, ...]:
        """The years with a review or a recommendation on the theme: what the chart's description reads out."""
        return tuple(y for y in self.years if y.reviews or y.recommendations)

    @property
    def total_reviews(self) -> int:
        return sum(y.reviews for y in self.years)

    @property
    def total_recommendations(self) -> int:
        return len(self.entries)

    @property
    def years_with_recommendations(self) -> int:
        return sum(1 for y in self.years if y.recommendations)

    def chart(self, width: int = 480, height: int = 200) -> RecurrenceChart:
        return recurrence_chart(self.years, width, height)


@dataclass(frozen=True)
class ThemeSummary:
    """A row of /recommendations/recurring/: how much a theme comes back."""

    theme: Term
    recommendations: int
    reviews: int
    years: int  # years with at least one recommendation on the theme
    first: int
    latest: int
    repeats: int


class Register:
    """Every public recommendation, newest review first and in plan order within a review, with its indexes."""

    def __init__(self, site: PublicSite):
        self.site = site
        entries: list[Entry] = []
        agency_order = {a: i for i, a in enumerate(site.vocabulary.agencies)}

        for review in site.action_plans:
            tracked = site.actions_by_review.get(review.slug, ())
            for rec in review.action_plan.recommendations:
                actions = tuple(a for a in tracked if a.recommendation.id == rec.id)
                leads = {a.action.lead.id: a.action.lead for a in actions}
                entries.append(Entry(
                    review=review, recommendation=rec, identifier=identifier(review.slug, rec.id),
                    year=year(review), themes=rec.themes or review.themes,
                    agencies=tuple(sorted(leads.values(), key=lambda t: agency_order.get(t.id, len(agency_order)))),
                    actions=actions, tally=Tally.of(actions),
                ))
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.by_id: dict[str, Entry] = {e.identifier: e for e in entries}
        earlier: dict[str, list[Link]] = defaultdict(list)
        later: dict[str, list[Link]] = defaultdict(list)
        for entry in entries:
            for rel in entry.recommendation.related:
                target = self.by_id.get(rel.recommendation)
                if target is None or rel.relation not in tuple(Relation):
                    continue  # not public at the reference time: never shown, never counted
                earlier[entry.identifier].append(Link(rel.relation, target))
                later[target.identifier].append(Link(rel.relation, entry))
        self.earlier = {k: tuple(v) for k, v in earlier.items()}
        self.later = {k: tuple(sorted(v, key=lambda link: (link.entry.year, link.entry.identifier)))
                      for k, v in later.items()}

    # -- links -------------------------------------------------------------------------------------------------

    def repeats(self, entry: Entry) -> bool:
        """Whether it repeats an earlier public recommendation (the register's mark)."""
        return any(link.relation == "repeats" for link in self.earlier.get(entry.identifier, ()))

    def links(self, slug: str, rec_id: str) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
        """One recommendation's public links: (earlier ones it points at, later ones that point at it)."""
        ident = identifier(slug, rec_id)
        return self.earlier.get(ident, ()), self.later.get(ident, ())

    def review_links(self, slug: str) -> ReviewLinks:
        """For a review's page: its recommendations that repeat, build on or replace earlier public ones (with
        those links), and those that later public recommendations came back to."""
        before, later = [], []
        for entry in self.by_review.get(slug, ()):
            if entry.identifier in self.earlier:
                before.append((entry, self.earlier[entry.identifier]))
            if entry.identifier in self.later:
                later.append((entry, self.later[entry.identifier]))
        return ReviewLinks(tuple(before), tuple(later))

    @cached_property
    def by_review(self) -> dict[str, tuple[Entry, ...]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            out[e.review.slug].append(e)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def chains(self) -> tuple[tuple[Entry, ...], ...]:
        """Recommendations joined by ``repeats`` links, each group oldest first; longest groups first."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                parent[x] = parent.get(parent[x], parent[x])
                x = parent[x]
            return x

        for source, links in self.earlier.items():
            for link in links:
                if link.relation == "repeats":
                    a, b = root(source), root(link.entry.identifier)
                    parent.setdefault(a, a)
                    parent.setdefault(b, b)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        groups: dict[str, list[Entry]] = defaultdict(list)
        for ident in parent:
            groups[root(ident)].append(self.by_id[ident])
        chains = [tuple(sorted(g, key=_oldest_first)) for g in groups.values()]
        return tuple(sorted(chains, key=lambda c: (-len(c), -c[-1].year, c[0].identifier)))

    # -- narrowing ---------------------------------------------------------------------------------------------

    @cached_property
    def groups(self) -> dict[str, dict[str, tuple[Entry, ...]]]:
        """Dimension -> value id -> its entries, newest first."""
        out: dict[str, dict[str, list[Entry]]] = {d: defaultdict(list) for d in DIMENSIONS}
        for e in self.entries:
            for t in e.themes:
                out["theme"][t.id].append(e)
            for a in e.agencies:
                out["agency"][a.id].append(e)
            out["response"][e.response].append(e)
            out["year"][str(e.year)].append(e)
            out["delivery"][e.delivery].append(e)
        return {d: {k: tuple(v) for k, v in values.items()} for d, values in out.items()}

    @cached_property
    def values(self) -> dict[str, tuple[Value, ...]]:
        """Dimension -> the values some public recommendation has, in a reader's order."""
        vocab = self.site.vocabulary
        groups = self.groups
        orders: dict[str, list[tuple[str, str]]] = {
            "theme": [(t.id, t.label) for t in vocab.themes.values()],
            "agency": [(t.id, t.label) for t in vocab.agencies.values()],
            "response": [(r.value, r.label) for r in Response],
            "year": [(y, y) for y in sorted(groups["year"], reverse=True)],
            "delivery": [(d.value, d.label) for d in Delivery],
        }
        return {d: tuple(Value(d, vid, label, len(groups[d][vid])) for vid, label in orders[d] if vid in groups[d])
                for d in DIMENSIONS}

    def value(self, dimension: str, value_id: str) -> Value | None:
        return next((v for v in self.values.get(dimension, ()) if v.id == value_id), None)

    # -- recurrence --------------------------------------------------------------------------------------------

    def recurrence(self, theme: Term) -> Recurrence:
        entries = self.groups["theme"].get(theme.id, ())

        reviews = Counter(year(r) for r in self.site.by_theme.get(theme.id, ()) if r.state != ReviewState.WITHDRAWN)
        recs = Counter(e.year for e in entries)
        span = sorted(set(reviews) | set(recs))
        years = tuple(YearFigures(y, reviews.get(y, 0), recs.get(y, 0)) for y in range(span[0], span[-1] + 1)) \
            if span else ()
        ids = {e.identifier for e in entries}
        chains = tuple(c for c in self.chains if any(e.identifier in ids for e in c))
        return Recurrence(theme, years, entries, chains, sum(1 for e in entries if self.repeats(e)))

    @cached_property
    def theme_summaries(self) -> tuple[ThemeSummary, ...]:
        """Themes that recur most first: most years with recommendations, then most recommendations."""
        out = []
        for theme in self.site.vocabulary.themes.values():
            if theme.id not in self.groups["theme"]:
                continue
            rec = self.recurrence(theme)
            active = [y.year for y in rec.years if y.recommendations]
            out.append(ThemeSummary(theme, rec.total_recommendations, rec.total_reviews, len(active), active[0],
                                    active[-1], rec.repeats))
        return tuple(sorted(out, key=lambda s: (-s.years, -s.recommendations, -s.repeats, s.theme.label)))

    @cached_property
    def most_repeated(self) -> tuple[tuple[Entry, int], ...]:
        """Recommendations that later public ones repeat, most repeated first."""
        counts = [(self.by_id[k], sum(1 for link in v if link.relation == "repeats")) for k, v in self.later.items()]
        counts = [(e, n) for e, n in counts if n]
        return tuple(sorted(counts, key=lambda p: (-p[1], p[0].year, p[0].identifier)))


def _oldest_first(entry: Entry) -> tuple:
    return (entry.review.published, entry.review.slug, entry.identifier)


def pages_of(entries: tuple[Entry, ...], size: int) -> Iterable[tuple[int, tuple[Entry, ...]]]:
    """(page number from 1, its entries); one empty page when there are none."""
    if not entries:
        yield 1, ()
        return
    for start in range(0, len(entries), size):
        yield start // size + 1, entries[start:start + size]


def recurrence_chart(years: tuple[YearFigures, ...], width: int = 480, height: int = 200) -> RecurrenceChart:
    """Two bars a year (reviews, recommendations), the tallest reaching the top; a non-zero count is never
    invisible. The figures are also in the table beside the chart; the chart only draws them."""
    left, top, bottom = 36, 18, 30
    plot_h = height - top - bottom
    biggest = max((max(y.reviews, y.recommendations) for y in years), default=0) or 1
    slot = (width - left - 8) / max(len(years), 1)
    bar_w = max(int(slot * 0.35), 2)
    bars, labels = [], []
    baseline = top + plot_h
    for i, y in enumerate(years):
        x0 = left + int(i * slot + slot / 2) - bar_w
        for j, (series, n) in enumerate((("reviews", y.reviews), ("recommendations", y.recommendations))):
            h = max(round(plot_h * n / biggest), 2) if n else 0
            bars.append(Bar(x0 + j * bar_w, baseline - h, h, series, n, y.year))
        labels.append((left + int(i * slot + slot / 2), y.year))
    step = max(1, -(-biggest // 4))
    ticks = tuple((baseline - round(plot_h * v / biggest), v) for v in range(0, biggest + 1, step))
    return RecurrenceChart(tuple(bars), tuple(labels), width, height, baseline, biggest, ticks, left, bar_w)


def year(review: Review) -> int:
    """The year a review was published, in London."""
    return review.published.astimezone(LONDON).year if review.published else 0
