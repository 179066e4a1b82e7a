"""The project's stylesheet (docs/assets/site.css): every colour named once, as a custom property at the top, and
the cut that review and briefing pages link (site-reading.css, outputs/stylesheet.py) keeps the properties its
rules use. No build: the stylesheet is read and cut as the build cuts it."""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Declaration, FunctionBlock, HashToken, IdentToken, Node, QualifiedRule

from casereviews.outputs.trimcss import Usage, trim

REPO = Path(__file__).resolve().parent.parent
SITE_CSS = REPO / "docs/assets/site.css"

COLOUR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix"}
# The named colours one is likely to type (CSS's basic sixteen and a few more); currentColor, transparent and
# inherit name no colour of their own and are allowed.
COLOUR_NAMES = {"white", "black", "red", "green", "blue", "yellow", "orange", "purple", "grey", "gray", "silver",
                "navy", "maroon", "teal", "olive", "lime", "aqua", "fuchsia", "pink", "brown", "indigo", "gold"}
VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _rules(css: str) -> list[Node]:
    return tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)


def _declarations(rule: QualifiedRule) -> list[Declaration]:
    return [d for d in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
            if isinstance(d, Declaration)]


def _walk_declarations(rules: list[Node], where: str = ""):
    """(selector, declaration) for every declaration, inside @media and @supports too."""
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selector = where + tinycss2.serialize(rule.prelude).strip()
            for d in _declarations(rule):
                yield selector, d
        elif isinstance(rule, AtRule) and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
            condition = tinycss2.serialize(rule.prelude).strip()
            yield from _walk_declarations(inner, f"{where}@{rule.at_keyword} {condition} ")


def _colour_literals(tokens: list[Node]) -> list[str]:
    found = []
    for t in tokens:
        if isinstance(t, HashToken):
            found.append("#" + t.value)
        elif isinstance(t, FunctionBlock):
            if t.lower_name in COLOUR_FUNCTIONS:
                found.append(tinycss2.serialize([t]))
            else:
                found.extend(_colour_literals(t.arguments))  # var(--x, #fff), max(...)
        elif isinstance(t, IdentToken) and t.lower_value in COLOUR_NAMES:
            found.append(t.value)
    return found


def _palette(css: str) -> tuple[QualifiedRule, dict[str, str]]:
    first = _rules(css)[0]
    assert isinstance(first, QualifiedRule) and tinycss2.serialize(first.prelude).strip() == ":root", (
        "site.css must open with the :root rule that names its colours")
    return first, {d.name: tinycss2.serialize(d.value).strip() for d in _declarations(first)}


def colour_literals_outside_the_palette(css: str) -> list[str]:
    """Each colour written in ``css`` anywhere but the custom properties of its opening :root rule."""
    first, _ = _palette(css)
    return [f"{selector} {{ {d.name}: {literal} }}"
            for selector, d in _walk_declarations(_rules(css)[1:])
            for literal in _colour_literals(d.value)] + [
        f":root {{ {d.name} }} is not a custom property" for d in _declarations(first) if not d.name.startswith("--")]


def test_every_colour_is_named_once_at_the_top():
    css = SITE_CSS.read_text(encoding="utf-8")
    assert colour_literals_outside_the_palette(css) == [], (
        "write the colour as a custom property in the :root rule at the top of site.css and use var(--cr-...)")
    _, palette = _palette(css)
    literals = [v.lower() for v in palette.values() if not v.startswith("var(")]
    assert sorted({v for v in literals if literals.count(v) > 1}) == [], "a colour named twice in :root"


def test_every_custom_property_used_is_defined_and_every_one_defined_is_used():
    css = SITE_CSS.read_text(encoding="utf-8")
    _, palette = _palette(css)
    ours = {name for name in palette if name.startswith("--cr-")}
    text = tinycss2.serialize(_rules(css))
    used = {name for name in VAR.findall(text) if name.startswith("--cr-")}
    assert used - ours == set()
    assert ours - used == set()


def test_the_check_finds_a_colour_written_in_a_rule():
    css = ":root { --cr-ink: #1f2937; }\n.a { color: var(--cr-ink); }\n"
    assert colour_literals_outside_the_palette(css) == []
    assert colour_literals_outside_the_palette(css + ".b { border: 1px solid #abc; }") == [
        ".b { border: #abc }"]
    assert colour_literals_outside_the_palette(
        css + "@media screen { .c { background: rgba(0, 0, 0, .5); fill: var(--x, white); } }") == [
        "@media screen .c { background: rgba(0, 0, 0, .5) }", "@media screen .c { fill: white }"]
    assert colour_literals_outside_the_palette(css + "#main-content { color: currentColor; }") == []


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i: i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_greys_and_text_colours_are_readable_on_white_and_on_the_panel():
    _, palette = _palette(SITE_CSS.read_text(encoding="utf-8"))
    for name in ("--cr-ink", "--cr-grey-dark", "--cr-grey", "--cr-grey-light", "--cr-indigo-dark", "--cr-withdrawn",
                 "--cr-recur", "--cr-stale", "--cr-assured"):
        for background in ("--cr-white", "--cr-panel", "--cr-indigo-panel"):
            assert contrast(palette[name], palette[background]) >= 4.5, (name, background)


def test_the_reading_cut_keeps_the_custom_properties_its_rules_use():
    """site-reading.css is site.css cut to the classes review and briefing pages use: the :root rule stays, with
    each property the kept rules use (through another property too: --cr-archived is var(--cr-grey)), and no
    property only the dropped rules used."""
    usage = Usage()
    usage.add_page('<html><body class="md-typeset"><dl class="cr-facts"><dt>Type</dt></dl>'
                   '<span class="cr-badge cr-badge--archived">Archived</span>'
                   '<h2 class="cr-section"><span class="cr-section__number">1</span></h2></body></html>')
    cut = trim([SITE_CSS.read_text(encoding="utf-8")], usage)
    root = re.search(r":root\{([^}]*)\}", cut)
    assert root, cut[:200]
    defined = set(re.findall(r"(--[\w-]+):", root.group(1)))
    used = set(VAR.findall(cut))
    assert {"--cr-grey-dark", "--cr-panel", "--cr-archived", "--cr-grey", "--cr-indigo-dark"} <= used
    assert {name for name in used if name.startswith("--cr-")} <= defined
    assert "--cr-overdue" not in cut and ".cr-status" not in cut  # the statuses' rules and colours went
