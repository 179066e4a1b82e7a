"""The rules of the content format, applied to one file at a time, turning checked front matter into the model.

Each ``check_*`` function returns the model object (or None when the file is too broken to use) and the
problems found. The schema runs first; the rules here cover what a schema cannot say. They never raise on an
editor's mistake: every mistake becomes a ``Problem`` naming the file, line and field.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from casereviews.clock import london_time_problem, parse_moment
from casereviews.content import pii
from casereviews.content.bodyhtml import body_html_problems
from casereviews.content.families import (
    families_in,
    family_of,
    review_family_problems,
    vocabulary_families,
    vocabulary_family_problems,
)
from casereviews.content.formats import DEFAULT, check_sections, formats_in, headings, vocabulary_formats
from casereviews.content.model import (
    Action,
    ActionPlan,
    Briefing,
    Document,
    Recommendation,
    Related,
    Review,
    Section,
    Term,
    Update,
    Vocabulary,
)
from casereviews.content.schemas import schema_problems, shown
from casereviews.content.source import Path_, Source, dotted
from casereviews.problems import Problem
from casereviews.statuses import ActionStatus, BriefingStatus, Response, ReviewStatus

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always used with fullmatch: "$" would let a trailing newline in
FIRST_YEAR, LAST_YEAR = 1900, 2999
DOCUMENT_KINDS = {".pdf": "PDF", ".docx": "Word document", ".doc": "Word document", ".odt": "OpenDocument text",
                  ".xlsx": "Excel spreadsheet", ".csv": "CSV", ".pptx": "PowerPoint", ".txt": "Text",
                  ".rtf": "Rich text", ".mp3": "Audio", ".mp4": "Video"}
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LIST_WORDS = {"review_types": "review type", "themes": "theme", "agencies": "agency", "age_bands": "age band"}


# -- vocabulary ---------------------------------------------------------------------------------------------

def check_vocabulary(source: Source) -> tuple[Vocabulary | None, list[Problem]]:
    problems = schema_problems(source, "vocabulary", "the vocabulary")
    lists: dict[str, dict[str, Term]] = {}
    for name in Vocabulary.LISTS:
        terms: dict[str, Term] = {}
        entries = source.data.get(name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                    and isinstance(entry.get("label"), str)):
                continue
            if entry["id"] in terms:
                problems.append(source.problem((name, i, "id"), f"'{entry['id']}' is listed twice in {name}: "
                                               "ids must be unique within a list"))
                continue
            terms[entry["id"]] = _vocabulary_term(entry)
        lists[name] = terms
    families = families_in(vocabulary_families(source, problems))
    problems += vocabulary_family_problems(source, families)
    formats = formats_in(vocabulary_formats(source, problems))
    problems += personal_data_problems(source)  # labels and descriptions are shown on every page that uses them
    if problems:
        return None, problems
    return Vocabulary(**lists, review_families=families, briefing_formats=formats), []


def _vocabulary_term(entry: dict[str, Any]) -> Term:
    months = entry.get("min_available_months")
    return Term(entry["id"], entry["label"], str(entry.get("description") or ""),
                family=entry["family"] if isinstance(entry.get("family"), str) else "",
                requires_approval=_text(entry, "requires_approval"),
                min_available_months=months if isinstance(months, int) and not isinstance(months, bool) else None)


def _term(source: Source, path: Path_, value: Any, vocabulary: Vocabulary, list_name: str,
          problems: list[Problem]) -> Term | None:
    if not isinstance(value, str) or not is_slug(value):
        return None  # the schema has already said what is wrong
    terms = vocabulary.terms(list_name)
    if value in terms:
        return terms[value]
    close = get_close_matches(value, list(terms), n=3, cutoff=0.5)
    guess = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    problems.append(source.problem(path, f"'{value}' is not a known {_LIST_WORDS[list_name]}; {guess}use an id "
                                   f"from {list_name} in reviews/vocabulary.yml, or add it there"))
    return None


def _terms(source: Source, key: str, vocabulary: Vocabulary, list_name: str,
           problems: list[Problem]) -> tuple[Term, ...]:
    values = source.data.get(key)
    if not isinstance(values, list):
        return ()
    out: list[Term] = []
    for i, value in enumerate(values):
        term = _term(source, (key, i), value, vocabulary, list_name, problems)
        if term and term in out:
            problems.append(source.problem((key, i), f"'{term.id}' is listed twice: remove one"))
        elif term:
            out.append(term)
    return tuple(out)


# -- dates --------------------------------------------------------------------------------------------------

def _moment(source: Source, path: Path_, problems: list[Problem]) -> datetime | None:
    value = _get(source.data, path)
    if not isinstance(value, str):
        return None
    try:
        moment = parse_moment(value)
    except ValueError:
        if not _DATE_SHAPE.match(value):
            return None  # the schema has already said which form a date takes
        problems.append(source.problem(path, f"'{value}' is not a real date or time: check the day and month "
                                       "(e.g. 2021-06-30, or 2021-06-30T10:00:00+01:00)"))
        return None
    if not _in_range(source, path, moment.year, value, problems):
        return None
    ambiguous = london_time_problem(value)
    if ambiguous:
        problems.append(source.problem(path, ambiguous))
        return None
    return moment


def _in_range(source: Source, path: Path_, year: int, value: str, problems: list[Problem]) -> bool:
    """Years far from now are typing mistakes, and near the ends of the calendar a time zone moves them past
    what Python can represent, which would stop the build after the check had passed."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return True
    problems.append(source.problem(path, f"'{value}' is out of range: write a date between {FIRST_YEAR} and "
                                   f"{LAST_YEAR}"))
    return False


