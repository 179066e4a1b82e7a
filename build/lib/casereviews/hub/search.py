"""Search across partnerships: one Pagefind record per review, made from the harvested record itself.

The hub has no page of its own for a review, so each record is added through Pagefind's API as a custom record
whose address is the review's page on the partnership's site (checked when harvested): results lead there. A
record holds the title, summary, key learning, themes and, when the source publishes its register, the text of
its recommendations. Its filters are the usual ones plus ``partnership``. The reader's browser asks only the hub
for the index: nothing is fetched from a source.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from casereviews.hub.model import HubReview, HubSite
from casereviews.outputs.pagefind_order import fix_order
from casereviews.outputs.pagefind_service import pagefind_service
from casereviews.outputs.search_index import OUTPUT, TIMEOUT_SECONDS
from casereviews.pages.search import BROWSE_WORD, Facet
from casereviews.problems import OutputError

FILTERS = {"partnership": "Partnership", "review_type": "Type of review", "year": "Year published",
           "theme": "Theme", "age_band": "Age"}
KIND = "Review"
_BATCH = 256


def filters(r: HubReview) -> dict[str, list[str]]:
    out = {"partnership": [r.source.name], "review_type": [r.review_type.label], "year": [str(r.year)],
           "theme": list(dict.fromkeys(t.label for t in r.themes))}
    if r.age_band:
        out["age_band"] = [r.age_band.label]
    return out


def meta(r: HubReview) -> dict[str, str]:
    return {"title": r.title, "url": r.url, "kind": f"{KIND} · {r.source.name}", "type": r.review_type.label,
            "date": r.published.date().isoformat(), "excerpt": r.summary, "browse": BROWSE_WORD}


def content(r: HubReview) -> str:
    return "\n".join([r.title, r.source.name, r.summary, *r.key_learning, *(t.label for t in r.themes),
                      *r.recommendations])


def facets(site: HubSite) -> list[Facet]:
    counts = Counter((key, v) for r in site.reviews for key, values in filters(r).items() for v in values)
    out = []
    for key, heading in FILTERS.items():
        values = [v for (k, v) in counts if k == key]
        values.sort(reverse=True) if key == "year" else values.sort(key=str.casefold)
        if values:
            out.append(Facet(key, heading, tuple(values), tuple(counts[key, v] for v in values)))
    return out


def record_count(site: HubSite) -> int:
    return len(site.reviews)


def write_hub_search(site: HubSite, site_dir: Path) -> str:
    """Index every review shown into ``site_dir/pagefind/``; Pagefind's own words when it fails."""
    import shutil

    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    if not site.reviews:
        return "no reviews harvested yet, so no search index"
    try:
        asyncio.run(_index(site, site_dir))
        fix_order(site_dir / OUTPUT)
    except Exception as err:  # noqa: BLE001 - the service reports failures as several exception types
        raise OutputError(f"Search index: Pagefind failed while indexing {len(site.reviews)} harvested reviews: "
                          f"{type(err).__name__}: {err}") from None
    return f"Indexed {len(site.reviews)} reviews of {len(site.partnerships)} partnerships"


async def _index(site: HubSite, site_dir: Path) -> None:
    from pagefind.index import IndexConfig

    service = await pagefind_service(site_dir / OUTPUT).launch()
    try:
        index = await service.create_index(IndexConfig(force_language="en", output_path=str(site_dir / OUTPUT)))
        reviews = site.reviews
        for start in range(0, len(reviews), _BATCH):
            await asyncio.wait_for(asyncio.gather(*(
                index.add_custom_record(url=r.url, content=content(r), language="en", meta=meta(r),
                                        filters=filters(r), sort={"published": r.published.date().isoformat()})
                for r in reviews[start:start + _BATCH])), TIMEOUT_SECONDS)
        await asyncio.wait_for(index.write_files(), TIMEOUT_SECONDS)
    finally:
        await service.close()
