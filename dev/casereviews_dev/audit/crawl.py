"""A crawl of every built page: each link, stylesheet, script and image that points inside the site must reach a
file, and each ``#fragment`` an element with that id (or a named anchor) on the target page.

Read from the built folder, resolving addresses as a browser does against each page's own address, so a link
that only works from the site root (``//accessibility/``, which a browser reads as another host) is caught.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "http://site.invalid"  # a stand-in origin: addresses are resolved against it as a browser would


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (tag.attribute, value)
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "base" and "href" in a:
            self.base = a["href"]
        for attr in ("href", "src"):
            if attr in a and tag in ("a", "link", "script", "img", "iframe", "source", "area"):
                if tag == "link" and not set(a.get("rel", "").split()) & {"stylesheet", "icon", "alternate",
                                                                          "canonical", "prev", "next", "preload"}:
                    continue
                self.refs.append((f"{tag}.{attr}", a[attr]))


@dataclass(frozen=True)
class Broken:
    page: str  # the page's address, e.g. /reviews/
    ref: str  # what it links to, as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.ref}: {self.reason}"


@dataclass(frozen=True)
class CrawlResult:
    pages: int
    links: int
    fragments: int
    broken: tuple[Broken, ...]

    @property
    def broken_links(self) -> list[Broken]:
        return [b for b in self.broken if not b.reason.startswith("no element")]

    @property
    def broken_fragments(self) -> list[Broken]:
        return [b for b in self.broken if b.reason.startswith("no element")]


def page_address(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel.removesuffix("index.html")
    return "/" + rel


def _target_file(site: Path, path: str) -> Path | None:
    rel = unquote(path).lstrip("/")
    target = site / rel
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def crawl(site: Path, only: list[Path] | None = None) -> CrawlResult:
    """Check every page of ``site`` (or the pages ``only`` lists: their links still reach into the whole site)."""
    site = site.resolve()
    parsed: dict[Path, _PageParser] = {}

    def parse(file: Path) -> _PageParser:
        if file not in parsed:
            parser = _PageParser()
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            parsed[file] = parser
        return parsed[file]

    pages = sorted(site.rglob("*.html")) if only is None else sorted(p.resolve() for p in only)
    broken: list[Broken] = []
    links = fragments = 0
    for file in pages:
        address = page_address(site, file)
        page = parse(file)
        # GitHub Pages answers every missing address with 404.html: its links must work from any depth.
        served_at = "/no/such/page/" if address == "/404.html" else address
        base = urljoin(ORIGIN + served_at, page.base) if page.base else ORIGIN + served_at
        for what, ref in page.refs:
            if ref.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            if ref.startswith("#"):  # this document, wherever it is served
                if what == "a.href" and len(ref) > 1:
                    fragments += 1
                    if unquote(ref[1:]) not in page.ids:
                        broken.append(Broken(address, ref, f"no element with id {ref[1:]!r} on this page"))
                links += 1
                continue
            url = urljoin(base, ref)
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                if ref.startswith("//") or (parts.netloc and "." not in parts.netloc):
                    broken.append(Broken(address, ref, "read by a browser as another host"))
                continue  # a link to another site is not this crawl's business
            links += 1
            target = _target_file(site, parts.path)
            if target is None:
                broken.append(Broken(address, ref, f"no file at {parts.path}"))
                continue
            if parts.fragment and target.suffix == ".html" and what == "a.href":
                fragments += 1
                name = unquote(parts.fragment)
                if name not in parse(target).ids and name != "top":
                    broken.append(Broken(address, ref, f"no element with id {name!r} on {parts.path}"))
    return CrawlResult(len(pages), links, fragments, tuple(broken))
