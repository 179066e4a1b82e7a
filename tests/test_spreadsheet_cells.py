"""Issue 13, finding 6: text that a spreadsheet would run as a formula is neutralised in reviews.csv,
actions.csv and recommendations.csv (OWASP's CSV injection guidance), while numbers and dates stay as they are."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sitebuild import VOCABULARY, action_plan, front, review_meta, write_project

from casereviews.build import Build
from casereviews.outputs.actions_csv import write_actions_csv
from casereviews.outputs.data import write_data
from casereviews.outputs.recommendations import write_recommendations
from casereviews.outputs.spreadsheet import FORMULA_STARTS, safe_cell

AS_OF = {"REVIEWS_AS_OF": "2026-11-26T12:00:00+00:00"}
HOSTILE = {
    "title": '=HYPERLINK("https://evil.example/","Click for the report")',
    "summary": "+SUM(A1:A9) and the rest of the summary.",
    "pseudonym": "@Sam",
    "partnership": "-Harrowmere partnership",
    "key_learning": ["=1+1", "-2+3 is not a number", "@learning"],
    "action_text": "=cmd|' /C calc'!A0",
    "note": "-Update note",
    "evidence": "@evidence",
    "agency": "+Police",
    "recommendation": "=WEBSERVICE(\"https://evil.example/\") should be shared.",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("cells")
    vocabulary = json.loads(json.dumps(VOCABULARY))
    vocabulary["agencies"][0]["label"] = HOSTILE["agency"]
    plan = action_plan([{"id": "R1", "text": HOSTILE["recommendation"], "response": "accepted", "actions": [{
        "id": "R1.1", "text": HOSTILE["action_text"], "lead": "police", "due": "2026-06-30",
        "updates": [{"date": "2025-01-10", "status": "in-progress", "note": HOSTILE["note"],
                     "evidence": HOSTILE["evidence"]}]}]}])
    write_project(root, {
        "2024-child-a/index.md": front(review_meta(
            title=HOSTILE["title"], summary=HOSTILE["summary"], pseudonym=HOSTILE["pseudonym"],
            partnership=HOSTILE["partnership"], key_learning=HOSTILE["key_learning"], agencies=["police"],
            age_band="under-1")),
        "2024-child-a/action-plan.md": plan,
    }, vocabulary=vocabulary)
    build = Build.prepare(root, {"partnership": "P"}, "https://reviews.example.org/", environ=AS_OF)
    out = root / "out"
    write_data(build.site, out, {"site_url": "https://reviews.example.org/"})
    write_actions_csv(build.site, out, {"site_url": "https://reviews.example.org/"})
    write_recommendations(build.site, out, {"site_url": "https://reviews.example.org/"})
    return {name: list(csv.DictReader(io.StringIO((out / "data" / name).read_text(encoding="utf-8-sig"))))
            for name in ("reviews.csv", "actions.csv", "recommendations.csv")}


def test_no_cell_of_either_file_can_start_a_formula(written):
    for name, rows in written.items():
        assert rows
        for row in rows:
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS) or safe_cell(cell) == cell, (name, column, cell)


def test_text_is_kept_with_a_quote_in_front(written):
    review = written["reviews.csv"][0]
    assert review["title"] == "'" + HOSTILE["title"]
    assert review["summary"] == "'" + HOSTILE["summary"]
    assert review["pseudonym"] == "'@Sam"
    assert review["partnership"] == "'" + HOSTILE["partnership"]
    assert review["key_learning"] == "'=1+1; -2+3 is not a number; @learning"
    assert review["agencies"] == "'+Police"
    action = written["actions.csv"][0]
    assert action["action_text"] == "'" + HOSTILE["action_text"]
    assert action["last_update_note"] == "'-Update note"
    assert action["evidence"] == "'@evidence"
    assert action["lead_label"] == "'+Police"
    assert action["review_title"] == "'" + HOSTILE["title"]
    recommendation = written["recommendations.csv"][0]
    assert recommendation["text"] == "'" + HOSTILE["recommendation"]
    assert recommendation["review_title"] == "'" + HOSTILE["title"]
    assert recommendation["agencies"] == "'+Police"


def test_numbers_and_dates_are_untouched(written):
    action = written["actions.csv"][0]
    assert action["due"] == "2026-06-30" and action["last_update"] == "2025-01-10"
    assert action["days_overdue"].isdigit() and action["days_since_update"].isdigit()
    review = written["reviews.csv"][0]
    assert review["published"].startswith("2024-03-12T00:00:00")
    assert review["actions_total"] == "1"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-Note", "'-Note"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"), ("\rReturn", "'\rReturn"), ("-3", "-3"), ("+4.5", "+4.5"), ("-1e3", "-1e3"),
    ("2026-06-30", "2026-06-30"), ("A normal sentence", "A normal sentence"), ("", ""), ("'quoted", "'quoted"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
