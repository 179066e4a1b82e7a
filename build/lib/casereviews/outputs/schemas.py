"""Copy the JSON Schemas into the built site at /schema/, so an editor's IDE can check front matter while it is
typed. They are the same files the validator reads (``casereviews/schema/``), byte for byte: one statement of the
field types, never a second copy to keep in step. They describe the format, not any review, so they hold nothing
that could be unpublished.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from casereviews.content.schemas import NAMES, SCHEMA_DIR
from casereviews.problems import OutputError
from casereviews.publication.site import PublicSite

FOLDER = "schema"


def write_schemas(site: PublicSite, site_dir: Path, config: Any) -> None:
    target = site_dir / FOLDER
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in NAMES:
            shutil.copyfile(SCHEMA_DIR / f"{name}.schema.json", target / f"{name}.schema.json")
    except OSError as err:
        raise OutputError(f"cannot write the JSON Schemas to {target}: {err.strerror}") from None
