"""Reading one content file: its front matter as plain data, the line of every key, and its body.

PyYAML's ``compose`` gives every node a start mark, which is how each problem can name its line. Timestamps are
not converted by YAML: a date stays text until ``check`` parses it, so an impossible date such as 2021-02-31 is an
editor's problem with a line number rather than an exception inside the YAML library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from casereviews.content import characters
from casereviews.content.limits import MAX_BODY_NESTING, MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS, yaml_shape_problem
from casereviews.problems import Problem

Path_ = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: dates reach us as text."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on LibYAML's parser when PyYAML has it: the pure-Python parser took three-quarters of the time
    of reading 2,000 reviews. Its nodes carry the same start marks, so every problem still names its line; its
    error wording differs, so a file it refuses is read again by ``_Loader`` for the message an editor sees."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_BY_FIRST = {first: tuple(resolvers) for first, resolvers in _FastLoader.yaml_implicit_resolvers.items()}
assert None not in _BY_FIRST  # SafeLoader has no resolver for every first character; resolve relies on it


def _resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """PyYAML's ``BaseResolver.resolve`` for a loader without path resolvers, in fewer steps: LibYAML's parser
    calls back into Python for every node (hundreds of thousands in 2,000 reviews), and the general method
    builds a new list of candidate patterns for each one. Same tags for the same nodes."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _BY_FIRST.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def _no_path_resolvers(self, *args: Any) -> None:
    """``descend_resolver`` and ``ascend_resolver`` do nothing without path resolvers; LibYAML calls both for
    every node."""


if not _FastLoader.yaml_path_resolvers:
    _FastLoader.resolve = _resolve
    _FastLoader.descend_resolver = _FastLoader.ascend_resolver = _no_path_resolvers


@dataclass
class Source:
    """A content file as read from disk, before any rule of the content format is applied."""

    path: Path  # absolute path
    rel: str  # the name problems use, relative to the project root
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[Path_, int] = field(default_factory=dict)  # key path -> 1-based line in the file
    body: str = ""
    body_line: int = 1  # the file line on which the body starts
    _texts: list[tuple[Path_, str]] | None = field(default=None, repr=False, compare=False)

    def texts(self) -> list[tuple[Path_, str]]:
        """Every text value of the front matter with its key path, depth first in file order. Worked out once:
        the personal-data and placeholder checks both read them all, and an action plan has thousands."""
        if self._texts is None:
            self._texts = []
            _collect_strings(self.data, (), self._texts)
        return self._texts

    def line(self, path: Path_ = ()) -> int:
        """The line of ``path``, or of its nearest ancestor that exists (a missing key points at its parent)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def problem(self, path: Path_, message: str, field_name: str | None = None) -> Problem:
        return Problem(self.rel, self.line(path), field_name or dotted(path), message)


def dotted(path: Path_) -> str:
    """``("recommendations", 0, "actions", 1, "due")`` -> ``recommendations[0].actions[1].due``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "front matter"


