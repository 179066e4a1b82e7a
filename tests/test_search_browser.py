"""The search page in real headless Chromium (Debian's, through Playwright), over the built fixture site served
by http.server: what a visitor types, ticks and shares, and what they must never find.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fixture_content import HIDDEN_MARKERS
from sitebuild import serve

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def base_url(fixture_build):
    url, stop = serve(fixture_build.site)
    yield url
    stop()


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert errors == []


def done(page) -> int:
    """How many searches the page has shown (0 on a page without the search form)."""
    return page.evaluate("() => Number(document.getElementById('cr-search')?.dataset.done || 0)")


def settle(page, action) -> None:
    """Do ``action`` and wait until the search it starts has shown its results."""
    before = done(page)
    action()
    page.wait_for_function(
        "n => { const el = document.getElementById('cr-search');"
        " return el !== null && el.dataset.busy === 'false' && Number(el.dataset.done) > n; }", arg=before,
        timeout=15000)


def open_search(page, base_url, query: str = "") -> None:
    page.goto(f"{base_url}/search/{query}")
    page.wait_for_function("() => document.getElementById('cr-search').dataset.busy === 'false'")


def titles(page) -> list[str]:
    return page.locator("#cr-results h3").all_inner_texts()


def status(page) -> str:
    return page.inner_text("#cr-results-heading")


def search_for(page, words: str) -> None:
    page.fill("#cr-q", words)
    settle(page, lambda: page.press("#cr-q", "Enter"))


def test_a_query_finds_the_right_review(page, base_url):
    open_search(page, base_url)
    search_for(page, "visiblebodyqz")
    assert titles(page) == ["Child A: practice review"]
    assert status(page) == "1 result for “visiblebodyqz”"
    facts = page.inner_text("#cr-results .cr-result__meta")
    assert facts == "Review · Local child safeguarding practice review · 12 March 2024"
    assert "A short summary" in page.inner_text("#cr-results .cr-result__excerpt")
    page.click("#cr-results h3 a")
    assert urlsplit(page.url).path == "/reviews/2024-child-a/"


def test_a_filter_narrows_the_results(page, base_url):
    open_search(page, base_url, "?q=summary")
    assert len(titles(page)) == 4
    neglect = page.get_by_role("checkbox", name="Neglect")
    assert page.locator("fieldset[data-facet=theme] label", has=neglect).inner_text().split() == ["Neglect", "(3)"]
    settle(page, neglect.check)
    assert sorted(titles(page)) == ["Child A: practice review", "Child C: review", "Child G: archived review"]
    settle(page, page.get_by_role("checkbox", name="Serious case review").check)
    assert sorted(titles(page)) == ["Child C: review", "Child G: archived review"]
    assert status(page) == "2 results for “summary” with 2 filters"


def test_browsing_by_filter_alone(page, base_url):
    open_search(page, base_url)
    # Four reviews, plus Child A's learning briefing, action plan, two readable documents and its one recommendation.
    assert status(page) == "9 pages to search: type some words or choose filters" and titles(page) == []
    assert page.locator("fieldset[data-facet=theme] label").all_inner_texts()[0].split() == ["Neglect", "(8)"]
    settle(page, page.get_by_role("checkbox", name="Domestic abuse").check)
    assert titles(page) == ["Child B: review"]
    assert status(page) == "1 result with 1 filter, newest first"
    assert page.input_value("#cr-q") == ""
    assert parse_qs(urlsplit(page.url).query) == {"theme": ["Domestic abuse"]}


def test_sort_by_newest_orders_the_results(page, base_url):
    open_search(page, base_url, "?q=summary")
    settle(page, lambda: page.select_option("#cr-sort", "newest"))
    dates = page.locator("#cr-results time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == ["2024-03-12", "2023-05-01", "2022-05-01", "2016-04-01"]
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["newest"]


def test_the_address_restores_the_search_and_the_back_button_steps_back(page, base_url):
    open_search(page, base_url, "?q=summary&theme=Neglect&sort=newest")
    assert page.input_value("#cr-q") == "summary"
    assert page.get_by_role("checkbox", name="Neglect").is_checked()
    assert page.input_value("#cr-sort") == "newest"
    assert titles(page) == ["Child A: practice review", "Child C: review", "Child G: archived review"]
    settle(page, page.get_by_role("checkbox", name="Serious case review").check)
    assert titles(page) == ["Child C: review", "Child G: archived review"]
    settle(page, page.go_back)
    assert not page.get_by_role("checkbox", name="Serious case review").is_checked()
    assert titles(page) == ["Child A: practice review", "Child C: review", "Child G: archived review"]
    settle(page, page.go_forward)
    assert titles(page) == ["Child C: review", "Child G: archived review"]


def test_the_header_search_box_opens_the_search_page(page, base_url):
    page.goto(f"{base_url}/reviews/")
    page.fill("#cr-header-q", "visiblebodyqz")
    with page.expect_navigation():  # wait for the new page before asking it anything
        page.press("#cr-header-q", "Enter")
    page.wait_for_function("() => Number(document.getElementById('cr-search').dataset.done) > 0")
    assert urlsplit(page.url).path == "/search/" and titles(page) == ["Child A: practice review"]


def test_a_theme_page_links_to_search_with_its_filter_set(page, base_url):
    page.goto(f"{base_url}/themes/safe-sleep/")
    with page.expect_navigation():  # wait for the search page before asking it anything
        page.get_by_role("link", name="Search everything on safe sleep").click()
    page.wait_for_function("() => Number(document.getElementById('cr-search').dataset.done) > 0")
    assert page.get_by_role("checkbox", name="Safe sleep").is_checked()
    assert sorted(titles(page)) == ["Action plan: Child A: practice review", "Child A: practice review",
                                    "Learning briefing: Child A: practice review",
                                    "Overview report (text) – Child A: practice review",
                                    "Panel notes – Child A: practice review",
                                    "Recommendation 2024-child-a/R1: Child A: practice review"]


def test_the_result_count_is_announced(page, base_url):
    open_search(page, base_url)
    heading = page.locator("#cr-results-heading")
    # A live region (not role=status, which HTML does not allow on a heading): the count is read when it changes.
    assert heading.get_attribute("aria-live") == "polite" and heading.get_attribute("aria-atomic") == "true"
    assert page.locator("fieldset[data-facet=theme] legend").inner_text() == "Theme"


@pytest.mark.parametrize("what", sorted(HIDDEN_MARKERS))
def test_unpublished_words_find_nothing(page, base_url, what):
    open_search(page, base_url)
    search_for(page, HIDDEN_MARKERS[what])
    assert titles(page) == [] and status(page).startswith("0 results")


def test_withdrawn_reviews_leave_search_and_archived_ones_keep_their_record(page, base_url):
    open_search(page, base_url)
    search_for(page, "visiblewithdrawnreasonqz")
    assert titles(page) == []
    search_for(page, "visiblearchivedsummaryqz")
    assert titles(page) == ["Child G: archived review"]
    assert "Archived: catalogue record only" in page.inner_text("#cr-results .cr-result__meta")


def test_words_typed_while_the_index_is_loading_are_searched(page, base_url):
    """On a slow phone a reader may type and press Enter before Pagefind has loaded: the search still runs."""
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))  # hold it until the reader has typed
    with page.expect_request(lambda r: r.url.endswith("/pagefind/pagefind.js")):  # the page asked for Pagefind
        page.goto(f"{base_url}/search/", wait_until="domcontentloaded")
    page.fill("#cr-q", "visiblebodyqz")
    page.press("#cr-q", "Enter")
    assert held, "the search page did not ask for Pagefind"
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.getElementById('cr-search').dataset.ready === 'true'")
    page.wait_for_function("() => document.getElementById('cr-search').dataset.busy === 'false'")
    assert titles(page) == ["Child A: practice review"]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["visiblebodyqz"]}
