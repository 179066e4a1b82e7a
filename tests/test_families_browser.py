"""The joint board's pages in real headless Chromium: no WCAG A/AA problem on the pages families and partnership
formats add, and the search page's family filter narrowing the results to one family."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sitebuild import serve
from test_accessibility import VIEWPORTS, describe, run_axe

pytestmark = pytest.mark.browser

PAGES = {
    "reviews listing with families": "/reviews/",
    "family page": "/families/adults/",
    "review needing approval": "/reviews/2026-dhr-ms-r/",
    "briefing in a partnership's format": "/reviews/2025-sar-mr-q/briefing/",
    "briefing under common headings": "/reviews/2024-child-p/briefing/",
}


@pytest.fixture(scope="module")
def origin(joint_board_build) -> Iterator[str]:
    url, stop = serve(joint_board_build.site)
    yield url
    stop()


def open_page(chromium, url: str, viewport: str):
    context = chromium.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", list(PAGES))
def test_no_axe_violations(chromium, origin, page_type, viewport):
    context, page = open_page(chromium, origin + PAGES[page_type], viewport)
    try:
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe found problems on the {page_type} page ({viewport}):\n" + describe(violations)


def test_the_family_filter_keeps_one_familys_pages(chromium, origin):
    context, page = open_page(chromium, origin + "/search/?family=Adults", "desktop")
    try:
        page.wait_for_selector("#cr-results a", timeout=30_000)
        links = sorted({a.get_attribute("href") for a in page.query_selector_all("#cr-results a")})
        assert page.is_checked("fieldset[data-facet='family'] input[value='Adults']")
    finally:
        context.close()
    assert links and all("2025-sar-mr-q" in href for href in links), links

