"""Nothing hostile runs: a corpus with a hostile string in every text field and every vocabulary text
(tests/hostile_content.py), built once with a real ``mkdocs build``, then

- every HTML page parsed with html5lib (an HTML5 parser nobody on the project wrote): no script the site did not
  write, no event attribute, no injected image, and wherever a field's marker appears its whole string is there as
  text or as one attribute value (a string that broke out of its context arrives cut in pieces);
- the places each field should land (``<title>``, meta description, Open Graph, JSON-LD, header, headings) hold
  exactly the text the editor wrote;
- every XML file parsed with an XML parser, every JSON file (and Pagefind's fragments) with json, every CSV cell
  read back unchanged;
- document links with '#', '?', a space and an accent percent-encoded, and resolving to the file;
- the review, briefing, action plan, theme and agency pages (and the listings and search results) opened in
  Chromium, where no injected script may run, no dialog open and no injected image load.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import html5lib
import pytest
from hostile_content import EXTRA, FIELDS_WITH_PAYLOADS, MARKER, files, hostile_vocabulary, payload
from sitebuild import REPO, build_ok, serve, write_project

SITE_NAME = "Harrowmere Safeguarding Children Partnership – Case reviews"
EXECUTABLE = {None, "", "text/javascript", "module", "application/javascript"}
CONTENT = ".//article[@class='md-content__inner md-typeset']"  # Material's content area
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def norm(text: str) -> str:
    """Whitespace as a reader sees it (U+2028 counts as whitespace), case folded: ``lower`` is applied to some
    labels, and descriptions have their whitespace joined."""
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_project(tmp_path_factory.mktemp("hostile"), files(), vocabulary=hostile_vocabulary(), extra=EXTRA)
    return build_ok(root)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, object]:
    return {p.relative_to(site).as_posix(): html5lib.parse(p.read_bytes(), namespaceHTMLElements=False)
            for p in sorted(site.rglob("*.html"))}


def page(pages, path: str):
    return pages[path]


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for value in data.values() if isinstance(data, dict) else data:
            yield from _strings(value)


def _texts(element):
    """(description, text) of every text node and attribute value under ``element``; of a JSON script, every
    string in the JSON (where '<' is written as \\u003c)."""
    for el in element.iter():
        if not isinstance(el.tag, str):  # comments
            continue
        for name, value in el.attrib.items():
            yield f"<{el.tag} {name}>", unquote(value) if name in ("href", "src") else value
        if el.tag == "script" and el.get("type") in DATA_SCRIPTS:
            yield from ((f"<script type={el.get('type')}> string", s) for s in _strings(json.loads(el.text)))
        elif el.text:
            yield f"<{el.tag}> text", el.text
        if el.tail:
            yield f"after <{el.tag}>", el.tail


SLUG = re.compile(r"#?[\w-]+")
# A withdrawn review's summary leaves with the report; review type and age band descriptions are for editors.
# A briefing format's section title names the section's anchor only; the page shows the editor's heading.
NOT_SHOWN = {"wsummary", "rtypedesc", "agebanddesc", "section"}


def _payload_fields() -> dict[str, str]:
    return {field: norm(payload(field)) for field in FIELDS_WITH_PAYLOADS}


PERMALINK = re.compile(r"recommendation/[a-z0-9-]+/[A-Za-z0-9.-]+/index\.html\Z")
PLAN_ANCHOR = re.compile(r"\.\./\.\./\.\./reviews/[a-z0-9-]+/action-plan/#rec-[A-Za-z0-9.-]+\Z")


def _own_permalink_refresh(name: str, tree, meta) -> bool:
    """The one refresh the site writes itself: a recommendation's permalink page sends the reader to the
    recommendation on its plan page, the same address as the page's canonical link. Nothing else may refresh."""
    canonical = [link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"]
    content = meta.get("content", "")
    return (bool(PERMALINK.match(name)) and meta.get("http-equiv", "").lower() == "refresh"
            and len(canonical) == 1 and bool(PLAN_ANCHOR.match(canonical[0]))
            and content == f"0; url={canonical[0]}")


def test_no_page_holds_an_injected_script_attribute_or_element(pages):
    assert len(pages) > 20
    problems = []
    for name, tree in pages.items():
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in el.attrib:
                if attr.lower().startswith("on"):
                    problems.append(f"{name}: <{el.tag}> has an event attribute {attr}")
            if el.tag == "img" and el.get("src") == "x":
                problems.append(f"{name}: an injected <img src=x>")
            if el.tag in ("iframe", "object", "embed", "base", "frame", "frameset"):
                problems.append(f"{name}: an injected <{el.tag}>")
            for attr in ("href", "src", "action", "formaction"):
                if "".join(el.get(attr, "").split()).lower().startswith(("javascript:", "data:", "vbscript:")):
                    problems.append(f"{name}: <{el.tag} {attr}={el.get(attr)!r}>")
            if el.tag == "meta" and el.get("http-equiv") and not _own_permalink_refresh(name, tree, el):
                problems.append(f"{name}: a <meta http-equiv>")
            if el.tag == "script":
                kind = el.get("type")
                text = el.text or ""
                if kind in DATA_SCRIPTS:
                    try:
                        json.loads(text)
                    except ValueError as err:
                        problems.append(f"{name}: a {kind} script is not JSON: {err}")
                elif kind not in EXECUTABLE:
                    problems.append(f"{name}: a script of unexpected type {kind!r}")
                elif "__pwned" in text or "alert(" in text:
                    problems.append(f"{name}: an injected script: {text[:80]!r}")
                if el.get("src") and urlsplit(el.get("src")).netloc:
                    problems.append(f"{name}: a script from another site: {el.get('src')}")
    assert problems == []


def test_every_field_lands_whole_wherever_it_appears(pages):
    """A string that escaped its context is cut: the text before the injected tag ends early. So every text node
    or attribute value holding a field's marker must hold that field's whole string."""
    wanted = _payload_fields()
    seen: set[str] = set()
    problems = []
    for name, tree in pages.items():
        for where, value in _texts(tree):
            if SLUG.fullmatch(value):
                continue  # an anchor made from a title by slugify: letters, digits and hyphens only
            for field in set(MARKER.findall(value)):
                if field not in wanted:
                    continue  # a body marker: bodies are Markdown, checked by the HTML policy
                seen.add(field)
                if wanted[field] not in norm(value):
                    problems.append(f"{name}: {where}: {field} cut short: {value[:120]!r}")
    assert problems == []
    assert seen == set(wanted) - NOT_SHOWN, f"never shown: {sorted(set(wanted) - NOT_SHOWN - seen)}"


def _only(tree, path: str):
    found = tree.findall(path)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def _meta(tree, attr: str, value: str) -> str:
    return next(m.get("content") for m in tree.iter("meta") if m.get(attr) == value)


def _header_title(tree) -> str:
    topics = [d for d in tree.iter("div") if d.get("data-md-component") == "header-topic"]
    return "".join(topics[0].itertext())


@pytest.mark.parametrize(("path", "title"), [
    ("reviews/2024-child-h/index.html", payload("title")),
    ("reviews/2024-child-h/briefing/index.html", payload("briefingtitle")),
    ("reviews/2023-child-n/briefing/index.html", payload("notetitle")),
    ("reviews/2024-child-h/action-plan/index.html", "Action plan: " + payload("title")),
    ("themes/neglect/index.html", payload("theme")),
    ("agencies/police/index.html", "Actions led by " + payload("agency")),
    ("reviews/2021-child-w/index.html", payload("wtitle")),
    ("families/hostile/index.html", "Reviews about " + payload("family")),
])
def test_titles_are_text_in_title_header_h1_and_open_graph(pages, path, title):
    tree = page(pages, path)
    assert _only(tree, "head/title").text == f"{title} - {SITE_NAME}"
    assert norm(_header_title(tree)) == norm(title)
    assert _meta(tree, "property", "og:title") == title
    assert "".join(_only(tree, CONTENT + "//h1").itertext()) == title


@pytest.mark.parametrize(("path", "field", "prefix"), [
    ("reviews/2024-child-h/index.html", "summary", ""),
    ("reviews/2021-child-w/index.html", "wreason", "This review has been withdrawn. "),
    ("reviews/2016-child-z/index.html", "asummary", "Archived catalogue record. "),
    ("themes/neglect/index.html", "themedesc", ""),
])
def test_descriptions_are_text_in_meta_and_open_graph(pages, path, field, prefix):
    tree = page(pages, path)
    expected = " ".join((prefix + payload(field)).split())
    assert _meta(tree, "name", "description") == expected
    assert _meta(tree, "property", "og:description") == expected


def test_json_ld_is_escaped_for_its_script_element_and_reads_back(site, pages):
    raw = (site / "reviews/2024-child-h/index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    text = raw[start:raw.index("</script>", start)]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text, f"{bad!r} written raw inside the JSON-LD"
    data = json.loads(text)
    assert data["name"] == payload("title")
    assert data["description"] == payload("summary")
    assert data["publisher"]["name"] == payload("partnership")
    assert [m["name"] for m in data["associatedMedia"]] == [payload("doctitle"), payload("linktitle")]
    assert [t["name"] for t in data["about"]] == [payload("theme"), payload("themetwo")]


def test_review_page_shows_every_field_as_text(pages):
    tree = page(pages, "reviews/2024-child-h/index.html")
    text = norm("".join(_only(tree, CONTENT).itertext()))
    for field in ("title", "summary", "pseudonym", "partnership", "learning", "learningtwo", "doctitle",
                  "linktitle", "rtype", "theme", "themetwo", "agency", "agencytwo", "ageband"):
        assert norm(payload(field)) in text, field
    # The body's hostile text is Markdown text, shown as text; its code block is code.
    assert norm("window.__pwned.push('body')</script>") in text
    assert any("window.__pwned.push('code')" in "".join(c.itertext()) for c in tree.iter("code"))
    assert [a.get("title") for a in tree.iter("abbr")] == ["Health visiting"]


def test_a_partnerships_briefing_format_shows_its_names_as_text(pages):
    tree = page(pages, "reviews/2022-thematic-t/briefing/index.html")
    text = norm("".join(_only(tree, CONTENT).itertext()))
    assert norm(payload("format")) in text  # the kicker
    # The heading is the editor's wording; the format's (hostile) title only names the section's anchor.
    heading = next(h for h in tree.iter("h2") if (h.get("id") or "").startswith("hxsectionq"))
    assert norm("".join(heading.itertext())) == norm("1 Plain heading¶")


def test_action_plan_page_shows_every_field_as_text(pages):
    tree = page(pages, "reviews/2024-child-h/action-plan/index.html")
    text = norm("".join(_only(tree, CONTENT).itertext()))
    for field in ("monitoredby", "reportsto", "rectext", "responsenote", "actiontext", "updatenote", "updateby",
                  "evidence", "agency", "agencytwo"):
        assert norm(payload(field)) in text, field


def test_every_xml_file_parses_and_the_feed_holds_the_text(site):
    xml_files = sorted(site.rglob("*.xml"))
    assert {p.name for p in xml_files} >= {"feed.xml", "sitemap.xml"}
    for path in xml_files:
        ET.parse(path)  # raises on anything that is not well-formed XML
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert payload("title") in titles and payload("briefingtitle") in titles
    summaries = [e.findtext("a:summary", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert payload("summary") in summaries


def test_every_json_file_parses_and_reads_back(site):
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    data = json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))
    review = next(r for r in data["reviews"] if r["slug"] == "2024-child-h")
    assert (review["title"], review["summary"], review["pseudonym"]) == \
        (payload("title"), payload("summary"), payload("pseudonym"))
    assert review["key_learning"] == [payload("learning"), payload("learningtwo")]
    assert [t["label"] for t in review["themes"]] == [payload("theme"), payload("themetwo")]
    # Pagefind's fragments are gzip'd JSON after a signature: the title it shows in results is the editor's text.
    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in (site / "pagefind/fragment").iterdir()]
    assert norm(payload("title")) in {norm(f["meta"].get("title", "")) for f in fragments}  # spaces joined


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_csv_cells_read_back_unchanged(site):
    review = next(r for r in _csv(site / "data/reviews.csv") if r["slug"] == "2024-child-h")
    assert (review["title"], review["summary"], review["pseudonym"], review["partnership"]) == \
        (payload("title"), payload("summary"), payload("pseudonym"), payload("partnership"))
    action = next(r for r in _csv(site / "data/actions.csv") if r["action"] == "R1.1")
    assert (action["review_title"], action["action_text"], action["lead_label"], action["last_update_note"],
            action["evidence"]) == (payload("title"), payload("actiontext"), payload("agency"),
                                    payload("updatenote"), payload("evidence"))


# -- addresses (finding 10: '#', '?', spaces and accents in file names) --------------------------------------

def test_document_links_are_percent_encoded_and_reach_the_file(site, pages):
    tree = page(pages, "reviews/2024-child-h/index.html")
    hrefs = [a.get("href") for a in tree.iter("a")]
    document = next(h for h in hrefs if h and h.startswith("files/"))
    assert document == "files/report%20%231%20%3F%C3%A9.pdf"
    target = urljoin("https://reviews.example.org/reviews/2024-child-h/", document)
    assert (site / unquote(urlsplit(target).path).lstrip("/")).read_bytes().startswith(b"%PDF")
    external = next(h for h in hrefs if h and h.startswith("https://example.org/"))
    assert external == "https://example.org/a%20report?x=1&y=%222%22%3Cb%3E#part%20%C3%A9"
    data = json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))
    review = next(r for r in data["reviews"] if r["slug"] == "2024-child-h")
    assert [d["url"] for d in review["documents"]] == [
        "https://reviews.example.org/reviews/2024-child-h/files/report%20%231%20%3F%C3%A9.pdf", external]
    ld = next(json.loads(s.text) for s in tree.iter("script") if s.get("type") == "application/ld+json")
    assert [m["contentUrl"] for m in ld["associatedMedia"]] == [d["url"] for d in review["documents"]]
    row = next(r for r in _csv(site / "data/reviews.csv") if r["slug"] == "2024-child-h")
    assert row["document_urls"] == "; ".join(d["url"] for d in review["documents"])


