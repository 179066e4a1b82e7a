"""The machine-readable outputs (issue 7), from a real build of the fixture corpus: the data files against their
schema, the CSV, the Atom feed, JSON-LD and Open Graph in the head, robots.txt and the sitemap, and the
production build's demand for site_url. Each holds exactly the public items: the leak test scans them too.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
import yaml
from fixture_content import PDF, files
from jsonschema import Draft202012Validator, FormatChecker
from sitebuild import REPO, build_ok, run_build, write_project

from casereviews.build import Build
from casereviews.outputs.feed import atom
from casereviews.pages.structured import script_json

SITE = "https://reviews.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = ["2024-child-a", "2023-child-b", "2022-child-c", "2021-child-f", "2016-child-g"]  # newest first
PRODUCTION = {"REVIEWS_PRODUCTION": "1"}


@pytest.fixture(scope="module")
def site(fixture_build) -> Path:
    # A production build (conftest.fixture_build sets REVIEWS_PRODUCTION=1): the fixture project has a site_url,
    # so it must pass.
    return fixture_build.site


@pytest.fixture(scope="module")
def data(site):
    return json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(data):
    return {r["slug"]: r for r in data["reviews"]}


def without_site_url(root: Path) -> Path:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = ""
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


# -- reviews.json ----------------------------------------------------------------------------------------------

def test_json_matches_the_schema_published_beside_it(site, data):
    published = json.loads((site / "data/reviews.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads((REPO / "casereviews/schema/reviews-data.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(published)
    errors = list(Draft202012Validator(published, format_checker=FormatChecker()).iter_errors(data))
    assert errors == []


def test_the_schema_rejects_a_withdrawn_record_that_keeps_its_text(site, records):
    schema = json.loads((site / "data/reviews.schema.json").read_text(encoding="utf-8"))
    bad = {**records["2021-child-f"], "summary": "Text that withdrawal took down."}
    assert not Draft202012Validator(schema).is_valid({"publisher": "P", "licence": {"name": "n", "url": "u"},
                                                      "as_of": "2026-11-26T12:00:00+00:00", "count": 1,
                                                      "reviews": [bad]})


@pytest.mark.parametrize(("field", "value"), [("pseudonym", "F"), ("age_band", {"id": "under-1", "label": "Under 1"})])
def test_the_schema_rejects_a_withdrawn_record_that_keeps_the_childs_name_or_age(site, records, field, value):
    schema = json.loads((site / "data/reviews.schema.json").read_text(encoding="utf-8"))
    withdrawn = records["2021-child-f"]
    assert withdrawn["pseudonym"] is None and withdrawn["age_band"] is None
    envelope = {"publisher": "P", "licence": {"name": "n", "url": "u"}, "as_of": "2026-11-26T12:00:00+00:00",
                "count": 1}
    assert Draft202012Validator(schema).is_valid({**envelope, "reviews": [withdrawn]})
    assert not Draft202012Validator(schema).is_valid({**envelope, "reviews": [{**withdrawn, field: value}]})


def test_json_holds_exactly_the_public_reviews_newest_first(data):
    assert [r["slug"] for r in data["reviews"]] == PUBLIC
    assert data["count"] == 5 and data["as_of"] == "2026-11-26T12:00:00+00:00"
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    assert [r["status"] for r in data["reviews"]] == ["published", "published", "published", "withdrawn", "archived"]


def test_a_published_review_record(records):
    a = records["2024-child-a"]
    assert a["url"] == SITE + "reviews/2024-child-a/"
    assert a["title"] == "Child A: practice review"
    assert a["review_type"] == {"id": "local-child-safeguarding-practice-review",
                                "label": "Local child safeguarding practice review"}
    assert a["published"] == "2024-03-12T00:00:00+00:00"
    assert a["pseudonym"] == "A" and a["age_band"] == {"id": "under-1", "label": "Under 1"}
    assert [t["id"] for t in a["themes"]] == ["neglect", "safe-sleep"]
    assert a["agencies"] == [{"id": "police", "label": "Police"}]
    assert a["key_learning"] == ["Ask about sleep at every visit."]
    assert a["documents"][:2] == [  # then the fixture's text PDF and Word file (fixture_content.DOCUMENT_ENTRIES)
        {"title": "Overview report", "url": SITE + "reviews/2024-child-a/files/report.pdf",
         "media_type": "application/pdf", "size_bytes": len(PDF)},
        {"title": "National panel", "url": "https://example.org/panel", "media_type": None, "size_bytes": None},
    ]
    assert a["briefing_url"] == SITE + "reviews/2024-child-a/briefing/"
    assert a["action_plan_url"] == SITE + "reviews/2024-child-a/action-plan/"
    # Due 30 June 2026 and still in progress on 26 November (the 'complete' update of 1 December has not
    # happened yet): overdue, and stale since its last update in January 2025.
    assert a["action_counts"] == {"total": 1, "overdue": 1, "at-risk": 0, "in-progress": 0, "not-started": 0,
                                  "complete": 0, "assured": 0, "superseded": 0, "stale": 1}


def test_briefing_urls_only_where_the_briefing_is_public(records):
    assert records["2023-child-b"]["briefing_url"] is None  # draft
    assert records["2022-child-c"]["briefing_url"] is None  # embargoed until 2027
    assert records["2023-child-b"]["action_plan_url"] is None and records["2023-child-b"]["action_counts"] is None


def test_withdrawn_and_archived_records_keep_only_their_catalogue_record(records):
    f = records["2021-child-f"]
    assert f["status"] == "withdrawn" and "visiblewithdrawnreasonqz" in f["withdrawn_reason"]
    assert f["summary"] is None and f["key_learning"] == [] and f["documents"] == []
    assert f["briefing_url"] is None and f["action_plan_url"] is None and f["action_counts"] is None
    g = records["2016-child-g"]
    assert g["status"] == "archived" and "visiblearchivedsummaryqz" in g["summary"]
    assert g["available_until"] == "2022-12-31" and g["withdrawn_reason"] is None
    assert g["key_learning"] == [] and g["documents"] == []
    assert g["briefing_url"] is None and g["action_plan_url"] is None and g["action_counts"] is None


# -- reviews.csv -----------------------------------------------------------------------------------------------

def test_csv_is_the_same_records_flattened(site, records):
    with (site / "data/reviews.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames[0] == "slug"
    assert [row["slug"] for row in rows] == PUBLIC
    a = rows[0]
    assert a["title"] == records["2024-child-a"]["title"] and a["url"] == SITE + "reviews/2024-child-a/"
    assert a["review_type_id"] == "local-child-safeguarding-practice-review"
    assert a["theme_ids"] == "neglect; safe-sleep" and a["themes"] == "Neglect; Safe sleep"
    assert a["document_urls"].startswith(SITE + "reviews/2024-child-a/files/report.pdf; https://example.org/panel; ")
    assert (a["actions_total"], a["actions_overdue"], a["actions_at_risk"], a["actions_stale"]) == ("1", "1", "0", "1")
    f = rows[3]
    assert (f["status"], f["summary"], f["key_learning"], f["document_urls"], f["actions_total"]) == (
        "withdrawn", "", "", "", "")
    assert rows[4]["status"] == "archived" and "visiblearchivedsummaryqz" in rows[4]["summary"]


# -- feed.xml --------------------------------------------------------------------------------------------------

def feed_entries(site: Path) -> list[dict[str, str]]:
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    out = []
    for e in root.findall(f"{ATOM}entry"):
        out.append({"id": e.findtext(f"{ATOM}id"), "title": e.findtext(f"{ATOM}title"),
                    "link": e.find(f"{ATOM}link").get("href"), "updated": e.findtext(f"{ATOM}updated"),
                    "published": e.findtext(f"{ATOM}published"), "summary": e.findtext(f"{ATOM}summary"),
                    "kind": e.find(f"{ATOM}category").get("term")})
    return out


def test_feed_holds_exactly_the_public_publications_and_updates(site):
    entries = feed_entries(site)
    assert sorted((e["kind"], e["link"]) for e in entries) == sorted(
        [("review", f"{SITE}reviews/{slug}/") for slug in PUBLIC]
        + [("briefing", SITE + "reviews/2024-child-a/briefing/"),
           ("action-plan-update", SITE + "reviews/2024-child-a/action-plan/")])
    update = next(e for e in entries if e["kind"] == "action-plan-update")
    assert update["updated"].startswith("2025-01-10") and "public plan" in update["summary"]
    assert all(e["title"] and e["summary"] and e["updated"] and e["published"] for e in entries)
    withdrawn = next(e for e in entries if e["link"].endswith("2021-child-f/"))
    assert withdrawn["summary"].startswith("This review has been withdrawn.")


def test_feed_is_newest_first_with_stable_ids(site):
    entries = feed_entries(site)
    assert [e["updated"] for e in entries] == sorted((e["updated"] for e in entries), reverse=True)
    assert len({e["id"] for e in entries}) == len(entries)
    ids = {e["link"]: e["id"] for e in entries}
    assert ids[SITE + "reviews/2024-child-a/"] == "tag:reviews.example.org,2024-03-12:reviews/2024-child-a/"
    root = ET.parse(site / "feed.xml").getroot()
    assert root.findtext(f"{ATOM}id") == SITE + "feed.xml"
    assert root.findtext(f"{ATOM}updated") == entries[0]["updated"]  # its newest entry, not the build time


def test_later_items_join_the_feed_and_earlier_ids_stay(tmp_path, site):
    # By February 2027 the embargoed briefing is out, the 1 December update has happened, and the review
    # embargoed until 26 November 15:00 is public with its briefing and plan.
    later = build_ok(write_project(tmp_path, files()), as_of="2027-02-01T12:00:00+00:00")
    before = {e["id"] for e in feed_entries(site)}
    after = feed_entries(later)
    assert before < {e["id"] for e in after}
    new = [(e["kind"], e["link"]) for e in after if e["id"] not in before]
    embargoed = SITE + "reviews/2026-leakembargoedqz/"
    assert sorted(new) == [("action-plan-update", SITE + "reviews/2024-child-a/action-plan/"),
                           ("action-plan-update", embargoed + "action-plan/"),
                           ("briefing", SITE + "reviews/2022-child-c/briefing/"),
                           ("briefing", embargoed + "briefing/"), ("review", embargoed)]


def test_feed_keeps_to_the_latest_entries(tmp_path):
    root = write_project(tmp_path, files())
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    build = Build.prepare(root, config["extra"]["reviews"], SITE, environ={"REVIEWS_AS_OF": "2026-11-26"})
    full = [e.findtext(f"{ATOM}id") for e in atom(build.site, "Reviews").getroot().findall(f"{ATOM}entry")]
    short = [e.findtext(f"{ATOM}id") for e in atom(build.site, "Reviews", limit=3).getroot().findall(f"{ATOM}entry")]
    assert len(full) == 7 and short == full[:3]


# -- the head of each page -------------------------------------------------------------------------------------

def json_ld(page: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


def meta(page: str, prop: str) -> str | None:
    m = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', page)
    return unescape(m.group(1)) if m else None


def test_every_page_advertises_the_feed(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" '
                         r'href="[^"]*feed\.xml">', head), path


def test_review_page_has_a_report_in_json_ld(site, records):
    page = (site / "reviews/2024-child-a/index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    [report] = json_ld(head)
    assert report["@context"] == "https://schema.org" and report["@type"] == "Report"
    assert report["name"] == "Child A: practice review" and report["url"] == SITE + "reviews/2024-child-a/"
    assert report["datePublished"] == records["2024-child-a"]["published"]
    assert report["publisher"] == {"@type": "Organization", "name": records["2024-child-a"]["partnership"]}
    assert [(t["@type"], t["name"]) for t in report["about"]] == [("DefinedTerm", "Neglect"),
                                                                   ("DefinedTerm", "Safe sleep")]
    assert [m["contentUrl"] for m in report["associatedMedia"]][:2] == [
        SITE + "reviews/2024-child-a/files/report.pdf", "https://example.org/panel"]
    assert report["associatedMedia"][0]["encodingFormat"] == "application/pdf"
    assert [p["url"] for p in report["hasPart"]] == [SITE + "reviews/2024-child-a/briefing/",
                                                     SITE + "reviews/2024-child-a/action-plan/"]


def test_withdrawn_review_json_ld_describes_only_the_record(site):
    [report] = json_ld((site / "reviews/2021-child-f/index.html").read_text(encoding="utf-8"))
    assert report["creativeWorkStatus"] == "Withdrawn" and "visiblewithdrawnreasonqz" in report["description"]
    assert "associatedMedia" not in report and "hasPart" not in report


def test_json_ld_only_on_review_pages(site):
    assert json_ld((site / "index.html").read_text(encoding="utf-8")) == []
    assert json_ld((site / "themes/neglect/index.html").read_text(encoding="utf-8")) == []


def test_json_in_a_script_cannot_close_it():
    value = {"name": "</script><script>alert(1)</script> & <!--"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_open_graph_meta(site, records):
    page = (site / "reviews/2024-child-a/index.html").read_text(encoding="utf-8")
    assert meta(page, "og:title") == "Child A: practice review"
    assert meta(page, "og:description") == records["2024-child-a"]["summary"]
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == SITE + "reviews/2024-child-a/"
    assert meta(page, "og:site_name").startswith("Harrowmere Safeguarding Children Partnership")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert meta(home, "og:type") == "website" and meta(home, "og:url") == SITE


# -- robots.txt and the sitemap --------------------------------------------------------------------------------

def test_robots_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Disallow" not in robots
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_sitemap_lists_exactly_the_public_html_pages(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    # A recommendation's own page (/recommendation/<slug>/<id>/) only leads to its plan, whose address is its
    # canonical one: a sitemap lists canonical pages.
    pages = {SITE + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}
    pages = {url.replace(SITE + "./", SITE) for url in pages}
    assert locs == pages
    assert SITE + "reviews/2024-child-a/" in locs and not any("404" in url for url in locs)
    assert not any(f"reviews/{slug}" in url for url in locs for slug in ("2025-", "2026-"))


# -- site_url and production builds ----------------------------------------------------------------------------

def test_production_build_without_site_url_fails_clearly(tmp_path):
    root = without_site_url(write_project(tmp_path, files()))
    result = run_build(root, extra_env=PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "site_url is not set, and a production build (REVIEWS_PRODUCTION=1) needs it" in output
    assert "SITE_URL=https://" in output


def test_unclear_production_switch_is_an_error(tmp_path):
    result = run_build(write_project(tmp_path, {}), extra_env={"REVIEWS_PRODUCTION": "maybe"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "REVIEWS_PRODUCTION='maybe' is not understood: use REVIEWS_PRODUCTION=1" in result.stderr


def urls_agree(site: Path) -> int:
    """Every action's url in actions.csv is its review's action_plan_url in reviews.json and reviews.csv, plus the
    action's anchor: all three from casereviews/urls.py. Returns how many actions were compared."""
    data = json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))
    plans = {r["slug"]: r["action_plan_url"] for r in data["reviews"]}
    with (site / "data/reviews.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert {r["slug"]: r["action_plan_url"] or None for r in csv.DictReader(handle)} == plans
    with (site / "data/actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        actions = list(csv.DictReader(handle))
    for action in actions:
        assert action["url"] == f"{plans[action['review']]}#action-{action['action']}", action
    return len(actions)


def test_every_output_gives_the_same_urls(site):
    assert urls_agree(site) >= 1  # the fixture has one action
    with (site / "data/actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert all(r["url"].startswith(SITE) for r in csv.DictReader(handle))


def test_local_build_without_site_url_still_works(tmp_path):
    site = build_ok(without_site_url(write_project(tmp_path, files())), extra_env={"REVIEWS_PRODUCTION": ""})
    data = json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))
    assert data["reviews"][0]["url"] == "/reviews/2024-child-a/"
    # actions.csv once gave 'reviews/...' (no leading '/') here, where reviews.json gave '/reviews/...'
    assert urls_agree(site) >= 1  # the fixture has one action
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8").replace("# No Sitemap", "")
    assert feed_entries(site)[0]["id"].startswith("tag:localhost,")
    assert meta((site / "index.html").read_text(encoding="utf-8"), "og:url") is None
