"""A real partnership's content: briefings under its own headings and formats, and other families of review
(adults', domestic homicide) with their own rules, on the fixture of a joint children's and adults' board."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from fixture_joint_board import (
    COMMON_HEADINGS,
    DHR,
    EARLY_REMOVAL_MARKER,
    LEARNING_SUMMARY,
    VOCABULARY,
    body_with,
    files,
)
from sitebuild import SEVEN, all_outputs, briefing, build_ok, front, review_meta, write_project

from casereviews.content.families import add_months
from casereviews.content.formats import heading_key
from casereviews.content.load import load_with_problems
from casereviews.settings import Settings


def problems_for(tmp_path: Path, extra: dict, vocabulary: dict | None = None) -> list[str]:
    write_project(tmp_path, {**files(), **extra}, vocabulary=vocabulary or VOCABULARY)
    _, problems = load_with_problems(Settings.from_mapping(tmp_path, {}))
    return [str(p) for p in sorted(problems)]


def test_the_joint_board_fixture_is_clean(tmp_path):
    assert problems_for(tmp_path, {}) == []


# -- briefing formats ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "title"), [
    ("Information", "The information"), ("The information", "The information"), ("3. information", "The information"),
    ("What was learned", "What was learned"), ("What we learned", "What was learned"), ("Learning", "What was learned"),
    ("What to do", "What to do"), ("What should I do?", "What to do"), ("4) What you can do", "What to do"),
    ("Questions for practitioners", "Questions for practitioners"),
    ("Reflective questions", "Questions for practitioners"),
    ("  Questions to consider ? ", "Questions for practitioners"),
])
def test_common_wordings_match_their_section(written, title):
    from casereviews.content.formats import SEVEN_MINUTE

    owner = {key: s.title for s in SEVEN_MINUTE.sections for key in s.keys}
    assert owner[heading_key(written)] == title


def test_a_briefing_under_common_headings_builds_and_shows_the_editors_headings(joint_board_build):
    site = joint_board_build.site
    page = (site / "reviews/2024-child-p/briefing/index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<h2 id="([a-z-]+)"><span class="cr-section__number">(\d)</span> ([^<]+)<', page)
    expected_text = ["The background", "Why does it matter?", "Information", "What we learned", "What should I do?",
                     "Key messages", "Reflective questions"]
    # Anchors come from the format's titles, so links to a section do not depend on an editor's wording.
    assert shown == [(t.lower().replace(" ", "-"), str(i), text) for i, (t, text) in
                     enumerate(zip(SEVEN, expected_text, strict=True), 1)]
    questions = page[page.index('<section class="cr-section cr-questions">'):]
    assert "Reflective questions" in questions[:questions.index("</section>")]

    summary = (site / "reviews/2025-sar-mr-q/briefing/index.html").read_text(encoding="utf-8")
    assert '<p class="cr-kicker">Learning summary</p>' in summary
    shown = re.findall(r'<span class="cr-section__number">(\d)</span> ([^<]+)<', summary)
    assert shown == [("1", "About the review"), ("2", "What happened"), ("3", "Key learning"),
                     ("4", "What will change"), ("5", "Questions to reflect on")]
    assert summary.count('<section class="cr-section cr-questions">') == 1
    listing = (site / "briefings/index.html").read_text(encoding="utf-8")
    assert "Learning summary · " in listing and "Seven-minute briefing · " in listing
    assert "people who work with children and adults" in listing

    # The same build: families in search, listing and pages (one build keeps the suite quick).
    check_family_outputs(site)


def test_a_partnership_format_is_enforced(tmp_path):
    wrong = ["About the review", "What happened", "What will change", "Key learning", "Questions to reflect on"]
    got = problems_for(tmp_path, {"2025-sar-mr-q/briefing.md": briefing(format="learning-summary",
                                                                        body=body_with(wrong))})
    assert got == ["reviews/2025-sar-mr-q/briefing.md:15: sections: the sections are out of order: section 3 "
                   "should be 'What we learned', not 'What changes'; put them in this order: 1. The review; 2. What "
                   "happened; 3. What we learned; 4. What changes; 5. Questions to reflect on"]
    got = problems_for(tmp_path, {"2025-sar-mr-q/briefing.md": briefing(format="learning-summary",
                                                                        body=body_with(LEARNING_SUMMARY[:4]))})
    assert got == ["reviews/2025-sar-mr-q/briefing.md:21: sections: section 5 '## 5. Questions to reflect on' is "
                   "missing: add it after '## 4. What changes', at the end"]
    got = problems_for(tmp_path, {"2025-sar-mr-q/briefing.md": briefing(
        format="learning-summary", body=body_with(["About the review", "What hapened", *LEARNING_SUMMARY[2:]]))})
    assert got == ["reviews/2025-sar-mr-q/briefing.md:11: sections: '## What hapened' is not a heading of a learning "
                   "summary: did you mean '## 2. What happened'?"]
    got = problems_for(tmp_path, {"2025-sar-mr-q/briefing.md": briefing(
        format="learning-summary", body=body_with([*LEARNING_SUMMARY, "Further reading"]))})
    assert got == ["reviews/2025-sar-mr-q/briefing.md:27: sections: '## Further reading' is an extra section: a "
                   "learning summary has exactly five (1. The review; 2. What happened; 3. What we learned; 4. What "
                   "changes; 5. Questions to reflect on); make it a '###' heading inside one of them, or set "
                   "'format: note' for a free-form briefing"]


def test_an_unknown_heading_names_the_nearest_sections(tmp_path):
    body = body_with([*COMMON_HEADINGS[:3], "What we lerned", *COMMON_HEADINGS[4:]])
    got = problems_for(tmp_path, {"2024-child-p/briefing.md": briefing(body=body)})
    assert len(got) == 1 and "'## What we lerned' is not a heading of a seven-minute briefing: did you mean " \
        "'## 4. What was learned'?" in got[0]


def test_the_built_in_format_stays_and_note_stays_free_form(tmp_path):
    got = problems_for(tmp_path, {"2024-child-p/briefing.md": briefing(format="note", body="## Anything\n\nText.\n"),
                                  "2025-sar-mr-q/briefing.md": briefing(body=body_with(SEVEN))})
    assert got == []


def test_an_unknown_format_names_the_known_ones(tmp_path):
    got = problems_for(tmp_path, {"2025-sar-mr-q/briefing.md": briefing(format="learning-sumary")})
    assert got == ["reviews/2025-sar-mr-q/briefing.md:4: format: 'learning-sumary' is not a briefing format; did you "
                   "mean 'learning-summary'? use one of: seven-minute, note, learning-summary (a partnership adds "
                   "its own under briefing_formats in reviews/vocabulary.yml)"]


def vocabulary_with(**changes) -> dict:
    return {**VOCABULARY, **changes}


def test_format_definitions_are_checked(tmp_path):
    fmt = VOCABULARY["briefing_formats"][0]
    twice_questions = {**fmt, "sections": [*fmt["sections"][:4], {"title": "Discuss", "questions": True},
                                           fmt["sections"][4]]}
    shared_heading = {**fmt, "id": "other", "sections": [{"title": "Learning"}, {"title": "Key learning"},
                                                         {"title": "What we learned", "also": ["learning"]}]}
    got = problems_for(tmp_path, {}, vocabulary_with(briefing_formats=[twice_questions, shared_heading, fmt,
                                                                       {"id": "note", "label": "Note",
                                                                        "sections": [{"title": "A"}]}]))
    assert got == [
        "reviews/vocabulary.yml:72: briefing_formats[0].sections[5].questions: only one section of a format can be "
        "marked 'questions: true'",
        "reviews/vocabulary.yml:78: briefing_formats[1].sections[2]: the heading 'learning' is also accepted for "
        "section 1: a heading can name one section only",
        "reviews/vocabulary.yml:81: briefing_formats[2].id: 'learning-summary' is listed twice in briefing_formats: "
        "ids must be unique within a list",
        "reviews/vocabulary.yml:99: briefing_formats[3].id: 'note' is the free-form format and cannot be given "
        "sections: choose another id",
    ]


# -- families -----------------------------------------------------------------------------------------------------

def test_a_type_that_requires_approval_needs_an_approved_date(tmp_path):
    meta = yaml.safe_load(files()["2026-dhr-ms-r/index.md"].split("---")[1])
    del meta["approved"]
    got = problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)})
    assert got == [f"reviews/2026-dhr-ms-r/index.md:1: approved: is missing: a domestic homicide review is published "
                   f"only once the {DHR} has approved it; write the date of that approval, e.g. approved: 2025-01-31"]
    meta["status"] = "draft"  # a draft need not be approved yet
    assert problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)}) == []
    meta.update(status="published", approved="2026-02-01")
    got = problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)})
    assert got == ["reviews/2026-dhr-ms-r/index.md:17: approved: 2026-02-01 is after the publication date "
                   "(2026-01-15): a review is approved before it is published; check both dates"]


def test_a_report_must_stay_available_for_the_minimum_unless_a_reason_is_given(tmp_path):
    meta = yaml.safe_load(files()["2026-dhr-ms-r/index.md"].split("---")[1])
    del meta["early_removal_reason"]
    got = problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)})
    assert got == ["reviews/2026-dhr-ms-r/index.md:16: available_until: 2026-12-31 is less than 12 months after "
                   "publication (2026-01-15): a domestic homicide review stays available until at least 2027-01-15; "
                   "use a later date, or explain the early end in early_removal_reason (kept for the record, never "
                   "shown)"]
    # The default is 12 months for a type that says nothing (a serious case review here).
    got = problems_for(tmp_path / "scr", {"2020-scr/index.md": front(review_meta(
        review_type="serious-case-review", published="2020-03-31", available_until="2021-02-28"))})
    assert len(got) == 1 and "available_until: 2021-02-28 is less than 12 months after publication (2020-03-31)" \
        in got[0] and "at least 2021-03-31" in got[0]
    meta.update(available_until="2027-01-15")
    assert problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)}) == []
    meta.update(early_removal_reason="No date.")
    del meta["available_until"]
    got = problems_for(tmp_path, {"2026-dhr-ms-r/index.md": front(meta)})
    assert got == ["reviews/2026-dhr-ms-r/index.md:16: early_removal_reason: is only used with 'available_until' "
                   "(to explain an early end); remove it, or add the date"]


def test_months_are_calendar_months():
    from datetime import date

    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 12), 12) == date(2025, 3, 12)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_an_age_band_of_another_family_is_refused(tmp_path):
    got = problems_for(tmp_path, {"2024-child-p/index.md": front(review_meta(age_band="65-and-over"))})
    assert got == ["reviews/2024-child-p/index.md:9: age_band: '65-and-over' is an age band for reviews about "
                   "adults, and this local child safeguarding practice review is about children: use one of: under-1, "
                   "5-to-11, adult"]


def test_families_in_the_vocabulary_are_checked_and_may_be_added(tmp_path):
    types = [*VOCABULARY["review_types"], {"id": "mhr", "label": "Mental health homicide review",
                                           "family": "mental-health"}]
    got = problems_for(tmp_path, {}, vocabulary_with(review_types=types))
    assert got == ["reviews/vocabulary.yml:17: review_types[4].family: 'mental-health' is not a review family: use "
                   "one of: children, adults, domestic-abuse, or list it under review_families"]
    families = [{"id": "mental-health", "label": "Mental health homicides", "subject": "patient"},
                {"id": "mental-health", "label": "Again"}]
    got = problems_for(tmp_path, {}, vocabulary_with(review_types=types, review_families=families))
    assert got == ["reviews/vocabulary.yml:78: review_families[1].id: 'mental-health' is listed twice in "
                   "review_families: ids must be unique within a list"]
    got = problems_for(tmp_path, {"2024-mhr/index.md": front(review_meta(review_type="mhr"))},
                       vocabulary_with(review_types=types, review_families=families[:1]))
    assert got == []


def check_family_outputs(site: Path) -> None:
    """What the public sees of families: the search filter, /reviews/ by family, and words for whom."""
    listing = (site / "reviews/index.html").read_text(encoding="utf-8")
    for family, count in (("children", 1), ("adults", 1), ("domestic-abuse", 1)):
        assert f'data-family-link="{family}"' in listing
        assert f'data-family="{family}"' in listing
        page = (site / f"families/{family}/index.html").read_text(encoding="utf-8")
        assert page.count("<tr data-review=") == count
    adults = (site / "families/adults/index.html").read_text(encoding="utf-8")
    assert "<h1>Reviews about adults</h1>" in adults and "2025-sar-mr-q" in adults and "2024-child-p" not in adults
    search = (site / "search/index.html").read_text(encoding="utf-8")
    assert 'data-facet="family"' in search and "<legend>Age of the person</legend>" in search
    assert "/search/?family=Adults" in adults  # the family's page leads into search filtered by family
    sar = (site / "reviews/2025-sar-mr-q/index.html").read_text(encoding="utf-8")
    assert "<dt>Age of the adult</dt>" in sar
    dhr = (site / "reviews/2026-dhr-ms-r/index.html").read_text(encoding="utf-8")
    assert f"By the {DHR}, <time datetime=\"2026-01-05\">5 January 2026</time>" in dhr
    assert 'data-pagefind-filter="family"' in dhr or "data-pagefind-filter=\"family:" in dhr
    fragments = pagefind_filters(site)
    assert fragments["/reviews/2026-dhr-ms-r/"]["family"] == ["Domestic abuse related deaths"]
    assert fragments["/reviews/2025-sar-mr-q/briefing/"]["family"] == ["Adults"]
    data = json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))
    assert {r["slug"]: r["family"]["id"] for r in data["reviews"]} == {
        "2026-dhr-ms-r": "domestic-abuse", "2025-sar-mr-q": "adults", "2024-child-p": "children"}
    from jsonschema import Draft202012Validator

    from casereviews.content.schemas import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "reviews-data.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    leaks = [name for name, text in all_outputs(site).items() if EARLY_REMOVAL_MARKER in text.lower()]
    assert leaks == []


def pagefind_filters(site: Path) -> dict[str, dict]:
    import gzip

    out = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        record = json.loads(data[data.index("{"):])
        out[record["url"]] = record["filters"]
    return out


def test_a_children_only_site_keeps_its_words_and_has_no_family_choice(tmp_path):
    from sitebuild import VOCABULARY as CHILDREN_ONLY

    site = build_ok(write_project(tmp_path, {"2024-child-a/index.md": front(review_meta(age_band="under-1"))},
                                  vocabulary=CHILDREN_ONLY))
    search = (site / "search/index.html").read_text(encoding="utf-8")
    assert 'data-facet="family"' not in search and "<legend>Age of the child</legend>" in search
    assert not (site / "families").exists()
    assert "data-family-link" not in (site / "reviews/index.html").read_text(encoding="utf-8")
    assert "people who work with children." in (site / "briefings/index.html").read_text(encoding="utf-8")
