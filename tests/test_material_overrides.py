"""What the site's templates take from Material for MkDocs, checked against the Material that is installed.

overrides/ replaces three of Material's partials (two of them copies with small changes) and overrides five of the
blocks of its base.html (three of them by calling Material's own block and changing one fixed string in what it
prints). Each was written against Material 9.8.1 and checked against 9.8.2. A new Material may change what they
rely on without any page failing to build, so this test keeps the SHA-256 of the exact Material source each one was
based on: when an upgrade changes one, it fails and says what to re-check. After checking (and changing the
override if needed), put the new hash here.

The fixed strings main.html changes are also checked directly in the installed templates, so the test says which
assumption broke. tests/test_build.py checks what lands in a built page.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

REPO = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
BASED_ON = "9.8.2"  # the Material every hash below was checked against (taken from 9.8.1; 9.8.2 is the same)

# Material's base.html blocks that overrides/main.html overrides, and what to re-check when one changes.
BLOCKS = {
    "styles": ("3e2f8b00a4426913f9c3c0e0b122f5d6222eecbdcdd8afb2c0d6ec2413a85dcb",
               "main.html replaces this block: it links material.css, which outputs/stylesheet.py cuts from "
               "Material's main.*.min.css and palette.*.min.css, then includes partials/icons.html. Check that "
               "Material's block still links just those two stylesheets (and what else it now does)."),
    "scripts": ("66cc07f62fe03dd2b41d9d1f94be4f466246e551c41240f6a10f438cc53c3e90",
                "main.html prints this block with its first '<script src=' made '<script defer src=': check that "
                "the first script is still Material's bundle and that deferring it is still safe."),
    "extrahead": ("1764749c48ef0bd1131cec225d4475a511abe9b8aaac7f8f20a1eb0df0a18327",
                  "main.html adds print.css and the open-data head to this block and calls super(): check what "
                  "Material now puts in it."),
    "header": ("7544323ee44440e5c3f2b4e9061bd126b5f4d77ad7b20ffc334744415da4f960",
               "main.html prints this block with the search form (partials/header-search.html) added before its "
               "first '</nav>': check that the block still prints partials/header.html and nothing before it."),
    "container": ("1a3ff81b9751c45208edd8ef25b73aad55079ef50e8a919a703a8303fefa3210",
                  "main.html prints this block with id=\"main-content\" tabindex=\"-1\" added to its first "
                  "element, the skip link's target: check that the block still opens with the content <div>."),
}
# Material's partials that overrides/ copies whole or adds to, and what to re-check when one changes.
PARTIALS = {
    "partials/header.html": (
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "main.html puts the search form before the first '</nav>' of this file (the end of the header bar, where "
        "Material's own search button goes). It also prints page.meta.title and page.title unescaped, which is "
        "safe only because the hook hands titles over as escaped Markup (casereviews/pages/escaping.py): check both."),
    "partials/nav-item.html": (
        "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
        "overrides/partials/nav-item.html is a copy of this file with titles escaped, tabindex only when set and "
        "__toc only where a table of contents opens: copy the new file and make the same changes (its header "
        "comment lists them)."),
    "partials/toc.html": (
        "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
        "overrides/partials/toc.html is a copy of this file with the title escaped and a __toc label only for "
        "pages in the nav: copy the new file and make the same changes."),
    "partials/copyright.html": (
        "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
        "overrides/partials/copyright.html replaces this file with the site's footer navigation, the statement and "
        "privacy links and the copyright line (keeping its md-copyright class): check what Material's now shows."),
    "partials/footer.html": (
        "50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894",
        "The site's footer navigation is overrides/partials/copyright.html, which this file includes: check that "
        "it still does, and where."),
}
# The partials overrides/ holds under Material's own names (the rest of PARTIALS are Material's, used as they are).
REPLACED = {"partials/nav-item.html", "partials/toc.html", "partials/copyright.html"}

_BLOCK_TAG = re.compile(r"\{%-?\s*(?:block\s+(\w+)|endblock)\b.*?-?%\}", re.S)


def material_block(template: str, name: str) -> str:
    """The exact source of ``{% block name %}`` ... its ``{% endblock %}`` in one of Material's templates."""
    text = (MATERIAL / template).read_text(encoding="utf-8")
    start, depth = None, 0
    for tag in _BLOCK_TAG.finditer(text):
        if tag.group(1) is not None:  # a block opens
            if start is None and tag.group(1) == name:
                start = tag.start()
            if start is not None:
                depth += 1
        elif start is not None:
            depth -= 1
            if depth == 0:
                return text[start: tag.end()]
    raise AssertionError(f"Material {_installed()}'s {template} has no block {name!r}: overrides/main.html "
                         "overrides it; find where Material moved it")


