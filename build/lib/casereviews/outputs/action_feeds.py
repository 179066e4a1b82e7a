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

Entry ids use the site feed's tag: scheme and namespace (feed.py). The XML itself is written as text (see
``_Writer``: the site feed's ElementTree approach cost seconds at national scale), escaped for text and for
attributes, with characters XML 1.0 forbids dropped, and every feed is read back by expat before it is written.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.parsers import expat

from casereviews.clock import LONDON
from casereviews.content.model import Update
from casereviews.outputs.feed import ATOM, NOT_XML, tag
from casereviews.problems import OutputError
from casereviews.publication.progress import TrackedAction
from casereviews.publication.site import PublicSite
from casereviews.urls import (
    ACTION_UPDATES_FEED,
    action_plan_feed_path,
    action_plan_path,
    agency_feed_path,
    agency_path,
    public_url,
)

MAX_ENTRIES = 100  # newest first; a feed reader only needs what is new
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


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


@dataclass(frozen=True)
class Posted:
    """One update as a feed entry: its day, its permanent id, and the action it belongs to."""

    day: date
    id: str
    action: TrackedAction
    update: Update


def posted(site: PublicSite, action: TrackedAction) -> list[Posted]:
    """The action's updates dated on or before the reference day, each with its tag: id: the plan's path, the
    action's id and the update's place among that action's updates of the same day."""
    plan = action_plan_path(action.review.slug)
    seen: dict[date, int] = {}
    out = []
    for u in action.action.updates:
        if u.date > site.today:
            continue
        seen[u.date] = n = seen.get(u.date, 0) + 1
        out.append(Posted(u.date, tag(site, u.date, f"{plan}{action.action.id}/{n}"), action, u))
    return out


def newest(items: list[Posted], limit: int = MAX_ENTRIES) -> list[Posted]:
    """Newest first, ties by id, so the order is stable between builds."""
    return heapq.nlargest(limit, items, key=lambda p: (p.day, p.id))


# Characters XML 1.0 does not allow at all: dropped rather than letting one make a feed unreadable (one statement
# of them, in feed.py, for every feed).
_NOT_XML = NOT_XML


def _text(value: str) -> str:
    """``value`` escaped for XML character data."""
    return _NOT_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")


class _Writer:
    """Writes the feeds' XML as text, each entry once however many feeds carry it (its plan's, its agency's, the
    whole site's), and each action's and day's pieces once however many updates share them. An ElementTree
    per feed, as the site feed (feed.py) uses for its fifty entries, took seconds here on a national corpus. The
    layout is the one ElementTree's ``indent`` gives, and every feed is read back by expat before it is written.
    """

    def __init__(self, site: PublicSite, base: str):
        self.site, self.base = site, base
        self.entries: dict[str, str] = {}  # entry id -> its XML
        self._days: dict[date, str] = {}
        self._actions: dict[int, tuple[str, str, str]] = {}

    def moment(self, day: date) -> str:
        if day not in self._days:
            self._days[day] = datetime.combine(day, time(0, 0), tzinfo=LONDON).isoformat()
        return self._days[day]

    def _action(self, a: TrackedAction) -> tuple[str, str, str]:
        """(the title's end, the link, the summary's first line) of an action, escaped."""
        key = id(a)
        if key not in self._actions:
            href = public_url(self.base, f"{action_plan_path(a.review.slug)}#action-{a.action.id}")
            self._actions[key] = (_text(a.review.title), _attr(href),
                                  _text(f"Action {a.action.id} ({a.action.lead.label}): {a.action.text}"))
        return self._actions[key]

    def entry(self, p: Posted) -> str:
        if p.id in self.entries:
            return self.entries[p.id]
        a, u = p.action, p.update
        title, href, first = self._action(a)
        label = u.status.label
        summary = f"{first}\nStatus: {label}.\n{_text(u.note)}"
        if u.evidence:
            summary += f"\nEvidence: {_text(u.evidence)}"
        if u.by:
            summary += f"\nReported by {_text(u.by)}."
        moment = self.moment(p.day)
        xml = (
            "  <entry>\n"
            f"    <id>{_text(p.id)}</id>\n"
            f"    <title>{_text(a.action.id)} {label.lower()}: {title}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{href}" />\n'
            f"    <published>{moment}</published>\n"
            f"    <updated>{moment}</updated>\n"
            f'    <category term="{u.status}" label="{label}" />\n'
            f'    <summary type="text">{summary}</summary>\n'
            "  </entry>\n"
        )
        self.entries[p.id] = xml
        return xml

    def feed(self, spec: FeedSpec, chosen: list[Posted]) -> str:
        if chosen:
            updated = self.moment(chosen[0].day)
        else:  # no update yet: the newest publication among the reviews concerned, never the build's time
            updated = max((a.review.published for a in spec.actions if a.review.published),
                          default=self.site.at).isoformat()
        url = _attr(public_url(self.base, spec.path))
        return (
            f"{XML_DECLARATION}"
            f'<feed xmlns="{ATOM}" xml:lang="en-GB">\n'
            f"  <id>{url}</id>\n"
            f"  <title>{_text(spec.title)}</title>\n"
            f"  <subtitle>{_text(spec.subtitle)}</subtitle>\n"
            f"  <updated>{updated}</updated>\n"
            f'  <link rel="self" type="application/atom+xml" href="{url}" />\n'
            f'  <link rel="alternate" type="text/html" href="{_attr(public_url(self.base, spec.page))}" />\n'
            f"  <author>\n    <name>{_text(self.site.settings.partnership)}</name>\n  </author>\n"
            f"{''.join(self.entry(p) for p in chosen)}"
            "</feed>\n"
        )


def base_url(site: PublicSite, config: Any) -> str:
    """The site's address, or the local preview's when a local build has none (see the module's docstring)."""
    site_url = (config.get("site_url") if config else "") or site.settings.site_url
    if site_url:
        return site_url
    dev_addr = (config.get("dev_addr") if config else None) or "127.0.0.1:8000"
    return f"http://{dev_addr}/"


def check_feed(path: str, data: bytes, chosen: list[Posted]) -> None:
    """Before the build succeeds: the feed is well-formed XML (read back with expat), and its entry ids are
    present and unique, as the W3C validator requires."""
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as err:
        raise OutputError(f"{path} is not well-formed XML ({err}); this is a bug in the site generator") from None
    ids = [p.id for p in chosen]
    if len(set(ids)) != len(ids) or not all(ids):
        raise OutputError(f"{path} has entries with a missing or repeated id; this is a bug in the site generator")


def write_action_feeds(site: PublicSite, site_dir: Path, config: Any) -> None:
    writer = _Writer(site, base_url(site, config))
    by_action = {id(a): posted(site, a) for a in site.actions}
    for spec in feed_specs(site):
        chosen = newest([p for a in spec.actions for p in by_action[id(a)]])
        data = writer.feed(spec, chosen).encode("utf-8")
        check_feed(spec.path, data, chosen)
        target = site_dir / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
