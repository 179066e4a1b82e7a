"""The example hub (examples/hub/, built from its committed snapshot) in Debian's Chromium: no axe-core WCAG A/AA
violation on any hub page at a desktop and a phone width, no request to any other host (the partnerships' sites
included), and no sideways scrolling at 320 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitebuild import serve
from test_accessibility import VIEWPORTS, describe, run_axe

pytestmark = pytest.mark.browser

PAGES = {"partnerships": "/partnerships/", "partnership": "/partnerships/ashcombe/", "catalogue": "/reviews/",
         "themes": "/themes/", "theme": "/themes/neglect/", "action plans": "/action-plans/",
         "search": "/search/?q=neglect", "home": "/"}


@pytest.fixture(scope="module")
def hub_site(hub_example_build) -> Path:
    """The example hub built with --strict (conftest.py)."""
    return hub_example_build.site


@pytest.fixture(scope="module")
def origin(hub_site) -> Iterator[str]:
    url, stop = serve(hub_site)
    yield url
    stop()


def _open(chromium, origin: str, path: str, viewport: str, requests: list[str] | None = None):
    context = chromium.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(origin + path, wait_until="load")
    if path.startswith("/search/"):
        page.wait_for_selector("#cr-results li", timeout=30_000)
    return context, page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_hub_pages_have_no_axe_violations_and_fetch_only_from_the_hub(chromium, origin, name, viewport):
    requests: list[str] = []
    context, page = _open(chromium, origin, PAGES[name], viewport, requests)
    try:
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe on the hub's {name} page ({viewport}):\n" + describe(violations)
    here = urlsplit(origin).netloc
    assert requests and all(urlsplit(u).netloc == here for u in requests if not u.startswith("data:")), requests


@pytest.mark.parametrize("name", list(PAGES))
def test_hub_pages_reflow_to_320_pixels(chromium, origin, name):
    context = chromium.new_context(viewport={"width": 320, "height": 700}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(origin + PAGES[name], wait_until="load")
        wide = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert wide <= 320, f"the hub's {name} page scrolls sideways at 320 px ({wide} px wide)"


def test_search_results_lead_to_the_partnerships_sites(chromium, origin):
    context, page = _open(chromium, origin, "/search/?q=neglect&partnership=Coldharbour+Bay+Safeguarding+Partnership",
                          "desktop")
    try:
        links = page.eval_on_selector_all("#cr-results h3 a", "els => els.map(e => e.href)")
        status = page.text_content("#cr-results-heading")
    finally:
        context.close()
    assert links and all(u.startswith("https://reviews.coldharbour.example/reviews/") for u in links), (links, status)
