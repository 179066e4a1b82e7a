"""The shortcuts taken for speed at scale give the same answers as the long way round.

``schemas._quick`` (fastjsonschema) must accept exactly what jsonschema accepts, or a mistake would slip
through; ``pii.scan``'s pre-filters must never hide a finding; ``source``'s quick YAML resolver must tag every
node as PyYAML's own does.
"""

from __future__ import annotations

import copy
import random

import pytest

from casereviews.content import pii, schemas

REVIEW = {"title": "Child A: review", "status": "published", "published": "2024-03-12", "review_type": "rapid-review",
          "summary": "A summary.", "themes": ["neglect"], "pseudonym": "Child A", "age_band": "under-1",
          "agencies": ["police"], "key_learning": ["Ask."], "available_until": "2030-01-01",
          "documents": [{"title": "Report", "file": "files/r.pdf"}, {"title": "Panel", "url": "https://x.org"}],
          "pii_allow": ["0300 123 4567"]}
BRIEFING = {"title": "Briefing", "status": "published", "published": "2024-03-12T10:00:00+00:00",
            "format": "seven-minute"}
PLAN = {"monitored_by": "Group", "reports_to": ["Board"], "recommendations": [
    {"id": "R1", "text": "Do.", "response": "not-accepted", "response_note": "Why.", "actions": [
        {"id": "R1.1", "text": "Act.", "lead": "police", "due": "2025-01-31", "updates": [
            {"date": "2025-01-10", "status": "in-progress", "note": "Going.", "by": "G", "evidence": "E"}]},
        {"id": "R1.2", "text": "Act.", "lead": "police", "due": "2025-01-31", "updates": None}]}]}

ODD_VALUES = [None, "", "x", "draft", "withdrawn", "2021-02-31", "2021-6-1", "R 1", "Bad_Id", 3, 2.5, True, [],
              ["neglect"], [""], {}, {"title": "t"}, "not-accepted", "overdue", "https://x", "a" * 700]


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


def mutations(doc, rnd, count):
    """Documents a step away from a valid one: a value replaced, a key dropped or an unknown key added."""
    all_paths = [p for p in paths(doc) if p]
    for _ in range(count):
        new = copy.deepcopy(doc)
        path = rnd.choice(all_paths)
        parent = new
        for part in path[:-1]:
            parent = parent[part]
        action = rnd.random()
        if action < 0.6:
            parent[path[-1]] = rnd.choice(ODD_VALUES)
        elif action < 0.85 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent["unknown_field"] = "x"
        yield new


@pytest.mark.parametrize("name, doc", [("review", REVIEW), ("briefing", BRIEFING), ("action-plan", PLAN)])
def test_the_compiled_schema_accepts_exactly_what_jsonschema_accepts(name, doc):
    quick = schemas._quick(name)
    assert quick is not None, "fastjsonschema should compile every front matter schema"
    full = schemas.validator(name)
    rnd = random.Random(name)
    seen = {True: 0, False: 0}
    for candidate in [doc, *mutations(doc, rnd, 600)]:
        expected = not list(full.iter_errors(candidate))
        try:
            quick(candidate)
            got = True
        except Exception:  # noqa: BLE001
            got = False
        assert got == expected, candidate
        seen[expected] += 1
    assert seen[True] > 20 and seen[False] > 100  # both answers were exercised


@pytest.mark.parametrize("text", ["2021-06-30", "R1.2", "R12", "AB1", "2021-06-30T10:00"])
def test_values_the_pre_filter_skips_really_hold_nothing(text, monkeypatch):
    monkeypatch.setattr(pii, "_PLAIN_VALUE_RE", pii.re.compile(r"(?!)"))
    monkeypatch.setattr(pii, "_CANDIDATE_RE", pii.re.compile(r""))
    assert pii.scan(text) == []


def test_the_pre_filter_lets_personal_data_through_to_the_rules():
    for text in ["AB123456C", "SW1A 1AA", "0300 123 4567", "someone@example.org", "born on 12 March 2019",
                 "943 476 5919"]:
        assert pii.scan(text), text


