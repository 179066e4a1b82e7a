"""What a page costs a reader: the bytes a browser must fetch before it can paint anything (the HTML and every
render-blocking stylesheet and script in its head), compressed and not, and the size of its HTML.

Worked out from the built files, so the figure is the same on every run: a stylesheet link with no ``media`` (or
``all``/``screen``) blocks rendering, as does a script in the head without ``async``, ``defer`` or
``type="module"``. Scripts at the end of the body do not hold up the first paint and are not counted.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from casereviews_dev.audit.crawl import ORIGIN, page_address


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocking: list[str] = []
        self.in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "body":
            self.in_head = False
        if (tag == "link" and "stylesheet" in a.get("rel", "").split() and "disabled" not in a
                and a.get("media", "all").strip().lower() in ("", "all", "screen")):
            self.blocking.append(a.get("href", ""))
        if (tag == "script" and self.in_head and a.get("src") and "async" not in a and "defer" not in a
                and a.get("type", "") != "module"):
            self.blocking.append(a["src"])


@dataclass(frozen=True)
class Weight:
    address: str
    html: int  # bytes of HTML, uncompressed
    html_gzip: int
    first_paint: int  # HTML + render-blocking resources, uncompressed
    first_paint_gzip: int
    blocking: tuple[str, ...]  # the render-blocking resources, as site paths


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def weigh(site: Path, file: Path) -> Weight:
    site = site.resolve()
    file = file.resolve()
    html = file.read_bytes()
    parser = _HeadParser()
    parser.feed(html.decode("utf-8", errors="replace"))
    address = page_address(site, file)
    raw, packed, paths = len(html), _gzip_size(html), []
    for ref in parser.blocking:
        path = urlsplit(urljoin(ORIGIN + address, ref)).path
        target = site / path.lstrip("/")
        if target.is_file():
            data = target.read_bytes()
            raw += len(data)
            packed += _gzip_size(data)
            paths.append(path)
    return Weight(address, len(html), _gzip_size(html), raw, packed, tuple(paths))
