"""The search index: Pagefind run over the built site, after every page is written.

Pagefind reads the rendered HTML, so it can only index what the pages show, and the pages are made from the
public site alone. Which pages it indexes is decided in the templates: a page is indexed when it has a
``data-pagefind-body`` element (reviews that are not withdrawn, learning briefings, action plans); everything
else (listings, guidance pages, the search page itself) has none and is left out. The text inside published
documents is given to Pagefind as small HTML files of its own (``document_search``), never written to the site.

Pagefind keeps a whole index in memory until it writes it, so at national scale (2,000 reviews and their reports)
one index would take several GB. The index is therefore written as several bundles of bounded size, each by a
run of ``python -m pagefind`` (the ``pagefind[bin]`` package) of its own on a temporary folder holding only that
bundle's pages; the search page (docs/assets/search.js) searches every bundle and merges the answers.
A subprocess gives one clear exit code and message to report when it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from casereviews.outputs.document_search import DocumentRecord
from casereviews.outputs.pagefind_order import fix_order
from casereviews.problems import OutputError

OUTPUT = "pagefind"  # the folder in the site, at /pagefind/: the first bundle of pages, and the list of bundles
PAGES_FOLDER = "pagefind-pages"  # more bundles of pages, when there are: /pagefind-pages/2/, ...
BUNDLES_FOLDER = "pagefind-documents"  # the text inside documents: /pagefind-documents/1/, ...
MANIFEST = "bundles.json"  # in pagefind/: every bundle's folder, for the search page
BUNDLE_MB = 40.0  # the site setting search_bundle_mb: what one Pagefind process reads, in million bytes
TIMEOUT_SECONDS = 600
T = TypeVar("T")


MARKER = b"data-pagefind-body"


def write_search_index(site_dir: Path, records: Iterable[DocumentRecord] = (), bundle_mb: float = BUNDLE_MB) -> str:
    """Index ``site_dir`` and return a summary line of what was indexed.

    The index is in several Pagefind bundles, each written by a Pagefind process of its own, one after the other:
    Pagefind holds a whole index in memory until it writes it, so the build's peak memory is that of the largest
    bundle, not of everything at once. The pages go into ``pagefind/`` and, when they are more than one bundle
    holds, ``pagefind-pages/2/`` and on; ``records`` (the published documents, from ``document_search``) into
    ``pagefind-documents/1/`` and on. A bundle takes pages (in order of their path) or documents (in the site's
    order) until what Pagefind would read passes ``bundle_mb`` million bytes of HTML (a page's file, a document's
    record: its text and filters). ``pagefind/bundles.json`` lists every bundle for the search page, which
    searches them all.
    Raises ``OutputError`` with Pagefind's own words when it fails, since a site whose search silently finds
    nothing is worse than a failed build.
    """
    site_dir = Path(site_dir)
    for folder in (OUTPUT, PAGES_FOLDER, BUNDLES_FOLDER):
        shutil.rmtree(site_dir / folder, ignore_errors=True)  # never serve a stale index beside fresh pages
    limit = bundle_mb * 1_000_000
    bundles: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir.parent) as work:
        page_count = 0
        for number, pages in enumerate(_cut(_indexed_pages(site_dir), limit), start=1):
            bundle = OUTPUT if number == 1 else f"{PAGES_FOLDER}/{number}"
            source = Path(work) / bundle
            for path, _size in pages:
                target = source / path.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(path, target)
            _run_pagefind(source, site_dir / bundle, "**/*.html")
            shutil.rmtree(source)
            bundles.append(bundle)
            page_count += len(pages)
        documents = text_pages = 0
        sized = ((r, len(r.html)) for r in records)
        for number, batch in enumerate(_cut(sized, limit), start=1):
            bundle = f"{BUNDLES_FOLDER}/{number}"
            source = Path(work) / bundle
            for record, _size in batch:  # each at its own address: Pagefind takes a page's URL from its path
                target = source / record.url.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record.html, encoding="utf-8")
                text_pages += record.pages
            # Every document's name has a suffix (.pdf, .docx) and no folder's does: Pagefind retries a folder its
            # glob matches as if it were a file that could not be read yet, for a minute each.
            _run_pagefind(source, site_dir / bundle, "**/*.*")
            shutil.rmtree(source)
            bundles.append(bundle)
            documents += len(batch)
    if not bundles:
        return "no searchable pages yet, so no search index"
    (site_dir / OUTPUT).mkdir(exist_ok=True)
    (site_dir / OUTPUT / MANIFEST).write_text(json.dumps({"bundles": bundles}, separators=(",", ":")),
                                              encoding="utf-8")
    said = f"Indexed {page_count} pages"
    if documents:
        said += f", and {documents} documents with {text_pages} pages of text"
    return f"{said}, in {len(bundles)} bundle{'s' if len(bundles) != 1 else ''} ({', '.join(bundles)})"


def _indexed_pages(site_dir: Path) -> Iterator[tuple[Path, int]]:
    """Every page that asks to be indexed (has ``data-pagefind-body``), in order of its path, with its size.

    Only these are given to Pagefind: it would leave the others out of the index anyway (once any page has the
    attribute), but it reads them first, and its memory grows with what it reads (the action-plan dashboard and
    report run to tens of MB at national scale). With no such page there is nothing to index, where Pagefind
    would index EVERY page (listings, guidance).
    """
    for path in sorted(site_dir.rglob("*.html")):
        data = path.read_bytes()
        if MARKER in data:
            yield path, len(data)


def _cut(items: Iterable[tuple[T, int]], limit: float) -> Iterator[list[tuple[T, int]]]:
    """``items`` (each with its size) in consecutive groups, each as large as fits under ``limit`` (at least one)."""
    group: list[tuple[T, int]] = []
    total = 0
    for item, size in items:
        if group and total + size > limit:
            yield group
            group, total = [], 0
        group.append((item, size))
        total += size
    if group:
        yield group


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _run_pagefind(source: Path, output: Path, glob: str) -> None:
    """Index every page of ``source`` matching ``glob`` into the bundle ``output`` with Pagefind's command line."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output),
           "--force-language", "en", "--glob", glob]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise OutputError(f"Search index: could not run Pagefind ({err}). Install the pinned "
                          "requirements (pagefind[bin]) and build again.") from None
    output_text = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        tail = "\n".join(output_text.splitlines()[-15:])
        raise OutputError(f"Search index: Pagefind failed (exit code {done.returncode}) writing {output}:\n{tail}")
    try:
        json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(f"Search index: Pagefind ran but wrote no complete pagefind-entry.json in {output}:\n"
                          f"{output_text}") from None
    try:
        fix_order(output)  # the same pages give the same index files (see pagefind_order.py)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
        raise OutputError(f"Search index: could not put Pagefind's filter files in a fixed order ({err!r}); "
                          "check the pinned pagefind version in requirements.txt") from None
