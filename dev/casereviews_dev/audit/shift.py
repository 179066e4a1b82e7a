"""Cumulative layout shift of a page as Chromium reports it (the Layout Instability API), measured in a real
browser from the first byte until the page has finished its own work.

Lighthouse reports the same figure; this is the quick, deterministic way to get it for a test: no throttling and
no scores, only whether anything on the page moved that the reader did not move.
"""

from __future__ import annotations

OBSERVE = """() => {
  window.__cr_shift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cr_shift += e.value;
  }).observe({type: "layout-shift", buffered: true});
}"""


def layout_shift(browser, url: str, viewport: dict[str, int], ready: str | None = None,
                 settle_ms: int = 500) -> float:
    """The page's cumulative layout shift at ``viewport``, after load, network idle and ``ready`` (a CSS
    selector that shows the page's script has finished), plus ``settle_ms`` of quiet for late shifts."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        if ready:
            page.wait_for_selector(ready, state="attached", timeout=30_000)
        page.evaluate(OBSERVE)
        # Two animation frames, then the quiet period: shifts are reported after the frame that made them.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.wait_for_timeout(settle_ms)
        return float(page.evaluate("() => window.__cr_shift"))
    finally:
        context.close()
