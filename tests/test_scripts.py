"""The editors' commands, run as an editor runs them: ``scripts/new-review`` and ``scripts/check`` as
subprocesses in a temporary project, and a real ``mkdocs build`` beside them to show the two agree.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_content import files as fixture_files
from sitebuild import AS_OF, REPO, all_outputs, briefing, build_ok, front, review_meta, run_build, write_project

from casereviews.project import ProjectError, settings_from_config

PROBLEM_LINE = re.compile(r"^(reviews/[^:]+):(\d+): ([^:]+): (.+)$")
ALL_CLEAR = re.compile(r"^All clear: (\d+) reviews?, (\d+) briefings?, (\d+) action plans? and the vocabulary "
                       r"checked in \d+\.\d\ds(?:, with warnings about \d+ documents? above)?\.$")
SLUG = "2024-child-scaffoldqz"  # a word found nowhere else, so the leak scan below means something


def script(name: str, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run scripts/<name> directly (through its #! line), as an editor or CI does."""
    full_env = {**os.environ, "REVIEWS_AS_OF": AS_OF, **(env or {})}
    return subprocess.run([str(REPO / "scripts" / name), *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=120)


def problem_lines(output: str) -> list[str]:
    """The ``file:line: field: message`` lines of a check or build output, without any indentation."""
    return sorted(line.strip() for line in output.splitlines() if PROBLEM_LINE.match(line.strip()))


def publish(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in text
    path.write_text(text.replace("\nstatus: draft\n", "\nstatus: published\n"), encoding="utf-8")


def line_of(path: Path, needle: str, start: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if i > start and needle in line)


# -- new-review --------------------------------------------------------------------------------------------

@pytest.fixture
def scaffolded(tmp_path):
    root = write_project(tmp_path / "project", {})
    result = script("new-review", SLUG, "--briefing", "--action-plan", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_new_review_creates_a_draft_with_every_field_explained(scaffolded):
    folder = scaffolded / "reviews" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["action-plan.md", "briefing.md", "files", "index.md"]
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in index
    for field in ("title", "published", "review_type", "summary", "themes", "partnership", "pseudonym",
                  "age_band", "agencies", "key_learning", "documents", "available_until", "withdrawn_reason",
                  "pii_allow"):
        assert re.search(rf"^# {field}:", index, re.M), f"{field} is neither present nor commented"
    # The vocabulary's ids are offered where a field takes one.
    assert "serious-case-review, local-child-safeguarding-practice-review, thematic-review" in index
    headings = re.findall(r"^## (.+)$", (folder / "briefing.md").read_text(encoding="utf-8"), re.M)
    assert headings == ["1. Background", "2. Why it matters", "3. The information", "4. What was learned",
                        "5. What to do", "6. Things to remember", "7. Questions for practitioners"]


def test_scaffold_passes_check_as_it_stands_and_the_build_publishes_nothing_of_it(scaffolded):
    result = script("check", cwd=scaffolded)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and ALL_CLEAR.match(lines[0]).groups() == ("1", "1", "1")
    site = build_ok(scaffolded)
    assert not any(SLUG in text or SLUG in name for name, text in all_outputs(site).items())


def test_scaffold_switched_to_published_fails_with_exact_messages(scaffolded):
    folder = scaffolded / "reviews" / SLUG
    index, brief, plan = folder / "index.md", folder / "briefing.md", folder / "action-plan.md"
    publish(index)
    publish(brief)
    result = script("check", cwd=scaffolded)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "20 problems in 3 files: fix them, then run scripts/check again."
    base = f"reviews/{SLUG}"
    required = "is missing (it is required once the status is 'published')"
    expected = {
        f"{base}/index.md:1: title: {required}: text, e.g. 'Child Sam: Serious Case Review'",
        f"{base}/index.md:1: published: {required}: a date such as 2021-06-30, or a date and time such as "
        "2021-06-30T10:00:00+01:00",
        f"{base}/index.md:1: review_type: {required}: an id from reviews/vocabulary.yml: lower-case letters, digits "
        "and hyphens",
        f"{base}/index.md:1: summary: {required}: one paragraph of at most 600 characters",
        f"{base}/index.md:1: themes: {required}: a list of theme ids from reviews/vocabulary.yml, at least one",
        f"{base}/briefing.md:1: published: {required}: a date such as 2021-06-30, or a date and time such as "
        "2021-06-30T10:00:00+01:00",
        f"{base}/action-plan.md:{line_of(plan, 'monitored_by:')}: monitored_by: still holds the example text "
        "from scripts/new-review ('REPLACE: the group that monitors the plan, e.g. Learning and...'): write the "
        "real text in its place",
        f"{base}/action-plan.md:{line_of(plan, '    text:')}: recommendations[0].text: still holds the example "
        "text from scripts/new-review ('REPLACE: the recommendation, worded as in the report'): write the real "
        "text in its place",
    }
    assert expected <= set(lines)
    body_line = line_of(index, "REPLACE: why the review was held")
    assert (f"{base}/index.md:{body_line}: body: still holds the example text from scripts/new-review ('REPLACE: "
            "why the review was held, who commissioned it and wh...'): write the real text in its place, or delete "
            "the line") in lines
    placeholders = [n for n, line in enumerate(brief.read_text().split("\n"), 1) if line.startswith("REPLACE:")]
    assert [int(PROBLEM_LINE.match(x).group(2)) for x in lines if x.startswith(f"{base}/briefing.md")
            and ": body: " in x] == placeholders
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1])

    # The build refuses the same content with the same lines.
    build = run_build(scaffolded)
    assert build.returncode != 0
    assert problem_lines(build.stdout + build.stderr) == problem_lines(result.stdout)


def test_filled_in_scaffold_is_published(scaffolded):
    folder = scaffolded / "reviews" / SLUG
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8")
    for key in ("title:", "published:", "review_type:", "summary: >-", "themes:"):
        text = text.replace(f"\n# {key}", f"\n{key}", 1)
    text = text.replace("\n#   What happened,", "\n  What happened,").replace("\n#   - neglect", "\n  - neglect")
    text = re.sub(r"^REPLACE: .*$", "Filled-in text.", text, flags=re.M)
    index.write_text(text.replace("\nstatus: draft\n", "\nstatus: published\n"), encoding="utf-8")
    # The action plan is public with its review, so its examples must be replaced too.
    assert script("check", cwd=scaffolded).stdout.count("action-plan.md:") == 3
    plan = folder / "action-plan.md"
    plan.write_text(re.sub(r'"REPLACE: [^"]*"', '"Filled-in plan text."', plan.read_text()), encoding="utf-8")
    result = script("check", cwd=scaffolded)
    assert result.returncode == 0, result.stdout
    site = build_ok(scaffolded, as_of="2100-01-01")
    page = (site / "reviews" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Child X: Local Child Safeguarding Practice Review" in page and "Filled-in text." in page


@pytest.mark.parametrize("slug", ["Child-Sam", "2024_child_sam", "2024-child-", "2024--child", "child sam", "a/b"])
def test_invalid_slug_is_refused(tmp_path, slug):
    root = write_project(tmp_path / "project", {})
    result = script("new-review", slug, cwd=root)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"scripts/new-review: '{slug}' cannot be a review's name: use lower-case letters, digits and single "
        "hyphens, starting and ending with a letter or digit, e.g. 2024-child-sam")
    assert sorted(p.name for p in (root / "reviews").iterdir()) == ["vocabulary.yml"]


def test_existing_slug_is_refused_and_left_alone(tmp_path):
    root = write_project(tmp_path / "project", {f"{SLUG}/index.md": front(review_meta())})
    before = (root / "reviews" / SLUG / "index.md").read_text()
    result = script("new-review", SLUG, "--briefing", cwd=root)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"scripts/new-review: reviews/{SLUG}/ already exists: choose another name, or "
                                     "edit the files in that folder")
    assert (root / "reviews" / SLUG / "index.md").read_text() == before
    assert not (root / "reviews" / SLUG / "briefing.md").exists()


