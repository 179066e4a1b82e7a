"""The hub case of ``scripts/bench`` (``--hub``): a synthetic harvest snapshot at national scale, the hub built
from it, and the floor it is judged against.

- the snapshot: ``sources`` fictional partnerships with 20 to 100 reviews each (``reviews`` in all), written as
  ``scripts/harvest`` writes a snapshot (the records made from ``casereviews_dev.corpus``'s vocabulary and phrases,
  every one valid against the published schema: the build checks them all again);
- the hub: ``mkdocs build`` of the example hub's configuration pointing at that snapshot, with Pagefind indexing
  one record per review (run by the hook);
- the floor: a plain ``mkdocs build`` (Material, the same Markdown extensions, no hooks, no custom templates) of
  the same pages, each listing's rows written as a Markdown table, plus Pagefind on that site.

Nothing here imports MkDocs: both builds run as commands (``casereviews_dev.benchmark.measure``).
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from casereviews.clock import parse_moment
from casereviews.hub.build import HubBuild
from casereviews.hub.snapshot import RECORD, RECORD_VERSION, REVIEWS, dump
from casereviews.outputs.records import DATA_VERSION
from casereviews.urls import LICENCE
from casereviews_dev.benchmark import Run, measure, output_size
from casereviews_dev.corpus import ADVERBS, NAMES, NOUNS, PEOPLE, VERBS, VOCABULARY

PLACES = ("Ashcombe", "Brackenford", "Coldharbour", "Dunmere", "Eastwick", "Fallowby", "Greyholt", "Hartsmoor",
          "Ivybridge Vale", "Juniper Bay", "Kestrel Downs", "Larkmouth", "Millbrook", "Northfold", "Oakhaven",
          "Pellingham", "Quarrydale", "Rushmere", "Saltcombe", "Thornbury Fen")


def _counts(sources: int, reviews: int, rnd: random.Random) -> list[int]:
    """``sources`` counts between 20 and 100 that add up to ``reviews``."""
    counts = [20] * sources
    left = reviews - 20 * sources
    while left > 0:
        i = rnd.randrange(sources)
        if counts[i] < 100:
            counts[i] += 1
            left -= 1
    return counts


def _record(rnd: random.Random, name: str, base: str, slug: str, at: datetime) -> dict[str, Any]:
    published = at - timedelta(days=rnd.randint(30, 4000))
    child = rnd.choice(NAMES)
    rtype = rnd.choice(VOCABULARY["review_types"])
    themes = rnd.sample(VOCABULARY["themes"], rnd.randint(1, 4))
    agencies = rnd.sample(VOCABULARY["agencies"], rnd.randint(1, 5))
    plan = rnd.random() < 0.85
    total = rnd.randint(3, 25)
    split = sorted(rnd.randint(0, total) for _ in range(6))
    parts = [b - a for a, b in zip([0, *split], [*split, total], strict=True)]
    counts = dict(zip(("overdue", "at-risk", "in-progress", "not-started", "complete", "assured", "superseded"),
                      parts, strict=True))

    def sentence() -> str:
        return (f"{rnd.choice(PEOPLE).capitalize()} {rnd.choice(ADVERBS)} {rnd.choice(VERBS)} the "
                f"{rnd.choice(NOUNS)}.")

    return {
        "slug": slug, "url": f"{base}reviews/{slug}/", "title": f"Child {child}: {rtype[1].lower()}",
        "review_type": {"id": rtype[0], "label": rtype[1]}, "partnership": name,
        "published": published.replace(microsecond=0).isoformat(), "status": "published", "pseudonym": child,
        "age_band": {"id": (band := rnd.choice(VOCABULARY["age_bands"]))[0], "label": band[1]},
        "themes": [{"id": i, "label": label} for i, label in themes],
        "agencies": [{"id": i, "label": label} for i, label in agencies],
        "summary": " ".join(sentence() for _ in range(3)),
        "key_learning": [sentence() for _ in range(rnd.randint(2, 5))], "documents": [],
        "briefing_url": f"{base}reviews/{slug}/briefing/" if rnd.random() < 0.85 else None,
        "action_plan_url": f"{base}reviews/{slug}/action-plan/" if plan else None,
        "action_counts": {"total": total, **counts, "stale": rnd.randint(0, total)} if plan else None,
        "available_until": None, "withdrawn_reason": None,
        "family": {"id": "children", "label": "Children"},
    }


def make_snapshot(folder: Path, sources: int, reviews: int, seed: int, as_of: str) -> list[dict[str, str]]:
    """Write the snapshot into ``folder`` (emptied first); return the sources' settings."""
    rnd = random.Random(seed)
    at = parse_moment(as_of)
    if folder.exists():
        shutil.rmtree(folder)
    out = []
    for n, count in enumerate(_counts(sources, reviews, rnd)):
        place = f"{PLACES[n % len(PLACES)]}{'' if n < len(PLACES) else f' {n // len(PLACES) + 1}'}"
        sid = place.lower().replace(" ", "-")
        name, base = f"{place} Safeguarding Children Partnership", f"https://reviews.{sid}.example/"
        records = [_record(rnd, name, base, f"review-{i + 1:03d}", at) for i in range(count)]
        data = {"version": DATA_VERSION, "publisher": name, "licence": LICENCE, "as_of": at.isoformat(),
                "count": len(records), "reviews": records}
        (folder / sid).mkdir(parents=True)
        (folder / sid / REVIEWS).write_bytes(dump(data))
        (folder / sid / RECORD).write_bytes(dump({"version": RECORD_VERSION, "id": sid, "name": name, "url": base,
                                                  "last_attempt": at.isoformat(), "last_success": at.isoformat(),
                                                  "last_error": None, "records": count, "kept": count}))
        out.append({"id": sid, "name": name, "url": base})
    return out


