"""/robots.txt: every public page may be crawled (only public pages exist), and the sitemap is named.

The Sitemap line must be an absolute URL, so a local build without ``site_url`` leaves it out; a production
build always has it (see ``settings.require_site_url``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casereviews.publication.site import PublicSite
from casereviews.urls import public_url


def robots_txt(site: PublicSite) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    if site.settings.site_url:
        lines.append(f"Sitemap: {public_url(site.settings.site_url, 'sitemap.xml')}")
    else:
        lines.append("# No Sitemap line: this is a local build without site_url.")
    return "\n".join(lines) + "\n"


def write_robots(site: PublicSite, site_dir: Path, config: Any) -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site), encoding="utf-8")
