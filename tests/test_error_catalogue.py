"""The guide's table of error messages is real output of the checker, and covers every message the code has."""

from __future__ import annotations

import ast
from pathlib import Path

import error_catalogue as catalogue

PACKAGE = Path(__file__).resolve().parent.parent / "casereviews"
MESSAGE_MODULES = ("content/source.py", "content/load.py", "content/check.py", "content/schemas.py",
                   "content/meetings.py", "content/formats.py", "content/families.py", "content/bodyhtml.py",
                   "content/relations.py", "settings.py")


def test_guide_table_is_up_to_date():
    text = catalogue.GUIDE.read_text(encoding="utf-8")
    assert text == catalogue.rendered(text), "run: .venv/bin/python tests/error_catalogue.py --write"


def message_fragments() -> set[str]:
    """The longest literal piece of the message of every ``Problem(...)`` and ``source.problem(...)`` call."""
    fragments = set()
    for name in MESSAGE_MODULES:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called not in ("Problem", "problem", "Finding") or len(node.args) < 2:
                continue
            message = node.args[3] if called == "Problem" and len(node.args) >= 4 else node.args[1]
            pieces = [c.value for c in ast.walk(message) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            if pieces:
                fragments.add(max(pieces, key=len).strip())
    return fragments


def test_every_message_in_the_code_is_in_the_guide():
    fragments = message_fragments()
    assert len(fragments) >= 35  # the AST walk finds the messages at all
    table = catalogue.GUIDE.read_text(encoding="utf-8")
    missing = sorted(f for f in fragments if f not in table)
    assert missing == [], f"messages with no example in {catalogue.GUIDE.name}: add a Case to tests/error_catalogue.py"


def test_every_case_produces_its_message():
    examples = catalogue.examples()
    assert len(examples) == len(catalogue.CASES)
    for case, message in examples:
        assert case.fragment in message