def write_hub_project(project: Path, repo: Path, sources: list[dict[str, str]], snapshot: Path) -> Path:
    text = (repo / "examples" / "hub" / "mkdocs.yml").read_text(encoding="utf-8").replace('!ENV [SITE_URL, ""]', "''")
    config = yaml.safe_load(text)
    config["theme"]["custom_dir"] = str(repo / "overrides")
    config["hooks"] = [str(repo / "hooks" / "reviews.py")]
    config["extra"]["reviews"]["hub"] = {"snapshot": str(snapshot), "sources": sources}
    project.mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "examples" / "hub" / "docs", project / "docs", dirs_exist_ok=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_floor(floor: Path, project: Path, as_of: str) -> Path:
    """The hub's pages as plain Markdown (the same titles and rows), in a plain MkDocs project."""
    import os

    os.environ.setdefault("REVIEWS_AS_OF", as_of)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    build = HubBuild.prepare(project, config["extra"]["reviews"], "", site_name=config["site_name"])
    docs = floor / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for src in (project / "docs").rglob("*.md"):
        target = docs / src.relative_to(project / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    for spec in build.pages:
        ctx = spec.context
        lines = [f"# {spec.title}", ""]
        if "reviews" in ctx:
            lines += ["| Review | Partnership | Type | Year | Themes |", "|---|---|---|---|---|"]
            lines += [f"| [{_cell(r.title)}]({r.url}) | [{_cell(r.source.name)}](/partnerships/{r.source.id}/) | "
                      f"{_cell(r.review_type.label)} | {r.year} | "
                      + ", ".join(f"[{_cell(t.label)}](/themes/{t.id}/)" for t in r.themes) + " |"
                      for r in ctx["reviews"]]
        elif "partnerships" in ctx:
            lines += ["| Partnership | Reviews | Plans | Actions | Overdue | Stale |", "|---|---|---|---|---|---|"]
            lines += [f"| [{_cell(p.name)}](/partnerships/{p.id}/) | {len(p.reviews)} | {len(p.plans)} | "
                      f"{p.actions['total']} | {p.actions['overdue']} | {p.actions['stale']} |"
                      for p in ctx["partnerships"]]
        elif "themes" in ctx:
            lines += [f"- [{_cell(t.label)}](/themes/{t.id}/) ({len(ctx['by_theme'][t.id])})" for t in ctx["themes"]]
        target = docs / spec.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = {"site_name": config["site_name"], "docs_dir": "docs", "site_dir": "site",
             "theme": {"name": "material", "language": "en", "font": False},
             "markdown_extensions": config["markdown_extensions"], "plugins": [],
             "not_in_nav": "/*", "nav": [{"Home": "index.md"}]}
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return floor


def run_hub(work: Path, repo: Path, sources: int, reviews: int, seed: int, as_of: str, env: dict[str, str],
            log=print) -> dict[str, Any]:
    snapshot, project, floor = work / "hub-snapshot", work / "hub-project", work / "hub-floor"
    log(f"[hub] writing a snapshot of {sources} sources and {reviews:,} reviews...")
    settings = make_snapshot(snapshot, sources, reviews, seed, as_of)
    write_hub_project(project, repo, settings, snapshot)
    log("[hub] building the hub...")
    shutil.rmtree(project / "site", ignore_errors=True)
    hub = measure([sys.executable, "-m", "mkdocs", "build", "-q"], project, env)
    log("[hub] building the floor...")
    write_floor(floor, project, as_of)
    shutil.rmtree(floor / "site", ignore_errors=True)
    plain = measure([sys.executable, "-m", "mkdocs", "build", "-q"], floor, env)
    plain = plain + measure([sys.executable, "-m", "pagefind", "--site", str(floor / "site"), "--silent"], floor, env)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    largest = max(p.stat().st_size for p in (project / "site").rglob("*.html"))
    entry = json.loads((project / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {"hub": hub, "floor": plain, "pages": pages, "largest_page": largest,
            "output": output_size(project / "site"), "floor_output": output_size(floor / "site"),
            "indexed": sum(v.get("page_count", 0) for v in entry["languages"].values()),
            "sources": sources, "reviews": reviews}


def hub_report(result: dict[str, Any], metric: str, target_ratio: float, memory: int) -> tuple[str, bool]:
    hub: Run = result["hub"]
    floor: Run = result["floor"]
    ratio = hub.time(metric) / floor.time(metric)
    lines = [
        f"hub: {result['sources']} sources, {result['reviews']:,} reviews, {result['pages']} pages, "
        f"{result['indexed']:,} search records, largest page {result['largest_page'] / 1024:.0f} KiB",
        f"  hub build   wall {hub.wall:7.1f}s  cpu {hub.cpu:7.1f}s  peak {hub.peak_rss / 2**20:6.0f} MiB  "
        f"output {result['output'][0] / 2**20:.1f} MiB in {result['output'][1]} files",
        f"  floor       wall {floor.wall:7.1f}s  cpu {floor.cpu:7.1f}s  peak {floor.peak_rss / 2**20:6.0f} MiB  "
        f"output {result['floor_output'][0] / 2**20:.1f} MiB in {result['floor_output'][1]} files",
        f"  ratio       wall {hub.wall / floor.wall:.2f}x  cpu {hub.cpu / floor.cpu:.2f}x",
    ]
    checks = [(f"hub build <= {target_ratio}x floor ({metric})", ratio <= target_ratio, f"{ratio:.2f}x"),
              ("hub peak memory < 1 GiB", hub.peak_rss < memory, f"{hub.peak_rss / 2**20:.0f} MiB")]
    lines += [f"{'PASS' if ok else 'FAIL'}  {name}: {value}" for name, ok, value in checks]
    return "\n".join(lines), all(ok for _, ok, _ in checks)