def read_source(path: Path, root: Path, *, front_matter: bool = True) -> tuple[Source | None, list[Problem]]:
    """Read ``path``; on failure return no source and the problems that say why."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    if path.is_symlink():
        return None, [Problem(rel, 1, "file", "is a symbolic link: content files must be ordinary files inside "
                              "reviews/; copy the file here instead of linking to it")]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(rel, 1, "file", f"is {_kb(size)}: a content file can be at most "
                                  f"{_kb(MAX_FILE_BYTES)}; put a long report in files/ as a PDF and link it "
                                  "under documents")]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(rel, 1, "file", f"cannot be read ({err.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(rel, line, "file", "is not UTF-8 text: save it with UTF-8 encoding")]
    text = text.replace("\r\n", "\n")
    if "\r" in text:  # old Mac line endings: line breaks, as YAML and Python-Markdown read them
        text = text.replace("\r", "\n")
    if not text.strip():
        return None, [Problem(rel, 1, "file", "is empty: it needs front matter between two '---' lines")]
    if characters.has_forbidden(text):
        return None, _raw_character_problems(rel, text, front_matter)
    if not front_matter:
        if len(text) > MAX_FRONT_MATTER_CHARS:
            return None, [_too_long(rel, 1, len(text), "file")]
        return _parse_yaml(Source(path, rel), text, first_line=1)
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return None, [
            Problem(rel, 1, "front matter", "is missing: the file must start with a line '---', then the "
                    "fields, then another '---'")
        ]
    try:
        fm_text, body = handler.split(text)
    except ValueError:  # only the opening '---'
        return None, [Problem(rel, 1, "front matter", "has no closing '---' line: end the fields with a line "
                              "'---', then write the text below it")]
    source = Source(path, rel, body=body)
    source.body_line = text.count("\n", 0, len(text) - len(body)) + 1 if body else text.count("\n") + 1
    first_line = text.count("\n", 0, text.find(fm_text)) + 1 if fm_text else 2
    if len(fm_text) > MAX_FRONT_MATTER_CHARS:
        return None, [_too_long(rel, first_line, len(fm_text), "front matter")]
    source, problems = _parse_yaml(source, fm_text, first_line=first_line)
    if source is not None:
        problems += _body_problems(source)
    return source, problems


def _kb(size: int) -> str:
    return f"{-(-size // 1024):,} KB"  # rounded up, so a file just over the limit does not read as at it


def _too_long(rel: str, line: int, chars: int, what: str) -> Problem:
    return Problem(rel, line, what, f"is {chars:,} characters long: it can be at most {MAX_FRONT_MATTER_CHARS:,}; "
                   "split a long action plan's history into fewer, shorter updates, or move long text into the body")


_MAX_REPORTED = 10  # of one kind in one file: the rest are the same mistake again


def _raw_character_problems(rel: str, text: str, front_matter: bool) -> list[Problem]:
    """A forbidden character written as itself: found in the raw text, so even one inside front matter that YAML
    would refuse gets its own line and a message that says what it is."""
    body_from = -1
    if front_matter and text.startswith("---"):
        second = text.find("\n---", 3)
        body_from = second + 4 if second != -1 else -1
    out = []
    for offset, char in characters.forbidden_in(text):
        where = "body" if front_matter and offset >= body_from >= 0 else ("front matter" if front_matter else "file")
        out.append(Problem(rel, text.count("\n", 0, offset) + 1, where, characters.message(char)))
        if len(out) == _MAX_REPORTED:
            break
    return out


_CONTAINER_PREFIX = re.compile(r"\n[ \t>*+\-0-9.)]{" + str(MAX_BODY_NESTING + 1) + "}")


_MARKUP_RUN = re.compile(r"[*_]{" + str(MAX_BODY_NESTING + 1) + "}")
_MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^>]*\bmarkdown\b")


def _body_problems(source: Source) -> list[Problem]:
    """A body nested so deep that Python-Markdown's recursive parser would fail the build: lists inside lists a
    few hundred deep, a run of a couple of thousand '*', or HTML blocks with ``markdown`` inside each other a few
    hundred deep (counted without their nesting: any page with that many is refused). Each is refused at its line,
    with a limit no real page comes near."""
    body = source.body
    match = _CONTAINER_PREFIX.search(body)  # a body starts after a line break: its first line is never the one
    if not match and body.count("*") + body.count("_") > MAX_BODY_NESTING:  # counting is far quicker than the search
        match = _MARKUP_RUN.search(body)
    if not match and body.count("markdown") > MAX_BODY_NESTING:
        blocks = list(_MARKDOWN_IN_HTML.finditer(body))
        match = blocks[MAX_BODY_NESTING] if len(blocks) > MAX_BODY_NESTING else None
    if not match:
        return []
    at = match.start() + (body[match.start()] == "\n")  # the container pattern starts at the line break before
    line = source.body_line + body.count("\n", 0, at)
    return [Problem(source.rel, line, "body", f"is nested too deeply: more than {MAX_BODY_NESTING} characters of "
                    "indentation, '>' and list markers before the text, or of '*' and '_' in a row, or more than "
                    f"{MAX_BODY_NESTING} HTML blocks marked markdown; flatten the lists or quotes")]


def _parse_yaml(source: Source, text: str, first_line: int) -> tuple[Source | None, list[Problem]]:
    shape = yaml_shape_problem(text, _FastLoader)
    if shape is not None:  # before any node is composed or alias expanded
        return None, [Problem(source.rel, first_line + shape[0], "front matter", shape[1])]
    source, problems = _parse_yaml_checked(source, text, first_line)
    if source is not None and "\\" in text:  # escapes such as "\x01" are the only way a forbidden character
        escaped = _escaped_character_problems(source)  # gets through YAML's own check of the raw text
        if escaped:  # no later rule may quote such a value
            return None, problems + escaped
    if source is not None:
        problems += _blank_problems(source)
    return source, problems


def _escaped_character_problems(source: Source) -> list[Problem]:
    out = []
    for path, text, is_key in characters.strings_with_paths(source.data):
        for _offset, char in characters.forbidden_in(text):
            field_name = dotted(path[:-1]) + " (a field name)" if is_key else dotted(path)
            out.append(Problem(source.rel, source.line(path), field_name, characters.message(char)))
            break
        if len(out) == _MAX_REPORTED:
            break
    return out


def _blank_problems(source: Source) -> list[Problem]:
    return [source.problem(path, characters.BLANK) for path, text in source.texts() if text.isspace()]


def _parse_yaml_checked(source: Source, text: str, first_line: int) -> tuple[Source | None, list[Problem]]:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            walk = _Walk(loader, first_line, {(): first_line})
            try:
                data = walk.mapping(node, ())
            except _NotPlain:
                data = None
            if data is not None:
                source.lines = walk.lines
                source.data = data
                source._texts = walk.texts
                return source, []
        data = loader.construct_document(node) if node is not None else None
    except _UNREADABLE:
        return _parse_yaml_slowly(source, text, first_line)
    finally:
        loader.dispose()
    return _check_yaml(source, first_line, node, data)


# What PyYAML's constructors raise on odd input besides YAMLError: an explicit tag on a value it cannot take
# (``!!timestamp soon`` raises AttributeError, an empty ``!!int`` IndexError). Each is the editor's mistake.
_UNREADABLE = (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError)


class _NotPlain(Exception):
    """Front matter the quick walk leaves to PyYAML's constructor and ``_record_lines`` (duplicate keys, keys
    that are not text, tags other than plain mappings, lists and scalars)."""


@dataclass
class _Walk:
    """One walk of a file's composed nodes: the data PyYAML's SafeLoader would construct, the line of every key
    and item as ``_record_lines`` records them, and the text values as ``Source.texts`` lists them.

    Constructing and then walking again cost a third of reading the content; front matter is almost all plain
    strings in plain mappings and lists, built here directly. Any other scalar (numbers, booleans, nulls,
    explicit tags) is built by PyYAML's own constructor, and anything unusual raises ``_NotPlain`` so the file
    takes the general path, which gives the same result.
    """

    loader: yaml.SafeLoader
    first_line: int
    lines: dict[Path_, int] = field(default_factory=dict)
    texts: list[tuple[Path_, str]] = field(default_factory=list)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _NotPlain  # keys that are not text (numbers, merge keys, lists) are rare: the general path
            key = key_node.value
            if key in out:
                raise _NotPlain  # a duplicate key is a problem to report: the general path words it
            sub = (*path, key)
            self.lines[sub] = self.first_line + key_node.start_mark.line
            out[key] = self.value(value_node, sub)
        return out

    def value(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = node.value if node.tag == _STR else self.loader.construct_object(node, deep=True)
            if isinstance(value, str):
                self.texts.append((path, value))
            return value
        self.lines.setdefault(path, self.first_line + node.start_mark.line)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            out = []
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.lines.setdefault(sub, self.first_line + item.start_mark.line)
                out.append(self.value(item, sub))
            return out
        raise _NotPlain


def _parse_yaml_slowly(source: Source, text: str, first_line: int) -> tuple[Source | None, list[Problem]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        what = err.problem or "invalid YAML"
        return None, [Problem(source.rel, line, "front matter", f"is not valid YAML ({what}); check the "
                              "indentation, and put quotes around text that contains a colon")]
    except _UNREADABLE as err:
        return None, [Problem(source.rel, first_line, "front matter", f"is not valid YAML ({err})")]
    finally:
        loader.dispose()
    return _check_yaml(source, first_line, node, data)


def _check_yaml(source: Source, first_line: int, node: yaml.Node | None, data: Any
                ) -> tuple[Source | None, list[Problem]]:
    source.lines[()] = first_line
    if node is None:
        return source, []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return None, [Problem(source.rel, first_line + node.start_mark.line, "front matter",
                              "must be a list of 'field: value' lines")]
    problems: list[Problem] = []
    _record_lines(node, (), source, first_line, problems)
    if any(_NOT_A_NAME in p.message for p in problems):
        return None, problems  # every later rule reads field names as text
    source.data = data
    return source, problems


_NOT_A_NAME = "cannot be a field name"
_KEY_KINDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:bool": "a yes/no value", "tag:yaml.org,2002:null": "empty",
              "tag:yaml.org,2002:merge": "YAML's merge key"}


def _record_lines(node: yaml.Node, path: Path_, source: Source, first_line: int, problems: list[Problem]) -> None:
    """Record the line of every key and list item, and refuse duplicate keys (YAML would keep the last)."""
    source.lines.setdefault(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            sub = (*path, key)
            line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                kind = _KEY_KINDS.get(key_node.tag, "not a word") if isinstance(key_node, yaml.ScalarNode) else "a list"
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "[...]"
                problems.append(Problem(source.rel, line, dotted(path), f"'{shown}' {_NOT_A_NAME} (YAML reads it as "
                                        f"{kind}): a field name is a word such as title or status; check the "
                                        "line's indentation, or put quotes round text"))
                continue
            if key in seen:
                problems.append(Problem(source.rel, line, dotted(sub),
                                        f"appears twice (also on line {source.lines[sub]}): keep one"))
                continue
            seen.add(key)
            source.lines[sub] = line
            _record_lines(value_node, sub, source, first_line, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*path, i), source, first_line, problems)


def _collect_strings(data: Any, path: Path_, out: list[tuple[Path_, str]]) -> None:
    """A list filled by plain recursion: nested generators cost a step per level for every value."""
    if isinstance(data, str):
        out.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                out.append(((*path, key), value))
            elif isinstance(value, (dict, list)):
                _collect_strings(value, (*path, key), out)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, str):
                out.append(((*path, i), value))
            elif isinstance(value, (dict, list)):
                _collect_strings(value, (*path, i), out)
