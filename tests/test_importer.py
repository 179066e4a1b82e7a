"""scripts/import: a partnership's spreadsheet of published reviews turned into drafts, and a report that accounts
for every row. The 40-row catalogue in tests/data/ is fictional and as messy as real ones: a byte-order mark,
Windows line endings, dates typed every way, labels and initials instead of ids, a missing file, a duplicate title,
a summary too long, a telephone number, a row already imported, a column the import does not read."""

from __future__ import annotations

import ast
import copy
import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from fixture_joint_board import VOCABULARY as JOINT
from sitebuild import REPO, front, write_project

from casereviews.content.load import load_with_problems
from casereviews.content.model import Term
from casereviews.settings import Settings
from casereviews.tools.commands import import_command
from casereviews.tools.importer import make_slug, parse_catalogue_date, split_list

CATALOGUE = REPO / "tests" / "data" / "catalogue-40.csv"
MISSING = "scr-child-k.pdf"  # listed in the catalogue, never supplied
EXISTING = "2024-lcspr-child-af"  # imported before: must be skipped, untouched

VOCABULARY = copy.deepcopy(JOINT)
VOCABULARY["review_types"].append({"id": "thematic-review", "label": "Thematic review", "family": "children"})
VOCABULARY["themes"] += [{"id": i, "label": label} for i, label in (
    ("safe-sleep", "Safe sleep"), ("voice-of-the-child", "Voice of the child"),
    ("professional-curiosity", "Professional curiosity"), ("child-exploitation", "Child exploitation"),
    ("self-harm-and-suicide", "Self-harm and suicide"), ("parental-mental-health", "Parental mental health"))]
VOCABULARY["agencies"] += [{"id": "education", "label": "Education"}, {"id": "probation", "label": "Probation"},
                           {"id": "housing", "label": "Housing"}]
VOCABULARY["age_bands"] += [{"id": "1-to-4", "label": "1 to 4", "family": "children"},
                            {"id": "12-to-17", "label": "12 to 17", "family": "children"}]


def catalogue_rows() -> list[dict[str, str]]:
    text = CATALOGUE.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def project(root: Path) -> Path:
    """A site with one review already imported, and the old site's folder of PDFs (one missing, one whose name
    differs in capitals from the catalogue)."""
    existing = front({"status": "draft", "title": "Child AF (edited since the first import)"})
    write_project(root, {f"{EXISTING}/index.md": existing}, vocabulary=VOCABULARY)
    files = root / "old-site"
    files.mkdir()
    for row in catalogue_rows():
        name = row["File"]
        if name and name != MISSING:
            (files / (name.lower() if name.startswith("Report") else name)).write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def run(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = import_command([*args, "-f", str(root / "mkdocs.yml")], out=out)
    return code, out.getvalue()


def check(root: Path) -> list[str]:
    content, problems = load_with_problems(Settings.from_mapping(root, {}))
    return [str(p) for p in problems]


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, int, str]:
    root = project(tmp_path_factory.mktemp("import"))
    before = (root / "reviews" / EXISTING / "index.md").read_text(encoding="utf-8")
    code, report = run(root, str(CATALOGUE), "--files", str(root / "old-site"))
    assert (root / "reviews" / EXISTING / "index.md").read_text(encoding="utf-8") == before
    return root, code, report


def row_block(report: str, row: int) -> str:
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"row {row}: "))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    return "\n".join(lines[start:end])


# -- the 40-row catalogue ---------------------------------------------------------------------------------------

def test_every_row_is_accounted_for_with_its_number(imported):
    _, code, report = imported
    assert code == 1  # some rows need attention
    numbers = [int(line.split(":")[0][4:]) for line in report.splitlines() if line.startswith("row ")]
    assert numbers == list(range(2, 42))
    assert "40 rows: 37 created (24 cleanly, 13 needing attention), 1 skipped, 2 not created." in report
    assert report.startswith(f"Reading {CATALOGUE.as_posix()}: UTF-8 with a byte-order mark, Windows line endings, "
                             "values separated by ','; 40 rows of reviews.")
    assert "Column 'Notes' (column 11) is not one the import reads: ignored." in report
    assert "published (from 'Date Published')" in report


