"""Files written after MkDocs has rendered the pages: each a function of the public site and the site folder.

``WRITERS`` is the registry; each writer takes ``(site, site_dir, config)`` where ``config`` is the MkDocs
configuration mapping (read-only use: site_url, site_name). Writers must use only the public site they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casereviews.outputs.action_feeds import write_action_feeds
from casereviews.outputs.actions_csv import write_actions_csv
from casereviews.outputs.data import write_data
from casereviews.outputs.feed import write_feed
from casereviews.outputs.og_card import write_og_card
from casereviews.outputs.permalinks import write_permalinks
from casereviews.outputs.recommendations import write_recommendations
from casereviews.outputs.robots import write_robots
from casereviews.outputs.schemas import write_schemas
from casereviews.problems import OutputError
from casereviews.publication.site import PublicSite

Writer = Callable[[PublicSite, Path, Any], None]

# The writers, in the order they run.
WRITERS: list[Writer] = [
    write_data, write_actions_csv, write_feed, write_robots, write_schemas, write_og_card,
    write_action_feeds,  # per plan, per agency and all updates
    write_recommendations, write_permalinks,  # the register as open data; a page per recommendation
]


def write_all(site: PublicSite, site_dir: Path, config: Any) -> None:
    for writer in WRITERS:
        try:
            writer(site, site_dir, config)
        except (UnicodeError, ValueError) as err:  # e.g. a character no UTF-8 file can hold: a message, not a traceback
            name = getattr(writer, "__name__", "an output").removeprefix("write_").replace("_", " ")
            raise OutputError(f"The {name} output could not be written ({err}); the build stopped and nothing was "
                              "published. Run scripts/check; report this message if it finds nothing.") from None

