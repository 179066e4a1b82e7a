"""``scripts/import``: a partnership's spreadsheet of published reviews turned into draft review folders.

A partnership's current site is usually a page of PDF links, and its list of reviews a spreadsheet. This reads
that spreadsheet as spreadsheets really save it (a byte-order mark, Windows line endings, ``;`` between values
where the computer's language uses a decimal comma, Windows-1252 from older Excel, dates typed every way) and
writes one ``reviews/<slug>/index.md`` per row, with the review's file copied into ``files/``.

What it never does: publish (every review is ``status: draft``), overwrite (a folder that exists is skipped), or
leave a row unaccounted for. Each row is reported as created or with its row number (as the spreadsheet numbers
it, the header being row 1) and what needs attention. Each draft is checked with the build's own rules before it
is written, so what the import writes passes ``scripts/check``.

Exit codes: 0 every row created cleanly, 1 some row needs attention, 2 the command could not run.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import get_close_matches
from pathlib import Path

import yaml

from casereviews.content.check import check_review, check_vocabulary
from casereviews.content.families import DEFAULT_FAMILY
from casereviews.content.limits import PlainDumper
from casereviews.content.model import Term, Vocabulary
from casereviews.content.source import read_source
from casereviews.problems import ReviewsError
from casereviews.settings import Settings

OK, ATTENTION, USAGE = 0, 1, 2
COLUMNS = ("title", "published", "review_type", "pseudonym", "themes", "agencies", "age_band", "summary", "file",
           "url")
# Other headers spreadsheets use for the same columns (compared after ``_header_key``).
ALIASES = {"type": "review_type", "type_of_review": "review_type", "date": "published",
           "date_published": "published", "publication_date": "published", "theme": "themes", "agency": "agencies",
           "age": "age_band", "file_name": "file", "filename": "file", "link": "url", "web_address": "url"}
SUMMARY_LIMIT = 600  # the schema's maxLength for a summary
SLUG_LIMIT = 60
DOCUMENT_TITLE = "The review report"
MONTHS = {name.lower(): number for number in range(1, 13)
          for name in (calendar.month_name[number], calendar.month_abbr[number])}
MONTHS["sept"] = 9


class CatalogueError(ReviewsError):
    """The import cannot run at all (no catalogue, no title column, a broken vocabulary): exit 2."""


# -- the report ---------------------------------------------------------------------------------------------

@dataclass
class RowReport:
    row: int  # as the spreadsheet numbers it: the header is row 1
    title: str = ""
    outcome: str = ""  # CREATED, SKIPPED or NOT_CREATED
    folder: str = ""  # e.g. reviews/2021-lcspr-child-a/
    documents: int = 0
    attention: list[str] = field(default_factory=list)  # what the editor must look at
    info: list[str] = field(default_factory=list)  # what was done for them, for the record

    @property
    def clean(self) -> bool:
        return self.outcome == CREATED and not self.attention


CREATED, SKIPPED, NOT_CREATED = "created", "skipped", "not created"


@dataclass
class ImportReport:
    catalogue: str
    dry_run: bool = False
    reading: list[str] = field(default_factory=list)  # how the file was read
    columns: list[str] = field(default_factory=list)  # the columns used, as found
    ignored: list[str] = field(default_factory=list)  # about columns that were not used
    rows: list[RowReport] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return OK if all(r.clean for r in self.rows) else ATTENTION

    def lines(self) -> list[str]:
        would = "would be " if self.dry_run else ""
        out = [f"Reading {self.catalogue}: {', '.join(self.reading)}; {len(self.rows)} "
               f"row{'s' if len(self.rows) != 1 else ''} of reviews.",
               f"Columns used: {', '.join(self.columns)}."]
        out += self.ignored
        out.append("")
        for r in self.rows:
            docs = f" ({r.documents} document{'s' if r.documents != 1 else ''})" if r.documents else ""
            if r.outcome == CREATED:
                verb = "would create" if self.dry_run else "created"
                head = f"row {r.row}: {verb} {r.folder}{docs}"
            elif r.outcome == SKIPPED:
                head = f"row {r.row}: skipped"
            else:
                head = f"row {r.row}: not created"
            out.append(head + (": needs attention" if r.attention else ""))
            out += [f"    - {a}" for a in r.attention]
            out += [f"    (note: {i})" for i in r.info]
        counts = {key: sum(1 for r in self.rows if r.outcome == key) for key in (CREATED, SKIPPED, NOT_CREATED)}
        clean = sum(1 for r in self.rows if r.clean)
        out += ["", f"{len(self.rows)} rows: {counts[CREATED]} {would}created ({clean} cleanly, "
                f"{counts[CREATED] - clean} needing attention), {counts[SKIPPED]} skipped, {counts[NOT_CREATED]} not "
                "created."]
        if self.dry_run:
            out.append("Dry run: nothing was written. Run again without --dry-run to create the drafts.")
        else:
            out.append("Every review is a draft (status: draft): nothing is published. Check each one, fill in what "
                       "is missing, then run scripts/check.")
        return out


# -- reading the catalogue ----------------------------------------------------------------------------------

def _header_key(text: str) -> str:
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold().lstrip("\ufeff")).strip("_")
    return ALIASES.get(key, key)


def read_catalogue(path: Path) -> tuple[list[str], list[list[str]], list[str]]:
    """(header, rows, notes on how it was read). Raises ``CatalogueError`` when it cannot be read as a table."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CatalogueError(f"{path}: cannot be read ({err.strerror})") from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip (.xlsx, .ods) or an old .xls
        raise CatalogueError(f"{path}: is a spreadsheet workbook, not a CSV file: open it and save it as "
                             "'CSV UTF-8 (Comma delimited)', then import that file")
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        notes.append("UTF-8 with a byte-order mark")
    try:
        text = raw.decode("utf-8-sig")
        if not notes:
            notes.append("UTF-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append("not UTF-8, so read as Windows-1252 (what older Excel saves as CSV)")
    if "\r\n" in text:
        notes.append("Windows line endings")
    if not text.strip():
        raise CatalogueError(f"{path}: is empty: it needs a header row naming the columns (title, published, ...)")
    delimiter = _delimiter(text)
    notes.append({",": "values separated by ','", ";": "values separated by ';'",
                  "\t": "values separated by tabs"}[delimiter])
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, rows = table[0], table[1:]
    return header, rows, notes


def _delimiter(text: str) -> str:
    """The separator: the one under which the header names the most known columns; the csv module's sniffer
    settles a tie (a header of one column, say)."""
    first = text.lstrip("\ufeff").splitlines()[0]
    known = set(COLUMNS)
    scores = {d: sum(_header_key(h) in known for h in next(csv.reader([first], delimiter=d), []))
              for d in (",", ";", "\t")}
    best = max(scores.values())
    candidates = [d for d, score in scores.items() if score == best]
    if len(candidates) == 1:
        return candidates[0]
    try:
        sniffed = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","
    return sniffed if sniffed in candidates else candidates[0]


# -- values -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogueDate:
    value: date | None
    attention: str = ""  # approximate, or a spreadsheet date number, or not a date at all


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?[\s\-]+)?([a-z]+)\.?,?[\s\-]+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")