@pytest.mark.parametrize(("row", "expected"), [
    (2, "row 2: created reviews/2015-scr-child-a/ (1 document)"),
    (3, "row 3: created reviews/2015-scr-child-b/ (1 document)"),  # 14/09/2015, a label for the type
    (4, "row 4: created reviews/2016-scr-baby-c/ (1 document)"),  # 3rd March 2016, initials for the type
    (5, "row 5: created reviews/2016-scr-child-d/ (1 document): needs attention\n    - published: 'March 2016' has "
        "no day: taken as 2016-03-01 (approximate: check the report for the exact date)"),
    (6, "row 6: created reviews/2016-scr-child-e/ (1 document): needs attention\n    - published: '2016' is a year "
        "only: taken as 2016-01-01 (approximate: check the report for the exact date)"),
    (9, "row 9: created reviews/scr-child-g/ (1 document): needs attention\n    - published: '31/02/2018' is not a "
        "real date (check the day and month): the draft is written without it"),
    (10, "row 10: created reviews/2018-scr-child-h/ (1 document): needs attention\n    - published: '43282' is a "
         "spreadsheet date number: read as 2018-07-01; check it"),
    (12, "row 12: created reviews/2019-lcspr-child-j/ (1 document): needs attention\n    - themes: 'Neglekt' is not "
         "a known theme (neither an id nor a label in reviews/vocabulary.yml); nearest: neglect, self-neglect; the "
         "draft is written without it"),
    (13, "row 13: created reviews/2019-scr-child-k/: needs attention\n    - file: 'scr-child-k.pdf' is not in "
         "{files}: did you mean 'scr-child-h.pdf'? the draft is written without it; add the file to the review's "
         "files/ folder and list it under documents"),
    (15, "row 15: created reviews/2019-lcspr-child-m/ (1 document)\n    (note: file 'Report-Child-M.PDF' was found "
         "as 'report-child-m.pdf' (the capitals differ))"),
    (16, "row 16: created reviews/lcspr-child-n/ (1 document): needs attention\n    - published: '03/25/2020' is not "
         "a date in UK order (day/month/year): the draft is written without it; write the date as YYYY-MM-DD"),
    (18, "row 18: created reviews/2020-lcspr-child-p/ (1 document): needs attention\n    - summary: is 827 "
         "characters long (at most 600): it is put at the top of the page text instead; write a shorter summary"),
    (20, "row 20: not created: needs attention\n    - title: is empty: every review needs one; fill it in and run "
         "the import again"),
    (21, "row 21: created reviews/2021-lcspr-child-s/ (1 document)"),  # a url, no file
    (23, "row 23: created reviews/2021-lcspr-child-t-2/ (1 document): needs attention\n    - title: 'Child T: Local "
         "Child Safeguarding Practice Review' is also the title of row 22: check the review is not listed twice "
         "(both are imported; delete the folder you do not want)\n    - the folder name 2021-lcspr-child-t is taken "
         "by an earlier row, so this review is 2021-lcspr-child-t-2: rename the folder if you want another name"),
    (26, "row 26: created reviews/2021-dhr-ms-w/ (1 document): needs attention\n    - published: 'Sept 2021' has no "
         "day: taken as 2021-09-01 (approximate: check the report for the exact date)\n    - age_band: '5 to 11' is "
         "an age band for reviews about children, and a domestic homicide review is about people: the draft is "
         "written without it"),
    (27, "row 27: not created: needs attention\n    - the draft would not pass scripts/check, so it was not written: "
         "reviews/2022-lcspr-child-x/index.md:8: summary: '07700 900123' looks like a UK telephone number: remove "
         "it, or if it is meant to be public (the partnership's helpline, say) list it exactly under pii_allow"),
    (28, "row 28: created reviews/2022-lcspr-zoe/ (1 document)"),
    (29, "row 29: created reviews/2022-child-y/ (1 document): needs attention\n    - review_type: 'Multi-agency case "
         "audit' is not a known review type (neither an id nor a label in reviews/vocabulary.yml); the draft is "
         "written without it"),
    (30, "row 30: created reviews/2022-tr-children-who-go-missing/ (1 document)"),
    (36, "row 36: created reviews/2023-lcspr-child-ae/ (1 document): needs attention\n    - url: "
         "'www.example.org/child-ae' is not a web address (it must start with https://): the draft is written "
         "without it"),
    (37, "row 37: skipped: needs attention\n    - reviews/2024-lcspr-child-af/ already exists, so nothing was "
         "written for this row (the import never overwrites); if this row is a different review, import it with "
         "another pseudonym or title"),
])
def test_each_kind_of_row_is_reported(imported, row, expected):
    root, _, report = imported
    assert row_block(report, row) == expected.replace("{files}", (root / "old-site").as_posix())


