"""The search index: what each page tells Pagefind, which pages are indexed, and how a build runs Pagefind.

The index is read back from Pagefind's own files (gzip fragments, one per indexed page), so these tests check
what a visitor's browser would actually receive.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import urllib.request

import pytest
from sitebuild import (
    AS_OF,
    REPO,
    ServerLog,
    action_plan,
    build_ok,
    builder,
    front,
    review_meta,
    run_build,
    write_project,
)

from casereviews.build import Build
from casereviews.pages.search import BROWSE_WORD, facets, record


@pytest.fixture(scope="module")
def project(fixture_build):
    return fixture_build.root


@pytest.fixture(scope="module")
def public(project):
    return Build.prepare(project, {"content_dir": "reviews", "partnership": "Test Partnership"},
                         environ={"REVIEWS_AS_OF": AS_OF}).site


@pytest.fixture(scope="module")
def site(fixture_build):
    return fixture_build.site


def fragments(site) -> dict[str, dict]:
    """Every page record in every Pagefind bundle the search page is told of (pagefind/bundles.json), by URL."""
    out = {}
    for bundle in json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]:
        for path in (site / bundle / "fragment").iterdir():
            data = gzip.decompress(path.read_bytes()).decode("utf-8")
            record_ = json.loads(data[data.index("{"):])
            assert record_["url"] not in out  # no page is in two bundles
            out[record_["url"]] = record_
    return out


# -- the record of a page -------------------------------------------------------------------------------------

def test_review_record_uses_vocabulary_labels_and_an_iso_sort_date(public):
    rec = record(public.by_slug["2024-child-a"])
    assert rec.filters == (
        ("kind", "Review"), ("family", "Children"), ("review_type", "Local child safeguarding practice review"),
        ("year", "2024"),
        ("theme", "Neglect"), ("theme", "Safe sleep"), ("agency", "Police"), ("age_band", "Under 1"),
        ("partnership", "Test Partnership"))
    assert rec.published == "2024-03-12"
    assert dict(rec.meta) == {"title": "Child A: practice review", "kind": "Review",
                              "type": "Local child safeguarding practice review", "date": "2024-03-12",
                              "excerpt": "A short summary of what happened and what was learned.",
                              "browse": BROWSE_WORD}


def test_briefing_and_action_plan_records(public):
    review = public.by_slug["2024-child-a"]
    briefing = record(review, "briefing")
    assert briefing.values("kind") == ["Learning briefing"]
    assert dict(briefing.meta)["title"] == "Learning briefing: Child A: practice review"
    assert "excerpt" not in dict(briefing.meta)  # Pagefind's excerpt, around the words searched for
    plan = record(review, "action-plan")
    assert plan.values("kind") == ["Action plan"] and plan.values("agency") == ["Police"]
    assert dict(plan.meta)["title"] == "Action plan: Child A: practice review"


def test_withdrawn_reviews_have_no_record_and_archived_ones_only_their_catalogue_record(public):
    withdrawn = public.by_slug["2021-child-f"]
    assert [record(withdrawn, kind) for kind in ("review", "briefing", "action-plan")] == [None, None, None]
    archived = public.by_slug["2016-child-g"]
    assert dict(record(archived).meta)["status"] == "Archived: catalogue record only"
    assert record(archived, "briefing") is None and record(archived, "action-plan") is None
    assert record(public.by_slug["2023-child-b"], "briefing") is None  # its briefing is a draft


def test_the_search_page_browses_by_the_word_every_record_carries():
    script = (REPO / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    assert f'const BROWSE_WORD = "{BROWSE_WORD}";' in script


def test_unknown_kind_is_a_programming_error(public):
    with pytest.raises(ValueError, match="unknown search kind 'plan'"):
        record(public.by_slug["2024-child-a"], "plan")


def test_search_page_facets_name_only_public_values_in_vocabulary_order(public):
    got = {f.key: f.values for f in facets(public)}
    assert got["theme"] == ("Neglect", "Domestic abuse", "Safe sleep")  # information-sharing: embargoed only
    assert got["year"] == ("2024", "2023", "2022", "2016")  # the withdrawn 2021 review is not searchable
    assert got["kind"] == ("Review", "Learning briefing", "Action plan", "Document", "Recommendation")


# -- the built index ------------------------------------------------------------------------------------------

def test_build_writes_the_pagefind_bundle(site):
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_only_public_review_pages_are_indexed(site):
    # Briefing and action plan pages join the index when their templates include partials/pagefind.html.
    # Each public recommendation has a record of its own (issue 16), under /recommendation/.
    urls = {u for u in fragments(site) if not u.endswith(("/briefing/", "/action-plan/"))
            and not u.startswith("/recommendation/")}
    assert urls == {"/reviews/2024-child-a/", "/reviews/2023-child-b/", "/reviews/2022-child-c/",
                    "/reviews/2016-child-g/",
                    # the published review's readable documents (test_documents.py covers them)
                    "/reviews/2024-child-a/files/report-text.pdf", "/reviews/2024-child-a/files/notes.docx"}


def test_withdrawn_page_is_not_marked_for_indexing(site):
    assert "data-pagefind" not in (site / "reviews/2021-child-f/index.html").read_text(encoding="utf-8")


def test_no_listing_or_guidance_page_asks_to_be_indexed(site):
    marked = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                    if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    assert marked and all(p.startswith(("reviews/", "recommendation/")) and p.count("/") >= 2 for p in marked), marked
    assert "search/index.html" not in marked and "reviews/index.html" not in marked


def test_indexed_record_has_filters_meta_and_body_text_only(site):
    page = fragments(site)["/reviews/2024-child-a/"]
    assert page["filters"]["theme"] == ["Neglect", "Safe sleep"]
    assert page["filters"]["kind"] == ["Review"] and page["filters"]["year"] == ["2024"]
    assert page["meta"]["date"] == "2024-03-12" and page["meta"]["title"] == "Child A: practice review"
    assert page["meta"]["browse"] == BROWSE_WORD
    assert "visiblebodyqz" in page["content"]
    assert "Search reviews" not in page["content"]  # the header's search form is not page content


def test_archived_review_is_found_by_its_catalogue_record_only(site):
    page = fragments(site)["/reviews/2016-child-g/"]
    assert "visiblearchivedsummaryqz" in page["content"]
    assert "leakarchivedqz" not in json.dumps(page)


def test_an_action_is_found_by_its_latest_update_not_its_history(tmp_path):
    updates = [{"date": "2024-06-01", "status": "in-progress", "note": "Earlier step oldstepqz."},
               {"date": "2025-01-10", "status": "complete", "note": "Latest step lateststepqz."}]
    plan = action_plan([{"id": "R1", "text": "Agencies should share information.", "response": "accepted",
                         "actions": [{"id": "R1.1", "text": "Train staff.", "lead": "police", "due": "2025-06-30",
                                      "updates": updates}]}])
    root = write_project(tmp_path, {"r/index.md": front(review_meta()), "r/action-plan.md": plan})
    site = build_ok(root)
    page = (site / "reviews" / "r" / "action-plan" / "index.html").read_text(encoding="utf-8")
    assert "oldstepqz" in page  # shown in the full history...
    content = fragments(site)["/reviews/r/action-plan/"]["content"]
    assert "lateststepqz" in content and "oldstepqz" not in content  # ...but only the latest is searchable


def test_pagefind_failure_fails_the_build_with_a_clear_message(tmp_path):
    root = write_project(tmp_path, {"r/index.md": front(review_meta())})
    result = run_build(root, extra_env={"PAGEFIND_BINARY_PATH": "/bin/false"})
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Search index: Pagefind failed (exit code 1)" in output
    assert "Traceback" not in output


def test_site_with_nothing_searchable_builds_without_an_index(tmp_path):
    root = write_project(tmp_path, {"r/index.md": front(review_meta(status="draft"))})
    result = run_build(root, args=("-v",))
    assert result.returncode == 0, result.stderr
    assert "Search: no searchable pages yet" in result.stderr
    assert not (root / "site" / "pagefind").exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_serves_the_search_index(tmp_path):
    root = write_project(tmp_path, {"r/index.md": front(review_meta())})
    port = free_port()
    env = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(builder("serve", "--no-livereload", "-a", f"127.0.0.1:{port}"),
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # Logged once the build (the index included) is done and the server is listening.
        ServerLog(server.stdout).wait_for("Serving on", timeout=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind.js", timeout=30) as resp:
            assert resp.status == 200 and b"pagefind" in resp.read()
        assert not (root / "site").exists()  # serve built into its own temporary folder, and indexed that
    finally:
        server.terminate()
        server.wait(timeout=30)
