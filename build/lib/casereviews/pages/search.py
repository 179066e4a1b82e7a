"""What the search index says about each page: Pagefind's filters, sort key and result metadata.

Pagefind reads these from ``data-pagefind-*`` attributes in the built HTML. Working them out here, from the public
copy of a review, keeps one statement of them for every kind of page (review, learning briefing, action plan):
the template partial ``partials/pagefind.html`` only prints what ``record`` returns. Filter values are the
vocabulary's labels, because the search page shows them to readers as they are.

Nothing here decides what is public; it only refuses to describe what the public site has already stripped
(a withdrawn review, or a briefing or plan that is not there).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from casereviews.clock import LONDON
from casereviews.content.model import Review
from casereviews.publication.site import PublicSite
from casereviews.statuses import ReviewState

# Page kinds: the id a template names and the label a reader sees in the `kind` filter.
KINDS = {"review": "Review", "briefing": "Learning briefing", "action-plan": "Action plan", "document": "Document"}
# Filter keys in the order the search page shows them, with the heading of each checkbox group.
FILTERS = {
    "kind": "Kind of page",
    "family": "Reviews about",
    "review_type": "Type of review",
    "year": "Year published",
    "theme": "Theme",
    "agency": "Agency",
    "age_band": "Age of the child",
    "partnership": "Partnership",
}
SORT_KEY = "published"
# A word every indexed page carries in its metadata (Pagefind searches metadata). Pagefind 1.5.2 answers a search
# without words, search(null, {filters}), by loading its WHOLE word index (several MB for 1,000 reviews); a
# search for this one word loads one small chunk and matches every page, so browsing by filters alone stays
# cheap. docs/assets/search.js searches for it when no words are given; keep the two in step.
BROWSE_WORD = "crbrowseallqz"


@dataclass(frozen=True)
class SearchRecord:
    """One page as the search index sees it. ``filters`` and ``meta`` are (key, value) pairs, in display order."""

    filters: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    published: str  # ISO date: Pagefind sorts as text, and ISO dates sort as text

    def values(self, key: str) -> list[str]:
        return [v for k, v in self.filters if k == key]


def _local_date(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).date().isoformat() if moment else ""


def record(review: Review | None, kind: str = "review") -> SearchRecord | None:
    """The search record of ``review``'s page of ``kind``, or None when that page must not be in the index.

    A withdrawn review leaves search altogether. An archived review keeps its catalogue record (its page shows
    nothing else), and its briefing and plan are gone with the rest of its content.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown search kind {kind!r}: use one of {', '.join(KINDS)}")
    if review is None or review.state == ReviewState.WITHDRAWN or review.published is None:
        return None
    if kind == "briefing" and (review.state == ReviewState.ARCHIVED or review.briefing is None):
        return None
    if kind == "action-plan" and (review.state == ReviewState.ARCHIVED or review.action_plan is None):
        return None
    if kind == "document" and review.state != ReviewState.PUBLISHED:  # a page of a document: see document_search
        return None

    published = review.published
    title = review.title
    excerpt = review.summary
    if kind == "briefing":
        published = review.briefing.published or published
        title = review.briefing.title
        excerpt = ""  # Pagefind's own excerpt, from the briefing text around the words searched for
    elif kind == "action-plan":
        title = f"Action plan: {review.title}"
        excerpt = ""
    elif kind == "document":
        excerpt = ""  # Pagefind's own excerpt, from the page of the document where the words are
    date = _local_date(published)

    agencies = [a.label for a in review.agencies]
    if kind == "action-plan":
        # The agencies that lead actions are who "had to do" something: the reason people filter plans by agency.
        agencies += [a.lead.label for a in review.action_plan.actions]
    filters: list[tuple[str, str]] = [("kind", KINDS[kind])]
    if review.family:
        filters.append(("family", review.family.label))
    if review.review_type:
        filters.append(("review_type", review.review_type.label))
    filters.append(("year", date[:4]))
    filters += [("theme", t.label) for t in review.themes]
    filters += [("agency", label) for label in dict.fromkeys(agencies)]
    if review.age_band:
        filters.append(("age_band", review.age_band.label))
    if review.partnership:
        filters.append(("partnership", review.partnership))

    meta: list[tuple[str, str]] = [("title", title), ("kind", KINDS[kind])]
    if review.review_type:
        meta.append(("type", review.review_type.label))
    meta.append(("date", date))
    if excerpt:
        meta.append(("excerpt", excerpt))
    if review.state == ReviewState.ARCHIVED:
        meta.append(("status", review.state.notice_title))
    meta.append(("browse", BROWSE_WORD))
    return SearchRecord(filters=tuple(filters), meta=tuple(meta), published=date)


