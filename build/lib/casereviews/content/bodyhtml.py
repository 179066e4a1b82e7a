"""What HTML the text of a review, briefing or action plan may hold, and the problems when it holds more.

Markdown lets an editor write HTML, and Python-Markdown passes it through as it is: a ``<script>``, an
``onclick``, an ``<iframe>`` of another site, a ``<meta http-equiv="refresh">`` or an image from another site
would reach the page. The privacy page promises that reading the site sends nothing to any other site, and a
public body's site must never run code from its content. So the policy is an allowlist, applied to what the
page will really hold:

1. the body is rendered with the same Python-Markdown extensions as the site (``EXTENSIONS``, kept equal to
   mkdocs.yml's by a test), because Markdown itself makes links and images, and ``attr_list`` makes attributes;
2. the result is parsed by html5lib, an implementation of the HTML5 parsing algorithm browsers use, so what is
   checked is the element tree a browser would build, not a guess made with regular expressions;
3. every element, attribute, link and image address is compared with the lists below.

The allowed tags are what Markdown writes plus a few harmless ones editors bring from existing documents
(``<abbr>``, ``<details>``, ``<sup>``, ``<br>`` ...). Refused, each with its own message: scripts, event
attributes (``on...``), frames, objects and embedded media, forms, anything that changes the whole page
(``<meta>``, ``<base>``, ``<link>``, ``<style>``), ``data-`` attributes (the site's own scripts and search read
them), links other than https, http, mailto, tel or this site, images from another site, styles other than a few
text properties, and HTML comments (they are published in the page's source). docs/editors/content-format.md
lists the same for editors; keep the two in step.

Rendering and parsing cost about twice the build's own rendering of the body, so a body is rendered only when it
could hold any of this (``needs_rendering``): HTML and autolinks need '<', attributes need '{', images need '!['.
Without those, the only address Markdown can write is a link's, which starts right after '](' or, for a
reference link, ']:'; if every such address is a web page, e-mail or phone number or has no scheme, the body
renders to plain text, headings, lists, tables and safe links, and is not rendered here. Anything else is
rendered and judged by the parser, which alone decides what is refused.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import markdown

from casereviews.problems import Problem

# The site's Markdown extensions (mkdocs.yml, markdown_extensions), with the same settings.
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition", "def_list", "pymdownx.details",
              "pymdownx.superfences"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link to this section"}}

NEEDS_PARSER = ("<", "{", "![")  # raw HTML and autolinks, attributes, images
_LINK_STARTS = ("](", "]:")  # a link's address follows one of these, after any spaces or line break
_ADDRESS = re.compile(r"\s*(\S*)")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")  # Python-Markdown's backslash escapes

TAGS = frozenset({
    # text
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark",
    "small", "sub", "sup", "q", "cite", "abbr", "dfn", "kbd", "samp", "var", "code", "pre", "blockquote", "span",
    "div", "figure", "figcaption", "time",
    # lists
    "ul", "ol", "li", "dl", "dt", "dd",
    # tables
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    # links, images of this site, and a box the reader opens
    "a", "img", "details", "summary",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "style"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align", "vertical-align", "width", "min-width", "max-width", "white-space",
                              "font-weight", "font-style", "text-decoration", "list-style-type", "color",
                              "background-color"})
# A plain value: words, numbers, units, '#' colours, and rgb()/hsl() colours. Nothing else (no url(), no escapes).
_STYLE_VALUE = re.compile(r"(?:[\w#%.,+ -]|(?:rgba?|hsla?)\([\d\s.,%/]*\))*", re.ASCII)
RESERVED_IDS = ("__", "md-", "md_", "cr-", "main-content")  # Material's and the site's own page parts

_SCRIPTS = {"script", "noscript", "template"}
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "video", "audio", "source",
           "track", "picture", "canvas", "svg", "math", "image"}
_FORMS = {"form", "input", "button", "select", "textarea", "option", "optgroup", "label", "fieldset", "legend",
          "datalist", "output", "dialog", "keygen"}
_PAGE = {"meta", "base", "link", "style", "title", "head", "body", "html"}
MAX_PROBLEMS = 20  # per file: a pasted web page could hold thousands, and each is located by rendering again
_WHERE = "see 'HTML in the text' in the content format"


@dataclass(frozen=True)
class Finding:
    """One thing the policy refuses; ``key`` tells equal findings apart, to find each one's line."""

    key: tuple[str, ...]
    message: str


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render(body: str) -> str:
    md = _markdown()
    md.reset()
    return md.convert(body)


