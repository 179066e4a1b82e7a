"""Indentation taken out of built pages: the templates are indented for people, and a phone on a slow connection
should not download that indentation (about a fifth of a review page's HTML).

Only a line break followed by spaces or tabs is cut, to the line break alone, and never inside ``<pre>`` or
``<textarea>``, where spaces are content. Between words and tags a line break is still white space, so the page
reads and lays out the same.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def compact(html: str) -> str:
    parts = _KEEP.split(html)
    # re.split with two groups yields: text, whole kept block, tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
