"""Characters no content may hold, and text that is there but says nothing.

Control characters (``\\x01``, the escape ``\\x1b``), non-characters (U+FFFE, U+FFFF and the others Unicode
reserves) and lone surrogates are invisible in an editor and break outputs: XML (the feed) may not hold them, a
lone surrogate cannot be written as UTF-8 at all, and a terminal shows escape sequences as commands. They
usually come from text copied out of a PDF or a word processor. Tab and line break are the only control
characters allowed, and only because they are ordinary white space. Old Mac line endings (a lone carriage
return) are read as line breaks before this check, as Python-Markdown reads them.

A text of spaces only passes a schema's "at least one character" but is empty once trimmed, and the data files
require a real title or learning point: it is refused here, so ``scripts/check`` and the build agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# The same test in two quick passes: one class of the Basic Multilingual Plane, which Python's regular expressions
# scan about ten times faster than FORBIDDEN (whose 32 single characters above U+FFFF make a slow set), and the
# rare characters above U+FFFF (emoji, mostly) looked at one by one. Every file and front matter value goes through
# this, so it is the check's cost on a large corpus.
_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_forbidden(text: str) -> bool:
    if _BMP.search(text):
        return True
    if text.isascii():
        return False
    return any(ord(m.group()) & 0xFFFE == 0xFFFE for m in _ASTRAL.finditer(text))


def describe(char: str) -> str:
    """How a message names a forbidden character: its code point and kind, never the character itself."""
    code = ord(char)
    point = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"a broken character ({point}, half of a surrogate pair)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "")
        return f"the invisible control character {point}" + (f" ({name.lower()})" if name else "")
    return f"the non-character {point}"


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def message(char: str) -> str:
    return (f"contains {describe(char)}, which cannot be published (it breaks the feed and the data files): delete "
            "it; it usually comes from text copied out of a PDF or a word processor")


BLANK = "is only spaces: write the text, or remove the field"


def forbidden_in(text: str) -> Iterator[tuple[int, str]]:
    """(0-based offset, character) of every forbidden character in ``text``."""
    if has_forbidden(text):  # rare: the slow pattern only for text that holds one
        for match in FORBIDDEN.finditer(text):
            yield match.start(), match.group()


def strings_with_paths(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, bool]]:
    """(path, text, is_key) of every key and text value of parsed YAML, for the rare file that needs its keys
    looked at too (one with escapes, where a key can hold a character written as \\x01)."""
    if isinstance(data, str):
        yield path, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from strings_with_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings_with_paths(value, (*path, i))