def test_the_drafts_pass_the_check_and_hold_what_the_row_said(imported):
    root, _, _ = imported
    assert check(root) == []
    folders = sorted(p.name for p in (root / "reviews").iterdir() if p.is_dir())
    assert len(folders) == 38  # 37 created and the one that was there
    text = (root / "reviews" / "2016-scr-child-d" / "index.md").read_text(encoding="utf-8")
    assert "status: draft" in text and "published: '2016-03-01'" in text and "review_type: serious-case-review" in text
    assert "- neglect\n- voice-of-the-child" in text and "- education\n- police" in text
    assert "# published: 'March 2016' has no day" in text
    assert (root / "reviews" / "2016-scr-child-d" / "files" / "scr-child-d.pdf").is_file()
    assert (root / "reviews" / "2019-lcspr-child-m" / "files" / "report-child-m.pdf").is_file()
    assert not any((root / "reviews" / "2019-scr-child-k" / "files").iterdir())
    dhr = (root / "reviews" / "2019-dhr-ms-l" / "index.md").read_text(encoding="utf-8")
    assert "review_type: domestic-homicide-review" in dhr and "age_band: adult" in dhr
    summary = (root / "reviews" / "2023-lcspr-child-ac" / "index.md").read_text(encoding="utf-8")
    assert "summary: A child came to school hungry, day after day. Staff fed him" in summary  # line break in a cell
    every = [p.read_text(encoding="utf-8") for p in (root / "reviews").glob("*/index.md")]
    assert all("status: draft" in t for t in every)  # an import never publishes


def test_running_it_again_overwrites_nothing(imported, tmp_path):
    root, _, _ = imported
    snapshot = {p: p.read_bytes() for p in (root / "reviews").rglob("*") if p.is_file()}
    code, report = run(root, str(CATALOGUE), "--files", str(root / "old-site"))
    assert code == 1
    assert "40 rows: 0 created (0 cleanly, 0 needing attention), 38 skipped, 2 not created." in report
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    assert "row 23: skipped: needs attention" in report  # its first folder name exists: not a third copy


def test_a_semicolon_separated_catalogue_gives_the_same_result(tmp_path, imported):
    _, _, first = imported
    rows = [list(r) for r in csv.reader(io.StringIO(CATALOGUE.read_bytes().decode("utf-8-sig"), newline=""))]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    variant = tmp_path / "catalogue-semicolons.csv"
    variant.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    root = project(tmp_path / "site")
    code, report = run(root, str(variant), "--files", str(root / "old-site"))
    assert code == 1
    assert "values separated by ';'" in report.splitlines()[0]
    strip = [line.replace((root / "old-site").as_posix(), "FILES") for line in report.splitlines()[1:]]
    expected_root = imported[0]
    assert strip == [line.replace((expected_root / "old-site").as_posix(), "FILES")
                     for line in first.splitlines()[1:]]


def test_a_dry_run_writes_nothing(tmp_path):
    root = project(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    code, report = run(root, str(CATALOGUE), "--files", str(root / "old-site"), "--dry-run")
    assert code == 1
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert "row 2: would create reviews/2015-scr-child-a/ (1 document)" in report
    assert "37 would be created" in report and "Dry run: nothing was written." in report


def test_the_script_runs_from_the_site_folder(tmp_path):
    root = project(tmp_path)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "import"), str(CATALOGUE), "--files",
                             "old-site", "--dry-run"], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "file: 'scr-child-k.pdf' is not in old-site:" in result.stdout


