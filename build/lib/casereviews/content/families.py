"""Families of review and their rules: children's, adults' and domestic abuse related death reviews on one site.

A board that covers children and adults, or a community safety partnership, publishes reviews under different
rules. A review's family comes from its review type (``family`` in the vocabulary; a type without one is a
children's review, as every review was before families existed). The rules a type can declare:

- ``requires_approval``: who must approve publication (a domestic homicide review needs the Home Office Quality
  Assurance Panel), so a published review of that type needs an ``approved`` date on or before ``published``;
- ``min_available_months``: how long a published report must stay available (Working Together 2023 asks at least
  12 months for a child safeguarding practice review; 12 unless the type says otherwise), so an
  ``available_until`` earlier than that needs an ``early_removal_reason``, which is kept for the record and shown
  nowhere public.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, datetime

from casereviews.clock import local_date
from casereviews.content.model import Family, Term
from casereviews.content.source import Source
from casereviews.problems import Problem
from casereviews.statuses import ReviewStatus

CHILDREN, ADULTS, DOMESTIC_ABUSE = "children", "adults", "domestic-abuse"
BUILT_IN = {
    CHILDREN: Family(CHILDREN, "Children", "child", "children",
                     "Reviews about children: child safeguarding practice reviews and serious case reviews."),
    ADULTS: Family(ADULTS, "Adults", "adult", "adults", "Safeguarding adults reviews."),
    DOMESTIC_ABUSE: Family(DOMESTIC_ABUSE, "Domestic abuse related deaths", "person", "people",
                           "Domestic homicide reviews, now domestic abuse related death reviews."),
}
DEFAULT_FAMILY = CHILDREN  # a review type without ``family``
DEFAULT_MIN_AVAILABLE_MONTHS = 12


def families_in(entries: Iterable[Family]) -> dict[str, Family]:
    """The built-in families, with the vocabulary's ``review_families`` added (or relabelling a built-in one)."""
    out = dict(BUILT_IN)
    out.update({f.id: f for f in entries})
    return out


def family_of(review_type: Term | None, families: dict[str, Family]) -> Family | None:
    if review_type is None:
        return None
    return families.get(review_type.family or DEFAULT_FAMILY)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that month is shorter (31 Jan + 1 month is
    28 or 29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def subjects_phrase(families: Iterable[Family]) -> str:
    """Who the reviews are about, for sentences such as "for people who work with children and adults"."""
    words = list(dict.fromkeys(f.subjects for f in families)) or [BUILT_IN[CHILDREN].subjects]
    if len(words) > 1 and "people" in words:
        words.remove("people")  # "children and adults" already covers the people of a domestic abuse review
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def subject_word(families: Iterable[Family]) -> str:
    """The one word for whom a group of reviews is about: "child" when they are all children's, else "person"."""
    words = {f.subject for f in families}
    return words.pop() if len(words) == 1 else "person"


# -- the rules, applied to one review file ------------------------------------------------------------------

def review_family_problems(source: Source, review_type: Term | None, age_band: Term | None,
                           families: dict[str, Family], published: datetime | None, approved: date | None,
                           available_until: date | None, age_bands: dict[str, Term]) -> list[Problem]:
    """What a review's family and type ask of it: approval, minimum availability, and an age band of its family."""
    problems: list[Problem] = []
    data = source.data
    status = data.get("status")
    family = family_of(review_type, families)
    type_label = review_type.label if review_type else ""

    if age_band is not None and family is not None and age_band.family and age_band.family != family.id:
        usable = [t.id for t in age_bands.values() if t.family in ("", family.id)]
        other = families.get(age_band.family)
        problems.append(source.problem(("age_band",), f"'{age_band.id}' is an age band for reviews about "
                                       f"{other.subjects if other else age_band.family}, and this "
                                       f"{type_label.lower()} is about {family.subjects}: use one of: "
                                       f"{', '.join(usable) or '(none listed: add one to age_bands)'}"))

    needs_approval = review_type is not None and review_type.requires_approval
    if needs_approval and status in (ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN) and "approved" not in data:
        problems.append(source.problem(("approved",), f"is missing: a {type_label.lower()} is published only once "
                                       f"the {review_type.requires_approval} has approved it; write the date of "
                                       "that approval, e.g. approved: 2025-01-31", "approved"))
    if approved is not None and published is not None and approved > local_date(published):
        problems.append(source.problem(("approved",), f"{approved.isoformat()} is after the publication date "
                                       f"({local_date(published).isoformat()}): a review is approved before it is "
                                       "published; check both dates"))

    if data.get("early_removal_reason") and "available_until" not in data:
        problems.append(source.problem(("early_removal_reason",), "is only used with 'available_until' (to explain "
                                       "an early end); remove it, or add the date"))
    if available_until is not None and published is not None and review_type is not None:
        months = review_type.min_available_months
        months = DEFAULT_MIN_AVAILABLE_MONTHS if months is None else months
        first_day = local_date(published)
        earliest = add_months(first_day, months)
        if available_until < earliest and not data.get("early_removal_reason"):
            problems.append(source.problem(("available_until",), f"{available_until.isoformat()} is less than "
                                           f"{months} months after publication ({first_day.isoformat()}): a "
                                           f"{type_label.lower()} stays available until at least "
                                           f"{earliest.isoformat()}; use a later date, or explain the early end "
                                           "in early_removal_reason (kept for the record, never shown)"))
    return problems


def vocabulary_family_problems(source: Source, families: dict[str, Family]) -> list[Problem]:
    """Every ``family`` named in review_types and age_bands is a known family."""
    problems = []
    for list_name in ("review_types", "age_bands"):
        entries = source.data.get(list_name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            family = entry.get("family") if isinstance(entry, dict) else None
            if isinstance(family, str) and family not in families:
                problems.append(source.problem((list_name, i, "family"), f"'{family}' is not a review family: use "
                                               f"one of: {', '.join(families)}, or list it under review_families"))
    return problems


def vocabulary_families(source: Source, problems: list[Problem]) -> list[Family]:
    """``review_families``: families a partnership adds to (or relabels among) the built-in ones."""
    out: dict[str, Family] = {}
    entries = source.data.get("review_families")
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("label"), str)):
            continue  # the schema has already said what is wrong
        if entry["id"] in out:
            problems.append(source.problem(("review_families", i, "id"), f"'{entry['id']}' is listed twice in "
                                           "review_families: ids must be unique within a list"))
            continue
        subject = _text(entry, "subject") or "person"
        out[entry["id"]] = Family(entry["id"], entry["label"], subject, _text(entry, "subjects") or subject + "s",
                                  _text(entry, "description"))
    return list(out.values())


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""
