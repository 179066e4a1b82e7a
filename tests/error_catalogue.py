"""The catalogue of every problem message the checker can print, for the editor guide.

Each case is a small broken project; running it through ``load_with_problems`` (the code the build and
``scripts/check`` use) gives the message an editor would read, so the guide's examples are real output, not
transcriptions. ``tests/test_error_catalogue.py`` fails when the guide's table is out of date, or when the code
gains a message that no case here produces.

    .venv/bin/python tests/error_catalogue.py --write     # regenerate the table in the guide
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from fixture_joint_board import VOCABULARY as JOINT
from sitebuild import (
    VOCABULARY,
    action_plan,
    briefing,
    front,
    review_meta,
    seven_minute_body,
    write_files,
)

from casereviews.content.limits import PlainDumper
from casereviews.content.load import load_with_problems
from casereviews.project import settings_from_config
from casereviews.settings import InvalidSettings, Settings

ROOT = Path(__file__).resolve().parent.parent

GUIDE = ROOT / "docs" / "editors" / "error-messages.md"
START, END = "<!-- generated: error table start -->", "<!-- generated: error table end -->"


@dataclass(frozen=True)
class Case:
    group: str
    fragment: str  # a piece of the message that identifies it
    files: dict[str, str | bytes]  # under reviews/
    means: str
    fix: str
    vocabulary: dict | str | None = None  # None: the standard one; a string: written as is
    no_reviews_folder: bool = False
    extra: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)  # under reviews/: a symbolic link -> the file under reviews/ it names
    settings: object = None  # not None: mkdocs.yml's extra.reviews, and the case reports its settings' problems


def _plan_action(**action) -> str:
    base = {"id": "R1.1", "text": "Train staff.", "lead": "police", "due": "2025-06-30", "updates": []}
    base.update(action)
    return action_plan([{"id": "R1", "text": "Share information.", "response": "accepted", "actions": [base]}])


def _meetings(groups: list | None = None, meetings: list | None = None) -> str:
    return yaml.safe_dump({"groups": groups or [{"id": "board", "label": "Board"}], "meetings": meetings or []},
                          sort_keys=False)


def _review(body: str = "", **meta) -> str:
    return front(review_meta(**meta), body)


def _linked(related: list[dict], target_plan: bool = True) -> dict[str, str]:
    """A review whose recommendation R1 carries ``related``, and an earlier review 2020-child-z with R1 and R2."""
    files = {"2024-child-a/index.md": _review(),
             "2024-child-a/action-plan.md": action_plan([{"id": "R1", "text": "One.", "response": "accepted",
                                                          "related": related}]),
             "2020-child-z/index.md": _review(published="2020-01-10")}
    if target_plan:
        files["2020-child-z/action-plan.md"] = action_plan([{"id": "R1", "text": "Earlier.", "response": "accepted"},
                                                            {"id": "R2", "text": "Other.", "response": "accepted"}])
    return files


G_FILES, G_FM, G_REVIEW, G_BRIEF, G_PLAN, G_VOCAB, G_PII, G_DRAFT = (
    "Files and folders", "Front matter in any file", "Review fields (index.md)", "Learning briefings (briefing.md)",
    "Action plans (action-plan.md)", "The vocabulary (vocabulary.yml)", "Personal data",
    "Example text left by scripts/new-review")
G_MEET = "Meetings (meetings.yml)"
G_FAMILY = "Kinds of review: approval, availability, age bands"


def _dhr(**meta) -> str:
    base = dict(title="Ms R: Domestic homicide review", published="2026-01-15", review_type="domestic-homicide-review",
                approved="2026-01-05", themes=["domestic-abuse"])
    base.update(meta)
    return _review(**{k: v for k, v in base.items() if v is not None})


_SUMMARY_FORMAT = JOINT["briefing_formats"][0]
G_HTML = "HTML in the text"
G_SETTINGS = "The site's settings (extra.reviews in mkdocs.yml)"
_SETTING_FIX = ("Correct the value in `mkdocs.yml` (the message says what it takes), or delete the line to use the "
                "default.")


def _html(line: str) -> dict[str, str]:
    """A review whose body holds ``line`` of HTML or Markdown after a heading."""
    return {"2024-child-a/index.md": _review(body=f"## What happened\n\n{line}\n")}


_REMOVE = ("Remove it. Write the text in Markdown, or with the tags listed under *HTML in the text* in the content "
           "format.")

CASES: list[Case] = [
    # -- files and folders ---------------------------------------------------------------------------------
    Case(G_FILES, "does not exist: create it", {}, "The folder the site reads reviews from is missing.",
         "Create `reviews/` with a `vocabulary.yml`, or correct `content_dir` in mkdocs.yml.", no_reviews_folder=True),
    Case(G_FILES, "is missing: the site needs", {}, "`reviews/vocabulary.yml` is missing.",
         "Restore it from the last version that worked (every other check needs it).", vocabulary=""),
    Case(G_FILES, "is not expected here", {"notes.txt": "notes"}, "A loose file sits directly in `reviews/`.",
         "Move it into a review's `files/` folder, or delete it."),
    Case(G_FILES, "cannot be a review folder name", {"Child_A/index.md": _review()},
         "A review folder's name is not a valid slug (it becomes the web address).",
         "Rename the folder: lower-case letters, digits and single hyphens, e.g. `2024-child-sam`."),
    Case(G_FILES, "is not part of the content format", {"2024-child-a/index.md": _review(),
                                                          "2024-child-a/breifing.md": briefing()},
         "A review folder holds a file the site does not know, often a misspelt name.",
         "Rename it as suggested, or move documents into `files/`."),
    Case(G_FILES, "every review folder needs an index.md", {"2024-child-a/briefing.md": briefing()},
         "A review folder has no `index.md`.", "Add the review's `index.md` (`scripts/new-review` makes one)."),
    Case(G_FILES, "is not UTF-8 text", {"2024-child-a/index.md": b"---\ntitle: Caf\xe9\n---\n"},
         "The file was saved in an old encoding, usually by a word processor.",
         "Save it as UTF-8 (in VS Code: the encoding in the status bar, then *Save with Encoding*)."),
    Case(G_FILES, "is empty: it needs front matter", {"2024-child-a/index.md": ""}, "The file is empty.",
         "Write its front matter, or delete the file."),
    Case(G_FILES, "is a symbolic link: content files", {"2024-child-b/index.md": _review()},
         "A content file is a link to a file elsewhere, which could be anywhere on the machine that builds the site.",
         "Copy the file into the review folder instead of linking to it.",
         links={"2024-child-a/index.md": "2024-child-b/index.md"}),
    Case(G_FILES, "so copy what it points to here", {"2024-child-a/index.md": _review(),
                                                     "2024-child-b/files/report.pdf": b"%PDF-1.4\n"},
         "A review folder, or something in its `files/`, is a link to somewhere else.",
         "Copy the folder or file into place instead of linking to it.",
         links={"2024-child-a/files/report.pdf": "2024-child-b/files/report.pdf"}),
    Case(G_FILES, "and nothing in another folder is published", {"2024-child-a/index.md": _review(),
                                                                 "2024-child-a/documents/report.pdf": b"%PDF-1.4\n"},
         "A review folder holds a folder other than `files/`. Nothing in it would be published.",
         "Move documents into `files/` and delete the folder (or move other material out of `reviews/`)."),
    Case(G_FILES, "a content file can be at most", {
        "2024-child-a/index.md": _review(body="Text. " * (1024 * 1024 // 6 + 10))},
         "The file is over 1 MB (1,024 KB), the most a review, briefing, action plan or vocabulary can be.",
         "Put a long report in `files/` as a PDF and list it under `documents`."),
    Case(G_FILES, "contains the invisible control character", {
        "2024-child-a/index.md": _review(body="## What happened\n\nText \x1b[31mred\x1b[0m.\n")},
         "The text holds an invisible control character (or a non-character such as U+FFFE), usually copied out "
         "of a PDF or a word processor. It would break the feed and the data files.",
         "Delete it: in VS Code, search with the regular expression `[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]`."),
    Case(G_FILES, "contains a broken character", {
        "2024-child-a/index.md": _review().replace("title: 'Child A:", 'title: "Child \\ud800 A:').replace(
            "review'\nstatus", 'review"\nstatus')},
         "A value written with a YAML escape (`\\ud800`) is half of a character, which cannot be saved as UTF-8.",
         "Delete the escape, or write the character itself."),
    Case(G_FILES, "is nested too deeply", {
        "2024-child-a/index.md": _review(body="".join("  " * i + "- item\n" for i in range(60)))},
         "A body's lists or quotes are nested so deep (over 100 characters before the text) that the page could "
         "not be built.", "Flatten the lists or quotes."),
    Case(G_FILES, "in the folder name, which is the review's web address", {
        "2024-child-07700-900123/index.md": _review()},
         "A review folder's name (its web address) holds what looks like personal data.",
         "Rename the folder."),
    # -- front matter --------------------------------------------------------------------------------------
    Case(G_FM, "is missing: the file must start", {"2024-child-a/index.md": "# Child A\n\nText.\n"},
         "The file does not start with front matter.", "Make the first line `---`, then the fields, then `---`."),
    Case(G_FM, "is not valid YAML", {"2024-child-a/index.md": "---\ntitle: Child A: review\nstatus: draft\n---\n"},
         "The front matter cannot be read: most often text with a colon, or a line indented wrongly.",
         "Put quotes round text containing a colon; line fields up under each other."),
    Case(G_FM, "must be a list of 'field: value' lines", {"2024-child-a/index.md": "---\n- title\n- status\n---\n"},
         "The front matter is a list or plain text, not fields.", "Write one `field: value` per line."),
    Case(G_FM, "appears twice", {"2024-child-a/index.md": "---\nstatus: draft\nstatus: published\n---\n"},
         "The same field is written twice; only one can count.", "Delete one of them."),
    Case(G_FM, "has no closing '---' line", {"2024-child-a/index.md": "---\nstatus: draft\ntitle: Child A\n"},
         "The front matter has its opening `---` line but no closing one.",
         "Add a line `---` after the last field."),
    Case(G_FM, "cannot be a field name", {"2024-child-a/index.md": "---\nstatus: draft\n2024: Child A\n---\n"},
         "A field name is a number, `true`/`false`, `null` or empty, which YAML does not read as a name.",
         "Write the field's real name; if a line of text ended up as a field, check its indentation."),
    Case(G_FM, "uses the YAML anchor", {"2024-child-a/index.md": "---\nstatus: draft\ntitle: &t Child A\n---\n"},
         "The front matter uses a YAML anchor (`&name`). Anchors and aliases are refused in every content file.",
         "Write each value out in full."),
    Case(G_FM, "uses the YAML alias", {"2024-child-a/index.md": "---\nstatus: draft\nsummary: *t\n---\n"},
         "The front matter uses a YAML alias (`*name`), often text that starts with `*` by mistake.",
         "Write the value out in full; put quotes round text that starts with `*`."),
    Case(G_FM, "nests lists and fields more than", {
        "2024-child-a/index.md": "---\nstatus: draft\ntitle: " + "[" * 40 + "]" * 40 + "\n---\n"},
         "Lists and fields are nested far deeper than any file needs (often unbalanced `[` or `{`).",
         "Check the indentation and the brackets."),
    Case(G_FM, "characters long: it can be at most", {"2024-child-a/index.md": _review(), "2024-child-a/action-plan.md":
                                                      action_plan([{"id": f"R{i}", "text": "Share. " * 100,
                                                                    "response": "accepted"} for i in range(400)])},
         "The front matter is longer than 262,144 characters (256 KB).",
         "Shorten it: move long text into the body, or summarise a long history of updates."),
    Case(G_FM, "is only spaces", {"2024-child-a/index.md": _review(title="   ")},
         "A field holds nothing but spaces, so there is nothing to show.", "Write the text, or remove the field."),
    Case(G_FM, "is out of range", {"2024-child-a/index.md": _review(published="0001-01-01")},
         "A date is far outside the years any review, action or update has (1900 to 2999).",
         "Correct the year."),
    Case(G_FM, "does not exist in London", {"2024-child-a/index.md": _review(published="2026-03-29T01:30")},
         "A time without an offset falls in the hour skipped when the clocks go forward.",
         "Choose a time before 01:00 or from 02:00 that day."),
    Case(G_FM, "happens twice in London", {"2024-child-a/index.md": _review(published="2026-10-25T01:30")},
         "A time without an offset falls in the hour repeated when the clocks go back.",
         "Add the offset the message suggests: +01:00 for the first time, +00:00 for the second."),
    Case(G_FM, "publishing is always explicit", {"2024-child-a/index.md": "---\ntitle: Child A\n---\n"},
         "There is no `status`. Nothing is ever published by default.", "Add `status: draft` (or `published`)."),
    Case(G_FM, "it is required once the status is", {"2024-child-a/index.md": front({"status": "published"})},
         "A field that a draft may leave out is needed now that the status is `published` or `withdrawn`.",
         "Fill it in, or set `status: draft` until it is ready."),
    Case(G_FM, "is not a field of", {"2024-child-a/index.md": _review(tittle="x")},
         "A field name the site does not know, usually a misspelling.", "Use the suggested name, or remove it."),
    Case(G_FM, "is not allowed;", {"2024-child-a/index.md": _review(status="publish")},
         "The value must be one of a fixed list.", "Use one of the values listed in the message."),
    Case(G_FM, "must be text, not", {"2024-child-a/index.md": _review(title=2024)},
         "The value has the wrong kind: a number or yes/no where text is wanted, or text where a list is wanted.",
         "Write the kind the message names; put quotes round text that looks like a number or yes/no."),
    Case(G_FM, "is not a date such as", {"2024-child-a/index.md": _review(published="12/03/2024")},
         "A date is written in a form the site cannot read.", "Write dates as YYYY-MM-DD, e.g. `2024-03-12`."),
    Case(G_FM, "is empty: write the text", {"2024-child-a/index.md": _review(pseudonym="")},
         "A field is present but empty.", "Write its text, or delete the field if it is optional."),
    Case(G_FM, "needs at least 1 entry", {"2024-child-a/index.md": _review(themes=[])},
         "A list that must have at least one entry is empty.", "Add an entry."),
    # -- review --------------------------------------------------------------------------------------------
    Case(G_REVIEW, "a withdrawn review must say why", {"2024-child-a/index.md": _review(status="withdrawn")},
         "A withdrawn review has no `withdrawn_reason`.", "Add one sentence saying why; it is shown on the page."),
    Case(G_REVIEW, "is only used when 'status: withdrawn'",
         {"2024-child-a/index.md": _review(withdrawn_reason="Police request.")},
         "`withdrawn_reason` is set on a review that is not withdrawn.", "Remove it, or set `status: withdrawn`."),
    Case(G_REVIEW, "characters long; it must be at most", {"2024-child-a/index.md": _review(summary="Word " * 130)},
         "The summary is longer than 600 characters.", "Shorten it; the full story belongs in the body."),
    Case(G_REVIEW, "is not a known", {"2024-child-a/index.md": _review(themes=["neglectt"])},
         "An id is not in the vocabulary (the message suggests the closest ones).",
         "Use a listed id, or add the new id to `reviews/vocabulary.yml` in the same pull request."),
    Case(G_REVIEW, "is listed twice: remove one", {"2024-child-a/index.md": _review(themes=["neglect", "neglect"])},
         "The same id appears twice in a list.", "Delete one."),
    Case(G_REVIEW, "is not a real date or time", {"2024-child-a/index.md": _review(published="2024-02-30")},
         "The date has the right form but does not exist.", "Check the day and month."),
    Case(G_REVIEW, "is not a real date: check", {"2024-child-a/index.md": _review(available_until="2024-13-01")},
         "The date has the right form but does not exist.", "Check the day and month."),
    Case(G_REVIEW, "each document needs a title and either a file or a url",
         {"2024-child-a/index.md": _review(documents=[{"title": "Report", "file": "files/a.pdf",
                                                       "url": "https://example.org/a.pdf"}])},
         "A document has both a `file` and a `url`, or neither.", "Keep exactly one of them."),
    Case(G_REVIEW, "is outside the review folder",
         {"2024-child-a/index.md": _review(documents=[{"title": "Report", "file": "../report.pdf"}])},
         "A document's `file` points outside the review's folder.",
         "Put the file in the review's `files/` folder and write e.g. `files/report.pdf`."),
    Case(G_REVIEW, "is a Markdown file, which the site would publish as a page",
         {"2024-child-a/index.md": _review(documents=[{"title": "Briefing", "file": "briefing.md"}]),
          "2024-child-a/briefing.md": briefing(status="draft")},
         "A document names a Markdown file (the review's briefing, its action plan or a note in `files/`), which "
         "the site would publish as a page whatever its status says.",
         "List only documents such as PDFs; a briefing is published by `briefing.md` and its own status."),
    Case(G_REVIEW, "is a web page or script",
         {"2024-child-a/index.md": _review(documents=[{"title": "Notes", "file": "files/notes.html"}]),
          "2024-child-a/files/notes.html": "<p>Notes</p>"},
         "A document is an HTML, SVG, XML or JavaScript file, which would run as part of this site.",
         "Publish it as a PDF, or link to it with `url:` if it lives on another site."),
    Case(G_REVIEW, "is at the address of a page the site makes itself",
         {"2024-child-a/index.md": _review(documents=[{"title": "Plan", "file": "action-plan/plan.pdf"}]),
          "2024-child-a/action-plan/plan.pdf": b"%PDF-1.4\n"},
         "A document sits where the review's own page, briefing or action plan is published.",
         "Move it into the review's `files/` folder."),
    Case(G_REVIEW, "is not in the review's files/ folder",
         {"2024-child-a/index.md": _review(documents=[{"title": "Report", "file": "report.pdf"}]),
          "2024-child-a/files/report.pdf": b"%PDF-1.4\n"},
         "A document's `file` is in the review's folder but not in its `files/` folder.",
         "Move the file into `files/` and write e.g. `files/report.pdf`."),
    Case(G_REVIEW, "is not a web address starting with https://", {"2024-child-a/index.md": _review(
        documents=[{"title": "Report", "url": "http://example.org/report.pdf"}])},
         "A document link starts with `http://`. The site links only to secure addresses.",
         "Write `https://` (most sites offer it); if the site has no secure address, ask it for one."),
    Case(G_REVIEW, "does not exist in",
         {"2024-child-a/index.md": _review(documents=[{"title": "Report", "file": "files/reprot.pdf"}]),
          "2024-child-a/files/report.pdf": b"%PDF-1.4\n"},
         "A document's file is not where `file` says.", "Correct the path (case matters), or add the file."),
    # -- briefing ------------------------------------------------------------------------------------------
    Case(G_BRIEF, "is not a heading of a", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body().replace("## 2. Why it matters",
                                                                              "## 2. Why it maters"))},
         "A `##` heading is none of the headings the briefing's format accepts (the message names the nearest).",
         "Write the heading as the message suggests, or one of the other wordings it lists."),
    Case(G_BRIEF, "is not a briefing format", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(format="learning-sumary")},
         "The briefing's `format` is neither built in nor defined under `briefing_formats` in the vocabulary.",
         "Use one of the formats listed, or define the format in `reviews/vocabulary.yml`."),
    Case(G_BRIEF, "is an extra section", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body() + "\n## Further reading\n\nMore.\n")},
         "A seven-minute briefing has a `##` section that is not one of the seven.",
         "Make it a `###` heading inside one of the seven, or set `format: note` for a free-form briefing."),
    Case(G_BRIEF, "is missing: add it", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body().split("## 7.")[0])},
         "One of the seven sections is missing.", "Add the section where the message says, with its `##` heading."),
    Case(G_BRIEF, "keep one, or make this one a '###' heading inside it", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body() + "\n## Background\n\nMore.\n")},
         "A section heading is used twice.", "Merge the two sections, or make the second a `###` heading."),
    Case(G_BRIEF, "heading (two #) to count as section", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body().replace("## 3. The information",
                                                                              "### 3. The information"))},
         "A section is written with the wrong number of `#`.", "Use exactly two: `## 3. The information`."),
    Case(G_BRIEF, "has no '##' sections", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body="Just a paragraph of text.\n")},
         "A seven-minute briefing has no sections at all.",
         "Add the seven `##` headings, or set `format: note` for a free-form briefing."),
    Case(G_BRIEF, "the sections are out of order", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body="\n".join(
            f"## {name}\n\nText.\n" for name in ["Why it matters", "Background", "The information",
                                                 "What was learned", "What to do", "Things to remember",
                                                 "Questions for practitioners"]))},
         "All seven sections are there, in the wrong order.", "Move the sections into the order listed."),
    Case(G_BRIEF, "is numbered", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body().replace("## 3. The information",
                                                                              "## 4. The information"))},
         "A section's number does not match its place.", "Number the sections 1 to 7 as listed."),
    Case(G_BRIEF, "is empty: write its text under the heading", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/briefing.md": briefing(body=seven_minute_body().replace(
            "## 5. What to do\n\nPractice point.\n", "## 5. What to do\n"))},
         "A section has a heading but no text.", "Write the section's text under its heading."),
    # -- action plan ---------------------------------------------------------------------------------------
    Case(G_PLAN, "is worked out by the site", {"2024-child-a/index.md": _review(),
                                                "2024-child-a/action-plan.md": _plan_action(updates=[
                                                    {"date": "2025-01-10", "status": "overdue", "note": "Late."}])},
         "`overdue` and `stale` are computed from the dates and cannot be written.",
         "Write the real status (e.g. `in-progress` or `at-risk`)."),
    Case(G_PLAN, "ids must be unique within the plan", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/action-plan.md": action_plan([
            {"id": "R1", "text": "One.", "response": "accepted"},
            {"id": "R1", "text": "Two.", "response": "accepted"}])},
         "Two recommendations or actions share an id.", "Give each its own id (R1, R2 ...; R1.1, R1.2 ...)."),
    Case(G_PLAN, "is earlier than the update above it", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/action-plan.md": _plan_action(updates=[
            {"date": "2025-03-01", "status": "in-progress", "note": "Started."},
            {"date": "2025-01-10", "status": "complete", "note": "Done."}])},
         "Updates are out of date order.", "Keep updates oldest first: add each new update at the end."),
    Case(G_PLAN, "an 'assured' update must say what shows", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/action-plan.md": _plan_action(updates=[
            {"date": "2025-03-01", "status": "assured", "note": "Checked."}])},
         "An update says `assured` without the evidence that the action made a difference.",
         "Add `evidence:` to the update (what was checked, e.g. an audit), or keep the status `complete`."),
    # -- meetings ------------------------------------------------------------------------------------------
    Case(G_MEET, "is listed twice in groups", {"meetings.yml": _meetings(
        groups=[{"id": "board", "label": "Board"}, {"id": "board", "label": "Board again"}])},
         "Two groups in `reviews/meetings.yml` share an id.", "Give each group its own id."),
    Case(G_MEET, "is not a known group",
         {"meetings.yml": _meetings(meetings=[{"group": "bord", "date": "2025-01-14"}])},
         "A meeting names a group that is not listed under `groups`.",
         "Use the id of a listed group (the message suggests the closest), or add the group."),
    Case(G_MEET, "already meets on", {"meetings.yml": _meetings(meetings=[{"group": "board", "date": "2025-01-14"},
                                                                         {"group": "board", "date": "2025-01-14"}])},
         "The same group's meeting is listed twice on one day.", "Delete one of them."),
    Case(G_MEET, "is not a real date: check the day and month (written YYYY-MM-DD, e.g. 2026",
         {"meetings.yml": _meetings(meetings=[{"group": "board", "date": "2025-02-30"}])},
         "A meeting's date has the right form but does not exist.", "Check the day and month."),
    Case(G_PLAN, "is listed twice: remove one", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/action-plan.md": action_plan([
            {"id": "R1", "text": "One.", "response": "accepted", "themes": ["neglect", "neglect"]}])},
         "A recommendation's `themes` names a theme twice.", "Remove one."),
    Case(G_PLAN, "in this recommendation's related links", _linked(
        [{"recommendation": "2020-child-z/R1", "relation": "repeats"},
         {"recommendation": "2020-child-z/R1", "relation": "builds-on"}]),
         "One recommendation links to the same earlier recommendation twice.",
         "Keep one link, with the relation that fits best."),
    Case(G_PLAN, "is not the review's folder name, a slash", _linked([{"recommendation": "R1",
                                                                      "relation": "repeats"}]),
         "A `related` link is not written as an identifier.",
         "Write the review's folder name, a slash and the recommendation's id, e.g. `2021-child-sam/R2`."),
    Case(G_PLAN, "did you mean 'repeats'?", _linked([{"recommendation": "2020-child-z/R1", "relation": "repeat"}]),
         "A `related` link's `relation` is not one of the three.",
         "Use `repeats`, `builds-on` or `replaces`."),
    Case(G_PLAN, "is this recommendation itself", _linked([{"recommendation": "2024-child-a/R1",
                                                             "relation": "repeats"}]),
         "A recommendation's `related` link points at the recommendation itself.",
         "Write the identifier of the earlier recommendation it repeats, builds on or replaces."),
    Case(G_PLAN, "is not a review in reviews/", _linked([{"recommendation": "2020-child-y/R1",
                                                           "relation": "repeats"}]),
         "A `related` link names a review folder that does not exist (the message suggests the nearest ones).",
         "Correct the folder name: it is the review's folder under `reviews/`, as in its web address."),
    Case(G_PLAN, "has no action-plan.md, so it has no recommendation", _linked(
        [{"recommendation": "2020-child-z/R1", "relation": "repeats"}], target_plan=False),
         "A `related` link names a review that has no action plan.",
         "Link to a recommendation in a review that has an `action-plan.md`."),
    Case(G_PLAN, "its recommendations are", _linked([{"recommendation": "2020-child-z/R9",
                                                       "relation": "builds-on"}]),
         "A `related` link names a recommendation id the review's plan does not have (the message lists them).",
         "Use one of the ids the message lists."),
    Case(G_PLAN, "links go round in a circle", {
        "2024-child-a/index.md": _review(),
        "2024-child-a/action-plan.md": action_plan([
            {"id": "R1", "text": "One.", "response": "accepted",
             "related": [{"recommendation": "2020-child-z/R1", "relation": "replaces"}]}]),
        "2020-child-z/index.md": _review(published="2020-01-10"),
        "2020-child-z/action-plan.md": action_plan([
            {"id": "R1", "text": "Earlier.", "response": "accepted",
             "related": [{"recommendation": "2024-child-a/R1", "relation": "replaces"}]}])},
         "Two or more recommendations each replace the next, and the last replaces the first.",
         "A replacement is always the later one: remove the link written on the earlier recommendation."),
    # -- vocabulary ----------------------------------------------------------------------------------------
    Case(G_VOCAB, "ids must be unique within a list", {},
         "An id appears twice in one list of the vocabulary.", "Delete or rename one.",
         vocabulary={**VOCABULARY, "themes": [*VOCABULARY["themes"], {"id": "neglect", "label": "Neglect 2"}]}),
    Case(G_VOCAB, "is not a review family", {},
         "A review type or age band names a `family` that is neither built in nor listed under `review_families`.",
         "Use `children`, `adults` or `domestic-abuse`, or add the family under `review_families`.",
         vocabulary={**JOINT, "review_types": [*JOINT["review_types"], {"id": "x", "label": "X", "family": "other"}]}),
    Case(G_VOCAB, "is listed twice in review_families", {},
         "Two families in `review_families` share an id.", "Delete or rename one.",
         vocabulary={**JOINT, "review_families": [{"id": "other", "label": "A"}, {"id": "other", "label": "B"}]}),
    Case(G_VOCAB, "is listed twice in briefing_formats", {},
         "Two briefing formats share an id.", "Delete or rename one.",
         vocabulary={**JOINT, "briefing_formats": [_SUMMARY_FORMAT, _SUMMARY_FORMAT]}),
    Case(G_VOCAB, "is the free-form format and cannot be given sections", {},
         "A format in `briefing_formats` has the id `note`, which is the free-form format.",
         "Give the format another id.",
         vocabulary={**JOINT, "briefing_formats": [{**_SUMMARY_FORMAT, "id": "note"}]}),
    Case(G_VOCAB, "only one section of a format can be marked", {},
         "Two sections of one format are marked `questions: true`.", "Keep the mark on the questions section only.",
         vocabulary={**JOINT, "briefing_formats": [{**_SUMMARY_FORMAT, "sections": [
             *_SUMMARY_FORMAT["sections"], {"title": "More questions", "questions": True}]}]}),
    Case(G_VOCAB, "a heading can name one section only", {},
         "The same heading is accepted for two sections of one format, so a briefing's heading would be ambiguous.",
         "Take the heading out of one section's `also` list.",
         vocabulary={**JOINT, "briefing_formats": [{**_SUMMARY_FORMAT, "sections": [
             *_SUMMARY_FORMAT["sections"], {"title": "Learning"}]}]}),
    # -- families ------------------------------------------------------------------------------------------
    Case(G_FAMILY, "has approved it; write the date of that approval", {"2026-dhr-ms-r/index.md": _dhr(approved=None)},
         "The review type needs an approval before publication (`requires_approval` in the vocabulary), and the "
         "review has no `approved` date.",
         "Write the date the named body approved publication, e.g. `approved: 2026-01-05`, or keep the review a "
         "draft until it is approved.", vocabulary=JOINT),
    Case(G_FAMILY, "a review is approved before it is published", {
        "2026-dhr-ms-r/index.md": _dhr(approved="2026-02-01")},
         "The approval date is later than the publication date.", "Check both dates against the approval letter.",
         vocabulary=JOINT),
    Case(G_FAMILY, "or explain the early end in early_removal_reason", {
        "2026-dhr-ms-r/index.md": _dhr(available_until="2026-06-30")},
         "`available_until` would take the report down before the minimum time the type must stay available "
         "(12 months unless the vocabulary says otherwise).",
         "Use a later date, or write why it comes down early in `early_removal_reason` (never shown on the site).",
         vocabulary=JOINT),
    Case(G_FAMILY, "is only used with 'available_until'", {
        "2026-dhr-ms-r/index.md": _dhr(early_removal_reason="Family request.")},
         "`early_removal_reason` is written, but there is no `available_until` for it to explain.",
         "Remove it, or add the `available_until` date.", vocabulary=JOINT),
    Case(G_FAMILY, "is an age band for reviews about", {
        "2026-dhr-ms-r/index.md": _dhr(age_band="5-to-11")},
         "The age band belongs to another family of review (an age band's `family` in the vocabulary).",
         "Use one of the age bands the message lists.", vocabulary=JOINT),
    # -- personal data -------------------------------------------------------------------------------------
    *[Case(G_PII, f"looks like {kind}", {"2024-child-a/index.md": _review(body=f"## What happened\n\n{text}\n")},
           f"The text holds what looks like {kind}.",
           "Remove it. If it is meant to be public (the partnership's helpline, say), list it exactly under "
           "`pii_allow:` in that file's front matter.")
      for kind, text in [("an e-mail address", "Mother wrote from jo.bloggs@example.org."),
                         ("a UK telephone number", "Father's mobile was 07700 900123."),
                         ("an NHS number", "The letter quoted 943 476 5919."),
                         ("a National Insurance number", "Her NI number QQ 12 34 56 C was on file."),
                         ("a postcode", "The family lived at M1 1AE."),
                         ("a date of birth", "Child A was born on 12/03/2015.")]],
    Case(G_PII, "(a reader sees", {"2024-child-a/index.md": _review(
        body="## What happened\n\nMother's address was jo.bloggs&#64;example.org.\n")},
         "Personal data written with HTML character references or unusual spaces, which the reader sees decoded.",
         "As above: remove it, or list it exactly as written under `pii_allow`."),
    Case(G_PII, "looks like a UK telephone number", {"2024-child-a/index.md": _review(
        summary="Families can ring 01632 960123 for advice.")},
         "Personal data is checked in the front matter too.", "As above: remove it, or list it under `pii_allow`."),
    # -- placeholders --------------------------------------------------------------------------------------
    Case(G_DRAFT, "still holds the example text from scripts/new-review (", {
        "2024-child-a/index.md": _review(title="REPLACE: the title")},
         "A field still holds the scaffold's example text, and the file would now be public.",
         "Write the real text in its place."),
    Case(G_DRAFT, "or delete the line", {"2024-child-a/index.md": _review(
        body="## What happened\n\nREPLACE: a short account.\n")},
         "The body still holds the scaffold's example text, and the file would now be public.",
         "Write the real text, or delete the line."),
    # -- HTML in the text (casereviews/content/bodyhtml.py) --------------------------------------------------------
    Case(G_HTML, "a page runs no scripts from its content", _html("<script>alert(1)</script>"),
         "The text holds a script (or `<noscript>`, `<template>`).", _REMOVE),
    Case(G_HTML, "nothing is embedded in a page", _html('<iframe src="https://example.org/"></iframe>'),
         "The text embeds a frame, object, video, audio, SVG or MathML.",
         "Link to it instead: `[Title](https://example.org/page)`, or list the file under `documents`."),
    Case(G_HTML, "pages hold no forms, fields or buttons", _html('<form><input name="q"></form>'),
         "The text holds a form, field or button.", _REMOVE),
    Case(G_HTML, "it would change the whole page", _html('<meta http-equiv="refresh" content="0;url=/">'),
         "The text holds `<meta>`, `<base>`, `<link>`, `<style>` or `<title>`, which act on the whole page.",
         _REMOVE),
    Case(G_HTML, "is not one of the HTML tags the text may use", _html("<marquee>News</marquee>"),
         "The text uses an HTML tag that is not on the allowed list.", _REMOVE),
    Case(G_HTML, "event attributes run scripts", _html('<span onclick="alert(1)">Text</span>'),
         "An HTML tag has an `on...` attribute, which runs a script.", "Remove the attribute."),
    Case(G_HTML, "data- attributes are read by", _html('<span data-pagefind-filter="theme">Text</span>'),
         "An HTML tag has a `data-` attribute, which the site's own scripts and search read.",
         "Remove the attribute."),
    Case(G_HTML, "is not allowed: the attributes allowed on", _html('<a href="/" target="_blank">Home</a>'),
         "An HTML tag has an attribute that is not on the allowed list for it.",
         "Remove the attribute; the message lists those that are allowed."),
    Case(G_HTML, "a style may not load anything", _html('<p style="background: url(https://example.org/a.png)">'
                                                        "Text</p>"),
         "A `style` attribute loads an image or font, which would be fetched from another site.",
         "Remove the style."),
    Case(G_HTML, "which the text may not set", _html('<p style="position: fixed">Text</p>'),
         "A `style` attribute sets a property other than the few text properties allowed.",
         "Remove the style, or keep only the properties the message lists."),
    Case(G_HTML, "only plain values are allowed", _html('<p style="color: expression(alert(1))">Text</p>'),
         "A `style` attribute gives a property a value with a function or an escape.",
         "Write a plain value, e.g. `color: #0b0c0c`."),
    Case(G_HTML, "is reserved for the site's own page parts", _html("## Heading {#__drawer}"),
         "An `id` (often set with `{#id}` after a heading) is one the site itself uses.", "Choose another id."),
    Case(G_HTML, "links go to web pages", _html("[Open](javascript:alert(1))"),
         "A link is to a `javascript:`, `data:` or other address that is not a web page, e-mail or phone number.",
         "Link to an `https://` address, a `mailto:` or `tel:`, or a page or file of this site."),
    Case(G_HTML, "is not a file of this site", _html("![Chart](https://example.org/chart.png)"),
         "An image is on another site: showing it would tell that site who reads the page.",
         "Put the image in the review's `files/` folder and write `![Chart](files/chart.png)`, or link to it."),
    Case(G_HTML, "an HTML comment", _html("<!-- check the dates with the police -->"),
         "The text holds an HTML comment: it is not shown, but it is published in the page's source.",
         "Delete the comment; keep notes for colleagues outside the content files."),
    Case(G_HTML, "with HTML in the text than are listed here", _html("<b onclick=x>Text</b>\n" * 21),
         "The text has more than twenty HTML problems (a pasted web page, say); the first twenty are listed.",
         "Fix those, then run `scripts/check` again."),
    Case(G_SETTINGS, "must be a set of 'setting: value' lines", {}, "`extra.reviews` is not a list of settings.",
         "Write each setting on its own line under `reviews:`, indented, as `name: value`.", settings="yes"),
    Case(G_SETTINGS, "is not a setting of this site", {}, settings={"stale_after_day": 30},
         means="A name under `extra.reviews` is not one the site knows (often a typing mistake), so it would be "
               "ignored.", fix="Correct the name (the message suggests the nearest one), or delete the line."),
    Case(G_SETTINGS, "must be the partnership's name as text", {}, settings={"partnership": ["A", "B"]},
         means="`partnership` is not text.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be the folder holding the reviews", {}, settings={"content_dir": 2024},
         means="`content_dir` is not a folder name.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be a whole number of days", {}, settings={"stale_after_days": "ninety"},
         means="`stale_after_days` (after how many days with no update an open action counts as stale) is "
               "not a whole number of days.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be a whole number of months", {}, settings={"impact_review_months": 1.5},
         means="`impact_review_months` (how long after completion an action's impact is due to be checked) is not "
               "a whole number of months.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be a folder for the text taken from documents", {}, settings={"document_cache": True},
         means="`document_cache` is neither a folder name nor `off`.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be a number of megabytes above 0", {}, settings={"document_size_limit_mb": "20 MB"},
         means="`document_size_limit_mb` or `search_bundle_mb` is not a number above 0 (write the number alone, "
               "without MB).", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be true or false", {}, settings={"strict_documents": "maybe"},
         means="`strict_documents` is not `true` or `false`.", fix=_SETTING_FIX),
    Case(G_SETTINGS, "must be text saying whom to ask", {}, settings={"accessible_contact": 999},
         means="`accessible_contact` is not text.", fix=_SETTING_FIX),
]

# Messages the code can print that no small project here can trigger; the guide lists them from this table.
NOT_REPRODUCIBLE = [
    (G_FILES, "cannot be read", "reviews/2024-child-a/index.md:1: file: cannot be read (Permission denied)",
     "The file exists but cannot be opened, e.g. its permissions are wrong or another program has locked it.",
     "Close other programs using it; check it is an ordinary file you can open."),
    (G_FM, "is not valid YAML (", "reviews/2024-child-a/index.md:2: front matter: is not valid YAML (...)",
     "The YAML library could not read the front matter for a reason it did not place on a line.",
     "Compare the front matter with a working file; look for unusual characters or tabs."),
    (G_FM, "is not in the expected form", "reviews/2024-child-a/action-plan.md:7: recommendations[0].id: 'R 1' is "
     "not in the expected form", "A value does not have the form its field takes (every field of the current "
     "format has its own wording for this, so this general one should not appear).", "See the field's description."),
    (G_FM, "does not match any allowed form", "reviews/2024-child-a/index.md:9: documents[0]: does not match any "
     "allowed form", "A value fits none of the forms its field allows.", "See the field's description."),
]


def run_case(case: Case, root: Path):
    project = root
    if case.settings is not None:
        root.mkdir(parents=True)
        config = root / "mkdocs.yml"
        config.write_text(yaml.safe_dump({"site_name": "Reviews", "extra": {"reviews": case.settings}},
                                         sort_keys=False), encoding="utf-8")
        try:
            settings_from_config(config)
        except InvalidSettings as err:
            return err.problems
        return []
    reviews = project / "reviews"
    if not case.no_reviews_folder:
        reviews.mkdir(parents=True)
        vocab = case.vocabulary if case.vocabulary is not None else VOCABULARY
        if vocab != "":
            text = vocab if isinstance(vocab, str) else yaml.dump(vocab, Dumper=PlainDumper, sort_keys=False)
            (reviews / "vocabulary.yml").write_text(text, encoding="utf-8")
        write_files(reviews, case.files)
        for link, target in case.links.items():
            (reviews / link).parent.mkdir(parents=True, exist_ok=True)
            (reviews / link).symlink_to(reviews / target)
    settings = Settings(root=project, content_dir=reviews, partnership="Testshire Partnership")
    return load_with_problems(settings)[1]


def examples() -> list[tuple[Case, str]]:
    """Each case with the first message it produces that contains its fragment."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(CASES):
            problems = run_case(case, Path(tmp) / str(i))
            matching = [str(p) for p in sorted(problems) if case.fragment in p.message]
            if not matching:
                raise AssertionError(f"case {case.fragment!r} produced no matching message: {problems}")
            out.append((case, matching[0]))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    rows: dict[str, list[str]] = {}
    for case, message in examples():
        rows.setdefault(case.group, []).append(f"| `{_cell(message)}` | {_cell(case.means)} | {_cell(case.fix)} |")
    for group, _fragment, message, means, fix in NOT_REPRODUCIBLE:
        rows.setdefault(group, []).append(f"| `{_cell(message)}` (*) | {_cell(means)} | {_cell(fix)} |")
    parts = []
    for group, lines in rows.items():
        parts += [f"### {group}", "", "| The message, as printed | What it means | What to do |", "|---|---|---|",
                  *lines, ""]
    return "\n".join(parts).rstrip() + "\n"


def rendered(guide_text: str) -> str:
    head, rest = guide_text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    text = GUIDE.read_text(encoding="utf-8")
    new = rendered(text)
    if "--write" in sys.argv:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"wrote {GUIDE.relative_to(ROOT)}")
    else:
        print(table())