def _date(source: Source, path: Path_, problems: list[Problem]) -> date | None:
    value = _get(source.data, path)
    if not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
        return day if _in_range(source, path, day.year, value, problems) else None
    except ValueError:
        if not _DATE_SHAPE.match(value):
            return None  # the schema has already said which form a date takes
        problems.append(source.problem(path, f"'{value}' is not a real date: check the day and month "
                                       "(written YYYY-MM-DD, e.g. 2021-06-30)"))
        return None


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


# -- review -------------------------------------------------------------------------------------------------

def check_review(source: Source, slug: str, vocabulary: Vocabulary, default_partnership: str
                 ) -> tuple[Review | None, list[Problem]]:
    problems = schema_problems(source, "review", "a review")
    data = source.data
    review_type = _term(source, ("review_type",), data.get("review_type"), vocabulary, "review_types", problems)
    age_band = _term(source, ("age_band",), data.get("age_band"), vocabulary, "age_bands", problems)
    themes = _terms(source, "themes", vocabulary, "themes", problems)
    agencies = _terms(source, "agencies", vocabulary, "agencies", problems)
    published = _moment(source, ("published",), problems)
    available_until = _date(source, ("available_until",), problems)
    approved = _date(source, ("approved",), problems)
    problems += review_family_problems(source, review_type, age_band, vocabulary.review_families, published,
                                       approved, available_until, vocabulary.age_bands)
    if data.get("withdrawn_reason") and data.get("status") != "withdrawn":
        problems.append(source.problem(("withdrawn_reason",), "is only used when 'status: withdrawn'; remove it "
                                       "or change the status"))
    documents = tuple(_documents(source, problems))
    key_learning = data.get("key_learning")
    problems += personal_data_problems(source)
    problems += body_html_problems(source.rel, source.body, source.body_line)
    if data.get("status") in (ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN):
        problems += placeholder_problems(source)
    if problems:
        return None, problems
    return Review(
        slug=slug,
        status=data["status"],
        title=_text(data, "title"),
        published=published,
        review_type=review_type,
        summary=_text(data, "summary"),
        themes=themes,
        partnership=_text(data, "partnership") or default_partnership,
        pseudonym=_text(data, "pseudonym"),
        age_band=age_band,
        agencies=agencies,
        key_learning=tuple(k.strip() for k in key_learning) if isinstance(key_learning, list) else (),
        documents=documents,
        available_until=available_until,
        withdrawn_reason=_text(data, "withdrawn_reason"),
        family=family_of(review_type, vocabulary.review_families),
        approved=approved,
        body=source.body,
        source=source.rel,
        folder=str(source.path.parent),
    ), []


# Where a review's documents live, and what a document may not be. A document is copied into the site as it is,
# at reviews/<slug>/<file>: a Markdown file there would be rendered by MkDocs as a page (a draft briefing
# published under its real address), an HTML or SVG file would run as a page of this site, and a file at a
# generated page's address would replace that page. So a document is a file under the review's files/ folder,
# never one of these. The Markdown suffixes are MkDocs' own (mkdocs.utils.markdown_extensions; a test keeps them
# in step), since any of them is built as a page.
DOCUMENTS_FOLDER = "files"
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".js", ".mjs")
# The addresses, inside a review's folder in the site, of the pages the site generates there.
GENERATED_IN_REVIEW = ("index.md", "index.html", "briefing", "action-plan")


