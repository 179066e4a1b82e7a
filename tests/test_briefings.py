"""Learning briefings: the seven-section rule and its messages, who may see a briefing and when, the page, the
list of briefings, and what a team gets when it prints one (A4, one or two sheets, the address, no site chrome).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from fixture_content import plan_with
from sitebuild import (
    AS_OF,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    SEVEN,
    briefing,
    build_ok,
    builder,
    front,
    review_meta,
    seven_minute_body,
    write_project,
)
from sitebuild import (
    serve as serve_folder,
)

from casereviews.content.load import load_with_problems
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings

NUMBERED = [f"{i}. {name}" for i, name in enumerate(SEVEN, 1)]
EXPECTED = "; ".join(NUMBERED)


def headings_body(names: list[str]) -> str:
    return "\n".join(f"## {name}\n\nSome text.\n" for name in names)


def problems_for(tmp_path: Path, files: dict) -> list[str]:
    write_project(tmp_path, files)
    _, problems = load_with_problems(Settings.from_mapping(tmp_path, {}))
    return [str(p) for p in sorted(problems)]


def briefing_problems(tmp_path: Path, body: str, **meta) -> list[str]:
    return problems_for(tmp_path, {"r/index.md": front(review_meta()), "r/briefing.md": briefing(body=body, **meta)})


# -- the seven-section rule -------------------------------------------------------------------------------------
# briefing() writes 4 front matter lines and a blank line, so the body's first heading is on line 6 and each
# section of headings_body() takes four lines: section n starts on line 6 + 4 * (n - 1).

@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(
            NUMBERED[:2] + NUMBERED[3:],
            "reviews/r/briefing.md:14: sections: section 3 '## 3. The information' is missing: add it between "
            "'## 2. Why it matters' and '## 4. What was learned'",
            id="missing-middle"),
        pytest.param(
            NUMBERED[1:],
            "reviews/r/briefing.md:6: sections: section 1 '## 1. Background' is missing: add it before "
            "'## 2. Why it matters', at the start",
            id="missing-first"),
        pytest.param(
            NUMBERED[:6],
            "reviews/r/briefing.md:28: sections: section 7 '## 7. Questions for practitioners' is missing: add it "
            "after '## 6. Things to remember', at the end",
            id="missing-last"),
        pytest.param(
            NUMBERED[:3] + ["Case timeline"] + NUMBERED[3:],
            f"reviews/r/briefing.md:18: sections: '## Case timeline' is an extra section: a seven-minute briefing "
            f"has exactly seven ({EXPECTED}); make it a '###' heading inside one of them, or set 'format: note' for "
            "a free-form briefing",
            id="extra"),
        pytest.param(
            NUMBERED[:1] + ["2. Why it maters"] + NUMBERED[2:],
            "reviews/r/briefing.md:10: sections: '## 2. Why it maters' is not a heading of a seven-minute briefing: "
            "did you mean '## 2. Why it matters'? (also accepted for it: 'Why does it matter', 'Why this matters', "
            "'Why is it important', 'Why it is important')",
            id="misspelt"),
        pytest.param(
            NUMBERED[:3] + [NUMBERED[4], NUMBERED[3]] + NUMBERED[5:],
            f"reviews/r/briefing.md:18: sections: the sections are out of order: section 4 should be 'What was "
            f"learned', not 'What to do'; put them in this order: {EXPECTED}",
            id="wrong-order"),
        pytest.param(
            NUMBERED[:3] + [NUMBERED[2]] + NUMBERED[3:],
            "reviews/r/briefing.md:18: sections: '## 3. The information' repeats section 3 (first on line 14): keep "
            "one, or make this one a '###' heading inside it",
            id="duplicate"),
        pytest.param(
            ["3. Background"] + NUMBERED[1:],
            "reviews/r/briefing.md:6: sections: '## 3. Background' is numbered 3 but Background is section 1: "
            "write '## 1. Background'",
            id="wrong-number"),
    ],
)
def test_section_rule_says_which_section_and_what_to_do(tmp_path, names, expected):
    assert briefing_problems(tmp_path, headings_body(names)) == [expected]


def test_a_section_at_the_wrong_level_is_named(tmp_path):
    body = headings_body(NUMBERED[:2]) + "\n### 3. The information\n\nText.\n\n" + headings_body(NUMBERED[3:])
    assert briefing_problems(tmp_path, body) == [
        "reviews/r/briefing.md:14: sections: '### 3. The information' must be a '##' heading (two #) to count as "
        "section 3: write '## 3. The information'"]


def test_a_briefing_with_no_sections(tmp_path):
    assert briefing_problems(tmp_path, "Just a paragraph.\n") == [
        f"reviews/r/briefing.md:5: sections: has no '##' sections: a seven-minute briefing has exactly seven, in "
        f"this order: {EXPECTED}. Start each with a line such as '## 1. Background', or set 'format: note' for a "
        "free-form briefing"]


def test_an_empty_section(tmp_path):
    body = headings_body(NUMBERED[:6]) + "\n## 7. Questions for practitioners\n\n"
    assert briefing_problems(tmp_path, body) == [
        "reviews/r/briefing.md:30: sections: section 7 'Questions for practitioners' is empty: write its text under "
        "the heading"]


def test_every_section_problem_is_listed_at_once(tmp_path):
    got = briefing_problems(tmp_path, headings_body(NUMBERED[:3] + ["Case timeline"] + NUMBERED[4:6]))
    assert [p.split(": sections: ")[1][:22] for p in got] == [
        "'## Case timeline' is ", "section 4 '## 4. What ", "section 7 '## 7. Quest"]


@pytest.mark.parametrize("body", [seven_minute_body(), headings_body(SEVEN),
                                  headings_body([f"{i}) {n.lower()}:" for i, n in enumerate(SEVEN, 1)])],
                         ids=["numbered", "unnumbered", "other-punctuation"])
def test_the_seven_sections_in_any_usual_spelling_pass(tmp_path, body):
    assert briefing_problems(tmp_path, body) == []


def test_a_note_is_free_form_and_a_draft_may_be_unfinished(tmp_path):
    assert briefing_problems(tmp_path, "## What we found\n\nText.\n", format="note") == []
    assert briefing_problems(tmp_path, headings_body(NUMBERED[:2]), status="draft") == []


def test_a_briefing_without_its_review_is_an_error(tmp_path):
    assert problems_for(tmp_path, {"r/briefing.md": briefing()}) == [
        "reviews/r/index.md:1: file: is missing: every review folder needs an index.md with the review's front "
        "matter (a briefing or action plan cannot stand alone)"]


# -- who may see a briefing, and when ----------------------------------------------------------------------------

def public_site(tmp_path: Path, files: dict, at: str = AS_OF) -> PublicSite:
    write_project(tmp_path, files)
    settings = Settings.from_mapping(tmp_path, {})
    content, problems = load_with_problems(settings)
    assert problems == []
    return PublicSite.build(content, datetime.fromisoformat(at), settings)


def test_publication_rule_for_briefings(tmp_path):
    site = public_site(tmp_path, {
        "shown/index.md": front(review_meta()),
        "shown/briefing.md": briefing(published="2024-04-01"),
        "draft-briefing/index.md": front(review_meta()),
        "draft-briefing/briefing.md": briefing(status="draft"),
        "future-briefing/index.md": front(review_meta()),
        "future-briefing/briefing.md": briefing(published="2026-11-26T15:00:00+00:00"),
        "draft-review/index.md": front({"status": "draft", "title": "Child D"}),
        "draft-review/briefing.md": briefing(),
        "embargoed-review/index.md": front(review_meta(published="2026-12-01")),
        "embargoed-review/briefing.md": briefing(),
        "withdrawn/index.md": front(review_meta(status="withdrawn", withdrawn_reason="Court proceedings.")),
        "withdrawn/briefing.md": briefing(),
        "archived/index.md": front(review_meta(available_until="2025-12-31")),
        "archived/briefing.md": briefing(),
    })
    assert [r.slug for r in site.briefings] == ["shown"]
    assert {r.slug for r in site.reviews if r.briefing} == {"shown"}
    assert {r.slug for r in site.reviews} == {"shown", "draft-briefing", "future-briefing", "withdrawn", "archived"}


def test_a_future_briefing_appears_once_its_moment_has_come(tmp_path):
    files = {"r/index.md": front(review_meta()), "r/briefing.md": briefing(published="2026-11-26T15:00:00+00:00")}
    assert public_site(tmp_path, files, "2026-11-26T14:59:59+00:00").briefings == ()
    assert [r.slug for r in public_site(tmp_path, files, "2026-11-26T15:00:00+00:00").briefings] == ["r"]


def test_the_title_defaults_from_the_review(tmp_path):
    site = public_site(tmp_path, {
        "a/index.md": front(review_meta(title="Child A: review")), "a/briefing.md": briefing(),
        "b/index.md": front(review_meta()), "b/briefing.md": briefing(title="Seven-minute briefing: Child B"),
    })
    assert sorted(r.briefing.title for r in site.briefings) == ["Learning briefing: Child A: review",
                                                                  "Seven-minute briefing: Child B"]


# -- the built pages --------------------------------------------------------------------------------------------

QUESTION = "What would you do differently tomorrow?"
LONG_WORDS = " ".join(["Practitioners should record what the child said and did, and act on it."] * 40)


def corpus() -> dict[str, str]:
    """Public briefings whose dates run in a different order from their reviews', and hidden ones."""
    questions = f"- {QUESTION}\n- Who else needs to know?\n"
    seven = "\n".join(f"## {n}\n\n{'Text.' if i < 7 else questions}\n" for i, n in enumerate(NUMBERED, 1))
    return {
        "2024-child-a/index.md": front(review_meta(title="Child A: practice review", pseudonym="Alex",
                                                   themes=["neglect", "safe-sleep"])),
        "2024-child-a/briefing.md": briefing(published="2024-04-01", body=seven,
                                             title="Seven-minute briefing: Child A"),
        "2024-child-a/action-plan.md": plan_with("visible plan"),
        "2023-child-b/index.md": front(review_meta(title="Child B: review", published="2023-05-01",
                                                   review_type="thematic-review", themes=["domestic-abuse"])),
        "2023-child-b/briefing.md": briefing(published="2024-06-01", format="note",
                                             body="Intro.\n\n## What we found\n\nNote text.\n"),
        "2022-child-c/index.md": front(review_meta(title="Child C: review", published="2022-05-01")),
        "2022-child-c/briefing.md": briefing(published="2022-06-01"),
        "2021-child-d/index.md": front(review_meta(title="Child D: review", published="2021-05-01")),
        "2021-child-d/briefing.md": briefing(status="draft", body="hiddendraftbriefingqz"),
        "2020-child-e/index.md": front(review_meta(title="Child E: review", published="2020-05-01")),
        "2020-child-e/briefing.md": briefing(published="2027-01-01", body=seven_minute_body("hiddenfutureqz")),
        "2019-child-long/index.md": front(review_meta(title="Child L: review", published="2019-05-01")),
        "2019-child-long/briefing.md": briefing(published="2019-05-01", body=seven_minute_body(LONG_WORDS)),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_ok(write_project(tmp_path_factory.mktemp("briefings"), corpus()))


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def content_of(html: str) -> str:
    """The page's own content, without Material's header, navigation and footer."""
    return html[html.index('<article class="md-content__inner'):html.rindex("</article>")]


def test_the_briefing_page_shows_its_review_and_numbered_sections(site):
    page = content_of(read(site, "reviews/2024-child-a/briefing"))
    assert "<h1>Seven-minute briefing: Child A</h1>" in page
    for fact in ("Child A: practice review", "Alex", "Local child safeguarding practice review", "12 March 2024",
                 "1 April 2024"):
        assert f">{fact}<" in page, fact
    numbers = re.findall(r'<h2 id="([a-z-]+)"><span class="cr-section__number">(\d)</span> ([^<]+)<', page)
    assert numbers == [(name.lower().replace(" ", "-"), str(i), name) for i, name in enumerate(SEVEN, 1)]
    assert page.count('<section class="cr-section') == 7
    questions = page[page.index('<section class="cr-section cr-questions">'):]
    assert QUESTION in questions[:questions.index("</section>")]


def test_the_sections_extension_wraps_marked_headings_and_leaves_other_pages_alone():
    import markdown

    from casereviews.pages.sections import SectionsExtension

    def render(text, *extra):
        return markdown.markdown(text, extensions=["attr_list", "toc", *extra])

    text = ('Intro.\n\n## One {#one data-section="cr-section"}\n\nFirst.\n\n### Inside\n\nStill first.\n\n'
            '## Two {#two data-section="cr-section cr-questions"}\n\n- a question\n')
    html = render(text, SectionsExtension())
    assert html.startswith("<p>Intro.</p>\n<section")
    first = html[html.index('<section class="cr-section">'):html.index("</section>")]
    assert '<h2 id="one">One</h2>' in first and "Still first." in first and "question" not in first
    second = html[html.index('<section class="cr-section cr-questions">'):]
    assert '<h2 id="two">Two</h2>' in second and "<li>a question</li>" in second
    assert html.count("<section") == 2 and "data-section" not in html
    plain = "Intro.\n\n## One {#one}\n\nText.\n"
    assert render(plain, SectionsExtension()) == render(plain)


def test_the_briefing_page_links_its_review_and_action_plan_and_prints(site):
    html = read(site, "reviews/2024-child-a/briefing")
    page = content_of(html)
    assert 'href="../../../reviews/2024-child-a/">Read the review</a>' in page
    assert 'href="../../../reviews/2024-child-a/action-plan/">See the action plan</a>' in page
    assert re.search(r'<button type="button" class="[^"]*cr-print-button[^"]*" hidden>Print this briefing</button>',
                     page)
    assert "window.print()" in page and "<script src" not in page
    assert ('<span class="cr-print-address__url" data-cr-address>https://reviews.example.org/reviews/2024-child-a/'
            'briefing/</span>') in page
    assert 'href="../../../assets/site-reading.css"' in html  # the project's stylesheet, cut for reading pages
    assert "See the action plan" not in content_of(read(site, "reviews/2022-child-c/briefing"))


def test_a_note_briefing_is_shown_as_written(site):
    page = content_of(read(site, "reviews/2023-child-b/briefing"))
    assert "Practice note" in page and "Note text." in page and "Intro." in page
    assert "cr-section" not in page and "Seven short sections" not in page
    assert "<h1>Learning briefing: Child B: review</h1>" in page


def test_the_list_of_briefings_is_newest_first_with_review_date_and_themes(site):
    page = content_of(read(site, "briefings"))
    assert re.findall(r'data-briefing="([^"]+)"', page) == ["2023-child-b", "2024-child-a", "2022-child-c",
                                                            "2019-child-long"]
    entry = page[page.index('data-briefing="2024-child-a"'):page.index('data-briefing="2022-child-c"')]
    assert 'href="../reviews/2024-child-a/briefing/"><strong>Seven-minute briefing: Child A</strong>' in entry
    assert 'From <a href="../reviews/2024-child-a/">Child A: practice review</a>' in entry
    assert '<time datetime="2024-04-01">1 April 2024</time>' in entry
    assert '<a href="../themes/neglect/">Neglect</a>, <a href="../themes/safe-sleep/">Safe sleep</a>' in entry
    assert "4 briefings, newest first." in page


def test_hidden_briefings_are_nowhere(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "hiddendraftbriefingqz" not in text and "hiddenfutureqz" not in text, path
    assert not (site / "reviews/2021-child-d/briefing").exists()
    assert not (site / "reviews/2020-child-e/briefing").exists()


def test_home_theme_and_review_pages_lead_to_briefings(site):
    home = content_of(read(site, ""))
    latest = home[home.index('id="latest-briefings"'):home.index('id="ways-in"')]
    assert re.findall(r'href="(?:\./)?reviews/([^/]+)/briefing/"', latest) == ["2023-child-b", "2024-child-a",
                                                                           "2022-child-c"]
    assert re.search(r'<a href="(\./)?briefings/">Learning briefings</a>', home)
    theme = content_of(read(site, "themes/safe-sleep"))
    assert 'href="../../reviews/2024-child-a/briefing/">Seven-minute briefing: Child A</a>' in theme
    assert 'href="briefing/">Read the learning briefing</a>' in content_of(read(site, "reviews/2024-child-a"))
    assert "Read the learning briefing" not in content_of(read(site, "reviews/2021-child-d"))
    tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link">', read(site, ""))
    assert tabs[1:3] == ["reviews/", "briefings/"]


# -- printing ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def serve():
    """Serve built sites over HTTP, as a reader's browser would load them; yields a function site -> base URL."""
    stops = []

    def start(folder: Path) -> str:
        url, stop = serve_folder(folder)
        stops.append(stop)
        return url + "/"

    yield start
    for stop in stops:
        stop()


def print_to_pdf(url: str, out: Path) -> Path:
    """Print ``url`` as a reader would with Chromium's print-to-PDF (no browser header and footer lines, so the
    page count measures the page's own layout)."""
    profile = out.parent / f"{out.stem}-profile"
    result = subprocess.run(
        [CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", url],
        capture_output=True, text=True, timeout=120,
    )
    shutil.rmtree(profile, ignore_errors=True)
    assert out.is_file() and out.stat().st_size > 0, result.stderr[-2000:]
    return out


def pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]], str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    return len(reader.pages), sizes, "\n".join(p.extract_text() or "" for p in reader.pages)


needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
A4 = (595, 842)  # points


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    """The repository's own demo content, built as at 2026-11-26 with a public address."""
    out = tmp_path_factory.mktemp("demo") / "site"
    env = {**os.environ, "REVIEWS_AS_OF": "2026-11-26", "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "https://reviews.example.org/"}
    result = subprocess.run(builder("build", "-q", "-d", str(out)), cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.browser
@needs_chromium
def test_demo_briefings_print_on_one_or_two_a4_pages(demo_site, serve, tmp_path):
    base = serve(demo_site)
    slugs = sorted(p.parent.name for p in (demo_site / "reviews").glob("*/briefing"))
    assert len(slugs) >= 5
    counts = {}
    for slug in slugs:
        pages, sizes, text = pdf_pages(print_to_pdf(f"{base}reviews/{slug}/briefing/", tmp_path / f"{slug}.pdf"))
        counts[slug] = pages
        assert set(sizes) == {A4}, (slug, sizes)
        flat = " ".join(text.split())
        assert f"https://reviews.example.org/reviews/{slug}/briefing/" in "".join(text.split()), slug
        for chrome in ("Table of contents", "Print this briefing", "Read the review", "Harrowmere Safeguarding "
                       "Children Partnership – Case reviews", "Open Government Licence"):
            assert chrome not in flat, (slug, chrome)
    assert all(1 <= n <= 2 for n in counts.values()), counts
    print("printed pages:", counts)


@pytest.mark.browser
@needs_chromium
def test_an_overlong_briefing_prints_on_more_pages(site, serve, tmp_path):
    """The page count is a real measurement: a briefing several times the normal length does not fit two sheets."""
    base = serve(site)
    pages, sizes, text = pdf_pages(print_to_pdf(f"{base}reviews/2019-child-long/briefing/", tmp_path / "long.pdf"))
    assert pages > 2 and set(sizes) == {A4}
    short, _, short_text = pdf_pages(print_to_pdf(f"{base}reviews/2024-child-a/briefing/", tmp_path / "a.pdf"))
    assert short == 1
    assert QUESTION in short_text and "Questions for practitioners" in short_text
