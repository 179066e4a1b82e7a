"""A fingerprint of what the public can see: one hash of every file of a built site, leaving out only what
changes with the minute of the build and says nothing new (the build's exact reference moment).

The deploy workflow rebuilds the site every hour and publishes only when this fingerprint differs from the one
it last published, so an embargo that lifts, a day that makes an action overdue, or a merged change is
published within the hour, and an hour with nothing new publishes nothing. Builds are reproducible (the same
content and reference time give the same bytes, Pagefind's index included), so the fingerprint needs no other
allowance.

Left out, because they move with every build's reference moment:
- ``as_of`` in ``data/reviews.json`` and ``data/recommendations.json``;
- the ``as_at`` column of ``data/actions.csv``;
- the time printed under the board report's title (``cr-report__asat``).
Their day is still counted where the day shows: every "as at" date on the pages is part of the fingerprint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

_REPORT_MOMENT = re.compile(rb'(<p class="cr-report__asat">).*?(</p>)', re.S)


def _without_as_of(data: bytes) -> bytes:
    value = json.loads(data)
    if isinstance(value, dict):
        value.pop("as_of", None)
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _actions_csv(data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if not rows or "as_at" not in rows[0]:
        return data
    column = rows[0].index("as_at")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row[:column] + row[column + 1:] for row in rows)
    return out.getvalue().encode("utf-8")


def _report(data: bytes) -> bytes:
    return _REPORT_MOMENT.sub(rb"\1\2", data)


NORMALISE = {"data/reviews.json": _without_as_of, "data/recommendations.json": _without_as_of,
             "data/actions.csv": _actions_csv,
             "action-plans/report/index.html": _report}


def public_bytes(name: str, data: bytes) -> bytes:
    """The file's bytes as the fingerprint counts them."""
    normalise = NORMALISE.get(name)
    return normalise(data) if normalise else data


def fingerprint(site_dir: Path) -> str:
    """SHA-256, in hex, over every file's path and (normalised) bytes, in path order."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise FileNotFoundError(f"{site_dir} is not a built site: build it first")
    total = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        name = path.relative_to(site_dir).as_posix()
        total.update(name.encode("utf-8") + b"\0")
        total.update(hashlib.sha256(public_bytes(name, path.read_bytes())).digest())
    return total.hexdigest()