def document_file_problem(name: str, folder: Path, rel_folder: str) -> str | None:
    """Why ``name`` (a review's ``documents[].file``) cannot be published as a document, or None when it can.

    The one rule for document files: ``scripts/check`` and the build both come here (through ``check_review``),
    and so does anything that later reads document files (text extraction for search).
    """
    example = f"put the file in {rel_folder}/{DOCUMENTS_FOLDER}/ and write e.g. {DOCUMENTS_FOLDER}/report.pdf"
    if name.startswith(("/", "\\")) or "\\" in name or re.match(r"^[A-Za-z]:", name):
        return f"'{name}' is not a path inside the review folder: {example}"
    files_folder = folder / DOCUMENTS_FOLDER
    target = (folder / name).resolve()
    if not target.is_relative_to(folder.resolve()):
        return f"'{name}' is outside the review folder: {example}"
    suffix = target.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return (f"'{name}' is a Markdown file, which the site would publish as a page of its own: a document must be "
                "a file such as a PDF or Word document (a briefing is published by briefing.md and its status)")
    if suffix in ACTIVE_SUFFIXES:
        return (f"'{name}' is a web page or script ({suffix}), which would run as part of this site: publish it as "
                "a PDF instead, or link to it with url: if it lives on another site")
    inside = target.relative_to(folder.resolve()).as_posix()
    if inside.split("/")[0] in GENERATED_IN_REVIEW:
        return (f"'{name}' is at the address of a page the site makes itself (the review, its briefing or its "
                f"action plan), which a document cannot take: {example}")
    if not target.is_relative_to(files_folder.resolve()) or target == files_folder.resolve():
        return f"'{name}' is not in the review's {DOCUMENTS_FOLDER}/ folder: {example}"
    return None


def _documents(source: Source, problems: list[Problem]) -> Iterator[Document]:
    entries = source.data.get("documents")
    folder = source.path.parent.resolve()
    rel_folder = Path(source.rel).parent.as_posix()
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            continue
        if isinstance(entry.get("url"), str) and "file" not in entry:
            yield Document(title=entry["title"].strip(), url=entry["url"])
            continue
        name = entry.get("file")
        if not isinstance(name, str) or "url" in entry:
            continue
        if _through_a_link(folder, name):
            continue  # load reports every symbolic link in the folder
        refused = document_file_problem(name, folder, rel_folder)
        if refused:
            problems.append(source.problem(("documents", i, "file"), refused))
            continue
        target = (folder / name).resolve()
        if not target.is_file():
            files_folder = folder / DOCUMENTS_FOLDER
            present = sorted(p.relative_to(folder).as_posix() for p in files_folder.rglob("*")
                             if p.is_file()) if files_folder.is_dir() else []
            close = get_close_matches(name, present, n=1, cutoff=0.5)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif present:
                hint = f"files in the folder: {', '.join(present)}"
            else:
                hint = f"add the file to the review's {DOCUMENTS_FOLDER}/ folder"
            problems.append(source.problem(("documents", i, "file"), f"'{name}' does not exist in "
                                           f"{rel_folder}/; {hint}"))
            continue
        yield Document(title=entry["title"].strip(), file=posixpath.normpath(name), size=target.stat().st_size,
                       kind=DOCUMENT_KINDS.get(target.suffix.lower(), target.suffix.lstrip(".").upper() or "File"))


def _through_a_link(folder: Path, name: str) -> bool:
    path = folder / name
    while path != folder and path.parent != path:
        if path.is_symlink():
            return True
        path = path.parent
    return False


# -- briefing -----------------------------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def check_briefing(source: Source, vocabulary: Vocabulary | None = None) -> tuple[Briefing | None, list[Problem]]:
    problems = schema_problems(source, "briefing", "a briefing")
    data = source.data
    published = _moment(source, ("published",), problems)
    formats = vocabulary.briefing_formats if vocabulary and vocabulary.briefing_formats else formats_in(())
    fmt_id = data.get("format") or DEFAULT
    fmt = formats.get(fmt_id) if isinstance(fmt_id, str) else None
    if fmt is None and isinstance(fmt_id, str):
        close = get_close_matches(fmt_id, list(formats), n=1, cutoff=0.5)
        guess = f"did you mean '{close[0]}'? " if close else ""
        problems.append(source.problem(("format",), f"'{fmt_id}' is not a briefing format; {guess}use one of: "
                                       f"{', '.join(formats)} (a partnership adds its own under briefing_formats "
                                       "in reviews/vocabulary.yml)"))
    sections: tuple[Section, ...] = ()
    if fmt is not None and not fmt.free_form and data.get("status") != "draft":
        sections, section_problems = check_sections(source, fmt)
        problems += section_problems
    elif fmt is not None and not fmt.free_form:
        sections = check_sections(source, fmt)[0]
    problems += personal_data_problems(source)
    problems += body_html_problems(source.rel, source.body, source.body_line)
    if data.get("status") == BriefingStatus.PUBLISHED:
        problems += placeholder_problems(source)
    if problems:
        return None, problems
    return Briefing(status=data["status"], published=published, format=fmt_id,
                    title=_text(data, "title"), format_label=fmt.label, body=source.body, sections=sections,
                    source=source.rel), []


