"""Read and check everything under reviews/: the first step of every build and of ``scripts/check``.

It collects every problem in every file before giving up, so an editor sees the whole list at once.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from difflib import get_close_matches
from pathlib import Path

from casereviews.content.check import (
    check_action_plan,
    check_briefing,
    check_review,
    check_vocabulary,
    is_slug,
    placeholder_problems,
    slug_problems,
)
from casereviews.content.meetings import FILE_NAME as MEETINGS_FILE
from casereviews.content.meetings import read_meetings
from casereviews.content.model import Content, Review
from casereviews.content.relations import relation_problems
from casereviews.content.schemas import shown
from casereviews.content.source import read_source
from casereviews.problems import ContentError, Problem
from casereviews.settings import Settings
from casereviews.statuses import ReviewStatus

REVIEW_FILES = ("index.md", "briefing.md", "action-plan.md")
IGNORED = {".DS_Store", "Thumbs.db", ".gitkeep", "README.md"}


def load(settings: Settings) -> Content:
    """The checked content, or ``ContentError`` listing every problem found."""
    content, problems = load_with_problems(settings)
    if problems or content is None:
        raise ContentError(problems)
    return content


def load_with_problems(settings: Settings) -> tuple[Content | None, list[Problem]]:
    with collector_paused():
        return _load_with_problems(settings)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the content is read, as it is not needed here.

    Reading makes millions of objects that live on (the content) or die by reference counting (YAML nodes), and
    the collector, triggered by the count of new objects, kept walking them all: an eighth of the time of reading
    2,000 reviews, for garbage that is not there. It is switched back on as it was found, even on an error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_with_problems(settings: Settings) -> tuple[Content | None, list[Problem]]:
    root, folder = settings.root, settings.content_dir
    rel_folder = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else folder.as_posix()
    if not folder.is_dir():
        return None, [Problem(rel_folder, 1, "folder", "does not exist: create it with a vocabulary.yml and one "
                              "folder per review")]
    vocab_path = folder / "vocabulary.yml"
    if not vocab_path.is_file():
        return None, [Problem(f"{rel_folder}/vocabulary.yml", 1, "file", "is missing: the site needs the "
                              "review_types, themes, agencies and age_bands lists")]
    source, problems = read_source(vocab_path, root, front_matter=False)
    vocabulary = None
    if source:
        vocabulary, vocab_problems = check_vocabulary(source)
        problems += vocab_problems
    if vocabulary is None:
        return None, problems  # every other check needs the vocabulary

    reviews: list[Review] = []
    unreadable: list[str] = []  # review folders with problems of their own
    for entry in sorted(folder.iterdir()):
        rel = f"{rel_folder}/{entry.name}"
        if entry.name in IGNORED or entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(Problem(rel, 1, "file" if entry.name == "vocabulary.yml" else "folder",
                                    _SYMLINK))
            continue
        if entry.is_file():
            if entry.name not in ("vocabulary.yml", MEETINGS_FILE):
                problems.append(Problem(rel, 1, "file", f"is not expected here: {rel_folder}/ holds "
                                        "vocabulary.yml, meetings.yml and one folder per review"))
            continue
        review, review_problems = _load_review(entry, rel, settings, vocabulary)
        problems += review_problems
        if review:
            reviews.append(review)
        else:
            unreadable.append(entry.name)
    # Links between recommendations cross files, so they are checked once every review has been read.
    problems += relation_problems(reviews, unreadable)
    meetings, meeting_problems = read_meetings(folder, root)
    problems += meeting_problems
    return Content(vocabulary, tuple(reviews), meetings), problems


DOCUMENTS_FOLDER = "files"
_DOCUMENT_WORDS = {"documents", "docs", "attachments", "reports", "pdfs", "file"}
_SYMLINK = ("is a symbolic link: the site publishes only ordinary files and folders inside reviews/, so copy "
            "what it points to here instead of linking to it")


def _present(path: Path) -> bool:
    """A file, or a link (even a broken one) that read_source refuses with its own message."""
    return path.is_file() or path.is_symlink()


def _linked_documents(folder: Path, rel: str) -> list[Problem]:
    """Every symbolic link under a review's files/ folder: a link can point anywhere on the machine that builds
    the site, and whatever a document names is copied into the public site. os.scandir says whether an entry is a
    link without another system call, so the walk costs one listing per folder."""
    out: list[Problem] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_symlink():
                out.append(Problem(f"{rel}/{entry.name}", 1, "file", _SYMLINK))
            elif entry.is_dir():
                out += _linked_documents(Path(entry.path), f"{rel}/{entry.name}")
    return out


def _load_review(folder: Path, rel: str, settings: Settings, vocabulary) -> tuple[Review | None, list[Problem]]:
    problems: list[Problem] = []
    if not is_slug(folder.name):
        problems.append(Problem(rel, 1, "slug", f"'{shown(folder.name)}' cannot be a review folder name: use "
                                "lower-case letters, digits and single hyphens, e.g. 2021-child-sam"))
    else:
        problems += slug_problems(rel, folder.name)
    for entry in sorted(folder.iterdir()):
        if entry.name in IGNORED:
            continue
        if entry.is_symlink():
            if entry.name not in REVIEW_FILES:  # read_source says it of a content file
                problems.append(Problem(f"{rel}/{entry.name}", 1, "file", _SYMLINK))
            continue
        if entry.is_dir():
            if entry.name == DOCUMENTS_FOLDER:
                problems += _linked_documents(entry, f"{rel}/{entry.name}")
            elif not entry.name.startswith("."):  # hidden folders (an editor's tool settings) are left alone
                name = entry.name.lower()
                close = name in _DOCUMENT_WORDS or get_close_matches(name, [DOCUMENTS_FOLDER], n=1, cutoff=0.6)
                hint = f"did you mean '{DOCUMENTS_FOLDER}'? " if close else ""
                problems.append(Problem(f"{rel}/{entry.name}", 1, "folder", f"is not part of the content format; "
                                        f"{hint}a review folder holds index.md, briefing.md, action-plan.md and "
                                        "files/ (for documents), and nothing in another folder is published"))
            continue
        if entry.is_file() and entry.name not in REVIEW_FILES:
            close = get_close_matches(entry.name, REVIEW_FILES, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(f"{rel}/{entry.name}", 1, "file", f"is not part of the content format; "
                                    f"{hint}a review folder holds index.md, briefing.md, action-plan.md and "
                                    "files/"))
    index = folder / "index.md"
    if not index.is_file() and not index.is_symlink():
        problems.append(Problem(f"{rel}/index.md", 1, "file", "is missing: every review folder needs an index.md "
                                "with the review's front matter (a briefing or action plan cannot stand alone)"))
        return None, problems
    source, read_problems = read_source(index, settings.root)
    problems += read_problems
    review = None
    review_status = None
    if source:
        review_status = source.data.get("status")
        review, review_problems = check_review(source, folder.name, vocabulary, settings.partnership)
        problems += review_problems
    briefing = plan = None
    if _present(folder / "briefing.md"):
        source, read_problems = read_source(folder / "briefing.md", settings.root)
        problems += read_problems
        if source:
            briefing, more = check_briefing(source, vocabulary)
            problems += more
    if _present(folder / "action-plan.md"):
        source, read_problems = read_source(folder / "action-plan.md", settings.root)
        problems += read_problems
        if source:
            plan, more = check_action_plan(source, vocabulary)
            problems += more
            if review_status == ReviewStatus.PUBLISHED:  # the plan is public with its review
                problems += placeholder_problems(source)
    if problems or review is None:
        return None, problems
    if briefing is not None and not briefing.title:  # the one place the default title is decided
        briefing = replace(briefing, title=f"Learning briefing: {review.title}".rstrip(": "))
    return replace(review, briefing=briefing, action_plan=plan), []
