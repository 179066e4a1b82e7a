"""Find text that looks like personal data before a review is published.

Precision matters as much as recall: editors who get false alarms on dates, recommendation numbers,
percentages and years learn to ignore the check. So every rule below is narrow on purpose, and its
docstring or comment says what it refuses and why. All patterns are compiled once, anchored on token
boundaries by look-arounds, and free of nested unbounded repetition, so scanning is linear in practice.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

EMAIL = "e-mail address"
PHONE = "UK telephone number"
NHS = "NHS number"
NINO = "National Insurance number"
POSTCODE = "postcode"
DOB = "date of birth"
_RANK = {kind: i for i, kind in enumerate((EMAIL, NHS, NINO, PHONE, POSTCODE, DOB))}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Finding:
    """One piece of text that looks like personal data, located for the editor."""

    kind: str  # one of the six labels above
    text: str  # the matched text exactly as it appears
    line: int  # 1-based line number within the scanned text
    column: int  # 1-based column (in characters)
    read_as: str = ""  # the text as the reader sees it, when that differs (character references, odd spaces)


# E-mail: a local part that starts a token (not after "/" so "images/logo@2x.png" is a path) and a dotted
# domain. "mailto:" links are still flagged because ":" may precede the local part.
_EMAIL_RE = re.compile(r"(?<![\w.%+/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,})")
# Retina image names such as "chart@2x.png" look like addresses; no real domain ends in these.
_FILE_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "tif", "tiff", "pdf", "md"}
)

# Telephone: national form starts with 0 + 1/2/3/7/8 and a first group of at least three digits (so
# "01-03-2015" is not a candidate); later groups are separated by one space or hyphen and hold 3+ digits.
# "+44" may be followed by "(0)". The digit count is checked afterwards (see _phones).
_PHONE_RE = re.compile(
    r"""(?<![\w.,/+£$€@-])
    (?: \+44[ \u00a0]?(?:\(0\)[ \u00a0]?)?[1-378]\d{1,9}
      | \(0[1-378]\d{1,4}\)[ \u00a0]?\d{3,9}
      | 0[1-378]\d{1,9} )
    (?:[ \u00a0-]\d{3,9}){0,3}
    (?!\w|[.,:/-]?\d)""",
    re.X,
)
_NON_DIGIT_RE = re.compile(r"\D")

# NHS number: ten digits, plain or grouped 3-3-4 with the same separator twice; the modulus 11 check digit
# (see nhs_check_digit) rejects ten random digits ten times out of eleven.
_NHS_RE = re.compile(r"(?<![\w.,/+£$€@-])\d{3}([ \u00a0-]?)\d{3}\1\d{4}(?!\w|[.,:/-]?\d)")

# National Insurance number, HMRC rules: first letter not D F I Q U V, second not D F I O Q U V, prefixes
# BG GB NK KN TN NT ZZ never issued; six digits (optionally in spaced pairs); suffix A-D. "QQ" breaks the
# letter rules but is HMRC's own example prefix: an editor who pastes it has still pasted an NI number.
_NINO_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:QQ|(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"[ \u00a0]?\d{2}[ \u00a0]?\d{2}[ \u00a0]?\d{2}[ \u00a0]?[A-D](?![A-Za-z0-9])",
    re.I,
)

# Postcode: the Royal Mail letter rules for each position (no Q V X first, no I J Z second, restricted
# third/fourth letters, inward letters never C I K M O V) plus a compulsory inward code, so an outward code
# alone ("SW1A", "M1", "S47", "A127") never matches.
_POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR[ \u00a0]?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
    r"[ \u00a0]?(\d[ABD-HJLNP-UW-Z]{2}))(?![A-Za-z0-9])",
    re.I,
)
# "Y6 2nd", "KS2 3rd": lower-case ordinals would pass the letter rules; real inward codes ("B33 8TH") are
# written in capitals, so a lower-case ordinal-looking inward code is not a postcode.
_ORDINAL_RE = re.compile(r"1st|2nd|3rd|[04-9]th")

# Full dates. Only looked for near a birth keyword (see _dobs), so ordinary dates are never reported.
# ISO date-times ("2024-03-12T10:00") are timestamps: the trailing look-ahead refuses them.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_DATE_RE = re.compile(
    rf"""(?<![\w/.-])
    (?: (?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?:\d{{4}}|\d{{2}})
      | \d{{4}}-(?P<im>\d{{2}})-(?P<id>\d{{2}})
      | \d{{1,2}}(?:st|nd|rd|th)?(?:\s{{1,3}}of)?\s{{1,3}}{_MONTH},?\s{{1,3}}\d{{4}}
      | {_MONTH}\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}\d{{4}} )
    (?!\w|[/.:-]?\d)""",
    re.X | re.I,
)
# "born out of" is the figurative sense ("a review born out of concerns raised on 3 March 2019"), never a birth.
_KEYWORD_RE = re.compile(r"\b(?:born(?!\s+out\s+of\b)|d\.?o\.?b\b\.?|date\s+of\s+birth)", re.I)
# Every keyword above contains one of these (lower-cased): "born", and "dob" as "dob", "d.ob", "do.b" or
# "d.o.b"; or else it is "date of birth", which ends in "of birth" ("birth" alone is common: "a pre-birth plan").
_KEYWORD_PARTS = ("born", "dob", "d.o", "do.b")
_OF_BIRTH_RE = re.compile(r"of\s+birth")
_DOB_REACH = 30  # characters between keyword and date
# Between a keyword and a date, any of these means the date belongs to another clause: a sentence end, a
# conjunction or relative word ("born in Poland and on 12 March 2019 moved"), a cohort boundary ("born after
# 1 September 2015"). A year in between also breaks the link ("born in 2015, seen on 12 March 2019").
_CLAUSE_RE = re.compile(
    r"[.;!?](?:\s|$)|\n\s*\n|\b(?:and|but|or|who|which|whose|when|while|whereas|after|before|since|until"
    r"|between|then)\b",
    re.I,
)
_YEAR_RE = re.compile(r"\d{4}")
_WORD_RE = re.compile(r"\w")
_NEWLINE_RE = re.compile("\n")
# Every rule above needs a digit (phones, NHS and NI numbers, postcodes, dates) or an "@" (e-mail): text with
# neither cannot match, and most front matter values (titles, notes) are such text. A value that is nothing but
# an ISO date or a short id ("2021-06-30", "R1.2") cannot match either: no rule takes a lone date without a birth
# keyword, and no number rule starts after "-" or a letter. Those are most of the values of an action plan.
_CANDIDATE_RE = re.compile(r"[\d@]")
_PLAIN_VALUE_RE = re.compile(r"\d{4}-\d{2}-\d{2}|[A-Za-z]{1,3}\d{1,3}(?:\.\d{1,3})*")


def nhs_check_digit(nine: str) -> int | None:
    """NHS modulus 11 check digit of nine digits: weights 10..2, 11 - (sum mod 11); 11 -> 0, 10 -> None."""
    check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    return None if check == 10 else check % 11


def _emails(text: str) -> Iterator[Span]:
    if "@" not in text:  # a substring test is far quicker than the pattern's pass over a long body
        return
    for m in _EMAIL_RE.finditer(text):
        if m.group(1).lower() not in _FILE_SUFFIXES:
            yield m.start(), m.end(), EMAIL


def _phones(text: str) -> Iterator[Span]:
    """01 and 08 numbers have 10 or 11 digits (e.g. 0800 numbers, some small exchanges); 02, 03 and 07
    numbers always have 11, so a shorter one is a typo or something else and is not reported."""
    if not _PHONE_START_RE.search(text):  # no "+44", "(0" or "0" + area digit where a number may start
        return
    for m in _PHONE_RE.finditer(text):
        raw = m.group()
        digits = _NON_DIGIT_RE.sub("", raw.replace("(0)", ""))
        if raw.startswith("+"):
            digits = "0" + digits[2:]
        allowed = (10, 11) if digits[1] in "18" else (11,)
        if len(digits) in allowed and not _after_isbn(text, m.start()):
            yield m.start(), m.end(), PHONE


def _after_isbn(text: str, start: int) -> bool:
    return "ISBN" in text[max(0, start - 12) : start].upper()


def _nhs(text: str) -> Iterator[Span]:
    """Ten identical digits ("000 000 0000") are redaction placeholders even when the check digit works."""
    if not _NHS_DIGITS_RE.search(text):  # ten digits in 3-3-4 groups where a number may start: see below
        return
    for m in _NHS_RE.finditer(text):
        digits = _NON_DIGIT_RE.sub("", m.group())
        if (
            len(set(digits)) > 1
            and nhs_check_digit(digits[:9]) == int(digits[9])
            and not _after_isbn(text, m.start())
        ):
            yield m.start(), m.end(), NHS


# Necessary parts of the two costliest patterns, found far faster because they do not start with a look-behind:
# a long body without them is skipped in one quick pass (same flags, so the same characters match).
_NINO_DIGITS_RE = re.compile(r"\d{2}[ \u00a0]?\d{2}[ \u00a0]?\d{2}")
# The same for phone and NHS numbers: their look-behind moved after the first character (a fixed-width
# look-behind over that character and the one before it), so the search skips to a candidate character instead of
# trying every position. Each accepts everything its pattern does (and a little more), so it only ever skips
# text the pattern could not match.
_NHS_DIGITS_RE = re.compile(r"\d(?<![\w.,/+£$€@-]\d)\d{2}[ \u00a0-]?\d{3}[ \u00a0-]?\d{4}")
_PHONE_START_RE = re.compile(r"[0+(](?<![\w.,/+£$€@-][0+(])(?:[1-378]|44|0)")
_INWARD_RE = re.compile(r"\d[A-Z]{2}", re.I)


def _ninos(text: str) -> Iterator[Span]:
    if not _NINO_DIGITS_RE.search(text):
        return
    for m in _NINO_RE.finditer(text):
        yield m.start(), m.end(), NINO


def _postcodes(text: str) -> Iterator[Span]:
    if not _INWARD_RE.search(text):
        return
    for m in _POSTCODE_RE.finditer(text):
        inward = m.group(1)
        if inward is not None and _ORDINAL_RE.fullmatch(inward.lower()) and not inward.isupper():
            continue
        yield m.start(), m.end(), POSTCODE


def _is_date(m: re.Match[str]) -> bool:
    """Numeric dates must name a real day and month, either way round (UK or US order)."""
    if m.group("a"):
        a, b = int(m.group("a")), int(m.group("b"))
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= b <= 31 and 1 <= a <= 12)
    if m.group("im"):
        return 1 <= int(m.group("im")) <= 12 and 1 <= int(m.group("id")) <= 31
    return True


def _dobs(text: str) -> Iterator[Span]:
    """A full date (day, month and year) within _DOB_REACH characters of "born", "DOB", "D.O.B." or "date of
    birth", in the same clause. Keywords are rare, so dates are only searched in small windows around them.

    A date before the keyword ("12/03/2015 (DOB)", "On 12 March 2015 Child D was born") counts only when the
    keyword has no year of its own and does not open an aside about someone else: "On 12 March 2019 Child F,
    born prematurely, was admitted" and "Child E (born 2015)" are not dates of birth.
    """
    lower = text.lower()  # substring tests are far quicker than the pattern, which few texts need
    if not any(word in lower for word in _KEYWORD_PARTS) and not _OF_BIRTH_RE.search(lower):
        return
    for kw in _KEYWORD_RE.finditer(text):
        after = text[kw.end() : kw.end() + _DOB_REACH]
        clause = _CLAUSE_RE.search(after)
        own_year = _YEAR_RE.search(after[: clause.start() if clause else None])
        for m in _DATE_RE.finditer(text, max(0, kw.start() - 80), kw.end() + 80):
            if not _is_date(m):
                continue
            if m.start() >= kw.end():
                gap, before = text[kw.end() : m.start()], False
            elif m.end() <= kw.start() and not own_year:
                gap, before = text[m.end() : kw.start()], True
            else:
                continue
            if len(gap) > _DOB_REACH or _CLAUSE_RE.search(gap) or _YEAR_RE.search(gap):
                continue
            if not (before and _WORD_RE.search(gap) and gap.rstrip().endswith((",", "("))):
                yield m.start(), m.end(), DOB


_DETECTORS = (_emails, _phones, _nhs, _ninos, _postcodes, _dobs)
# NHS and National Insurance numbers both hold six digits in pairs with at most a separator between ("12 34 56",
# "456 7890" from "123 456 7890"), and a postcode's inward code is a digit and two letters: one pass finds
# whether any of the three can be in the text, instead of a pass each. Same flags as _INWARD_RE, so it accepts
# everything that does.
_DIGIT_SHAPES_RE = re.compile(r"\d(?:\d[ \u00a0-]?\d\d[ \u00a0-]?\d\d|[A-Z]{2})", re.I)
_WITHOUT_DIGIT_SHAPES = (_emails, _phones, _dobs)


# What the reader sees is not always what was typed: a browser shows "07700&#32;900126" as a telephone number
# and "jo.bloggs&#64;example.org" as an address, and draws a no-break space (U+00A0), a narrow one (U+202F) or
# any other Unicode space as a space and a soft hyphen or zero-width space as nothing. So text holding any of
# these is scanned as read: character references decoded as html.unescape does, every space as " ", invisible
# characters removed. Text with none of them (nearly all) is scanned as it is, with no extra pass.
_AS_READ_RE = re.compile(
    r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?)"
    r"|[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    r"|[\u00ad\u180e\u200b-\u200d\u2060\ufeff]"
)
_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029"
                    "\u202f\u205f\u3000")


def as_read(text: str) -> tuple[str, list[int], list[int]] | None:
    """The text as a reader sees it, with where each of its characters came from in ``text`` (start and end
    offsets); None when the reader sees exactly what was typed."""
    if text.isascii():
        if "&" not in text:
            return None
    elif not _AS_READ_RE.search(text):
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _AS_READ_RE.finditer(text):
        raw = m.group()
        if raw[0] == "&":
            shown = html.unescape(raw)
            if shown != raw and not shown.isascii():  # "&nbsp;" is a no-break space, read as any other space
                shown = "".join(" " if c in _SPACES else "" if _AS_READ_RE.fullmatch(c) else c for c in shown)
        else:
            shown = " " if raw in _SPACES else ""
        if shown == raw:
            continue  # an "&" that is not a character reference
        pieces.append(text[pos : m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        pieces.append(shown)
        starts.extend([m.start()] * len(shown))
        ends.extend([m.end()] * len(shown))
        pos = m.end()
    if pos == 0:
        return None
    pieces.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(pieces), starts, ends


def scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Findings in text order, in the text as the reader sees it (see ``as_read``); each finding quotes the text
    as written, so the editor can find it in the file."""
    if isinstance(allow, str):  # a lone string is one allowance, not a set of characters
        allow = [allow]
    read = as_read(text)
    if read is None:
        return _scan(text, allow)
    view, starts, ends = read
    allow = [(as_read(a) or (a,))[0] for a in allow]
    out = []
    line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
    for found in _scan_spans(view, allow):
        start, end, kind = found
        start, end = starts[start], ends[end - 1]
        line = bisect_right(line_starts, start)
        out.append(Finding(kind, text[start:end], line, start - line_starts[line - 1] + 1, view[found[0]:found[1]]))
    return out


