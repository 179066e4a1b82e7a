"""Build into a fresh folder beside the site folder, and put it in the site folder's place only once the whole
build has succeeded: a build that fails, at any step, leaves the previous site exactly as it was.

The staging folder is a sibling (``.site.building-<pid>`` next to ``site``) so that putting it in place is a
rename within one file system, not a copy: the old folder is renamed aside, the new one renamed in, and the old
one deleted. Nothing here knows about MkDocs; ``hooks/reviews.py`` calls it from the build's events.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PREFIX = "."  # hidden, so a file browser or a deploy step that globs the parent folder passes it by


def staging_dir(target: Path) -> Path:
    """A new, empty folder beside ``target`` to build into."""
    target = Path(target).absolute()
    staging = target.with_name(f"{PREFIX}{target.name}.building-{os.getpid()}")
    discard(staging)
    staging.parent.mkdir(parents=True, exist_ok=True)
    staging.mkdir()
    return staging


def discard(staging: Path) -> None:
    """Remove a staging folder (after a failed build); the site folder is not touched."""
    shutil.rmtree(staging, ignore_errors=True)


def put_in_place(staging: Path, target: Path) -> None:
    """Make ``staging`` the site folder ``target``, replacing what was there.

    When ``target`` cannot be renamed (a mount point, say), its contents are replaced instead: not in one step,
    but still only after the build has succeeded.
    """
    staging, target = Path(staging), Path(target).absolute()
    old = target.with_name(f"{PREFIX}{target.name}.old-{os.getpid()}")
    discard(old)
    try:
        if target.exists():
            os.rename(target, old)
    except OSError:
        _replace_contents(staging, target)
        return
    try:
        os.rename(staging, target)
    except OSError:
        if old.exists():
            os.rename(old, target)
        raise
    discard(old)


def _replace_contents(staging: Path, target: Path) -> None:
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in staging.iterdir():
        shutil.move(str(child), str(target / child.name))
    discard(staging)
