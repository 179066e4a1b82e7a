"""Helpers for tests that build a real site: write a small project into a temporary folder and run
``mkdocs build`` on it in a subprocess, exactly as an editor's CI would.

The project uses the repository's own hooks, templates and docs pages, and only its reviews/ is the fixture's.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from casereviews.content.limits import PlainDumper

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-26T12:00:00+00:00"

VOCABULARY = {
    "review_types": [
        {"id": "serious-case-review", "label": "Serious case review"},
        {"id": "local-child-safeguarding-practice-review", "label": "Local child safeguarding practice review"},
        {"id": "thematic-review", "label": "Thematic review"},
    ],
    "themes": [
        {"id": "neglect", "label": "Neglect", "description": "Needs not met over time."},
        {"id": "domestic-abuse", "label": "Domestic abuse"},
        {"id": "safe-sleep", "label": "Safe sleep"},
        {"id": "information-sharing", "label": "Information sharing"},
    ],
    "agencies": [
        {"id": "police", "label": "Police"},
        {"id": "childrens-social-care", "label": "Children's social care"},
        {"id": "health-visiting", "label": "Health visiting"},
    ],
    "age_bands": [{"id": "under-1", "label": "Under 1"}, {"id": "5-to-11", "label": "5 to 11"},
                  # used only by the withdrawn review of tests/fixture_content.py: a marker of the leak test
                  {"id": "leakwithdrawnageqz", "label": "Leakwithdrawnageqz"}],
}

SEVEN = ["Background", "Why it matters", "The information", "What was learned", "What to do",
         "Things to remember", "Questions for practitioners"]


def front(meta: dict[str, Any], body: str = "") -> str:
    return "---\n" + yaml.dump(meta, Dumper=PlainDumper, sort_keys=False, allow_unicode=True) + "---\n\n" + body


def review_meta(**overrides: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": "Child A: Local child safeguarding practice review",
        "status": "published",
        "published": "2024-03-12",
        "review_type": "local-child-safeguarding-practice-review",
        "summary": "A short summary of what happened and what was learned.",
        "themes": ["neglect"],
    }
    meta.update(overrides)
    return {k: v for k, v in meta.items() if v is not None}


def seven_minute_body(words: str = "Practice point.") -> str:
    return "\n".join(f"## {i}. {name}\n\n{words}\n" for i, name in enumerate(SEVEN, 1))


def briefing(status: str = "published", published: str = "2024-03-12", body: str | None = None, **extra) -> str:
    return front({"status": status, "published": published, **extra}, seven_minute_body() if body is None else body)


def action_plan(recommendations: list[dict[str, Any]] | None = None, **extra: Any) -> str:
    recs = recommendations or [{
        "id": "R1", "text": "Agencies should share information.", "response": "accepted",
        "actions": [{"id": "R1.1", "text": "Train staff.", "lead": "police", "due": "2025-06-30",
                     "updates": [{"date": "2025-01-10", "status": "in-progress", "note": "Dates set."}]}],
    }]
    return front({"monitored_by": "Learning and Practice Review Group", "reports_to": ["Executive Board"],
                  "recommendations": recs, **extra})


def write_project(root: Path, files: dict[str, str | bytes], vocabulary: dict | None = None,
                  extra: dict[str, Any] | None = None) -> Path:
    """A buildable project at ``root``: mkdocs.yml pointing at the repo's code, and the given reviews/ files."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV [SITE_URL, \"\"]", "''"))
    config["docs_dir"] = str(REPO / "docs")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["hooks"] = [str(REPO / "hooks" / "reviews.py")]
    config["watch"] = []
    config["site_url"] = "https://reviews.example.org/"
    config["extra"]["reviews"]["content_dir"] = "reviews"
    config["extra"]["reviews"].update(extra or {})
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    reviews = root / "reviews"
    reviews.mkdir(exist_ok=True)
    (reviews / "vocabulary.yml").write_text(yaml.dump(vocabulary or VOCABULARY, Dumper=PlainDumper, sort_keys=False),
                                            encoding="utf-8")
    write_files(reviews, files)
    return root


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write each ``name: text or bytes`` below ``folder``, making folders as needed."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


# The generator the tests build with: MkDocs, or ProperDocs (its maintained fork) with
# REVIEWS_TEST_BUILDER=properdocs, which `bash scripts/run-tests --properdocs` sets. ProperDocs answers imports of
# mkdocs.* with its own modules, so the hook and Material run on it unchanged.
BUILDER = os.environ.get("REVIEWS_TEST_BUILDER", "mkdocs")
if BUILDER not in ("mkdocs", "properdocs"):
    raise SystemExit(f"REVIEWS_TEST_BUILDER must be mkdocs or properdocs, not {BUILDER!r}")


def builder(*args: str) -> list[str]:
    """The command line that runs the generator (``python -m mkdocs`` or ``python -m properdocs``) with ``args``."""
    return [sys.executable, "-m", BUILDER, *args]


def run_build(root: Path, as_of: str = AS_OF, extra_env: dict[str, str] | None = None,
              args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, "REVIEWS_AS_OF": as_of, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(builder("build", "-q", *args), cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def build_ok(root: Path, as_of: str = AS_OF, **kwargs: Any) -> Path:
    result = run_build(root, as_of, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    # A template printing a name no page data defines (hooks/reviews.py, NamedUndefined): every build checks it.
    assert "which no page data defines" not in result.stderr, result.stderr
    return root / "site"


class Built(NamedTuple):
    """A built project: its folder (mkdocs.yml, reviews/) and the site the build wrote."""
    root: Path
    site: Path


def copy_project(built: Built, dest: Path) -> Built:
    """A copy of a built project and its site at ``dest``, for a test that edits or rebuilds it: the builds shared
    by the whole run (tests/conftest.py) must stay as they were built. Files keep their bytes and times."""
    shutil.copytree(built.root, dest, symlinks=True)
    return Built(dest, dest / built.site.relative_to(built.root))


def build_into(out: Path, project: Path = REPO, *args: str) -> Path:
    """Build ``project`` (the repository itself unless told) into ``out`` as at AS_OF, as an editor's CI builds
    it: with the project's own mkdocs.yml, and no SITE_URL from the environment."""
    env = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run(builder("build", "-q", *args, "-d", str(out)), cwd=project, env=env,
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read_output(path: Path) -> str:
    """A built file's text; gzip files (Pagefind's index and fragments) are decompressed first."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def all_outputs(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): read_output(p) for p in sorted(site.rglob("*")) if p.is_file()}


# -- browsers and a local server, shared by every browser test ------------------------------------------------

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a browser downloaded by a test tool
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 from a thread; returns (base URL, stop function)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop


class ServerLog:
    """The lines a server process writes (a text stream), read on a thread as they come, so that a test waits for
    the line that says something happened ("Serving on", "Reloading browsers") instead of sleeping or polling."""

    def __init__(self, stream) -> None:
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)  # the process closed its end: it has stopped

    def wait_for(self, text: str, timeout: float = 120.0) -> str:
        """The next line holding ``text``; fails once ``timeout`` seconds pass or the process stops first."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line with {text!r} within {timeout:g} s:\n{self.tail()}") from None
            if line is None:
                self._lines.put(None)
                raise AssertionError(f"the process stopped before writing {text!r}:\n{self.tail()}")
            self.seen.append(line)
            if text in line:
                return line

    def tail(self) -> str:
        return "".join(self.seen)[-3000:]
