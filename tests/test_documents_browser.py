"""Search inside a demo report, in Debian's Chromium: a phrase that exists only inside a PDF finds that PDF, and
the result leads to the page of the PDF where the phrase is.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import AS_OF, REPO, builder, serve

from casereviews.content.documents import extract
from casereviews_dev.corpus import write_project

pytestmark = pytest.mark.browser

PHRASE = "cheek bruise pathway card"
REPORT = REPO / "reviews/2021-baby-noah/files/overview-report.pdf"
REPORTS = 9  # the demo's documents with text, of reviews public in full


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo site, built with the search index in several small bundles, so that every search here merges
    bundles of pages and of documents as a national site's does."""
    project = tmp_path_factory.mktemp("documents-browser")
    config = write_project(project, REPO / "reviews", REPO)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["reviews"]["search_bundle_mb"] = 0.05  # 50 KB: pages and reports in several bundles each
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run(builder("build", "-q"), cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    url, stop = serve(site)
    yield url, site
    stop()


def wait_for_results(page):
    page.wait_for_function("() => { const el = document.getElementById('cr-search');"
                           " return el.dataset.busy === 'false' && Number(el.dataset.done) > 0; }")


def page_with(path: Path, phrase: str) -> int:
    pages = [n for n, text in enumerate(extract(path).pages, 1) if phrase in " ".join(text.split()).lower()]
    assert len(pages) == 1, pages
    return pages[0]


def test_the_phrase_is_only_inside_the_pdf():
    sources = [p for p in (REPO / "reviews").rglob("*") if p.suffix in (".md", ".yml")]
    assert not any(PHRASE in " ".join(p.read_text(encoding="utf-8").split()).lower() for p in sources)
    assert page_with(REPORT, PHRASE) > 1


def test_a_phrase_inside_a_report_finds_it_and_opens_it_at_the_page(chromium, demo):
    demo, _site = demo
    expected = page_with(REPORT, PHRASE)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60000)  # the machine may be busy; nothing here waits a fixed time
    try:
        page.goto(f"{demo}/search/")
        page.wait_for_function("() => document.getElementById('cr-search').dataset.busy === 'false'")
        page.fill("#cr-q", PHRASE)
        page.press("#cr-q", "Enter")
        page.wait_for_function("() => { const el = document.getElementById('cr-search');"
                               " return el.dataset.busy === 'false' && Number(el.dataset.done) > 0"
                               " && document.querySelectorAll('#cr-results h3').length > 0; }")
        results = page.locator("#cr-results .cr-result")
        assert results.count() == 1
        result = results.first
        assert result.locator("h3").inner_text() == (f"Baby Noah: overview report, page {expected} – "
                                                     "Baby Noah: Local Child Safeguarding Practice Review")
        assert result.locator(".cr-result__kind").inner_text() == "Document"
        assert "pathway card" in result.locator(".cr-result__excerpt").inner_text()
        link = result.locator("h3 a")
        assert link.get_attribute("href").endswith(f"/reviews/2021-baby-noah/files/overview-report.pdf"
                                                   f"#page={expected}")
        # Follow it as a reader would: Chromium opens the report in its PDF viewer at the page in the address.
        link.click()
        page.wait_for_url(f"**/reviews/2021-baby-noah/files/overview-report.pdf#page={expected}")
        assert page.url.endswith(f"overview-report.pdf#page={expected}")
        served = context.request.get(page.url.split("#")[0])
        assert served.ok and served.body() == REPORT.read_bytes()  # the very file whose page holds the phrase
    finally:
        context.close()


def test_the_document_filter_shows_reports_alone(chromium, demo):
    demo, _site = demo
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)  # the machine may be busy; nothing here waits a fixed time
    try:
        page.goto(f"{demo}/search/?q=bruising&kind=Document")
        page.wait_for_function("() => { const el = document.getElementById('cr-search');"
                               " return el.dataset.busy === 'false' && Number(el.dataset.done) > 0; }")
        kinds = page.locator("#cr-results .cr-result__kind").all_inner_texts()
        assert kinds == ["Document"]  # the one report that discusses bruising; its review, briefing and plan are not
        assert "#page=" in page.locator("#cr-results h3 a").get_attribute("href")
    finally:
        context.close()


def test_browsing_merges_every_bundle_newest_first(chromium, demo):
    demo, site = demo
    bundles = json.loads((site / "pagefind/bundles.json").read_text())["bundles"]
    documents = [b for b in bundles if b.startswith("pagefind-documents/")]
    assert len(documents) >= 1 and len(bundles) - len(documents) >= 3  # the reviews are in several bundles
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)  # the machine may be busy; nothing here waits a fixed time
    try:
        page.goto(f"{demo}/search/?kind=Review&kind=Document")
        wait_for_results(page)
        count = {kind: int(page.locator(f"label:has(input[name=kind][value={kind}]) [data-count]").inner_text()
                           .strip("()")) for kind in ("Review", "Document")}
        assert count["Document"] == REPORTS and count["Review"] >= 5  # added up over the bundles
        heading = page.locator("#cr-results-heading").inner_text()
        assert heading == f"{sum(count.values())} results with 2 filters, newest first"
        while page.locator("#cr-more").is_visible():
            shown = page.locator("#cr-results .cr-result").count()
            page.click("#cr-more")
            page.wait_for_function(f"() => document.querySelectorAll('#cr-results .cr-result').length > {shown}")
        kinds = page.locator("#cr-results .cr-result__kind").all_inner_texts()
        dates = page.locator("#cr-results time").evaluate_all("els => els.map((el) => el.dateTime)")
        assert sorted(kinds) == sorted(["Document"] * count["Document"] + ["Review"] * count["Review"])
        assert len(dates) == len(kinds) and dates == sorted(dates, reverse=True)
    finally:
        context.close()


def test_a_long_filter_group_waits_behind_a_button_and_opens(chromium, demo):
    """The demo has more than ten themes: the page shows eight and a button for the rest, before and after the
    script runs, and the button shows them all."""
    url, site = demo
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'aria-controls="cr-facet-theme"' in html and "Show all" in html  # there without JavaScript too
    page = chromium.new_page()
    try:
        page.goto(f"{url}/search/")
        group = page.locator("fieldset[data-facet=theme]")
        toggle = group.get_by_role("button")
        assert toggle.inner_text().startswith("Show all") and toggle.get_attribute("aria-expanded") == "false"
        visible = group.locator("li:visible").count()
        assert visible == 8
        toggle.click()
        page.wait_for_function("() => document.querySelector('fieldset[data-facet=theme] button')"
                               ".getAttribute('aria-expanded') === 'true'")
        assert group.locator("li:visible").count() == group.locator("li").count() > visible
    finally:
        page.close()