# -- check -------------------------------------------------------------------------------------------------

BROKEN = {
    "2024-broken-a/index.md": front(review_meta(themes=["neglectt"], summary="Call 07700 900123 for help.",
                                               documents=[{"title": "Report", "file": "files/report.pdf"}])),
    "2024-broken-b/index.md": front(review_meta(status="publish")),
    "2024-broken-b/briefing.md": briefing(body="## Background\n\nText.\n"),
    "2024-broken-c/index.md": "no front matter here\n",
    "Bad_Name/index.md": front(review_meta()),
    "notes.txt": "stray file",
}


def test_check_prints_every_problem_and_exits_1(tmp_path):
    root = write_project(tmp_path / "project", BROKEN)
    result = script("check", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1].endswith("fix them, then run scripts/check again.")
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), lines
    assert lines[:-1] == [str(p) for p in sorted(_parsed(lines[:-1]))]
    assert ("reviews/2024-broken-a/index.md:8: themes[0]: 'neglectt' is not a known theme; did you mean 'neglect'? "
            "use an id from themes in reviews/vocabulary.yml, or add it there") in lines
    assert ("reviews/2024-broken-a/index.md:6: summary: '07700 900123' looks like a UK telephone number: remove it, "
            "or if it is meant to be public (the partnership's helpline, say) list it exactly under pii_allow") in lines
    assert ("reviews/2024-broken-b/index.md:3: status: 'publish' is not allowed; did you mean 'published'? use one "
            "of: draft, published, withdrawn") in lines
    assert ("reviews/2024-broken-c/index.md:1: front matter: is missing: the file must start with a line '---', "
            "then the fields, then another '---'") in lines
    assert ("reviews/notes.txt:1: file: is not expected here: reviews/ holds vocabulary.yml, meetings.yml and one "
            "folder per review") in lines
    assert len(lines) - 1 == int(lines[-1].split()[0])
    assert result.stderr == ""


