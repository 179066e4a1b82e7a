"""What a harvested file must be before the hub keeps any of it: every value comes from another site.

A partnership's ``/data/reviews.json`` is read in three steps:

1. the file: at most ``MAX_FILE_BYTES``, UTF-8 JSON, an object whose ``version`` this hub reads (the current
   version and the one before it: a file without ``version`` is 1.0, written before the field existed), and
   whose top-level fields match the JSON Schema this project publishes (``schema/reviews-data.schema.json``);
2. each record on its own against the same schema's review definition, so one broken record is left out and
   reported while the rest of that source is kept;
3. what a schema cannot say: every link is an http(s) address on the source's own site (a path is resolved
   against it), no control characters, text of a bounded size, and no slug twice.

``recommendations.json`` (version 1.0) is read the same way, for the recommendations' text in search.
Every problem is a ``Problem`` (``file:line: field: message``), the line being where the record starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from casereviews.content.schemas import SCHEMA_DIR
from casereviews.outputs.data import data_validator
from casereviews.problems import Problem

# Versions of /data/reviews.json this hub reads: the current one and the one before (files without a version
# field are 1.0). Keep in step with DATA_VERSION in casereviews/outputs/records.py.
READS_VERSIONS = ("1.0", "1.1")
RECOMMENDATIONS_VERSIONS = ("1.0",)
MAX_FILE_BYTES = 32 * 1024 * 1024  # a site of 2,000 reviews writes some 6 MB
MAX_CSV_BYTES = 32 * 1024 * 1024
MAX_RECORDS = 5000  # per source: a partnership publishes tens
MAX_TITLE = 300
MAX_LABEL = 120
MAX_LEARNING_ITEMS = 30
MAX_LEARNING = 2000
MAX_URL = 2000
MAX_RECOMMENDATION_TEXT = 4000
MAX_RECOMMENDATIONS = 50000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# A control character can reach a decoded value only as itself or as a \u escape: a file with neither needs no
# search of its every value (a fast path at national scale; a false alarm only costs the full search).
_MAYBE_CONTROL = re.compile(r"\\u(?:00[0-1][0-9a-f]|007f|00[89][0-9a-f]|d[89a-f][0-9a-f]{2})"
                            r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", re.IGNORECASE)
_REVIEWS_KEY = re.compile(r'"reviews"\s*:\s*\[')
_RECOMMENDATIONS_KEY = re.compile(r'"recommendations"\s*:\s*\[')


@dataclass
class Checked:
    """One harvested file, as far as the hub keeps it."""

    data: dict[str, Any] | None  # the top level, with only the records kept; None when the whole file is refused
    problems: list[Problem] = field(default_factory=list)
    records: int = 0  # how many records the file held


@cache
def _record_check(schema_file: str, definition: str) -> Callable[[Any], list[str]]:
    """A check of one record against ``definition`` of a published schema: fastjsonschema's quick yes, and
    jsonschema's words when it says no."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    sub = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    slow = Draft202012Validator(sub, format_checker=FormatChecker())
    quick = None
    try:
        import fastjsonschema

        names = set(re.findall(r'"format":\s*"([^"]+)"', json.dumps(schema)))
        checker = slow.format_checker
        formats = {n: (lambda value, n=n: checker.conforms(value, n)) for n in names}
        # fastjsonschema (drafts 4 to 7) reads "definitions", not 2020-12's "$defs": the same schema, renamed
        text = json.dumps({"definitions": schema["$defs"], **schema["$defs"][definition]})
        quick = fastjsonschema.compile(json.loads(text.replace("#/$defs/", "#/definitions/")),
                                       formats=formats)
    except Exception:  # noqa: BLE001 - no shortcut, jsonschema alone
        quick = None

    def check(record: Any) -> list[str]:
        if quick is not None:
            try:
                quick(record)
                return []
            except Exception:  # noqa: BLE001 - refused or odd: jsonschema judges and words it
                pass
        errors = sorted(slow.iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
        return [f"{'.'.join(map(str, e.absolute_path)) or 'record'}: {_short(e.message)}" for e in errors[:3]]

    return check


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit - 1] + "…"


