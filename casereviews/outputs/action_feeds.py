"""Atom feeds of action plan updates, for people who follow a plan without visiting it: one per plan
(``/reviews/<slug>/action-plan/feed.xml``), one per agency (``/agencies/<id>/feed.xml``) and one for every plan
(``/action-plans/feed.xml``).

Each dated update is one entry, carrying the action, its lead, the status it reported and its note (and evidence).
Everything comes from the public site, which has already dropped hidden reviews and updates dated after the
reference day; the entries are filtered by that day again here, so no future update can reach a feed.

What the W3C feed validator checks, and how these feeds meet it:

- every id is unique and permanent: a tag: URI made of the site's host, the update's date, the plan's path, the
  action's id and the update's place among that action's updates of that day;
- every entry has ``updated`` (the update's day, 00:00 London time), and the feed's ``updated`` is its newest
  entry's, so an unchanged site gives an unchanged feed;
- every link is absolute: built from ``site_url``, or, for a local build without one, from the address
  ``mkdocs serve`` previews at (``dev_addr``, http://127.0.0.1:8000/ unless changed). A production build must set
  ``site_url`` (settings.require_site_url).

The XML is written with the same helpers as the site feed (feed.py) and read back before the build succeeds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..clock import LONDON
from ..progress import STATUS_LABELS, TrackedAction
from ..site import PublicSite
from ..urls import (
    ACTION_UPDATES_FEED,
    action_plan_feed_path,
    action_plan_path,
    agency_feed_path,
    agency_path,
    public_url,
)
from . import OutputError
from .feed import ATOM, _sub, tag

MAX_ENTRIES = 100  # newest first; a feed reader only needs what is new


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    path: str  # the action on its plan's page
    moment: datetime
    status: str
    summary: str


@dataclass(frozen=True)
class FeedSpec:
    path: str  # where the feed is written, from the site root
    page: str  # the HTML page it follows
    title: str
    subtitle: str
    actions: tuple[TrackedAction, ...]


def feed_specs(site: PublicSite) -> list[FeedSpec]:
    """Every action update feed of the public site."""
    specs = [FeedSpec(ACTION_UPDATES_FEED, "action-plans/", "Action plan updates",
                      "Every dated update to the published action plans.", site.actions)]
    for review in site.action_plans:
        specs.append(FeedSpec(action_plan_feed_path(review.slug), action_plan_path(review.slug),
                              f"Action plan updates: {review.title}",
                              f"Every dated update to the action plan of {review.title}.",
                              site.actions_by_review.get(review.slug, ())))
    for agency in site.agencies:
        specs.append(FeedSpec(agency_feed_path(agency.id), agency_path(agency.id),
                              f"Action plan updates: actions led by {agency.label}",
                              f"Every dated update to an action {agency.label} leads.",
                              site.actions_by_agency[agency.id]))
    return specs


def entries(site: PublicSite, actions: Iterable[TrackedAction], limit: int = MAX_ENTRIES) -> list[FeedEntry]:
    """One entry per update dated on or before the reference day, newest first (ties by id)."""
    found = []
    for a in actions:
        plan = action_plan_path(a.review.slug)
        seen: dict[date, int] = {}
        for u in a.action.updates:
            if u.date > site.today:
                continue
            seen[u.date] = n = seen.get(u.date, 0) + 1
            found.append((u.date, tag(site, u.date, f"{plan}{a.action.id}/{n}"), a, u))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    out = []
    for day, id_, a, u in found[:limit]:
        label = STATUS_LABELS[u.status]
        lines = [f"Action {a.action.id} ({a.action.lead.label}): {a.action.text}", f"Status: {label}.", u.note]
        if u.evidence:
            lines.append(f"Evidence: {u.evidence}")
        if u.by:
            lines.append(f"Reported by {u.by}.")
        out.append(FeedEntry(id_, f"{a.action.id} {label.lower()}: {a.review.title}",
                             f"{action_plan_path(a.review.slug)}#action-{a.action.id}",
                             datetime.combine(day, time(0, 0), tzinfo=LONDON), u.status, "\n".join(lines)))
    return out


def atom(site: PublicSite, spec: FeedSpec, base: str, author: str) -> ET.Element:
    chosen = entries(site, spec.actions)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    _sub(feed, "id", public_url(base, spec.path))
    _sub(feed, "title", spec.title)
    _sub(feed, "subtitle", spec.subtitle)
    if chosen:
        newest = chosen[0].moment
    else:  # no update yet: the newest publication among the reviews concerned, never the build's time
        newest = max((a.review.published for a in spec.actions if a.review.published), default=site.at)
    _sub(feed, "updated", newest.isoformat())
    _sub(feed, "link", rel="self", type="application/atom+xml", href=public_url(base, spec.path))
    _sub(feed, "link", rel="alternate", type="text/html", href=public_url(base, spec.page))
    _sub(_sub(feed, "author"), "name", author)
    for e in chosen:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e.id)
        _sub(entry, "title", e.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=public_url(base, e.path))
        _sub(entry, "published", e.moment.isoformat())
        _sub(entry, "updated", e.moment.isoformat())
        _sub(entry, "category", term=e.status, label=STATUS_LABELS[e.status])
        _sub(entry, "summary", e.summary, type="text")
    ET.indent(feed)
    return feed


def base_url(site: PublicSite, config: Any) -> str:
    """The site's address, or the local preview's when a local build has none (see the module's docstring)."""
    site_url = (config.get("site_url") if config else "") or site.settings.site_url
    if site_url:
        return site_url
    dev_addr = (config.get("dev_addr") if config else None) or "127.0.0.1:8000"
    return f"http://{dev_addr}/"


def check_feed(path: str, data: bytes) -> None:
    """Read a written feed back: well-formed, and what the W3C validator requires of every entry."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise OutputError(f"{path} is not well-formed XML ({err}); this is a bug in the site generator") from None
    ids = [e.findtext(f"{{{ATOM}}}id") for e in root.iter(f"{{{ATOM}}}entry")]
    if len(set(ids)) != len(ids) or not all(ids):
        raise OutputError(f"{path} has entries with a missing or repeated id; this is a bug in the site generator")
    for entry in root.iter(f"{{{ATOM}}}entry"):
        if not entry.findtext(f"{{{ATOM}}}updated") or entry.find(f"{{{ATOM}}}link") is None:
            raise OutputError(f"{path} has an entry without 'updated' or a link; this is a bug in the site generator")


def write_action_feeds(site: PublicSite, site_dir: Path, config: Any) -> None:
    base = base_url(site, config)
    for spec in feed_specs(site):
        feed = atom(site, spec, base, site.settings.partnership)
        data = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
        check_feed(spec.path, data)
        target = site_dir / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
