"""The JSON Schemas in ``schema/``: the one statement of each front matter's field types.

They are shipped with the site too, so an editor's IDE can check a file while it is typed. Everything a schema
cannot say (known vocabulary ids, real dates, files that exist, the seven sections) is in ``check``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casereviews.content.source import Source, dotted
from casereviews.problems import Problem
from casereviews.statuses import STALE, ActionStatus, ReviewStatus

if TYPE_CHECKING:  # jsonschema is imported when a file needs its words (see _quick): most checks never do
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
NAMES = ("review", "briefing", "action-plan", "vocabulary", "meetings")


@cache
def _documents() -> dict[str, dict[str, Any]]:
    """The schema files by their ``$id``."""
    docs = [json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")) for name in NAMES]
    return {doc["$id"]: doc for doc in docs}


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    return Registry().with_resources((uri, Resource.from_contents(doc)) for uri, doc in _documents().items())


@cache
def inlined(name: str) -> dict[str, Any]:
    """One schema with its ``$ref``s replaced by what they point to.

    The files keep their ``$ref``s (they are what editors' tools read); inlining them in memory once gives the
    same errors without a registry look-up for every value of every file, which made the check several times
    slower on a large corpus. Our schemas have no recursive references, so inlining always ends.
    """
    return _inline(_documents()[f"{name}.schema.json"], f"{name}.schema.json")


@cache
def validator(name: str) -> Draft202012Validator:
    """The jsonschema validator of one (inlined) schema, reading ``pattern`` as JSON Schema means it."""
    from jsonschema import Draft202012Validator, validators

    ecma = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})
    return ecma(inlined(name), registry=_registry())


_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _python_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern for Python's ``re``. In JSON Schema (ECMA 262) ``$`` is the end of the text; in Python it
    also matches before a final line break, so jsonschema let ``neglect\\n`` pass as an id and a folder name.
    fastjsonschema makes the same replacement."""
    return re.compile(_UNESCAPED_DOLLAR.sub(r"\\Z", pattern))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _inline(node: Any, base: str) -> Any:
    if isinstance(node, list):
        return [_inline(item, base) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        target_doc, _, pointer = ref.partition("#")
        doc = target_doc or base
        target: Any = _documents()[doc]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        merged = {**_inline(target, doc), **{k: v for k, v in node.items() if k != "$ref"}}
        return merged
    return {key: (value if key in ("$defs", "enum", "const") else _inline(value, base)) for key, value in node.items()}


@cache
def _quick(name: str) -> Callable[[Any], Any] | None:
    """The same schema compiled to Python by fastjsonschema: a yes/no answer about ten times faster.

    Nearly every file is valid, and jsonschema took a quarter of the time of reading 2,000 reviews just to find
    nothing. So the compiled check answers first, and jsonschema runs only on a file it refuses, to say what is
    wrong in its usual words. Both implement the keywords our schemas use the same way (fastjsonschema as
    draft 7, which has them all); a schema it cannot compile simply goes without the shortcut.
    """
    try:
        import fastjsonschema
    except ImportError:
        return None
    schema = {k: v for k, v in inlined(name).items() if k not in ("$schema", "$id", "$defs")}
    try:
        return fastjsonschema.compile(schema)
    except Exception:  # noqa: BLE001 - any failure just means no shortcut
        return None


def quick_data_validator(schema_file: Path, format_checker: Any) -> Callable[[Any], Any] | None:
    """An open-data schema (``schema_file``) compiled by fastjsonschema: a yes/no answer many times faster than
    jsonschema, which took most of an output's time at national scale; jsonschema still judges any data it
    refuses, for the message. None when fastjsonschema is missing or cannot compile the schema.

    Formats are checked exactly as ``format_checker`` (jsonschema's ``FormatChecker``) checks them, so the two
    agree on what is valid."""
    try:
        import fastjsonschema
    except ImportError:
        return None
    text = schema_file.read_text(encoding="utf-8")
    schema = json.loads(text)
    formats = {name: (lambda value, name=name: format_checker.conforms(value, name))
               for name in set(re.findall(r'"format":\s*"([^"]+)"', text))}
    try:
        return fastjsonschema.compile({k: v for k, v in schema.items() if k not in ("$schema", "$id")},
                                      formats=formats)
    except Exception:  # noqa: BLE001 - any failure just means no shortcut
        return None



def schema_problems(source: Source, name: str, what: str) -> list[Problem]:
    """Every schema error in ``source``, in words an editor can act on. ``what`` names the file's kind."""
    quick = _quick(name)
    if quick is not None:
        try:
            quick(source.data)
            return []
        except Exception:  # noqa: BLE001 - JsonSchemaException or anything odd: let jsonschema judge
            pass
    problems: list[Problem] = []
    for error in validator(name).iter_errors(source.data):
        problems.extend(p for p in _explain(source, error, what, name) if p not in problems)
    return problems


def _explain(source: Source, error: ValidationError, what: str, name: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind, value, schema = error.validator, error.instance, error.schema
    hint = schema.get("x-hint", "")
    if kind == "required":
        props = schema.get("properties") or (inlined(name).get("properties", {}) if not path else {})
        out = []
        for field in error.validator_value:
            if isinstance(value, dict) and field not in value:
                hint = props.get(field, {}).get("x-hint") or _field_hints().get(field)
                extra = f": {hint}" if hint else ""
                reason = _required_reason(field, source.data)
                out.append(source.problem(path, f"is missing{reason}{extra}", dotted((*path, field))))
        return out
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        out = []
        for name in value:
            if name not in known:
                close = get_close_matches(name, known, n=1, cutoff=0.6)
                guess = f"did you mean '{close[0]}'? " if close else ""
                out.append(source.problem((*path, name), f"is not a field of {_place(path, what)}; {guess}"
                                          f"the fields are: {', '.join(known)}"))
        return out
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        if value in (ActionStatus.OVERDUE, STALE):
            return [source.problem(path, f"'{value}' is worked out by the site from the dates and must not be "
                                   f"written; write the action's real status: {', '.join(allowed)}")]
        close = get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        guess = f"did you mean '{close[0]}'? " if close else ""
        return [source.problem(path, f"'{shown(value)}' is not allowed; {guess}use one of: {', '.join(allowed)}")]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected if t != "null")
        return [source.problem(path, f"must be {words}, not {_describe(value)}" + (f" ({hint})" if hint else ""))]
    if kind == "pattern":
        return [source.problem(path, f"'{shown(value)}' is not {hint or 'in the expected form'}")]
    if kind == "maxLength":
        return [source.problem(path, f"is {len(value)} characters long; it must be at most "
                               f"{error.validator_value}: shorten it")]
    if kind == "minLength":
        return [source.problem(path, "is empty: write the text or remove the field")]
    if kind == "minItems":
        return [source.problem(path, f"needs at least {error.validator_value} entry" + (f" ({hint})" if hint else ""))]
    if kind == "oneOf":
        return [source.problem(path, hint or "does not match any allowed form")]
    return [source.problem(path, error.message)]


@cache
def _field_hints() -> dict[str, str]:
    """Field name -> hint, from every schema: the fallback when an error's own subschema has none."""
    hints: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for field, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and sub.get("x-hint"):
                    hints.setdefault(field, sub["x-hint"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema_name in NAMES:
        walk(inlined(schema_name))
    return hints


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a set of 'field: value' lines",
               "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def shown(value: Any) -> str:
    """A value as a message quotes it: a line break or tab written as \\n or \\t, so it can be seen."""
    text = str(value)
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put quotes around it to make it text)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"'{value}'"


def _place(path: tuple, what: str) -> str:
    names = [p for p in path if isinstance(p, str)]
    return {"recommendations": "a recommendation", "actions": "an action", "updates": "an update",
            "documents": "a document"}.get(names[-1], what) if names else what


def _required_reason(name: str, data: Any) -> str:
    status = data.get("status") if isinstance(data, dict) else None
    if name == "status":
        return " (publishing is always explicit: write 'status: draft' until the review is ready)"
    if status in (ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN) and name != "withdrawn_reason":
        return f" (it is required once the status is '{status}')"
    if name == "withdrawn_reason":
        return " (a withdrawn review must say why, in a sentence shown on its page)"
    return ""
