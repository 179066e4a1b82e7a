"""The site measured by other people's tools, as scripts/audit measures it: the deterministic figures as tests.

- the Nu HTML Checker (npm vnu-jar) finds no error from the project's templates on any page, and Material's own
  errors are exactly the known ones listed in casereviews_dev/audit/tools.py;
- pa11y 9 with HTML_CodeSniffer at WCAG 2 AA finds no error on any page type;
- a crawl of every built page finds no broken link or fragment, 404 page included;
- no page type shifts its layout as it loads (under 0.05), desktop and phone;
- a review and a briefing page need half the bytes before their first paint that they needed before;
- at 2,000 reviews, the listing, dashboard, theme and agency pages stay under 500 KB of HTML;
- the JSON-LD of reviews, briefings and action plans type-checks against schema.org (Google's schema-dts types,
  compiled by TypeScript).

Lighthouse's scores move from run to run and are not tested here: scripts/audit reports them. Each tool is also
shown a page with the fault it is meant to catch, so a tool that silently checks nothing fails.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from sitebuild import REPO

from casereviews_dev.audit import tools
from casereviews_dev.audit.crawl import crawl
from casereviews_dev.audit.report import BASELINE_FIRST_PAINT, LISTING_LIMIT, READY, VIEWPORTS, html_file, page_types
from casereviews_dev.audit.server import serve
from casereviews_dev.audit.weight import weigh


@pytest.fixture(scope="module")
def demo(demo_build) -> Path:
    return demo_build.site


@pytest.fixture(scope="module")
def nu(demo):
    """The Nu HTML Checker's errors on every page of the demo, and how many files it read (one run: Java starts
    once)."""
    return tools.nu_check(demo)


@pytest.fixture(scope="module")
def origin(demo):
    url, stop = serve(demo)
    yield url
    stop()


BAD_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head><body>
<main><h2 role="status">Loading</h2><form action=""><input type="checkbox" id="lonely"></form>
<a href="//accessibility/">Accessibility</a> <a href="#nowhere">Nowhere</a> <a href="missing/">Missing</a></main>
</body></html>"""


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("bad")
    (site / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    return site


# -- Nu HTML Checker --------------------------------------------------------------------------------------------

def test_no_html_errors_from_the_project(demo, nu):
    errors, checked = nu
    assert checked == len(list(demo.rglob("*.html"))) > 50
    ours = [str(e) for e in errors if not e.known_material]
    assert ours == []


def test_materials_own_html_errors_are_the_known_ones(demo, nu):
    """Material's base.html writes autocomplete="off" on its two checkbox toggles, outside any block a small
    override could replace: two errors on every page Material renders, and nothing else from Material. (A
    recommendation's permalink page is written by the site itself, without Material.)"""
    errors, _ = nu
    known = [e for e in errors if e.known_material]
    material_pages = [p for p in demo.rglob("*.html") if b'id="__search"' in p.read_bytes()]
    assert len(material_pages) > 50
    assert len(known) == 2 * len(material_pages)
    assert {e.file.rsplit("/site/", 1)[-1] for e in known} == {
        p.relative_to(demo).as_posix() for p in material_pages}
    assert {marker for _, marker in tools.KNOWN_MATERIAL_ERRORS} == {
        m for e in known for _, m in tools.KNOWN_MATERIAL_ERRORS if m in e.extract}


def test_the_html_checker_catches_what_it_should(bad_site):
    errors, _ = tools.nu_check(bad_site)
    messages = " ".join(e.message for e in errors)
    assert "role" in messages and "status" in messages and "action" in messages


# -- pa11y --------------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_pa11y_finds_no_errors_on_any_page_type(demo, origin):
    found = tools.pa11y([origin + url for url in page_types(demo).values()])
    assert {url: issues for url, issues in found.items() if issues} == {}


@pytest.mark.browser
def test_pa11y_catches_an_unlabelled_checkbox(bad_site):
    url, stop = serve(bad_site)
    try:
        found = tools.pa11y([url + "/"])
    finally:
        stop()
    assert any("lonely" in (i["selector"] or "") for i in found[url + "/"])


# -- crawl --------------------------------------------------------------------------------------------------------

def test_no_broken_link_or_fragment_on_any_page(demo):
    result = crawl(demo)
    assert result.pages == len(list(demo.rglob("*.html")))
    assert result.links > 1000 and result.fragments > 100
    assert [str(b) for b in result.broken] == []


def test_the_crawl_catches_links_a_browser_cannot_follow(bad_site):
    reasons = {b.ref: b.reason for b in crawl(bad_site).broken}
    assert reasons["//accessibility/"] == "read by a browser as another host"
    assert reasons["#nowhere"].startswith("no element")
    assert reasons["missing/"].startswith("no file")


def test_the_404_page_links_work_from_any_address(demo):
    html = (demo / "404.html").read_text(encoding="utf-8")
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html and "//accessibility" not in html


# -- layout shift -------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_page_type_shifts_as_it_loads(chromium, demo, origin, viewport):
    from casereviews_dev.audit.shift import layout_shift

    shifts = {name: round(layout_shift(chromium, origin + url, VIEWPORTS[viewport], READY.get(name)), 3)
              for name, url in page_types(demo).items()}
    assert {name: s for name, s in shifts.items() if s >= 0.05} == {}


@pytest.mark.browser
def test_search_with_a_query_does_not_shift_on_a_phone(chromium, origin):
    from casereviews_dev.audit.shift import layout_shift

    assert layout_shift(chromium, origin + "/search/?q=neglect", VIEWPORTS["mobile"], READY["search"]) < 0.05


# -- bytes --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["review", "briefing"])
def test_half_the_bytes_before_the_first_paint(demo, name):
    weight = weigh(demo, html_file(demo, page_types(demo)[name]))
    before, _ = BASELINE_FIRST_PAINT[name]
    before_gzip = BASELINE_FIRST_PAINT[name][1]
    assert weight.first_paint <= before / 2, weight
    assert weight.first_paint_gzip <= before_gzip / 2, weight  # and so with the compression most hosts use
    assert [p for p in weight.blocking if "javascripts" in p] == []  # Material's script never blocks
    # The project's stylesheet cut to the rules review and briefing pages use (casereviews/outputs/stylesheet.py).
    assert weight.blocking == ("/assets/stylesheets/material.css", "/assets/site-reading.css")


def test_the_reading_pages_stylesheet_is_a_cut_of_the_whole(demo):
    whole = (demo / "assets/site.css").read_text(encoding="utf-8")
    cut = (demo / "assets/site-reading.css").read_text(encoding="utf-8")
    assert len(cut) < len(whole) / 2
    # Rules the reading pages use are there (their facts, briefing sections, the earlier recommendations a review
    # repeats); the dashboard's chart, the meeting packs' and the hub's are not.
    assert ".cr-facts" in cut and ".cr-briefing" in cut and ".cr-reg-list" in cut
    assert ".cr-chart" not in cut and ".cr-pack" not in cut and ".cr-hub-" not in cut
    assert ".cr-chart" in whole and ".cr-pack" in whole and ".cr-hub-" in whole
    pages = list((demo / "reviews").rglob("index.html"))
    reading = [p for p in pages if "site-reading.css" in p.read_text(encoding="utf-8")]
    assert reading and all(p.parent.name != "action-plan" for p in reading)


def test_no_page_asks_for_the_sitemap(demo):
    """Material's script fetches sitemap.xml beside every <link rel=alternate> (exactly that value): the feed's
    link must not be one."""
    for page in demo.rglob("*.html"):
        assert not re.search(r'<link[^>]*\brel="alternate"', page.read_text(encoding="utf-8")), page


def test_the_sharing_card_is_there_and_described(demo):
    html = (demo / "reviews" / page_types(demo)["review"].split("/")[2] / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="/assets/og-card.png">' in html
    assert re.search(r'<meta property="og:image:alt" content="[^"]*Harrowmere[^"]*">', html)
    data = (demo / "assets" / "og-card.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200 and int.from_bytes(data[20:24], "big") == 630


# -- schema.org ---------------------------------------------------------------------------------------------------

def json_ld(path: Path) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)


def test_structured_data_type_checks_against_schema_org(demo, tmp_path):
    tsc = REPO / "node_modules" / "typescript" / "bin" / "tsc"
    assert tsc.exists(), "TypeScript is missing: run scripts/setup --test"
    types = page_types(demo)
    lines = ['import type { WithContext, Report, LearningResource } from "schema-dts";']
    for i, (name, kind) in enumerate([("review", "Report"), ("briefing", "LearningResource"),
                                      ("action plan", "Report")]):
        [data] = json_ld(html_file(demo, types[name]))
        assert json.loads(data)["@type"] == kind
        lines.append(f"export const page{i}: WithContext<{kind}> = {data};")
    (tmp_path / "check.ts").write_text("\n".join(lines), encoding="utf-8")
    bad = lines[:1] + ['export const bad: WithContext<Report> = {"@context": "https://schema.org", '
                       '"@type": "Report", "nmae": "a misspelt property"};']
    (tmp_path / "bad.ts").write_text("\n".join(bad), encoding="utf-8")
    results = {}
    for name in ("check", "bad"):
        config = {"compilerOptions": {"strict": True, "noEmit": True, "types": [], "module": "esnext",
                                      "target": "es2020", "moduleResolution": "node", "baseUrl": ".",
                                      "paths": {"schema-dts": [str(REPO / "node_modules" / "schema-dts")]}},
                  "files": [f"{name}.ts"]}
        (tmp_path / f"{name}.json").write_text(json.dumps(config), encoding="utf-8")
        results[name] = subprocess.run(["node", str(tsc), "-p", str(tmp_path / f"{name}.json")],
                                       capture_output=True, text=True, timeout=600)
    assert results["check"].returncode == 0, results["check"].stdout
    assert "nmae" in results["bad"].stdout  # the check is not vacuous


# -- national scale -----------------------------------------------------------------------------------------------

def test_listings_stay_light_at_two_thousand_reviews(two_thousand_reviews):
    """2,000 synthetic reviews (tests/scale_build.py; conftest.py starts the build when the run begins)."""
    site = two_thousand_reviews
    types = page_types(site)
    sizes = {name: html_file(site, types[name]).stat().st_size
             for name in ("reviews listing", "dashboard", "theme page", "agency page")}
    assert {name: size for name, size in sizes.items() if size >= LISTING_LIMIT} == {}
    # Every review is still listed, across the pages of /reviews/.
    listed = set()
    for page in [site / "reviews" / "index.html", *sorted((site / "reviews" / "page").glob("*/index.html"))]:
        listed |= set(re.findall(r'<tr data-review="([^"]+)"', page.read_text(encoding="utf-8")))
    assert len(listed) == len([p for p in (site / "reviews").iterdir() if p.is_dir() and p.name != "page"])
    # The listings' links, the pagers' included, all lead somewhere (the whole site is crawled by scripts/audit).
    listings = [*site.glob("reviews/index.html"), *site.glob("reviews/page/*/index.html"),
                *site.glob("themes/**/index.html"), *site.glob("agencies/**/index.html"),
                site / "action-plans" / "index.html"]
    assert crawl(site, only=listings).broken == ()


@pytest.mark.browser
def test_no_request_for_the_sitemap_or_anything_unasked(chromium, demo, origin):
    """Every request a page makes when it is opened, on each page type: the page, its two stylesheets, Material's
    script, the favicon and (on the search page) Pagefind; never sitemap.xml."""
    requested: list[str] = []
    for name, url in page_types(demo).items():
        context = chromium.new_context(service_workers="block")
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.goto(origin + url, wait_until="networkidle")
        if name in READY:
            page.wait_for_selector(READY[name], state="attached")
        context.close()
    assert requested and not [u for u in requested if "sitemap" in u]
    # print.css is linked with media="print": the browser fetches it late, without waiting for it to paint.
    assert not [u for u in requested
                if u.endswith(".css")
                and not u.endswith(("/material.css", "/site.css", "/site-reading.css", "/print.css"))]
