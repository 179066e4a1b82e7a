"""Site settings that change what the content means (not how it looks): read from ``extra.reviews`` in mkdocs.yml."""

from __future__ import annotations

from collections.abc import Mapping
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
    impact_review_months: int = 12  # a complete action's impact is due to be checked this many months later
    # Documents (casereviews.documents): where extracted text is cached, the size a phone on mobile data should
    # not be asked to download, whether the check's document warnings stop a build, and whom to ask for an
    # accessible version of a scanned document.
    document_cache: Path | None = None
    document_size_limit_mb: float = 20.0
    strict_documents: bool = False
    accessible_contact: str = ""
    # Search (casereviews.outputs.search_index): the index is written in bundles, each from at most about this many
    # million bytes (the pages' HTML, the documents' text), so no Pagefind process holds it all at once.
    search_bundle_mb: float = 40.0

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
            impact_review_months=int(extra.get("impact_review_months", 12)),
            document_cache=_folder(root, extra.get("document_cache", ".cache/documents")),
            document_size_limit_mb=float(extra.get("document_size_limit_mb", 20)),
            strict_documents=str(extra.get("strict_documents", False)).strip().lower() in _ON,
            accessible_contact=str(extra.get("accessible_contact") or "").strip(),
            search_bundle_mb=float(extra.get("search_bundle_mb", 40)),
        )


def _folder(root: Path, value: Any) -> Path | None:
    """A folder setting relative to the project; empty or false turns the cache off."""
    if value in (None, False, "", "off", "none"):
        return None
    path = Path(str(value))
    return path if path.is_absolute() else root / path


# A production build must know the site's public address: the feed, the sitemap, robots.txt, the data files and
# shared links all need absolute URLs. Local previews and tests build without one.
PRODUCTION_ENV = "REVIEWS_PRODUCTION"
_ON = {"1", "true", "yes", "on"}
_OFF = {"", "0", "false", "no", "off"}


class SettingsError(ValueError):
    """The build is misconfigured; the message names the setting to change."""


def is_production(environ: Mapping[str, str]) -> bool:
    raw = environ.get(PRODUCTION_ENV, "").strip().lower()
    if raw in _ON:
        return True
    if raw in _OFF:
        return False
    raise SettingsError(f"{PRODUCTION_ENV}={raw!r} is not understood: use {PRODUCTION_ENV}=1 for a production build, "
                        f"or leave it unset for a local preview")


def require_site_url(site_url: str | None, environ: Mapping[str, str]) -> None:
    """Fail a production build that has no public address, saying what to set."""
    if is_production(environ) and not (site_url or "").strip():
        raise SettingsError(
            f"site_url is not set, and a production build ({PRODUCTION_ENV}=1) needs it: the feed, sitemap, "
            "robots.txt and data files give absolute addresses. Set the environment variable SITE_URL to the site's "
            "public address (e.g. SITE_URL=https://reviews.example.gov.uk/) or set site_url in mkdocs.yml; "
            f"for a local preview, unset {PRODUCTION_ENV}."
        )
