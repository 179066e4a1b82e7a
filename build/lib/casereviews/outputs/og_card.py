"""The picture a shared link shows (Open Graph ``og:image``): a plain card with the partnership's name, drawn by the
build so that each partnership's site gets its own, and no photo or logo that could identify anyone.

1200 x 630 pixels (what Facebook, LinkedIn, Mastodon and Slack expect), white text on dark indigo (contrast
above 10:1), in the font Pillow ships with, so nothing is fetched. The page's ``og:image:alt`` says the same words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casereviews.pages.share_card import HEIGHT, SUBTITLE, WIDTH
from casereviews.publication.site import PublicSite
from casereviews.urls import SHARE_CARD_PATH as CARD_PATH

BACKGROUND = (26, 35, 126)  # indigo 900
BAND = (63, 81, 181)  # indigo 500, the site's header colour
TEXT = (255, 255, 255)
def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def draw_card(partnership: str) -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=BAND)
    title = ImageFont.load_default(size=68)
    small = ImageFont.load_default(size=38)
    y = 110
    for line in _wrap(draw, partnership, title, WIDTH - 160, 3):
        draw.text((80, y), line, font=title, fill=TEXT)
        y += 86
    draw.text((80, y + 30), SUBTITLE, font=small, fill=TEXT)
    draw.text((80, HEIGHT - 66), "Published safeguarding reviews and what was learned", font=small, fill=TEXT)
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_og_card(site: PublicSite, site_dir: Path, config: Any) -> None:
    path = site_dir / CARD_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(draw_card(site.settings.partnership))