def _scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Findings in text order.

    ``allow`` lists exact strings the editor means to publish, such as the partnership's helpline
    "0300 123 4567". It is plain text, not a pattern: case and whitespace must match as written. A finding is
    suppressed only when an occurrence of an allowed string in ``text`` covers the finding's whole span, so
    allowing one number never hides a different number in the same file.

    Where two rules match overlapping text (a ten-digit run can be both a phone and an NHS number), the
    earlier, then longer, then more specific finding is kept, so each piece of text is reported once.
    """
    kept = _scan_spans(text, allow)
    if not kept:
        return []
    line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
    out = []
    for start, end, kind in kept:
        line = bisect_right(line_starts, start)
        out.append(Finding(kind, text[start:end], line, start - line_starts[line - 1] + 1))
    return out


def _scan_spans(text: str, allow: Iterable[str]) -> list[Span]:
    if not _CANDIDATE_RE.search(text) or _PLAIN_VALUE_RE.fullmatch(text):
        return []
    detectors = _DETECTORS if _DIGIT_SHAPES_RE.search(text) else _WITHOUT_DIGIT_SHAPES
    spans = sorted(
        {s for detect in detectors for s in detect(text)}, key=lambda s: (s[0], -s[1], _RANK[s[2]])
    )
    allowed = [(i, i + len(a)) for a in set(allow) if a for i in _occurrences(text, a)]
    kept: list[Span] = []
    for start, end, kind in spans:
        if kept and start < kept[-1][1]:
            continue  # overlaps a finding already kept
        if any(a <= start and end <= b for a, b in allowed):
            continue
        kept.append((start, end, kind))
    return kept


def _occurrences(text: str, needle: str) -> Iterator[int]:
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)
