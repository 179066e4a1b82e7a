"""The hub's settings, ``extra.reviews.hub`` in mkdocs.yml, checked with messages that name the setting.

    extra:
      reviews:
        hub:
          snapshot: harvest            # the harvest snapshot folder, relative to mkdocs.yml
          sources:
            - id: harrowmere           # lower-case-with-hyphens: the partnership's page is /partnerships/<id>/
              name: Harrowmere Safeguarding Children Partnership
              url: https://reviews.harrowmere.example/   # the site's public address: links go there
              folder: ../harrowmere/site                 # optional: read a built site from disk instead

``url`` is always needed: every link the hub shows must lead to the partnership's own site, and a harvested link
is accepted only when it points there. ``folder`` only changes where ``scripts/harvest`` reads the files from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from casereviews.problems import ReviewsError

SETTING = "extra.reviews.hub"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SOURCES = 1000
MAX_NAME = 200


class HubSettingsError(ReviewsError, ValueError):
    """The hub is misconfigured; the message names the setting to change."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str  # the public address, ending in '/'
    folder: Path | None = None

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc.lower()


@dataclass(frozen=True)
class HubSettings:
    root: Path
    snapshot: Path
    sources: tuple[Source, ...]

    @property
    def by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


def is_hub(extra: Mapping[str, Any] | None) -> bool:
    return isinstance(extra, Mapping) and extra.get("hub") is not None


def hub_settings(root: Path, extra: Mapping[str, Any] | None) -> HubSettings:
    """The checked settings, or ``HubSettingsError`` listing every problem, each naming its setting."""
    hub = (extra or {}).get("hub")
    problems: list[str] = []
    if not isinstance(hub, Mapping):
        raise HubSettingsError(f"{SETTING}: must be a mapping with 'sources' (a list of partnership sites)")
    unknown = sorted(set(map(str, hub)) - {"snapshot", "sources"})
    if unknown:
        problems.append(f"{SETTING}: unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                        "(use snapshot and sources)")
    snapshot = hub.get("snapshot", "harvest")
    if not isinstance(snapshot, str) or not snapshot.strip():
        problems.append(f"{SETTING}.snapshot: must be a folder name, e.g. harvest")
        snapshot = "harvest"
    raw = hub.get("sources")
    if not isinstance(raw, list) or not raw:
        problems.append(f"{SETTING}.sources: must be a list of partnership sites, each with id, name and url")
        raw = []
    if len(raw) > MAX_SOURCES:
        problems.append(f"{SETTING}.sources: {len(raw)} sources; a hub takes at most {MAX_SOURCES}")
        raw = raw[:MAX_SOURCES]
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(raw):
        where = f"{SETTING}.sources[{n}]"
        source = _source(root, item, where, problems)
        if source is None:
            continue
        if source.id in seen:
            problems.append(f"{where}.id: {source.id!r} is already the id of sources[{seen[source.id]}]; "
                            "each source needs its own id")
            continue
        seen[source.id] = n
        sources.append(source)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise HubSettingsError(f"The hub's settings in mkdocs.yml need fixing:\n{lines}")
    path = Path(snapshot)
    return HubSettings(root=root, snapshot=path if path.is_absolute() else root / path, sources=tuple(sources))


def _source(root: Path, item: Any, where: str, problems: list[str]) -> Source | None:
    if not isinstance(item, Mapping):
        problems.append(f"{where}: must be a mapping with id, name and url")
        return None
    before = len(problems)
    unknown = sorted(set(map(str, item)) - {"id", "name", "url", "folder"})
    if unknown:
        problems.append(f"{where}: unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                        "(use id, name, url and folder)")
    source_id = item.get("id")
    if not isinstance(source_id, str) or not ID.fullmatch(source_id) or len(source_id) > 60:
        problems.append(f"{where}.id: {source_id!r} is not an id: use lower-case letters, digits and hyphens, "
                        "e.g. harrowmere (at most 60 characters)")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME or not name.isprintable():
        problems.append(f"{where}.name: must be the partnership's name, one line of at most {MAX_NAME} characters")
    url = item.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or parts.username or parts.password or not url.isprintable() or " " in url:
        problems.append(f"{where}.url: {url!r} is not the address of a site: give its http(s) address, "
                        "e.g. https://reviews.harrowmere.example/")
    folder = item.get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        problems.append(f"{where}.folder: must be the folder of a built site, e.g. ../harrowmere/site")
    if len(problems) > before:
        return None
    path = None
    if folder is not None:
        path = Path(folder)
        path = path if path.is_absolute() else root / path
    return Source(id=source_id, name=" ".join(name.split()), url=url if url.endswith("/") else url + "/",
                  folder=path)