def test_search_links_carry_a_label_whole(pages):
    tree = page(pages, "themes/neglect/index.html")
    href = next(a.get("href") for a in tree.iter("a") if "search/?theme=" in (a.get("href") or ""))
    assert parse_qs(urlsplit(href).query) == {"theme": [payload("theme")]}
    tree = page(pages, "reviews/index.html")
    href = next(a.get("href") for a in tree.iter("a") if "search/?review_type=" in (a.get("href") or ""))
    assert parse_qs(urlsplit(href).query) == {"review_type": [payload("rtype")]}


# What a template may print outside an autoescape block: Material's own blocks (main.html: as Material prints
# them, or with one fixed string changed: the search form added to the header, the bundle deferred, the skip
# link's target) and calls that print no content.
PRINTED_RAW = {"super()", "'assets/search.js' | url",
               'super() | replace("</nav>", search_form ~ "</nav>", 1)',
               'super() | replace("<script src=", "<script defer src=", 1)',
               "super() | replace('data-md-component=\"content\">', "
               "'data-md-component=\"content\" id=\"main-content\" tabindex=\"-1\">', 1)"}
# partials/nav-item.html is Material's own with small changes: these print the theme's own markup (its macros),
# checkbox ids and states, levels and addresses; never a title or other text from content (those are escaped).
PRINTED_RAW |= {"nav_item.typeset.title", "render_title(ref)", "render_title(nav_item)",
                'render_status(nav_item, "encrypted")', "render_status(nav_item, nav_item.meta.status)",
                "render_pruned(first, ref)", "render_pruned(nav_item)", "render_content(ref)",
                "render_content(nav_item)", "render_content(index, nav_item)", "class",
                'render(item, path ~ "_" ~ loop.index, level + 1, nav_item)', "first.url | url",
                "index.url | url", "nav_item.url | url", "indeterminate", "path", "checked", "tabindex", "level",
                "nav_item.active | tojson"}