# Recommendations are indexed one record each (casereviews/outputs/permalinks.py), with this kind.
RECOMMENDATION_KIND = "Recommendation"


def recommendation_record(entry) -> SearchRecord:
    """The search record of one recommendation of the register (a ``publication.register.Entry``): found by its
    identifier and text, filtered like the pages of its review, and shown as 'Recommendation <identifier>'."""
    review = entry.review
    date = _local_date(review.published)
    filters: list[tuple[str, str]] = [("kind", RECOMMENDATION_KIND)]
    if review.review_type:
        filters.append(("review_type", review.review_type.label))
    filters.append(("year", date[:4]))
    filters += [("theme", t.label) for t in entry.themes]
    filters += [("agency", a.label) for a in entry.agencies]
    if review.age_band:
        filters.append(("age_band", review.age_band.label))
    if review.partnership:
        filters.append(("partnership", review.partnership))
    meta = (("title", f"Recommendation {entry.identifier}: {review.title}"), ("kind", RECOMMENDATION_KIND),
            ("identifier", entry.identifier), ("date", date), ("excerpt", entry.recommendation.text),
            ("browse", BROWSE_WORD))
    return SearchRecord(filters=tuple(filters), meta=meta, published=date)


@dataclass(frozen=True)
class Facet:
    """One checkbox group of the search page: filter key, heading, and values in the order to list them."""

    key: str
    heading: str
    values: tuple[str, ...]
    counts: tuple[int, ...] = ()  # pages per value over the whole index, as the page first shows them

    @property
    def long(self) -> bool:
        """More values than the page shows at first: the rest wait behind a button."""
        return len(self.values) > 10

    @property
    def items(self) -> tuple[tuple[str, int | None], ...]:
        return tuple(zip(self.values, self.counts or (None,) * len(self.values), strict=True))


def facets(site: PublicSite) -> list[Facet]:
    """The search page's checkbox groups, each with at least one value, in ``FILTERS`` order."""
    records = _records(site)
    order = facet_order(site, records)
    counts = Counter((key, value) for rec in records for key in FILTERS for value in rec.values(key))
    headings = {**FILTERS, "age_band": f"Age of the {site.subject}"}
    # One family is no choice: its group appears once a site publishes reviews of two families or more.
    return [Facet(key, headings[key], tuple(order[key]), tuple(counts[key, v] for v in order[key])) for key in FILTERS
            if order[key] and (key != "family" or len(order[key]) > 1)]


def _records(site: PublicSite) -> list[SearchRecord]:
    return [rec for r in site.reviews for kind in KINDS
            if (kind != "document" or site.indexed_documents(r)) and (rec := record(r, kind)) is not None] + [
        recommendation_record(e) for e in site.register.entries]


def facet_order(site: PublicSite, records: list[SearchRecord] | None = None) -> dict[str, list[str]]:
    """For each filter key, the order the search page lists its values in: kinds as above, years newest first,
    vocabulary terms in the vocabulary's order. Only values some indexed page carries, so the search page names
    nothing that is not public.
    """
    records = _records(site) if records is None else records
    present = {key: {v for rec in records for v in rec.values(key)} for key in FILTERS}
    order = {
        "kind": [label for label in (*KINDS.values(), RECOMMENDATION_KIND) if label in present["kind"]],
        "year": sorted(present["year"], reverse=True),
        "partnership": sorted(present["partnership"]),
        "family": [f.label for f in site.vocabulary.review_families.values() if f.label in present["family"]],
    }
    for key, list_name in (("review_type", "review_types"), ("theme", "themes"), ("agency", "agencies"),
                           ("age_band", "age_bands")):
        order[key] = [t.label for t in site.vocabulary.terms(list_name).values() if t.label in present[key]]
    return {key: order[key] for key in FILTERS}


def page_count(site: PublicSite) -> int:
    """How many pages the search index holds (the search page says so before its script has run)."""
    return len(_records(site))


# Jinja filters for the search page (docs/search.md, which is no page spec): ``reviews_site | search_facets`` and
# ``reviews_site | search_page_count``.
JINJA_FILTERS = {"search_facets": facets, "search_page_count": page_count}
