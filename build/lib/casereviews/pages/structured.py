"""Structured data for review pages: a schema.org ``Report`` as JSON-LD, so search engines and repositories can
read a review's name, date, publisher, themes and documents without scraping the page.

Made from the public copy of the review, so a withdrawn or archived review describes only its catalogue record.
The JSON is made safe to sit inside a ``<script>`` element here, once, rather than trusted to each template.
"""

from __future__ import annotations

import json
from typing import Any

from casereviews.clock import LONDON
from casereviews.content.documents import media_type
from casereviews.content.model import Review
from casereviews.publication.site import PublicSite
from casereviews.statuses import ReviewState
from casereviews.urls import LICENCE, action_plan_path, briefing_path, document_url, public_url, review_path, theme_path


def report(review: Review, site: PublicSite) -> dict[str, Any]:
    base = site.settings.site_url
    url = public_url(base, review_path(review.slug))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url + "#report",
        "url": url,
        "name": review.title,
        "datePublished": review.published.astimezone(LONDON).isoformat() if review.published else None,
        "genre": review.review_type.label if review.review_type else None,
        "creativeWorkStatus": review.state.label,
        "description": review.withdrawn_reason if review.state == ReviewState.WITHDRAWN else review.summary,
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
        "license": LICENCE["url"],
        "publisher": {"@type": "Organization", "name": review.partnership},
        "about": [{"@type": "DefinedTerm", "name": t.label, "termCode": t.id,
                   "url": public_url(base, theme_path(t.id))} for t in review.themes],
    }
    media = [{"@type": "MediaObject", "name": d.title,
              "contentUrl": document_url(site.settings.site_url, review.slug, d.file, d.url),
              **({"encodingFormat": media_type(d.file)} if media_type(d.file) else {}),
              **({"contentSize": f"{d.size} bytes"} if d.file and d.size is not None else {})}
             for d in review.documents]
    if media:
        data["associatedMedia"] = media
    parts = []
    if review.briefing:
        parts.append({"@type": "WebPage", "name": review.briefing.title,
                      "url": public_url(base, briefing_path(review.slug))})
    if review.action_plan:
        parts.append({"@type": "WebPage", "name": f"Action plan: {review.title}",
                      "url": public_url(base, action_plan_path(review.slug))})
    if parts:
        data["hasPart"] = parts
    return {k: v for k, v in data.items() if v not in (None, "")}


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element early: '<', '>' and '&' become \\u escapes, which JSON
    reads back as the same characters; so do U+2028 and U+2029, which are valid in JSON but end a line in
    older JavaScript, so a consumer that evaluates the block as script still reads it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def report_json_ld(review: Review, site: PublicSite) -> str:
    """A Jinja filter: ``{{ review | report_json_ld(reviews_site) | safe }}`` inside a ld+json script."""
    return script_json(report(review, site))


# -- briefings and action plans -------------------------------------------------------------------------------------

# schema.org's ActionStatusType for each status an action can have (overdue is still active: it is being done).
ACTION_STATUS = {
    "not-started": "https://schema.org/PotentialActionStatus",
    "in-progress": "https://schema.org/ActiveActionStatus",
    "at-risk": "https://schema.org/ActiveActionStatus",
    "complete": "https://schema.org/CompletedActionStatus",
    "assured": "https://schema.org/CompletedActionStatus",
    "superseded": "https://schema.org/FailedActionStatus",
}


def _themes(review: Review, base: str) -> list[dict[str, Any]]:
    return [{"@type": "DefinedTerm", "name": t.label, "termCode": t.id, "url": public_url(base, theme_path(t.id))}
            for t in review.themes]


def learning_resource(review: Review, site: PublicSite) -> dict[str, Any]:
    """A briefing as a schema.org ``LearningResource`` based on the review's ``Report``."""
    from casereviews.pages.briefings import FORMAT_LABELS  # briefings imports pages, which imports this module's users

    base = site.settings.site_url
    briefing = review.briefing
    url = public_url(base, briefing_path(review.slug))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "@id": url + "#briefing",
        "url": url,
        "name": briefing.title,
        "learningResourceType": FORMAT_LABELS.get(briefing.format, briefing.format),
        "educationalUse": "Team discussion and reflective practice",
        "audience": {"@type": "Audience", "audienceType": "Practitioners who work with children and families"},
        "datePublished": briefing.published.astimezone(LONDON).isoformat() if briefing.published else None,
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
        "license": LICENCE["url"],
        "publisher": {"@type": "Organization", "name": review.partnership},
        "isBasedOn": {"@type": "Report", "@id": public_url(base, review_path(review.slug)) + "#report",
                      "name": review.title},
        "about": _themes(review, base),
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def action_plan_report(review: Review, site: PublicSite) -> dict[str, Any]:
    """An action plan as a schema.org ``Report`` whose main entity is the list of its actions, each a
    ``PlanAction`` with its lead agency, due date and status as the site works them out."""
    base = site.settings.site_url
    url = public_url(base, action_plan_path(review.slug))
    tracked = site.actions_by_review.get(review.slug, ())
    items = []
    for position, t in enumerate(tracked, 1):
        item: dict[str, Any] = {
            "@type": "PlanAction",
            "identifier": t.action.id,
            "name": t.action.text,
            "agent": {"@type": "Organization", "name": t.action.lead.label},
            "scheduledTime": t.action.due.isoformat(),
            "actionStatus": ACTION_STATUS.get(t.status, "https://schema.org/ActiveActionStatus"),
            "url": f"{url}#action-{t.action.id}",
        }
        items.append({"@type": "ListItem", "position": position, "item": item})
    updates = [u.date for a in review.action_plan.actions for u in a.updates]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url + "#action-plan",
        "url": url,
        "name": f"Action plan: {review.title}",
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
        "license": LICENCE["url"],
        "publisher": {"@type": "Organization", "name": review.partnership},
        "dateModified": max(updates).isoformat() if updates else None,
        "isBasedOn": {"@type": "Report", "@id": public_url(base, review_path(review.slug)) + "#report",
                      "name": review.title},
        "mainEntity": {"@type": "ItemList", "name": "Actions", "numberOfItems": len(items),
                       "itemListElement": items},
    }
    return {k: v for k, v in data.items() if v not in (None, "")}


def briefing_json_ld(review: Review, site: PublicSite) -> str:
    """A Jinja filter, like ``report_json_ld``, for a briefing page."""
    return script_json(learning_resource(review, site))


def action_plan_json_ld(review: Review, site: PublicSite) -> str:
    """A Jinja filter, like ``report_json_ld``, for an action plan page."""
    return script_json(action_plan_report(review, site))
