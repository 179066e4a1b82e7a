"""Fixtures shared by the whole run: one Chromium, and one build of each corpus that several modules read.

Each shared build is made once per session (the widest scope) and handed to every test that only reads it. A test
that must change a project or its site copies it first (``sitebuild.copy_project``); a test that needs different
content, another REVIEWS_AS_OF or other settings builds its own. Every shared site is checked at the end of the
run: if any test changed a byte of it, that fixture's teardown fails and names the files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import pytest  # noqa: E402
from sitebuild import REPO, Built, build_into, build_ok, write_project  # noqa: E402


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole run: Playwright's sync API allows one instance per thread, so
    every browser test shares this one rather than starting its own."""
    from playwright.sync_api import sync_playwright
    from sitebuild import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: run scripts/setup --test"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# -- shared builds ------------------------------------------------------------------------------------------------

def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _kept(built: Built) -> Iterator[Built]:
    """Hand out ``built``, then fail if any test changed its site (copy_project it first to change it)."""
    before = _digest(built.site)
    yield built
    after = _digest(built.site)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert changed == [], f"a test changed the shared build {built.site}: {changed[:10]}"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Iterator[Built]:
    """tests/fixture_content.py's corpus (every publication state, marker words in what must stay hidden) built
    as at sitebuild.AS_OF. A production build (REVIEWS_PRODUCTION=1: the project has a site_url, so it passes)
    with PYTHONHASHSEED=1, the first of test_reproducible's two builds."""
    from fixture_content import files

    root = write_project(tmp_path_factory.mktemp("fixture"), files())
    build_ok(root, extra_env={"REVIEWS_PRODUCTION": "1", "PYTHONHASHSEED": "1"})
    yield from _kept(Built(root, root / "site"))


@pytest.fixture(scope="session")
def fixture_build_embargo_lifted(tmp_path_factory) -> Iterator[Built]:
    """The same corpus built as at 2026-11-26 15:00Z, the moment its embargoed review (2026-leakembargoedqz) is
    published."""
    from fixture_content import files

    root = write_project(tmp_path_factory.mktemp("fixture-lifted"), files())
    build_ok(root, as_of="2026-11-26T15:00:00+00:00")
    yield from _kept(Built(root, root / "site"))


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Iterator[Built]:
    """The repository's own demo content (reviews/, its meetings calendar included) as at sitebuild.AS_OF, without
    a site address, built into a folder of its own (named site, as scripts/audit's reports expect)."""
    out = build_into(tmp_path_factory.mktemp("demo") / "site")
    yield from _kept(Built(REPO, out))


@pytest.fixture(scope="session")
def joint_board_build(tmp_path_factory) -> Iterator[Built]:
    """tests/fixture_joint_board.py: a joint children's and adults' board, with families and partnership
    formats."""
    from fixture_joint_board import VOCABULARY, files

    root = write_project(tmp_path_factory.mktemp("joint"), files(), vocabulary=VOCABULARY)
    yield from _kept(Built(root, build_ok(root)))


@pytest.fixture(scope="session")
def hub_example_build(tmp_path_factory) -> Iterator[Built]:
    """The example hub (examples/hub/, from its committed snapshot) built with --strict, as at sitebuild.AS_OF."""
    root = tmp_path_factory.mktemp("hub-example") / "hub"
    shutil.copytree(REPO / "examples" / "hub", root, ignore=shutil.ignore_patterns("site", ".site.*"))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("../../", f"{REPO.as_posix()}/"), encoding="utf-8")
    yield from _kept(Built(root, build_into(root / "site", root, "--strict")))


@pytest.fixture(scope="session")
def register_build(tmp_path_factory) -> Iterator[Built]:
    """tests/test_register.py's corpus (recommendations that repeat, build on and replace each other, one plan of
    three pages) with a review whose titles and recommendations look like spreadsheet formulas and markup."""
    from test_register import register_files

    root = write_project(tmp_path_factory.mktemp("register"), register_files())
    yield from _kept(Built(root, build_ok(root)))


# -- the national-scale build, started when the run begins --------------------------------------------------------

SCALE_TEST = "test_listings_stay_light_at_two_thousand_reviews"  # in test_audit.py
_SCALE = pytest.StashKey[tuple[subprocess.Popen, Path]]()


def _lower_and_tie_to_parent() -> None:
    """In the child before it starts: a lower priority, and (on Linux) SIGTERM when the test run's process ends
    however it ends; scale_build.py passes that on to the build it runs."""
    os.nice(10)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start_scale_build(config: pytest.Config) -> tuple[subprocess.Popen, Path]:
    """tests/scale_build.py in a process group of its own, at a lower priority (nice 10): it builds while the
    other tests run, on the time they leave idle, and never ahead of them."""
    root = Path(tempfile.mkdtemp(prefix="casereviews-scale-"))
    log = (root / "build.log").open("w", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("scale_build.py")), str(root)],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               preexec_fn=_lower_and_tie_to_parent)
    log.close()
    config.stash[_SCALE] = (process, root)
    return process, root


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly or session.config.option.setuponly or session.config.option.setupplan:
        return
    if any(item.name == SCALE_TEST for item in session.items):
        _start_scale_build(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    job = config.stash.get(_SCALE, None)
    if job is None:
        return
    process, root = job
    if process.poll() is None:  # the run stopped before the test waited for it (-x, ^C): stop its build too
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def two_thousand_reviews(request) -> Path:
    """The site of 2,000 synthetic reviews (tests/scale_build.py), waited for: started when the run began."""
    job = request.config.stash.get(_SCALE, None)
    process, root = job if job is not None else _start_scale_build(request.config)
    try:
        returncode = process.wait(timeout=1800)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        raise
    assert returncode == 0, (root / "build.log").read_text(encoding="utf-8")[-5000:]
    return root / "site"
