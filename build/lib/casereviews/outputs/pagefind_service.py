"""Pagefind's Python service client, as the hub's search index uses it (casereviews/hub/search.py): custom records
(one per harvested review) rather than pages on disk, which only the service takes.

Two things in the pinned client (pagefind 1.5.2) are put right here:
- it waits a tenth of a second before reading each reply from the Pagefind process, which caps it at ten records
  a second; the subclass reads replies as they arrive;
- Pagefind answers a write request as soon as it has handed each file's bytes to Tokio, whose writes finish later
  on a thread pool, and it exits the moment its input closes: under load that left ``pagefind-entry.json`` empty
  (seen in builds, and reproduced 2 times in 30 on a loaded machine without the wait below, 0 in 30 with it). So
  the service is closed only once Pagefind holds none of the files it wrote open.

The site's own index is written by Pagefind's command line (``search_index``), which waits for its writes itself.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from casereviews.outputs.search_index import TIMEOUT_SECONDS
from casereviews.problems import OutputError


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
