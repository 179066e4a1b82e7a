"""Hostile input (issue 13, the input side): content nobody on the project wrote, read by the check and the build.

Each test names the finding it covers and the exact message an editor reads. Nothing here may raise: every
shape of file becomes a ``file:line: field: message`` problem, and what ``scripts/check`` passes the build builds.
"""

from __future__ import annotations

import random
from pathlib import Path

import frontmatter
import pytest
import yaml
from sitebuild import VOCABULARY, action_plan, briefing, build_ok, front, review_meta, run_build, write_project
from test_scripts import problem_lines, script

from casereviews.content.limits import MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS
from casereviews.content.load import load_with_problems
from casereviews.settings import Settings

ANCHORS = ("anchors and aliases (&name, *name) are not allowed in content files; write the value out in full where "
           "it is needed")
FORBIDDEN_TAIL = ("which cannot be published (it breaks the feed and the data files): delete it; it usually comes "
                  "from text copied out of a PDF or a word processor")


def problems_for(root: Path, files: dict, vocabulary: dict | None = None) -> list[str]:
    write_project(root, files, vocabulary)
    _content, problems = load_with_problems(Settings.from_mapping(root, {}))
    out = [str(p) for p in sorted(problems)]
    for line in out:  # every message is one printable line, whatever the content held
        assert "\n" not in line and line.encode("utf-8")
    return out


def review(**meta) -> str:
    body = meta.pop("body", "## What happened\n\nText.\n")
    return front(review_meta(**meta), body)


# -- finding 3: a tiny file that takes the machine down ---------------------------------------------------------

