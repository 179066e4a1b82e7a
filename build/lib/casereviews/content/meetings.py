"""reviews/meetings.yml: the groups that monitor action plans and the dates they meet.

The file is optional. Its schema (schema/meetings.schema.json) says the field types; the rules here say what a
schema cannot: each group id once, every meeting's group a known id, real dates, and no meeting listed twice.

Which plans a group looks at is decided here too, from what the plans already say:

- a plan is *monitored* by the group whose id or label equals its ``monitored_by`` (ignoring case and spaces at
  the ends); when no group matches, by the first group in the file;
- a group's meeting pack covers the plans it monitors and the plans whose ``reports_to`` names it (by id or
  label), since a board or committee is sent the same picture the monitoring group sees.
"""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches
from pathlib import Path

from casereviews.content.model import ActionPlan, Group, Meeting, Meetings
from casereviews.content.schemas import schema_problems
from casereviews.content.source import Source, read_source
from casereviews.problems import Problem

FILE_NAME = "meetings.yml"


def read_meetings(folder: Path, root: Path) -> tuple[Meetings, list[Problem]]:
    """The checked meetings file in ``folder``, or no groups when there is no file."""
    path = folder / FILE_NAME
    if not path.is_file():
        return Meetings(), []
    source, problems = read_source(path, root, front_matter=False)
    if source is None:
        return Meetings(), problems
    meetings, more = check_meetings(source)
    return meetings, problems + more


def check_meetings(source: Source) -> tuple[Meetings, list[Problem]]:
    problems = schema_problems(source, "meetings", "the meetings file")
    data = source.data if isinstance(source.data, dict) else {}
    groups: dict[str, Group] = {}
    raw_groups = data.get("groups")
    for i, entry in enumerate(raw_groups if isinstance(raw_groups, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("label"), str)):
            continue
        if entry["id"] in groups:
            problems.append(source.problem(("groups", i, "id"), f"'{entry['id']}' is listed twice in groups: "
                                           "each group is listed once"))
            continue
        groups[entry["id"]] = Group(entry["id"], entry["label"].strip())

    meetings: list[Meeting] = []
    seen: dict[tuple[str, date], int] = {}
    raw_meetings = data.get("meetings")
    for i, entry in enumerate(raw_meetings if isinstance(raw_meetings, list) else []):
        if not isinstance(entry, dict):
            continue
        group_id, when = entry.get("group"), _date(source, ("meetings", i, "date"), problems)
        group = groups.get(group_id) if isinstance(group_id, str) else None
        if isinstance(group_id, str) and group is None and groups:
            close = get_close_matches(group_id, list(groups), n=1, cutoff=0.5)
            guess = f"did you mean '{close[0]}'? " if close else ""
            problems.append(source.problem(("meetings", i, "group"), f"'{group_id}' is not a known group; {guess}"
                                           f"use one of the ids under groups: {', '.join(groups)}"))
        if group is None or when is None:
            continue
        line = source.line(("meetings", i))
        if (group.id, when) in seen:
            problems.append(source.problem(("meetings", i, "date"), f"{group.id} already meets on {when} (line "
                                           f"{seen[group.id, when]}): list each meeting once"))
            continue
        seen[group.id, when] = line
        title = entry.get("title")
        meetings.append(Meeting(group, when, title.strip() if isinstance(title, str) else ""))
    if problems:
        return Meetings(), problems
    meetings.sort(key=lambda m: (m.date, list(groups).index(m.group.id)))
    return Meetings(tuple(groups.values()), tuple(meetings)), []


def _date(source: Source, path: tuple, problems: list[Problem]) -> date | None:
    value = source.data["meetings"][path[1]].get("date")
    if not isinstance(value, str) or len(value) != 10:
        return None  # the schema has already said which form a date takes
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(source.problem(path, f"'{value}' is not a real date: check the day and month (written "
                                       "YYYY-MM-DD, e.g. 2026-01-15)"))
        return None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _matches(group: Group, name: str) -> bool:
    return _key(name) in (_key(group.id), _key(group.label))


def monitoring_group(meetings: Meetings, plan: ActionPlan) -> Group | None:
    """The group that monitors ``plan``: the one its ``monitored_by`` names, else the first group."""
    if not meetings.groups:
        return None
    return next((g for g in meetings.groups if _matches(g, plan.monitored_by)), meetings.groups[0])


def oversees(meetings: Meetings, group: Group, plan: ActionPlan) -> bool:
    """Whether ``group``'s meeting packs cover ``plan``: it monitors the plan, or the plan reports to it."""
    return monitoring_group(meetings, plan) == group or any(_matches(group, name) for name in plan.reports_to)
