"""The harvest snapshot folder: one folder per source, written by ``scripts/harvest`` and read by the build.

    <snapshot>/<source id>/reviews.json          the records kept (checked), as the source published them
    <snapshot>/<source id>/recommendations.json  when the source publishes it: identifier, text and link of each
    <snapshot>/<source id>/actions.csv           when the source publishes it, as published
    <snapshot>/<source id>/harvest.json          when and from where: last attempt, last success, what failed

Files are replaced whole (written beside, then renamed), so a harvest stopped half-way leaves each file either as
it was or as it now is. The build reads only this folder, and checks each file again: a snapshot holds other
sites' data, and may have been copied or edited by hand.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from casereviews.hub.config import Source
from casereviews.hub.records import check_recommendations, check_reviews
from casereviews.problems import Problem

RECORD = "harvest.json"
REVIEWS = "reviews.json"
RECOMMENDATIONS = "recommendations.json"
ACTIONS = "actions.csv"
RECORD_VERSION = 1


@dataclass
class SourceSnapshot:
    """What the snapshot holds for one source."""

    source: Source
    record: dict[str, Any] = field(default_factory=dict)  # harvest.json (empty: never harvested)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def last_success(self) -> datetime | None:
        return _moment(self.record.get("last_success"))

    @property
    def last_attempt(self) -> datetime | None:
        return _moment(self.record.get("last_attempt"))

    @property
    def last_error(self) -> str | None:
        error = self.record.get("last_error")
        return str(error)[:500] if error else None


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def read_record(folder: Path) -> dict[str, Any]:
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def read_source(snapshot: Path, source: Source) -> SourceSnapshot:
    """One source's snapshot, every file checked again against the source's own address."""
    folder = snapshot / source.id
    out = SourceSnapshot(source, read_record(folder))
    rel = lambda name: f"{snapshot.name}/{source.id}/{name}"  # noqa: E731
    try:
        raw = (folder / REVIEWS).read_bytes()
    except FileNotFoundError:
        return out
    except OSError as err:
        out.problems.append(Problem(rel(REVIEWS), 1, "file", f"could not be read ({err.strerror})"))
        return out
    checked = check_reviews(raw, source.url, rel(REVIEWS))
    out.problems += checked.problems
    out.reviews = checked.data["reviews"] if checked.data else []
    try:
        raw = (folder / RECOMMENDATIONS).read_bytes()
    except OSError:
        return out
    checked = check_recommendations(raw, source.url, rel(RECOMMENDATIONS))
    out.problems += checked.problems
    out.recommendations = checked.data["recommendations"] if checked.data else []
    return out


def read_snapshot(snapshot: Path, sources: tuple[Source, ...]) -> list[SourceSnapshot]:
    return [read_source(snapshot, s) for s in sources]
