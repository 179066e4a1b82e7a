"""The review pages, the listings of reviews (all, by theme, by family of review)."""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.content.documents import DocumentText
from casereviews.content.model import Document, Family, Review
from casereviews.pages import search
from casereviews.pages.paging import REVIEWS_PER_PAGE, THEME_REVIEWS_PER_PAGE, paginate
from casereviews.pages.spec import PageSpec
from casereviews.publication.site import PublicSite


def review_pages(site: PublicSite) -> Iterable[PageSpec]:
    for review in site.reviews:
        description = review.state.summary(review.summary, review.withdrawn_reason)
        yield PageSpec(
            src_uri=f"reviews/{review.slug}/index.md",
            title=review.title,
            template="review.html",
            body=review.body,
            description=description,
            context={"review": review, "tally": site.tallies.get(review.slug),
                     "documents": documents_with_text(site, review), "search": search.record(review, "review")},
        )


def documents_with_text(site: PublicSite, review: Review) -> tuple[tuple[Document, DocumentText | None], ...]:
    """Each of a review's documents with what was read inside it (None for a link or a file not read)."""
    inside = site.document_texts_of(review)
    return tuple((d, inside.get(d.file) if d.file else None) for d in review.documents)


BROWSE_FACETS = ("review_type", "year")  # the search filters the list of reviews links to, value by value


def listing_pages(site: PublicSite) -> Iterable[PageSpec]:
    families = site.families if len(site.families) > 1 else ()
    browse = tuple(f for f in search.facets(site) if f.key in BROWSE_FACETS)
    for page in paginate(site.reviews, REVIEWS_PER_PAGE, "reviews/"):
        yield PageSpec(page.src_uri("reviews/index.md"), page.title("All reviews"), "reviews.html",
                       description="Every safeguarding review the partnership has published, newest first.",
                       context={"reviews": page.items, "pager": page.pager, "total": len(site.reviews),
                                "families": family_counts(site, families), "browse_facets": browse},
                       hide=("navigation", "toc"))
    yield PageSpec("themes/index.md", "Themes", "themes.html",
                   description="The learning themes of the published reviews.",
                   context={"themes": tuple((t, len(site.by_theme[t.id])) for t in site.themes)}, hide=("toc",))


def theme_pages(site: PublicSite) -> Iterable[PageSpec]:
    for theme in site.themes:
        reviews = site.by_theme[theme.id]
        for page in paginate(reviews, THEME_REVIEWS_PER_PAGE, f"themes/{theme.id}/"):
            yield PageSpec(
                page.src_uri(f"themes/{theme.id}.md"), page.title(theme.label), "theme.html",
                description=theme.description or f"Reviews and learning on {theme.label.lower()}.",
                context={"theme": theme, "reviews": page.items, "pager": page.pager, "total": len(reviews),
                         "briefings": tuple(r for r in page.items if r.briefing),
                         "learning": tuple(r for r in page.items if r.key_learning),
                         "recurrence": site.register.recurrence(theme), "register": site.register},
            )


def family_pages(site: PublicSite) -> Iterable[PageSpec]:
    """/reviews/ filtered by family, one page each, when the site publishes reviews of more than one family."""
    if len(site.families) < 2:
        return
    for family in site.families:
        yield PageSpec(
            family_src_uri(family.id), f"Reviews about {family.label.lower()}", "reviews.html",
            description=family.description or f"Every published review about {family.subjects}, newest first.",
            context={"reviews": site.by_family[family.id], "families": family_counts(site, site.families),
                     "family": family, "total": len(site.by_family[family.id]), "all_count": len(site.reviews)},
            hide=("navigation", "toc"))


def family_counts(site: PublicSite, families: Iterable[Family]) -> tuple[tuple[Family, int], ...]:
    """Each family with how many public reviews it has, for the links between the family listings."""
    return tuple((f, len(site.by_family[f.id])) for f in families)


def family_src_uri(family_id: str) -> str:
    return f"families/{family_id}.md"


MAKERS = [review_pages, listing_pages, theme_pages, family_pages]
