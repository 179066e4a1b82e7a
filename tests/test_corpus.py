"""The synthetic corpus behind the benchmark: valid, varied, reproducible, and buildable by the real site.

Correctness only; the speed targets are measured by ``scripts/bench``, never by a timed test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import AS_OF, REPO, build_ok

from casereviews.clock import parse_moment
from casereviews.content.check import headings
from casereviews.content.load import load_with_problems
from casereviews.content.model import SEVEN_SECTIONS
from casereviews.publication.progress import Tally
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings
from casereviews_dev.benchmark import write_floor
from casereviews_dev.corpus import make_corpus, write_project


def load_corpus(folder: Path):
    return load_with_problems(Settings.from_mapping(folder.parent, {"content_dir": str(folder)}))


def test_a_large_corpus_loads_without_a_single_problem(tmp_path):
    summary = make_corpus(150, tmp_path / "c", seed=3, as_of=AS_OF)
    content, problems = load_corpus(tmp_path / "c")
    assert problems == []
    assert len(content.reviews) == 150
    assert set(summary.by_status) == {"published", "withdrawn", "archived", "draft", "embargoed"}
    assert summary.by_status["published"] > 100
    assert {r.review_type.id for r in content.reviews} >= {"serious-case-review", "thematic-review"}
    assert len({t.id for r in content.reviews for t in r.themes}) >= 15
    assert {r.published.year for r in content.reviews if r.status == "published"} >= set(range(2012, 2027))
    assert any(r.documents for r in content.reviews)


def test_lengths_look_like_real_reviews(tmp_path):
    make_corpus(40, tmp_path / "c", seed=5, as_of=AS_OF)
    content, _ = load_corpus(tmp_path / "c")
    bodies = [len(r.body.split()) for r in content.reviews]
    assert min(bodies) >= 400 and max(bodies) <= 800
    briefings = [r.briefing for r in content.reviews if r.briefing and r.briefing.status == "published"]
    assert briefings and all(500 <= len(b.body.split()) <= 950 for b in briefings)
    for b in briefings:
        names = [text.split(". ", 1)[1] for level, _, text in headings(b.body) if level == 2]
        assert names == list(SEVEN_SECTIONS)
    plans = [r.action_plan for r in content.reviews if r.action_plan]
    assert all(3 <= len(p.recommendations) <= 5 for p in plans)
    assert all(1 <= len(rec.actions) <= 3 for p in plans for rec in p.recommendations)
    assert all(list(a.updates) == sorted(a.updates, key=lambda u: u.date) for p in plans for a in p.actions)


def test_action_statuses_look_like_a_real_tracker(tmp_path):
    """Old plans mostly closed, recent ones open, and a minority of actions overdue or gone quiet: the mix a
    dashboard shows in practice, not a corpus where nearly everything is late."""
    make_corpus(200, tmp_path / "c", seed=4, as_of=AS_OF)
    settings = Settings.from_mapping(tmp_path, {"content_dir": str(tmp_path / "c")})
    content, _ = load_with_problems(settings)
    site = PublicSite.build(content, parse_moment(AS_OF), settings)
    actions = [a for plan in site.actions_by_review.values() for a in plan]
    tally = Tally.of(actions)
    assert len(actions) > 500
    assert {s for s, _ in tally.nonzero} >= {"in-progress", "overdue", "complete", "assured",
                                            "superseded"}
    assert 0.03 < tally.count("overdue") / len(actions) < 0.25
    assert 0.03 < sum(a.stale for a in actions) / len(actions) < 0.25
    old = [a for a in actions if a.review.published.year <= 2018]
    assert sum(a.closed for a in old) / len(old) > 0.8
    recent = [a for a in actions if a.review.published.year == 2026]
    assert recent and sum(not a.closed for a in recent) / len(recent) > 0.5
    assert all(u.date <= site.today for a in actions for u in a.action.updates)


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    def snapshot(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    make_corpus(10, tmp_path / "a", seed=9)
    make_corpus(10, tmp_path / "b", seed=9)
    make_corpus(10, tmp_path / "c", seed=10)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_the_script_writes_a_corpus_and_a_project(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "make-corpus"), "12", str(tmp_path / "c"),
                             "--seed", "2", "--project", str(tmp_path / "p")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("12 reviews in ")
    assert (tmp_path / "c" / "vocabulary.yml").is_file()
    assert len(list((tmp_path / "c").glob("*/index.md"))) == 12
    assert "INHERIT:" in (tmp_path / "p" / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus-build")
    make_corpus(12, root / "corpus", seed=1, as_of=AS_OF)
    write_project(root / "project", root / "corpus", REPO)
    return root, build_ok(root / "project")


def test_the_corpus_builds_with_the_real_site(built):
    root, site = built
    content, problems = load_corpus(root / "corpus")
    assert problems == []
    published = [r for r in content.reviews if r.status == "published"]
    page = (site / "reviews" / published[0].slug / "index.html").read_text(encoding="utf-8")
    assert published[0].body.split("\n\n")[1][:60] in page
    assert (site / "reviews" / "index.html").is_file()
    drafts = [r.slug for r in content.reviews if r.status == "draft"]
    assert all(not (site / "reviews" / slug).exists() for slug in drafts)


def test_the_benchmark_floor_is_a_buildable_plain_site(built):
    root, site = built
    floor = write_floor(root / "floor", root / "corpus", REPO, AS_OF, site)
    out = build_ok(floor)
    reviews = {p.parent.name for p in (site / "reviews").glob("*/index.html")}
    assert {p.parent.name for p in (out / "reviews").glob("*/index.html")} == reviews
    assert "md-nav__link" in (out / "index.html").read_text(encoding="utf-8")
