"""Files written after MkDocs has rendered the pages: each a function of the public site and the site folder.

``WRITERS`` is the registry; each writer takes ``(site, site_dir, config)`` where ``config`` is the MkDocs
configuration mapping (read-only use: site_url, site_name). Writers must use only the public site they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..site import PublicSite


class OutputError(Exception):
    """An output could not be written; the message says what failed and what to do."""


Writer = Callable[[PublicSite, Path, Any], None]
WRITERS: list[Writer] = []


def write_all(site: PublicSite, site_dir: Path, config: Any) -> None:
    for writer in WRITERS:
        writer(site, site_dir, config)


from .schemas import write_schemas  # noqa: E402  (after WRITERS exists: the module imports OutputError)

WRITERS.append(write_schemas)
