"""The site's settings under ``extra.reviews`` in mkdocs.yml: every wrong value is reported as
``mkdocs.yml:LINE: extra.reviews.NAME: message`` by ``scripts/check`` and the build alike, never a traceback; and
the editor commands act on the project they are run in (or named with -f), never on another one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import AS_OF, REPO, run_build, write_project

from casereviews.project import settings_from_config
from casereviews.settings import InvalidSettings, Settings

ENV = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}

# setting: (a wrong value, the message it gives)
WRONG = {
    "partnership": (["A", "B"], "must be the partnership's name as text, e.g. 'Harrowmere Safeguarding Children "
                                "Partnership', not a list"),
    "content_dir": (3, "must be the folder holding the reviews, relative to mkdocs.yml, e.g. reviews, "
                       "not the number 3"),
    "stale_after_days": ("ninety", "must be a whole number of days from 1 to 3650, e.g. 90, not 'ninety'"),
    "impact_review_months": (0, "must be a whole number of months from 1 to 120, e.g. 12, not the number 0"),
    "document_cache": (True, "must be a folder for the text taken from documents, relative to mkdocs.yml "
                             "(e.g. .cache/documents), or off to keep none, not true"),
    "document_size_limit_mb": ("20 MB", "must be a number of megabytes above 0, e.g. 20, not '20 MB'"),
    "strict_documents": ("maybe", "must be true or false, not 'maybe'"),
    "accessible_contact": ({"email": "x"}, "must be text saying whom to ask for an accessible version of a "
                                           "document, e.g. 'the business unit at lscp@example.gov.uk', not a set "
                                           "of settings"),
    "search_bundle_mb": (-1, "must be a number of megabytes above 0, e.g. 40, not the number -1"),
}
GOOD = {
    "partnership": "Testshire Partnership",
    "content_dir": "content/reviews",
    "stale_after_days": 30,
    "impact_review_months": 6,
    "document_cache": "off",
    "document_size_limit_mb": 5.5,
    "strict_documents": True,
    "accessible_contact": "the business unit",
    "search_bundle_mb": 0.05,
}


def _config(folder: Path, reviews: dict, head: str = "site_name: x\n") -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(head + yaml.safe_dump({"extra": {"reviews": reviews}}, sort_keys=False), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("name", sorted(WRONG))
def test_each_wrong_setting_gives_its_message_at_its_line(tmp_path, name):
    value, message = WRONG[name]
    path = _config(tmp_path, {"partnership": "Testshire Partnership", name: value})
    with pytest.raises(InvalidSettings) as raised:
        settings_from_config(path)
    assert [str(p) for p in raised.value.problems] == \
        [f"mkdocs.yml:{_line(path, name + ':')}: extra.reviews.{name}: {message}"]


def test_good_values_pass_and_are_used(tmp_path):
    settings = settings_from_config(_config(tmp_path, GOOD))
    assert settings.partnership == "Testshire Partnership"
    assert settings.content_dir == tmp_path / "content" / "reviews"
    assert (settings.stale_after_days, settings.impact_review_months) == (30, 6)
    assert settings.document_cache is None
    assert (settings.document_size_limit_mb, settings.search_bundle_mb) == (5.5, 0.05)
    assert settings.strict_documents is True
    assert settings.accessible_contact == "the business unit"


def test_no_settings_and_empty_values_mean_the_defaults(tmp_path):
    defaults = Settings.from_mapping(tmp_path, None)
    assert defaults == Settings.from_mapping(tmp_path, {})
    assert defaults == Settings.from_mapping(tmp_path, {name: None for name in GOOD if name != "document_cache"})
    assert Settings.from_mapping(tmp_path, {"document_cache": None}).document_cache is None  # empty: no cache
    assert (defaults.stale_after_days, defaults.partnership) == (90, "Safeguarding Children Partnership")
    assert defaults.document_cache == tmp_path / ".cache/documents"
    assert Settings.from_mapping(tmp_path, {"strict_documents": "yes"}).strict_documents is True
    assert Settings.from_mapping(tmp_path, {"strict_documents": False}).strict_documents is False


def test_every_wrong_setting_at_once_and_an_unknown_name(tmp_path):
    path = _config(tmp_path, {"stale_after_day": 30, **{name: value for name, (value, _m) in WRONG.items()}})
    with pytest.raises(InvalidSettings) as raised:
        settings_from_config(path)
    fields = [p.field for p in raised.value.problems]
    assert sorted(fields) == sorted(f"extra.reviews.{n}" for n in [*WRONG, "stale_after_day"])
    unknown = next(p for p in raised.value.problems if p.field == "extra.reviews.stale_after_day")
    assert str(unknown) == (f"mkdocs.yml:{_line(path, 'stale_after_day:')}: extra.reviews.stale_after_day: "
                            "is not a setting of this site: did you mean stale_after_days?")


@pytest.mark.parametrize("value", [True, 5, ["a"]])
def test_extra_reviews_itself_must_be_a_mapping(tmp_path, value):
    path = _config(tmp_path, value)
    with pytest.raises(InvalidSettings) as raised:
        settings_from_config(path)
    [problem] = map(str, raised.value.problems)
    assert problem.startswith("mkdocs.yml:3: extra.reviews: must be a set of 'setting: value' lines")


def test_a_setting_from_an_inherited_file_is_placed_there(tmp_path):
    (tmp_path / "base").mkdir()
    base = _config(tmp_path / "base", {"partnership": "P", "stale_after_days": "ninety"})
    child = tmp_path / "mkdocs.yml"
    child.write_text("INHERIT: base/mkdocs.yml\nextra:\n  reviews:\n    impact_review_months: often\n",
                     encoding="utf-8")
    with pytest.raises(InvalidSettings) as raised:
        settings_from_config(child)
    assert [str(p) for p in raised.value.problems] == [
        f"base/mkdocs.yml:{_line(base, 'stale_after_days')}: extra.reviews.stale_after_days: "
        f"{WRONG['stale_after_days'][1]}",
        "mkdocs.yml:4: extra.reviews.impact_review_months: must be a whole number of months from 1 to 120, e.g. 12, "
        "not 'often'",
    ]


def test_a_setting_with_no_line_names_the_file_only(tmp_path):
    from casereviews.project import locate_settings
    from casereviews.settings import problem

    path = _config(tmp_path, {"partnership": "P"})
    [located] = locate_settings(path, [problem("stale_after_days", "must be ...")])
    assert str(located) == "mkdocs.yml: extra.reviews.stale_after_days: must be ..."


def test_check_reports_a_wrong_setting_without_a_traceback(tmp_path):
    path = _config(tmp_path, {"stale_after_days": "ninety"})
    result = subprocess.run([str(REPO / "scripts" / "check")], cwd=tmp_path, env=ENV, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"mkdocs.yml:{_line(path, 'stale_after_days')}: extra.reviews.stale_after_days: "
        f"{WRONG['stale_after_days'][1]}",
        "1 problem in the site's settings: fix it, then run scripts/check again.",
    ]


def test_the_build_reports_the_same_message(tmp_path):
    root = write_project(tmp_path / "p", {}, extra={"stale_after_days": "ninety"})
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    line = _line(root / "mkdocs.yml", "stale_after_days")
    assert (f"  mkdocs.yml:{line}: extra.reviews.stale_after_days: {WRONG['stale_after_days'][1]}"
            in output.splitlines()), output


# -- finding the project -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["check", "new-review", "import", "harvest"])
def test_a_command_run_outside_any_project_says_it_found_none(tmp_path, name):
    outside = tmp_path / "nowhere"
    outside.mkdir()
    args = {"new-review": ["2024-child-x"], "import": ["catalogue.csv"]}.get(name, [])
    result = subprocess.run([str(REPO / "scripts" / name), *args], cwd=outside, env=ENV, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    folder = "the hub's folder" if name == "harvest" else "the project folder"
    assert result.stderr.strip() == (f"scripts/{name}: no mkdocs.yml found in {outside.resolve()} or any folder "
                                     f"above it: run this from {folder}, or name the file with --config-file")
    assert list(outside.iterdir()) == []


def test_check_finds_the_project_from_a_folder_inside_it_or_with_f(tmp_path):
    root = write_project(tmp_path / "p", {})
    inside = root / "reviews"
    for cwd, args in ((inside, []), (tmp_path, ["-f", str(root / "mkdocs.yml")])):
        result = subprocess.run([str(REPO / "scripts" / "check"), *args], cwd=cwd, env=ENV, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith("All clear: 0 reviews"), result.stdout
