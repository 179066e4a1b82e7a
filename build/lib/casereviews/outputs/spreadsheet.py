"""Cells for spreadsheets: text that Excel, LibreOffice or Google Sheets would run as a formula is neutralised.

OWASP's guidance on CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
can be read as a formula when the file is opened in a spreadsheet (``=HYPERLINK(...)`` sends the reader
elsewhere; older Excel ran ``=cmd|...`` commands). Such a cell is written with a single quote in front, which the
spreadsheet shows as text and does not evaluate. A cell that is a plain number (``-3``, ``+4.5``) is a number, not
a formula, and is left as it is; so are dates and counts, which never start with these characters.

Only the CSV files get this: reviews.json keeps every text exactly as written, for programs that read the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it, never as a formula it would run."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, str]) -> dict[str, str]:
    return {key: safe_cell(value) for key, value in row.items()}
