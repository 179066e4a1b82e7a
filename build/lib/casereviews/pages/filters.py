"""Every Jinja filter the templates use, in one registry the MkDocs hook installs: how dates, sizes and counts
read (``present``), every address (``urls``), structured data and the sharing card already safe for the page
(``structured``, ``share_card``), and what the search index says about a page (``search``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from casereviews import present, urls
from casereviews.pages import search, share_card, structured
from casereviews.urls import PATHS

JINJA_FILTERS: dict[str, Callable[..., Any]] = {
    "long_date": present.long_date,
    "iso_date": present.iso_date,
    "iso_moment": present.iso_moment,
    "file_size": present.file_size,
    "plural": present.plural,
    "year_of": present.year_of,
    # Structured data for review, briefing and plan pages; already safe inside a <script> element.
    "report_json_ld": structured.report_json_ld,
    "briefing_json_ld": structured.briefing_json_ld,
    "action_plan_json_ld": structured.action_plan_json_ld,
    "og_image": share_card.og_image,
    **search.JINJA_FILTERS,  # search_facets, search_page_count (search.html)
    **urls.FILTERS,  # review_path, theme_path, ...: every address percent-encoded
}

# The site's fixed pages, for links such as {{ base_url }}/{{ paths.reviews }} (urls.SitePaths).
JINJA_GLOBALS: dict[str, Any] = {"paths": PATHS}