def test_every_template_prints_content_inside_autoescape():
    """MkDocs' Jinja does not autoescape: a new template, or a line added outside its autoescape block, would print
    content raw. Every expression printed outside one must be known to print no content, or be escaped."""
    raw = []
    for path in sorted((REPO / "overrides").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        outside = re.sub(r"\{% autoescape true %\}.*?\{% endautoescape %\}", "", text, flags=re.S)
        for expression in re.findall(r"\{\{-?(.*?)-?\}\}", outside, flags=re.S):
            expression = " ".join(expression.split())
            if expression not in PRINTED_RAW and not expression.endswith("| e"):
                raw.append(f"{path.relative_to(REPO)}: {{{{ {expression} }}}}")
    assert raw == []


# -- in a browser ---------------------------------------------------------------------------------------------

BROWSER_PAGES = [
    "reviews/2024-child-h/", "reviews/2024-child-h/briefing/", "reviews/2024-child-h/action-plan/",
    "reviews/2023-child-n/briefing/", "reviews/2022-thematic-t/briefing/", "families/hostile/",
    "action-plans/meetings/", "action-plans/meetings/lprg/2025-02-01/",
    "themes/neglect/", "agencies/police/", "reviews/2021-child-w/", "reviews/2016-child-z/", "", "reviews/",
    "briefings/", "themes/", "agencies/", "action-plans/", "action-plans/report/",
]


@pytest.fixture(scope="module")
def served(site):
    url, stop = serve(site)
    yield url
    stop()


@pytest.mark.browser
def test_no_injected_script_runs_in_chromium(chromium, served):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("window.__pwned = [];")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    dialogs: list[str] = []
    injected_requests: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(f"{tab.url}: {d.message}"), d.dismiss()))
    tab.on("request", lambda r: injected_requests.append(r.url) if urlsplit(r.url).path.endswith("/x") else None)
    try:
        ran: dict[str, list[str]] = {}
        for path in BROWSER_PAGES:
            response = tab.goto(f"{served}/{path}", wait_until="load")
            assert response.status == 200, path
            pwned = tab.evaluate("() => window.__pwned")
            if pwned:
                ran[path] = pwned
            assert tab.locator("h1").count() >= 1, path  # the page really rendered
        # Search results are drawn by docs/assets/search.js from Pagefind's index: still text, never markup.
        tab.goto(f"{served}/search/?q=hxtitleq")
        tab.wait_for_function("() => document.getElementById('cr-search').dataset.busy === 'false'"
                              " && Number(document.getElementById('cr-search').dataset.done) > 0")
        titles = tab.locator("#cr-results h3").all_inner_texts()
        assert any(norm(payload("title")) in norm(t) for t in titles), titles
        if tab.evaluate("() => window.__pwned"):
            ran["search/"] = tab.evaluate("() => window.__pwned")
        # The payload's own text is on the page as text: proof the page showed it rather than dropped it.
        tab.goto(f"{served}/reviews/2024-child-h/")
        assert "window.__pwned.push('title')" in tab.inner_text("h1")
    finally:
        context.close()
    assert ran == {}
    assert dialogs == []
    assert injected_requests == []
