"""The editors' two commands, ``scripts/check`` and ``scripts/new-review``, as functions returning exit codes.

``check`` runs the build's own first step (``load_with_problems`` with the settings from mkdocs.yml) and nothing
after it: no MkDocs, no rendering, no search index. That is why it is fast, and why it cannot disagree with the
build about what is wrong.

Exit codes: 0 all clear, 1 problems in the content, 2 the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from casereviews.clock import ClockError, parse_moment, reference_time
from casereviews.content.doccache import DocumentCache
from casereviews.content.load import load_with_problems
from casereviews.outputs.fingerprint import fingerprint
from casereviews.project import ProjectError, command_name, find_config, settings_from_config
from casereviews.publication.document_checks import check_documents, to_be_published, warnings
from casereviews.publication.publishing import Schedule
from casereviews.settings import InvalidSettings
from casereviews.tools.scaffold import ScaffoldError, new_review

OK, PROBLEMS, USAGE = 0, 1, 2


def _config_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", type=Path, metavar="FILE",
                        help="the site's mkdocs.yml (default: the one in this folder or the nearest above it)")


def _settings(args: argparse.Namespace):
    """The settings of the project named with -f, else of the one this folder is in (the nearest mkdocs.yml here or
    above, as MkDocs finds its configuration): never another project's, so the command acts on what the editor
    means or says it found none."""
    path = args.config_file or find_config(Path.cwd())
    if not path.is_file():
        raise ProjectError(f"{path}: no such file")
    return settings_from_config(path)


def _settings_problems(err: InvalidSettings, out: TextIO, prog: str) -> None:
    for problem in err.problems:
        print(problem, file=out)
    count = len(err.problems)
    print(f"{count} problem{'s' if count != 1 else ''} in the site's settings: fix {'them' if count != 1 else 'it'}, "
          f"then run {prog} again.", file=out)


def check(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog=command_name("scripts/check"),
        description="Check everything under reviews/ exactly as the build does, without building the site.")
    parser.add_argument("--as-of", metavar="DATE",
                        help="judge publication at this date or date-time, e.g. 2026-03-12 or 2026-03-12T10:00 "
                             "(default: REVIEWS_AS_OF if set, else now)")
    parser.add_argument("--publishing", action="store_true",
                        help="also list what is public, embargoed (and until when), withdrawn, archived or draft")
    parser.add_argument("--strict-documents", action="store_true",
                        help="treat the warnings about documents (scans, untagged, no title or language, encrypted, "
                             "damaged, too large) as problems, as the site setting strict_documents: true does")
    _config_arg(parser)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        settings = _settings(args)
    except ProjectError as err:
        print(f"scripts/check: {err}", file=sys.stderr)
        return USAGE
    except InvalidSettings as err:  # as content problems: an editor fixes them, then checks again
        _settings_problems(err, out, "scripts/check")
        return PROBLEMS
    try:
        at = parse_moment(args.as_of) if args.as_of else reference_time()
    except ClockError as err:  # REVIEWS_AS_OF is wrong: the build would stop on the same value
        print(f"{err}", file=out)
        return PROBLEMS
    except ValueError:
        print(f"scripts/check: --as-of {args.as_of!r} is not a date or date-time: use e.g. 2026-03-12 or "
              "2026-03-12T10:00:00+00:00", file=sys.stderr)
        return USAGE

    content, problems = load_with_problems(settings)
    document_notes = []
    if content is not None:  # what readers of the documents would run into; never stops on a broken file
        cache = DocumentCache(settings.document_cache)
        document_notes = warnings(check_documents(tuple(to_be_published(content, at)), cache.read), settings)
        if args.strict_documents or settings.strict_documents:
            problems = problems + document_notes
            document_notes = []
    for problem in sorted(problems):
        print(problem, file=out)
    if content is not None and args.publishing:
        if problems:
            print(file=out)
        for line in Schedule.of(content, at).lines():
            print(line, file=out)
        skipped = _folders(settings) - len(content.reviews)
        if skipped:
            print(f"\n{skipped} review folder{'s' if skipped != 1 else ''} with problems "
                  f"{'are' if skipped != 1 else 'is'} left out of this list until fixed.", file=out)
        print(file=out)
    if document_notes:
        if problems and not args.publishing:
            print(file=out)
        files = len({p.file for p in document_notes})
        print(f"Warnings about {files} document{'s' if files != 1 else ''} readers may not be able to use (they are "
              "published; --strict-documents or the site setting strict_documents: true makes these errors):",
              file=out)
        for note in document_notes:
            print(f"warning: {note}", file=out)
        print(file=out)
    elapsed = time.perf_counter() - started
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}"
              ": fix them, then run scripts/check again.", file=out)
        return PROBLEMS
    reviews = content.reviews
    briefings = sum(1 for r in reviews if r.briefing)
    plans = sum(1 for r in reviews if r.action_plan)
    print(f"All clear: {len(reviews)} review{'s' if len(reviews) != 1 else ''}, {briefings} "
          f"briefing{'s' if briefings != 1 else ''}, {plans} action plan{'s' if plans != 1 else ''} and the "
          f"vocabulary checked in {elapsed:.2f}s{_warned(document_notes)}.", file=out)
    return OK


def _warned(notes) -> str:
    files = len({p.file for p in notes})
    return f", with warnings about {files} document{'s' if files != 1 else ''} above" if notes else ""


def _folders(settings) -> int:
    folder = settings.content_dir
    return sum(1 for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.is_dir() else 0


def new_review_command(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog=command_name("scripts/new-review"),
        description="Start a review: reviews/SLUG/index.md as a draft, with every field explained.")
    parser.add_argument("slug", metavar="SLUG", help="the review's folder name and web address, e.g. 2024-child-sam")
    parser.add_argument("--briefing", action="store_true", help="also start a seven-minute learning briefing")
    parser.add_argument("--action-plan", action="store_true", help="also start an action plan")
    _config_arg(parser)
    args = parser.parse_args(argv)
    try:
        settings = _settings(args)
        created = new_review(settings, args.slug, briefing=args.briefing, action_plan=args.action_plan)
    except (ProjectError, ScaffoldError) as err:
        print(f"scripts/new-review: {err}", file=sys.stderr)
        return USAGE
    except InvalidSettings as err:
        _settings_problems(err, sys.stderr, "scripts/new-review")
        return USAGE
    root = settings.root
    print(f"Created {created.folder.relative_to(root).as_posix()}/ with:", file=out)
    for path in created.files:
        print(f"  {path.relative_to(root).as_posix()}", file=out)
    print(f"  {created.folder.relative_to(root).as_posix()}/files/  (put the report and other documents here)",
          file=out)
    print("Everything is a draft, so nothing is published yet. Fill in the fields (each one says what it takes),\n"
          "run scripts/check, and change 'status: draft' to 'status: published' when the review is ready.",
          file=out)
    return OK


def import_command(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    from casereviews.tools.importer import CatalogueError, run_import  # only this command needs it

    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog=command_name("scripts/import"),
        description="Turn a spreadsheet (CSV) of published reviews into draft review folders under reviews/, "
                    "with each review's file copied in. Never publishes, never overwrites.")
    parser.add_argument("catalogue", type=Path, metavar="CATALOGUE.csv",
                        help="the spreadsheet saved as CSV: one row per review, the first row naming the columns")
    parser.add_argument("--files", type=Path, metavar="DIR",
                        help="the folder holding the files named in the 'file' column (default: the catalogue's "
                             "folder)")
    parser.add_argument("--dry-run", action="store_true", help="report what would be done, and write nothing")
    _config_arg(parser)
    args = parser.parse_args(argv)
    try:
        settings = _settings(args)
        report = run_import(settings, args.catalogue, args.files, dry_run=args.dry_run)
    except (ProjectError, CatalogueError) as err:
        print(f"scripts/import: {err}", file=sys.stderr)
        return USAGE
    except InvalidSettings as err:
        _settings_problems(err, sys.stderr, "scripts/import")
        return USAGE
    for line in report.lines():
        print(line, file=out)
    return report.exit_code


def run(command, argv: Sequence[str] | None = None) -> None:
    """Entry point for the scripts: never a traceback for an editor's mistake, and Ctrl-C exits quietly."""
    try:
        code = command(argv)
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # output piped into e.g. head, which stopped reading: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


