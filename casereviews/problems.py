"""Problems an editor can fix, reported all together as ``file:line: field: message``."""

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
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem at once, so an editor fixes them in one pass rather than one per build."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the review content:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
