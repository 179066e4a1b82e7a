"""One build's worth of work that does not depend on MkDocs: settings, reference time, content, public site,
pages. The hook holds one ``Build`` per MkDocs build; scripts can make one without MkDocs at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from casereviews.clock import ClockError, reference_time
from casereviews.content.doccache import DocumentCache
from casereviews.content.load import collector_paused, load
from casereviews.outputs.lastmod import AS_AT_TEMPLATES, latest_day, page_days
from casereviews.pages.makers import all_pages
from casereviews.pages.spec import PageSpec
from casereviews.problems import ContentError, Problem, ReviewsError
from casereviews.project import CONFIG_NAME, locate_settings
from casereviews.publication.document_checks import check_documents, warnings
from casereviews.publication.site import PublicSite
from casereviews.settings import InvalidSettings, Settings, SettingsError, require_site_url


class BuildError(ReviewsError):
    """Something an editor or operator must fix before the site can be built; the message says what."""


@dataclass
class Build:
    settings: Settings
    at: datetime
    site: PublicSite
    pages: list[PageSpec]
    documents: DocumentCache | None = None
    document_warnings: list[Problem] = field(default_factory=list)

    @classmethod
    def prepare(cls, root: Path, extra: dict[str, Any] | None, site_url: str | None = None,
                environ: dict[str, str] | None = None, config_file: Path | None = None) -> Build:
        """``config_file``: the mkdocs.yml the settings came from, so a wrong setting is reported at its line."""
        try:
            settings = Settings.from_mapping(root, extra, site_url)
        except InvalidSettings as err:
            raise BuildError(settings_report(err, config_file or root / CONFIG_NAME)) from None
        try:
            require_site_url(site_url, os.environ if environ is None else environ)
            at = reference_time(environ)
            content = load(settings)
        except (ClockError, ContentError, SettingsError) as err:
            raise BuildError(str(err)) from None
        with collector_paused():  # as while reading: the public site and its pages are new objects that live on
            site = PublicSite.build(content, at, settings)
            documents = DocumentCache(settings.document_cache)
            site.read_documents(documents.read)  # only the documents the public site holds
            found = warnings(check_documents(site.published, documents.read), settings)
            if found and settings.strict_documents:
                raise BuildError(strict_report(found))
            return cls(settings, at, site, all_pages(site), documents, found)

    def documents_summary(self) -> str:
        warned = len({p.file for p in self.document_warnings})
        more = (f"; {warned} document{'s' if warned != 1 else ''} with warnings (run scripts/check to see them)"
                if warned else "")
        return f"{self.documents.summary()}{more}" if self.documents else ""

    @cached_property
    def by_uri(self) -> dict[str, PageSpec]:
        return {p.src_uri: p for p in self.pages}

    @cached_property
    def page_days(self) -> dict[str, str]:
        """``src_uri`` -> ISO day the page last changed (the sitemap's lastmod), for generated pages."""
        return {uri: day.isoformat() for uri, day in page_days(self.site, self.pages).items()}

    @cached_property
    def latest_day(self) -> str:
        return latest_day(self.site).isoformat()

    def lastmod(self, src_uri: str, template: str | None = None) -> str:
        """The sitemap's lastmod of a page: from ``page_days`` for a generated page; for a page of docs/, the
        reference day when its template prints figures "as at" it, else the latest day of any public review."""
        if src_uri in self.page_days:
            return self.page_days[src_uri]
        return self.site.today.isoformat() if template in AS_AT_TEMPLATES else self.latest_day

    def summary(self) -> str:
        s = self.site
        return (f"{len(s.reviews)} public reviews ({len(s.published)} in full), {len(s.briefings)} briefings, "
                f"{len(s.action_plans)} action plans, {len(self.pages)} generated pages, as at {self.at.isoformat()}")


def strict_report(found: list[Problem]) -> str:
    """The document warnings as errors, when the partnership has asked for that rule."""
    files = len({p.file for p in found})
    head = (f"{len(found)} problem{'s' if len(found) != 1 else ''} in {files} document{'s' if files != 1 else ''} "
            "(strict_documents is on, so documents readers cannot use stop the build):")
    return "\n".join([head, *(f"  {p}" for p in sorted(found))])


def settings_report(err: InvalidSettings, config_file: Path) -> str:
    """The wrong settings, each at its line of mkdocs.yml (or the file it inherits), as ``scripts/check`` prints
    them."""
    found = locate_settings(config_file, err.problems)
    head = f"{len(found)} problem{'s' if len(found) != 1 else ''} in the site's settings:"
    return "\n".join([head, *(f"  {p}" for p in sorted(found))])
