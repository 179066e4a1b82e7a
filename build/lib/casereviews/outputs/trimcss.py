"""Material's stylesheet cut down to the rules this site's pages can use.

Material ships one 135 KB stylesheet (plus 12 KB of colour palettes) for every feature it has: admonitions, code
tabs, the search dialog, blog posts, version selectors. A browser must fetch and parse all of it before it paints
anything, which on a phone over a slow connection is most of the wait. This site uses a fraction of it, so the
build writes one trimmed copy that every page links instead.

What is kept, conservatively:

- a selector is dropped only when it names, outside any ``:not()``/``:is()`` argument, a class or an element
  that appears in no built page and in no word of the site's scripts (Material's bundle adds classes such as
  ``md-header--shadow`` as it runs); ids and other attributes never cause a drop;
- palette and direction selectors (``[data-md-color-primary=...]``, ``[dir=rtl]``) are kept only for the values
  the pages use;
- a custom property (``--md-admonition-icon--note``) is dropped only when nothing left refers to it;
- every at-rule other than ``@media`` and ``@supports`` (which are trimmed inside) is kept as it is.

The trimmed copy is made after the pages are written, from the classes they actually contain, so Markdown content
that uses an admonition or a table keeps the rules it needs. Only ``tinycss2`` (a CSS tokenizer by the
WeasyPrint authors) is used to read the CSS; nothing here knows MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import tinycss2
from tinycss2.ast import Declaration, FunctionBlock, IdentToken, LiteralToken, Node, SquareBracketsBlock

CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
PALETTE_ATTR = re.compile(r'\s(data-md-color-(?:scheme|primary|accent)|dir)="([^"]*)"')
WORD = re.compile(r"[A-Za-z_][\w-]*")
VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")
PALETTE_NAMES = {"data-md-color-scheme", "data-md-color-primary", "data-md-color-accent", "dir"}


@dataclass
class Usage:
    """What the built pages and scripts use: class names, palette attribute values, and words in scripts."""

    classes: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    palette: set[tuple[str, str]] = field(default_factory=set)
    script_words: set[str] = field(default_factory=set)
    # Class prefixes of script-made parts this site has switched off (the version selector, code annotations):
    # their words are in Material's bundle, but no page will ever show them.
    script_off: tuple[str, ...] = ()

    def add_page(self, html: str) -> None:
        for value in CLASS_ATTR.findall(html):
            self.classes.update(value.split())
        self.tags.update(t.lower() for t in TAG.findall(html))
        self.palette.update(PALETTE_ATTR.findall(html))

    def add_script(self, text: str) -> None:
        self.script_words.update(WORD.findall(text))

    def uses_class(self, name: str) -> bool:
        if name in self.classes:
            return True
        return name in self.script_words and not name.startswith(self.script_off)

    def uses_palette(self, attribute: str, value: str | None) -> bool:
        return (attribute, value) in self.palette

    def uses_tag(self, name: str) -> bool:
        return name.lower() in self.tags or name in self.script_words


def _split_selectors(prelude: list[Node]) -> list[list[Node]]:
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [s for s in selectors if any(t.type not in ("whitespace", "comment") for t in s)]


def _selector_is_used(selector: list[Node], usage: Usage) -> bool:
    for i, token in enumerate(selector):
        before = selector[i - 1] if i else None
        if isinstance(token, IdentToken) and (before is None or before.type == "whitespace" or (
                isinstance(before, LiteralToken) and before.value in (">", "+", "~"))):
            if not usage.uses_tag(token.value):  # a type selector: h1, kbd, table
                return False
        elif isinstance(token, LiteralToken) and token.value == "." and i + 1 < len(selector):
            following = selector[i + 1]
            if isinstance(following, IdentToken) and not usage.uses_class(following.value):
                return False
        elif isinstance(token, SquareBracketsBlock):
            parts = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if (len(parts) == 3 and isinstance(parts[0], IdentToken) and parts[0].lower_value in PALETTE_NAMES
                    and isinstance(parts[1], LiteralToken) and parts[1].value == "="):
                value = getattr(parts[2], "value", None)
                if not usage.uses_palette(parts[0].lower_value, value):
                    return False
        elif isinstance(token, FunctionBlock):
            continue  # :not(.x), :is(.x, .y), :where(...): never a reason to drop
    return True


def _declarations(content: list[Node]) -> list[Declaration]:
    return [d for d in tinycss2.parse_declaration_list(content, skip_whitespace=True, skip_comments=True)
            if isinstance(d, Declaration)]


def _serialize_declaration(d: Declaration) -> str:
    return f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"


@dataclass
class _Rule:
    prelude: str
    declarations: list[Declaration]


@dataclass
class _Block:
    prelude: str  # e.g. "@media screen and (min-width:76.25em)"
    items: list[_Rule | _Block | str]


def _trim_rules(rules: Iterable[Node], usage: Usage) -> list[_Rule | _Block | str]:
    out: list[_Rule | _Block | str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _split_selectors(rule.prelude) if _selector_is_used(s, usage)]
            if kept:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in kept)
                out.append(_Rule(prelude, _declarations(rule.content)))
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
                inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True,
                                                             skip_comments=True), usage)
                if inner:
                    out.append(_Block(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
            else:
                out.append(rule.serialize())
    return out


def _walk(items: list[_Rule | _Block | str]) -> Iterable[_Rule | str]:
    for item in items:
        if isinstance(item, _Block):
            yield from _walk(item.items)
        else:
            yield item


def _drop_unused_properties(items: list[_Rule | _Block | str], also_referenced: str) -> None:
    """Remove custom property declarations nothing refers to, until no more can go (one drop can orphan
    another)."""
    while True:
        text = also_referenced + "".join(
            "".join(tinycss2.serialize(d.value) for d in i.declarations) if isinstance(i, _Rule) else i
            for i in _walk(items))
        referenced = set(VAR_REF.findall(text))
        dropped = False
        for item in _walk(items):
            if isinstance(item, _Rule):
                keep = [d for d in item.declarations if not d.name.startswith("--") or d.name in referenced]
                if len(keep) != len(item.declarations):
                    item.declarations = keep
                    dropped = True
        if not dropped:
            return


def _serialize(items: list[_Rule | _Block | str]) -> str:
    parts = []
    for item in items:
        if isinstance(item, _Block):
            inner = _serialize(item.items)
            if inner:
                parts.append(f"{item.prelude}{{{inner}}}")
        elif isinstance(item, _Rule):
            if item.declarations:
                parts.append(f"{item.prelude}{{{';'.join(_serialize_declaration(d) for d in item.declarations)}}}")
        else:
            parts.append(item)
    return "".join(parts)


class _Everything(Usage):
    def uses_class(self, name: str) -> bool:
        return True

    def uses_palette(self, attribute: str, value: str | None) -> bool:
        return True

    def uses_tag(self, name: str) -> bool:
        return True


def minify(css: str) -> str:
    """The same rules without comments and indentation (for the site's own stylesheet, kept readable in docs/)."""
    items = _trim_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), _Everything())
    return _serialize(items)


def trim(stylesheets: Iterable[str], usage: Usage, other_css: str = "") -> str:
    """The rules of ``stylesheets`` (in order, as one sheet) that pages with this ``usage`` can use.

    ``other_css`` is the site's own CSS: its ``var(--md-...)`` references keep Material's custom properties."""
    items: list[_Rule | _Block | str] = []
    for css in stylesheets:
        items.extend(_trim_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), usage))
    _drop_unused_properties(items, other_css)
    return _serialize(items)