@pytest.mark.parametrize("text", ["AB 12 34 56 C", "ab123456c", "SW1A 1AA", "m1 1ae", "GIR 0AA", "B33 8TH",
                                  "943 476 5919", "943-476-5919", "9434765919", "AB\u00a012\u00a034\u00a056\u00a0C",
                                  "AB \u0661\u0662 34 56 C"])
def test_the_quick_pattern_checks_do_not_hide_what_the_rules_find(text):
    assert pii.scan(f"A long body of text before it. {text} And after it.")


@pytest.mark.parametrize("text", ["born on 12 March 2019", "BORN 12/03/2019", "DOB: 12/03/2019",
                                  "d.o.b. 12.03.2019", "D.O.B 2019-03-12", "do.b 12/03/2019", "d.ob 12/03/2019",
                                  "Date of\nbirth: 12 March 2019", "date  of  birth 1st March 2019"])
def test_the_birth_keyword_pre_check_lets_every_keyword_through(text):
    assert [f.kind for f in pii.scan(f"Some text first. {text}. More text.")] == [pii.DOB], text


YAML_TEXTS = ["a: 1\nb: true\nc: ~\nd: ''\ne: 2021-02-31\nf: 1.5\ng: .inf\nh: yes\ni: null\nj: 0x1F\nk: '1'\n"
              "l: [1, a]\nm: {x: y}\no:\np: -1\nr: 1_000\ns: +12\nt: .NaN\nu: Off\nv: 0o17\nw: 1e3\nx: Null\n",
              "n: =\n", "q: <<\n", "<<: {a: 1}\nb: 2\n", "? [a]\n: b\n", "- a\n- 1\n- - nested\n", "", "'x'",
              "title: Child A\nthemes: [neglect, 12]\ndue: 2025-01-31\n"]


@pytest.mark.parametrize("text", YAML_TEXTS)
def test_the_quick_yaml_resolver_tags_every_node_as_pyyaml_does(text, monkeypatch):
    from casereviews.content import source

    def load(text):
        loader = source._FastLoader(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        except Exception as err:  # the same error either way
            return None, f"{type(err).__name__}: {err}"
        finally:
            loader.dispose()

    def tags(node):
        if node is None:
            return None
        if isinstance(node.value, list):
            return (node.tag, [tags(n) if not isinstance(n, tuple) else (tags(n[0]), tags(n[1]))
                               for n in node.value])
        return node.tag, node.value

    quick_node, quick = load(text)
    for name in ("resolve", "descend_resolver", "ascend_resolver"):
        monkeypatch.setattr(source._FastLoader, name, getattr(__import__("yaml").resolver.BaseResolver, name))
    slow_node, slow = load(text)
    assert tags(quick_node) == tags(slow_node) and quick == slow


WALK_TEXTS = ["title: Child A\nthemes: [neglect, 12, true, null]\ndue: 2025-01-31\nempty: []\nnone:\n",
              "recommendations:\n  - id: R1\n    actions:\n      - id: R1.1\n        updates:\n"
              "          - date: 2025-01-10\n            note: 'Quoted: text'\n"
              "          - {date: 2025-02-10, note: flow}\n",
              "1: number key\n'1': text key\n", "a: &x {b: c}\nd: *x\n", "<<: {a: 1}\nb: 2\n", "a: !!str 12\n"]


@pytest.mark.parametrize("text", WALK_TEXTS)
def test_the_quick_walk_gives_the_data_lines_and_texts_of_the_general_path(text):
    from pathlib import Path

    from casereviews.content import source

    quick, quick_problems = source._parse_yaml_checked(source.Source(Path("f.md"), "f.md"), text, first_line=2)
    slow, slow_problems = source._parse_yaml_slowly(source.Source(Path("f.md"), "f.md"), text, first_line=2)
    assert [str(p) for p in quick_problems] == [str(p) for p in slow_problems]
    if slow is not None:
        assert (quick.data, quick.lines, quick.texts()) == (slow.data, slow.lines, slow.texts())
