"""Check every file the build wrote for the site's own outputs before the build may succeed: XML parses, JSON
parses (the data files, the schemas, Pagefind's entry file and the JSON-LD in every page), CSV parses with the
same number of cells in every row.

Every text value has been checked on the way in, but an output that a reader's feed reader, a repository's
harvester or a spreadsheet cannot open is a failure, not a warning: this is the last guard, so a build that
wrote one stops (and, built with ``mkdocs build``, leaves the previous site in place). Real parsers are used:
the standard library's expat for XML, ``json`` (strict: no raw control characters) for JSON, ``csv`` (strict)
for CSV, ``html.parser`` to find the JSON-LD blocks. Documents an editor published (``reviews/*/files/``) are
theirs and are not judged here.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from casereviews.problems import OutputError

ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
ROOT_ELEMENTS = {"feed.xml": ATOM_FEED, "sitemap.xml": SITEMAP, "sitemap.xml.gz": SITEMAP}
LD_JSON = b"application/ld+json"


class _JsonLd(HTMLParser):
    """Collects the text of every ``<script type="application/ld+json">`` element of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[int, str]] = []
        self._inside: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() == "application/ld+json":
            self._inside, self._text = self.getpos()[0], []

    def handle_data(self, data):
        if self._inside is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside is not None:
            self.blocks.append((self._inside, "".join(self._text)))
            self._inside = None


SUFFIXES = (".xml", ".xml.gz", ".json", ".csv", ".html")


def _ours(site_dir: Path) -> dict[str, list[Path]]:
    """The site's files by the suffixes checked here, in path order, in one walk of the folder (five ``rglob``
    passes cost a second at national scale). An editor's documents (``reviews/<slug>/files/``) are left out."""
    found: dict[str, list[Path]] = {suffix: [] for suffix in SUFFIXES}
    for folder, subfolders, names in os.walk(site_dir):
        here = Path(folder)
        parts = here.relative_to(site_dir).parts
        if len(parts) == 2 and parts[0] == "reviews" and "files" in subfolders:
            subfolders.remove("files")  # an editor's documents, copied as they are
        for name in names:
            suffix = ".xml.gz" if name.endswith(".xml.gz") else os.path.splitext(name)[1]
            if suffix in found:
                found[suffix].append(here / name)
    return {suffix: sorted(paths) for suffix, paths in found.items()}


def check_xml(name: str, data: bytes) -> str | None:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        return f"is not well-formed XML ({err})"
    expected = ROOT_ELEMENTS.get(name)
    if expected and root.tag != expected:
        return f"has the root element {root.tag}, not {expected}"
    return None


def check_json(data: bytes | str) -> str | None:
    try:
        json.loads(data if isinstance(data, str) else data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return f"is not UTF-8 ({err.reason} at byte {err.start})"
    except json.JSONDecodeError as err:
        return f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
    return None


def check_csv(data: bytes) -> str | None:
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True))
    except UnicodeDecodeError as err:
        return f"is not UTF-8 ({err.reason} at byte {err.start})"
    except csv.Error as err:
        return f"is not valid CSV ({err})"
    if not rows:
        return "is empty: it should at least have its header row"
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            return f"row {number} has {len(row)} cells, the header {width}"
    return None


def check_json_ld(data: bytes) -> str | None:
    """Parse each JSON-LD block of a page. Only the ``<script>`` element around each block is handed to the HTML
    parser (a review page is tens of KB, and parsing all of every page in Python took seconds at national scale);
    the JSON inside is parsed whole."""
    start = data.find(LD_JSON)
    while start != -1:
        begin = data.rfind(b"<script", 0, start)
        end = data.find(b"</script", start)
        if begin == -1 or end == -1:
            return "has a JSON-LD block that is not inside a complete <script> element"
        parser = _JsonLd()
        try:
            parser.feed(data[begin:data.find(b">", end) + 1].decode("utf-8"))
            parser.close()
        except UnicodeDecodeError as err:
            return f"is not UTF-8 ({err.reason})"
        line = data.count(b"\n", 0, begin) + 1
        for _, block in parser.blocks:
            problem = check_json(block)
            if problem:
                return f"has JSON-LD on line {line} that {problem}"
        start = data.find(LD_JSON, end)
    return None


def problems(site_dir: Path) -> list[str]:
    """``path: what is wrong`` for every output of ``site_dir`` that a parser refuses, in path order."""
    site_dir = Path(site_dir)
    found: list[str] = []

    def note(path: Path, problem: str | None) -> None:
        if problem:
            found.append(f"{path.relative_to(site_dir).as_posix()}: {problem}")

    files = _ours(site_dir)
    for path in files[".xml"]:
        note(path, check_xml(path.name, path.read_bytes()))
    for path in files[".xml.gz"]:
        try:
            data = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as err:
            note(path, f"is not a readable gzip file ({err})")
            continue
        note(path, check_xml(path.name, data))
    for path in files[".json"]:
        note(path, check_json(path.read_bytes()))
    for path in files[".csv"]:
        note(path, check_csv(path.read_bytes()))
    for path in files[".html"]:
        note(path, check_json_ld(path.read_bytes()))
    return found


def validate_site(site_dir: Path) -> str:
    """Raise ``OutputError`` listing every malformed output; return a one-line summary when all are sound."""
    found = problems(site_dir)
    if found:
        raise OutputError(
            "The built site failed its output check, so the build stopped and nothing was published:\n  "
            + "\n  ".join(found)
            + "\nThe content check let through something these files cannot hold; run scripts/check, and report "
            "this message with the file named if it finds nothing.")
    return "every XML, JSON, JSON-LD and CSV output parses"