def alias_bomb() -> str:
    """Nine levels of nine aliases, 0.3 KB here (0.7 KB in the report): a billion strings if expanded."""
    lines = ["---", "status: draft", 'a: &a ["lol"]']
    for level in range(2, 10):
        name, previous = chr(96 + level), chr(95 + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join([*lines, "---", ""])


def test_alias_bomb_is_refused_before_anything_is_expanded(tmp_path):
    assert problems_for(tmp_path, {"2024-child-a/index.md": alias_bomb()}) == [
        f"reviews/2024-child-a/index.md:3: front matter: uses the YAML anchor '&a': {ANCHORS}"]


def test_recursive_alias_is_a_message_not_a_recursion_error(tmp_path):
    assert problems_for(tmp_path, {"2024-child-a/index.md": "---\nstatus: draft\na: &a [*a]\n---\n"}) == [
        f"reviews/2024-child-a/index.md:3: front matter: uses the YAML anchor '&a': {ANCHORS}"]


def test_aliases_and_merge_keys_are_refused_in_front_matter_and_vocabulary(tmp_path):
    text = "---\nstatus: draft\ntitle: Child A\nsummary: *title\n---\n"
    vocabulary = yaml.safe_dump(VOCABULARY, sort_keys=False).replace(
        "- id: police\n  label: Police\n", "- &p\n  id: police\n  label: Police\n- <<: *p\n  id: police-2\n")
    assert "&p" in vocabulary
    root = write_project(tmp_path, {"2024-child-a/index.md": text})
    (root / "reviews" / "vocabulary.yml").write_text(vocabulary, encoding="utf-8")
    _content, problems = load_with_problems(Settings.from_mapping(root, {}))
    lines = [str(p) for p in problems]
    assert len(lines) == 1 and lines[0].startswith("reviews/vocabulary.yml:")
    assert lines[0].endswith(f"front matter: uses the YAML anchor '&p': {ANCHORS}")
    (root / "reviews" / "vocabulary.yml").write_text(yaml.safe_dump(VOCABULARY), encoding="utf-8")
    assert problems_for(root, {"2024-child-a/index.md": text}) == [
        f"reviews/2024-child-a/index.md:4: front matter: uses the YAML alias '*title': {ANCHORS}"]


def test_deep_nesting_is_refused_without_crashing_the_yaml_library(tmp_path):
    """100,000 nested brackets crashed LibYAML's composer with a segmentation fault."""
    text = "---\nstatus: draft\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"
    assert problems_for(tmp_path, {"2024-child-a/index.md": text}) == [
        "reviews/2024-child-a/index.md:3: front matter: nests lists and fields more than 16 levels deep: the content "
        "format needs at most 7; check the indentation and the [ ] and { } brackets"]


def test_front_matter_and_file_sizes_are_capped(tmp_path):
    long_plan = action_plan([{"id": f"R{i}", "text": "Share information. " * 40, "response": "accepted"}
                             for i in range(400)])
    front_matter = frontmatter.YAMLHandler().split(long_plan)[0]
    assert MAX_FRONT_MATTER_CHARS < len(front_matter) < len(long_plan) < MAX_FILE_BYTES
    huge_body = review(body="Text. " * (MAX_FILE_BYTES // 6 + 10))
    lines = problems_for(tmp_path, {"2024-child-a/index.md": huge_body, "2024-child-b/index.md": review(),
                                    "2024-child-b/action-plan.md": long_plan})
    assert lines == [
        "reviews/2024-child-a/index.md:1: file: is 1,025 KB: a content file can be at most 1,024 KB; put a long "
        "report in files/ as a PDF and link it under documents",
        f"reviews/2024-child-b/action-plan.md:1: front matter: is {len(front_matter):,} characters long: it can be "
        f"at most {MAX_FRONT_MATTER_CHARS:,}; split a long action plan's history into fewer, shorter updates, or "
        "move long text into the body"]


# -- finding 7: tracebacks from YAML shapes -------------------------------------------------------------------

KEY_HINT = "a field name is a word such as title or status; check the line's indentation, or put quotes round text"


@pytest.mark.parametrize(("text", "expected"), [
    ("---\nstatus: draft\ntitle: Child A\n",
     "reviews/r/index.md:1: front matter: has no closing '---' line: end the fields with a line '---', then write "
     "the text below it"),
    ("---\n2024: x\nstatus: draft\n---\n",
     f"reviews/r/index.md:2: front matter: '2024' cannot be a field name (YAML reads it as a number): {KEY_HINT}"),
    ("---\nnull: x\nstatus: draft\n---\n",
     f"reviews/r/index.md:2: front matter: 'null' cannot be a field name (YAML reads it as empty): {KEY_HINT}"),
    ("---\nstatus: draft\ntrue: x\n---\n",
     f"reviews/r/index.md:3: front matter: 'true' cannot be a field name (YAML reads it as a yes/no value): "
     f"{KEY_HINT}"),
    ("---\nstatus: draft\ndocuments:\n- title: R\n  1.5: x\n---\n",
     f"reviews/r/index.md:5: documents[0]: '1.5' cannot be a field name (YAML reads it as a number): {KEY_HINT}"),
    ("---\nstatus: draft\ntitle: !!timestamp soon\n---\n",
     "reviews/r/index.md:1: front matter: is not valid YAML ('NoneType' object has no attribute 'groupdict')"),
], ids=["no-closing", "number-key", "null-key", "true-key", "nested-float-key", "bad-timestamp-tag"])
def test_yaml_shapes_that_raised_are_messages(tmp_path, text, expected):
    assert problems_for(tmp_path, {"r/index.md": text}) == [expected]


MUTATIONS = ["null", "~", "true", "1", "1.5", "- ", ": ", "[", "]", "{", "}", "? ", "!!str ", "!!binary ", "!!set ",
             "!!int ", "!!float ", "!!timestamp ", "!!omap ", "!!pairs ", "\n", "\n  ", "\t", "'", '"', "#", "|",
             ">", "&a ", "*a", "<<: ", "2024-13-45", "0001-01-01", '"\\x01"', '"\\ud800"', "---", "...",
             "%YAML 1.1\n", "\ufeff", "\u2028", ",", ".inf", "0x1F"]


def test_fuzzed_front_matter_never_raises(tmp_path):
    """A bounded, seeded fuzz: 400 mutations of each kind of file; the first run of this found two exceptions
    (an explicit !!timestamp and an empty explicit !!int), which now read as invalid YAML."""
    rng = random.Random(13)
    bases = {"2024-child-a/index.md": review(pseudonym="A", age_band="under-1", agencies=["police"],
                                             key_learning=["A point."],
                                             documents=[{"title": "R", "url": "https://example.org/x"}]),
             "2024-child-a/briefing.md": briefing(), "2024-child-a/action-plan.md": action_plan(),
             "vocabulary.yml": yaml.safe_dump(VOCABULARY, sort_keys=False)}
    root = write_project(tmp_path, {"2024-child-a/index.md": bases["2024-child-a/index.md"]})
    settings = Settings.from_mapping(root, {})
    for _ in range(400):
        name = rng.choice(sorted(bases))
        text = bases[name]
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(MUTATIONS) + text[at + rng.choice([0, 0, 1, 3]):]
        for other, original in bases.items():
            (root / "reviews" / other).write_text(text if other == name else original, encoding="utf-8")
        _content, problems = load_with_problems(settings)
        for problem in problems:
            assert "\n" not in str(problem) and str(problem).encode("utf-8"), problem


# -- finding 5 (input half) and 10: forbidden characters in every text and in bodies -----------------------

BAD = {"\\x01": "the invisible control character U+0001",
       "\\x1b": "the invisible control character U+001B (escape)",
       "\\r": "the invisible control character U+000D (carriage return)",
       "\\x85": "the invisible control character U+0085 (next line)",
       "\\ufffe": "the non-character U+FFFE",
       "\\U0001FFFF": "the non-character U+1FFFF",
       "\\ud800": "a broken character (U+D800, half of a surrogate pair)"}


def escaped(meta_line: str, escape: str) -> str:
    """A double-quoted YAML value holding the escape: the only way these characters get through YAML."""
    key, _, value = meta_line.rpartition("- " if meta_line.startswith("- ") else ": ")
    return f'{key}{"- " if meta_line.startswith("- ") else ": "}"{value[:3]}{escape}{value[3:]}"'


FIELDS = {  # file -> (front matter lines, the line under test's index, field name in the message)
    "title": ("index.md", "title: Child A review", "title"),
    "summary": ("index.md", "summary: What happened", "summary"),
    "pseudonym": ("index.md", "pseudonym: Child A", "pseudonym"),
    "key learning": ("index.md", "key_learning:\n- Ask about sleep", "key_learning[0]"),
    "document title": ("index.md", "documents:\n- url: https://example.org/r\n  title: Overview", "documents[0].title"),
    "withdrawn reason": ("index.md", "withdrawn_reason: Police request", "withdrawn_reason"),
    "briefing title": ("briefing.md", "title: Learning briefing", "title"),
    "recommendation": ("action-plan.md", "recommendations:\n- id: R1\n  response: accepted\n  text: Share information",
                       "recommendations[0].text"),
}


@pytest.mark.parametrize("escape", sorted(BAD))
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_forbidden_characters_are_refused_in_every_text_field(tmp_path, field, escape):
    name, lines, field_name = FIELDS[field]
    *before, last = lines.split("\n")
    meta = "\n".join([*before, escaped(last, escape)])
    base = {"index.md": "status: draft", "briefing.md": "status: draft",
            "action-plan.md": "monitored_by: Learning and Practice Review Group"}[name]
    text = f"---\n{base}\n{meta}\n---\n"
    files = {"r/index.md": "---\nstatus: draft\n---\n", f"r/{name}": text}
    line = 2 + len(lines.split("\n"))
    assert problems_for(tmp_path, files) == [f"reviews/r/{name}:{line}: {field_name}: contains {BAD[escape]}, "
                                             f"{FORBIDDEN_TAIL}"]


@pytest.mark.parametrize(("char", "words"), [("\x01", "the invisible control character U+0001"),
                                             ("\x0c", "the invisible control character U+000C (form feed)"),
                                             ("\ufffe", "the non-character U+FFFE"),
                                             ("\U0010ffff", "the non-character U+10FFFF")])
def test_forbidden_characters_in_bodies_name_their_line(tmp_path, char, words):
    text = review(body=f"## What happened\n\nText.\n\nA line with {char} in it.\n")
    assert problems_for(tmp_path, {"r/index.md": text}) == [f"reviews/r/index.md:15: body: contains {words}, "
                                                            f"{FORBIDDEN_TAIL}"]


def test_forbidden_characters_in_the_vocabulary_and_in_field_names(tmp_path):
    vocabulary = {**VOCABULARY, "themes": [{"id": "neglect", "label": "Neg\x1blect"}, *VOCABULARY["themes"][1:]]}
    root = write_project(tmp_path, {"r/index.md": '---\nstatus: draft\n"ti\\x01tle": x\n---\n'})
    assert problems_for(root, {}, vocabulary) == [
        f"reviews/vocabulary.yml:10: themes[0].label: contains the invisible control character U+001B (escape), "
        f"{FORBIDDEN_TAIL}"]
    assert problems_for(root, {}) == [
        f"reviews/r/index.md:3: front matter (a field name): contains the invisible control character U+0001, "
        f"{FORBIDDEN_TAIL}"]


def test_tab_newline_and_old_mac_line_endings_are_ordinary_white_space(tmp_path):
    text = review(summary="One\tline.", body="## What happened\r\rText\twith a tab.\r")
    assert problems_for(tmp_path, {"r/index.md": text}) == []


# -- finding 4: what the check passes, the build builds --------------------------------------------------

BLANK = "is only spaces: write the text, or remove the field"


def test_texts_of_spaces_only_are_refused(tmp_path):
    assert problems_for(tmp_path, {
        "r/index.md": review(title="   ", summary="\u00a0 ", key_learning=["Real.", "  "]),
        "r/briefing.md": briefing(title="\t"),
    }) == [f"reviews/r/briefing.md:4: title: {BLANK}",
           f"reviews/r/index.md:2: title: {BLANK}",
           f"reviews/r/index.md:6: summary: {BLANK}",
           f"reviews/r/index.md:11: key_learning[1]: {BLANK}"]


def test_dates_far_outside_the_calendar_are_refused(tmp_path):
    """0001-01-01T00:00+14:00 passed the check, then stopped the build in the middle of rendering."""
    assert problems_for(tmp_path, {"r/index.md": review(published="0001-01-01T00:00:00+14:00",
                                                         available_until="9999-12-31")}) == [
        "reviews/r/index.md:4: published: '0001-01-01T00:00:00+14:00' is out of range: write a date between 1900 "
        "and 2999",
        "reviews/r/index.md:9: available_until: '9999-12-31' is out of range: write a date between 1900 and 2999"]


NESTED = ("body: is nested too deeply: more than 100 characters of indentation, '>' and list markers before the "
          "text, or of '*' and '_' in a row, or more than 100 HTML blocks marked markdown; flatten the lists or quotes")


def test_bodies_nested_past_what_markdown_can_parse_are_refused(tmp_path):
    """Python-Markdown recursed past Python's limit on 500 nested lists, 2,000 '*' in a row and 300 nested
    ``<div markdown>`` blocks; the limits stop far short of that."""
    assert problems_for(tmp_path, {
        "a/index.md": review(body="".join("  " * i + "- item\n" for i in range(60))),
        "b/index.md": review(body="Text.\n\n" + "*" * 2000 + "x" + "*" * 2000 + "\n"),
        "c/index.md": review(body="Text.\n\n" + "<div markdown>\n" * 300 + "x\n" + "</div>\n" * 300),
        "d/index.md": review(body="Text **bold** and __bold__ *" + "_*" * 20 + "\n\n- one\n    - two\n"),
    }) == [f"reviews/a/index.md:61: {NESTED}", f"reviews/b/index.md:13: {NESTED}",
           f"reviews/c/index.md:113: {NESTED}"]


def hostile_project() -> dict[str, str | bytes]:
    """One review folder per finding the check used to pass and the build then failed on, or the check never
    finished: the build and scripts/check must now refuse each one with the same lines."""
    return {
        "2024-title-spaces/index.md": review(title="   "),
        "2024-learning-spaces/index.md": review(key_learning=["  "]),
        "2024-surrogate/index.md": review().replace("title: 'Child A:", 'title: "Child \\ud800 A:').replace(
            "review'\nstatus", 'review"\nstatus'),
        "2024-control/index.md": review().replace("title: 'Child A:", 'title: "Child \\x1b A:').replace(
            "review'\nstatus", 'review"\nstatus'),
        "2024-old-date/index.md": review(published="0001-01-01T00:00:00+14:00"),
        "2024-deep-list/index.md": review(body="".join("  " * i + "- item\n" for i in range(600))),
        "2024-bomb/index.md": alias_bomb(),
        "2024-recursive/index.md": "---\nstatus: draft\na: &a [*a]\n---\n",
        "2024-no-closing/index.md": "---\nstatus: draft\n",
        "2024-number-key/index.md": "---\nstatus: draft\n2024: x\n---\n",
        "2024-spring-gap/index.md": review(published="2026-03-29T01:30"),
        "2024-http/index.md": review(documents=[{"title": "Report", "url": "http://example.org/r.pdf"}]),
    }


def test_check_and_build_refuse_hostile_content_with_the_same_lines(tmp_path):
    root = write_project(tmp_path / "project", hostile_project())
    check = script("check", cwd=root)
    build = run_build(root)
    assert check.returncode == 1 and build.returncode != 0
    assert "Traceback" not in build.stderr and "Traceback" not in check.stderr
    lines = problem_lines(check.stdout)
    assert lines == problem_lines(build.stdout + build.stderr)
    assert {line.split("/")[1] for line in lines} == {name.split("/")[0] for name in hostile_project()}
    assert not (root / "site").exists() or not any((root / "site").rglob("*.json"))


def test_content_the_check_passes_builds(tmp_path):
    """Odd but harmless content: the check passes it, so the build must too."""
    root = write_project(tmp_path / "project", {
        "2024-child-a/index.md": review(title="Child A: 'quotes' & <angles>", summary="Tab\tand   spaces.",
                                        key_learning=["\u00a0Leading no-break space."],
                                        body="## \n\nEmpty heading above.\n\n##    #\n\nText\r\rOld Mac lines.\n"),
        "2024-child-a/briefing.md": briefing(title="Briefing \u2028 with a line separator"),
    })
    check = script("check", cwd=root)
    assert check.returncode == 0, check.stdout
    build_ok(root)


# -- finding 8: symbolic links -------------------------------------------------------------------------------

SYMLINK = ("is a symbolic link: the site publishes only ordinary files and folders inside reviews/, so copy what it "
           "points to here instead of linking to it")
SYMLINK_FILE = ("is a symbolic link: content files must be ordinary files inside reviews/; copy the file here "
                "instead of linking to it")


def test_symbolic_links_are_refused(tmp_path):
    outside = tmp_path / "outside"
    (outside / "secret-review").mkdir(parents=True)
    (outside / "secret-review" / "index.md").write_text(review(), encoding="utf-8")
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4\n")
    (outside / "index.md").write_text(review(), encoding="utf-8")
    root = write_project(tmp_path / "project", {
        "2024-child-b/index.md": review(documents=[{"title": "Report", "file": "files/report.pdf"}]),
        "2024-child-c/files/real.pdf": b"%PDF-1.4\n",
    })
    reviews = root / "reviews"
    (reviews / "2024-linked-folder").symlink_to(outside / "secret-review")
    (reviews / "2024-child-b" / "files").mkdir()
    (reviews / "2024-child-b" / "files" / "report.pdf").symlink_to(outside / "secret.pdf")
    (reviews / "2024-child-c" / "index.md").symlink_to(outside / "index.md")
    (reviews / "2024-child-c" / "files" / "more").symlink_to(outside)
    lines = problems_for(root, {})
    assert lines == [
        f"reviews/2024-child-b/files/report.pdf:1: file: {SYMLINK}",
        f"reviews/2024-child-c/files/more:1: file: {SYMLINK}",
        f"reviews/2024-child-c/index.md:1: file: {SYMLINK_FILE}",
        f"reviews/2024-linked-folder:1: folder: {SYMLINK}",
    ]


# -- finding 10: the smaller ones ------------------------------------------------------------------------------

def test_ids_and_slugs_with_a_trailing_newline_are_refused(tmp_path):
    files = {"2024-child-a\n/index.md": review(),
             "2024-child-b/index.md": review().replace("- neglect\n", '- "neglect\\n"\n'),
             "2024-child-b/action-plan.md": action_plan().replace("id: R1\n", 'id: "R1\\n"\n', 1)}
    assert problems_for(tmp_path, files) == [
        "reviews/2024-child-a\\n:1: slug: '2024-child-a\\n' cannot be a review folder name: use lower-case "
        "letters, digits and single hyphens, e.g. 2021-child-sam",
        "reviews/2024-child-b/action-plan.md:6: recommendations[0].id: 'R1\\n' is not a short id such as R1 or R1.2",
        "reviews/2024-child-b/index.md:8: themes[0]: 'neglect\\n' is not an id from reviews/vocabulary.yml: "
        "lower-case letters, digits and hyphens"]


def test_london_times_that_do_not_exist_or_happen_twice(tmp_path):
    assert problems_for(tmp_path, {"a/index.md": review(published="2026-03-29T01:30"),
                                   "b/index.md": review(published="2026-10-25 01:15:00"),
                                   "c/index.md": review(published="2026-10-25T01:15:00+00:00"),
                                   "d/index.md": review(published="2026-03-29T02:00")}) == [
        "reviews/a/index.md:4: published: 01:30 on 2026-03-29 does not exist in London: the clocks go forward an "
        "hour at 01:00 that day; write a time before 01:00 or from 02:00",
        "reviews/b/index.md:4: published: 01:15 on 2026-10-25 happens twice in London (the clocks go back at 02:00 "
        "that day): add the offset, e.g. 2026-10-25T01:15+01:00 for the first time or 2026-10-25T01:15+00:00 for "
        "the second"]


def test_document_links_must_be_https(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": review(documents=[
        {"title": "Report", "url": "http://example.org/report.pdf"}])}) == [
        "reviews/r/index.md:11: documents[0].url: 'http://example.org/report.pdf' is not a web address starting "
        "with https:// (a secure link)"]


