"""The search index: Pagefind run over the built site, after every page is written.

Pagefind reads the rendered HTML, so it can only index what the pages show, and the pages are made from the
public site alone. Which pages it indexes is decided in the templates: a page is indexed when it has a
``data-pagefind-body`` element (reviews that are not withdrawn, learning briefings, action plans); everything
else (listings, guidance pages, the search page itself) has none and is left out.

It runs ``python -m pagefind`` (the ``pagefind[bin]`` package) in a subprocess rather than the asyncio API: the
hook is synchronous, and a subprocess gives one clear exit code and message to report when it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import OutputError
from .pagefind_order import fix_order

OUTPUT = "pagefind"  # the folder in the site, at /pagefind/
TIMEOUT_SECONDS = 600


def command(site_dir: Path, folders: list[str] | None = None) -> list[str]:
    """Pagefind's command line; ``folders`` (from ``searchable_folders``) limits the pages it reads."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT,
            "--force-language", "en", *(["--glob", _glob(folders)] if folders else [])]


MARKER = b"data-pagefind-body"
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+")


def _glob(folders: list[str]) -> str:
    inside = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
    return f"{inside}/**/*.{{html}}"


def searchable_folders(site_dir: Path) -> list[str] | None:
    """The top-level folders of the site that hold a page asking to be indexed (``[]`` when none does), or None
    when Pagefind must read every page (a page at the top asks to be, or a folder name needs glob escaping).

    Once any page has ``data-pagefind-body``, Pagefind leaves every page without it out of the index, so
    reading only these folders gives the same index while sparing Pagefind the listings (the action-plan
    dashboard and report run to tens of MB at national scale, and Pagefind's memory grows with what it reads).
    Each folder is only read until its first such page.
    """
    folders: set[str] = set()
    for path in Path(site_dir).rglob("*.html"):
        parts = path.relative_to(site_dir).parts
        if (len(parts) == 1 or parts[0] not in folders) and MARKER in path.read_bytes():
            if len(parts) == 1 or not _PLAIN_NAME.fullmatch(parts[0]):
                return None
            folders.add(parts[0])
    return sorted(folders)


def write_search_index(site_dir: Path) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind/`` and return Pagefind's summary line of what it indexed.

    Raises ``OutputError`` with Pagefind's own words when it fails, since a site whose search silently finds
    nothing is worse than a failed build.
    """
    site_dir = Path(site_dir)
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # never serve a stale index beside fresh pages
    folders = searchable_folders(site_dir)
    if folders == []:  # Pagefind would index EVERY page (listings, guidance) when no page asks to be indexed
        return "no searchable pages yet, so no search index"
    try:
        done = subprocess.run(command(site_dir, folders), capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise OutputError(f"Search index: could not run Pagefind ({err}). Install the pinned "
                          "requirements (pagefind[bin]) and build again.") from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-15:])
        raise OutputError(f"Search index: Pagefind failed (exit code {done.returncode}) on {site_dir}:\n{tail}")
    if not (site_dir / OUTPUT / "pagefind.js").is_file():
        raise OutputError(f"Search index: Pagefind ran but wrote no {OUTPUT}/pagefind.js in {site_dir}:\n{output}")
    try:
        fix_order(site_dir / OUTPUT)  # the same pages give the same index files (see pagefind_order.py)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
        raise OutputError(f"Search index: could not put Pagefind's filter files in a fixed order ({err!r}); "
                          "check the pinned pagefind version in requirements.txt") from None
    pages = [line.strip() for line in output.splitlines() if line.strip().startswith("Indexed") and "page" in line]
    return pages[0] if pages else "index written"