def needs_rendering(body: str) -> bool:
    """False only when the body cannot hold anything the policy refuses (see the module's docstring)."""
    if any(mark in body for mark in NEEDS_PARSER):
        return True
    for mark in _LINK_STARTS:
        start = body.find(mark)
        while start != -1:  # every one, even inside another address's text
            address = _ADDRESS.match(body, start + 2).group(1)
            scheme, _ = _url(html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", address)))
            if scheme and scheme not in LINK_SCHEMES:
                return True
            start = body.find(mark, start + 1)
    return False


def findings(markup: str) -> list[Finding]:
    """What the policy refuses in rendered HTML, in document order."""
    import html5lib  # here, not at the top: a fifth of a second to import, and most checks never parse a body

    fragment = html5lib.parseFragment(markup, namespaceHTMLElements=False)
    return list(_walk(fragment))


def _walk(element) -> Iterator[Finding]:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):  # a comment (html5lib also makes one of <?...> and <!...>)
            yield Finding(("comment",), "an HTML comment ('<!-- ... -->') is not allowed in the text: it is "
                          "published in the page's source, where anyone can read it. Remove it, and keep notes "
                          "outside the content files")
            continue
        name = tag.rsplit("}", 1)[-1].lower()  # an SVG or MathML element's name without its namespace
        if tag.startswith("{") or name not in TAGS:
            yield _tag_finding(name)
            continue  # what is inside goes with it
        for attribute, value in child.attrib.items():
            finding = _attribute(name, attribute.lower(), value)
            if finding:
                yield finding
        yield from _walk(child)


def _tag_finding(name: str) -> Finding:
    key, tag = ("tag", name), f"'<{name}>'"
    if name in _SCRIPTS:
        return Finding(key, f"{tag} is not allowed in the text: a page runs no scripts from its content. Remove it")
    if name in _EMBEDS:
        return Finding(key, f"{tag} is not allowed in the text: nothing is embedded in a page (frames, objects, "
                       "media, SVG and MathML can load from other sites or run code). Link to it instead, e.g. "
                       "[Title](https://example.org/page), or list the file under documents")
    if name in _FORMS:
        return Finding(key, f"{tag} is not allowed in the text: pages hold no forms, fields or buttons. Remove it")
    if name in _PAGE:
        return Finding(key, f"{tag} is not allowed in the text: it would change the whole page (its settings, "
                       "address, styles or title), not this text. Remove it")
    return Finding(key, f"{tag} is not one of the HTML tags the text may use: write it in Markdown, or use a tag "
                   f"from the list in the content format ('HTML in the text'), such as abbr, details, sup or table")


def _attribute(tag: str, attribute: str, value: str) -> Finding | None:
    key = ("attribute", tag, attribute, value)
    where = f"'{attribute}' on '<{tag}>'"
    if attribute.startswith("on"):
        return Finding(key, f"{where} is not allowed: event attributes run scripts. Remove it")
    if attribute.startswith("data-"):
        return Finding(key, f"{where} is not allowed: data- attributes are read by the site's own scripts and "
                       "search. Remove it")
    if attribute not in GLOBAL_ATTRIBUTES and attribute not in ATTRIBUTES.get(tag, ()):
        allowed = sorted(GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set()))
        return Finding(key, f"{where} is not allowed: the attributes allowed on '<{tag}>' are "
                       f"{', '.join(allowed)} ({_WHERE})")
    if attribute == "style":
        return _style(key, where, value)
    if attribute == "id" and value.startswith(RESERVED_IDS):
        return Finding(key, f"id '{_short(value)}' on '<{tag}>' is reserved for the site's own page parts (ids "
                       "starting '__', 'md-' or 'cr-', and 'main-content'): choose another")
    if attribute == "href":
        return _link(key, value)
    if attribute == "src":
        return _image(key, value)
    return None


