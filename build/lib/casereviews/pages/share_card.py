"""The picture a shared link shows, as the page's head describes it (``og:image``, its size and text alternative).
The picture itself is drawn after the build by ``casereviews.outputs.og_card``."""

from __future__ import annotations

from casereviews.publication.site import PublicSite
from casereviews.urls import SHARE_CARD_PATH, public_url

WIDTH, HEIGHT = 1200, 630  # what Facebook, LinkedIn, Mastodon and Slack expect
SUBTITLE = "Case reviews, learning briefings and action plans"


def card_alt(partnership: str) -> str:
    return f"{partnership}: {SUBTITLE.lower()}"


def og_image(site: PublicSite) -> dict[str, str]:
    """The sharing card's address (absolute when the site's address is known) and its text alternative."""
    return {"url": public_url(site.settings.site_url, SHARE_CARD_PATH), "alt": card_alt(site.settings.partnership),
            "width": str(WIDTH), "height": str(HEIGHT)}
