"""Finding the project and its settings without MkDocs, so ``scripts/check`` and ``scripts/new-review`` read
exactly the settings a build reads (``extra.reviews`` in mkdocs.yml) and stay fast.

mkdocs.yml may hold MkDocs' own YAML tags: ``!ENV`` (an environment variable, with a default) and Python
names such as ``!!python/name:material.extensions.emoji.twemoji``. A safe loader refuses unknown tags, so this one
resolves ``!ENV`` as MkDocs does and reads every other tag as plain data without importing anything.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .settings import Settings

CONFIG_NAME = "mkdocs.yml"


class ProjectError(Exception):
    """The project or its mkdocs.yml cannot be found or read; the message says what to do."""


class _ConfigLoader(yaml.SafeLoader):
    """Safe loading that tolerates the tags MkDocs configurations use."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def find_config(start: Path | None = None, fallback: Path | None = None) -> Path:
    """mkdocs.yml in ``start`` (the current folder) or the nearest folder above it; else ``fallback``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    if fallback is not None and fallback.is_file():
        return fallback
    raise ProjectError(f"no {CONFIG_NAME} found in {start} or any folder above it: run this from the project "
                       "folder, or name the file with --config-file")


def read_config(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The configuration as MkDocs reads it: a file that names another in ``INHERIT`` (a path relative to itself)
    is laid over that one, nested mappings merged key by key and anything else replaced, as MkDocs does. A
    project that inherits the site's configuration and sets only ``extra.reviews.content_dir`` therefore gets
    the site's partnership and other settings here too, as its build does."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ProjectError(f"{path}: cannot be read ({err.strerror})") from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ProjectError(f"{path}{where}: is not valid YAML ({getattr(err, 'problem', None) or err})") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{path}: must be a set of 'setting: value' lines")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    parent_path = Path(os.path.normpath(path.parent / str(parent)))
    if not parent_path.is_file():
        raise ProjectError(f"{path}: INHERIT names {parent}, which does not exist at {parent_path}")
    seen = (*_seen, path.resolve())
    if parent_path.resolve() in seen:
        raise ProjectError(f"{path}: INHERIT leads back to {parent_path}: a configuration cannot inherit itself")
    return _merged(read_config(parent_path, seen), data)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base`` the way MkDocs merges an inherited configuration (mergedeep's replace)."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def settings_from_config(path: Path) -> Settings:
    """The settings a build of this mkdocs.yml would use: the same ``Settings.from_mapping`` the hook calls."""
    config = read_config(path)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    reviews = extra.get("reviews") if isinstance(extra.get("reviews"), dict) else None
    site_url = config.get("site_url")
    return Settings.from_mapping(path.resolve().parent, reviews, site_url if isinstance(site_url, str) else None)
