"""A corpus in which every text an editor can write carries a hostile string: closing tags, a script, an event
attribute, quotes of both kinds, ``]]>``, Jinja syntax, an ampersand and U+2028. Used by tests/test_hostile.py,
which builds it with a real ``mkdocs build`` and looks for any sign that one of these strings became markup.

Each field gets its own payload, told apart by a marker ``hx<field>q`` at its start (lower-case letters only, so
it survives ``lower`` and Pagefind's indexing), so a failure names the field that broke out. A payload that runs
pushes its field's name onto ``window.__pwned`` or opens a dialog; the browser test listens for both.
"""

from __future__ import annotations

import re

import yaml
from sitebuild import SEVEN, VOCABULARY, front, review_meta

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MARKER = re.compile(r"hx([a-z]+)q")
# A file name with the characters that break an address when written as they are: '#', '?', a space, non-ASCII.
ODD_FILE = "files/report #1 ?é.pdf"


def payload(field: str) -> str:
    """The hostile string for one field. Under 220 characters, so the home page's shortened summary keeps it whole."""
    return (f"hx{field}q </title></textarea></style></script><script>window.__pwned.push('{field}')</script>"
            f"<img src=x onerror=\"window.__pwned.push('{field}');alert(1)\"> ' \" ]]> {{{{ 7*7 }}}} "
            "{% if 1 %}jinja{% endif %} & \u2028 end")


def hostile_vocabulary() -> dict[str, list[dict[str, str]]]:
    """The fixture vocabulary with a hostile label and description on every term the corpus uses."""
    vocab = {name: [dict(term) for term in terms] for name, terms in VOCABULARY.items()}
    used = {("review_types", "local-child-safeguarding-practice-review"): "rtype",
            ("themes", "neglect"): "theme", ("themes", "safe-sleep"): "themetwo",
            ("agencies", "police"): "agency", ("agencies", "health-visiting"): "agencytwo",
            ("age_bands", "under-1"): "ageband"}
    for (list_name, term_id), field in used.items():
        term = next(t for t in vocab[list_name] if t["id"] == term_id)
        term["label"] = payload(field)
        term["description"] = payload(field + "desc")
    # A family of reviews and a partnership's own briefing format, both named in hostile text.
    next(t for t in vocab["review_types"] if t["id"] == "thematic-review")["family"] = "hostile"
    vocab["review_families"] = [{"id": "hostile", "label": payload("family"), "description": payload("familydesc")}]
    vocab["briefing_formats"] = [{"id": "hostile-format", "label": payload("format"), "sections": [
        {"title": payload("section"), "also": ["Plain heading"]}, {"title": "Second"}]}]
    return vocab


# Body text: everything hostile is written as Markdown text (escaped by Markdown, allowed by the HTML policy),
# with the HTML the policy allows, so that the same corpus passes the check and its bodies reach the pages.
def body(field: str) -> str:
    return (f"## Heading hx{field}headq &lt;img src=x onerror=alert(1)&gt; {{{{ 7*7 }}}}\n\n"
            f"Text hx{field}q with &lt;script&gt;window.__pwned.push('{field}')&lt;/script&gt; "
            "and {% if 1 %}jinja{% endif %} and \u2028 and ]]> and 'quotes' \"both\".\n\n"
            "| Agency | Contacts |\n|---|---|\n| <abbr title=\"Health visiting\">HV</abbr> | 3 |\n\n"
            "```html\n<script>window.__pwned.push('code')</script>\n```\n")


def seven_body(field: str) -> str:
    return "\n".join(f"## {i}. {name}\n\nSection hx{field}q &lt;/section&gt; &lt;script&gt;alert(1)&lt;/script&gt;\n"
                     for i, name in enumerate(SEVEN, 1))


