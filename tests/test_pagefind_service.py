"""Pagefind's service (the hub's search index uses it) answers a write request before its files are complete
and exits the moment its input closes (1.5.2), which under load left an empty pagefind-entry.json. The client
waits until the Pagefind process
holds no file of the bundle open; these tests show that the wait sees a file a process holds open, and that an
index written through the service is complete when the service has closed."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from casereviews.outputs.pagefind_service import _open_files, _writes_finished, pagefind_service


def run(coroutine):
    """Run ``coroutine`` to the end in a thread of its own: the browser tests' Playwright leaves an event loop
    running in the main thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


HOLD = """
import sys
f = open(sys.argv[1], "w")
print("open", flush=True)
sys.stdin.readline()
f.close()
print("closed", flush=True)
sys.stdin.readline()
"""


def test_a_file_held_open_under_the_bundle_is_seen_until_it_closes(tmp_path):
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(bundle / "pagefind-entry.json")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        assert _open_files(holder.pid, bundle) == [str((bundle / "pagefind-entry.json").resolve())]
        assert _open_files(holder.pid, tmp_path / "elsewhere") == []
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline() == "closed\n"
        assert _open_files(holder.pid, bundle) == []
        run(_writes_finished(holder.pid, bundle, timeout=5))  # returns at once
    finally:
        holder.communicate("\n", timeout=10)


def test_waiting_for_a_file_that_stays_open_gives_up_with_a_message(tmp_path):
    from casereviews.problems import OutputError

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "entry.json")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(OutputError, match="still writing .*entry.json"):
            run(_writes_finished(holder.pid, tmp_path, timeout=0.2))
    finally:
        holder.communicate("\n\n", timeout=10)


def test_every_file_of_an_index_written_through_the_service_is_complete(tmp_path):
    import gzip

    from pagefind.index import IndexConfig

    bundle = tmp_path / "pagefind"

    async def index() -> None:
        service = await pagefind_service(bundle).launch()
        try:
            made = await service.create_index(IndexConfig(force_language="en", output_path=str(bundle)))
            await asyncio.gather(*(made.add_custom_record(url=f"/r{i}/", content=f"word{i} and more " * 40,
                                                          language="en") for i in range(300)))
            await made.write_files()
        finally:
            await service.close()

    run(index())
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 300
    packed = [p for p in bundle.rglob("*") if p.suffix in (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")]
    assert len(packed) > 300
    for path in packed:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path  # whole: gzip checks its end