def parse_catalogue_date(text: str) -> CatalogueDate:
    """A date as people type them in British spreadsheets: 2021-03-12, 12/03/2021 (day first), 12 March 2021;
    March 2021 and 2021 alone are taken as the first of the month or year and reported as approximate."""
    value = " ".join(text.strip().split()).casefold()
    original = text.strip()
    try:
        if m := _ISO.match(value):
            return CatalogueDate(date(int(m[1]), int(m[2]), int(m[3])))
        if m := _NUMERIC.match(value):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            if month > 12 >= day:
                return CatalogueDate(None, f"published: '{original}' is not a date in UK order (day/month/year): "
                                           "the draft is written without it; write the date as YYYY-MM-DD")
            return CatalogueDate(date(year, month, day))
        if (m := _WORDS.match(value)) and m[2] in MONTHS:
            if m[1]:
                return CatalogueDate(date(int(m[3]), MONTHS[m[2]], int(m[1])))
            day = date(int(m[3]), MONTHS[m[2]], 1)
            return CatalogueDate(day, f"published: '{original}' has no day: taken as {day.isoformat()} "
                                      "(approximate: check the report for the exact date)")
        if m := _YEAR.match(value):
            day = date(int(m[1]), 1, 1)
            return CatalogueDate(day, f"published: '{original}' is a year only: taken as {day.isoformat()} "
                                      "(approximate: check the report for the exact date)")
        if (m := _SERIAL.match(value)) and 30000 <= int(m[1]) <= 60000:
            day = date(1899, 12, 30) + timedelta(days=int(m[1]))  # how Excel counts days
            return CatalogueDate(day, f"published: '{original}' is a spreadsheet date number: read as "
                                      f"{day.isoformat()}; check it")
    except ValueError:
        return CatalogueDate(None, f"published: '{original}' is not a real date (check the day and month): the "
                                   "draft is written without it")
    return CatalogueDate(None, f"published: '{original}' is not a date the import can read: the draft is written "
                               "without it; write it as 2021-03-12, 12/03/2021 or 12 March 2021")