FIELDS_WITH_PAYLOADS = (
    "title", "summary", "pseudonym", "partnership", "learning", "learningtwo", "doctitle", "linktitle",
    "briefingtitle", "monitoredby", "reportsto", "rectext", "responsenote", "actiontext", "updatenote", "updateby",
    "evidence", "meetingtitle", "notetitle", "nreviewtitle", "family", "familydesc", "format", "section", "ttitle",
    "wtitle", "wsummary", "wreason", "atitle", "asummary", "sitepartnership",
    "rtype", "rtypedesc", "theme", "themedesc", "themetwo", "themetwodesc", "agency", "agencydesc", "agencytwo",
    "agencytwodesc", "ageband", "agebanddesc",
)

# The partnership named in mkdocs.yml (extra.reviews.partnership), used where a review names none.
EXTRA = {"partnership": payload("sitepartnership")}


def files() -> dict[str, str | bytes]:
    p = payload
    out: dict[str, str | bytes] = {}
    out["2024-child-h/index.md"] = front(
        review_meta(title=p("title"), summary=p("summary"), pseudonym=p("pseudonym"), partnership=p("partnership"),
                    age_band="under-1", agencies=["police", "health-visiting"], themes=["neglect", "safe-sleep"],
                    key_learning=[p("learning"), p("learningtwo")],
                    documents=[{"title": p("doctitle"), "file": ODD_FILE},
                               {"title": p("linktitle"),
                                "url": "https://example.org/a report?x=1&y=\"2\"<b>#part é"}]),
        body("body"))
    out[f"2024-child-h/{ODD_FILE}"] = PDF
    out["2024-child-h/briefing.md"] = front(
        {"status": "published", "published": "2024-03-12", "title": p("briefingtitle")}, seven_body("briefing"))
    out["2024-child-h/action-plan.md"] = front({
        "monitored_by": p("monitoredby"), "reports_to": [p("reportsto")],
        "recommendations": [{
            "id": "R1", "text": p("rectext"), "response": "accepted-in-principle", "response_note": p("responsenote"),
            "actions": [
                {"id": "R1.1", "text": p("actiontext"), "lead": "police", "due": "2025-06-30",
                 "updates": [{"date": "2025-01-10", "status": "in-progress", "note": p("updatenote"),
                              "by": p("updateby"), "evidence": p("evidence")}]},
                {"id": "R1.2", "text": "Train staff.", "lead": "health-visiting", "due": "2027-06-30"},
            ]}],
    }, body("plan"))
    # A practice note: a briefing in free form.
    out["2023-child-n/index.md"] = front(
        review_meta(title=p("nreviewtitle"), published="2023-05-01", themes=["safe-sleep"]), "## Text\n\nText.\n")
    out["2023-child-n/briefing.md"] = front(
        {"status": "published", "published": "2023-05-02", "title": p("notetitle"), "format": "note"}, body("note"))
    # The group that monitors the plan (named as its monitored_by says) and a meeting with a hostile title.
    out["meetings.yml"] = yaml.safe_dump({
        "groups": [{"id": "lprg", "label": p("monitoredby")}],
        "meetings": [{"group": "lprg", "date": "2025-02-01", "title": p("meetingtitle")}]}, sort_keys=False)
    # A review of the hostile family, with a briefing in the hostile format.
    out["2022-thematic-t/index.md"] = front(
        review_meta(title=p("ttitle"), published="2022-05-01", review_type="thematic-review"), "## Text\n\nText.\n")
    out["2022-thematic-t/briefing.md"] = front(
        {"status": "published", "published": "2022-05-02", "format": "hostile-format"},
        "## Plain heading\n\nFirst hxformatbodyq.\n\n## Second\n\nMore.\n")
    # Withdrawn: the notice and the reason; archived: the catalogue record, described as such.
    out["2021-child-w/index.md"] = front(
        review_meta(title=p("wtitle"), status="withdrawn", published="2021-06-01", summary=p("wsummary"),
                    withdrawn_reason=p("wreason")), "## Withdrawn\n\nText.\n")
    out["2016-child-z/index.md"] = front(
        review_meta(title=p("atitle"), published="2016-04-01", available_until="2022-12-31",
                    summary=p("asummary")), "## Archived\n\nText.\n")
    return out
