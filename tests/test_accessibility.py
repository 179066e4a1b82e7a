"""Accessibility and privacy of every page type, checked in real headless Chromium on the demo content.

Partnerships are public bodies: the site must meet WCAG 2.2 AA (Public Sector Bodies Accessibility Regulations
2018), work by keyboard alone, and hand no visitor's visit to anyone else. So these tests build the demo site
once, serve it on 127.0.0.1 and, for each page type at a desktop and a phone viewport:

- run axe-core (the npm package pinned in package.json, installed by ``scripts/setup --test``) with the WCAG
  2.0/2.1/2.2 A and AA rules and expect no violation;
- record every request and cookie and expect none that leaves the local server;
- walk the page with the Tab key (home, review, and the search page and action plan history once they exist).

``PAGE_TYPES`` is the one table of page types; every one of them must exist in the demo build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitebuild import REPO, serve

pytestmark = pytest.mark.browser


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# The one table of page types: type -> address on the demo site (reviews/, REVIEWS_AS_OF=2026-11-26 12:00Z).
PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "review (published)": "/reviews/2024-child-ruby/",
    "review (withdrawn)": "/reviews/2022-child-maya/",
    "review (archived)": "/reviews/2016-child-harriet/",
    "briefing": "/reviews/2024-child-ruby/briefing/",
    "action plan": "/reviews/2024-child-ruby/action-plan/",
    "action plan dashboard": "/action-plans/",
    "agency page": "/agencies/childrens-social-care/",
    "meeting pack": "/action-plans/meetings/meb/2026-09-03/",
    "meetings index": "/action-plans/meetings/",
    "theme page": "/themes/neglect/",
    "themes index": "/themes/",
    "reviews listing": "/reviews/",
    "briefings listing": "/briefings/",
    "search (with results)": "/search/?q=neglect",
    "editor's guide": "/editor-guide/",
    "accessibility statement": "/accessibility/",
    "privacy note": "/privacy/",
    # The register of recommendations (issue 16).
    "register of recommendations": "/recommendations/",
    "register (filtered with JavaScript)": "/recommendations/?theme=information-sharing",
    "register narrowed by theme": "/recommendations/theme/information-sharing/",
    "recurring learning": "/recommendations/recurring/",
    "theme page with recurrence": "/themes/information-sharing/",
    "review with earlier learning": "/reviews/2021-baby-noah/",
}

# What shows that a page has finished its own work in the browser (search results arrive after load).
READY: dict[str, str] = {
    "search (with results)": ".md-content a[href*='/reviews/']",
    "register (filtered with JavaScript)": "#cr-reg-results li.cr-reg",
}

# Hosts of trackers and font and script CDNs that must never be named in a page's HTML.
TRACKER_HINTS = ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "gtag(",
                 "cdn.jsdelivr", "unpkg.com", "cdnjs.cloudflare", "plausible.io", "hotjar", "clarity.ms")


# ---------------------------------------------------------------------------------------------------------------
# The site, the server and the browser, once per session
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def demo_site(demo_build) -> Path:
    """The demo content built exactly as an editor's CI builds it, into a folder of its own (conftest.py)."""
    return demo_build.site


