"""The worst bug this project can have: something unpublished in any output file. Build the fixture corpus and
search every file the build wrote (Pagefind's gzip files decompressed, file names included) for marker words
seeded into draft, embargoed, withdrawn and archived content.
"""

from __future__ import annotations

import pytest
from fixture_content import (
    DOCUMENT_MARKERS,
    DOCUMENT_ROUTES,
    HIDDEN_MARKERS,
    VISIBLE_MARKERS,
    files_with_document,
)
from sitebuild import all_outputs, run_build, write_project


@pytest.fixture(scope="module")
def outputs(fixture_build):
    return all_outputs(fixture_build.site)


@pytest.mark.parametrize("what", sorted(HIDDEN_MARKERS))
def test_nothing_unpublished_reaches_any_output(outputs, what):
    marker = HIDDEN_MARKERS[what]
    leaks = [name for name, text in outputs.items() if marker in name.lower() or marker in text.lower()]
    assert leaks == [], f"{what} leaked into: {leaks}"


@pytest.mark.parametrize("what", sorted(VISIBLE_MARKERS))
def test_the_scan_finds_what_is_public(outputs, what):
    marker = VISIBLE_MARKERS[what]
    assert any(marker in text.lower() for text in outputs.values()), f"{what} is missing from the site"


def test_the_scan_covers_many_kinds_of_output(outputs):
    kinds = {name.rsplit(".", 1)[-1] for name in outputs if "." in name.rsplit("/", 1)[-1]}
    assert {"html", "xml", "json", "csv", "txt"} <= kinds


def test_the_scan_covers_meeting_packs_and_action_feeds(outputs):
    """Packs of meetings held while the withdrawn and archived reviews' plans were public (2022), and the action
    update feeds, are among the files scanned above."""
    names = ("action-plans/meetings/lprg/2022-06-01/index.html", "action-plans/meetings/board/2022-07-01/index.html",
             "action-plans/meetings/lprg/2026-11-26/index.html", "action-plans/meetings/index.html",
             "action-plans/feed.xml", "reviews/2024-child-a/action-plan/feed.xml", "agencies/police/feed.xml")
    for name in names:
        assert name in outputs, name
    assert "Child A: practice review" in outputs["action-plans/meetings/lprg/2026-11-26/index.html"]
    assert "public plan" in outputs["action-plans/feed.xml"]


@pytest.mark.parametrize("route", DOCUMENT_ROUTES)
def test_documents_cannot_publish_a_draft(tmp_path, route):
    """A document naming briefing.md, a Markdown or HTML file, or another review's page would publish what is not
    public; the build must refuse it, and nothing it leaves behind may hold an unpublished marker."""
    root = write_project(tmp_path, files_with_document(route))
    result = run_build(root)
    site = root / "site"
    written = all_outputs(site) if site.exists() else {}
    leaks = [(name, what) for what, marker in HIDDEN_MARKERS.items() for name, text in written.items()
             if marker in name.lower() or marker in text.lower()]
    assert leaks == []
    assert result.returncode == 1 and "documents[0].file" in result.stderr, result.stderr


@pytest.mark.parametrize("what", sorted(DOCUMENT_MARKERS))
def test_the_search_index_holds_the_text_of_published_documents(outputs, what):
    """Proof that the scan sees document text where it can leak to: inside Pagefind's index, not only in the file."""
    marker = DOCUMENT_MARKERS[what]
    assert any(marker in text.lower() for name, text in outputs.items()
               if name.startswith("pagefind-documents/")), what
