"""Issue 13, finding 4 (second half): a build that fails, however late, leaves the previous site folder exactly as
it was: every file byte for byte, nothing added, nothing removed. ``mkdocs build`` writes into a staging folder
beside the site folder and puts it in place only at the very end; ``mkdocs serve`` still previews and reloads.
"""

from __future__ import annotations

import os
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest
from fixture_content import files
from sitebuild import AS_OF, ServerLog, build_ok, builder, copy_project, front, review_meta, run_build, write_project


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, by path."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def siblings(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))


@pytest.fixture
def built(fixture_build, tmp_path):
    """A copy of the run's build of the fixture corpus (project and site), for a test to edit and rebuild."""
    root, site = copy_project(fixture_build, tmp_path / "project")
    before = snapshot(site)
    assert len(before) > 100 and "feed.xml" in before and "pagefind/pagefind.js" in before
    return root, site, before


def _assert_untouched(root: Path, site: Path, before: dict, result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before  # byte-identical, and nothing added or removed
    assert siblings(root) == []  # no staging folder left behind


def test_a_search_index_failure_leaves_the_previous_site(built):
    """Pagefind runs after every page and data file is written; here it fails on a broken pagefind.yml."""
    root, site, before = built
    (root / "reviews/2024-child-a/index.md").write_text(
        front(review_meta(title="Child A: changed title")), encoding="utf-8")
    (root / "pagefind.yml").write_text("exclude_selectors: [unclosed\n", encoding="utf-8")
    result = run_build(root)
    assert "Search index: Pagefind failed" in result.stderr
    _assert_untouched(root, site, before, result)


def test_a_strict_mode_failure_after_every_output_leaves_the_previous_site(built):
    """Strict mode stops the build after the last plugin event has written every output: the latest failure."""
    root, site, before = built
    (root / "reviews/2024-child-a/index.md").write_text(
        front(review_meta(title="Child A: changed title"), "See [the notes](missing-page.md).\n"), encoding="utf-8")
    env = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    # Not -q: strict mode counts warnings, and -q silences them. The deploy workflow builds with --strict.
    result = subprocess.run(builder("build", "--strict"), cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    _assert_untouched(root, site, before, result)
    assert "Outputs: every XML, JSON, JSON-LD and CSV output parses" in result.stderr  # it got to the very end


def test_a_content_failure_leaves_the_previous_site(built):
    root, site, before = built
    (root / "reviews/2024-child-a/index.md").write_text(front(review_meta(themes=["neglet"])), encoding="utf-8")
    result = run_build(root)
    assert "'neglet' is not a known theme" in result.stderr
    _assert_untouched(root, site, before, result)


def test_a_good_build_replaces_the_site_and_leaves_no_staging_folder(built):
    root, site, before = built
    (root / "reviews/2024-child-a/index.md").write_text(
        front(review_meta(title="Child A: a new title")), encoding="utf-8")
    site = build_ok(root)
    after = snapshot(site)
    assert "Child A: a new title" in (site / "reviews/2024-child-a/index.html").read_text(encoding="utf-8")
    assert "reviews/2024-child-a/files/report.pdf" in before and "reviews/2024-child-a/files/report.pdf" not in after
    assert siblings(root) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_serve_still_previews_and_reloads_after_an_edit(tmp_path):
    root = write_project(tmp_path, files())
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("watch: []", "watch:\n- reviews"), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(builder("serve", "--livereload", "-a", f"127.0.0.1:{port}"),
                              cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = ServerLog(server.stderr)
    try:
        page = f"http://127.0.0.1:{port}/reviews/2024-child-a/"
        log.wait_for("Serving on")  # built, and listening
        first = _get(page)
        assert first and "Child A: practice review" in first and "livereload" in first
        (root / "reviews/2024-child-a/index.md").write_text(
            front(review_meta(title="Child A: edited while serving")), encoding="utf-8")
        # Each rebuild ends with this line; the edit's rebuild is the last to come (an earlier one, if the watcher
        # saw something else, is passed over).
        while "Child A: edited while serving" not in (_get(page) or ""):
            log.wait_for("Reloading browsers")
        assert siblings(root) == []  # serve builds into its own temporary folder, not beside the project
        assert not (root / "site").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_put_in_place_replaces_the_folder_or_makes_it(tmp_path):
    from casereviews.outputs import staging

    target = tmp_path / "site"
    for generation in ("first", "second"):
        folder = staging.staging_dir(target)
        assert folder.parent == tmp_path and folder.name.startswith(".site.building-") and not any(folder.iterdir())
        (folder / f"{generation}.html").write_text(generation, encoding="utf-8")
        staging.put_in_place(folder, target)
        assert sorted(p.name for p in target.iterdir()) == [f"{generation}.html"]
        assert [p.name for p in tmp_path.iterdir()] == ["site"]