def _lines(text: str, key: re.Pattern[str], count: int) -> list[int]:
    """The line on which each of the ``count`` items of the array named by ``key`` starts (1 when unknown)."""
    decoder = json.JSONDecoder()
    for match in reversed(list(key.finditer(text))):
        pos, lines = match.end(), []
        try:
            for _ in range(count):
                while text[pos] in " \t\r\n,":
                    pos += 1
                lines.append(text.count("\n", 0, pos) + 1)
                _, pos = decoder.raw_decode(text, pos)
        except (ValueError, IndexError):
            continue
        if len(lines) == count:
            return lines
    return [1] * count


def load_json(raw: bytes, where: str) -> tuple[Any, str, list[Problem]]:
    """The parsed file and its text, or a problem saying why it cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        return None, "", [Problem(where, 1, "file", f"is {len(raw):,} bytes, over the hub's limit of "
                                                      f"{MAX_FILE_BYTES:,}; nothing of it was kept")]
    try:
        text = raw.decode("utf-8")
        return json.loads(text), text, []
    except UnicodeDecodeError:
        return None, "", [Problem(where, 1, "file", "is not UTF-8 text; nothing of it was kept")]
    except (ValueError, RecursionError) as err:
        line = getattr(err, "lineno", 1)
        return None, "", [Problem(where, line, "file", f"is not JSON ({_short(getattr(err, 'msg', str(err)))}); "
                                                      "nothing of it was kept")]


def link(value: Any, base: str) -> str | None:
    """``value`` as an absolute http(s) address on the site at ``base``, or None when it is anything else."""
    if not isinstance(value, str) or not value or len(value) > MAX_URL or _CONTROL.search(value) \
            or any(c.isspace() for c in value) or value.startswith("//") or "\\" in value:
        return None
    url = urljoin(base, value)
    parts, home = urlsplit(url), urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return None
    if home.scheme == "https" and parts.scheme != "https":  # never a plain-http link for a site served securely
        return None
    if parts.netloc.lower() != home.netloc.lower() or not parts.path.startswith(home.path):
        return None
    return url


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _limits(record: dict[str, Any], scan: bool = True) -> str | None:
    if scan and any(_CONTROL.search(s) for s in _strings(record)):
        return "holds a control character"
    if len(record["title"]) > MAX_TITLE:
        return f"title: over {MAX_TITLE} characters"
    terms = [t for key in ("themes", "agencies") for t in record[key]] + [
        record[k] for k in ("review_type", "age_band", "family") if record.get(k)]
    if any(len(t["label"]) > MAX_LABEL for t in terms):
        return f"a theme, agency or type label is over {MAX_LABEL} characters"
    if len(record["themes"]) > 50 or len(record["agencies"]) > 50:
        return "over 50 themes or agencies"
    learning = record["key_learning"]
    if len(learning) > MAX_LEARNING_ITEMS or any(len(k) > MAX_LEARNING for k in learning):
        return f"key_learning: over {MAX_LEARNING_ITEMS} points, or a point over {MAX_LEARNING} characters"
    if len(record.get("partnership") or "") > MAX_TITLE:
        return f"partnership: over {MAX_TITLE} characters"
    return None


def check_reviews(raw: bytes, base: str, where: str) -> Checked:
    """A source's ``/data/reviews.json`` as the hub keeps it. ``base`` is the source's public address."""
    data, text, problems = load_json(raw, where)
    if problems:
        return Checked(None, problems)
    if not isinstance(data, dict) or not isinstance(data.get("reviews"), list):
        return Checked(None, [Problem(where, 1, "file", "is not a reviews.json: no list of reviews; nothing of it "
                                                        "was kept")])
    version = data.get("version", "1.0")
    if version not in READS_VERSIONS:
        return Checked(None, [Problem(where, 1, "version", f"{str(version)[:20]!r} is a version of reviews.json this "
                                                           f"hub does not read (it reads {', '.join(READS_VERSIONS)}); "
                                                           "nothing of it was kept")])
    reviews = data["reviews"]
    top = {**data, "reviews": []}
    errors = sorted(data_validator().iter_errors(top), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        e = errors[0]
        return Checked(None, [Problem(where, 1, ".".join(map(str, e.absolute_path)) or "file",
                                      f"does not match the published schema ({_short(e.message)}); nothing of it "
                                      "was kept")])
    if len(reviews) > MAX_RECORDS:
        problems.append(Problem(where, 1, "reviews", f"{len(reviews):,} records; the hub keeps the first "
                                                     f"{MAX_RECORDS:,}"))
        reviews = reviews[:MAX_RECORDS]
    check = _record_check("reviews-data.schema.json", "review")
    lines = _lines(text, _REVIEWS_KEY, len(reviews))
    kept, slugs = [], set()
    scan = _MAYBE_CONTROL.search(text) is not None
    for n, (record, line) in enumerate(zip(reviews, lines, strict=True)):
        name = f"reviews[{n}]"
        errors = check(record)
        if errors:
            problems.extend(Problem(where, line, f"{name}.{e.split(': ', 1)[0]}", e.split(": ", 1)[1]
                                    + "; the record was left out") for e in errors)
            continue
        why = _limits(record, scan)
        if why is None and record["slug"] in slugs:
            why = f"slug {record['slug']!r} is given twice (the first record is kept)"
        url = link(record["url"], base)
        if why is None and url is None:
            why = f"url: {_short(record['url'], 80)!r} is not a page of {base}"
        if why is not None:
            problems.append(Problem(where, line, name, f"{why}; the record was left out"))
            continue
        record = {**record, "url": url}
        for key in ("briefing_url", "action_plan_url"):
            if record[key] is not None:
                checked = link(record[key], base)
                if checked is None:
                    problems.append(Problem(where, line, f"{name}.{key}", f"is not a page of {base}; the link was "
                                                                          "left out"))
                record[key] = checked
        record["documents"] = []  # the hub links to the review's page, never to files on another site
        slugs.add(record["slug"])
        kept.append(record)
    return Checked({**data, "version": version, "count": len(kept), "reviews": kept}, problems, len(reviews))


def check_recommendations(raw: bytes, base: str, where: str) -> Checked:
    """A source's ``/data/recommendations.json``, with only its valid records; the hub uses their text in search."""
    data, text, problems = load_json(raw, where)
    if problems:
        return Checked(None, problems)
    if not isinstance(data, dict) or not isinstance(data.get("recommendations"), list):
        return Checked(None, [Problem(where, 1, "file", "is not a recommendations.json; nothing of it was kept")])
    if data.get("version") not in RECOMMENDATIONS_VERSIONS:
        return Checked(None, [Problem(where, 1, "version", f"{str(data.get('version'))[:20]!r} is not a version "
                                                           "of recommendations.json this hub reads "
                                                           f"({', '.join(RECOMMENDATIONS_VERSIONS)})")])
    items = data["recommendations"][:MAX_RECOMMENDATIONS]
    check = _record_check("recommendations-data.schema.json", "recommendation")
    lines = _lines(text, _RECOMMENDATIONS_KEY, len(items))
    kept = []
    for n, (item, line) in enumerate(zip(items, lines, strict=True)):
        errors = check(item)
        if not errors and (len(item["text"]) > MAX_RECOMMENDATION_TEXT or _CONTROL.search(item["text"])):
            errors = [f"text: over {MAX_RECOMMENDATION_TEXT} characters or holds a control character"]
        if not errors and link(item["url"], base) is None:
            errors = ["url: not a page of the source's site"]
        if errors:
            problems.extend(Problem(where, line, f"recommendations[{n}]", e + "; left out") for e in errors[:1])
            continue
        kept.append(item)
    return Checked({**data, "count": len(kept), "recommendations": kept}, problems, len(items))


def check_csv(raw: bytes, where: str) -> tuple[bytes | None, list[Problem]]:
    """``actions.csv`` is kept as it was published (bounded, UTF-8, with a header row) for the hub's operators;
    the hub's pages use the action counts of reviews.json."""
    if len(raw) > MAX_CSV_BYTES:
        return None, [Problem(where, 1, "file", f"is over the hub's limit of {MAX_CSV_BYTES:,} bytes; not kept")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(where, 1, "file", "is not UTF-8 text; not kept")]
    first = text.split("\n", 1)[0]
    if "," not in first or _CONTROL.search(text.replace("\t", "")):
        return None, [Problem(where, 1, "file", "is not a CSV file with a header row; not kept")]
    return raw, []
