"""Every mistake an editor can make in front matter or vocabulary, and the exact message they will read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import VOCABULARY, action_plan, briefing, front, review_meta, write_project

from casereviews.content.load import load_with_problems
from casereviews.settings import Settings


def problems_for(tmp_path: Path, files: dict, vocabulary: dict | None = None) -> list[str]:
    write_project(tmp_path, files, vocabulary)
    content, problems = load_with_problems(Settings.from_mapping(tmp_path, {}))
    return [str(p) for p in sorted(problems)]


def test_valid_review_loads(tmp_path):
    write_project(tmp_path, {"2024-child-a/index.md": front(review_meta(), "## What happened\n\nText.\n")})
    content, problems = load_with_problems(Settings.from_mapping(tmp_path, {"partnership": "Demo SCP"}))
    assert problems == []
    (review,) = content.reviews
    assert review.slug == "2024-child-a"
    assert review.themes[0].label == "Neglect"
    assert review.partnership == "Demo SCP"
    assert review.published.isoformat() == "2024-03-12T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: Child A: review\nstatus: published\n---\n",
         "reviews/r/index.md:2: front matter: is not valid YAML (mapping values are not allowed here); "
         "check the indentation, and put quotes around text that contains a colon"),
        ("---\n- just\n- a list\n---\n",
         "reviews/r/index.md:2: front matter: must be a list of 'field: value' lines"),
        ("", "reviews/r/index.md:1: file: is empty: it needs front matter between two '---' lines"),
        ("# Child A\n\nNo front matter.\n",
         "reviews/r/index.md:1: front matter: is missing: the file must start with a line '---', then the fields, "
         "then another '---'"),
    ],
    ids=["invalid-yaml", "not-a-mapping", "empty", "no-front-matter"],
)
def test_unreadable_front_matter(tmp_path, text, expected):
    assert problems_for(tmp_path, {"r/index.md": text}) == [expected]


def test_not_utf8(tmp_path):
    data = front(review_meta(title="Child A")).encode("utf-8").replace(b"Child A", b"Child \xe9")
    assert problems_for(tmp_path, {"r/index.md": data}) == [
        "reviews/r/index.md:2: file: is not UTF-8 text: save it with UTF-8 encoding"]


def test_impossible_date(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front(review_meta(published="2021-02-31"))}) == [
        "reviews/r/index.md:4: published: '2021-02-31' is not a real date or time: check the day and month "
        "(e.g. 2021-06-30, or 2021-06-30T10:00:00+01:00)"]


def test_date_in_wrong_form(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front(review_meta(published="12/03/2021"))}) == [
        "reviews/r/index.md:4: published: '12/03/2021' is not a date such as 2021-06-30, or a date and time "
        "such as 2021-06-30T10:00:00+01:00"]


def test_wrong_types(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta(themes="neglect", title=42, key_learning="x"))})
    assert got == [
        "reviews/r/index.md:2: title: must be text, not the number 42 (text, e.g. 'Child Sam: Serious Case Review')",
        "reviews/r/index.md:7: themes: must be a list, not 'neglect' (a list of theme ids from "
        "reviews/vocabulary.yml, at least one)",
        "reviews/r/index.md:8: key_learning: must be a list, not 'x' (a list of short learning points, one per "
        "line starting with '- ')",
    ]


def test_unknown_ids_name_the_closest(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta(themes=["neglect", "neglet"],
                                                                  review_type="serious-case-reveiw"))})
    assert got == [
        "reviews/r/index.md:5: review_type: 'serious-case-reveiw' is not a known review type; did you mean "
        "'serious-case-review'? use an id from review_types in reviews/vocabulary.yml, or add it there",
        "reviews/r/index.md:9: themes[1]: 'neglet' is not a known theme; did you mean 'neglect'? use an id from "
        "themes in reviews/vocabulary.yml, or add it there",
    ]


def test_unknown_field_names_the_closest(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta(sumary="typo"))})
    assert got[0].startswith("reviews/r/index.md:9: sumary: is not a field of a review; did you mean 'summary'?")


def test_missing_required_fields(tmp_path):
    meta = review_meta(summary=None, themes=None)
    assert problems_for(tmp_path, {"r/index.md": front(meta)}) == [
        "reviews/r/index.md:1: summary: is missing (it is required once the status is 'published'): one "
        "paragraph of at most 600 characters",
        "reviews/r/index.md:1: themes: is missing (it is required once the status is 'published'): a list of "
        "theme ids from reviews/vocabulary.yml, at least one",
    ]


def test_missing_status_is_never_a_default(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front(review_meta(status=None))}) == [
        "reviews/r/index.md:1: status: is missing (publishing is always explicit: write 'status: draft' until "
        "the review is ready)"]


def test_status_typo(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front(review_meta(status="publish"))}) == [
        "reviews/r/index.md:3: status: 'publish' is not allowed; did you mean 'published'? use one of: draft, "
        "published, withdrawn"]


def test_draft_may_be_incomplete_but_what_it_has_is_checked(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front({"status": "draft", "title": "Child B"})}) == []
    assert problems_for(tmp_path, {"r/index.md": front({"status": "draft", "themes": ["neglekt"]})}) == [
        "reviews/r/index.md:4: themes[0]: 'neglekt' is not a known theme; did you mean 'neglect'? use an id "
        "from themes in reviews/vocabulary.yml, or add it there"]


def test_withdrawn_needs_a_reason(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": front(review_meta(status="withdrawn"))}) == [
        "reviews/r/index.md:1: withdrawn_reason: is missing (a withdrawn review must say why, in a sentence "
        "shown on its page)"]


def test_summary_too_long(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta(summary="x" * 601))})
    assert got == ["reviews/r/index.md:6: summary: is 601 characters long; it must be at most 600: shorten it"]


def test_invalid_slug(tmp_path):
    assert problems_for(tmp_path, {"Child_A/index.md": front(review_meta())}) == [
        "reviews/Child_A:1: slug: 'Child_A' cannot be a review folder name: use lower-case letters, digits and "
        "single hyphens, e.g. 2021-child-sam"]


def test_missing_document_file(tmp_path):
    meta = review_meta(documents=[{"title": "Report", "file": "files/reprot.pdf"}])
    got = problems_for(tmp_path, {"r/index.md": front(meta), "r/files/report.pdf": b"%PDF-1.4\n"})
    assert got == ["reviews/r/index.md:11: documents[0].file: 'files/reprot.pdf' does not exist in reviews/r/; "
                   "did you mean 'files/report.pdf'?"]


def test_document_outside_the_folder(tmp_path):
    meta = review_meta(documents=[{"title": "Report", "file": "../other/report.pdf"}])
    got = problems_for(tmp_path, {"r/index.md": front(meta)})
    assert got == ["reviews/r/index.md:11: documents[0].file: '../other/report.pdf' is outside the review folder: "
                   "put the file in reviews/r/files/ and write e.g. files/report.pdf"]


def test_duplicate_vocabulary_ids(tmp_path):
    vocab = {**VOCABULARY, "themes": [*VOCABULARY["themes"], {"id": "neglect", "label": "Neglect again"}]}
    got = problems_for(tmp_path, {"r/index.md": front(review_meta())}, vocab)
    assert got == ["reviews/vocabulary.yml:18: themes[4].id: 'neglect' is listed twice in themes: ids must be "
                   "unique within a list"]


def test_invalid_vocabulary_stops_before_reviews(tmp_path):
    vocab = {k: v for k, v in VOCABULARY.items() if k != "age_bands"}
    assert problems_for(tmp_path, {"r/index.md": front(review_meta())}, vocab) == [
        "reviews/vocabulary.yml:1: age_bands: is missing: a list of entries, each with an id and a label"]


def test_duplicate_key(tmp_path):
    text = front(review_meta()).replace("status: published\n", "status: published\nstatus: draft\n")
    assert problems_for(tmp_path, {"r/index.md": text}) == [
        "reviews/r/index.md:4: status: appears twice (also on line 3): keep one"]


def test_every_problem_is_reported_at_once(tmp_path):
    got = problems_for(tmp_path, {
        "a/index.md": front(review_meta(published="2021-02-30")),
        "b/index.md": front(review_meta(themes=["nope"])),
        "c/briefing.md": briefing(),
    })
    assert len(got) == 3
    assert got[2] == ("reviews/c/index.md:1: file: is missing: every review folder needs an index.md with the "
                      "review's front matter (a briefing or action plan cannot stand alone)")


def test_unexpected_file_in_review_folder(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta()), "r/action_plan.md": action_plan()})
    assert got == ["reviews/r/action_plan.md:1: file: is not part of the content format; did you mean "
                   "'action-plan.md'? a review folder holds index.md, briefing.md, action-plan.md and files/"]


def test_briefing_front_matter_is_checked(tmp_path):
    got = problems_for(tmp_path, {"r/index.md": front(review_meta()),
                                  "r/briefing.md": briefing(format="seven-minutes")})
    assert got == ["reviews/r/briefing.md:4: format: 'seven-minutes' is not a briefing format; did you mean "
                   "'seven-minute'? use one of: seven-minute, note (a partnership adds its own under "
                   "briefing_formats in reviews/vocabulary.yml)"]


def test_action_plan_rules(tmp_path):
    recs = [
        {"id": "R1", "text": "Share information.", "response": "not-accepted",
         "actions": [{"id": "R1.1", "text": "Train.", "lead": "polise", "due": "2025-06-31",
                      "updates": [{"date": "2025-03-01", "status": "in-progress", "note": "Started."},
                                  {"date": "2025-02-01", "status": "overdue", "note": "Late."}]}]},
        {"id": "R1", "text": "Again.", "response": "accepted", "actions": []},
    ]
    got = problems_for(tmp_path, {"r/index.md": front(review_meta()), "r/action-plan.md": action_plan(recs)})
    assert got == [
        "reviews/r/action-plan.md:6: recommendations[0].response_note: is missing: say why the recommendation "
        "was not accepted",
        "reviews/r/action-plan.md:12: recommendations[0].actions[0].lead: 'polise' is not a known agency; did you "
        "mean 'police'? use an id from agencies in reviews/vocabulary.yml, or add it there",
        "reviews/r/action-plan.md:13: recommendations[0].actions[0].due: '2025-06-31' is not a real date: check "
        "the day and month (written YYYY-MM-DD, e.g. 2021-06-30)",
        "reviews/r/action-plan.md:18: recommendations[0].actions[0].updates[1].date: 2025-02-01 is earlier than "
        "the update above it (2025-03-01): updates are listed oldest first, so add new ones at the end",
        "reviews/r/action-plan.md:19: recommendations[0].actions[0].updates[1].status: 'overdue' is worked out "
        "by the site from the dates and must not be written; write the action's real status: not-started, "
        "in-progress, at-risk, complete, assured, superseded",
        "reviews/r/action-plan.md:21: recommendations[1].id: 'R1' is already used on line 6: ids must be unique "
        "within the plan",
    ]


def test_vocabulary_is_valid_yaml_mapping(tmp_path):
    write_project(tmp_path, {})
    (tmp_path / "reviews" / "vocabulary.yml").write_text("themes: [\n", encoding="utf-8")
    content, problems = load_with_problems(Settings.from_mapping(tmp_path, {}))
    assert content is None
    assert [str(p) for p in problems][0].startswith("reviews/vocabulary.yml:2: front matter: is not valid YAML")


def test_personal_data_in_body_and_front_matter(tmp_path):
    meta = review_meta(summary="Contact the worker on 07700 900123 for details.")
    body = "## Background\n\nThe family's e-mail was parent@example.org.\nCall 0300 123 4567.\n"
    got = problems_for(tmp_path, {"r/index.md": front({**meta, "pii_allow": ["0300 123 4567"]}, body)})
    assert got == [
        "reviews/r/index.md:6: summary: '07700 900123' looks like a UK telephone number: remove it, or if it is "
        "meant to be public (the partnership's helpline, say) list it exactly under pii_allow",
        "reviews/r/index.md:15: body: 'parent@example.org' looks like an e-mail address: remove it, or if it is "
        "meant to be public (the partnership's helpline, say) list it exactly under pii_allow",
    ]
