"""Briefing formats: the built-in seven-minute format, the formats a partnership defines in its vocabulary, and the
check that a briefing follows its format.

Partnerships have written seven-minute briefings for years under their own headings ("Information", "What we
learned", "Reflective questions"), so a format's section accepts several wordings. A heading is compared with them
after ``heading_key`` has dropped what varies without meaning anything: case, the editor's numbering ("3.", "3)"),
a closing "?" or ":", curly apostrophes and extra spaces. The page shows the heading as the editor wrote it.

One mistake gives one message: a misspelt heading is reported as misspelt (naming the nearest section titles),
not also as a missing section plus an extra one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property

from markdown.extensions.toc import slugify

from casereviews.content.model import Section
from casereviews.content.source import Source
from casereviews.problems import Problem

NOTE = "note"  # the free-form format: any headings, no sections checked
DEFAULT = "seven-minute"  # a briefing without ``format``


@dataclass(frozen=True)
class FormatSection:
    """One section of a format: the title a page shows by default, and the other headings accepted for it."""

    title: str
    also: tuple[str, ...] = ()
    questions: bool = False  # the questions for practitioners: set apart on the page

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(heading_key(h) for h in (self.title, *self.also)))


@dataclass(frozen=True)
class BriefingFormat:
    id: str
    label: str
    sections: tuple[FormatSection, ...] = ()  # empty: free-form (a note)

    @property
    def free_form(self) -> bool:
        return not self.sections

    @cached_property
    def owner(self) -> dict[str, int]:
        """Each accepted heading (as ``heading_key`` gives it) -> the index of its section; worked out once per
        format rather than for every briefing."""
        return {key: i for i, s in enumerate(self.sections) for key in s.keys}


SEVEN_MINUTE = BriefingFormat("seven-minute", "Seven-minute briefing", (
    FormatSection("Background", ("The background", "Context", "Summary of the case", "The case")),
    FormatSection("Why it matters", ("Why does it matter", "Why this matters", "Why is it important",
                                     "Why it is important")),
    FormatSection("The information", ("Information", "Key information", "What happened", "The facts")),
    FormatSection("What was learned", ("What we learned", "What we learnt", "What was learnt", "Learning",
                                       "Key learning", "The learning", "What did we learn", "Learning points")),
    FormatSection("What to do", ("What should I do", "What you can do", "What can I do", "What should you do",
                                 "Actions", "What to do differently", "Actions for practitioners")),
    FormatSection("Things to remember", ("Remember", "Key messages", "Key points", "Things to think about",
                                         "Top tips")),
    FormatSection("Questions for practitioners", ("Reflective questions", "Questions to consider",
                                                  "Questions for reflection", "Questions", "Questions to discuss",
                                                  "Reflection"), questions=True),
))
PRACTICE_NOTE = BriefingFormat(NOTE, "Practice note")
BUILT_IN = {SEVEN_MINUTE.id: SEVEN_MINUTE, PRACTICE_NOTE.id: PRACTICE_NOTE}

_NUMBER = re.compile(r"^\s*(?:section\s+)?(\d+)\s*[.):\-–]?\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def heading_key(text: str) -> str:
    """What two headings must share to name the same section: no numbering, case, end punctuation or extra
    spaces."""
    text = _NUMBER.sub("", text).replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", text).strip().rstrip(":?.!").strip().casefold()


def heading_number(text: str) -> int | None:
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


def without_number(text: str) -> str:
    """The heading as the editor wrote it, less the number the page puts back in its own style."""
    return _NUMBER.sub("", text).strip() or text.strip()


def formats_in(entries: Iterable[BriefingFormat]) -> dict[str, BriefingFormat]:
    """The formats a vocabulary offers: the built-in ones, replaced by any the partnership defines with the same
    id."""
    out = dict(BUILT_IN)
    out.update({f.id: f for f in entries})
    return out


def vocabulary_formats(source: Source, problems: list[Problem]) -> list[BriefingFormat]:
    """``briefing_formats``: the partnership's own briefing formats, each section with its accepted headings."""
    out: dict[str, BriefingFormat] = {}
    entries = source.data.get("briefing_formats")
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("label"), str)
                and isinstance(entry.get("sections"), list)):
            continue  # the schema has already said what is wrong
        fmt_id = entry["id"]
        if fmt_id in out:
            problems.append(source.problem(("briefing_formats", i, "id"), f"'{fmt_id}' is listed twice in "
                                           "briefing_formats: ids must be unique within a list"))
            continue
        if fmt_id == "note":
            problems.append(source.problem(("briefing_formats", i, "id"), "'note' is the free-form format and "
                                           "cannot be given sections: choose another id"))
            continue
        sections: list[FormatSection] = []
        seen: dict[str, int] = {}
        questions = 0
        for j, sec in enumerate(entry["sections"]):
            if not (isinstance(sec, dict) and isinstance(sec.get("title"), str)):
                continue
            also = tuple(a for a in sec.get("also") or () if isinstance(a, str))
            section = FormatSection(sec["title"].strip(), also, sec.get("questions") is True)
            questions += section.questions
            if section.questions and questions > 1:
                problems.append(source.problem(("briefing_formats", i, "sections", j, "questions"), "only one "
                                               "section of a format can be marked 'questions: true'"))
            for key in section.keys:
                if key in seen:
                    problems.append(source.problem(("briefing_formats", i, "sections", j), f"the heading '{key}' "
                                                   f"is also accepted for section {seen[key] + 1}: a heading can "
                                                   "name one section only"))
                seen.setdefault(key, j)
            sections.append(section)
        out[fmt_id] = BriefingFormat(fmt_id, entry["label"].strip(), tuple(sections))
    return list(out.values())