def test_stray_folders_in_a_review_folder_are_reported(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": review(), "r/documents/report.pdf": b"%PDF",
                                   "r/old/notes.md": "notes", "r/files/sub/report.pdf": b"%PDF",
                                   "r/.obsidian/app.json": "{}"}) == [
        "reviews/r/documents:1: folder: is not part of the content format; did you mean 'files'? a review folder "
        "holds index.md, briefing.md, action-plan.md and files/ (for documents), and nothing in another folder is "
        "published",
        "reviews/r/old:1: folder: is not part of the content format; a review folder holds index.md, briefing.md, "
        "action-plan.md and files/ (for documents), and nothing in another folder is published"]


# -- finding 11: personal data where the reader sees it --------------------------------------------------------

PII_TAIL = ("remove it, or if it is meant to be public (the partnership's helpline, say) list it exactly under "
            "pii_allow")


def test_personal_data_is_found_as_the_reader_sees_it(tmp_path):
    assert problems_for(tmp_path, {"r/index.md": review(
        title="Child A (mother: jo.bloggs&#64;example.org)", summary="Ring 07700\u202f900126 for help.",
        body="## What happened\n\nFather's mobile was 07700&#32;900127.\n\nHelpline 0300&nbsp;123&nbsp;4567.\n",
        pii_allow=["0300 123 4567"])}) == [
        "reviews/r/index.md:2: title: 'jo.bloggs&#64;example.org' (a reader sees 'jo.bloggs@example.org') looks "
        f"like an e-mail address: {PII_TAIL}",
        "reviews/r/index.md:6: summary: '07700\\u202f900126' (a reader sees '07700 900126') looks like a UK "
        f"telephone number: {PII_TAIL}",
        "reviews/r/index.md:15: body: '07700&#32;900127' (a reader sees '07700 900127') looks like a UK telephone "
        f"number: {PII_TAIL}"]


def test_personal_data_in_the_vocabulary_and_folder_names(tmp_path):
    vocabulary = {**VOCABULARY, "agencies": [*VOCABULARY["agencies"],
                                             {"id": "gp", "label": "GP", "description": "Dr Smith, 01632 960123"}]}
    assert problems_for(tmp_path / "a", {"2024-child-a/index.md": review()}, vocabulary) == [
        f"reviews/vocabulary.yml:27: agencies[3].description: '01632 960123' looks like a UK telephone number: "
        f"{PII_TAIL}"]
    assert problems_for(tmp_path / "b", {"2024-child-07700-900126/index.md": review()}) == [
        "reviews/2024-child-07700-900126:1: slug: '07700 900126' looks like a UK telephone number in the folder "
        "name, which is the review's web address: rename the folder"]
