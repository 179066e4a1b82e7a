"""Finding the project and its settings without MkDocs, so ``scripts/check`` and ``scripts/new-review`` read
exactly the settings a build reads (``extra.reviews`` in mkdocs.yml) and stay fast.

mkdocs.yml may hold MkDocs' own YAML tags: ``!ENV`` (an environment variable, with a default) and Python
names such as ``!!python/name:material.extensions.emoji.twemoji``. A safe loader refuses unknown tags, so this one
resolves ``!ENV`` as MkDocs does and reads every other tag as plain data without importing anything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import yaml

from casereviews.problems import Problem, ReviewsError
from casereviews.settings import InvalidSettings, Settings

CONFIG_NAME = "mkdocs.yml"


class ProjectError(ReviewsError):
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


def find_config(start: Path | None = None) -> Path:
    """mkdocs.yml in ``start`` (the current folder) or the nearest folder above it, as MkDocs looks for its own;
    never some other project's (the one this package came with, say)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ProjectError(f"no {CONFIG_NAME} found in {start} or any folder above it: run this from the project "
                       "folder, or name the file with --config-file")


def _inherited(path: Path, data: dict[str, Any]) -> Path | None:
    parent = data.get("INHERIT")
    return Path(os.path.normpath(path.parent / str(parent))) if parent is not None else None


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
    parent_path = _inherited(path, data)
    parent = data.pop("INHERIT", None)
    if parent_path is None:
        return data
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
    """The settings a build of this mkdocs.yml would use: the same ``Settings.from_mapping`` the hook calls.
    Wrong settings raise ``InvalidSettings`` with each problem placed on its line."""
    config = read_config(path)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    site_url = config.get("site_url")
    try:
        return Settings.from_mapping(path.resolve().parent, extra.get("reviews"),
                                     site_url if isinstance(site_url, str) else None)
    except InvalidSettings as err:
        raise InvalidSettings(locate_settings(path, err.problems)) from None


def locate_settings(path: Path, problems: list[Problem]) -> list[Problem]:
    """Each problem with a setting (field ``extra.reviews.NAME``) placed at the line of that setting in ``path``,
    or in the file ``path`` inherits it from (``INHERIT``), named relative to ``path``'s folder; a problem whose
    setting is in no file (or a file that cannot be read) keeps the name of ``path`` and no line."""
    files: list[tuple[str, yaml.Node | None]] = []
    current: Path | None = path
    while current is not None and len(files) < 10:  # a chain of INHERIT; read_config has refused a loop already
        try:
            text = current.read_text(encoding="utf-8-sig")
            node = yaml.compose(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass, nodes only
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        files.append((os.path.relpath(current, path.parent) if current != path else path.name, node))
        data = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - as in read_config
        current = _inherited(current, data) if isinstance(data, dict) else None
    out = []
    for p in problems:
        keys = p.field.split(".")
        for label, node in files:
            line = _line_of(node, keys)
            if line:
                out.append(Problem(label, line, p.field, p.message))
                break
        else:
            out.append(Problem(path.name, 0, p.field, p.message))
    return out


def _line_of(node: yaml.Node | None, keys: list[str]) -> int:
    """The line (from 1) of the last key of ``keys`` in a composed YAML mapping; 0 when it is not there."""
    line = 0
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return 0
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                line, node = k.start_mark.line + 1, v
                break
        else:
            return 0
    return line


def command_name(script: str) -> str:
    """The command's name in its messages: the console script's own name (reviews-check) when run as one, else
    the repository's script (scripts/check), which is how an editor in the repository runs it."""
    name = Path(sys.argv[0]).name if sys.argv else ""
    return name if name.startswith("reviews-") else script