# -- action plan --------------------------------------------------------------------------------------------

def check_action_plan(source: Source, vocabulary: Vocabulary) -> tuple[ActionPlan | None, list[Problem]]:
    problems = schema_problems(source, "action-plan", "an action plan")
    data = source.data
    seen: dict[str, int] = {}
    recommendations = []

    def unique(path: Path_, value: Any) -> None:
        if not isinstance(value, str):
            return
        if value in seen:
            problems.append(source.problem(path, f"'{value}' is already used on line {seen[value]}: ids must be "
                                           "unique within the plan"))
        else:
            seen[value] = source.line(path)

    recs = data.get("recommendations")
    for r, rec in enumerate(recs if isinstance(recs, list) else []):
        if not isinstance(rec, dict):
            continue
        unique(("recommendations", r, "id"), rec.get("id"))
        if rec.get("response_note") and rec.get("response") != Response.NOT_ACCEPTED:
            pass  # a note on an accepted recommendation is allowed: boards often qualify their acceptance
        actions = []
        acts = rec.get("actions")
        for a, act in enumerate(acts if isinstance(acts, list) else []):
            if not isinstance(act, dict):
                continue
            base: Path_ = ("recommendations", r, "actions", a)
            unique((*base, "id"), act.get("id"))
            lead = _term(source, (*base, "lead"), act.get("lead"), vocabulary, "agencies", problems)
            due = _date(source, (*base, "due"), problems)
            updates = []
            raw_updates = act.get("updates")
            for u, upd in enumerate(raw_updates if isinstance(raw_updates, list) else []):
                if not isinstance(upd, dict):
                    continue
                when = _date(source, (*base, "updates", u, "date"), problems)
                if when and updates and when < updates[-1].date:
                    problems.append(source.problem((*base, "updates", u, "date"), f"{when} is earlier than the "
                                                   f"update above it ({updates[-1].date}): updates are listed "
                                                   "oldest first, so add new ones at the end"))
                if upd.get("status") == ActionStatus.ASSURED and not _text(upd, "evidence"):
                    problems.append(source.problem((*base, "updates", u, "evidence"), "is missing: an 'assured' "
                                                   "update must say what shows the action made a difference, e.g. "
                                                   "'evidence: Audit of 30 case files, March 2025'"))
                if when and isinstance(upd.get("status"), str) and isinstance(upd.get("note"), str):
                    updates.append(Update(when, upd["status"], upd["note"].strip(),
                                          _text(upd, "by"), _text(upd, "evidence")))
            if lead and due and isinstance(act.get("id"), str) and isinstance(act.get("text"), str):
                actions.append(Action(act["id"], act["text"].strip(), lead, due, tuple(updates)))
        themes = _recommendation_themes(source, r, rec.get("themes"), vocabulary, problems)
        related = _related(source, r, rec.get("related"), problems)
        if isinstance(rec.get("id"), str) and isinstance(rec.get("text"), str):
            response = rec.get("response") or None
            recommendations.append(Recommendation(rec["id"], rec["text"].strip(), response,
                                                  _text(rec, "response_note"), tuple(actions), themes, related))
    problems += personal_data_problems(source)
    problems += body_html_problems(source.rel, source.body, source.body_line)
    if problems:
        return None, problems
    reports_to = data.get("reports_to") or []
    return ActionPlan(monitored_by=_text(data, "monitored_by"), reports_to=tuple(str(x) for x in reports_to),
                      recommendations=tuple(recommendations), body=source.body, source=source.rel), []


def _recommendation_themes(source: Source, r: int, values: Any, vocabulary: Vocabulary,
                           problems: list[Problem]) -> tuple[Term, ...]:
    """A recommendation's own ``themes``: vocabulary ids, each once."""
    out: list[Term] = []
    for i, value in enumerate(values if isinstance(values, list) else []):
        path = ("recommendations", r, "themes", i)
        term = _term(source, path, value, vocabulary, "themes", problems)
        if term and term in out:
            problems.append(source.problem(path, f"'{term.id}' is listed twice: remove one"))
        elif term:
            out.append(term)
    return tuple(out)