def _value_key(text: str) -> str:
    text = text.replace("’", "'").replace("_", " ").replace("-", " ")
    return " ".join(text.split()).casefold()


def _initials(term_id: str) -> str:
    words = term_id.split("-")
    return "".join(w[0] for w in words if w) if len(words) > 1 else term_id


class Matcher:
    """Finds a vocabulary term from what a spreadsheet cell holds: its id, its label, or (for review types) the
    initials people write for it (SCR, LCSPR, SAR, DHR)."""

    def __init__(self, terms: dict[str, Term], initials: bool = False):
        self.terms = terms
        self.by_key: dict[str, Term] = {}
        for term in terms.values():
            self.by_key.setdefault(_value_key(term.id), term)
            self.by_key.setdefault(_value_key(term.label), term)
        if initials:
            counts: dict[str, int] = {}
            for term in terms.values():
                counts[_initials(term.id)] = counts.get(_initials(term.id), 0) + 1
            for term in terms.values():
                if counts[_initials(term.id)] == 1:
                    self.by_key.setdefault(_initials(term.id), term)

    def find(self, text: str) -> Term | None:
        return self.by_key.get(_value_key(text))

    def nearest(self, text: str) -> list[str]:
        close = get_close_matches(_value_key(text), list(self.by_key), n=6, cutoff=0.6)
        return list(dict.fromkeys(self.by_key[c].id for c in close))[:3]


