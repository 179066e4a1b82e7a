"""The public addresses of the site's pages, absolute when the site's address is known.

Data files, the feed and structured data are read away from the site, so they give absolute URLs whenever
``site_url`` is set (a production build must set it). A local build without it gives paths from the site's root
(``/reviews/<slug>/``), which is still right for a preview served at the root of localhost.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit


def review_path(slug: str) -> str:
    return f"reviews/{slug}/"


def briefing_path(slug: str) -> str:
    return f"reviews/{slug}/briefing/"


def action_plan_path(slug: str) -> str:
    return f"reviews/{slug}/action-plan/"


def public_url(site_url: str, path: str) -> str:
    """``path`` (relative to the site root, no leading slash) as an absolute URL, or as ``/path`` without one."""
    path = path.lstrip("/")
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "/" + path


@cache  # one site address per build, asked for every entry of the feed
def host(site_url: str) -> str:
    """The site's host name, e.g. for tag: URIs; ``localhost`` for a local build without an address."""
    return (urlsplit(site_url).hostname or "localhost") if site_url else "localhost"


# Atom feeds of action plan updates (outputs/action_feeds.py): one per plan, one per agency, one for every plan.
ACTION_UPDATES_FEED = "action-plans/feed.xml"


def action_plan_feed_path(slug: str) -> str:
    return f"{action_plan_path(slug)}feed.xml"


def agency_path(agency_id: str) -> str:
    return f"agencies/{agency_id}/"


def agency_feed_path(agency_id: str) -> str:
    return f"{agency_path(agency_id)}feed.xml"
