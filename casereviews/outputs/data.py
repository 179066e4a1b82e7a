"""/data/reviews.json, its JSON Schema beside it, and /data/reviews.csv: the open-data door for repositories and
researchers. The JSON is checked against the schema before it is written, so a published file always matches
the schema published with it.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from ..records import csv_columns, dataset, flatten
from ..schemas import SCHEMA_DIR
from ..site import PublicSite
from . import OutputError

SCHEMA_FILE = SCHEMA_DIR / "reviews-data.schema.json"


@cache
def data_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def write_data(site: PublicSite, site_dir: Path, config: Any) -> None:
    data = dataset(site)
    errors = sorted(data_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise OutputError(f"data/reviews.json does not match its schema at {where or 'the top'}: "
                          f"{errors[0].message} (a bug in casereviews/records.py, not in the content)")
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reviews.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "reviews.schema.json").write_text(SCHEMA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns())
    writer.writeheader()
    writer.writerows(flatten(record) for record in data["reviews"])
    (folder / "reviews.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