def harvest_command(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """``scripts/harvest``: a hub's sources into its snapshot (casereviews/hub/command.py)."""
    from casereviews.hub.command import harvest_command as harvest_hub

    try:
        config = find_config(Path.cwd())
    except ProjectError:
        config = None  # -f may name it; else the hub command says it found none
    return harvest_hub(argv, out or sys.stdout, config)


def fingerprint_command(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Print the fingerprint of a built site (default: site/): a hash of everything the public can see, which the
    deploy workflow compares with the last one it published. Exit 0 and the hex digest; 2 when there is no site."""
    parser = argparse.ArgumentParser(prog=command_name("scripts/fingerprint"), description=fingerprint_command.__doc__)
    parser.add_argument("site_dir", nargs="?", default="site", type=Path, metavar="SITE_DIR")
    args = parser.parse_args(argv)
    try:
        print(fingerprint(args.site_dir), file=out or sys.stdout)
    except FileNotFoundError as err:
        print(f"{parser.prog}: {err}", file=sys.stderr)
        return 2
    return 0


# The console scripts (pyproject.toml, [project.scripts]).
def check_main() -> None:
    run(check)


def new_review_main() -> None:
    run(new_review_command)


def import_main() -> None:
    run(import_command)


def harvest_main() -> None:
    run(harvest_command)


def fingerprint_main() -> None:
    run(fingerprint_command)
