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
        try:
            writer(site, site_dir, config)
        except (UnicodeError, ValueError) as err:  # e.g. a character no UTF-8 file can hold: a message, not a traceback
            name = getattr(writer, "__name__", "an output").removeprefix("write_").replace("_", " ")
            raise OutputError(f"The {name} output could not be written ({err}); the build stopped and nothing was "
                              "published. Run scripts/check; report this message if it finds nothing.") from None


# The writers, in the order they run. Imported here, after WRITERS and OutputError exist, because they import it.
from .action_feeds import write_action_feeds  # noqa: E402
from .actions_csv import write_actions_csv  # noqa: E402
from .data import write_data  # noqa: E402
from .feed import write_feed  # noqa: E402
from .og_card import write_og_card  # noqa: E402
from .permalinks import write_permalinks  # noqa: E402
from .recommendations import write_recommendations  # noqa: E402
from .robots import write_robots  # noqa: E402
from .schemas import write_schemas  # noqa: E402

WRITERS.extend([write_data, write_actions_csv, write_feed, write_robots, write_schemas, write_og_card])
WRITERS.append(write_action_feeds)  # per plan, per agency and all updates
WRITERS += [write_recommendations, write_permalinks]  # the register as open data; a page per recommendation
