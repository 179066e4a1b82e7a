"""Real builds of the action plan pages, dashboard, agency pages, board report and ``data/actions.csv``.

The corpus below has every status at the reference time (2026-11-26 12:00 UTC), the boundaries (due today, due
yesterday, an update exactly 90 days old and one 91 days old), an update dated in the future, and plans on draft,
embargoed and withdrawn reviews that must appear nowhere.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import REPO, action_plan, build_ok, front, review_meta, write_project

from casereviews.statuses import ActionStatus


def upd(day: str, status: str, note: str = "", **extra) -> dict:
    return {"date": day, "status": status, "note": note or f"Reported {status} on {day}.", **extra}


def act(id_: str, lead: str, due: str, *updates: dict, text: str = "") -> dict:
    return {"id": id_, "text": text or f"Action {id_} text.", "lead": lead, "due": due, "updates": list(updates)}


PLAN_A = [
    {"id": "R1", "text": "Agencies should share information about risk.", "response": "accepted", "actions": [
        act("R1.1", "police", "2025-06-30", upd("2025-01-10", "in-progress")),  # overdue and stale
        act("R1.2", "police", "2026-11-26", upd("2026-11-01", "in-progress")),  # due today: not overdue
        act("R1.3", "childrens-social-care", "2026-11-25", upd("2026-11-20", "at-risk")),  # due yesterday
    ]},
    {"id": "R2", "text": "Set up a new panel.", "response": "not-accepted",
     "response_note": "The existing panel already does this (visiblenoteqz).", "actions": []},
    {"id": "R3", "text": "Improve health visiting.", "response": "accepted-in-principle", "actions": [
        act("R3.1", "health-visiting", "2025-01-31", upd("2024-06-01", "in-progress"),
            upd("2025-01-15", "complete", "Delivered.", evidence="Audit report visibleevidenceqz")),
        act("R3.2", "police", "2024-12-31", upd("2024-05-01", "in-progress"),
            upd("2025-02-01", "assured", evidence="Dip sample of 20 referrals")),
        act("R3.3", "police", "2024-12-31", upd("2024-10-01", "superseded")),
        act("R3.4", "childrens-social-care", "2027-06-30"),  # no update since publication in 2024: stale
        act("R3.5", "health-visiting", "2027-06-30", upd("2026-08-28", "in-progress")),  # exactly 90 days
        act("R3.6", "health-visiting", "2027-06-30", upd("2026-08-27", "in-progress")),  # 91 days: stale
    ]},
]
PLAN_H = [
    {"id": "R1", "text": "Agencies should check histories.", "response": "accepted", "actions": [
        act("R1.1", "police", "2026-01-31"),  # overdue; stale since publication (2025-09-01)
        act("R1.2", "police", "2027-01-31", upd("2026-11-25", "in-progress"),
            upd("2026-12-10", "complete", "Finished futurenoteqz.")),
        act("R1.3", "childrens-social-care", "2027-03-31", upd("2026-10-01", "at-risk")),
    ]},
]
HIDDEN_PLAN = [{"id": "R1", "text": "Hidden hiddenplanqz.", "response": "accepted", "actions": [
    act("R9.9", "police", "2020-01-01", text="Hidden action hiddenplanqz.")]}]

# (review, action) -> (effective status, stale) at the reference time: what every output must agree with.
EXPECTED = {
    ("2024-child-a", "R1.1"): ("overdue", True),
    ("2024-child-a", "R1.2"): ("in-progress", False),
    ("2024-child-a", "R1.3"): ("overdue", False),
    ("2024-child-a", "R3.1"): ("complete", False),
    ("2024-child-a", "R3.2"): ("assured", False),
    ("2024-child-a", "R3.3"): ("superseded", False),
    ("2024-child-a", "R3.4"): ("not-started", True),
    ("2024-child-a", "R3.5"): ("in-progress", False),
    ("2024-child-a", "R3.6"): ("in-progress", True),
    ("2025-child-h", "R1.1"): ("overdue", True),
    ("2025-child-h", "R1.2"): ("in-progress", False),
    ("2025-child-h", "R1.3"): ("at-risk", False),
}
COUNTS = {"overdue": 3, "at-risk": 1, "in-progress": 4, "not-started": 1, "complete": 1, "assured": 1,
          "superseded": 1}
SENTENCE = ("12 actions: 3 overdue, 1 at risk, 4 in progress, 1 not started, 1 complete, 1 assured, 1 superseded "
            "(4 with no recent update)")


def corpus() -> dict[str, str]:
    return {
        "2024-child-a/index.md": front(review_meta(title="Child A: practice review"), "## Findings\n\nText.\n"),
        "2024-child-a/action-plan.md": action_plan(PLAN_A, reports_to=["Executive Board", "Scrutiny Committee"])
        + "The group reviews this plan every quarter.\n",
        "2025-child-h/index.md": front(review_meta(title="Child H: practice review", published="2025-09-01",
                                                   themes=["domestic-abuse"]), "## Findings\n\nText.\n"),
        "2025-child-h/action-plan.md": action_plan(PLAN_H),
        "2023-child-d/index.md": front({"status": "draft", "title": "Draft"}),
        "2023-child-d/action-plan.md": action_plan(HIDDEN_PLAN),
        "2026-child-e/index.md": front(review_meta(title="Embargoed", published="2026-11-26T15:00:00+00:00")),
        "2026-child-e/action-plan.md": action_plan(HIDDEN_PLAN),
        "2021-child-f/index.md": front(review_meta(title="Withdrawn", status="withdrawn", published="2021-06-01",
                                                   withdrawn_reason="Criminal proceedings.")),
        "2021-child-f/action-plan.md": action_plan(HIDDEN_PLAN),
        "2016-child-g/index.md": front(review_meta(title="Archived", published="2016-04-01",
                                                   available_until="2022-12-31")),
        "2016-child-g/action-plan.md": action_plan(HIDDEN_PLAN),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_ok(write_project(tmp_path_factory.mktemp("plans"), corpus()))


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def text_of(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def shown_actions(html: str) -> list[tuple[str, str, str, bool]]:
    """(review, action id, data-status, stale) of each element that shows one action, in page order."""
    return [(a["data-review"], a["data-action-id"], a["data-status"], a.get("data-stale") == "true")
            for _, a in parse(html).tags if "data-action-id" in a]


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    following = html.find("<h2", start)
    return html[start: following if following != -1 else len(html)]


def read_csv(site: Path) -> list[dict[str, str]]:
    raw = (site / "data/actions.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# -- the plan page ------------------------------------------------------------------------------------------------

def test_plan_page_shows_governance_recommendations_responses_and_actions(site):
    html = page(site, "reviews/2024-child-a/action-plan")
    text = text_of(html)
    for expected in ["Monitored by Learning and Practice Review Group",
                     "Reports to Executive Board, Scrutiny Committee",
                     "9 actions: 2 overdue, 3 in progress, 1 not started, 1 complete, 1 assured, 1 superseded "
                     "(3 with no recent update).",
                     "The group reviews this plan every quarter.",
                     "Recommendation R2", "Response: Not accepted.",
                     "The existing panel already does this (visiblenoteqz)",
                     "Response: Accepted in principle.", "Response: Accepted.",
                     "Evidence: Audit report visibleevidenceqz"]:
        assert expected in text, expected
    assert 'href="../../../agencies/police/"' in html


def test_plan_page_marks_every_action_with_its_effective_status(site):
    html = page(site, "reviews/2024-child-a/action-plan")
    shown = shown_actions(html)
    assert [(r, i) for r, i, _, _ in shown] == [k for k in EXPECTED if k[0] == "2024-child-a"]
    assert {(r, i): (s, stale) for r, i, s, stale in shown} == {k: v for k, v in EXPECTED.items()
                                                                 if k[0] == "2024-child-a"}


def test_each_action_shows_lead_due_status_label_and_last_update(site):
    html = page(site, "reviews/2024-child-a/action-plan")
    card = html[html.index('id="action-R1.3"'):html.index('id="action-R3.1"')]
    text = text_of(card)
    assert "Lead Children's social care" in text
    assert "Due 25 November 2026" in text
    assert "Overdue 1 day late; last reported at risk" in text  # text label, not colour alone
    assert 'class="cr-status cr-status--overdue"' in card
    assert "Last update 20 November 2026 At risk Reported at-risk on 2026-11-20." in text
    due_today = text_of(html[html.index('id="action-R1.2"'):html.index('id="action-R1.3"')])
    assert "Status In progress" in due_today and "Overdue" not in due_today


def test_history_is_complete_dated_and_collapsed_by_default(site):
    html = page(site, "reviews/2024-child-a/action-plan")
    card = html[html.index('id="action-R3.2"'):html.index('id="action-R3.3"')]
    details = re.search(r"<details([^>]*)>(.*?)</details>", card, re.S)
    assert details and "open" not in details.group(1)
    history = text_of(details.group(2))
    assert history.startswith("Full history (2 updates)")
    assert history.index("1 May 2024 In progress") < history.index("1 February 2025 Assured")
    no_updates = html[html.index('id="action-R3.4"'):html.index('id="action-R3.5"')]
    assert "<details" not in no_updates and "No update has been reported yet." in text_of(no_updates)


def test_review_page_shows_the_summary_and_links_the_plan(site):
    html = page(site, "reviews/2025-child-h")
    assert re.search(r'<a href="action-plan/">See the action plan</a>: 3 actions: 1 overdue, 1 at risk, '
                     r"1 in progress \(1 with no recent update\)", html)


def test_future_updates_and_hidden_plans_reach_no_page(site):
    outputs = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
               if p.suffix in (".html", ".csv", ".xml", ".json", ".txt")}
    for marker in ("futurenoteqz", "hiddenplanqz", "R9.9"):
        assert [str(p) for p, t in outputs.items() if marker in t] == [], marker
    plans = sorted(p.parent.name for p in (site / "reviews").glob("*/action-plan"))
    assert plans == ["2024-child-a", "2025-child-h"]


# -- the dashboard ------------------------------------------------------------------------------------------------

def test_dashboard_counts_by_status(site):
    html = page(site, "action-plans")
    assert SENTENCE + "." in text_of(html)
    rows = dict(re.findall(r'<tr data-status-count="([a-z-]+)"><th scope="row">.*?<td class="cr-num">(\d+)</td>',
                           section(html, "by-status"), re.S))
    assert rows == {**{k: str(v) for k, v in COUNTS.items()}, "stale": "4"}
    assert re.search(r"<td class=\"cr-num\" data-total>12</td>", html)


def test_dashboard_chart_is_svg_with_a_text_alternative_and_no_script(site):
    html = page(site, "action-plans")
    svg = re.search(r"<svg([^>]*)>(.*?)</svg>", section(html, "by-status"), re.S)
    assert svg and 'role="img"' in svg.group(1) and 'aria-labelledby="chart-title chart-desc"' in svg.group(1)
    assert '<title id="chart-title">Actions by status</title>' in svg.group(2)
    assert f'<desc id="chart-desc">{SENTENCE}. The table below gives the same numbers.</desc>' in svg.group(2)
    assert "<script" not in svg.group(2)
    bars = dict(re.findall(r'<g class="cr-bar" data-status="([a-z-]+)" data-count="(\d+)"', svg.group(2)))
    assert bars == {k: str(v) for k, v in COUNTS.items()}
    assert svg.group(2).count("<rect") == sum(1 for v in COUNTS.values() if v)  # every non-zero count has a bar


def test_dashboard_lists_every_overdue_and_every_stale_action(site):
    html = page(site, "action-plans")
    overdue = shown_actions(section(html, "overdue"))
    assert [(r, i) for r, i, _, _ in overdue] == [("2024-child-a", "R1.1"), ("2025-child-h", "R1.1"),
                                                  ("2024-child-a", "R1.3")]  # longest overdue first
    assert all(s == "overdue" for _, _, s, _ in overdue)
    stale = shown_actions(section(html, "stale"))
    assert {(r, i) for r, i, _, _ in stale} == {k for k, (_, st) in EXPECTED.items() if st}
    assert all(st for *_, st in stale)
    assert [(r, i) for r, i, _, _ in stale][0] == ("2024-child-a", "R3.4")  # silent longest: since March 2024


def test_dashboard_table_of_reviews_and_links(site):
    html = page(site, "action-plans")
    table = section(html, "reviews")
    assert re.findall(r'<tr data-review="([^"]+)">', table) == ["2025-child-h", "2024-child-a"]
    for link in ("reviews/2024-child-a/action-plan/", "action-plans/methodology/", "action-plans/report/",
                 "agencies/", "data/actions.csv"):
        assert f'href="../{link}"' in html, link
        assert (site / link).exists(), link
    method = text_of(page(site, "action-plans/methodology"))
    assert "How action plan progress is worked out" in method
    assert "No recent update means nothing reported for more than 90 days" in method
    assert "Complete and assured are different" in method


def test_nav_has_action_plans(site):
    home = page(site, ".")
    nav = home[home.index('class="md-nav md-nav--primary'):]
    assert re.search(r'href="action-plans/"[^>]*>\s*(<span[^>]*>)?\s*Action plans', nav[: nav.index("</nav>")])


# -- agencies -----------------------------------------------------------------------------------------------------

def test_agency_page_lists_its_actions_overdue_first(site):
    html = page(site, "agencies/police")
    assert [(r, i, s) for r, i, s, _ in shown_actions(html)] == [
        ("2024-child-a", "R1.1", "overdue"), ("2025-child-h", "R1.1", "overdue"),
        ("2024-child-a", "R1.2", "in-progress"), ("2025-child-h", "R1.2", "in-progress"),
        ("2024-child-a", "R3.2", "assured"), ("2024-child-a", "R3.3", "superseded"),
    ]
    assert "6 actions: 2 overdue, 2 in progress, 1 assured, 1 superseded (2 with no recent update)" in text_of(html)


def test_agency_index_lists_agencies_that_lead_public_actions(site):
    html = page(site, "agencies")
    assert re.findall(r'<tr data-agency="([^"]+)">', html) == ["police", "childrens-social-care", "health-visiting"]
    assert sorted(p.name for p in (site / "agencies").iterdir() if p.is_dir()) == [
        "childrens-social-care", "health-visiting", "police"]


# -- the board report ---------------------------------------------------------------------------------------------

def test_board_report_is_as_at_the_reference_time_and_holds_every_action(site):
    html = page(site, "action-plans/report")
    text = text_of(html)
    assert "As at 26 November 2026 at 12:00" in text
    assert "For Executive Board, Scrutiny Committee" in text
    assert SENTENCE + "." in text
    every = section(html, "plans")
    assert {(r, i) for r, i, _, _ in shown_actions(every)} == set(EXPECTED)
    assert {(r, i): (s, st) for r, i, s, st in shown_actions(every)} == EXPECTED
    assert [(r, i) for r, i, _, _ in shown_actions(section(html, "overdue"))] == [
        ("2024-child-a", "R1.1"), ("2025-child-h", "R1.1"), ("2024-child-a", "R1.3")]


def test_report_prints_on_a4(site):
    css = (REPO / "docs/assets/print.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "@media print" in css and "@page" not in (REPO / "docs/assets/site.css").read_text(encoding="utf-8")
    # The print rules come after site.css (they override it on paper), for print only.
    html = page(site, "action-plans/report")
    assert html.index('href="../../assets/site.css"') < html.index(
        '<link rel="stylesheet" href="../../assets/print.css" media="print">')


# -- the CSV ------------------------------------------------------------------------------------------------------

def test_csv_has_one_row_per_public_action_with_the_promised_columns(site):
    rows = read_csv(site)
    assert list(rows[0])[:8] == ["review", "recommendation", "action", "lead", "due", "status", "stale",
                                 "last_update"]
    assert {(r["review"], r["action"]): (r["status"], r["stale"] == "true") for r in rows} == EXPECTED
    assert len(rows) == len(EXPECTED)
    by_key = {(r["review"], r["action"]): r for r in rows}
    r11 = by_key[("2024-child-a", "R1.1")]
    assert (r11["recommendation"], r11["lead"], r11["due"], r11["last_update"], r11["written_status"]) == (
        "R1", "police", "2025-06-30", "2025-01-10", "in-progress")
    assert by_key[("2024-child-a", "R3.4")]["last_update"] == ""
    assert by_key[("2025-child-h", "R1.2")]["last_update"] == "2026-11-25"  # the future update is not there
    assert by_key[("2024-child-a", "R3.1")]["evidence"] == "Audit report visibleevidenceqz"
    assert by_key[("2024-child-a", "R1.3")]["url"] == (
        "https://reviews.example.org/reviews/2024-child-a/action-plan/#action-R1.3")


def test_every_element_showing_an_action_agrees_with_the_csv(site):
    expected = {(r["review"], r["action"]): (r["status"], r["stale"] == "true") for r in read_csv(site)}
    seen = 0
    for path in site.rglob("*.html"):
        for review, action, status, stale in shown_actions(path.read_text(encoding="utf-8")):
            assert expected[(review, action)] == (status, stale), (path, review, action)
            assert status in {s.value for s in ActionStatus}
            seen += 1
    assert seen >= 4 * len(expected)  # plan page, dashboard lists, agency pages and report at least


def test_csv_of_the_leak_fixture_holds_exactly_its_public_action(fixture_build):
    site = fixture_build.site
    rows = read_csv(site)
    assert [(r["review"], r["action"], r["status"], r["last_update"]) for r in rows] == [
        ("2024-child-a", "R1.1", "overdue", "2025-01-10")]
    assert "leak" not in (site / "data/actions.csv").read_text(encoding="utf-8-sig")


# -- accessibility of the status colours --------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i: i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_label_has_a_colour_that_passes_contrast():
    css = (REPO / "docs/assets/site.css").read_text(encoding="utf-8")
    # The colours are custom properties named once in the :root rule at the top (tests/test_stylesheet.py).
    palette = dict(re.findall(r"^\s*(--cr-[\w-]+): ([^;]+);", css[: css.index("}")], re.M))
    assert palette["--cr-white"] == "#fff"
    assert re.search(r"\.cr-status \{[^}]*color: var\(--cr-white\);", css)
    for status in ActionStatus:
        assert re.search(rf"\.cr-status--{status} \{{ background: var\(--cr-{status}\); \}}", css), status
        assert contrast(palette[f"--cr-{status}"], "#ffffff") >= 4.5, status
        # the chart uses the same colours
        assert re.search(rf"\.cr-fill--{status} \{{ fill: var\(--cr-{status}\); \}}", css), status
    assert re.search(r"\.cr-stale \{[^}]*color: var\(--cr-stale\);", css)
    assert contrast(palette["--cr-stale"], "#ffffff") >= 4.5
