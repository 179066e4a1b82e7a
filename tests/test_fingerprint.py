"""Issue 13, finding 13: the hourly deploy publishes only when the public site changed. Its fingerprint is the
same for the same public content (whatever minute the build ran), and differs once an embargo lifts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fixture_content import files
from sitebuild import REPO, build_ok, write_project

from casereviews.outputs.fingerprint import fingerprint


def build_at(tmp_path_factory, as_of: str):
    return build_ok(write_project(tmp_path_factory.mktemp("fp"), files()), as_of=as_of)


@pytest.fixture(scope="module")
def noon(fixture_build):
    """The fixture corpus built as at 2026-11-26 12:00Z (sitebuild.AS_OF)."""
    return fixture_build.site


def test_the_same_public_content_an_hour_later_has_the_same_fingerprint(noon, tmp_path_factory):
    later = build_at(tmp_path_factory, "2026-11-26T13:05:00+00:00")
    assert (later / "data/reviews.json").read_bytes() != (noon / "data/reviews.json").read_bytes()  # as_of moved
    assert fingerprint(later) == fingerprint(noon)


def test_an_embargo_lifting_changes_the_fingerprint(noon, fixture_build_embargo_lifted):
    lifted = fixture_build_embargo_lifted.site  # built at the embargoed review's moment, 15:00
    assert (lifted / "reviews/2026-leakembargoedqz/index.html").is_file()
    assert fingerprint(lifted) != fingerprint(noon)


def test_any_change_to_a_public_file_changes_it(noon, tmp_path):
    site = tmp_path / "site"
    subprocess.run(["cp", "-a", str(noon), str(site)], check=True)
    before = fingerprint(site)
    page = site / "reviews/2024-child-a/index.html"
    page.write_bytes(page.read_bytes().replace(b"visiblebodyqz", b"visiblebodyqx"))
    assert fingerprint(site) != before
    page.unlink()
    assert fingerprint(site) != before


def test_the_script_prints_it(noon):
    done = subprocess.run([sys.executable, str(REPO / "scripts/fingerprint"), str(noon)], capture_output=True,
                          text=True, env={"CASEREVIEWS_NO_REEXEC": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and done.stdout.strip() == fingerprint(noon)
    missing = subprocess.run([sys.executable, str(REPO / "scripts/fingerprint"), str(noon / "nothing")],
                             capture_output=True, text=True, env={"CASEREVIEWS_NO_REEXEC": "1"})
    assert missing.returncode == 2 and "is not a built site" in missing.stderr
