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


def test_dates_are_formatted_for_people_in_one_module():
    """casereviews/present.py says how a date reads; everywhere else a date is ISO 8601 (``isoformat``) or goes
    through present. A strftime or a %B/%d format anywhere else is a second opinion on how dates look."""
    pattern = re.compile(r"strftime|:%[aAbBdHMYyZ]")
    found = [f"{p.relative_to(REPO)}:{n}" for p in sorted((REPO / "casereviews").rglob("*.py"))
             if p.name != "present.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    found += lines_matching(re.compile(r"strftime|\.isoformat\(\)"))  # templates use the filters
    assert found == []
