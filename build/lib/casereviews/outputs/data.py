"""/data/reviews.json, its JSON Schema beside it, and /data/reviews.csv: the open-data door for repositories and
researchers. The JSON is checked against the schema before it is written, so a published file always matches
the schema published with it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from casereviews.content.schemas import SCHEMA_DIR, quick_data_validator
from casereviews.outputs.records import csv_columns, dataset, flatten
from casereviews.outputs.spreadsheet import safe_row
from casereviews.problems import OutputError
from casereviews.publication.site import PublicSite

SCHEMA_FILE = SCHEMA_DIR / "reviews-data.schema.json"


@cache
def data_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


@cache
def _quick_validator() -> Callable[[Any], Any] | None:
    """The same schema compiled by fastjsonschema, a yes/no answer many times faster than jsonschema, which took
    most of this output's time at national scale; jsonschema still judges any data it refuses, for the message.

    Formats are checked exactly as jsonschema's ``FormatChecker`` checks them (it checks "date" and leaves
    "date-time" and "uri" unchecked unless optional packages are installed), so the two agree on what is valid.
    """
    return quick_data_validator(SCHEMA_FILE, data_validator().format_checker)


def _is_valid_quickly(data: Any) -> bool:
    quick = _quick_validator()
    if quick is None:
        return False
    try:
        quick(data)
    except Exception:  # noqa: BLE001 - refused, or anything odd: jsonschema judges
        return False
    return True


def write_data(site: PublicSite, site_dir: Path, config: Any) -> None:
    data = dataset(site)
    errors = [] if _is_valid_quickly(data) else sorted(data_validator().iter_errors(data),
                                                        key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise OutputError(f"data/reviews.json does not match its schema at {where or 'the top'}: "
                          f"{errors[0].message} (a bug in casereviews/outputs/records.py, not in the content)")
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reviews.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "reviews.schema.json").write_text(SCHEMA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns())
    writer.writeheader()
    writer.writerows(safe_row(flatten(record)) for record in data["reviews"])
    (folder / "reviews.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