def _sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _installed() -> str:
    from importlib.metadata import version
    return version("mkdocs-material")


def _changed(what: str, why: str) -> str:
    return (f"Material {_installed()}'s {what} is not the one the site's override was based on (Material "
            f"{BASED_ON}). {why} Then put the new SHA-256 in tests/test_material_overrides.py.")


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_each_base_html_block_main_html_overrides_is_the_one_it_was_based_on(name):
    expected, why = BLOCKS[name]
    assert _sha256(material_block("base.html", name)) == expected, _changed(f"base.html block {name!r}", why)


@pytest.mark.parametrize("template", sorted(PARTIALS))
def test_each_partial_the_overrides_copy_or_add_to_is_the_one_they_were_based_on(template):
    expected, why = PARTIALS[template]
    assert _sha256((MATERIAL / template).read_bytes()) == expected, _changed(template, why)


def test_the_overrides_override_only_the_blocks_and_partials_listed_here():
    """A new block override or a new copy of a Material partial needs its hash here too."""
    main = (REPO / "overrides/main.html").read_text(encoding="utf-8")
    assert set(re.findall(r"\{%-?\s*block\s+(\w+)", main)) == set(BLOCKS)
    replaced = {p.relative_to(REPO / "overrides").as_posix() for p in (REPO / "overrides").rglob("*.html")
                if (MATERIAL / p.relative_to(REPO / "overrides")).is_file()}
    assert replaced - {"main.html"} == REPLACED
    assert REPLACED.issubset(PARTIALS)


def test_the_strings_main_html_changes_are_where_it_expects():
    header = (MATERIAL / "partials/header.html").read_text(encoding="utf-8")
    bar = header.index('<nav class="md-header__inner')
    assert "</nav>" not in header[:bar] and "<nav" not in header[bar + 4: header.index("</nav>")], (
        "the first </nav> of Material's header no longer closes its header bar: the search form would land "
        "elsewhere")
    assert material_block("base.html", "header").split("%}", 1)[1].strip().startswith(
        '{% include "partials/header.html" %}')
    container = material_block("base.html", "container").split("%}", 1)[1].lstrip()
    assert container.startswith('<div class="md-content" data-md-component="content">'), (
        "Material's container block no longer opens with the content <div>: the skip link loses its target")
    scripts = material_block("base.html", "scripts").split("%}", 1)[1].lstrip()
    assert re.match(r"""<script src="\{\{ 'assets/javascripts/bundle\.\w+\.min\.js' \| url \}\}"></script>""",
                    scripts), "the first script of Material's scripts block is no longer its bundle"
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    # partials/header-search.html labels Material's __search checkbox; site.css hides Material's skip link.
    assert 'id="__search"' in base and '<div data-md-component="skip">' in base
    assert (MATERIAL / "main.html").read_text(encoding="utf-8").split("-#}")[-1].strip() == (
        '{% extends "base.html" %}')  # overrides/main.html replaces it and extends base.html itself


def test_the_script_material_s_block_links_is_installed():
    scripts = material_block("base.html", "scripts")
    names = re.findall(r"'(assets/javascripts/[^']+\.js)'", scripts)
    assert names, scripts
    for name in names:
        assert (MATERIAL / name).is_file(), f"Material's scripts block links {name}, which Material does not ship"
    assert not re.search(r"bundle\.\w+\.min\.js", (REPO / "overrides/main.html").read_text(encoding="utf-8")), (
        "main.html names Material's bundle itself: take it from Material's block (super()) instead")
