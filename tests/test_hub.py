"""The hub, proved on real sites: three partnership sites built from fixture content with this generator, served
on 127.0.0.1 from the test, harvested with scripts/harvest, and the hub built with mkdocs from the snapshot.

Round 1: every source up, plus one that serves invalid JSON and one whose records partly break the schema or
link off-site. Round 2: one review withdrawn at its source (the site rebuilt), one source stopped. The expected
reviews and links are read from what each source serves, never written into the test.
"""

from __future__ import annotations

import copy
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from fixture_content import HIDDEN_MARKERS
from fixture_content import files as leak_files
from sitebuild import (
    AS_OF,
    REPO,
    all_outputs,
    briefing,
    build_into,
    build_ok,
    builder,
    front,
    read_output,
    review_meta,
    serve,
    write_project,
)

from casereviews.hub import harvest as harvest_module
from casereviews.hub.config import HubSettingsError, hub_settings
from casereviews.hub.records import check_reviews, link

HARVEST = [sys.executable, str(REPO / "scripts" / "harvest")]
ENV = {**os.environ, "REVIEWS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1", "CASEREVIEWS_NO_REEXEC": "1"}
PARTNERSHIPS = {"alder": "Alder Vale Safeguarding Partnership (fictional)",
                "birch": "Birchwick Safeguarding Children Partnership (fictional)",
                "cedar": "Cedarmouth Safeguarding Partnership (fictional)"}
WITHDRAWN_LATER = "alder-withdrawn-later"
BROKEN_TITLE = "Brokenrecordtitleqz"
OFFSITE_TITLE = "Offsiterecordtitleqz"
HOSTILE_TITLE = '</a><script>alert("hubxssqz")</script><img src=x onerror=alert(1)> & "quoted"'


def simple_site(prefix: str, count: int) -> dict[str, str]:
    out = {}
    for n in range(1, count + 1):
        out[f"{prefix}-review-{n}/index.md"] = front(review_meta(
            title=f"Child {prefix.title()}{n}: practice review", published=f"202{n}-0{n}-1{n}",
            themes=["neglect", "information-sharing"][: 1 + n % 2], summary=f"What {prefix} learned, number {n}."))
    out[f"{prefix}-review-1/briefing.md"] = briefing(published="2021-01-11")
    return out


def set_site_url(root: Path, site_url: str) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = site_url
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def hub_project(root: Path, sources: list[dict[str, str]]) -> Path:
    """The example hub's mkdocs.yml and docs/, with its paths made absolute and these sources."""
    example = REPO / "examples" / "hub"
    text = (example / "mkdocs.yml").read_text(encoding="utf-8").replace('!ENV [SITE_URL, ""]', "''")
    config = yaml.safe_load(text)
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["hooks"] = [str(REPO / "hooks" / "reviews.py")]
    config["extra"]["reviews"]["hub"] = {"snapshot": "harvest", "sources": sources}
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(example / "docs", root / "docs", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def harvest(hub: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*HARVEST, "-f", str(hub / "mkdocs.yml"), *args], cwd=hub, env=ENV, capture_output=True,
                          text=True, timeout=300)


def hub_rows(site: Path) -> dict[str, list[str]]:
    """Every review row of the catalogue's pages: its key (source/slug) -> the links of its title, one per row."""
    rows: dict[str, list[str]] = {}
    pages = [site / "reviews" / "index.html", *sorted((site / "reviews" / "page").glob("*/index.html"))]
    for page in pages:
        for key, href in re.findall(r'<tr data-review="([^"]+)">\s*<td><a href="([^"]+)">', page.read_text("utf-8")):
            rows.setdefault(key, []).append(href)
    return rows


