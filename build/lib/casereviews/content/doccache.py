"""Extracted document text kept between builds, found by the file's content hash (SHA-256).

Extracting a 60-page report takes a tenth of a second or more; a site of 2,000 reviews has tens of thousands of
pages, and nearly all of them are the same as at the last build. So each result is written as JSON to
``<cache folder>/<first two hex digits>/<hash>.json``, and a file with the same bytes is never extracted twice,
whatever it is called or wherever it moves. The hash is of the content, not the name or date, so a replaced
report is extracted afresh even when its name and size stay the same.

The cache is trusted only as far as it checks out: an entry that cannot be read, is not JSON, was written by
another extractor version, or names another hash is extracted again and rewritten. Writing is atomic (a
temporary file, then a rename), and a cache folder that cannot be written to only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from casereviews.content.documents import EXTRACTOR_VERSION, MAX_READ_BYTES, DocumentText, extract


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class DocumentCache:
    """``read(path)`` gives the document's text from the cache when it holds this content, else extracts it."""

    folder: Path | None
    hits: int = 0
    extracted: int = 0
    rebuilt: int = 0  # entries found damaged or stale and extracted again
    pages_extracted: int = 0
    _seen: dict[str, DocumentText] = field(default_factory=dict)
    _by_path: dict[Path, DocumentText] = field(default_factory=dict)

    def read(self, path: Path) -> DocumentText:
        path = Path(path)
        if path not in self._by_path:  # the check and the build ask about the same files within one run
            self._by_path[path] = self._read(path)
        return self._by_path[path]

    def _read(self, path: Path) -> DocumentText:
        try:
            if path.stat().st_size > MAX_READ_BYTES:
                return extract(path)  # reports the size without reading the file
            digest = content_hash(path)
        except OSError:
            return extract(path)  # reports why the file cannot be read
        if digest in self._seen:  # the same file published twice in one build
            self.hits += 1
            return self._seen[digest]
        text = self._load(digest)
        if text is None:
            text = extract(path)
            self.extracted += 1
            self.pages_extracted += len(text.pages)
            self._store(digest, text)
        else:
            self.hits += 1
        self._seen[digest] = text
        return text

    def entry(self, digest: str) -> Path | None:
        return self.folder / digest[:2] / f"{digest}.json" if self.folder else None

    def _load(self, digest: str) -> DocumentText | None:
        entry = self.entry(digest)
        if entry is None or not entry.is_file():
            return None
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            if data["version"] != EXTRACTOR_VERSION or data["sha256"] != digest:
                raise ValueError("stale")
            return DocumentText.from_json(data["text"])
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            self.rebuilt += 1
            return None

    def _store(self, digest: str, text: DocumentText) -> None:
        entry = self.entry(digest)
        if entry is None:
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"version": EXTRACTOR_VERSION, "sha256": digest, "text": text.to_json()}, out,
                              ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk makes the next build slower, never wrong

    def summary(self) -> str:
        where = "with no cache folder set" if self.folder is None else f"in {self.folder}"
        rebuilt = f", {self.rebuilt} damaged or stale cache entries replaced" if self.rebuilt else ""
        return (f"{self.hits + self.extracted} documents looked inside: {self.hits} found {where}, {self.extracted} "
                f"extracted ({self.pages_extracted} pages){rebuilt}")
