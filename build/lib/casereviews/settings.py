"""Site settings that change what the content means (not how it looks): read from ``extra.reviews`` in mkdocs.yml.

Every setting is checked: a wrong one is reported as ``mkdocs.yml:LINE: extra.reviews.NAME: message`` (the line
added by ``project.locate_settings`` when it can be found), every one at once, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from casereviews.problems import Problem, ReviewsError


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder; problems name files relative to it
    content_dir: Path  # where reviews/ lives
    partnership: str = "Safeguarding Children Partnership"
    stale_after_days: int = 90
    site_url: str = ""
    impact_review_months: int = 12  # a complete action's impact is due to be checked this many months later
    # Documents (casereviews.content.documents): where extracted text is cached, the size a phone on mobile data should
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
    def from_mapping(cls, root: Path, extra: Any, site_url: str | None = None) -> Settings:
        """The settings, each checked: ``InvalidSettings`` lists every wrong one at once, naming it and saying what
        it takes."""
        if extra is None:
            extra = {}
        if not isinstance(extra, Mapping):
            raise InvalidSettings([problem("", "must be a set of 'setting: value' lines, e.g. 'partnership: Harrowmere "
                                               f"Safeguarding Children Partnership', not {_describe(extra)}")])
        problems: list[Problem] = []
        for name in sorted(map(str, extra)):
            if name not in KNOWN:
                near = get_close_matches(name, KNOWN, n=1)
                hint = f"did you mean {near[0]}?" if near else f"the settings are {', '.join(KNOWN)}"
                problems.append(problem(name, f"is not a setting of this site: {hint}"))
        checked = {name: _check(name, extra[name], problems) for name in KNOWN if name in extra}
        if problems:
            raise InvalidSettings(problems)
        content = Path(checked.get("content_dir") or "reviews")
        return cls(
            root=root,
            content_dir=content if content.is_absolute() else root / content,
            partnership=checked.get("partnership") or cls.partnership,
            stale_after_days=checked.get("stale_after_days") or cls.stale_after_days,
            site_url=site_url or "",
            impact_review_months=checked.get("impact_review_months") or cls.impact_review_months,
            document_cache=_folder(root, extra.get("document_cache", ".cache/documents")),
            document_size_limit_mb=checked.get("document_size_limit_mb") or cls.document_size_limit_mb,
            strict_documents=bool(checked.get("strict_documents")),
            accessible_contact=(checked.get("accessible_contact") or "").strip(),
            search_bundle_mb=checked.get("search_bundle_mb") or cls.search_bundle_mb,
        )


SETTING = "extra.reviews"
CONFIG_LABEL = "mkdocs.yml"  # the file a problem names until project.locate_settings finds the file and line
KNOWN = ("accessible_contact", "content_dir", "document_cache", "document_size_limit_mb", "hub",
         "impact_review_months", "partnership", "search_bundle_mb", "stale_after_days", "strict_documents")
_TEXT = {
    "partnership": "must be the partnership's name as text, e.g. 'Harrowmere Safeguarding Children Partnership'",
    "content_dir": "must be the folder holding the reviews, relative to mkdocs.yml, e.g. reviews",
    "accessible_contact": "must be text saying whom to ask for an accessible version of a document, e.g. "
                          "'the business unit at lscp@example.gov.uk'",
}
_WHOLE = {  # name: (unit, example, largest sensible value)
    "stale_after_days": ("days", 90, 3650),
    "impact_review_months": ("months", 12, 120),
}
_SIZE = {"document_size_limit_mb": 20, "search_bundle_mb": 40}  # name: an example, in MB
_CACHE_OFF = (None, False, "", "off", "none")


class SettingsError(ReviewsError, ValueError):
    """The build is misconfigured; the message names the setting to change."""


class InvalidSettings(SettingsError):
    """Settings under ``extra.reviews`` with wrong values: every one, as ``file:line: setting: message``."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def problem(name: str, message: str) -> Problem:
    """A problem with the setting ``extra.reviews.NAME``, in mkdocs.yml at a line not known yet (0)."""
    return Problem(CONFIG_LABEL, 0, f"{SETTING}.{name}" if name else SETTING, message)


def _check(name: str, value: Any, problems: list[Problem]) -> Any:
    """The value when it is right for ``name`` (None: use the default), else None with a problem noted."""
    if value is None or name == "hub":  # not set: the default; a hub's settings are checked by hub.config
        return None
    if name in _TEXT:
        if isinstance(value, str):
            return value
        problems.append(problem(name, f"{_TEXT[name]}, not {_describe(value)}"))
    elif name in _WHOLE:
        unit, example, most = _WHOLE[name]
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= most:
            return value
        problems.append(problem(name, f"must be a whole number of {unit} from 1 to {most}, e.g. {example}, "
                                      f"not {_describe(value)}"))
    elif name in _SIZE:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < float("inf"):
            return float(value)
        problems.append(problem(name, f"must be a number of megabytes above 0, e.g. {_SIZE[name]}, "
                                      f"not {_describe(value)}"))
    elif name == "strict_documents":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _ON | _OFF:
            return value.strip().lower() in _ON
        problems.append(problem(name, f"must be true or false, not {_describe(value)}"))
    elif name == "document_cache":
        if value in _CACHE_OFF or (isinstance(value, str) and value.strip()):
            return value
        problems.append(problem(name, "must be a folder for the text taken from documents, relative to mkdocs.yml "
                                      f"(e.g. .cache/documents), or off to keep none, not {_describe(value)}"))
    return None


def _describe(value: Any) -> str:
    """A wrong value as a message quotes it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        if not value.strip():
            return "empty text"
        text = value if len(value) <= 60 else value[:60] + "..."
        return repr(text if text.isprintable() else text.encode("unicode_escape").decode("ascii"))
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a set of settings"
    return "a value of another kind"


def _folder(root: Path, value: Any) -> Path | None:
    """A folder setting relative to the project; empty or false turns the cache off."""
    if value in _CACHE_OFF:
        return None
    path = Path(str(value))
    return path if path.is_absolute() else root / path


# A production build must know the site's public address: the feed, the sitemap, robots.txt, the data files and
# shared links all need absolute URLs. Local previews and tests build without one.
PRODUCTION_ENV = "REVIEWS_PRODUCTION"
_ON = {"1", "true", "yes", "on"}
_OFF = {"", "0", "false", "no", "off"}


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