def split_list(text: str) -> list[str]:
    """Ids or labels separated by ';' or ',' (';' when the cell has one, so a label may hold a comma)."""
    text = text.replace("\r", "\n").replace("\n", ";")
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def slug_words(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Zoë O'Brien' -> 'zoe-obrien'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’`]", "", text.casefold())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def make_slug(year: int | None, review_type: Term | None, pseudonym: str, title: str) -> str:
    """Year, the review type's initials and the pseudonym (or the title's name part), at most 60 characters cut
    at a hyphen: e.g. 2021-lcspr-child-ava."""
    name = slug_words(pseudonym) or slug_words(_name_part(title, review_type)) or "review"
    parts = [str(year)] if year else []
    if review_type:
        parts.append(_initials(review_type.id))
    slug = "-".join([*parts, name])
    if len(slug) > SLUG_LIMIT:
        slug = slug[:SLUG_LIMIT].rsplit("-", 1)[0]
    return slug


def _name_part(title: str, review_type: Term | None) -> str:
    """"Child Ava: Serious case review" -> "Child Ava"; "Thematic review: children who go missing" -> "children who
    go missing" (the part that is not the type's name)."""
    before, colon, after = title.partition(":")
    generic = {_value_key(review_type.label), _value_key(review_type.id)} if review_type else set()
    generic.add("thematic review")
    if colon and after.strip() and _value_key(before) in generic:
        return after
    return before if colon and before.strip() else title


def _file_name(name: str) -> str:
    path = Path(name)
    return f"{slug_words(path.stem) or 'report'}{path.suffix.lower()}"


# -- one row ------------------------------------------------------------------------------------------------

@dataclass
class Draft:
    """What one row becomes: the front matter, the body, and the files to copy in."""

    slug: str
    meta: dict
    body: str
    comments: list[str]
    copies: list[tuple[Path, str]]  # (file on disk, name under files/)


class Importer:
    def __init__(self, settings: Settings, files_dir: Path, catalogue_name: str):
        self.settings = settings
        self.files_dir = files_dir.resolve()
        self.files_label = files_dir.as_posix()  # as the editor wrote it
        self.catalogue_name = catalogue_name
        self.vocabulary = load_vocabulary(settings)
        v = self.vocabulary
        self.types = Matcher(v.review_types, initials=True)
        self.themes = Matcher(v.themes)
        self.agencies = Matcher(v.agencies)
        self.age_bands = Matcher(v.age_bands)
        self.titles: dict[str, int] = {}  # normalised title -> the row it was first seen on
        self.slugs: set[str] = set()  # slugs given out in this run
        self.existing = {p.name for p in settings.content_dir.iterdir()} if settings.content_dir.is_dir() else set()
        content = settings.content_dir
        self.content_label = content.relative_to(settings.root).as_posix() if content.is_relative_to(
            settings.root) else content.as_posix()  # reviews, unless mkdocs.yml says otherwise
        self._present: list[str] | None = None

    def row(self, number: int, cells: dict[str, str], report: RowReport) -> Draft | None:
        attention, info = report.attention, report.info
        title = " ".join(cells.get("title", "").split())
        report.title = title
        if not title:
            attention.append("title: is empty: every review needs one; fill it in and run the import again")
            report.outcome = NOT_CREATED
            return None
        key = title.casefold()
        if key in self.titles:
            attention.append(f"title: '{title}' is also the title of row {self.titles[key]}: check the review is "
                             "not listed twice (both are imported; delete the folder you do not want)")
        else:
            self.titles[key] = number

        meta: dict = {"title": title, "status": "draft"}
        comments: list[str] = []
        published = None
        if cells.get("published", "").strip():
            parsed = parse_catalogue_date(cells["published"])
            published = parsed.value
            if parsed.attention:
                attention.append(parsed.attention)
                comments.append(parsed.attention)
            if published:
                meta["published"] = published.isoformat()
        review_type = self._one(cells, "review_type", self.types, "review type", attention)
        if review_type:
            meta["review_type"] = review_type.id
        if summary := " ".join(cells.get("summary", "").split()):
            if len(summary) > SUMMARY_LIMIT:
                attention.append(f"summary: is {len(summary)} characters long (at most {SUMMARY_LIMIT}): it is put "
                                 "at the top of the page text instead; write a shorter summary")
            else:
                meta["summary"] = summary
        themes = self._many(cells, "themes", self.themes, "theme", attention)
        if themes:
            meta["themes"] = themes
        if pseudonym := " ".join(cells.get("pseudonym", "").split()):
            meta["pseudonym"] = pseudonym
        age_band = self._one(cells, "age_band", self.age_bands, "age band", attention)
        family = self.vocabulary.review_families.get((review_type.family or DEFAULT_FAMILY) if review_type else "")
        if age_band and family and age_band.family not in ("", family.id):
            attention.append(f"age_band: '{cells['age_band'].strip()}' is an age band for reviews about "
                             f"{self._subjects(age_band.family)}, and a {review_type.label.lower()} is about "
                             f"{family.subjects}: the draft is written without it")
            age_band = None
        if age_band:
            meta["age_band"] = age_band.id
        agencies = self._many(cells, "agencies", self.agencies, "agency", attention)
        if agencies:
            meta["agencies"] = agencies

        documents, copies = [], []
        if name := cells.get("file", "").strip():
            found = self._find_file(name, attention, info)
            if found:
                target = _file_name(found.name)
                copies.append((found, target))
                documents.append({"title": DOCUMENT_TITLE, "file": f"files/{target}"})
        if url := cells.get("url", "").strip():
            if re.match(r"^https?://\S+$", url):
                documents.append({"title": DOCUMENT_TITLE if not documents else "The report online", "url": url})
            else:
                attention.append(f"url: '{url}' is not a web address (it must start with https://): the draft is "
                                 "written without it")
        if documents:
            meta["documents"] = documents
        report.documents = len(documents)

        slug = make_slug(published.year if published else None, review_type, pseudonym, title)
        if slug in self.existing:
            attention.append(f"{self.content_label}/{slug}/ already exists, so nothing was written for this row "
                             "(the import never overwrites); if this row is a different review, import it with "
                             "another pseudonym or title")
            report.outcome = SKIPPED
            report.folder = f"{self.content_label}/{slug}/"
            return None
        base, n = slug, 2
        while slug in self.slugs or slug in self.existing:
            slug, n = f"{base[:SLUG_LIMIT - 3]}-{n}", n + 1
        if slug != base:
            attention.append(f"the folder name {base} is taken by an earlier row, so this review is {slug}: "
                             "rename the folder if you want another name")
        self.slugs.add(slug)
        report.folder = f"{self.content_label}/{slug}/"

        body = ["REPLACE: the review's page: what happened, what the review found, and the partners' response.", ""]
        if summary and "summary" not in meta:
            body += [summary, ""]
        return Draft(slug, meta, "\n".join(body), comments, copies)

    def _subjects(self, family_id: str) -> str:
        family = self.vocabulary.review_families.get(family_id)
        return family.subjects if family else family_id

    def _one(self, cells: dict[str, str], column: str, matcher: Matcher, what: str,
             attention: list[str]) -> Term | None:
        text = " ".join(cells.get(column, "").split())
        if not text:
            return None
        term = matcher.find(text)
        if term is None:
            attention.append(_unknown(column, text, what, matcher))
        return term

    def _many(self, cells: dict[str, str], column: str, matcher: Matcher, what: str,
              attention: list[str]) -> list[str]:
        out: list[str] = []
        for text in split_list(cells.get(column, "")):
            term = matcher.find(text)
            if term is None:
                attention.append(_unknown(column, text, what, matcher))
            elif term.id not in out:
                out.append(term.id)
        return out

    def _find_file(self, name: str, attention: list[str], info: list[str]) -> Path | None:
        relative = name.replace("\\", "/")
        target = (self.files_dir / relative).resolve()
        if not target.is_relative_to(self.files_dir):
            attention.append(f"file: '{name}' is outside the --files folder ({self.files_label}): the draft is written "
                             "without it; copy the file into that folder")
            return None
        if target.is_file():
            return target
        present = self.present()
        same = [p for p in present if p.casefold() == relative.casefold()]
        if len(same) == 1:
            info.append(f"file '{name}' was found as '{same[0]}' (the capitals differ)")
            return self.files_dir / same[0]
        close = get_close_matches(relative, present, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        attention.append(f"file: '{name}' is not in {self.files_label}: {hint}the draft is written without it; add "
                         "the file to the review's files/ folder and list it under documents")
        return None

    def present(self) -> list[str]:
        if self._present is None:
            self._present = sorted(p.relative_to(self.files_dir).as_posix() for p in self.files_dir.rglob("*")
                                   if p.is_file()) if self.files_dir.is_dir() else []
        return self._present


def _unknown(column: str, text: str, what: str, matcher: Matcher) -> str:
    nearest = matcher.nearest(text)
    hint = f"nearest: {', '.join(nearest)}; " if nearest else ""
    return (f"{column}: '{text}' is not a known {what} (neither an id nor a label in reviews/vocabulary.yml); "
            f"{hint}the draft is written without it")


def load_vocabulary(settings: Settings) -> Vocabulary:
    path = settings.content_dir / "vocabulary.yml"
    if not path.is_file():
        raise CatalogueError(f"{path}: is missing: the import needs the vocabulary to match types, themes and agencies")
    source, problems = read_source(path, settings.root, front_matter=False)
    vocabulary = None
    if source:
        vocabulary, more = check_vocabulary(source)
        problems += more
    if vocabulary is None:
        raise CatalogueError("the vocabulary has problems; run scripts/check and fix them first:\n" +
                           "\n".join(f"  {p}" for p in problems))
    return vocabulary


# -- the whole import ---------------------------------------------------------------------------------------

def run_import(settings: Settings, catalogue: Path, files_dir: Path | None = None,
               dry_run: bool = False) -> ImportReport:
    """Import every row of ``catalogue``; write nothing when ``dry_run``. Raises ``CatalogueError`` (exit 2)."""
    files_dir = files_dir or catalogue.parent
    if not files_dir.is_dir():
        raise CatalogueError(f"--files {files_dir}: is not a folder: name the folder that holds the reports")
    header, rows, reading = read_catalogue(catalogue)
    shown = catalogue.as_posix()
    report = ImportReport(shown, dry_run=dry_run, reading=reading)
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        if not name.strip():
            continue
        if key in COLUMNS and key not in columns:
            columns[key] = index
            plain = re.sub(r"[\s\-]+", "_", name.strip().casefold()).strip("_")
            report.columns.append(key if plain == key else f"{key} (from '{name.strip()}')")
        elif key in COLUMNS:
            report.ignored.append(f"Column '{name.strip()}' (column {index + 1}) repeats the {key} column: ignored; "
                                  "the first one is used.")
        else:
            close = get_close_matches(key, COLUMNS, n=1, cutoff=0.6)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            report.ignored.append(f"Column '{name.strip()}' (column {index + 1}) is not one the import reads{guess}: "
                                  f"ignored. The columns it reads are: {', '.join(COLUMNS)}.")
    if "title" not in columns:
        raise CatalogueError(f"{shown}: has no 'title' column: the first row must name the columns, e.g. "
                           f"{', '.join(COLUMNS)}")
    importer = Importer(settings, files_dir, shown)
    content_dir = settings.content_dir
    with tempfile.TemporaryDirectory(prefix=".import-", dir=content_dir.parent) as tmp:
        staging = Path(tmp) / content_dir.name
        staging.mkdir()
        for offset, cells in enumerate(rows):
            number = offset + 2
            if not any(c.strip() for c in cells):
                continue  # a blank line between blocks of rows
            values = {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}
            row_report = RowReport(number)
            report.rows.append(row_report)
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                row_report.attention.append(f"has {len(cells) - len(header)} more value(s) than the header has "
                                            "columns (often a ',' inside a value that is not in quotes): they were "
                                            "ignored")
            draft = importer.row(number, values, row_report)
            if draft is None:
                continue
            folder = _stage(draft, staging, catalogue.name, number)
            problems = _checked(folder, settings, staging, importer.vocabulary)
            if problems:
                row_report.outcome = NOT_CREATED
                row_report.attention += [f"the draft would not pass scripts/check, so it was not written: {p}"
                                         for p in problems]
                importer.slugs.discard(draft.slug)
                continue
            row_report.outcome = CREATED
            if not dry_run:
                content_dir.mkdir(parents=True, exist_ok=True)
                shutil.move(str(folder), str(content_dir / draft.slug))
    return report


def _stage(draft: Draft, staging: Path, catalogue: str, row: int) -> Path:
    folder = staging / draft.slug
    (folder / "files").mkdir(parents=True)
    for path, name in draft.copies:
        shutil.copyfile(path, folder / "files" / name)
    head = [f"# Imported by scripts/import from {catalogue}, row {row}. A draft: check every field, fill in what "
            "is missing,", "# write the page text below, then set status: published when the review is ready.",
            *(f"# {c}" for c in draft.comments)]
    front = yaml.dump(draft.meta, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=10_000)
    (folder / "index.md").write_text("---\n" + "\n".join(head) + "\n" + front + "---\n\n" + draft.body,
                                     encoding="utf-8")
    return folder


def _checked(folder: Path, settings: Settings, staging: Path, vocabulary: Vocabulary) -> list[str]:
    """The build's own check of the staged draft, with problems named as they will be once it is in place."""
    source, problems = read_source(folder / "index.md", staging.parent)
    if source is not None:
        problems += check_review(source, folder.name, vocabulary, settings.partnership)[1]
    rel = settings.content_dir.relative_to(settings.root).as_posix() if settings.content_dir.is_relative_to(
        settings.root) else settings.content_dir.as_posix()
    return [str(p).replace(f"{staging.name}/", f"{rel}/", 1) for p in sorted(problems)]

