"""The register in Chromium: instant filters with JavaScript, the same register without it, and recommendations
found on their own in search (kind "Recommendation")."""

from __future__ import annotations

import pytest
from sitebuild import serve
from test_register import MANY

from casereviews.pages.register_pages import PAGE_SIZE

pytestmark = pytest.mark.browser
JS_STEP = 50  # how many results docs/assets/register.js shows at a time


@pytest.fixture(scope="module")
def origin(register_build):
    """test_register.py's build: its corpus, and a review of formula-like and markup-like text whose four
    recommendations none of these filters, searches or counts select."""
    url, stop = serve(register_build.site)
    yield url
    stop()


def open_page(chromium, url: str, javascript: bool = True):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript,
                                   service_workers="block")
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def test_filters_narrow_at_once_and_show_more_on_request(chromium, origin):
    context, page = open_page(chromium, origin + "/recommendations/")
    try:
        assert page.locator("#cr-reg-filter").is_visible()
        page.select_option("#cr-f-theme", "safe-sleep")
        page.wait_for_selector("#cr-reg-results li.cr-reg")
        assert page.locator("#cr-reg-status").inner_text() == f"{MANY} recommendations match."
        assert page.locator("#cr-reg-results li.cr-reg").count() == JS_STEP
        assert page.locator("#cr-reg-static").is_hidden()
        while page.locator("#cr-reg-results button").is_visible():
            page.click("#cr-reg-results button")
        assert page.locator("#cr-reg-results li.cr-reg").count() == MANY
        assert page.locator("#cr-reg-results button").is_hidden()
        assert "theme=safe-sleep" in page.url  # a filtered view can be bookmarked

        page.select_option("#cr-f-theme", "information-sharing")
        page.check("#cr-f-repeats")
        page.wait_for_function("document.getElementById('cr-reg-status').textContent.startsWith('2 ')")
        ids = page.locator("#cr-reg-results .cr-reg__id").all_inner_texts()
        assert ids == ["2023-child-r/R1", "2020-child-q/R1"]

        page.uncheck("#cr-f-repeats")
        page.select_option("#cr-f-theme", "")
        page.wait_for_selector("#cr-reg-static", state="visible")
    finally:
        context.close()


def test_a_filtered_address_opens_filtered(chromium, origin):
    context, page = open_page(chromium, origin + "/recommendations/?delivery=overdue")
    try:
        page.wait_for_selector("#cr-reg-results li.cr-reg")
        assert page.locator("#cr-reg-results .cr-reg__id").all_inner_texts() == ["2020-child-q/R2"]
        assert page.locator("#cr-f-delivery").input_value() == "overdue"
    finally:
        context.close()


def test_without_javascript_the_register_is_narrowed_by_its_pages(chromium, origin):
    context, page = open_page(chromium, origin + "/recommendations/", javascript=False)
    try:
        assert page.locator("#cr-reg-filter").is_hidden()
        assert page.locator("#cr-reg-static li.cr-reg").count() == PAGE_SIZE
        page.click(".cr-narrow summary:has-text('Theme')")
        page.click(".cr-narrow a:has-text('Safe sleep')")
        assert page.url.endswith("/recommendations/theme/safe-sleep/")
        assert page.locator("li.cr-reg").count() == PAGE_SIZE
        page.click("a[rel=next]")
        assert page.url.endswith("/recommendations/theme/safe-sleep/page/2/")
        assert page.locator("ol.cr-reg-list").get_attribute("start") == str(PAGE_SIZE + 1)
    finally:
        context.close()


def test_search_finds_recommendations_alone_and_links_to_their_place_on_the_plan(chromium, origin):
    context, page = open_page(chromium, origin + "/search/?q=GPs&kind=Recommendation")
    try:
        page.wait_for_selector(".cr-result")
        results = page.locator(".cr-result h3 a")
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert hrefs and all("/action-plan/#rec-" in h for h in hrefs), hrefs
        titles = page.locator(".cr-result h3").all_inner_texts()
        assert any(t.startswith("Recommendation 2017-child-p/R1") for t in titles), titles
        kinds = set(page.locator(".cr-result__kind").all_inner_texts())
        assert kinds == {"Recommendation"}
    finally:
        context.close()
