"""The bounds on what one content file may cost to read, and the check that YAML keeps within them.

Every content file is hostile input as far as the build is concerned: a 0.7 KB YAML "alias bomb" (nine levels of
nine aliases) once made a build use 23 GB, a recursive alias (``&a [*a]``) raised ``RecursionError``, and a few
thousand nested brackets crash LibYAML's composer outright. So a file is measured before it is parsed, and its
YAML events are looked at before any node is built or expanded. Editors never need anchors or aliases (each
field is written out once), so they are refused rather than limited. The limits are stated for editors in
docs/editors/content-format.md.
"""

from __future__ import annotations

import re

import yaml

MAX_FILE_BYTES = 1024 * 1024  # any index.md, briefing.md, action-plan.md or vocabulary.yml; documents in files/
# are not read and have no limit here
MAX_FRONT_MATTER_CHARS = 256 * 1024  # the YAML between the two '---' lines (and all of vocabulary.yml)
MAX_YAML_DEPTH = 16  # lists and field groups inside each other; an action plan's updates are 7 deep
MAX_BODY_NESTING = 100  # characters of indentation, '>' and list markers before a body line's text

# Only text that could hold an anchor or alias, or nest deeply, needs its events read: '&' or '*' right before a
# name, a line that starts with a long run of indentation and block indicators, or many flow brackets. Anything
# else is bounded already (depth at most the bracket count plus twice the longest such line start).
_MAY_ALIAS = re.compile(r"[&*][^\s,\[\]{}]")
_MAY_NEST = re.compile(r"\n[ \t?:-]{40}")  # "\n" first, not "^" with re.M: a quick scan for one character
_MAX_QUIET_BRACKETS = 32
_TOO_DEEP = (f"nests lists and fields more than {MAX_YAML_DEPTH} levels deep: the content format needs at most 7; "
             "check the indentation and the [ ] and { } brackets")
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def yaml_shape_problem(text: str, loader_class: type) -> tuple[int, str] | None:
    """(0-based line, message) of the first anchor, alias or too-deep nesting in ``text``, else None.

    Reads the parser's events only, which are linear in the text: no node is composed, no alias expanded.
    Text the parser refuses is left to the normal reading, which says what is wrong with it (it stops at the same
    place, so it never nests deeper than seen here).
    """
    if not (("&" in text or "*" in text) and _MAY_ALIAS.search(text)) and not _MAY_NEST.search("\n" + text) \
            and text.count("[") + text.count("{") <= _MAX_QUIET_BRACKETS:
        return None
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent):
                return line, (f"uses the YAML alias '*{event.anchor}': anchors and aliases (&name, *name) are not "
                              "allowed in content files; write the value out in full where it is needed")
            if getattr(event, "anchor", None):
                return line, (f"uses the YAML anchor '&{event.anchor}': anchors and aliases (&name, *name) are not "
                              "allowed in content files; write the value out in full where it is needed")
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return line, _TOO_DEEP
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError as err:
        # PyYAML 6.0.4's LibYAML parser has a nesting limit of its own, and may reach it while reading ahead,
        # before this loop has seen the events. Left to the normal reading, that depth would exhaust Python's
        # recursion in PyYAML's pure-Python parser.
        if "nesting depth" in str(err):
            mark = getattr(err, "problem_mark", None)
            return (mark.line if mark else 0), _TOO_DEEP
        return None
    finally:
        loader.dispose()
    return None


class PlainDumper(yaml.SafeDumper):
    """PyYAML's safe dumper without anchors and aliases: it writes one (``&id001``, ``*id001``) whenever the same
    object appears twice, and content files may not hold them. Every tool that writes content uses this."""

    def ignore_aliases(self, data: object) -> bool:
        return True