def served_public(base: str, site: Path) -> dict[str, str]:
    """What a source publishes as public (status published): its key -> the absolute address of its page."""
    data = json.loads((site / "data" / "reviews.json").read_text(encoding="utf-8"))
    return {r["slug"]: urljoin(base, r["url"]) for r in data["reviews"] if r["status"] == "published"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hub")
    stops, bases, sites = {}, {}, {}
    for sid in PARTNERSHIPS:
        root = tmp / sid
        (root / "site").mkdir(parents=True)
        bases[sid], stops[sid] = serve(root / "site")
        content = {"alder": leak_files, "birch": lambda: simple_site("birch", 3),
                   "cedar": lambda: simple_site("cedar", 4)}[sid]()
        if sid == "alder":
            content[f"{WITHDRAWN_LATER}/index.md"] = front(review_meta(title="Child W: to be withdrawn later",
                                                                       published="2020-02-02"))
        write_project(root, content, extra={"partnership": PARTNERSHIPS[sid]})
        # alder and birch publish paths (no site_url); cedar publishes absolute addresses on its own server
        set_site_url(root, bases[sid] + "/" if sid == "cedar" else "")
        build_ok(root)
        sites[sid] = root / "site"
    # A source that serves invalid JSON, and one whose records partly break the schema or link off-site.
    broken, mixed = tmp / "broken", tmp / "mixed"
    (broken / "data").mkdir(parents=True)
    (broken / "data" / "reviews.json").write_text('{"publisher": "x", "reviews": [', encoding="utf-8")
    data = json.loads((sites["birch"] / "data" / "reviews.json").read_text(encoding="utf-8"))
    bad, offsite = copy.deepcopy(data["reviews"][0]), copy.deepcopy(data["reviews"][1])
    bad.update(slug="bad-record", title=BROKEN_TITLE, status="secret")
    offsite.update(slug="offsite-record", title=OFFSITE_TITLE, url="https://elsewhere.example/reviews/x/")
    hostile = copy.deepcopy(data["reviews"][2])
    hostile.update(slug="hostile-record", url="/reviews/hostile-record/", title=HOSTILE_TITLE,
                   summary=HOSTILE_TITLE + " summary", themes=[{"id": "hostile-theme", "label": HOSTILE_TITLE}])
    data["reviews"] += [bad, offsite, hostile]
    (mixed / "data").mkdir(parents=True)
    (mixed / "data" / "reviews.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    bases["broken"], stops["broken"] = serve(broken)
    bases["mixed"], stops["mixed"] = serve(mixed)
    names = {**PARTNERSHIPS, "broken": "Broken Fictional Partnership", "mixed": "Mixed Fictional Partnership"}
    hub = hub_project(tmp / "hub", [{"id": sid, "name": names[sid], "url": bases[sid] + "/"} for sid in names])

    first = harvest(hub)
    strict = harvest(hub, "--strict", "--only", "broken")
    site1 = build_ok(hub)
    round1 = {"harvest": first, "strict": strict, "outputs": all_outputs(site1), "rows": hub_rows(site1),
              "public": {sid: served_public(bases[sid] + "/", sites[sid]) for sid in PARTNERSHIPS},
              "snapshot": {p.relative_to(hub).as_posix(): p.read_text("utf-8") for p in (hub / "harvest").rglob("*")
                           if p.is_file()}}
    keep1 = tmp / "hub-site-1"
    shutil.copytree(site1, keep1)
    round1["site"] = keep1

    # Round 2: a review withdrawn at alder (its site rebuilt), cedar's server stopped.
    path = tmp / "alder" / "reviews" / WITHDRAWN_LATER / "index.md"
    path.write_text(front(review_meta(title="Child W: to be withdrawn later", published="2020-02-02",
                                      status="withdrawn", withdrawn_reason="Withdrawn at the family's request.")),
                    encoding="utf-8")
    build_ok(tmp / "alder")
    stops.pop("cedar")()
    second = harvest(hub)
    site2 = build_ok(hub)
    round2 = {"harvest": second, "outputs": all_outputs(site2), "rows": hub_rows(site2), "site": site2,
              "public": {sid: served_public(bases[sid] + "/", sites[sid]) for sid in ("alder", "birch")}}
    yield {"round1": round1, "round2": round2, "bases": bases, "hub": hub}
    for stop in stops.values():
        stop()


def test_every_public_review_appears_once_with_its_link(world):
    r1 = world["round1"]
    expected = {f"{sid}/{slug}": url for sid, public in r1["public"].items() for slug, url in public.items()}
    birch, mixed = world["bases"]["birch"], world["bases"]["mixed"]  # mixed serves birch's records, and two more
    expected.update({f"mixed/{slug}": mixed + url.removeprefix(birch) for slug, url in r1["public"]["birch"].items()})
    expected["mixed/hostile-record"] = f"{mixed}/reviews/hostile-record/"
    assert len(expected) >= 10 and any(k.startswith("cedar/") for k in expected)
    assert {k: v for k, v in r1["rows"].items()} == {k: [v] for k, v in expected.items()}
    for key, url in expected.items():  # each link leads to its own source's server
        assert url.startswith(world["bases"][key.split("/")[0]] + "/")


def test_the_hub_adds_nothing_hidden_withdrawn_or_archived(world):
    everything = "\n".join([*world["round1"]["outputs"].values(), *world["round1"]["snapshot"].values()])
    for name, marker in HIDDEN_MARKERS.items():
        if name.startswith(("draft", "embargoed", "hidden", "future")):
            assert marker not in everything, name
    hub_pages = "\n".join(world["round1"]["outputs"].values())
    for title in ("Child F: withdrawn review", "Child G: archived review"):
        assert title in world["round1"]["snapshot"]["harvest/alder/reviews.json"]  # the source lists it...
        assert title not in hub_pages  # ...and the hub does not show it


def test_invalid_json_and_schema_breaking_records_are_reported_and_not_shown(world):
    out = world["round1"]["harvest"]
    assert out.returncode == 0, out.stderr
    assert re.search(r"^broken: FAILED: .*is not JSON", out.stdout, re.M), out.stdout
    assert re.search(r"^mixed: \d+ review records \(2 left out\)", out.stdout, re.M), out.stdout
    assert re.search(r"reviews\.json:\d+: reviews\[\d+\]\.status: .*left out", out.stdout), out.stdout
    assert "elsewhere.example" in out.stdout
    pages = "\n".join(world["round1"]["outputs"].values())
    assert BROKEN_TITLE not in pages and OFFSITE_TITLE not in pages and "elsewhere.example" not in pages
    assert world["round1"]["strict"].returncode == 1
    partnerships = world["round1"]["outputs"]["partnerships/index.html"]
    assert 'data-harvest-failed="broken"' in partnerships and "Not harvested yet" in partnerships


def test_a_review_withdrawn_at_its_source_leaves_at_the_next_harvest(world):
    assert f"alder/{WITHDRAWN_LATER}" in world["round1"]["rows"]
    assert WITHDRAWN_LATER not in world["round2"]["public"]["alder"]
    assert f"alder/{WITHDRAWN_LATER}" not in world["round2"]["rows"]
    assert "Child W: to be withdrawn later" not in "\n".join(world["round2"]["outputs"].values())


def test_a_stopped_source_keeps_its_last_snapshot_and_is_marked(world):
    r1, r2 = world["round1"], world["round2"]
    assert re.search(r"^cedar: FAILED: .*could not connect.*its snapshot of .* is kept", r2["harvest"].stdout, re.M)
    assert r2["harvest"].returncode == 0
    cedar = {k: v for k, v in r2["rows"].items() if k.startswith("cedar/")}
    assert cedar and cedar == {k: v for k, v in r1["rows"].items() if k.startswith("cedar/")}
    page = r2["outputs"]["partnerships/index.html"]
    assert 'data-harvest-failed="cedar"' in page and 'data-harvest-failed="alder"' not in page
    assert "Last harvest failed" in r2["outputs"]["partnerships/cedar/index.html"]
    record = json.loads((world["hub"] / "harvest" / "cedar" / "harvest.json").read_text(encoding="utf-8"))
    assert record["last_success"] and "could not connect" in record["last_error"]


def test_search_records_link_to_the_partnerships_and_pages_fetch_nothing_from_them(world):
    site, rows = world["round1"]["site"], world["round1"]["rows"]
    fragments = [read_output(p).removeprefix("pagefind_dcd") for p in (site / "pagefind" / "fragment").glob("*")]
    assert fragments
    urls = {json.loads(f)["url"] for f in fragments}
    assert urls == {hrefs[0] for hrefs in rows.values()}
    filters = {k for f in fragments for k in json.loads(f)["filters"]}
    assert "partnership" in filters
    # a review's record carries the text of its recommendations, from the source's recommendations.json
    register = json.loads(world["round1"]["snapshot"]["harvest/alder/recommendations.json"])["recommendations"]
    assert register
    by_url = {json.loads(f)["url"]: json.loads(f)["content"] for f in fragments}
    for rec in register:
        url = rows[f"alder/{rec['review']['slug']}"][0]
        assert " ".join(rec["text"].split()) in " ".join(by_url[url].split())
    hosts = {base.split("//")[1] for base in world["bases"].values()}
    for name, text in world["round1"]["outputs"].items():
        if name.endswith(".html"):
            fetched = re.findall(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="([^"]*)"', text)
            assert not [u for u in fetched if any(h in u for h in hosts)], name


def test_hostile_values_are_escaped_for_every_context(world):
    outputs = world["round1"]["outputs"]
    html = {name: text for name, text in outputs.items() if name.endswith(".html")}
    assert not [name for name, text in html.items() if "<script>alert(" in text or "<img src=x" in text]
    escaped = "&lt;/a&gt;&lt;script&gt;alert(&#34;hubxssqz&#34;)&lt;/script&gt;"
    assert escaped in html["reviews/index.html"] and escaped in html["themes/hostile-theme/index.html"]
    assert escaped in html["partnerships/mixed/index.html"]
    # the search filter's label on the search page, and the search record itself, hold the text as text
    assert escaped in html["search/index.html"]
    site = world["round1"]["site"]
    fragments = (site / "pagefind" / "fragment").glob("*")
    records = [json.loads(read_output(p).removeprefix("pagefind_dcd")) for p in fragments]
    hostile = [r for r in records if r["url"].endswith("/hostile-record/")]
    assert len(hostile) == 1 and hostile[0]["meta"]["title"] == HOSTILE_TITLE


def test_listings_are_paginated_and_count_right(world):
    page = world["round1"]["outputs"]["reviews/index.html"]
    shown = len(world["round1"]["rows"])
    assert f"{shown} reviews from 5 partnerships" in page
    assert '<nav class="cr-pager"' not in page  # under a hundred rows: one page


# -- settings, records and fetching, without a build --------------------------------------------------------------

def test_settings_problems_name_the_setting(tmp_path):
    with pytest.raises(HubSettingsError) as err:
        hub_settings(tmp_path, {"hub": {"sources": [
            {"id": "Not An Id", "name": "A", "url": "https://a.example/"},
            {"id": "b", "name": "B", "url": "ftp://b.example/"},
            {"id": "c", "name": "C", "url": "https://c.example/", "colour": "red"},
            {"id": "d", "name": "D", "url": "https://d.example/"}, {"id": "d", "name": "D2", "url": "https://e.example/"},
        ], "schedule": "daily"}})
    text = str(err.value)
    for setting in ("extra.reviews.hub: unknown setting schedule", "extra.reviews.hub.sources[0].id",
                    "extra.reviews.hub.sources[1].url", "extra.reviews.hub.sources[2]: unknown setting colour",
                    "extra.reviews.hub.sources[4].id: 'd' is already the id of sources[3]"):
        assert setting in text
    with pytest.raises(HubSettingsError, match=r"extra\.reviews\.hub\.sources: must be a list"):
        hub_settings(tmp_path, {"hub": {}})


def _dataset(**changes):
    record = {"slug": "one", "url": "/reviews/one/", "title": "Child One", "review_type": {"id": "t", "label": "T"},
              "partnership": "P", "published": "2024-01-02T00:00:00+00:00", "status": "published", "pseudonym": None,
              "age_band": None, "themes": [{"id": "neglect", "label": "Neglect"}], "agencies": [], "summary": "S",
              "key_learning": [], "documents": [], "briefing_url": None, "action_plan_url": None,
              "action_counts": None, "available_until": None, "withdrawn_reason": None, "family": None}
    record.update(changes)
    return {"publisher": "P", "licence": {"name": "OGL", "url": "https://example.org/"},
            "as_of": "2026-01-01T00:00:00+00:00", "count": 1, "reviews": [record]}


def _check(data) -> tuple[list, list[str]]:
    checked = check_reviews(json.dumps(data).encode(), "https://p.example/", "p/reviews.json")
    return (checked.data or {}).get("reviews", []), [str(p) for p in checked.problems]


def test_versions_one_behind_are_read_and_unknown_ones_refused():
    kept, problems = _check(_dataset())  # no version field: 1.0, before the field existed
    assert [r["url"] for r in kept] == ["https://p.example/reviews/one/"] and problems == []
    kept, _ = _check({"version": "1.1", **_dataset()})
    assert len(kept) == 1
    kept, problems = _check({"version": "2.0", **_dataset()})
    assert kept == [] and "'2.0' is a version of reviews.json this hub does not read" in problems[0]


@pytest.mark.parametrize("url", ["https://evil.example/reviews/one/", "//evil.example/x", "javascript:alert(1)",
                                 "http://p.example/reviews/one/", "https://user@p.example/x", "/reviews/o ne/"])
def test_links_off_the_source_site_are_refused(url):
    assert link(url, "https://p.example/") is None
    kept, problems = _check(_dataset(url=url))
    assert kept == [] and "is not a page of https://p.example/" in problems[0]


def test_control_characters_oversized_and_repeated_records_are_left_out():
    data = _dataset(title="Child \u001b[31m One")
    data["reviews"] += [_dataset(slug="two", title="x" * 301)["reviews"][0], _dataset(slug="one")["reviews"][0],
                        _dataset(slug="three")["reviews"][0], _dataset(slug="three", title="Again")["reviews"][0]]
    kept, problems = _check(data)
    assert [(r["slug"], r["title"]) for r in kept] == [("one", "Child One"), ("three", "Child One")]
    assert [p.split(": ", 2)[1] for p in problems] == ["reviews[0]", "reviews[1]", "reviews[4]"]
    assert "control character" in problems[0] and "over 300 characters" in problems[1]
    assert "slug 'three' is given twice" in problems[2]


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []
    status = 503
    body = b"{}"

    def do_GET(self):  # noqa: N802 - the standard library's name
        type(self).seen.append(self.headers.get("User-Agent", ""))
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def _server(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_fetch_retries_a_fixed_number_of_times_says_who_it_is_and_bounds_the_size(monkeypatch):
    monkeypatch.setattr(harvest_module, "BACKOFF_SECONDS", 0.0)

    class Failing(_Handler):
        seen: list[str] = []
        status = 503

    class Large(_Handler):
        seen: list[str] = []
        status = 200
        body = b"x" * 5000

    for handler in (Failing, Large):
        server = _server(handler)
        url = f"http://127.0.0.1:{server.server_port}/data/reviews.json"
        try:
            with pytest.raises(harvest_module.FetchError) as err:
                harvest_module.fetch(url, limit=1000)
        finally:
            server.shutdown()
            server.server_close()
        if handler is Failing:
            assert len(handler.seen) == harvest_module.RETRIES + 1 and "HTTP 503" in str(err.value)
        else:
            assert len(handler.seen) == 1 and "over the limit of 1,000" in str(err.value)
        assert set(handler.seen) == {harvest_module.USER_AGENT}


# -- the example hub: reproducible from its snapshot, and a snapshot edited by hand ------------------------------

def example_copy(root: Path) -> Path:
    shutil.copytree(REPO / "examples" / "hub", root, ignore=shutil.ignore_patterns("site", ".site.*"))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("../../", f"{REPO.as_posix()}/"), encoding="utf-8")
    return root


def test_the_same_snapshot_and_time_give_the_same_hub(hub_example_build, tmp_path):
    first = all_outputs(hub_example_build.site)  # the run's build of the example (conftest.py), elsewhere
    second_root = example_copy(tmp_path / "b")
    second = all_outputs(build_into(second_root / "site", second_root, "--strict"))
    assert len(first) > 20 and first == second


def test_a_record_broken_in_the_snapshot_is_reported_by_the_build_and_not_shown(tmp_path):
    root = example_copy(tmp_path / "hub")
    path = root / "harvest" / "ashcombe" / "reviews.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    shown = [r for r in data["reviews"] if r["status"] == "published"]
    victim = shown[0]
    victim["url"] = "https://elsewhere.example/x/"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    strict = subprocess.run(builder("build", "--strict"), cwd=root, env=ENV,
                            capture_output=True, text=True, timeout=600)
    assert strict.returncode != 0
    assert re.search(r"Snapshot: harvest/ashcombe/reviews\.json:\d+: reviews\[\d+\]: url: .*elsewhere", strict.stderr)
    site = build_ok(root)
    page = (site / "partnerships" / "ashcombe" / "index.html").read_text(encoding="utf-8")
    assert f'data-review="ashcombe/{victim["slug"]}"' not in page
    assert f'data-review="ashcombe/{shown[1]["slug"]}"' in page


def test_fetch_gives_up_on_a_server_that_never_answers_and_refuses_redirects_off_the_site(monkeypatch):
    monkeypatch.setattr(harvest_module, "BACKOFF_SECONDS", 0.0)
    release = threading.Event()

    class Silent(_Handler):
        def do_GET(self):  # noqa: N802
            release.wait(30)  # holds the request until the test has its answer

    class Redirecting(_Handler):
        def do_GET(self):  # noqa: N802
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.example/data/reviews.json")
            self.send_header("Content-Length", "0")
            self.end_headers()

    silent, redirecting = _server(Silent), _server(Redirecting)
    try:
        with pytest.raises(harvest_module.FetchError, match="timed out after 1 attempt"):
            harvest_module.fetch(f"http://127.0.0.1:{silent.server_port}/x", limit=100, timeout=0.5, retries=0)
        with pytest.raises(harvest_module.FetchError, match="redirected away from the source's site"):
            harvest_module.fetch(f"http://127.0.0.1:{redirecting.server_port}/x", limit=100)
    finally:
        release.set()
        for server in (silent, redirecting):
            server.shutdown()
            server.server_close()