def test_check_and_build_fail_with_the_same_problem_lines(tmp_path):
    root = write_project(tmp_path / "project", BROKEN)
    check = script("check", cwd=root)
    build = run_build(root)
    assert check.returncode == 1 and build.returncode != 0
    assert problem_lines(check.stdout) == problem_lines(build.stdout + build.stderr)
    assert len(problem_lines(check.stdout)) >= 10


def test_check_and_build_both_pass_on_good_content(fixture_build):
    """The fixture corpus checks clean, and builds (conftest.fixture_build asserted that its build passed)."""
    check = script("check", cwd=fixture_build.root)
    assert check.returncode == 0, check.stdout
    assert ALL_CLEAR.match(check.stdout.strip().splitlines()[-1]).groups() == ("8", "7", "6")


def test_check_and_build_both_refuse_a_bad_reference_time(tmp_path):
    root = write_project(tmp_path / "project", {})
    check = script("check", cwd=root, env={"REVIEWS_AS_OF": "next tuesday"})
    build = run_build(root, as_of="next tuesday")
    message = "REVIEWS_AS_OF='next tuesday' is not a date or date-time"
    assert check.returncode == 1 and message in check.stdout
    assert build.returncode != 0 and message in build.stderr


def test_check_refuses_a_bad_as_of_as_a_usage_error(tmp_path):
    root = write_project(tmp_path / "project", {})
    result = script("check", "--as-of", "12/03/2026", cwd=root)
    assert result.returncode == 2
    assert "--as-of '12/03/2026' is not a date or date-time" in result.stderr


def test_publishing_summary_at_a_fixed_date(tmp_path):
    root = write_project(tmp_path / "project", fixture_files())
    result = script("check", "--publishing", "--as-of", AS_OF, cwd=root)
    assert result.returncode == 0, result.stdout
    text = result.stdout
    sections = _sections(text)
    assert text.startswith("Publishing as at 2026-11-26 12:00 GMT (UK time):\n")
    assert _slugs(sections["Public in full (3)"]) == {
        "2022-child-c": "since 2022-05-01; briefing embargoed until 2027-01-01",
        "2023-child-b": "since 2023-05-01; briefing: draft, not published",
        "2024-child-a": "since 2024-03-12; briefing: public; action plan: public",
    }
    assert _slugs(sections["Embargoed: will go public on their date without another merge (1)"]) == {
        "2026-leakembargoedqz": "goes public 2026-11-26 15:00 GMT; briefing with it; action plan with it"}
    assert _slugs(sections["Withdrawn: the page shows the notice and reason only (1)"]) == {
        "2021-child-f": "withdrawn; reason: Withdrawn during criminal proceedings (visiblewithdrawnreasonqz)."}
    assert _slugs(sections["Archived: the catalogue record stays, the rest is gone (1)"]) == {
        "2016-child-g": "published 2016-04-01; in full until 2022-12-31"}
    assert _slugs(sections["Drafts: not on the site at all (2)"]) == {
        "2025-leakdraftreviewqz": "review draft, with briefing and action plan",
        "2025-leakrepeattargetqz": "review draft, with action plan"}
    assert ALL_CLEAR.match(text.splitlines()[-1])

    later = script("check", "--publishing", "--as-of", "2026-11-26T15:00:00+00:00", cwd=root).stdout
    assert "2026-leakembargoedqz" in _sections(later)["Public in full (4)"]
    assert "Embargoed: will go public on their date without another merge (0)\n  none" in later


