"""What the site hands the theme, made safe for HTML before the theme sees it.

MkDocs' Jinja environment does not autoescape, and Material's ``base.html`` and ``partials/header.html`` print
``page.meta.title``, ``page.title`` and ``page.meta.description`` as they are, into ``<title>``, the header and a
``<meta content="...">`` attribute. A review title such as ``Child A </title><script>...`` would run there. So
every page's text metadata is escaped here, once, as ``markupsafe.Markup``: printed raw it is already escaped
text, and printed by the project's autoescaped templates it is not escaped a second time.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from markupsafe import Markup, escape

# The keys of a page's meta that Material prints as text. ``template``, ``hide`` and ``search`` are settings, not text.
TEXT_KEYS = ("title", "description", "author")


def escape_page_meta(meta: MutableMapping[str, Any]) -> None:
    """Replace each text value of a page's meta by its HTML-escaped ``Markup``, in place (MkDocs holds the dict)."""
    for key in TEXT_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)