@pytest.fixture(scope="session")
def origin(demo_site: Path) -> Iterator[str]:
    """The demo site over plain HTTP on 127.0.0.1, as a visitor's browser would fetch it."""
    url, stop = serve(demo_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium


def built_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.strip("/")
    return site / path / "index.html" if path else site / "index.html"


def require_page(site: Path, page_type: str) -> str:
    """The page type's address; a page type missing from the demo build is a failure, not a skip."""
    url = PAGE_TYPES[page_type]
    assert built_file(site, url).exists(), f"the {page_type} page ({url}) is missing from the demo build"
    return url


def open_page(browser, origin: str, url: str, viewport: str, page_type: str = ""):
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    page = context.new_page()
    page.goto(origin + url, wait_until="load")
    if page_type in READY:
        page.wait_for_selector(READY[page_type], timeout=30_000)
    return context, page


# ---------------------------------------------------------------------------------------------------------------
# axe-core
# ---------------------------------------------------------------------------------------------------------------

def run_axe(page) -> list[dict]:
    assert AXE.exists(), "axe-core is missing: run scripts/setup --test (npm ci)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.replace(/\\s+/g, ' ').slice(0, 160),
                                        summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append("      " + " ".join((node["summary"] or "").split()))
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_axe_violations(browser, origin, demo_site, page_type, viewport):
    url = require_page(demo_site, page_type)
    context, page = open_page(browser, origin, url, viewport, page_type)
    try:
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe found WCAG A/AA problems on the {page_type} page {url} ({viewport}):\n" + describe(
        violations)


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_reflows_to_320_pixels_without_sideways_scrolling(browser, origin, demo_site, page_type):
    """WCAG 1.4.10: at 400% zoom of a 1280px window (320 CSS pixels) the page must not scroll sideways. A wide
    table may scroll inside its own box."""
    url = require_page(demo_site, page_type)
    context = browser.new_context(viewport={"width": 320, "height": 640}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(origin + url, wait_until="load")
        if page_type in READY:
            page.wait_for_selector(READY[page_type], timeout=30_000)
        wide = page.evaluate("""() => document.documentElement.scrollWidth > innerWidth
            ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className) : []""")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    finally:
        context.close()
    assert overflow <= 0, f"the {page_type} page scrolls {overflow}px sideways at 320px; too wide: {wide}"


# Text as a reader meets it: paragraphs and list items of some length inside the content (prose, whose line
# length matters), and the cells of tables of reviews (whose size and spacing matter).
_READING = """() => [...document.querySelectorAll('.md-content :is(p, li, dd, td)')]
  .filter(el => !el.closest('nav, .md-footer'))
  .map(el => ({el, prose: !el.closest('table') && el.innerText.trim().length > 100}))
  .filter(({el, prose}) => prose || (el.tagName === 'TD' && el.innerText.trim().length > 0))
  .map(({el, prose}) => {
    const s = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.textContent = el.innerText.replace(/\\s+/g, ' ').trim();
    probe.style.whiteSpace = 'nowrap';
    probe.style.position = 'absolute';
    el.appendChild(probe);
    const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
    probe.remove();
    const width = el.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return {text: el.innerText.slice(0, 40), prose: prose, size: parseFloat(s.fontSize),
            leading: parseFloat(s.lineHeight) / parseFloat(s.fontSize), chars: Math.round(width / perChar)};
  })"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_body_text_is_comfortable_to_read(browser, origin, demo_site, page_type, viewport):
    """Practitioners read briefings and summaries on a phone: text of 16px or more, lines spaced at least 1.5,
    and on a wide screen no more than 80 characters to a line."""
    url = require_page(demo_site, page_type)
    context, page = open_page(browser, origin, url, viewport, page_type)
    try:
        blocks = page.evaluate(_READING)
    finally:
        context.close()
    assert blocks, f"the {page_type} page has no text in its content"
    small = [b for b in blocks if b["size"] < 16]
    assert not small, f"{page_type} ({viewport}): text under 16px: {small[:3]}"
    tight = [b for b in blocks if b["leading"] < 1.5]
    assert not tight, f"{page_type} ({viewport}): line spacing under 1.5: {tight[:3]}"
    long = [b for b in blocks if b["prose"] and b["chars"] > 80]
    assert not long, f"{page_type} ({viewport}): lines of more than 80 characters: {long[:3]}"


# ---------------------------------------------------------------------------------------------------------------
# Nothing leaves the site's own origin
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_request_leaves_the_site(browser, origin, demo_site, page_type, viewport):
    url = require_page(demo_site, page_type)
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        page.goto(origin + url, wait_until="networkidle")
        if page_type in READY:
            page.wait_for_selector(READY[page_type], timeout=30_000)
            page.wait_for_load_state("networkidle")
        cookies = context.cookies()
        storage = page.evaluate("() => [document.cookie, localStorage.length, sessionStorage.length]")
    finally:
        context.close()
    assert requested, "the recorder saw no request at all, so it proves nothing"
    foreign = [u for u in requested if not (u.startswith(origin + "/") or u.startswith(("data:", "blob:")))]
    assert not foreign, f"the {page_type} page ({viewport}) asked other hosts for: " + ", ".join(foreign)
    assert cookies == [], f"the {page_type} page set cookies: {cookies}"
    assert storage == ["", 0, 0], f"the {page_type} page stored something in the browser: {storage}"


class _Resources(HTMLParser):
    """Every address a page makes the browser fetch by itself (not links a reader may choose to follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "track", "embed") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "img" and a.get("srcset"):
            self.fetched.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if tag == "object" and a.get("data"):
            self.fetched.append(a["data"])
        rel = set((a.get("rel") or "").lower().split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                                    "dns-prefetch", "manifest", "apple-touch-icon"}:
            self.fetched.append(a.get("href") or "")


def test_built_pages_name_no_other_host_to_fetch(demo_site):
    """A static check of every built page, covering pages that no browser test opens."""
    problems = []
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        parser = _Resources()
        parser.feed(text)
        for address in parser.fetched:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", address, re.I):
                problems.append(f"{path.relative_to(demo_site)}: fetches {address}")
        lowered = text.lower()
        problems += [f"{path.relative_to(demo_site)}: names {hint}" for hint in TRACKER_HINTS if hint in lowered]
    for css in sorted(demo_site.rglob("*.css")):
        for address in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(demo_site)}: fetches {address}")
    assert not problems, "\n".join(problems)


