"""The search index: Pagefind run over the built site, after every page is written.

Pagefind reads the rendered HTML, so it can only index what the pages show, and the pages are made from the
public site alone. Which pages it indexes is decided in the templates: a page is indexed when it has a
``data-pagefind-body`` element (reviews that are not withdrawn, learning briefings, action plans); everything
else (listings, guidance pages, the search page itself) has none and is left out.

It runs ``python -m pagefind`` (the ``pagefind[bin]`` package) in a subprocess rather than the asyncio API: the
hook is synchronous, and a subprocess gives one clear exit code and message to report when it fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from ..document_search import DocumentRecord
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


def write_search_index(site_dir: Path, records: Iterable[DocumentRecord] = ()) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind/`` and return Pagefind's summary line of what it indexed.

    ``records`` (the published documents, from ``document_search``) are added as HTML files of their own
    through Pagefind's Python API (they are not in the site); without them Pagefind's command line indexes the
    pages alone.
    Raises ``OutputError`` with Pagefind's own words when it fails, since a site whose search silently finds
    nothing is worse than a failed build.
    """
    site_dir = Path(site_dir)
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # never serve a stale index beside fresh pages
    folders = searchable_folders(site_dir)
    records = list(records)
    if records:
        return _index_with_records(site_dir, folders, records)
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
    _fix_order(site_dir)
    pages = [line.strip() for line in output.splitlines() if line.strip().startswith("Indexed") and "page" in line]
    return pages[0] if pages else "index written"


_BATCH = 64  # documents in flight at once: enough to keep Pagefind busy, few enough to bound the pipe's buffers


def _index_with_records(site_dir: Path, folders: list[str] | None, records: list[DocumentRecord]) -> str:
    """The pages (as the command line would read them) and the document records, through Pagefind's Python API,
    which runs the same pinned Pagefind binary as a service."""
    try:
        pages, added = asyncio.run(_index_async(site_dir, folders, records))
    except OutputError:
        raise
    except Exception as err:  # noqa: BLE001 - the service reports failures as several exception types
        raise OutputError(f"Search index: Pagefind failed while indexing {site_dir} and {len(records)} document "
                          f"pages: {type(err).__name__}: {err}") from None
    entry = site_dir / OUTPUT / "pagefind-entry.json"
    try:
        json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(f"Search index: Pagefind ran but its {OUTPUT}/pagefind-entry.json in {site_dir} is missing "
                          "or incomplete; build again") from None
    _fix_order(site_dir)
    return f"Indexed {pages} pages, and {len(records)} documents with {added} pages of text"


def _fix_order(site_dir: Path) -> None:
    """The same pages give the same index files, whichever way Pagefind was run (see pagefind_order.py)."""
    try:
        fix_order(site_dir / OUTPUT)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
        raise OutputError(f"Search index: could not put Pagefind's filter files in a fixed order ({err!r}); "
                          "check the pinned pagefind version in requirements.txt") from None


async def _index_async(site_dir: Path, folders: list[str] | None, records: list[DocumentRecord]) -> tuple[int, int]:
    from pagefind.index import IndexConfig

    config = IndexConfig(force_language="en", output_path=str(site_dir / OUTPUT))
    service = await pagefind_service(site_dir / OUTPUT).launch()
    try:
        index = await service.create_index(config)
        pages = 0
        if folders != []:
            done = await asyncio.wait_for(index.add_directory(str(site_dir), glob=_glob(folders) if folders else None),
                                          TIMEOUT_SECONDS)
            pages = int(done.get("page_count", 0))
        for start in range(0, len(records), _BATCH):
            await asyncio.wait_for(asyncio.gather(*(index.add_html_file(content=r.html, url=r.url)
                                                    for r in records[start:start + _BATCH])), TIMEOUT_SECONDS)
        await asyncio.wait_for(index.write_files(), TIMEOUT_SECONDS)
    finally:
        await service.close()
    return pages, sum(r.pages for r in records)


def _open_files(pid: int, under: Path) -> list[str] | None:
    """The files under the folder ``under`` that process ``pid`` holds open, from Linux's /proc (None where
    there is no /proc)."""
    folder = Path(f"/proc/{pid}/fd")
    prefix = str(under.resolve()) + os.sep
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return [] if Path("/proc/self/fd").is_dir() else None  # the process has gone, or no /proc here
    except OSError:
        return None
    found = []
    for name in names:
        try:
            target = os.readlink(folder / name)
        except OSError:
            continue  # closed since the listing
        if target.startswith(prefix):
            found.append(target)
    return found


async def _writes_finished(pid: int, under: Path, timeout: float) -> None:
    """Wait until process ``pid`` has no file under ``under`` open: every write it started there has ended.
    Polls, since no event says so; where /proc cannot tell (not Linux), returns at once."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (open_files := _open_files(pid, under)) and loop.time() < deadline:
        await asyncio.sleep(0.02)
    if open_files:
        raise OutputError(f"Search index: Pagefind was still writing {open_files[0]} after {timeout} s")


def pagefind_service(bundle: Path):
    """Pagefind's Python service client for an index written to ``bundle``, reading each reply as soon as it
    comes, and closing only once the files it wrote there are complete.

    The pinned client (pagefind 1.5.2) waits a tenth of a second before reading each reply from the Pagefind
    process, which caps it at ten records a second: twenty minutes for a hundred 60-page reports, days at
    national scale. This subclass reads replies as they arrive and hands them out exactly as the client does.
    If a later client no longer has the method this replaces, its own (correct, if slow) one is used.
    """
    import base64
    import json

    from pagefind.service import PagefindService

    if not hasattr(PagefindService, "_wait_for_responses"):
        return PagefindService()  # pragma: no cover - a later client

    class PromptService(PagefindService):
        async def _wait_for_responses(self) -> None:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                reply = json.loads(base64.b64decode(output[:-1]))
                if reply is None:
                    continue
                payload = reply["payload"]
                message_id = reply.get("message_id")
                if message_id is None and payload.get("original_message"):
                    message_id = (json.loads(payload["original_message"]) or {}).get("message_id")
                future = self._responses.get(message_id) if message_id is not None else None
                if future is None or future.done():
                    continue
                if payload.get("type") == "Error":
                    future.set_exception(Exception(payload.get("message"), payload.get("original_message")))
                else:
                    future.set_result(payload)

        async def close(self) -> None:
            """End Pagefind once the files it wrote are complete, by closing its input, and let it exit by
            itself (the client's own close kills it at once).

            Pagefind 1.5.2 answers a write request as soon as it has handed each file's bytes to Tokio, whose
            writes finish later on a thread pool, and exits the moment its input closes: under load that left
            ``pagefind-entry.json`` empty. So first wait until Pagefind holds none of the files it wrote open."""
            await _writes_finished(self._backend.pid, bundle, TIMEOUT_SECONDS)
            backend = self._backend
            if backend.stdin is not None:
                backend.stdin.close()
            try:
                await asyncio.wait_for(backend.wait(), TIMEOUT_SECONDS)
            except TimeoutError:
                backend.kill()
                await backend.wait()
            self._poll_task.cancel()

    return PromptService()
