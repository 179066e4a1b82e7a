"""Meetings, meeting packs, action update feeds and the impact rule (issue 17).

One small history (``FILES``) is built at several reference times. Its two meetings on 1 April 2025 have packs
whose every figure is worked out by hand below, from the dates in the plans.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import yaml
from sitebuild import AS_OF, CHROMIUM, action_plan, build_ok, front, review_meta, serve, write_project

from casereviews.clock import LONDON, parse_moment
from casereviews.content.load import load, load_with_problems
from casereviews.content.meetings import monitoring_group, oversees
from casereviews.content.model import Action, ActionPlan, Group, Meetings, Recommendation, Review, Term, Update
from casereviews.publication.progress import Tally, add_months, track
from casereviews.publication.site import PublicSite
from casereviews.settings import Settings


def upd(day: str, status: str, note: str = "", **extra) -> dict:
    return {"date": day, "status": status, "note": note or f"Reported {status} on {day}.", **extra}


def act(id_: str, lead: str, due: str, *updates: dict) -> dict:
    return {"id": id_, "text": f"Action {id_} text.", "lead": lead, "due": due, "updates": list(updates)}


PLAN_A = [
    {"id": "R1", "text": "Share information about risk.", "response": "accepted", "actions": [
        act("R1.1", "police", "2025-06-30", upd("2025-01-10", "in-progress"), upd("2025-03-20", "complete")),
        act("R1.2", "police", "2025-03-01", upd("2025-01-05", "in-progress"),
            upd("2025-02-01", "in-progress", "On the day of the previous meeting.")),
        act("R1.3", "childrens-social-care", "2024-12-31", upd("2024-10-01", "at-risk"),
            upd("2026-12-01", "complete", "leakfuturefeedqz")),
    ]},
    {"id": "R2", "text": "Improve health visiting.", "response": "accepted", "actions": [
        act("R2.1", "health-visiting", "2026-12-31", upd("2024-12-15", "in-progress")),
        act("R2.2", "health-visiting", "2026-12-31", upd("2024-03-20", "complete", evidence="Training register")),
        act("R2.3", "police", "2026-12-31", upd("2025-02-10", "in-progress"),
            upd("2025-04-01", "assured", "On the meeting's day.", evidence="Audit of 20 case files")),
    ]},
]
PLAN_B = [
    {"id": "R1", "text": "Review the front door.", "response": "accepted",
     "actions": [act("R1.1", "childrens-social-care", "2026-01-31")]},
    {"id": "R2", "text": "Train call handlers.", "response": "accepted-in-principle",
     "actions": [act("R2.1", "police", "2026-01-31")]},
]
PLAN_C = [{"id": "R1", "text": "Check histories.", "response": "accepted",
           "actions": [act("R1.1", "police", "2027-01-01",
                           upd("2024-12-01", "in-progress", 'Hostile <b>bold</b> & "quotes" end.'))]}]
PLAN_D = [{"id": "R1", "text": "Hidden leakpackdraftqz.", "response": "accepted",
           "actions": [act("R1.1", "police", "2025-01-01", upd("2025-03-01", "complete", "leakpackdraftqz note"))]}]

MEETINGS = {
    "groups": [{"id": "lprg", "label": "Learning and Practice Review Group"},
               {"id": "board", "label": "Executive Board"}],
    "meetings": [{"group": "lprg", "date": "2025-02-01"}, {"group": "lprg", "date": "2025-04-01"},
                 {"group": "board", "date": "2025-04-01", "title": "Quarter 4 <report> & review"},
                 {"group": "board", "date": "2025-07-01"}],
}


def files() -> dict[str, str]:
    lprg = "Learning and Practice Review Group"
    return {
        "2024-child-a/index.md": front(review_meta(title="Child A: review", published="2024-03-12")),
        "2024-child-a/action-plan.md": action_plan(PLAN_A, monitored_by=lprg, reports_to=["Executive Board"]),
        "2025-child-b/index.md": front(review_meta(title="Child B: review", published="2025-03-01")),
        "2025-child-b/action-plan.md": action_plan(PLAN_B, monitored_by="executive board", reports_to=[]),
        "2023-child-c/index.md": front(review_meta(title="Child C: review", published="2023-05-01")),
        "2023-child-c/action-plan.md": action_plan(PLAN_C, monitored_by=lprg, reports_to=[]),
        "2025-child-d/index.md": front({"status": "draft", "title": "Child D leakpackdraftqz", "themes": ["neglect"]}),
        "2025-child-d/action-plan.md": action_plan(PLAN_D, monitored_by=lprg),
        "meetings.yml": yaml.safe_dump(MEETINGS, sort_keys=False),
    }


def public_site(tmp_path: Path, at: str) -> PublicSite:
    root = write_project(tmp_path, files())
    settings = Settings.from_mapping(root, {})
    return PublicSite.build(load(settings), parse_moment(at), settings)


def ids(actions) -> list[str]:
    return sorted(f"{a.review.slug[-1]}:{a.action.id}" for a in actions)


# -- the pack's figures, worked out by hand ---------------------------------------------------------------------

def test_every_figure_of_the_review_groups_pack(tmp_path):
    site = public_site(tmp_path, AS_OF)
    pack = next(p for p in site.calendar.packs if p.group.id == "lprg" and p.meeting.date == date(2025, 4, 1))
    assert pack.since == date(2025, 2, 1) and pack.previous.date == date(2025, 2, 1)
    # Child B is monitored by the board and does not report to this group; Child D is a draft.
    assert [r.slug for r in pack.plans] == ["2024-child-a", "2023-child-c"]
    assert [r.slug for r in pack.reviews_published] == ["2025-child-b"]  # every review the partnership published
    assert pack.recommendations_added == ()  # Child B's are not this group's
    # An update on the previous meeting's day was in that pack; one on this meeting's day is in this one.
    assert [(p.action.action.id, p.update.date.isoformat()) for plan in pack.updates for p in plan.updates] == [
        ("R2.3", "2025-02-10"), ("R1.1", "2025-03-20"), ("R2.3", "2025-04-01")]
    assert ids(pack.completed) == ["a:R1.1", "a:R2.3"]
    assert ids(pack.became_overdue) == ["a:R1.2"]  # due 1 March
    assert ids(pack.still_overdue) == ["a:R1.3"]
    assert ids(pack.became_stale) == ["a:R2.1", "c:R1.1"]  # 48 and 62 days on 1 February, 107 and 121 now
    assert [r.slug for r in pack.no_update] == ["2023-child-c"]
    assert ids(pack.impact_overdue) == ["a:R2.2"]  # complete 20 March 2024, impact check due 20 March 2025
    assert pack.tally.sentence() == ("7 actions: 2 overdue, 2 in progress, 2 complete, 1 assured "
                                     "(3 with no recent update)")
    assert dict((a, n) for a, _, n in pack.figures()) == {
        "published": 1, "recommendations": 0, "updates": 3, "completed": 2, "became-overdue": 1, "became-stale": 2,
        "still-overdue": 1, "no-update": 1, "impact": 1}


def test_every_figure_of_the_boards_first_pack(tmp_path):
    site = public_site(tmp_path, AS_OF)
    pack = next(p for p in site.calendar.packs if p.group.id == "board" and p.meeting.date == date(2025, 4, 1))
    assert pack.previous is None and pack.since == date(2025, 1, 1)  # the 90 days before its first meeting
    assert [r.slug for r in pack.plans] == ["2025-child-b", "2024-child-a"]  # monitors B; A reports to it
    assert [(r.slug, rec.id) for r, rec in pack.recommendations_added] == [("2025-child-b", "R1"),
                                                                           ("2025-child-b", "R2")]
    assert pack.update_count == 6
    assert ids(pack.completed) == ["a:R1.1", "a:R2.3"]
    assert ids(pack.became_overdue) == ["a:R1.2"]
    assert ids(pack.still_overdue) == ["a:R1.3"]  # due 31 December 2024: overdue on 1 January already
    assert ids(pack.became_stale) == ["a:R2.1"]  # R1.3 was already 92 days silent on 1 January
    assert [r.slug for r in pack.no_update] == ["2025-child-b"]
    assert ids(pack.impact_overdue) == ["a:R2.2"]


def test_a_packs_standing_figures_are_those_of_a_build_as_at_the_meeting(tmp_path):
    """The pack's tally, overdue and stale are what the site itself showed when built as at the meeting's day."""
    now = public_site(tmp_path, AS_OF)
    then = public_site(tmp_path / "then", "2025-04-01")
    for pack in (p for p in now.calendar.packs if p.meeting.date == date(2025, 4, 1)):
        covered = [a for a in then.actions if a.review.slug in pack.slugs]
        assert pack.tally == Tally.of(covered)
        overdue = [a for a in covered if a.overdue]
        assert ids(pack.became_overdue + pack.still_overdue) == ids(overdue)


def test_packs_only_for_meetings_up_to_the_reference_time(tmp_path):
    site = public_site(tmp_path, "2025-04-01T09:00:00+01:00")
    held = {(p.group.id, p.meeting.date.isoformat()) for p in site.calendar.packs}
    assert held == {("lprg", "2025-02-01"), ("lprg", "2025-04-01"), ("board", "2025-04-01")}
    board = next(g for g in site.calendar.groups if g.group.id == "board")
    assert board.next_meeting.date == date(2025, 7, 1)


# -- the pages, and the rule that a pack does not depend on the build's date --------------------------------------

@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The history built that evening and a year later (both without a site address), and at AS_OF with one."""
    out = {}
    for name, at, site_url in (("evening", "2025-04-01T18:00:00+01:00", ""), ("year", "2026-04-01", ""),
                               ("now", AS_OF, "https://reviews.example.org/")):
        root = write_project(tmp_path_factory.mktemp(name), files())
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        config["site_url"] = site_url
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        out[name] = build_ok(root, at)
    return out


