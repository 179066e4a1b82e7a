"""Problems an editor can fix, reported all together as ``file:line: field: message``, and the one base class of
every error an editor or operator must fix (``ReviewsError``): the commands and the hook catch that class and
print its message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, located so an editor can go straight to it."""

    file: str  # path relative to the project, with forward slashes
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # Line 0: the line is not known (a setting that came from a default or an environment variable).
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}"
        # One problem, one line, whatever the content held: a folder name or value with a line break, a control
        # character or half a surrogate pair is shown escaped (\\n, \\x1b, \\ud800) rather than printed.
        return text if text.isprintable() else "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii") if char != "\\" else char


class ReviewsError(Exception):
    """Something an editor or operator must fix: its message says what and how. Anything else is a bug."""


class OutputError(ReviewsError):
    """An output could not be written; the message says what failed and what to do."""


class ContentError(ReviewsError):
    """Raised with every problem at once, so an editor fixes them in one pass rather than one per build."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the review content:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