# -- the check ----------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def headings(body: str) -> Iterator[tuple[int, int, str]]:
    """(level, 1-based line in body, text) of each ATX heading outside fenced code."""
    fenced = False
    for number, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            yield len(match.group(1)), number, match.group(2).strip()


def check_sections(source: Source, fmt: BriefingFormat = SEVEN_MINUTE
                   ) -> tuple[tuple[Section, ...], list[Problem]]:
    """A briefing of a format with sections has each of them as a ``##`` heading, in order, none of them empty.

    Each message names the section by number and title and says what to do, pointing at the heading concerned,
    or for a missing section at the heading it should come before.
    """
    problems: list[Problem] = []
    wanted = fmt.sections
    count = len(wanted)
    how_many = _WORDS.get(count, str(count))
    what = fmt.label[:1].lower() + fmt.label[1:]
    expected = "; ".join(f"{i}. {s.title}" for i, s in enumerate(wanted, 1))
    owner = fmt.owner

    def at(line_in_body: int) -> int:
        return source.body_line + line_in_body - 1

    def problem(line_in_body: int, message: str) -> None:
        problems.append(Problem(source.rel, at(line_in_body), "sections", message))

    def standard(index: int) -> str:
        return f"'## {index + 1}. {wanted[index].title}'"

    every = list(headings(source.body))
    found = [(line, text, heading_key(text)) for level, line, text in every if level == 2]
    body_end = max(1, source.body.rstrip("\n").count("\n") + 1)
    accounted: set[int] = set()  # indexes into the format's sections that have a heading, even a faulty one
    first_line: dict[int, int] = {}
    kept: list[tuple[int, int, str]] = []  # (line, section index, heading) of the usable headings, in file order
    known_keys = {key for _, _, key in found}

    for line, text, key in found:
        if key in owner:
            index = owner[key]
            if index in first_line:
                problem(line, f"'## {text}' repeats section {index + 1} (first on line {at(first_line[index])}): "
                        "keep one, or make this one a '###' heading inside it")
                continue
            first_line[index] = line
            accounted.add(index)
            kept.append((line, index, text))
            continue
        unused = {k: i for k, i in owner.items() if i not in accounted and not (set(wanted[i].keys) & known_keys)}
        close = get_close_matches(key, list(unused), n=3, cutoff=0.6)
        if close:
            indexes = list(dict.fromkeys(unused[c] for c in close))
            accounted.add(indexes[0])
            names = " or ".join(standard(i) for i in indexes)
            problem(line, f"'## {text}' is not a heading of a {what}: did you mean {names}?"
                    + _also(wanted[indexes[0]]))
        else:
            problem(line, f"'## {text}' is an extra section: a {what} has exactly {how_many} ({expected}); make it "
                    "a '###' heading inside one of them, or set 'format: note' for a free-form briefing")

    for level, line, text in every:
        key = heading_key(text)
        if level != 2 and key in owner and owner[key] not in accounted:
            index = owner[key]
            accounted.add(index)
            problem(line, f"'{'#' * level} {text}' must be a '##' heading (two #) to count as section "
                    f"{index + 1}: write '## {index + 1}. {without_number(text)}'")

    if not found and not accounted:
        problem(1, f"has no '##' sections: a {what} has exactly {how_many}, in this order: {expected}. Start each with "
                f"a line such as '## 1. {wanted[0].title}', or set 'format: note' for a free-form briefing")
        return (), problems

    for index in range(count):
        if index in accounted:
            continue
        after = [line for line, i, _ in kept if i > index]
        previous = standard(index - 1) if index > 0 else ""
        following = standard(index + 1) if index + 1 < count else ""
        if previous and following:
            place = f"between {previous} and {following}"
        elif following:
            place = f"before {following}, at the start"
        else:
            place = f"after {previous}, at the end"
        problem(min(after) if after else body_end,
                f"section {index + 1} {standard(index)} is missing: add it {place}")

    if not problems:
        for position, (line, index, _) in enumerate(kept):
            if index != position:
                problem(line, f"the sections are out of order: section {position + 1} should be "
                        f"'{wanted[position].title}', not '{wanted[index].title}'; put them in this order: "
                        f"{expected}")
                break
        else:
            for line, index, text in kept:
                written = heading_number(text)
                if written is not None and written != index + 1:
                    problem(line, f"'## {text}' is numbered {written} but {wanted[index].title} is section "
                            f"{index + 1}: write '## {index + 1}. {without_number(text)}'")
            lines = [line for line, _, _ in kept] + [body_end + 1]
            body_lines = source.body.split("\n")
            for index in range(count):
                text = "\n".join(body_lines[lines[index]:lines[index + 1] - 1])
                if not text.strip():
                    problem(lines[index], f"section {index + 1} '{wanted[index].title}' is empty: write its "
                            "text under the heading")

    sections = tuple(Section(i + 1, without_number(text), slugify(wanted[i].title, "-"), wanted[i].questions)
                     for _, i, text in kept)
    return sections, problems


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
          10: "ten"}


def _also(section: FormatSection) -> str:
    return f" (also accepted for it: {', '.join(repr(h) for h in section.also)})" if section.also else ""
