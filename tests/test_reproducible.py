"""Reproducible builds: the same content and the same REVIEWS_AS_OF give byte-identical output, every file,
Pagefind's index included; the sitemap's lastmod comes from the content, never the day of the build."""

from __future__ import annotations

import gzip
import re
import shutil
import struct
from datetime import UTC, date, datetime

import pytest
from fixture_content import files
from sitebuild import build_ok, write_project

from casereviews.outputs.pagefind_order import fix_order


def contents(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(fixture_build, tmp_path_factory):
    """The same content in two different folders, built with different Python hash seeds: the run's shared build
    (conftest.fixture_build: PYTHONHASHSEED=1, a production build) and one more made here the same way with 2."""
    root = write_project(tmp_path_factory.mktemp("repro2"), files())
    return [fixture_build.site, build_ok(root, extra_env={"REVIEWS_PRODUCTION": "1", "PYTHONHASHSEED": "2"})]


def test_two_builds_are_byte_identical(two_builds):
    first, second = (contents(site) for site in two_builds)
    assert sorted(first) == sorted(second)  # the same file names, Pagefind's hashed names included
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.startswith("pagefind/filter/") for name in first)  # the index was compared, not skipped


def test_putting_pagefind_in_order_again_changes_nothing(two_builds, tmp_path):
    index = tmp_path / "pagefind"
    shutil.copytree(two_builds[0] / "pagefind", index)
    before = contents(index)
    assert fix_order(index) == sum(1 for name in before if name.startswith("filter/"))
    assert contents(index) == before


def lastmods(site) -> dict[str, str]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {loc.removeprefix("https://reviews.example.org/"): day
            for loc, day in re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", text)}


def test_sitemap_lastmod_comes_from_the_content_and_never_after_the_reference_day(tmp_path):
    as_of = "2025-06-01T12:00:00+01:00"
    site = build_ok(write_project(tmp_path, files()), as_of=as_of)
    days = lastmods(site)
    assert len(days) > 20
    assert max(days.values()) <= "2025-06-01"  # built today, "as at" 2025: nothing says 2026
    assert days["reviews/2024-child-a/briefing/"] == "2024-03-12"  # the briefing's publication day
    assert days["reviews/2016-child-g/"] == "2023-01-01"  # archived the day after available_until 2022-12-31
    assert days["reviews/2023-child-b/"] == "2023-05-01"  # published, nothing since
    assert days["reviews/2024-child-a/action-plan/"] == "2025-06-01"  # progress "as at" the reference day
    assert days["themes/domestic-abuse/"] == "2023-05-01"  # its only review
    # The gzip copy carries the latest lastmod as its time, not the time of the build.
    stamp = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert datetime.fromtimestamp(stamp, tz=UTC).date() == date.fromisoformat(max(days.values()))
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
