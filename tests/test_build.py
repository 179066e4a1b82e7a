"""Real ``mkdocs build`` runs on the fixture corpus: the pages, listings, notices and failures an editor sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sitebuild import build_ok, front, review_meta, run_build, write_project


@pytest.fixture(scope="module")
def site(fixture_build):
    return fixture_build.site


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.parts = []
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def test_review_page_shows_the_catalogue_record_and_body(site):
    page = html(site, "reviews/2024-child-a")
    text = text_of(page)
    for expected in ["Child A: practice review", "Local child safeguarding practice review", "12 March 2024",
                     "Under 1", "Police", "Ask about sleep at every visit.", "visiblebodyqz"]:
        assert expected in text
    assert 'href="../../themes/safe-sleep/"' in page
    assert re.search(r'<a href="files/report.pdf">Overview report</a>\s*<span class="cr-doc-meta">\(PDF, \d+ bytes\)',
                     page)
    assert (site / "reviews/2024-child-a/files/report.pdf").is_file()


def test_reviews_stay_out_of_the_navigation(site):
    home = html(site, ".")
    assert "reviews/2024-child-a/" in home  # linked from the latest reviews on the home page...
    nav = home[home.index('class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "2024-child-a" not in nav  # ...but never from the navigation rendered into every page


def test_listing_is_newest_first_and_marks_states(site):
    page = html(site, "reviews")
    order = re.findall(r'<tr data-review="([^"]+)" data-review-state="([^"]+)"', page)
    assert order == [("2024-child-a", "published"), ("2023-child-b", "published"), ("2022-child-c", "published"),
                     ("2021-child-f", "withdrawn"), ("2016-child-g", "archived")]
    assert ">Withdrawn</span>" in page and ">Archived</span>" in page


def test_theme_pages(site):
    page = text_of(html(site, "themes/safe-sleep"))
    assert "Child A: practice review" in page and "Ask about sleep at every visit." in page
    assert "Child B" not in page
    index = text_of(html(site, "themes"))
    assert "Safe sleep (1 review)" in index and "Neglect (" in index
    assert not (site / "themes/information-sharing").exists()  # used only by the embargoed review


def test_withdrawn_review_keeps_its_page_with_the_reason(site):
    text = text_of(html(site, "reviews/2021-child-f"))
    assert "This review has been withdrawn" in text and "visiblewithdrawnreasonqz" in text
    assert not (site / "reviews/2021-child-f/files").exists()
    assert not (site / "reviews/2021-child-f/briefing").exists()
    assert not (site / "reviews/2021-child-f/action-plan").exists()


def test_archived_review_keeps_its_catalogue_record(site):
    text = text_of(html(site, "reviews/2016-child-g"))
    assert "Archived: catalogue record only" in text and "31 December 2022" in text
    assert "visiblearchivedsummaryqz" in text and "Archived body" not in text
    assert not (site / "reviews/2016-child-g/files").exists()


def test_hidden_reviews_have_no_page(site):
    assert sorted(p.name for p in (site / "reviews").iterdir() if p.is_dir()) == [
        "2016-child-g", "2021-child-f", "2022-child-c", "2023-child-b", "2024-child-a"]


def test_sitemap_lists_public_pages_only(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "reviews/2024-child-a/" in sitemap
    assert "reviews/2025-" not in sitemap and "reviews/2026-" not in sitemap


def test_embargo_lifts_at_its_moment(site, fixture_build_embargo_lifted):
    assert not (site / "reviews/2026-leakembargoedqz").exists()  # at 12:00
    assert (fixture_build_embargo_lifted.site / "reviews/2026-leakembargoedqz/index.html").is_file()  # at 15:00


def test_bare_date_means_midnight_in_london(tmp_path):
    # 1 July 2024 00:00 in London is 30 June 2024 23:00 UTC (British Summer Time).
    root = write_project(tmp_path, {"r/index.md": front(review_meta(published="2024-07-01"))})
    assert not (build_ok(root, as_of="2024-06-30T22:59:00+00:00") / "reviews/r").exists()
    assert (build_ok(root, as_of="2024-06-30T23:00:00+00:00") / "reviews/r/index.html").is_file()


def test_bad_content_fails_the_build_with_every_problem_and_no_traceback(tmp_path):
    root = write_project(tmp_path, {
        "a/index.md": front(review_meta(published="2021-02-31")),
        "b/index.md": "---\ntitle: [unclosed\n---\n",
        "c/index.md": b"---\nstatus: \xff\n---\n",
    })
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "3 problems in the review content:" in output
    assert "reviews/a/index.md:4: published: '2021-02-31' is not a real date or time" in output
    assert "reviews/b/index.md:" in output and "reviews/c/index.md:2: file: is not UTF-8 text" in output


def test_bad_reference_time_is_a_clear_error(tmp_path):
    result = run_build(write_project(tmp_path, {}), as_of="next tuesday")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "REVIEWS_AS_OF='next tuesday' is not a date or date-time" in result.stderr


def test_home_page_shows_every_way_in(site):
    ways = html(site, ".").split('id="ways-in"', 1)[1]
    for path in ("reviews", "briefings", "action-plans", "themes", "search"):
        assert re.search(rf'<li><a href="(\./)?{path}/">', ways), path


def test_materials_blocks_carry_the_sites_changes(site):
    """overrides/main.html changes one fixed string in three of Material's blocks (tests/test_material_overrides.py
    checks the strings are in the installed Material): here, that each change lands in a built page."""
    for path in (".", "reviews/2024-child-a", "search"):
        page = html(site, path)
        bar = page[page.index('<header class="md-header'):]
        bar = bar[: bar.index("</header>")]
        bar = bar[bar.index('<nav class="md-header__inner'): bar.index("</nav>")]
        assert '<label for="__search" hidden>Search</label>' in bar  # Material's search checkbox is labelled
        assert ('<form class="cr-header-search" role="search"' in bar) == (path != "search"), path
        assert page.count('id="main-content"') == 1
        assert re.search(r'<div class="md-content" data-md-component="content" id="main-content" tabindex="-1">',
                         page)
        scripts = re.findall(r'<script defer src="(?:\.\./)*(assets/javascripts/bundle\.\w+\.min\.js)"></script>',
                             page)
        assert len(scripts) == 1 and (site / scripts[0]).is_file(), path


def test_the_suite_builds_with_the_generator_it_was_asked_for():
    """REVIEWS_TEST_BUILDER=properdocs (scripts/run-tests --properdocs) really builds with ProperDocs."""
    import subprocess

    from sitebuild import BUILDER, builder

    said = subprocess.run(builder("--version"), capture_output=True, text=True, timeout=60)
    assert said.returncode == 0 and said.stdout.lower().startswith(f"python -m {BUILDER}")
