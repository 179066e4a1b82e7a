"""The pages the site generates from the public site, each with its template and the objects it shows.

A page maker is a function from the public site to page specs; ``MAKERS`` is the registry, in the spirit of
Python-Markdown's extension registry, so a new kind of page is a new function rather than a change elsewhere.
Templates get model objects in ``context``, never HTML assembled here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .actionplans import MAKERS as ACTION_PLAN_MAKERS
from .briefings import briefing_list_page, briefing_pages
from .packs import MAKERS as PACK_MAKERS
from .paging import REVIEWS_PER_PAGE, THEME_REVIEWS_PER_PAGE, paginate
from .publication import PUBLISHED
from .register_pages import MAKERS as REGISTER_MAKERS
from .site import PublicSite

_YAML_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # where the page pretends to live in docs/, e.g. reviews/2021-child-sam/index.md
    title: str
    template: str
    body: str = ""  # Markdown rendered by MkDocs into page.content
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ()

    def markdown(self) -> str:
        """The page's source as MkDocs reads it: front matter (title, template, description) and body."""
        meta: dict[str, Any] = {"title": self.title, "template": self.template}
        if self.description:
            meta["description"] = " ".join(self.description.split())
        if self.hide:
            meta["hide"] = list(self.hide)
        # JSON is YAML, and the json module writes it some fifteen times faster than PyYAML: this runs per page.
        # YAML reads U+0085, U+2028 and U+2029 as line breaks and folds them away; as escapes they stay the text.
        return f"---\n{json.dumps(meta, ensure_ascii=False).translate(_YAML_BREAKS)}\n---\n\n{self.body}"

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as MkDocs gives it with directory URLs."""
        path = self.src_uri.removesuffix(".md")
        path = path.removesuffix("index")
        return path if not path or path.endswith("/") else path + "/"


PageMaker = Callable[[PublicSite], Iterable[PageSpec]]


def review_pages(site: PublicSite) -> Iterable[PageSpec]:
    for review in site.reviews:
        if review.state == PUBLISHED:
            description = review.summary
        elif review.state == "withdrawn":
            description = f"This review has been withdrawn. {review.withdrawn_reason}"
        else:
            description = f"Archived catalogue record. {review.summary}"
        yield PageSpec(
            src_uri=f"reviews/{review.slug}/index.md",
            title=review.title,
            template="review.html",
            body=review.body,
            description=description,
            context={"review": review, "tally": site.tallies.get(review.slug),
                     "document_texts": site.document_texts_of(review)},
        )


def listing_pages(site: PublicSite) -> Iterable[PageSpec]:
    families = site.families if len(site.families) > 1 else ()
    for page in paginate(site.reviews, REVIEWS_PER_PAGE, "reviews/"):
        yield PageSpec(page.src_uri("reviews/index.md"), page.title("All reviews"), "reviews.html",
                       description="Every safeguarding review the partnership has published, newest first.",
                       context={"reviews": page.items, "pager": page.pager, "total": len(site.reviews),
                                "families": families, "by_family": site.by_family},
                       hide=("navigation", "toc"))
    yield PageSpec("themes/index.md", "Themes", "themes.html",
                   description="The learning themes of the published reviews.",
                   context={"themes": site.themes}, hide=("toc",))


def theme_pages(site: PublicSite) -> Iterable[PageSpec]:
    for theme in site.themes:
        reviews = site.by_theme[theme.id]
        for page in paginate(reviews, THEME_REVIEWS_PER_PAGE, f"themes/{theme.id}/"):
            yield PageSpec(
                page.src_uri(f"themes/{theme.id}.md"), page.title(theme.label), "theme.html",
                description=theme.description or f"Reviews and learning on {theme.label.lower()}.",
                context={"theme": theme, "reviews": page.items, "pager": page.pager, "total": len(reviews),
                         "briefings": tuple(r for r in page.items if r.briefing),
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
            context={"reviews": site.by_family[family.id], "families": site.families, "by_family": site.by_family,
                     "family": family, "all_count": len(site.reviews)},
            hide=("navigation", "toc"))


def family_src_uri(family_id: str) -> str:
    return f"families/{family_id}.md"


MAKERS: list[PageMaker] = [review_pages, listing_pages, theme_pages, briefing_pages, briefing_list_page,
                           family_pages]
MAKERS += ACTION_PLAN_MAKERS  # plans, dashboard, board report, agencies
MAKERS += PACK_MAKERS  # meeting packs and the meetings index
MAKERS += REGISTER_MAKERS  # the register of recommendations and recurring learning


def all_pages(site: PublicSite) -> list[PageSpec]:
    return [page for maker in MAKERS for page in maker(site)]