def _sections(text: str) -> dict[str, str]:
    blocks = text.strip().split("\n\n")
    return {block.split("\n", 1)[0]: block.split("\n", 1)[1] for block in blocks[1:-1]}


def _slugs(block: str) -> dict[str, str]:
    return {line.split()[0]: line.split(None, 1)[1] for line in block.splitlines()}


def test_publishing_summary_still_lists_what_loads_when_some_folders_have_problems(tmp_path):
    root = write_project(tmp_path / "project", {**fixture_files(), **BROKEN})
    result = script("check", "--publishing", "--as-of", AS_OF, cwd=root)
    assert result.returncode == 1
    assert "Public in full (3)" in result.stdout
    assert "4 review folders with problems are left out of this list until fixed." in result.stdout


def test_check_never_imports_mkdocs(tmp_path):
    root = write_project(tmp_path / "project", fixture_files())
    code = ("import sys; from casereviews.tools.commands import check; "
            "code = check(['--as-of', '2026-11-26']); "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'pagefind')); "
            "print(code, heavy)")
    result = subprocess.run([sys.executable, "-c", code, str(REPO)], cwd=root, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr


def test_settings_are_read_from_mkdocs_yml_with_its_tags(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: !ENV [CASEREVIEWS_TEST_URL, 'https://fallback.example.org/']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  reviews:\n    partnership: Testshire Partnership\n    content_dir: content/reviews\n"
        "    stale_after_days: 30\n", encoding="utf-8")
    monkeypatch.delenv("CASEREVIEWS_TEST_URL", raising=False)
    settings = settings_from_config(tmp_path / "mkdocs.yml")
    assert settings.partnership == "Testshire Partnership"
    assert settings.content_dir == tmp_path / "content" / "reviews"
    assert settings.stale_after_days == 30
    assert settings.site_url == "https://fallback.example.org/"
    monkeypatch.setenv("CASEREVIEWS_TEST_URL", "https://reviews.example.org/")
    assert settings_from_config(tmp_path / "mkdocs.yml").site_url == "https://reviews.example.org/"


def test_check_on_the_demo_content_is_all_clear():
    result = script("check", cwd=REPO, env={"REVIEWS_AS_OF": "2026-11-26"})
    assert result.returncode == 0, result.stdout
    assert ALL_CLEAR.match(result.stdout.strip().splitlines()[-1])


def _parsed(lines: list[str]):
    from casereviews.problems import Problem

    return [Problem(m[1], int(m[2]), m[3], m[4]) for m in (PROBLEM_LINE.match(line) for line in lines)]


def test_settings_follow_inherit_as_mkdocs_does(tmp_path):
    """A project that INHERITs the site's mkdocs.yml (as scripts/make-corpus writes) is checked with the
    settings its build uses: the parent's partnership, the child's content_dir."""
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://base.example.org/\nextra:\n  reviews:\n"
        "    partnership: Testshire Partnership\n    content_dir: reviews\n"
        "    stale_after_days: 30\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base/mkdocs.yml\nextra:\n  reviews:\n    content_dir: corpus\n", encoding="utf-8")
    settings = settings_from_config(tmp_path / "mkdocs.yml")
    assert settings.partnership == "Testshire Partnership"
    assert settings.stale_after_days == 30
    assert settings.content_dir == tmp_path / "corpus"
    assert settings.site_url == "https://base.example.org/"
    (tmp_path / "base" / "mkdocs.yml").write_text("INHERIT: ../mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="inherit itself"):
        settings_from_config(tmp_path / "mkdocs.yml")
