"""/feed.xml: an Atom feed of new reviews, learning briefings and action plan updates, newest first.

A practitioner's feed reader or a partnership's e-mail tool announces each entry once, so every entry id is a
tag: URI made from the site's host, the entry's own date and its page path: it does not change between builds.
Action plan updates are gathered into one entry per plan per day, since a board reports several at once.
The feed's own ``updated`` is its newest entry's date, not the build time, so an unchanged site gives an
unchanged feed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from casereviews.clock import LONDON
from casereviews.content.model import Review
from casereviews.publication.site import PublicSite
from casereviews.urls import LICENCE, action_plan_path, briefing_path, host, public_url, review_path

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # review | briefing | action-plan-update
    title: str
    path: str  # page path from the site root
    moment: datetime  # published and updated
    summary: str


def tag(site: PublicSite, day: date, path: str) -> str:
    """A tag: URI (RFC 4151): the authority, a day it held the name, and the page path."""
    return f"tag:{host(site.settings.site_url)},{day.isoformat()}:{path}"


def _day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=LONDON)


def entries(site: PublicSite, limit: int | None = None) -> list[Entry]:
    """The feed entries the public site allows, newest first (ties by id, so the order is stable); the first
    ``limit`` of them when given.

    An action plan's entries are ordered by their day and id alone and only the chosen ones get their text: a
    national repository has tens of thousands of update days, and the feed shows fifty.
    """
    found: list[tuple[datetime, str, Entry | tuple[Review, date]]] = []
    for r in site.reviews:
        summary = r.state.summary(r.summary, r.withdrawn_reason)
        path = review_path(r.slug)
        e = Entry(tag(site, _day(r.published), path), "review", r.title, path, r.published, summary)
        found.append((e.moment, e.id, e))
    for r in site.briefings:
        b = r.briefing
        path = briefing_path(r.slug)
        e = Entry(tag(site, _day(b.published), path), "briefing", b.title,
                  path, b.published, f"The learning briefing of {r.title}. {r.summary}".strip())
        found.append((e.moment, e.id, e))
    for r in site.action_plans:
        path = action_plan_path(r.slug)
        # The public site has already dropped updates dated after its day.
        days = {u.date for rec in r.action_plan.recommendations for action in rec.actions for u in action.updates}
        found += [(_midnight(day), tag(site, day, f"{path}{day.isoformat()}"), (r, day)) for day in days]
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [item if isinstance(item, Entry) else _plan_entry(item[0], item[1], moment, id_)
            for moment, id_, item in found[:limit]]


def _plan_entry(r: Review, day: date, moment: datetime, id_: str) -> Entry:
    """One plan's updates of one day, gathered into one entry: a board reports several at once."""
    lines = [f"{action.id} {u.status.label.lower()}: {u.note}"
             for rec in r.action_plan.recommendations for action in rec.actions for u in action.updates
             if u.date == day]
    noun = "action" if len(lines) == 1 else "actions"
    return Entry(id_, "action-plan-update", f"Action plan update: {r.title}", action_plan_path(r.slug), moment,
                 f"{len(lines)} {noun} updated. " + " ".join(lines))


# Characters XML 1.0 does not allow at all: dropped rather than letting one make a feed unreadable (ElementTree
# writes them as they are, and every feed reader then refuses the whole feed).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = NOT_XML.sub("", text)
    return element


def atom(site: PublicSite, site_name: str, limit: int = MAX_ENTRIES) -> ET.ElementTree:
    base = site.settings.site_url
    chosen = entries(site, limit)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    _sub(feed, "id", public_url(base, "feed.xml") if base else f"tag:{host(base)},2000-01-01:feed")
    _sub(feed, "title", site_name)
    _sub(feed, "subtitle", "New safeguarding case reviews, learning briefings and action plan updates.")
    _sub(feed, "updated", (chosen[0].moment if chosen else site.at).isoformat())
    _sub(feed, "link", rel="self", type="application/atom+xml", href=public_url(base, "feed.xml"))
    _sub(feed, "link", rel="alternate", type="text/html", href=public_url(base, ""))
    author = _sub(feed, "author")
    _sub(author, "name", site.settings.partnership)
    _sub(feed, "rights", f"{site.settings.partnership}. Published under the {LICENCE['name']}.")
    for e in chosen:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e.id)
        _sub(entry, "title", e.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=public_url(base, e.path))
        _sub(entry, "published", e.moment.isoformat())
        _sub(entry, "updated", e.moment.isoformat())
        _sub(entry, "category", term=e.kind)
        _sub(entry, "summary", e.summary, type="text")
    ET.indent(feed)
    return ET.ElementTree(feed)


def write_feed(site: PublicSite, site_dir: Path, config: Any) -> None:
    atom(site, config["site_name"]).write(site_dir / "feed.xml", encoding="utf-8", xml_declaration=True)