@pytest.mark.parametrize("pack", ["lprg/2025-04-01", "board/2025-04-01", "lprg/2025-02-01"])
def test_a_pack_is_the_same_whenever_it_is_built(builds, pack):
    evening = (builds["evening"] / f"action-plans/meetings/{pack}/index.html").read_text(encoding="utf-8")
    later = (builds["year"] / f"action-plans/meetings/{pack}/index.html").read_text(encoding="utf-8")
    assert 'data-figure="updates"' in evening
    assert evening == later
    # The same two builds differ where the build's date matters, so the comparison above can fail.
    dashboards = [(builds[b] / "action-plans/index.html").read_text(encoding="utf-8") for b in ("evening", "year")]
    assert dashboards[0] != dashboards[1]


def test_the_pack_page_shows_the_figures_and_escapes_the_title(builds):
    html = (builds["now"] / "action-plans/meetings/lprg/2025-04-01/index.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'data-figure="([a-z-]+)">.*?<td class="cr-num">(\d+)</td>', html))
    assert figures == {"published": "1", "recommendations": "0", "updates": "3", "completed": "2",
                       "became-overdue": "1", "became-stale": "2", "still-overdue": "1", "no-update": "1",
                       "impact": "1"}
    board = (builds["now"] / "action-plans/meetings/board/2025-04-01/index.html").read_text(encoding="utf-8")
    assert "Quarter 4 &lt;report&gt; &amp; review" in board and "<report>" not in board
    index = (builds["now"] / "action-plans/meetings/index.html").read_text(encoding="utf-8")
    assert index.index("lprg/2025-04-01/") < index.index("lprg/2025-02-01/")  # newest first
    assert "board/2025-07-01/" in index  # held by AS_OF


def test_dashboard_and_plans_link_the_latest_packs(builds):
    site = builds["now"]
    dashboard = (site / "action-plans/index.html").read_text(encoding="utf-8")
    assert "meetings/lprg/2025-04-01/" in dashboard
    assert "board/2025-07-01/" in dashboard
    plan_b = (site / "reviews/2025-child-b/action-plan/index.html").read_text(encoding="utf-8")
    assert "<dd>Executive Board</dd>" in plan_b and "board/2025-07-01/" in plan_b
    plan_c = (site / "reviews/2023-child-c/action-plan/index.html").read_text(encoding="utf-8")
    assert "<dd>Learning and Practice Review Group</dd>" in plan_c and "lprg/2025-04-01/" in plan_c


def test_monitoring_group_by_label_or_id_else_the_first():
    groups = (Group("lprg", "Learning and Practice Review Group"), Group("board", "Executive Board"))
    meetings = Meetings(groups)
    assert monitoring_group(meetings, ActionPlan(" executive  BOARD ")) == groups[1]
    assert monitoring_group(meetings, ActionPlan("board")) == groups[1]
    assert monitoring_group(meetings, ActionPlan("Some other panel")) == groups[0]
    assert monitoring_group(Meetings(), ActionPlan("board")) is None
    assert oversees(meetings, groups[1], ActionPlan("lprg", reports_to=("Executive Board",)))
    assert not oversees(meetings, groups[1], ActionPlan("lprg"))


# -- validation ---------------------------------------------------------------------------------------------------

def problems_for(tmp_path: Path, meetings_text: str) -> list[str]:
    write_project(tmp_path, {"meetings.yml": meetings_text})
    return [str(p) for p in sorted(load_with_problems(Settings.from_mapping(tmp_path, {}))[1])]


def test_meetings_file_problems_name_file_line_and_field(tmp_path):
    text = """groups:
  - id: lprg
    label: Review group
  - id: lprg
    label: Again
  - id: Board
    label: Board
meetings:
  - {group: lprg, date: 2025-01-14}
  - {group: lprgg, date: 2025-01-14}
  - {group: lprg, date: 2025-02-30}
  - {group: lprg, date: 2025-01-14}
  - {group: lprg, date: 14/01/2025}
  - {group: lprg, date: 2025-03-01, venue: Town hall}
"""
    problems = problems_for(tmp_path, text)
    assert ("reviews/meetings.yml:4: groups[1].id: 'lprg' is listed twice in groups: each group is listed "
            "once") in problems
    assert any(p.startswith("reviews/meetings.yml:6: groups[2].id: 'Board' is not") for p in problems)
    assert any(p.startswith("reviews/meetings.yml:10: meetings[1].group: 'lprgg' is not a known group; did you mean "
                            "'lprg'?") for p in problems)
    assert ("reviews/meetings.yml:11: meetings[2].date: '2025-02-30' is not a real date: check the day and month "
            "(written YYYY-MM-DD, e.g. 2026-01-15)") in problems
    assert ("reviews/meetings.yml:12: meetings[3].date: lprg already meets on 2025-01-14 (line 9): list each "
            "meeting once") in problems
    assert any(p.startswith("reviews/meetings.yml:13: meetings[4].date: '14/01/2025' is not") for p in problems)
    assert any(p.startswith("reviews/meetings.yml:14: meetings[5].venue: is not a field of") for p in problems)


def test_a_missing_meetings_file_is_fine_and_a_broken_one_stops_the_build(tmp_path):
    write_project(tmp_path, {})
    content, problems = load_with_problems(Settings.from_mapping(tmp_path, {}))
    assert problems == [] and content.meetings == Meetings()
    assert problems_for(tmp_path / "b", "groups: []\n") == [
        "reviews/meetings.yml:1: groups: needs at least 1 entry (a list of groups, each with an id and a label)"]


# -- feeds --------------------------------------------------------------------------------------------------------

def parse(site: Path, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


FEEDS = {"action-plans/feed.xml": 10, "reviews/2024-child-a/action-plan/feed.xml": 9,
         "agencies/police/feed.xml": 7, "reviews/2025-child-b/action-plan/feed.xml": 0}


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_feeds_parse_with_what_the_w3c_validator_checks(builds, path):
    feed = parse(builds["now"], path)
    assert len(feed.entries) == FEEDS[path]
    assert feed.feed.id == f"https://reviews.example.org/{path}"
    assert feed.feed.get("updated_parsed") and feed.feed.author
    links = [link.href for link in feed.feed.links] + [link.href for e in feed.entries for link in e.links]
    assert links and all(href.startswith("https://reviews.example.org/") for href in links)
    ids_ = [e.id for e in feed.entries]
    assert len(set(ids_)) == len(ids_)
    for e in feed.entries:
        assert e.id.startswith("tag:reviews.example.org,") and e.get("updated_parsed") and e.title and e.summary


def test_feed_entries_carry_action_status_and_note_and_never_a_future_or_hidden_update(builds):
    site = builds["now"]
    feed = parse(site, "reviews/2024-child-a/action-plan/feed.xml")
    newest = feed.entries[0]
    assert newest.title == "R2.3 assured: Child A: review"
    assert "Action R2.3 (Police): Action R2.3 text." in newest.summary and "Status: Assured." in newest.summary
    assert "On the meeting's day." in newest.summary and "Evidence: Audit of 20 case files" in newest.summary
    assert newest.tags[0].term == "assured"
    assert newest.link == "https://reviews.example.org/reviews/2024-child-a/action-plan/#action-R2.3"
    for path in FEEDS:
        text = (site / path).read_text(encoding="utf-8")
        assert "leakfuturefeedqz" not in text and "leakpackdraftqz" not in text and "2026-12-01" not in text


def test_feeds_escape_hostile_text(builds):
    raw = (builds["now"] / "reviews/2023-child-c/action-plan/feed.xml").read_text(encoding="utf-8")
    assert "Hostile &lt;b&gt;bold&lt;/b&gt; &amp; \"quotes\" end." in raw and "<b>" not in raw
    entry = parse(builds["now"], "reviews/2023-child-c/action-plan/feed.xml").entries[0]
    assert 'Hostile <b>bold</b> & "quotes" end.' in entry.summary
    page = (builds["now"] / "reviews/2023-child-c/action-plan/index.html").read_text(encoding="utf-8")
    assert "Hostile &lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold" not in page


def test_feeds_are_linked_from_their_pages(builds):
    site = builds["now"]
    for page, feed in (("reviews/2024-child-a/action-plan/", "feed.xml"), ("agencies/police/", "feed.xml"),
                       ("action-plans/", "feed.xml")):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        # rel "alternate feed", not "alternate" alone: see overrides/partials/open-data-head.html (issue 20).
        assert re.search(rf'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="{feed}">',
                         html)
        assert re.search(r'<a href="[./]*' + re.escape(page + feed) + r'" type="application/atom\+xml">', html), page


def test_a_build_without_site_url_still_gives_absolute_links(builds):
    feed = parse(builds["year"], "action-plans/feed.xml")
    links = [link.href for link in feed.feed.links] + [e.link for e in feed.entries]
    assert all(href.startswith("http://127.0.0.1:8000/") for href in links)
    assert all(e.id.startswith("tag:localhost,") for e in feed.entries)


# -- the impact rule ----------------------------------------------------------------------------------------------

POLICE = Term("police", "Police")
REVIEW = Review("2024-child-a", "published", "Child A", datetime(2024, 3, 12, tzinfo=LONDON))
REC = Recommendation("R1", "Text.", "accepted")


def judged(today: date, *updates: Update, months: int = 12):
    action = Action("R1.1", "Do it.", POLICE, date(2030, 1, 1), tuple(updates))
    return track(REVIEW, REC, action, today, 90, months)


def test_impact_check_is_due_months_after_completion_and_overdue_only_after_that_day():
    done = Update(date(2025, 1, 31), "complete", "Delivered.")
    assert judged(date(2026, 1, 31), done).impact_due == date(2026, 1, 31)
    assert not judged(date(2026, 1, 31), done).impact_overdue  # on the day: due, not overdue
    assert judged(date(2026, 2, 1), done).impact_overdue
    assert judged(date(2025, 3, 1), done, months=1).impact_due == date(2025, 2, 28)  # a shorter month
    assert judged(date(2025, 3, 1), done, months=1).impact_overdue
    assert not judged(date(2025, 2, 28), done, months=1).impact_overdue


def test_impact_clock_starts_at_the_latest_completion_and_stops_when_assured():
    first = Update(date(2025, 1, 10), "complete", "Delivered.")
    again = Update(date(2025, 6, 1), "complete", "Still delivered.")
    reopened = Update(date(2025, 3, 1), "in-progress", "Reopened.")
    assert judged(date(2025, 7, 1), first, again).impact_due == date(2026, 1, 10)
    assert judged(date(2025, 7, 1), first, reopened, again).impact_due == date(2026, 6, 1)
    assured = Update(date(2026, 2, 1), "assured", "Checked.", evidence="Audit")
    assert judged(date(2027, 1, 1), first, assured).impact_due is None
    assert not judged(date(2027, 1, 1), first, assured).impact_overdue
    assert judged(date(2027, 1, 1), Update(date(2025, 1, 10), "in-progress", "x")).impact_due is None


def test_add_months_across_years_and_leap_days():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_impact_review_months_is_a_site_setting(tmp_path):
    assert Settings.from_mapping(tmp_path, {}).impact_review_months == 12
    assert Settings.from_mapping(tmp_path, {"impact_review_months": 6}).impact_review_months == 6


def test_impact_shown_on_dashboard_agency_page_csv_and_plan(builds):
    site = builds["now"]
    dashboard = (site / "action-plans/index.html").read_text(encoding="utf-8")
    assert 'id="impact">Impact checks overdue (2)' in dashboard  # R2.2 (March 2025) and R1.1 (March 2026)
    agency = (site / "agencies/health-visiting/index.html").read_text(encoding="utf-8")
    assert 'data-impact-overdue="1"' in agency and 'data-impact="overdue"' in agency
    csv_text = (site / "data/actions.csv").read_text(encoding="utf-8-sig")
    header, *rows = csv_text.splitlines()
    assert header.endswith("impact_check_due,impact_check_overdue")
    r22 = next(r for r in rows if r.startswith("2024-child-a,R2,R2.2,"))
    assert r22.endswith(",2025-03-20,true")
    r23 = next(r for r in rows if r.startswith("2024-child-a,R2,R2.3,"))
    assert r23.endswith(",,false")  # assured: no impact check due
    plan = (site / "reviews/2024-child-a/action-plan/index.html").read_text(encoding="utf-8")
    status = plan[plan.index('id="action-R2.3"'):]
    status = status[status.index("<dt>Status</dt>"):]
    status = status[:status.index("</dd>")]
    assert "Assured" in status and "Evidence:</strong> Audit of 20 case files" in status


def test_assured_needs_evidence(tmp_path):
    plan = action_plan([{"id": "R1", "text": "T.", "response": "accepted", "actions": [
        act("R1.1", "police", "2025-06-30", upd("2025-01-10", "assured"))]}])
    write_project(tmp_path, {"2024-child-a/index.md": front(review_meta()), "2024-child-a/action-plan.md": plan})
    problems = [str(p) for p in load_with_problems(Settings.from_mapping(tmp_path, {}))[1]]
    assert len(problems) == 1
    assert problems[0].startswith("reviews/2024-child-a/action-plan.md:15: recommendations[0].actions[0].updates[0]"
                                  ".evidence: is missing: an 'assured' update must say what shows")


# -- printing -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_site(demo_build) -> Path:
    """The repository's own demo content (its meetings calendar included), built as at 2026-11-26 12:00Z
    (conftest.py)."""
    return demo_build.site


def _squeezed(text: str) -> str:
    """Text without any white space: HTML and a PDF's text break lines and join inline elements differently."""
    return "".join(text.split())


def _text(fragment: str) -> str:
    return _squeezed(html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def test_the_demo_has_three_groups_meeting_over_two_years(demo_site):
    index = (demo_site / "action-plans/meetings/index.html").read_text(encoding="utf-8")
    held = re.findall(r'href="(?:\.\./)*(?:action-plans/meetings/)?(lprg|meb|scrutiny)/(\d{4}-\d{2}-\d{2})/"', index)
    by_group = {g: sorted(d for gg, d in held if gg == g) for g in ("lprg", "meb", "scrutiny")}
    assert all(by_group.values()), by_group
    first, last = min(d for _, d in held), max(d for _, d in held)
    assert date.fromisoformat(last) - date.fromisoformat(first) >= timedelta(days=700)
    assert last <= "2026-11-26"


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
@pytest.mark.parametrize("pack", ["meb/2026-09-03", "lprg/2026-11-10"])
def test_a_pack_prints_on_a4_without_cutting_a_row(demo_site, tmp_path, pack):
    """Print with Chromium as a reader would; every row's first and last cells each sit whole on one sheet, the
    same sheet (a row cut across two sheets would split them)."""
    from pypdf import PdfReader
    from test_briefings import pdf_pages, print_to_pdf

    page_html = (demo_site / f"action-plans/meetings/{pack}/index.html").read_text(encoding="utf-8")
    trs = re.findall(r"<tr[^>]*>(.*?)</tr>", page_html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in trs]
    rows = [(_text(c[0]), _text(c[-1])) for c in cells if len(c) >= 2]
    assert len(rows) >= 10
    url, stop = serve(demo_site)
    try:
        pdf = print_to_pdf(f"{url}/action-plans/meetings/{pack}/", tmp_path / "pack.pdf")
    finally:
        stop()
    count, sizes, _ = pdf_pages(pdf)
    assert count >= 2 and set(sizes) == {(595, 842)}  # A4, in points
    sheets = [_squeezed(p.extract_text() or "") for p in PdfReader(pdf).pages]
    for first, last in rows:
        assert any(first in sheet and last in sheet for sheet in sheets), f"row {first[:60]!r} is cut across sheets"
