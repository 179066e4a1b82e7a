"""Issue 13, finding 2: a review's ``documents`` can publish only files under its own ``files/`` folder, never a
page (Markdown, HTML) and never at the address of a page the site generates. Each refusal is a ``path:line``
message, the same from ``scripts/check`` and from the build, and the build writes nothing.
"""

from __future__ import annotations

import io

import pytest
from fixture_content import PDF
from sitebuild import action_plan, briefing, front, review_meta, run_build, seven_minute_body, write_project

from casereviews.tools.commands import check

DRAFT = "leakdocdraftbriefingqz"


def project(tmp_path, file_name: str, extra_files: dict | None = None):
    files = {
        "2024-child-a/index.md": front(review_meta(documents=[{"title": "Report", "file": "files/report.pdf"},
                                                              {"title": "Trouble", "file": file_name}])),
        "2024-child-a/files/report.pdf": PDF,
        "2024-child-a/briefing.md": briefing(status="draft", body=seven_minute_body(DRAFT)),
        "2024-child-a/action-plan.md": action_plan(),
        "2024-child-a/files/notes.md": f"# Notes\n\n{DRAFT}\n",
        "2024-child-a/files/page.html": f"<script>alert('{DRAFT}')</script>",
        "2024-child-a/files/ok.pdf": PDF,
        "2023-other/index.md": front(review_meta(status="draft", title=f"Draft {DRAFT}")),
        **(extra_files or {}),
    }
    return write_project(tmp_path, files)


# (file, what the message says); line 12 is the second document's `file:` in review_meta's front matter.
REFUSED = [
    ("briefing.md", "'briefing.md' is a Markdown file, which the site would publish as a page of its own"),
    ("action-plan.md", "'action-plan.md' is a Markdown file, which the site would publish as a page of its own"),
    ("files/notes.md", "'files/notes.md' is a Markdown file, which the site would publish as a page of its own"),
    ("files/NOTES.MARKDOWN", "'files/NOTES.MARKDOWN' is a Markdown file"),
    ("files/page.html", "'files/page.html' is a web page or script (.html), which would run as part of this site"),
    ("index.html", "'index.html' is a web page or script (.html)"),
    ("briefing/index.pdf", "'briefing/index.pdf' is at the address of a page the site makes itself"),
    ("notes.pdf", "'notes.pdf' is not in the review's files/ folder: put the file in reviews/2024-child-a/files/ "
                  "and write e.g. files/report.pdf"),
    ("../2023-other/index.md", "'../2023-other/index.md' is outside the review folder"),
    ("/etc/passwd", "'/etc/passwd' is not a path inside the review folder"),
    ("files", "'files' is not in the review's files/ folder"),
]


def _line_of_second_file(root) -> int:
    text = (root / "reviews/2024-child-a/index.md").read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(text, 1) if line.strip().startswith("file:")][1]


@pytest.mark.parametrize(("name", "message"), REFUSED, ids=[n for n, _ in REFUSED])
def test_scripts_check_refuses_a_document_that_is_not_a_file_in_files(tmp_path, name, message):
    root = project(tmp_path, name, {"2024-child-a/files/NOTES.MARKDOWN": "# Notes\n", "2024-child-a/notes.pdf": PDF})
    out = io.StringIO()
    assert check(["-f", str(root / "mkdocs.yml")], out) == 1
    where = f"reviews/2024-child-a/index.md:{_line_of_second_file(root)}: documents[1].file: "
    assert where + message in out.getvalue(), out.getvalue()


@pytest.mark.parametrize("name", ["briefing.md", "action-plan.md", "files/notes.md", "files/page.html"])
def test_the_build_refuses_the_same_and_publishes_nothing(tmp_path, name):
    root = project(tmp_path, name)
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    line = _line_of_second_file(root)
    assert f"reviews/2024-child-a/index.md:{line}: documents[1].file: '{name}' is " in output
    site = root / "site"
    written = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(DRAFT in p.read_bytes().decode("utf-8", "replace") for p in written)


def test_a_document_in_files_is_still_published(tmp_path):
    root = project(tmp_path, "files/ok.pdf")
    out = io.StringIO()
    assert check(["-f", str(root / "mkdocs.yml")], out) == 0, out.getvalue()


def test_every_suffix_mkdocs_renders_as_a_page_is_refused():
    from mkdocs.utils import markdown_extensions

    from casereviews.content.check import PAGE_SUFFIXES

    assert set(markdown_extensions) <= set(PAGE_SUFFIXES)