def _url(value: str) -> tuple[str, str]:
    """(scheme, host) of an address as a browser reads it: spaces and control characters at the ends dropped,
    tabs and line breaks inside dropped, backslashes read as slashes."""
    value = value.strip("".join(map(chr, range(0x21)))).replace("\\", "/")
    value = re.sub(r"[\t\n\r]", "", value)
    try:
        parts = urlsplit(value)
    except ValueError:
        return "invalid", ""
    host = parts.netloc or ("?" if value.startswith("//") else "")
    return parts.scheme.lower(), host


def _link(key: tuple[str, ...], value: str) -> Finding | None:
    scheme, _ = _url(value)
    if scheme and scheme not in LINK_SCHEMES:
        return Finding(key, f"the link to '{_short(value)}' is not allowed: links go to web pages (https://...), "
                       "e-mail addresses (mailto:), phone numbers (tel:), or pages and files of this site")
    return None


def _image(key: tuple[str, ...], value: str) -> Finding | None:
    scheme, host = _url(value)
    if scheme or host:
        return Finding(key, f"the image '{_short(value)}' is not a file of this site: reading a page must send "
                       "nothing to any other site. Put the image in the review's files/ folder and write "
                       "files/<name>, or link to it instead of showing it")
    return None


def _style(key: tuple[str, ...], where: str, value: str) -> Finding | None:
    if "url(" in re.sub(r"[\s\\]", "", value).lower():
        return Finding(key, f"{where} loads '{_short(value)}': a style may not load anything (url()), since "
                       "reading a page must send nothing to any other site. Remove it")
    for declaration in value.split(";"):
        if not declaration.strip():
            continue
        prop, colon, val = declaration.partition(":")
        prop, val = prop.strip().lower(), val.strip()
        if not colon or prop not in STYLE_PROPERTIES:
            return Finding(key, f"{where} sets '{_short(prop or declaration.strip())}', which the text may not "
                           f"set: a style may only set {', '.join(sorted(STYLE_PROPERTIES))}")
        if not _STYLE_VALUE.fullmatch(val):
            return Finding(key, f"{where} gives '{prop}' the value '{_short(val)}': only plain values are allowed "
                           "(no url(), which would load from another site, and no escapes or functions other "
                           "than rgb() and hsl())")
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def body_html_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """Every HTML problem in a body, each at the line it starts on (file lines, from ``body_line``)."""
    if not needs_rendering(body):
        return []
    found = findings(render(body))
    if not found:
        return []
    lines = body.split("\n")
    rendered: dict[int, list[Finding]] = {len(lines): found}

    def count(upto: int, key: tuple[str, ...]) -> int:
        if upto not in rendered:
            rendered[upto] = findings(render("\n".join(lines[:upto])))
        return sum(1 for f in rendered[upto] if f.key == key)

    problems = []
    seen: dict[tuple[str, ...], int] = {}
    for finding in found[:MAX_PROBLEMS]:
        nth = seen[finding.key] = seen.get(finding.key, 0) + 1
        low, high = 1, len(lines)  # the first line at which the body holds the nth such finding
        while low < high:
            middle = (low + high) // 2
            if count(middle, finding.key) >= nth:
                high = middle
            else:
                low = middle + 1
        problems.append(Problem(rel, body_line + low - 1, "body", finding.message))
    if len(found) > MAX_PROBLEMS:
        more = len(found) - MAX_PROBLEMS
        problems.append(Problem(rel, body_line, "body", f"{more} more {'problem' if more == 1 else 'problems'} "
                                "with HTML in the text than are listed here: fix those and run the check again"))
    return problems
