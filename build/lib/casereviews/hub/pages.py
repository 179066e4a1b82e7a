"""The hub's pages, each a ``PageSpec`` (casereviews/pages/makers.py) with its template and the objects it shows.

Every listing is paginated (casereviews/pages/paging.py): at national scale the catalogue holds thousands of reviews,
and no page lists more than a hundred rows. Reviews have no page on the hub: each row links to the review's page
on its partnership's own site.
"""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.hub.model import HubSite
from casereviews.pages.paging import REVIEWS_PER_PAGE, THEME_REVIEWS_PER_PAGE, paginate
from casereviews.pages.spec import PageSpec

PARTNERSHIPS_PER_PAGE = 100


def hub_pages(site: HubSite) -> list[PageSpec]:
    return [*_partnerships(site), *_catalogue(site), *_themes(site), *_actions(site), _search(site)]


def _partnerships(site: HubSite) -> Iterable[PageSpec]:
    for page in paginate(site.partnerships, PARTNERSHIPS_PER_PAGE, "partnerships/"):
        yield PageSpec(page.src_uri("partnerships/index.md"), page.title("Partnerships"), "hub-partnerships.html",
                       description="Every partnership whose published reviews this hub gathers, with when each was "
                                   "last harvested.",
                       context={"partnerships": page.items, "pager": page.pager, "hub": site},
                       hide=("navigation", "toc"))
    for p in site.partnerships:
        for page in paginate(p.reviews, REVIEWS_PER_PAGE, f"partnerships/{p.id}/"):
            yield PageSpec(page.src_uri(f"partnerships/{p.id}.md"), page.title(p.name), "hub-partnership.html",
                           description=f"The published reviews of {p.name}, gathered from its own site.",
                           context={"partnership": p, "reviews": page.items, "pager": page.pager, "hub": site},
                           hide=("navigation", "toc"))


def _catalogue(site: HubSite) -> Iterable[PageSpec]:
    for page in paginate(site.reviews, REVIEWS_PER_PAGE, "reviews/"):
        yield PageSpec(page.src_uri("reviews/index.md"), page.title("All reviews"), "hub-reviews.html",
                       description="Every published review of every partnership, newest first.",
                       context={"reviews": page.items, "pager": page.pager, "hub": site},
                       hide=("navigation", "toc"))


def _themes(site: HubSite) -> Iterable[PageSpec]:
    yield PageSpec("themes/index.md", "Themes", "hub-themes.html",
                   description="The learning themes of the reviews, across partnerships.",
                   context={"themes": site.themes, "by_theme": site.by_theme, "hub": site}, hide=("toc",))
    for theme in site.themes:
        reviews = site.by_theme[theme.id]
        for page in paginate(reviews, THEME_REVIEWS_PER_PAGE, f"themes/{theme.id}/"):
            yield PageSpec(page.src_uri(f"themes/{theme.id}.md"), page.title(theme.label), "hub-theme.html",
                           description=f"Reviews on {theme.label.lower()} across partnerships.",
                           context={"theme": theme, "reviews": page.items, "pager": page.pager, "hub": site,
                                    "partnership_count": len({r.source.id for r in reviews})},
                           hide=("navigation", "toc"))


def _actions(site: HubSite) -> Iterable[PageSpec]:
    with_plans = tuple(p for p in site.partnerships if p.plans)
    for page in paginate(with_plans, PARTNERSHIPS_PER_PAGE, "action-plans/"):
        yield PageSpec(page.src_uri("action-plans/index.md"), page.title("Action plans"), "hub-actions.html",
                       description="The national picture of action plans: actions by status, overdue and stale, "
                                   "by partnership.",
                       context={"partnerships": page.items, "pager": page.pager, "hub": site,
                                "with_plans": len(with_plans)},
                       hide=("navigation", "toc"))


def _search(site: HubSite) -> PageSpec:
    from casereviews.hub.search import facets, record_count

    return PageSpec("search.md", "Search", "search.html",  # the site's search page, with the hub's filters
                    description="Search the published reviews of every partnership.",
                    context={"facets": facets(site), "record_count": record_count(site), "count_noun": "reviews",
                             "hint_more": "Results link to each partnership's own site.", "hub": site},
                    hide=("navigation", "toc"))
