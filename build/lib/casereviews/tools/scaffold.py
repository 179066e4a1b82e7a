"""``scripts/new-review``: start a review folder that is valid as it stands and explains every field.

The files it writes are drafts, so nothing of them is published and the check passes at once. Every field is
either present with a value that is already valid, or commented out with a line saying what it takes; example
text starts with ``REPLACE:``, which the check refuses once a file would be public. So switching a scaffold to
``published`` before filling it in fails with a list of exactly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from textwrap import wrap

from casereviews.content.check import PLACEHOLDER, check_vocabulary, is_slug
from casereviews.content.model import SEVEN_SECTIONS, Vocabulary
from casereviews.content.source import read_source
from casereviews.problems import ReviewsError
from casereviews.settings import Settings


class ScaffoldError(ReviewsError):
    """The review cannot be created; the message says why and what to do instead."""


@dataclass(frozen=True)
class Created:
    folder: Path
    files: tuple[Path, ...]


def new_review(settings: Settings, slug: str, *, briefing: bool = False, action_plan: bool = False,
               today: date | None = None) -> Created:
    if not is_slug(slug):
        raise ScaffoldError(f"'{slug}' cannot be a review's name: use lower-case letters, digits and single "
                            "hyphens, starting and ending with a letter or digit, e.g. 2024-child-sam")
    folder = settings.content_dir / slug
    shown = _shown(folder, settings.root)
    if folder.exists():
        raise ScaffoldError(f"{shown}/ already exists: choose another name, or edit the files in that folder")
    if not settings.content_dir.is_dir():
        raise ScaffoldError(f"{_shown(settings.content_dir, settings.root)}/ does not exist: run this from the "
                            "project folder (the one holding mkdocs.yml)")
    vocabulary = _vocabulary(settings)
    today = today or date.today()
    texts = {"index.md": index_text(slug, vocabulary, settings.partnership, today)}
    if briefing:
        texts["briefing.md"] = briefing_text(slug, today)
    if action_plan:
        texts["action-plan.md"] = action_plan_text(slug, vocabulary, today)
    (folder / "files").mkdir(parents=True)
    written = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "files" / ".gitkeep").write_text("", encoding="utf-8")
    return Created(folder, tuple(written))


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _vocabulary(settings: Settings) -> Vocabulary | None:
    """The ids to suggest in comments; the scaffold still works, with fewer hints, if the vocabulary is broken."""
    source, problems = read_source(settings.content_dir / "vocabulary.yml", settings.root, front_matter=False)
    if source is None or problems:
        return None
    return check_vocabulary(source)[0]


def _ids(vocabulary: Vocabulary | None, list_name: str) -> list[str]:
    return list(vocabulary.terms(list_name)) if vocabulary else []


def _choices(ids: list[str], indent: str = "") -> list[str]:
    """Comment lines listing the ids an editor may use, wrapped to a readable width."""
    if not ids:
        return [f"{indent}#   (see reviews/vocabulary.yml for the ids)"]
    return [f"{indent}#   {line}" for line in wrap("one of: " + ", ".join(ids), 96, break_on_hyphens=False)]


def _first(ids: list[str], fallback: str) -> str:
    return ids[0] if ids else fallback


def index_text(slug: str, vocabulary: Vocabulary | None, partnership: str, today: date) -> str:
    types, themes = _ids(vocabulary, "review_types"), _ids(vocabulary, "themes")
    agencies, ages = _ids(vocabulary, "agencies"), _ids(vocabulary, "age_bands")
    example_day = (today + timedelta(days=28)).isoformat()
    lines = [
        "---",
        f"# The review {slug}. It is a draft: nothing of it appears on the site until 'status' says published.",
        "# To fill in a field, delete the '# ' at the start of its line(s) and replace the example.",
        "# Put quotes around text that contains a colon. Run scripts/check to see what is still missing.",
        "",
        "# Required. draft (not on the site), published (on the site from the 'published' moment), or",
        "# withdrawn (taken down: the page says so and gives withdrawn_reason).",
        "status: draft",
        "",
        "# Required. The title, as on the report.",
        "# title: \"Child X: Local Child Safeguarding Practice Review\"",
        "",
        "# Required. When the review goes public (the embargo). A date means midnight UK time that day;",
        "# for a time, write e.g. 2026-03-12T10:00:00+00:00 (GMT) or 2026-06-12T10:00:00+01:00 (BST).",
        f"# published: {example_day}",
        "",
        "# Required. The kind of review, an id from review_types in reviews/vocabulary.yml,",
        *_choices(types),
        f"# review_type: {_first(types, 'local-child-safeguarding-practice-review')}",
        "",
        "# Required. One paragraph of at most 600 characters, for listings, search results and the page.",
        "# summary: >-",
        "#   What happened, to whom (by pseudonym), and what the review found, in plain words.",
        "",
        "# Required, at least one. Learning themes, ids from themes in reviews/vocabulary.yml,",
        *_choices(themes),
        "# themes:",
        f"#   - {_first(themes, 'neglect')}",
        "",
        "# Optional. The name the report uses for the child, e.g. Sam.",
        "# pseudonym: X",
        "",
        "# Optional. The child's age band, an id from age_bands,",
        *_choices(ages),
        f"# age_band: {_first(ages, 'under-1')}",
        "",
        "# Optional. The agencies involved, ids from agencies,",
        *_choices(agencies),
        "# agencies:",
        f"#   - {_first(agencies, 'childrens-social-care')}",
        "",
        "# Optional. Short learning points; theme pages gather them.",
        "# key_learning:",
        "#   - One learning point per line, each starting with '- '.",
        "",
        "# Optional. Documents: put the file in this folder's files/ and give its path, or give a web address.",
        "# documents:",
        "#   - title: Overview report",
        "#     file: files/overview-report.pdf",
        "#   - title: National Panel report",
        "#     url: https://www.example.org/report",
        "",
        "# Optional. The last day the review is on the site in full; after it the review is archived and only",
        "# its catalogue record (title, type, dates, themes, summary) stays.",
        f"# available_until: {(today + timedelta(days=3 * 365)).isoformat()}",
        "",
        "# Optional. Defaults to the site's partnership:",
        f"# partnership: {partnership}",
        "",
        "# Required when status is withdrawn, and only then: one sentence shown on the page.",
        "# withdrawn_reason: The review has been withdrawn while criminal proceedings take place.",
        "",
        "# Optional. Exact text that looks like personal data but is meant to be public, e.g. a helpline.",
        "# pii_allow:",
        "#   - 0300 123 4567",
        "---",
        "",
        "## About this review",
        "",
        f"{PLACEHOLDER} why the review was held, who commissioned it and who took part (the family too).",
        "",
        "## What happened",
        "",
        f"{PLACEHOLDER} a short, anonymised account of what happened. Use the pseudonym, never real names.",
        "",
        "## What the review found",
        "",
        f"{PLACEHOLDER} the main findings, one short paragraph or bullet point each.",
        "",
        "## The partners' response",
        "",
        f"{PLACEHOLDER} how the safeguarding partners responded, and where to find the action plan.",
        "",
    ]
    return "\n".join(lines)


_SECTION_HINTS = (
    "the case in a few sentences, using the pseudonym.",
    "why this learning matters to practitioners now.",
    "what the review found, in plain words.",
    "the learning, one point per line starting with '- '.",
    "what practitioners should do differently, one point per line.",
    "the key things to remember: procedures, tools, contacts.",
    "questions for a team to discuss, one per line, e.g. '- How do we hear this child's voice?'",
)


def briefing_text(slug: str, today: date) -> str:
    lines = [
        "---",
        f"# The learning briefing for {slug}. It is on the site only while the review is, and from its own",
        "# 'published' moment. It is a draft until 'status' says published.",
        "",
        "# Required. draft or published.",
        "status: draft",
        "",
        "# Required once published. When the briefing goes public: a date, or a date and time.",
        f"# published: {(today + timedelta(days=28)).isoformat()}",
        "",
        "# seven-minute: exactly the seven sections below, in this order (numbering them is optional;",
        "#   common wordings such as 'Information' or 'What we learned' are accepted too).",
        "# note: free text with any headings.",
        "# Or the id of your partnership's own format, from briefing_formats in reviews/vocabulary.yml.",
        "format: seven-minute",
        "",
        "# Optional. Defaults to \"Learning briefing: \" and the review's title.",
        "# title: \"Seven-minute briefing: Child X\"",
        "",
        "# Optional. Exact text that looks like personal data but is meant to be public.",
        "# pii_allow:",
        "#   - 0300 123 4567",
        "---",
        "",
    ]
    for number, (name, hint) in enumerate(zip(SEVEN_SECTIONS, _SECTION_HINTS, strict=True), start=1):
        lines += [f"## {number}. {name}", "", f"{PLACEHOLDER} {hint}", ""]
    return "\n".join(lines)


def action_plan_text(slug: str, vocabulary: Vocabulary | None, today: date) -> str:
    agencies = _ids(vocabulary, "agencies")
    due = (today + timedelta(days=365)).isoformat()
    action = [
        "      - id: R1.1                 # unique within the plan: R1.1, R1.2, R2.1 ...",
        f"        text: \"{PLACEHOLDER} what will be done, and how success will be measured\"",
        "        # The agency that leads the action, an id from agencies in reviews/vocabulary.yml,",
        *_choices(agencies, "        "),
        f"        lead: {_first(agencies, 'childrens-social-care')}",
        f"        due: {due}             # the deadline, YYYY-MM-DD; 'overdue' is worked out from it",
        "        # After each board meeting, add an update at the end of the list (oldest first). For the first",
        "        # one, replace 'updates: []' below with lines like these, without the '# ':",
        "        # updates:",
        "        #   - date: 2026-06-01",
        "        #     status: in-progress    # not-started | in-progress | at-risk | complete | assured |",
        "        #                            # superseded",
        "        #     note: Training dates set; 40 staff booked.",
        "        #     by: Learning and Practice Review Group   # optional: who reported it",
        "        #     evidence: Training register, quarter 1   # what shows it; required for assured",
        "        updates: []",
    ]
    actions_line = "    actions:"
    if not agencies:  # no agency to name as lead yet: leave the action as an example so the file stays valid
        action = ["    #   " + line[4:] for line in action]
        actions_line = "    actions: []"
    lines = [
        "---",
        f"# The action plan for {slug}. It is on the site whenever the review is published in full.",
        "",
        "# Required. The group that monitors progress.",
        f"monitored_by: \"{PLACEHOLDER} the group that monitors the plan, e.g. Learning and Practice Review Group\"",
        "",
        "# Optional. The boards or committees the group reports to.",
        "# reports_to: [Management Executive Board, Overview and Scrutiny Committee]",
        "",
        "# Required, at least one. Each recommendation of the review, with the partners' response and actions.",
        "recommendations:",
        "  - id: R1                       # unique within the plan: R1, R2 ...",
        f"    text: \"{PLACEHOLDER} the recommendation, worded as in the report\"",
        "    response: accepted           # accepted | accepted-in-principle | not-accepted",
        "    # response_note: Required when not-accepted, saying why.",
        actions_line,
        *action,
        "---",
        "",
    ]
    return "\n".join(lines)
