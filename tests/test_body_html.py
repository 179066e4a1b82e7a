"""Raw HTML in Markdown bodies (casereviews/content/bodyhtml.py): what is allowed renders, what is refused is reported
at its line by scripts/check and by the build alike, and the shortcut that skips rendering plain text is sound.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import yaml
from sitebuild import REPO, build_ok, front, review_meta, run_build, write_project

from casereviews.content.bodyhtml import (
    EXTENSION_CONFIGS,
    EXTENSIONS,
    MAX_PROBLEMS,
    body_html_problems,
    findings,
    needs_rendering,
    render,
)

ALLOWED = """Intro with **bold**, `<script>in code</script>`, [a page](https://example.org/a?b=1#c),
[mail](mailto:team@example.org), [phone](tel:+441632960000), [this site](../2021-child-b/), [here](#x)
and an <abbr title="Child protection">CP</abbr> plan<sup>1</sup>, H<sub>2</sub>O, <mark>noted</mark>.

## Heading {#background .note}

| Agency | Contacts |
|:--|--:|
| Police | 3 |

<table><caption>Visits</caption><tr><th scope="col" colspan="2">When</th></tr>
<tr><td style="text-align: center; color: rgb(11, 12, 12)">May</td><td>June</td></tr></table>

<details><summary>More</summary>
Hidden until opened.
</details>

??? note "Opens"
    Text.

!!! warning "Take care"
    Text.

Term
:   Definition.

![Chart](files/chart.png){ width="300" }
<img src="files/b.png" alt="B" width="10"><br>
<p lang="cy" dir="ltr" class="x">Croeso</p>

```html
<script>alert(1)</script><iframe src="https://evil.example"></iframe>
```
"""


def problems(body: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in body_html_problems("r/index.md", body, 1)]


def test_the_extensions_are_the_sites():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == EXTENSIONS
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert {k: v == "true" if v in ("true", "false") else v for k, v in toc.items()} == EXTENSION_CONFIGS["toc"]


def test_what_the_policy_allows_passes_and_renders():
    assert problems(ALLOWED) == []
    html = render(ALLOWED)
    for part in ("<abbr", "<details", "<summary", "<table", "<sup>", "<mark>", 'class="admonition warning"',
                 "<dl>", 'src="files/chart.png"'):
        assert part in html, part
    assert "<script" not in html and "<iframe" not in html  # the code block's HTML is shown as code


@pytest.mark.parametrize(("body", "line", "message"), [
    ("Text.\n\n<script>alert(1)</script>\n", 3, "'<script>' is not allowed in the text"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", 1, "'<script>' is not allowed"),
    ("<noscript><p>x</p></noscript>", 1, "'<noscript>' is not allowed"),
    ("a\n\n<p>ok</p>\n<p onclick=\"x()\">b</p>\n", 4, "'onclick' on '<p>' is not allowed: event attributes"),
    ('<img src=x onerror=alert(1)>', 1, "'onerror' on '<img>' is not allowed"),
    ("<svg/onload=alert(1)>", 1, "'<svg>' is not allowed in the text: nothing is embedded"),
    ('<iframe src="https://evil.example"></iframe>', 1, "'<iframe>' is not allowed"),
    ('<object data="x.swf"></object>', 1, "'<object>' is not allowed"),
    ('<embed src="x.swf">', 1, "'<embed>' is not allowed"),
    ('<video src="files/a.mp4"></video>', 1, "'<video>' is not allowed"),
    ("<form action=/x><button>Go</button></form>", 1, "'<form>' is not allowed in the text: pages hold no forms"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', 1, "'<meta>' is not allowed"),
    ('<base href="https://evil.example/">', 1, "'<base>' is not allowed"),
    ('<link rel=stylesheet href="https://evil.example/a.css">', 1, "'<link>' is not allowed"),
    ("<style>body{display:none}</style>", 1, "'<style>' is not allowed"),
    ("<blink>x</blink>", 1, "'<blink>' is not one of the HTML tags"),
    ("[x](javascript:alert(1))", 1, "the link to 'javascript:alert(1)' is not allowed"),
    ("[x](JaVaScRiPt:alert(1))", 1, "the link to 'JaVaScRiPt:alert(1)' is not allowed"),
    ("[x](&#106;avascript:alert(1))", 1, "the link to 'javascript:alert(1)' is not allowed"),
    ('<a href="java&#9;script:alert(1)">x</a>', 1, "is not allowed: links go to web pages"),
    ('<a href=" javascript:alert(1)">x</a>', 1, "is not allowed: links go to web pages"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", 1, "the link to 'data:text/html;base64,PHNjcmlwdD4=' is not"),
    ("Text [x][r].\n\n[r]: vbscript:msgbox(1)\n", 3, "the link to 'vbscript:msgbox(1)' is not allowed"),
    ("![p](https://tracker.example/p.png)", 1, "the image 'https://tracker.example/p.png' is not a file of this"),
    ('<img src="//tracker.example/p.png">', 1, "the image '//tracker.example/p.png' is not a file"),
    ('<img src="\\\\tracker.example\\p.png">', 1, "is not a file of this site"),
    ('<img src="///tracker.example/p.png">', 1, "is not a file of this site"),
    ('<img src="data:image/png;base64,iVBORw0KGgo=">', 1, "is not a file of this site"),
    ('<p style="background-image: url(https://t.example/a.png)">x</p>', 1, "a style may not load anything"),
    ('<p style="color: u\\72l(https://t.example/a.png)">x</p>', 1, "only plain values are allowed"),
    ('<p style="position: fixed; top: 0">x</p>', 1, "sets 'position', which the text may not set"),
    ('<span data-md-component="search">x</span>', 1, "'data-md-component' on '<span>' is not allowed"),
    ("## Title {onclick=alert(1)}", 1, "'onclick' on '<h2>' is not allowed"),
    ("## Title {#main-content}", 1, "id 'main-content' on '<h2>' is reserved"),
    ('<a href="/" target="_blank">x</a>', 1, "'target' on '<a>' is not allowed"),
    ("Text\n\n<!-- the social worker's name is ... -->\n", 3, "an HTML comment ('<!-- ... -->') is not allowed"),
    ("<scr<script>ipt>alert(1)</script>", 1, "'<script>' is not allowed"),
])
def test_what_the_policy_refuses_is_reported_at_its_line(body, line, message):
    found = problems(body)
    assert found, body
    assert found[0].startswith(f"{line}: ") and message in found[0], found


def test_each_of_several_problems_is_at_its_own_line():
    body = "<b onclick=x>1</b>\n\nText.\n\n<b onclick=x>2</b>\n\n![a](https://t.example/a.png)\n"
    assert [p.split(":")[0] for p in problems(body)] == ["1", "5", "7"]


def test_a_pasted_page_gives_a_bounded_list():
    body = "\n\n".join(f"<p onclick=x>{i}</p>" for i in range(200))
    found = problems(body)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == "1: 180 more problems with HTML in the text than are listed here: fix those and run the " \
                        "check again"


def test_what_is_not_rendered_cannot_hold_markup():
    """The shortcut: a body with no '<', '{' or '![' whose link addresses all have a web, e-mail or phone scheme
    or none is not rendered, so nothing Markdown makes of it may break the policy. Random bodies made from the
    pieces most likely to, rendered all the same."""
    pieces = ["javascript:alert(1)", "![x]", "[x]", "(https://t.example/p.png)", "!!! note", "??? note", "```",
              "[a](https://ok.example/x)", "[a]( javascript:x)", "[a](java\\-script:x)", "[a](&#106;avascript:x)",
              "[r]: https://ok.example/", "[r]:\n  javascript:x", "[a][r]", "[r]", "](", "]:", "](/x)", "](#x)",
              "[a](mailto:a)", "[a](tel:1)", "[a](//host.example/x)", "[a](\\\\host\\x)", "[a](data:x)", "!",
              "&#60;script&#62;", "&lt;img src=x onerror=alert(1)&gt;", "http://t.example/x.png", "*", "_", "#",
              "\n", "\n\n", "    ", "- ", "1. ", "|", "---", ":", "]", "[", "(", ")", "=", '"', "'", "x", "`",
              "\\", ">", "[x] (javascript:a)", "[x]\n(javascript:a)", "data:text/html,x", "Term\n:   def"]
    rnd = random.Random(13)
    tried = 0
    for _ in range(4000):
        body = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
        if needs_rendering(body):
            continue
        tried += 1
        assert findings(render(body)) == [], body
    assert tried > 500


# -- the same messages from scripts/check and the build ------------------------------------------------------

HOSTILE_BODY = ("## What happened\n\nText.\n\n<script>alert(1)</script>\n\n"
                "![Chart](https://tracker.example/chart.png)\n")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_check_and_build_refuse_it_alike(tmp_path):
    text = front(review_meta(), HOSTILE_BODY)
    root = write_project(tmp_path / "site", {"2024-child-a/index.md": text})
    expected = [
        f"reviews/2024-child-a/index.md:{line_of(text, '<script>')}: body: '<script>' is not allowed in the text: "
        "a page runs no scripts from its content. Remove it",
        f"reviews/2024-child-a/index.md:{line_of(text, '![Chart]')}: body: the image "
        "'https://tracker.example/chart.png' is not a file of this site: reading a page must send nothing to any "
        "other site. Put the image in the review's files/ folder and write files/<name>, or link to it instead of "
        "showing it",
    ]
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "check")], cwd=root, capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 1
    for line in expected:
        assert line in check.stdout + check.stderr
    build = run_build(root)
    assert build.returncode != 0
    for line in expected:
        assert line in build.stdout + build.stderr
    assert "Traceback" not in build.stderr
    assert not (root / "site" / "reviews").exists()


def test_a_briefing_and_an_action_plan_body_are_checked_too(tmp_path):
    from sitebuild import action_plan, briefing, seven_minute_body

    brief = briefing(body=seven_minute_body("See [this](javascript:alert(1))."))
    plan = action_plan() + "\n<iframe src=\"https://t.example/\"></iframe>\n"
    root = write_project(tmp_path / "site", {
        "2024-child-a/index.md": front(review_meta(), "## What happened\n\nText.\n"),
        "2024-child-a/briefing.md": brief, "2024-child-a/action-plan.md": plan})
    result = run_build(root)
    assert result.returncode != 0
    for n in (1, 7):  # the same link in every section: each at its own line
        line = [i for i, text in enumerate(brief.split("\n"), 1) if "javascript" in text][n - 1]
        assert f"reviews/2024-child-a/briefing.md:{line}: body: the link to 'javascript:alert(1)'" in result.stderr
    assert f"reviews/2024-child-a/action-plan.md:{line_of(plan, '<iframe')}: body: '<iframe>' is not allowed" \
        in result.stderr


def test_allowed_html_reaches_the_page(tmp_path):
    meta = review_meta(pii_allow=["team@example.org", "+441632960000"])
    site = build_ok(write_project(tmp_path / "site", {"2024-child-a/index.md": front(meta, ALLOWED)}))
    html = (site / "reviews/2024-child-a/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Child protection">CP</abbr>' in html and "<details>" in html
