"""The fastjsonschema shortcut (content/schemas.py): every content schema compiles (a schema that silently fell
back to jsonschema would only be slow, so nothing else would notice), and the shortcut agrees with jsonschema on
valid and invalid front matter, the empty ``then`` of the review and briefing schemas included."""

from __future__ import annotations

import pytest

from casereviews.content import schemas

REVIEW = {"title": "Child T", "status": "draft", "review_type": "cspr", "summary": "A summary.", "themes": []}


@pytest.mark.parametrize("name", schemas.NAMES)
def test_every_content_schema_compiles_with_fastjsonschema(name):
    assert schemas._quick(name) is not None


@pytest.mark.parametrize("data", [
    REVIEW,
    {**REVIEW, "status": "published"},  # the if/then that needs a published date
    {**REVIEW, "status": "published", "published": "2026-01-05"},
    {**REVIEW, "status": "in review"},
    {**REVIEW, "title": 5},
])
def test_the_shortcut_and_jsonschema_agree_on_reviews(data):
    quick = schemas._quick("review")
    try:
        quick(data)
        quick_ok = True
    except Exception:  # noqa: BLE001 - fastjsonschema's JsonSchemaException
        quick_ok = False
    assert quick_ok == schemas.validator("review").is_valid(data)


def test_the_briefing_schemas_empty_then_accepts_a_draft():
    draft = {"status": "draft"}
    assert schemas.validator("briefing").is_valid(draft)
    schemas._quick("briefing")(draft)  # raises if the shortcut refused it
