"""Site settings that change what the content means (not how it looks): read from ``extra.reviews`` in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder; problems name files relative to it
    content_dir: Path  # where reviews/ lives
    partnership: str = "Safeguarding Children Partnership"
    stale_after_days: int = 90
    site_url: str = ""

    @classmethod
    def from_mapping(cls, root: Path, extra: dict[str, Any] | None, site_url: str | None = None) -> Settings:
        extra = extra or {}
        content = Path(extra.get("content_dir", "reviews"))
        return cls(
            root=root,
            content_dir=content if content.is_absolute() else root / content,
            partnership=str(extra.get("partnership") or cls.partnership),
            stale_after_days=int(extra.get("stale_after_days", 90)),
            site_url=site_url or "",
        )