# -- a clean catalogue, and what else spreadsheets write ----------------------------------------------------------

def small_project(tmp_path: Path) -> Path:
    root = write_project(tmp_path, {}, vocabulary=VOCABULARY)
    (root / "files").mkdir()
    (root / "files" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def test_a_clean_catalogue_exits_0(tmp_path):
    root = small_project(tmp_path)
    (root / "list.csv").write_text("TITLE,Review_Type,published,Themes,file\nMr Q: review,SAR,2024-01-02,"
                                   "\"Self-neglect, Mental capacity\",report.pdf\n", encoding="utf-8")
    code, report = run(root, str(root / "list.csv"), "--files", str(root / "files"))
    assert code == 0, report
    assert "row 2: created reviews/2024-sar-mr-q/ (1 document)" in report
    assert "1 rows: 1 created (1 cleanly, 0 needing attention)" in report or "1 row" in report
    assert check(root) == []


def test_windows_1252_tabs_and_other_header_names(tmp_path):
    root = small_project(tmp_path)
    text = "Title\tDate\tType\tTheme\r\nMrs Ó: review\t12 Mar 2024\tSafeguarding adults review\tSelf-neglect\r\n"
    (root / "list.csv").write_bytes(text.encode("cp1252"))
    code, report = run(root, str(root / "list.csv"), "--files", str(root / "files"))
    assert code == 0, report
    assert "not UTF-8, so read as Windows-1252" in report and "values separated by tabs" in report
    text = (root / "reviews" / "2024-sar-mrs-o" / "index.md").read_text(encoding="utf-8")
    assert "title: 'Mrs Ó: review'" in text and "published: '2024-03-12'" in text


def test_column_and_row_problems(tmp_path):
    root = small_project(tmp_path)
    (root / "list.csv").write_text(
        "title,title,summry\nA: review,B,x\nC: review,D,y,extra\nE: review,,,\n", encoding="utf-8")
    (root / "elsewhere.pdf").write_bytes(b"%PDF")
    code, report = run(root, str(root / "list.csv"), "--files", str(root / "files"))
    assert code == 1
    assert "Column 'title' (column 2) repeats the title column: ignored; the first one is used." in report
    assert "Column 'summry' (column 3) is not one the import reads (did you mean 'summary'?): ignored." in report
    assert ("row 3: created reviews/c/: needs attention\n    - has 1 more value(s) than the header has columns "
            "(often a ',' inside a value that is not in quotes): they were ignored") in report
    (root / "list.csv").write_text("title,file\nF: review,../elsewhere.pdf\n", encoding="utf-8")
    code, report = run(root, str(root / "list.csv"), "--files", str(root / "files"))
    assert code == 1 and (f"file: '../elsewhere.pdf' is outside the --files folder ({(root / 'files').as_posix()}): "
                          "the draft is written without it; copy the file into that folder") in report


@pytest.mark.parametrize(("setup", "message"), [
    ("empty", "is empty: it needs a header row naming the columns (title, published, ...)"),
    ("no-title", "has no 'title' column: the first row must name the columns, e.g. title, published"),
    ("no-files", "is not a folder: name the folder that holds the reports"),
    ("no-vocabulary", "is missing: the import needs the vocabulary to match types, themes and agencies"),
    ("bad-vocabulary", "the vocabulary has problems; run scripts/check and fix them first:"),
    ("unreadable", "cannot be read (No such file or directory)"),
    ("workbook", "is a spreadsheet workbook, not a CSV file: open it and save it as 'CSV UTF-8 (Comma delimited)', "
                 "then import that file"),
])
def test_what_stops_the_import_exits_2(tmp_path, capsys, setup, message):
    root = small_project(tmp_path)
    catalogue = root / "list.csv"
    catalogue.write_text("" if setup == "empty" else "name,published\nA,2024-01-01\n" if setup == "no-title"
                         else "title\nA\n", encoding="utf-8")
    files = root / ("missing" if setup == "no-files" else "files")
    if setup == "no-vocabulary":
        (root / "reviews" / "vocabulary.yml").unlink()
    if setup == "bad-vocabulary":
        (root / "reviews" / "vocabulary.yml").write_text("themes: []\n", encoding="utf-8")
    if setup == "unreadable":
        catalogue = root / "nothing.csv"
    if setup == "workbook":
        catalogue.write_bytes(b"PK\x03\x04" + b"\x00" * 40)  # what an .xlsx starts with
    code, report = run(root, str(catalogue), "--files", str(files))
    assert code == 2 and report == ""
    assert message in capsys.readouterr().err


# -- the pieces ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "approximate"), [
    ("2021-03-12", date(2021, 3, 12), False), ("2021-03-12 10:00", date(2021, 3, 12), False),
    ("12/03/2021", date(2021, 3, 12), False), ("12/3/21", date(2021, 3, 12), False),
    ("12.03.2021", date(2021, 3, 12), False), ("12-03-2021", date(2021, 3, 12), False),
    ("12 March 2021", date(2021, 3, 12), False), ("12th  march 2021", date(2021, 3, 12), False),
    ("12-Mar-2021", date(2021, 3, 12), False), ("1 Sept 2018", date(2018, 9, 1), False),
    ("March 2021", date(2021, 3, 1), True), ("Mar 2021", date(2021, 3, 1), True), ("2019", date(2019, 1, 1), True),
    ("44267", date(2021, 3, 12), True),
    ("31/02/2021", None, True), ("03/25/2021", None, True), ("next spring", None, True), ("Smarch 2021", None, True),
])
def test_catalogue_dates(text, value, approximate):
    parsed = parse_catalogue_date(text)
    assert parsed.value == value and bool(parsed.attention) == approximate


