"""Make Pagefind's index the same bytes for the same pages: the same content and REVIEWS_AS_OF give the same site.

Pagefind 1.5.2 writes two parts of its index in the order of a Rust ``HashMap``, whose seed is random in every
run: the values inside each filter file (``pagefind/filter/*.pf_filter``) and the list of filters in the metadata
file (``pagefind/pagefind.*.pf_meta``). Each file is named after a hash of its bytes, so the names change too, and
``pagefind-entry.json`` names the metadata file. The pages, word index chunks and fragments are already stable
(fragments since Pagefind 1.3.0; see Pagefind issue #638, where the author says the filter and metadata indexes
"will still change").

This puts both lists in a fixed order (by filter name, and by value within a filter), then renames the rewritten
files after a hash of their new bytes in Pagefind's own pattern (``<language>_<7 hex>`` for filters, 10 for the
metadata) and updates the references. The files are Pagefind's own format: the text ``pagefind_dcd`` then CBOR,
gzipped with no timestamp. The data is decoded and encoded again unchanged apart from the order (``cbor2``
re-encodes Pagefind's files byte for byte), so the browser reads them exactly as before.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from casereviews.problems import OutputError

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise OutputError(f"Search index: {path.name} is not in the format this Pagefind version writes; check the "
                          "pinned pagefind version in requirements.txt")
    return cbor2.loads(data[len(SIGNATURE):])


def _write(folder: Path, pattern: str, language: str, digits: int, value: Any) -> str:
    """Write ``value`` in Pagefind's format under a name made from its bytes; return the name's hash part."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / pattern.format(name)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def fix_order(index_dir: Path) -> int:
    """Rewrite Pagefind's filter and metadata files in ``index_dir`` in a fixed order; return how many filter
    files were rewritten."""
    entry_path = index_dir / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    rewritten = 0
    for language, info in entry["languages"].items():
        meta_path = index_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        renamed = []
        for name, file_hash in sorted(filters, key=lambda f: f[0]):
            filter_path = index_dir / "filter" / f"{file_hash}.pf_filter"
            key, values = _read(filter_path)
            new_hash = _write(index_dir / "filter", "{}.pf_filter", language, 7,
                              [key, sorted(values, key=lambda v: v[0])])
            if new_hash != file_hash:
                filter_path.unlink()
            renamed.append([name, new_hash])
            rewritten += 1
        meta[3] = renamed
        new_meta = _write(index_dir, "pagefind.{}.pf_meta", language, 10, meta)
        if new_meta != info["hash"]:
            meta_path.unlink()
        info["hash"] = new_meta
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return rewritten