def _related(source: Source, r: int, values: Any, problems: list[Problem]) -> tuple[Related, ...]:
    """A recommendation's ``related`` links as written. Whether each target exists is checked once every review
    has been read (casereviews/content/relations.py); here only that the same link is not written twice."""
    out: list[Related] = []
    for i, entry in enumerate(values if isinstance(values, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("recommendation"), str)
                and isinstance(entry.get("relation"), str)):
            continue  # the schema has already said what is wrong
        path = ("recommendations", r, "related", i, "recommendation")
        target = entry["recommendation"]
        if any(link.recommendation == target for link in out):
            problems.append(source.problem(path, f"'{target}' is listed twice in this recommendation's related "
                                           "links: keep one, with the relation that fits best"))
            continue
        out.append(Related(target, entry["relation"], source.line(path)))
    return tuple(out)


# -- personal data ------------------------------------------------------------------------------------------

def personal_data_problems(source: Source) -> list[Problem]:
    """Scan every text value of the front matter and the body; ``pii_allow`` lists exact strings to let through."""
    allow = source.data.get("pii_allow")
    allow = [a for a in allow if isinstance(a, str)] if isinstance(allow, list) else []
    problems = []
    for path, text in source.texts():
        if path[0] == "pii_allow":
            continue
        for found in pii.scan(text, allow):
            problems.append(source.problem(path, _pii_message(found)))
    for found in pii.scan(source.body, allow):
        problems.append(Problem(source.rel, source.body_line + found.line - 1, "body", _pii_message(found)))
    return problems


# -- placeholders left by scripts/new-review -------------------------------------------------------------

PLACEHOLDER = "REPLACE:"  # starts every piece of example text the scaffold writes
_PLACEHOLDER_RE = re.compile(r"\bREPLACE:")


def placeholder_problems(source: Source) -> list[Problem]:
    """Text still holding the scaffold's ``REPLACE:`` examples, checked once the file would be public, so a
    review switched to published before it is filled in fails instead of publishing the instructions."""
    problems = []
    for path, text in source.texts():
        if PLACEHOLDER in text and _PLACEHOLDER_RE.search(text):  # the substring test first: far quicker
            problems.append(source.problem(path, f"still holds the example text from scripts/new-review "
                                           f"({_excerpt(text)}): write the real text in its place"))
    if PLACEHOLDER not in source.body:  # the pattern needs it, so no line can match: skip the line-by-line pass
        return problems
    fenced = False
    for number, line in enumerate(source.body.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _PLACEHOLDER_RE.search(line):
            problems.append(Problem(source.rel, source.body_line + number - 1, "body", f"still holds the example "
                                    f"text from scripts/new-review ({_excerpt(line)}): write the real text in its "
                                    "place, or delete the line"))
    return problems


def _excerpt(text: str) -> str:
    text = " ".join(text[text.index(PLACEHOLDER):].split())
    return f"'{text[:60]}...'" if len(text) > 60 else f"'{text}'"


def _pii_message(found: pii.Finding) -> str:
    return (f"{_pii_what(found)}: remove it, or if it is meant to be public (the partnership's helpline, say) list "
            "it exactly under pii_allow")


def _pii_what(found: pii.Finding) -> str:
    article = "an" if found.kind.startswith(("e", "NHS", "u")) else "a"
    read_as = f" (a reader sees '{found.read_as}')" if found.read_as and found.read_as != found.text else ""
    return f"'{shown(found.text)}'{read_as} looks like {article} {found.kind}"


def slug_problems(rel: str, slug: str) -> list[Problem]:
    """Personal data in a folder name, which is the review's web address: read with its hyphens as spaces, since
    "child-07700-900126" shows a telephone number to anyone who reads the address."""
    return [Problem(rel, 1, "slug", f"{_pii_what(found)} in the folder name, which is the review's web address: "
                    "rename the folder") for found in pii.scan(slug.replace("-", " "))]


def is_slug(name: str) -> bool:
    return SLUG.fullmatch(name) is not None


__all__ = ["check_vocabulary", "check_review", "check_briefing", "check_action_plan", "check_sections",
           "personal_data_problems", "placeholder_problems", "PLACEHOLDER", "is_slug", "slug_problems", "dotted",
           "headings"]
