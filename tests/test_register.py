"""The register of recommendations (issue 16): the checks of ``themes`` and ``related``, the rule that a link to a
recommendation that is not public is checked but never shown, the register and its narrowing, pagination, the
theme recurrence figures of the demo, and the data files against their schema (from a real build).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from sitebuild import AS_OF, REPO, action_plan, front, read_output, review_meta, write_project

from casereviews.build import Build
from casereviews.clock import LONDON, parse_moment
from casereviews.content.load import load_with_problems
from casereviews.pages.makers import all_pages
from casereviews.pages.register_pages import PAGE_SIZE
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings


def rec(id_: str, text: str = "", *, related=None, themes=None, actions=None, response="accepted", **extra):
    out = {"id": id_, "text": text or f"Recommendation {id_} text.", "response": response, **extra}
    if themes is not None:
        out["themes"] = themes
    if related is not None:
        out["related"] = [{"recommendation": target, "relation": relation} for relation, target in related]
    out["actions"] = actions if actions is not None else [
        {"id": f"{id_}.1", "text": "Do it.", "lead": "police", "due": "2025-06-30",
         "updates": [{"date": "2025-01-10", "status": "complete", "note": "Done."}]}]
    return out


MANY = 2 * PAGE_SIZE + 20  # recommendations in one plan: three pages of its theme
PUBLIC = MANY + 7  # public recommendations in the corpus


def corpus() -> dict[str, str]:
    """Three public reviews that repeat, build on and replace each other's recommendations, an embargoed review
    that a public recommendation repeats, and one plan long enough to need several pages."""
    return {
        "2017-child-p/index.md": front(review_meta(title="Child P", published="2017-05-01",
                                                   themes=["information-sharing"])),
        "2017-child-p/action-plan.md": action_plan([rec("R1", "Share with GPs."),
                                                    rec("R2", "Neglect tool.", themes=["neglect"])]),
        "2020-child-q/index.md": front(review_meta(title="Child Q", published="2020-05-01",
                                                   themes=["information-sharing", "neglect"])),
        "2020-child-q/action-plan.md": action_plan([
            rec("R1", "Share with GPs again.", related=[("repeats", "2017-child-p/R1")]),
            rec("R2", "A better neglect tool.", related=[("builds-on", "2017-child-p/R2")], themes=["neglect"],
                actions=[{"id": "R2.1", "text": "Late.", "lead": "childrens-social-care", "due": "2021-01-01"}]),
        ]),
        "2023-child-r/index.md": front(review_meta(title="Child R", published="2023-05-01",
                                                   themes=["domestic-abuse"])),
        "2023-child-r/action-plan.md": action_plan([
            rec("R1", "Share with GPs, a third time.", related=[("repeats", "2020-child-q/R1")],
                themes=["information-sharing"]),
            rec("R2", "Replace the tool.", related=[("replaces", "2020-child-q/R2")], response="not-accepted",
                response_note="Not now.", actions=[]),
            rec("R3", "Hidden learning again.", related=[("repeats", "2027-child-e/R1")]),
        ]),
        "2027-child-e/index.md": front(review_meta(title="Child E embargoed", published="2027-01-05",
                                                   themes=["safe-sleep"])),
        "2027-child-e/action-plan.md": action_plan([rec("R1", "Embargoed learning.")]),
        "2025-child-many/index.md": front(review_meta(title="Child Many", published="2025-02-01",
                                                      themes=["safe-sleep"])),
        "2025-child-many/action-plan.md": action_plan([rec(f"R{i}") for i in range(1, MANY + 1)]),
    }


def public_site(root: Path, files: dict, at: str = AS_OF) -> tuple[PublicSite | None, list]:
    write_project(root, files)
    settings = Settings(root=root, content_dir=root / "reviews", partnership="Testshire Partnership")
    content, problems = load_with_problems(settings)
    return (PublicSite.build(content, parse_moment(at), settings) if content else None), problems


def problems_of(tmp_path: Path, files: dict) -> list[str]:
    return [str(p) for p in public_site(tmp_path, files)[1]]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> PublicSite:
    site, problems = public_site(tmp_path_factory.mktemp("register"), corpus())
    assert problems == []
    return site


# -- checks --------------------------------------------------------------------------------------------------

def with_link(target: str, relation: str = "repeats", **more) -> dict:
    files = {k: v for k, v in corpus().items() if k.startswith(("2017-child-p", "2020-child-q"))}
    files["2020-child-q/action-plan.md"] = action_plan([rec("R1", related=[(relation, target)], **more)])
    return files


def test_a_link_to_an_existing_recommendation_passes(tmp_path):
    assert problems_of(tmp_path, with_link("2017-child-p/R2", "builds-on")) == []


def test_a_link_to_a_recommendation_that_is_not_public_is_checked_and_passes(tmp_path, site):
    assert problems_of(tmp_path, corpus()) == []  # 2023-child-r/R3 repeats the embargoed 2027-child-e/R1
    broken = corpus()
    broken["2023-child-r/action-plan.md"] = broken["2023-child-r/action-plan.md"].replace("2027-child-e/R1",
                                                                                          "2027-child-e/R7")
    assert any("review '2027-child-e' has no recommendation 'R7'" in p for p in problems_of(tmp_path, broken))


@pytest.mark.parametrize("target, words", [
    ("2020-child-q/R1", "'2020-child-q/R1' is this recommendation itself: a recommendation cannot repeat, build on "
                        "or replace itself"),
    ("2017-child-x/R1", "'2017-child-x' is not a review in reviews/; did you mean '2017-child-p' or "
                        "'2020-child-q'? write the review's folder name, a slash and the recommendation's id"),
    ("2017-child-p/R3", "review '2017-child-p' has no recommendation 'R3'; did you mean '2017-child-p/R2' or "
                        "'2017-child-p/R1'? its recommendations are R1, R2"),
])
def test_each_wrong_link_is_named_with_its_line_and_the_nearest_identifiers(tmp_path, target, words):
    found = problems_of(tmp_path, with_link(target))
    assert len(found) == 1, found
    text = (tmp_path / "reviews/2020-child-q/action-plan.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if target in t)
    assert found[0] == (f"reviews/2020-child-q/action-plan.md:{line}: recommendations[0].related[0].recommendation: "
                        f"{words}" + found[0].split(words, 1)[1])


def test_a_link_to_a_review_without_a_plan(tmp_path):
    files = with_link("2017-child-p/R1")
    del files["2017-child-p/action-plan.md"]
    found = problems_of(tmp_path, files)
    assert len(found) == 1 and "review '2017-child-p' has no action-plan.md, so it has no recommendation 'R1'" \
        in found[0]


def test_a_link_written_in_the_wrong_shape_is_explained_by_the_schema(tmp_path):
    files = with_link("R1", relation="repeat")
    found = problems_of(tmp_path, files)
    assert any("related[0].recommendation: 'R1' is not the review's folder name, a slash and the recommendation's "
               "id" in p for p in found), found
    assert any("related[0].relation: 'repeat' is not allowed; did you mean 'repeats'?" in p for p in found), found


def test_the_same_link_twice(tmp_path):
    files = with_link("2017-child-p/R1")
    files["2020-child-q/action-plan.md"] = action_plan([rec("R1", related=[("repeats", "2017-child-p/R1"),
                                                                           ("builds-on", "2017-child-p/R1")])])
    found = problems_of(tmp_path, files)
    assert len(found) == 1 and "related[1].recommendation: '2017-child-p/R1' is listed twice" in found[0]


def test_a_theme_that_is_not_in_the_vocabulary(tmp_path):
    files = with_link("2017-child-p/R1", themes=["neglet"])
    found = problems_of(tmp_path, files)
    assert len(found) == 1 and "recommendations[0].themes[0]: 'neglet' is not a known theme; did you mean " \
        "'neglect'?" in found[0]


def test_a_circle_of_replacements_is_one_problem(tmp_path):
    files = {**corpus()}
    files["2017-child-p/action-plan.md"] = action_plan([rec("R1", related=[("replaces", "2023-child-r/R2")]),
                                                        rec("R2")])
    files["2020-child-q/action-plan.md"] = action_plan([rec("R1"),
                                                        rec("R2", related=[("replaces", "2017-child-p/R1")])])
    found = [p for p in problems_of(tmp_path, files) if "circle" in p]
    assert found == [
        "reviews/2017-child-p/action-plan.md:10: recommendations[0].related[0].recommendation: 'replaces' links go "
        "round in a circle (2017-child-p/R1 replaces 2023-child-r/R2 replaces 2020-child-q/R2 replaces "
        "2017-child-p/R1): a recommendation cannot replace one that, in turn, replaces it; remove the link that is "
        "wrong"]


def test_a_link_to_a_review_with_problems_of_its_own_is_not_reported_twice(tmp_path):
    files = with_link("2017-child-p/R1")
    files["2017-child-p/index.md"] = front(review_meta(title="Child P", published="2017-05-01", themes=["neglet"]))
    found = problems_of(tmp_path, files)
    assert len(found) == 1 and "'neglet' is not a known theme" in found[0]


# -- the register ----------------------------------------------------------------------------------------------

def test_every_public_recommendation_is_in_the_register_newest_review_first(site):
    ids = [e.identifier for e in site.register.entries]
    assert ids[:MANY] == [f"2025-child-many/R{i}" for i in range(1, MANY + 1)]
    assert ids[MANY:] == ["2023-child-r/R1", "2023-child-r/R2", "2023-child-r/R3", "2020-child-q/R1",
                         "2020-child-q/R2", "2017-child-p/R1", "2017-child-p/R2"]


def test_links_point_backward_and_forward(site):
    reg = site.register
    assert [(lnk.relation, lnk.entry.identifier) for lnk in reg.earlier["2020-child-q/R1"]] == [
        ("repeats", "2017-child-p/R1")]
    assert [(lnk.relation, lnk.entry.identifier) for lnk in reg.later["2017-child-p/R1"]] == [
        ("repeats", "2020-child-q/R1")]
    assert [(lnk.relation, lnk.entry.identifier) for lnk in reg.later["2020-child-q/R2"]] == [
        ("replaces", "2023-child-r/R2")]
    assert [e.identifier for e in reg.chains[0]] == ["2017-child-p/R1", "2020-child-q/R1", "2023-child-r/R1"]
    assert reg.most_repeated[0][0].identifier in ("2017-child-p/R1", "2020-child-q/R1")


def test_a_link_to_a_recommendation_that_is_not_public_is_never_shown_or_counted(site, tmp_path):
    reg = site.register
    entry = reg.by_id["2023-child-r/R3"]
    assert "2027-child-e/R1" not in reg.by_id
    assert reg.earlier.get(entry.identifier, ()) == () and not reg.repeats(entry)
    assert all("2027-child-e" not in e.identifier for chain in reg.chains for e in chain)
    # The same content once the embargo has passed: the link appears, so the test above can fail.
    later, problems = public_site(tmp_path, corpus(), at="2027-02-01T12:00:00+00:00")
    assert problems == []
    assert [lnk.entry.identifier for lnk in later.register.earlier["2023-child-r/R3"]] == ["2027-child-e/R1"]
    assert later.register.repeats(later.register.by_id["2023-child-r/R3"])


def test_themes_default_to_the_review_themes(site):
    reg = site.register
    assert [t.id for t in reg.by_id["2017-child-p/R1"].themes] == ["information-sharing"]
    assert [t.id for t in reg.by_id["2017-child-p/R2"].themes] == ["neglect"]


def test_each_way_of_narrowing_holds_exactly_the_matching_recommendations(site):
    reg = site.register
    checks = {
        "theme": lambda e, v: v in [t.id for t in e.themes],
        "agency": lambda e, v: v in [a.action.lead.id for a in e.actions],
        "response": lambda e, v: e.recommendation.response == v,
        "year": lambda e, v: str(e.review.published.astimezone(LONDON).year) == v,
        "delivery": lambda e, v: v == ("no-actions" if not e.actions else "overdue" if any(
            a.overdue for a in e.actions) else "closed" if all(a.closed for a in e.actions) else "open"),
    }
    for dimension, values in reg.values.items():
        assert values, dimension
        for value in values:
            expected = [e.identifier for e in reg.entries if checks[dimension](e, value.id)]
            assert [e.identifier for e in reg.groups[dimension][value.id]] == expected
            assert value.count == len(expected)
    assert {v.id for v in reg.values["delivery"]} == {"closed", "overdue", "no-actions"}
    assert [v.id for v in reg.values["year"]] == ["2025", "2023", "2020", "2017"]


def test_every_list_is_paginated_and_no_page_shows_more_than_a_page(site):
    pages = [p for p in all_pages(site) if p.src_uri.startswith("recommendations/")]
    by_list: dict[str, list] = {}
    for page in pages:
        if "entries" in page.context and "pager" in page.context:
            assert len(page.context["entries"]) <= PAGE_SIZE
            by_list.setdefault(page.context["pager"].base, []).append(page)
    reg = site.register
    for dimension, values in reg.values.items():
        for value in values:
            got = by_list[value.path]
            entries = reg.groups[dimension][value.id]
            assert len(got) == math.ceil(len(entries) / PAGE_SIZE)
            shown = [e for page in sorted(got, key=lambda p: p.context["pager"].number)
                     for e in page.context["entries"]]
            assert shown == list(entries)
    whole = sorted(by_list["recommendations/"], key=lambda p: p.context["pager"].number)
    assert [p.url for p in whole] == ["recommendations/", "recommendations/page/2/", "recommendations/page/3/"]
    assert sum(len(p.context["entries"]) for p in whole) == len(reg.entries) == PUBLIC


def test_theme_recurrence_counts_reviews_and_recommendations_by_year(site):
    theme = site.vocabulary.themes["information-sharing"]
    rec = site.register.recurrence(theme)
    assert [(y.year, y.reviews, y.recommendations) for y in rec.years] == [
        (2017, 1, 1), (2018, 0, 0), (2019, 0, 0), (2020, 1, 1), (2021, 0, 0), (2022, 0, 0), (2023, 0, 1)]
    assert rec.repeats == 2
    assert [[e.identifier for e in c] for c in rec.chains] == [["2017-child-p/R1", "2020-child-q/R1",
                                                               "2023-child-r/R1"]]
    chart = rec.chart()
    heights = {(b.year, b.series): b.height for b in chart.bars}
    assert heights[(2018, "reviews")] == 0 and heights[(2017, "reviews")] > 0


# -- the demo's recurrence figures, worked out again from the files ----------------------------------------------

def demo_figures(theme: str, at: str) -> dict[int, tuple[int, int]]:
    """Reviews and recommendations on ``theme`` by year, read straight from reviews/ with PyYAML: a second,
    independent reading of the rules (public, not withdrawn; a recommendation's themes or else its review's)."""
    moment = parse_moment(at)
    reviews: dict[int, int] = {}
    recs: dict[int, int] = {}
    for index in sorted((REPO / "reviews").glob("*/index.md")):
        meta = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
        published = parse_moment(str(meta.get("published"))) if meta.get("published") else None
        if meta["status"] != "published" or published is None or published > moment:
            continue
        until = meta.get("available_until")
        archived = until is not None and moment.astimezone(LONDON).date().isoformat() > str(until)
        year = published.astimezone(LONDON).year
        if theme in meta.get("themes", []):
            reviews[year] = reviews.get(year, 0) + 1
        plan = index.parent / "action-plan.md"
        if plan.exists() and not archived:
            for r in yaml.safe_load(plan.read_text(encoding="utf-8").split("---")[1])["recommendations"]:
                if theme in (r.get("themes") or meta.get("themes", [])):
                    recs[year] = recs.get(year, 0) + 1
    years = set(reviews) | set(recs)
    return {y: (reviews.get(y, 0), recs.get(y, 0)) for y in range(min(years), max(years) + 1)}


DEMO_AS_OF = "2026-11-26T12:00:00+00:00"


@pytest.fixture(scope="module")
def demo() -> Build:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace('!ENV [SITE_URL, ""]', "''"))
    return Build.prepare(REPO, config["extra"]["reviews"], "", environ={"REVIEWS_AS_OF": DEMO_AS_OF})


@pytest.mark.parametrize("theme", ["information-sharing", "domestic-abuse", "non-accidental-injury"])
def test_the_demo_recurrence_figures_agree_with_the_files(demo, theme):
    rec = demo.site.register.recurrence(demo.site.vocabulary.themes[theme])
    assert {y.year: (y.reviews, y.recommendations) for y in rec.years} == demo_figures(theme, DEMO_AS_OF)


def test_the_demo_has_two_chains_of_repeats_a_building_on_and_a_replacement(demo):
    reg = demo.site.register
    assert len([c for c in reg.chains if len(c) >= 2]) >= 2
    relations = {lnk.relation for links in reg.earlier.values() for lnk in links}
    assert relations == {"repeats", "builds-on", "replaces"}
    # GP information sharing, as the committee minute asks about: a 2017 recommendation repeated in 2024.
    chain = next(c for c in reg.chains if c[0].identifier == "2017-baby-ellis/R2")
    assert [e.year for e in chain] == [2017, 2024]


# -- a real build: pages, links, data files ----------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"


def register_files() -> dict[str, str]:
    """The corpus and a review whose title and recommendations look like spreadsheet formulas and markup: what
    conftest.register_build builds once for this module and test_register_browser.py."""
    files = corpus()
    files["2024-child-x/index.md"] = front(review_meta(title='=HYPERLINK("http://x") Child X',
                                                       published="2024-01-01"))
    files["2024-child-x/action-plan.md"] = action_plan([
        rec("R1", f"=1+1 {HOSTILE}", related=[("builds-on", "2023-child-r/R1")]), rec("R2", "+44 formula"),
        rec("R3", "-2 formula"), rec("R4", "@SUM(A1) formula")])
    return files


@pytest.fixture(scope="module")
def built(register_build) -> Path:
    return register_build.site


def test_the_register_pages_are_built(built):
    for path in ("recommendations/", "recommendations/page/3/", "recommendations/theme/safe-sleep/page/3/",
                 "recommendations/agency/police/", "recommendations/response/not-accepted/",
                 "recommendations/year/2017/", "recommendations/delivery/overdue/", "recommendations/recurring/",
                 "recommendation/2017-child-p/R1/"):
        assert (built / path / "index.html").is_file(), path
    assert not (built / "recommendations/theme/safe-sleep/page/4/index.html").exists()


def test_review_and_plan_pages_link_backward_and_forward(built):
    review = (built / "reviews/2023-child-r/index.html").read_text(encoding="utf-8")
    assert "This learning has come up before" in review
    assert 'href="../2020-child-q/action-plan/#rec-R1"' in review or "2020-child-q/action-plan/#rec-R1" in review
    plan = (built / "reviews/2017-child-p/action-plan/index.html").read_text(encoding="utf-8")
    assert "Later reviews came back to this" in plan and "2020-child-q/action-plan/#rec-R1" in plan
    assert "accepted in 2017; 1 action: 1 complete" in (built / "reviews/2020-child-q/action-plan/index.html"
                                                        ).read_text(encoding="utf-8")


def test_content_is_escaped_on_every_new_page(built):
    pages = [*built.glob("recommendations/**/*.html"), *built.glob("recommendation/**/*.html"),
             built / "reviews/2024-child-x/index.html", built / "reviews/2023-child-r/index.html"]
    assert len(pages) > 20
    for page in pages:
        assert HOSTILE not in page.read_text(encoding="utf-8"), page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (built / "recommendation/2024-child-x/R1/index.html"
                                                        ).read_text(encoding="utf-8")


def test_the_json_matches_the_schema_published_beside_it(built):
    data = json.loads((built / "data/recommendations.json").read_text(encoding="utf-8"))
    schema = json.loads((built / "data/recommendations.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((REPO / "casereviews/schema/recommendations-data.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data)) == []
    assert data["version"] == "1.0" and data["count"] == len(data["recommendations"]) == PUBLIC + 4
    record = next(r for r in data["recommendations"] if r["identifier"] == "2020-child-q/R1")
    assert record["related"] == [{"recommendation": "2017-child-p/R1", "relation": "repeats",
                                  "url": "https://reviews.example.org/reviews/2017-child-p/action-plan/#rec-R1"}]
    assert record["related_by"][0]["recommendation"] == "2023-child-r/R1"
    hidden = next(r for r in data["recommendations"] if r["identifier"] == "2023-child-r/R3")
    assert hidden["related"] == []
    assert "2027-child-e" not in json.dumps(data)


def test_the_csv_has_a_row_a_recommendation_and_no_cell_a_spreadsheet_would_run(built):
    text = (built / "data/recommendations.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == PUBLIC + 4
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    x = {r["identifier"]: r for r in rows if r["review"] == "2024-child-x"}
    assert x["2024-child-x/R1"]["text"].startswith("'=1+1 ")
    assert x["2024-child-x/R2"]["text"] == "'+44 formula" and x["2024-child-x/R3"]["text"] == "'-2 formula"
    assert x["2024-child-x/R4"]["text"] == "'@SUM(A1) formula"
    assert x["2024-child-x/R1"]["review_title"].startswith("'=HYPERLINK(")
    assert x["2024-child-x/R1"]["builds_on"] == "2023-child-r/R1"


def test_the_filter_index_holds_every_public_recommendation_and_nothing_else(built):
    data = json.loads((built / "recommendations/register.json").read_text(encoding="utf-8"))
    assert len(data["rows"]) == PUBLIC + 4
    assert "2027-child-e" not in json.dumps(data)


def test_recommendations_are_indexed_one_record_each_with_their_identifier(built):
    page = (built / "recommendation/2020-child-q/R1/index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-filter="kind">Recommendation</span>' in page
    assert '<span data-pagefind-meta="identifier">2020-child-q/R1</span>' in page
    assert '<span data-pagefind-meta="url">reviews/2020-child-q/action-plan/#rec-R1</span>' in page
    filters = [read_output(p) for p in (built / "pagefind").rglob("*.pf_filter")]
    assert any("Recommendation" in text for text in filters)  # the kind filter has the value
    assert not (built / "recommendation/2027-child-e").exists()


def test_a_later_review_can_be_added_without_changing_an_identifier(tmp_path):
    files = corpus()
    before, _ = public_site(tmp_path / "a", files)
    files["2026-child-new/index.md"] = front(review_meta(title="New", published="2026-01-01"))
    files["2026-child-new/action-plan.md"] = action_plan([rec("R1", related=[("repeats", "2017-child-p/R1")])])
    after, _ = public_site(tmp_path / "b", files)
    assert set(before.register.by_id) < set(after.register.by_id)
    for ident, entry in before.register.by_id.items():
        assert after.register.by_id[ident].path == entry.path


def test_a_record_that_breaks_the_schema_is_refused_before_anything_is_written(site, tmp_path):
    from casereviews.outputs.recommendations import dataset, schema_errors, write_recommendations

    data = dataset(site)
    assert schema_errors(data) == []
    data["recommendations"][0]["delivery"] = "finished"
    assert [e.message for e in schema_errors(data)] == [
        "'finished' is not one of ['overdue', 'open', 'closed', 'no-actions']"]
    data["recommendations"][0]["delivery"] = "open"
    data["recommendations"][0]["related"] = [{"recommendation": "not an identifier", "relation": "repeats",
                                              "url": "x"}]
    assert schema_errors(data)
    write_recommendations(site, tmp_path, None)  # the real data passes and is written
    assert (tmp_path / "data/recommendations.json").is_file()
