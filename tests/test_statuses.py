"""Every status is written once (casereviews/statuses.py): the JSON Schemas, the stylesheet and the templates
name exactly the enumerations' values, so adding or renaming a status anywhere but there fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casereviews.content.schemas import SCHEMA_DIR
from casereviews.statuses import (
    ActionStatus,
    BriefingStatus,
    Delivery,
    Relation,
    Response,
    ReviewState,
    ReviewStatus,
    member,
)

REPO = Path(__file__).resolve().parent.parent


def enum_at(schema_file: str, *path: str) -> list[str]:
    node = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["enum"]


@pytest.mark.parametrize(("schema_file", "path", "expected"), [
    ("review.schema.json", ("properties", "status"), [s.value for s in ReviewStatus]),
    ("briefing.schema.json", ("properties", "status"), [s.value for s in BriefingStatus]),
    ("action-plan.schema.json", ("$defs", "update", "properties", "status"),
     [s.value for s in ActionStatus if s.written]),
    ("action-plan.schema.json", ("$defs", "recommendation", "properties", "response"), [r.value for r in Response]),
    ("action-plan.schema.json", ("$defs", "related", "properties", "relation"), [r.value for r in Relation]),
    ("reviews-data.schema.json", ("$defs", "review", "properties", "status"),
     [s.value for s in ReviewState if s is not ReviewState.HIDDEN]),
    ("recommendations-data.schema.json", ("$defs", "recommendation", "properties", "response"),
     [r.value for r in Response]),
    ("recommendations-data.schema.json", ("$defs", "recommendation", "properties", "delivery"),
     [d.value for d in Delivery]),
    ("recommendations-data.schema.json", ("$defs", "link", "properties", "relation"), [r.value for r in Relation]),
])
def test_the_schemas_list_exactly_the_enumerations_values(schema_file, path, expected):
    assert sorted(enum_at(schema_file, *path)) == sorted(expected)


def test_the_stylesheet_colours_every_action_status_and_every_record_only_state():
    css = (REPO / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    coloured = set(re.findall(r"\.cr-status--([a-z-]+)", css)) - {"small"}
    assert coloured == {s.value for s in ActionStatus}
    badges = set(re.findall(r"\.cr-badge--([a-z-]+)", css))
    assert badges == {s.value for s in ReviewState if s.record_only}


def test_no_template_compares_with_a_status_written_as_text():
    """Templates ask the objects they show (``r.state.is_withdrawn``, ``a.status.label``), never compare text."""
    values = {s.value for kind in (ReviewStatus, ReviewState, ActionStatus, Response, Delivery, Relation)
              for s in kind}
    literal = re.compile(r"""(==|!=|\bin)\s*\(?\s*["']([a-z-]+)["']""")
    found = [f"{path.relative_to(REPO)}:{n}: {m.group(0)}"
             for path in sorted((REPO / "overrides").rglob("*.html"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for m in literal.finditer(line) if m.group(2) in values]
    assert found == []


def test_labels_and_member():
    assert [s.label for s in ActionStatus][:3] == ["Overdue", "At risk", "In progress"]
    assert Response.ACCEPTED_IN_PRINCIPLE.label == "Accepted in principle"
    assert Relation.BUILDS_ON.words == "Builds on" and Relation.BUILDS_ON.back_words == "Built on by"
    assert member(ActionStatus, "complete") is ActionStatus.COMPLETE
    assert member(ActionStatus, "finished") == "finished"  # the schema reports it; nothing crashes here
    assert ReviewState.WITHDRAWN.summary("S", "Proceedings.") == "This review has been withdrawn. Proceedings."
    assert ReviewState.ARCHIVED.summary("S", "") == "Archived catalogue record. S"
    assert ReviewState.PUBLISHED.summary("S", "") == "S"