def test_the_theme_is_told_to_fetch_nothing():
    """Material fetches Google Fonts unless told not to, and repository facts when repo_url is set."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+font:\s*false\b", text, re.M)
    assert not re.search(r"^repo_url:", text, re.M)
    assert "pymdownx.emoji" not in text  # its default twemoji index points at a CDN


# ---------------------------------------------------------------------------------------------------------------
# Keyboard
# ---------------------------------------------------------------------------------------------------------------

# Every control a visible, enabled element could be; tab order is compared against these in document order.
FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
             "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])")

_MARK_CONTROLS = """(selector) => {
  const visible = el => {
    if (!el.checkVisibility({checkVisibilityCSS: true})) return false;
    if (el.closest('[inert], [hidden]')) return false;
    const d = el.closest('details:not([open])');
    if (d && !(el.tagName === 'SUMMARY' && el.parentElement === d)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  let i = 0;
  for (const el of document.querySelectorAll('*')) {
    el.dataset.kbOrder = String(i++);
    el.dataset.kbShadow = getComputedStyle(el).boxShadow;  // a shadow that is always there is no focus sign
  }
  return [...document.querySelectorAll(selector)]
    .filter(el => el.tabIndex >= 0 && visible(el))
    .map(el => Number(el.dataset.kbOrder));
}"""

# The focused element as a reader sees it, once its focus transitions (such as the skip link's) have finished.
_FOCUSED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  await Promise.all(el.getAnimations().map(a => a.finished.catch(() => null)));
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1
                  && !/rgba\\(\\d+, \\d+, \\d+, 0\\)|transparent/.test(s.outlineColor);
  const shadow = s.boxShadow !== 'none' && s.boxShadow !== el.dataset.kbShadow;
  const shown = el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && r.width > 0 && r.height > 0;
  const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 8), 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const uncovered = !!top && (el === top || el.contains(top) || top.contains(el));
  return {order: Number(el.dataset.kbOrder), tag: el.tagName.toLowerCase(),
          text: (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 60),
          href: el.getAttribute('href'), outline: outline, shadow: shadow, seen: shown && inView && uncovered,
          color: s.color, onWhite: !!el.closest('.md-content'),
          style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} / ${s.boxShadow}`};
}"""


def contrast_on_white(color: str) -> float:
    """WCAG contrast of a computed ``rgb(...)``/``rgba(...)`` text colour (blended onto white) against white."""
    parts = [float(x) for x in re.findall(r"[\d.]+", color)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    channels = [(c * alpha + 255 * (1 - alpha)) / 255 for c in parts[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def tab_through(page, limit: int = 300) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the document or comes round again."""
    stops: list[dict] = []
    seen: set[int] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["order"] in seen:
            break
        seen.add(focused["order"])
        stops.append(focused)
    return stops


def check_keyboard_walk(page, label: str) -> list[dict]:
    controls = page.evaluate(_MARK_CONTROLS, FOCUSABLE)
    stops = tab_through(page)
    assert stops, f"{label}: Tab focuses nothing"
    orders = [s["order"] for s in stops]
    missed = sorted(set(controls) - set(orders))
    if missed:
        names = page.evaluate("(ids) => ids.map(i => document.querySelector(`[data-kb-order='${i}']`).outerHTML"
                              ".slice(0, 120))", missed)
        pytest.fail(f"{label}: {len(missed)} visible controls are never reached by Tab:\n" + "\n".join(names))
    assert orders == sorted(orders), f"{label}: Tab order does not follow the page's reading order: " + " > ".join(
        s["text"] or s["tag"] for s in stops)
    no_ring = [s for s in stops if not (s["outline"] or s["shadow"])]
    assert not no_ring, f"{label}: no visible focus indicator on: " + "; ".join(
        f"{s['text'] or s['tag']} ({s['style']})" for s in no_ring)
    pale = [s for s in stops if s["onWhite"] and s["text"] and contrast_on_white(s["color"]) < 4.5]
    assert not pale, f"{label}: focused text below 4.5:1: " + "; ".join(f"{s['text']} ({s['color']})" for s in pale)
    hidden = [s for s in stops if not s["seen"]]
    assert not hidden, f"{label}: focused controls are invisible, off screen or covered: " + "; ".join(
        s["text"] or s["tag"] for s in hidden)
    return stops


def check_skip_link(page, label: str) -> None:
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUSED)
    assert first and "skip" in first["text"].lower(), f"{label}: the first Tab stop is not a skip link: {first}"
    assert first["seen"], f"{label}: the skip link is not visible when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate("() => !!document.activeElement.closest('.md-content') "
                           "&& !document.activeElement.closest('.md-sidebar, .md-header, .md-tabs')")
    assert landed, f"{label}: after the skip link, Tab does not go to the page's content"


KEYBOARD_PAGES = ["home", "review (published)"]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", KEYBOARD_PAGES)
def test_every_control_is_reached_by_tab_with_a_visible_focus(browser, origin, demo_site, page_type, viewport):
    url = require_page(demo_site, page_type)
    context, page = open_page(browser, origin, url, viewport, page_type)
    try:
        stops = check_keyboard_walk(page, f"{page_type} ({viewport})")
    finally:
        context.close()
    assert "skip" in stops[0]["text"].lower()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", KEYBOARD_PAGES)
def test_skip_link_goes_to_the_content(browser, origin, demo_site, page_type, viewport):
    url = require_page(demo_site, page_type)
    context, page = open_page(browser, origin, url, viewport, page_type)
    try:
        check_skip_link(page, f"{page_type} ({viewport})")
    finally:
        context.close()


def test_search_by_keyboard_alone(browser, origin, demo_site):
    """Type a query, Tab to a filter, tick it with Space: the results change."""
    require_page(demo_site, "search (with results)")
    context, page = open_page(browser, origin, "/search/", "phone")
    try:
        box = page.locator(".md-content input[type=search], .md-content [role=searchbox]").first
        box.focus()
        page.keyboard.type("neglect")
        page.keyboard.press("Enter")
        page.wait_for_selector(READY["search (with results)"], timeout=30_000)
        results = page.locator(".md-content").inner_text()
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('details:not([open]) > summary')"):
                page.keyboard.press("Enter")  # on a phone the filters start folded: open them as a reader would
            if page.evaluate("() => document.activeElement.matches('input[type=checkbox]')"):
                break
        else:
            pytest.fail("no filter checkbox is reached by Tab from the search box")
        focused = page.evaluate(_FOCUSED)
        assert focused["outline"] or focused["shadow"], f"the filter has no visible focus: {focused['style']}"
        page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked")
        page.wait_for_function("(before) => document.querySelector('.md-content').innerText !== before", arg=results,
                               timeout=30_000)
    finally:
        context.close()


def test_action_plan_history_opens_by_keyboard(browser, origin, demo_site):
    """Each action's dated history is collapsed; Tab to its summary and Enter opens it."""
    require_page(demo_site, "action plan")
    context, page = open_page(browser, origin, PAGE_TYPES["action plan"], "phone")
    try:
        assert page.locator(".md-content details:not([open]) > summary").count(), "no collapsed history found"
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.tagName === 'SUMMARY'"):
                break
        else:
            pytest.fail("no history summary is reached by Tab")
        focused = page.evaluate(_FOCUSED)
        assert focused["outline"] or focused["shadow"], f"the summary has no visible focus: {focused['style']}"
        assert not page.evaluate("() => document.activeElement.parentElement.open")
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.parentElement.open")
        page.keyboard.press("Enter")
        assert not page.evaluate("() => document.activeElement.parentElement.open")
    finally:
        context.close()



@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_section_is_reached_by_keyboard_at_every_width(browser, origin, demo_site, viewport):
    """On a phone Material's menu button is not a keyboard control, so every section of the header tabs must be
    reachable by Tab some other way (the footer), as must the accessibility statement and privacy note."""
    context, page = open_page(browser, origin, PAGE_TYPES["review (published)"], viewport)
    try:
        page.evaluate(_MARK_CONTROLS, FOCUSABLE)
        sections = set(page.eval_on_selector_all(".md-tabs__link", "links => links.map(a => a.href)"))
        sections |= {origin + "/accessibility/", origin + "/privacy/"}
        stops = tab_through(page)
        reached = set(page.evaluate("(orders) => orders.map(i => document.querySelector(`[data-kb-order='${i}']`)"
                                    ".href).filter(Boolean)", [s["order"] for s in stops]))
    finally:
        context.close()
    assert len(sections) > 3
    assert not sections - reached, f"({viewport}) sections never reached by Tab: {sorted(sections - reached)}"
