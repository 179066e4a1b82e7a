"""The public addresses of the site's pages, absolute when the site's address is known.

Data files, the feed and structured data are read away from the site, so they give absolute URLs whenever
``site_url`` is set (a production build must set it). A local build without it gives paths from the site's root
(``/reviews/<slug>/``), which is still right for a preview served at the root of localhost.

Every address the project writes is percent-encoded here, once: a document saved as ``report #1?.pdf`` must be
linked as ``report%20%231%3F.pdf``, or the browser reads ``#1`` as a place in the page and ``?`` as a query. The
helpers take paths as they are on disk (never already encoded) and give them encoded; templates use them through
the Jinja filters in ``FILTERS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import quote, urlsplit, urlunsplit

# Characters kept as they are in an editor's web address (RFC 3986's reserved characters and '%', so an address
# that is already encoded is not encoded twice); everything else (spaces, quotes, '<', accents) is encoded.
_URL_SAFE = "/?#[]@!$&'()*+,;=:%~"


def quote_path(path: str) -> str:
    """A path from the site root or a page, as it is on disk, percent-encoded: only '/' separates."""
    return quote(path, safe="/")


def review_path(slug: str) -> str:
    return f"reviews/{quote_path(slug)}/"


def briefing_path(slug: str) -> str:
    return f"{review_path(slug)}briefing/"


def action_plan_path(slug: str) -> str:
    return f"{review_path(slug)}action-plan/"


def theme_path(theme_id: str) -> str:
    return f"themes/{quote_path(theme_id)}/"


def agency_path(agency_id: str) -> str:
    return f"agencies/{quote_path(agency_id)}/"



def register_path(dimension: str, value_id: str) -> str:
    """One page set of the register: the recommendations with one theme, agency, response, year or delivery."""
    return f"recommendations/{quote_path(dimension)}/{quote_path(value_id)}/"


def register_theme_path(theme_id: str) -> str:
    return register_path("theme", theme_id)


def partnership_path(partnership_id: str) -> str:
    """A hub's page of one partnership."""
    return f"partnerships/{quote_path(partnership_id)}/"


def search_by(value: str, facet: str) -> str:
    """The search page narrowed to one value of a filter, e.g. ``search/?theme=Neglect``."""
    return f"{PATHS.search}?{quote(facet, safe='')}={query_value(value)}"


@dataclass(frozen=True)
class SitePaths:
    """The site's fixed pages and files, from the site root: what templates link as ``{{ paths.reviews }}``."""

    reviews: str = "reviews/"
    briefings: str = "briefings/"
    themes: str = "themes/"
    search: str = "search/"
    action_plans: str = "action-plans/"
    methodology: str = "action-plans/methodology/"
    report: str = "action-plans/report/"
    meetings: str = "action-plans/meetings/"
    agencies: str = "agencies/"
    partnerships: str = "partnerships/"
    register: str = "recommendations/"
    recurring: str = "recommendations/recurring/"
    reviews_csv: str = "data/reviews.csv"
    actions_csv: str = "data/actions.csv"
    recommendations_csv: str = "data/recommendations.csv"
    recommendations_json: str = "data/recommendations.json"
    recommendations_schema: str = "data/recommendations.schema.json"
    register_script: str = "assets/register.js"


PATHS = SitePaths()

def query_value(value: str) -> str:
    """One value of a query string (``?theme=<value>``), encoded whole: '&', '=', '#' and '+' included."""
    return quote(str(value), safe="")


def family_path(family_id: str) -> str:
    return f"families/{quote_path(family_id)}/"


def fragment(anchor: str) -> str:
    """``#anchor`` for a link into a page, encoded."""
    return "#" + quote(anchor, safe="")


def document_href(file: str | None, url: str | None) -> str:
    """A document's link from its review page: the file, relative to the page, or the editor's web address."""
    return external_url(url) if url else quote_path(file or "")


def document_path(slug: str, file: str) -> str:
    """A document file's path from the site root."""
    return review_path(slug) + quote_path(file)


def external_url(url: str) -> str:
    """An editor's web address with what may not stand in an address (spaces, quotes, '<', accents) encoded; the
    host of an internationalised domain name in its ASCII (IDNA) form."""
    url = url.strip()
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            netloc = quote(netloc, safe=_URL_SAFE)
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_URL_SAFE),
                       quote(parts.query, safe=_URL_SAFE), quote(parts.fragment, safe=_URL_SAFE)))


def public_url(site_url: str, path: str) -> str:
    """``path`` (relative to the site root, no leading slash, already encoded by the helpers above) as an
    absolute URL, or as ``/path`` without one."""
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


def agency_feed_path(agency_id: str) -> str:
    return f"{agency_path(agency_id)}feed.xml"


def document_url(site_url: str, slug: str, file: str | None, url: str | None) -> str:
    """Where a review's document is read: its own address for a linked document, the file's place in the site
    (absolute when the site's address is known) for a file published with the review."""
    return external_url(url) if url else public_url(site_url, document_path(slug, file or ""))


SHARE_CARD_PATH = "assets/og-card.png"  # the picture a shared link shows (outputs/og_card.py draws it)


def pack_path(group_id: str, day: date) -> str:
    """A meeting pack's page: the group, then the meeting's day."""
    return f"{PATHS.meetings}{group_id}/{day.isoformat()}/"


# The licence the site's text and open data are published under (the footer and the data files name it).
LICENCE = {"name": "Open Government Licence v3.0",
           "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


# For the templates: ``{{ base_url }}/{{ r.slug | review_path }}``, ``?theme={{ label | query_value }}`` and so on.
FILTERS = {"review_path": review_path, "briefing_path": briefing_path, "action_plan_path": action_plan_path,
           "theme_path": theme_path, "agency_path": agency_path, "family_path": family_path, "fragment": fragment,
           "query_value": query_value,
           "register_theme_path": register_theme_path, "partnership_path": partnership_path, "search_by": search_by}
