"""The pages the site generates from the public site, each with its template and the objects it shows.

A page maker is a function from the public site to page specs; ``MAKERS`` is the registry, in the spirit of
Python-Markdown's extension registry, so a new kind of page is a new function rather than a change elsewhere.
Templates get model objects in ``context``, never HTML assembled here.
"""

from __future__ import annotations

from casereviews.pages import actionplans, briefings, packs, register_pages, reviews
from casereviews.pages.spec import PageMaker, PageSpec
from casereviews.publication.site import PublicSite

# Reviews and their listings, briefings, action plans (plans, dashboard, board report, agencies), meeting packs
# and the meetings index, the register of recommendations and recurring learning.
MAKERS: list[PageMaker] = [*reviews.MAKERS, *briefings.MAKERS, *actionplans.MAKERS, *packs.MAKERS,
                           *register_pages.MAKERS]


def all_pages(site: PublicSite) -> list[PageSpec]:
    return [page for maker in MAKERS for page in maker(site)]
