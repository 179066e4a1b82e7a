"""A hub's build, as the hook sees it: the same shape as ``casereviews.build.Build`` (settings, reference time,
public view, pages), made from the harvest snapshot alone. It never touches the network."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from casereviews.build import BuildError
from casereviews.clock import ClockError, reference_time
from casereviews.hub.config import HubSettingsError, hub_settings
from casereviews.hub.model import HubSite
from casereviews.hub.pages import hub_pages
from casereviews.hub.search import write_hub_search
from casereviews.hub.snapshot import read_snapshot
from casereviews.outputs.og_card import write_og_card
from casereviews.pages.spec import PageSpec
from casereviews.problems import Problem
from casereviews.settings import Settings, SettingsError, require_site_url

REPO_DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
# The project's stylesheet and search script, which a hub's own docs/ need not copy.
ASSETS = ("assets/site.css", "assets/print.css", "assets/search.js")


@dataclass
class HubBuild:
    settings: Settings
    at: datetime
    site: HubSite
    pages: list[PageSpec]
    problems: list[Problem] = field(default_factory=list)  # found in the snapshot: those records are not shown

    @classmethod
    def prepare(cls, root: Path, extra: dict[str, Any] | None, site_url: str | None = None,
                environ: dict[str, str] | None = None, site_name: str = "") -> HubBuild:
        try:
            hub = hub_settings(root, extra)
            require_site_url(site_url, os.environ if environ is None else environ)
            at = reference_time(environ)
        except (HubSettingsError, ClockError, SettingsError) as err:
            raise BuildError(str(err)) from None
        settings = Settings(root=root, content_dir=root / "reviews", partnership=site_name or "Case reviews hub",
                            site_url=site_url or "")
        snapshots = read_snapshot(hub.snapshot, hub.sources)
        site = HubSite.build(snapshots, at, settings, hub)
        return cls(settings, at, site, hub_pages(site), [p for s in snapshots for p in s.problems])

    @cached_property
    def by_uri(self) -> dict[str, PageSpec]:
        return {p.src_uri: p for p in self.pages}

    def lastmod(self, src_uri: str, template: str | None = None) -> str:
        return self.site.today.isoformat()  # every hub page shows figures as at the reference day

    def summary(self) -> str:
        s = self.site
        failed = f", {len(s.failed)} whose last harvest failed" if s.failed else ""
        return (f"hub of {len(s.partnerships)} partnerships{failed}: {len(s.reviews)} reviews, {s.briefings} "
                f"briefings, {s.plans} action plans, {len(self.pages)} generated pages, as at {self.at.isoformat()}")

    def documents_summary(self) -> str:
        return ""

    def asset_files(self, taken: set[str]) -> list[tuple[str, str]]:
        """The project's stylesheet and search script, unless the hub's docs/ has its own."""
        return [(uri, str(REPO_DOCS / uri)) for uri in ASSETS if uri not in taken]

    def write_outputs(self, site_dir: Path) -> str:
        write_og_card(self.site, site_dir, None)  # the sharing card, with the hub's name
        return write_hub_search(self.site, site_dir)
