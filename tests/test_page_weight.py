"""The parts that make pages light: Material's stylesheet trimmed to what the pages use, pages without their
templates' indentation, and long listings split into pages. Unit tests, no build (tests/test_audit.py measures
the built site)."""

from __future__ import annotations

import pytest

from casereviews.outputs.trimcss import Usage, minify, trim
from casereviews.pages.htmlspace import compact
from casereviews.pages.paging import paginate

CSS = """
:root{--md-used:#111;--md-unused:url("data:image/svg+xml;x");--md-chain:var(--md-unused-too);--md-unused-too:1px}
.md-header{color:var(--md-used);background:var(--md-primary-fg-color)}
.md-version,.md-header__title{display:none}
.md-typeset .admonition{border:1px solid}
.md-typeset :not(.admonition) p{margin:0}
[data-md-color-primary=red]{--md-primary-fg-color:red}
[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}
[dir=rtl] .md-header{left:0}
kbd{font:inherit}
@media screen and (min-width:76em){.md-version{display:block}.md-header{padding:0}}
@media print{.md-annotation{display:none}}
@keyframes spin{to{transform:rotate(1turn)}}
"""

PAGE = ('<html dir="ltr"><body data-md-color-primary="indigo"><header class="md-header">'
        '<div class="md-typeset"><p>Hello</p></div></header></body></html>')


def usage(script: str = "", off: tuple[str, ...] = ()) -> Usage:
    u = Usage(script_off=off)
    u.add_page(PAGE)
    u.add_script(script)
    return u


def test_rules_for_classes_no_page_uses_are_dropped():
    out = trim([CSS], usage())
    assert ".md-header{color:var(--md-used);background:var(--md-primary-fg-color)}" in out
    assert ".md-version" not in out and ".md-annotation" not in out and ".admonition{" not in out
    assert ".md-header__title" not in out  # one selector of a list goes, the list stays if any is used
    assert ".md-typeset :not(.admonition) p" in out  # a class inside :not() is never a reason to drop
    assert "@media screen and (min-width:76em){.md-header{padding:0}}" in out
    assert "@media print" not in out  # nothing left inside
    assert "@keyframes spin" in out


def test_palette_direction_and_elements_follow_the_pages():
    out = trim([CSS], usage())
    assert "[data-md-color-primary=indigo]" in out and "[data-md-color-primary=red]" not in out
    assert "[dir=rtl]" not in out
    assert "kbd{" not in out
    assert "kbd{" in trim([CSS], usage("kbd"))


def test_classes_a_script_adds_are_kept_unless_that_part_is_switched_off():
    assert ".md-version" in trim([CSS], usage("el.className = 'md-version'"))
    assert ".md-version" not in trim([CSS], usage("el.className = 'md-version'", off=("md-version",)))


def test_custom_properties_nothing_refers_to_are_dropped():
    out = trim([CSS], usage())
    assert "--md-used:#111" in out
    assert "--md-unused:" not in out and "--md-chain" not in out and "--md-unused-too" not in out
    assert "--md-unused:" in trim([CSS], usage(), other_css=".x{background:var(--md-unused)}")


def test_minify_keeps_every_rule():
    css = "/* note */\n.a ,\n .b  { color : red ; }\n@media print {\n  .c { display: none }\n}\n"
    assert minify(css) == ".a,.b{color:red}@media print{.c{display:none}}"


def test_compact_takes_out_indentation_but_not_from_pre():
    html = "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>\n<pre><code>def f():\n    return 1\n</code></pre>\n  <p>x</p>"
    assert compact(html) == ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>def f():\n    return 1\n</code></pre>"
                             "\n<p>x</p>")


@pytest.mark.parametrize(("n", "pages", "last"), [(0, 1, 0), (1, 1, 1), (100, 1, 100), (101, 2, 1), (250, 3, 50)])
def test_paginate(n, pages, last):
    split = paginate(list(range(n)), 100, "reviews/")
    assert len(split) == pages
    assert len(split[-1].items) == last
    assert sum(len(p.items) for p in split) == n
    assert split[0].src_uri("reviews/index.md") == "reviews/index.md"
    if pages > 1:
        assert split[1].src_uri("reviews/index.md") == "reviews/page/2.md"
        assert split[1].pager.path(1) == "reviews/" and split[1].pager.path(2) == "reviews/page/2/"
        assert split[1].title("All reviews") == f"All reviews (page 2 of {pages})"
        assert split[1].pager.first == 101
    else:
        assert split[0].title("All reviews") == "All reviews"


def test_paginate_a_theme_page():
    split = paginate(list(range(120)), 50, "themes/neglect/")
    assert [p.src_uri("themes/neglect.md") for p in split] == [
        "themes/neglect.md", "themes/neglect/page/2.md", "themes/neglect/page/3.md"]


def test_pager_numbers_leave_out_the_middle_of_long_listings():
    pages = paginate(list(range(1900)), 100, "reviews/")
    assert pages[0].pager.numbers == (1, 2, 3, None, 19)
    assert pages[9].pager.numbers == (1, None, 8, 9, 10, 11, 12, None, 19)
    assert paginate(list(range(300)), 100, "reviews/")[1].pager.numbers == (1, 2, 3)