def test_a_date_in_no_known_form_says_which_forms_are():
    assert parse_catalogue_date("next spring").attention == (
        "published: 'next spring' is not a date the import can read: the draft is written without it; write it as "
        "2021-03-12, 12/03/2021 or 12 March 2021")


def test_lists_and_slugs():
    assert split_list("Neglect; Domestic abuse, coercive control") == ["Neglect", "Domestic abuse, coercive control"]
    assert split_list("Neglect, Safe sleep") == ["Neglect", "Safe sleep"]
    assert split_list("Neglect\nSafe sleep") == ["Neglect", "Safe sleep"]
    sar = Term("safeguarding-adults-review", "Safeguarding adults review")
    assert make_slug(2024, sar, "Mr Q", "Mr Q: SAR") == "2024-sar-mr-q"
    assert make_slug(None, None, "", "Zoë O’Brien: review") == "zoe-obrien"
    assert make_slug(2020, Term("thematic-review", "Thematic review"), "", "Thematic review: going missing") == \
        "2020-tr-going-missing"
    assert len(make_slug(2020, sar, "", "A " + "very long title " * 10)) <= 60


def test_every_import_message_is_in_the_guide():
    """Each message the importer can print (its longest literal piece) has a row in the guide's import table."""
    tree = ast.parse((REPO / "casereviews" / "tools" / "importer.py").read_text(encoding="utf-8"))
    messages: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            owner = func.value if isinstance(func, ast.Attribute) else None
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) \
                else ""
            if isinstance(func, ast.Name) and func.id in ("CatalogueError", "CatalogueDate") or (
                    isinstance(func, ast.Attribute) and func.attr == "append"
                    and owner_name in ("attention", "ignored", "info")):
                messages.append(node.args[-1])
        elif isinstance(node, ast.AugAssign) and getattr(node.target, "attr", "") == "attention":
            messages.append(node.value)
        elif isinstance(node, ast.FunctionDef) and node.name == "_unknown":
            messages += [n.value for n in ast.walk(node) if isinstance(n, ast.Return)]
    fragments = set()
    for message in messages:
        pieces = [c.value for c in ast.walk(message) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                  and len(c.value) > 12]
        if pieces:
            fragments.add(max(pieces, key=len).strip())
    assert len(fragments) >= 20
    guide = (REPO / "docs" / "editors" / "error-messages.md").read_text(encoding="utf-8")
    missing = sorted(f for f in fragments if f not in guide)
    assert missing == []
