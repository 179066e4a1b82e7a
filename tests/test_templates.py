"""What the templates may do: show the data their page spec gives them, with every address from casereviews/urls.py
(through the objects they show, the ``paths`` of the site's fixed pages, or a urls filter), never typed in."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((REPO / "overrides").rglob("*.html"))


def lines_matching(pattern: re.Pattern[str]) -> list[str]:
    return [f"{path.relative_to(REPO)}:{n}: {m.group(0)}" for path in TEMPLATES
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for m in pattern.finditer(line)]


def test_no_template_types_an_address_of_the_site():
    """After ``{{ base_url }}/`` comes an expression (``{{ r.path }}``, ``{{ paths.reviews }}``), never a path."""
    assert lines_matching(re.compile(r"\{\{ base_url \}\}/(?!\{\{)[^\"' ]*")) == []


def test_no_template_builds_an_address_from_a_slug():
    """A review's addresses are its own (``r.path``, ``r.briefing_path``, ``r.action_plan_path``)."""
    assert lines_matching(re.compile(r"\.slug \| \w+_path")) == []


# Copies of Material's own partials (tests/test_material_overrides.py pins them): their logic is Material's.
MATERIAL_COPIES = {"partials/nav-item.html", "partials/toc.html", "partials/copyright.html"}


def test_no_template_builds_lists_or_filters_data():
    """Filtering, flattening and counting happen in the page data (casereviews/pages/), not in a template: no list
    built up with ``.append``, no ``selectattr``/``rejectattr``/``groupby``/``sum``/``sort``, no ``for ... if``."""
    pattern = re.compile(r"\.append\(|selectattr|rejectattr|\bgroupby\b|\|\s*sum\b|\|\s*sort\b|"
                         r"\{%-?\s*for [^%]* if [^%]*%\}")
    found = [f for f in lines_matching(pattern)
             if f.split(":")[0].removeprefix("overrides/") not in MATERIAL_COPIES]
    assert found == []
