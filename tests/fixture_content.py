"""A small corpus that exercises every publication state, with marker words in everything that must not be
public. Used by the leak test and the build tests; REVIEWS_AS_OF is fixed at sitebuild.AS_OF (2026-11-26 12:00Z).
"""

from __future__ import annotations

import yaml
from sitebuild import SEVEN, action_plan, briefing, front, review_meta, seven_minute_body

from casereviews_dev.sampledocs import docx, text_pdf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Words that must never reach any output file. Chosen to survive stemming unchanged (they end in 'qz').
HIDDEN_MARKERS = {
    "draft review": "leakdraftreviewqz",
    "embargoed review": "leakembargoedqz",
    "withdrawn content": "leakwithdrawnqz",
    "archived content": "leakarchivedqz",
    "draft briefing": "leakdraftbriefingqz",
    "embargoed briefing": "leakembargobriefingqz",
    "future update": "leakfutureupdateqz",
    "early removal reason": "leakearlyremovalqz",  # kept for the record, shown nowhere public
    "withdrawn pseudonym": "leakwithdrawnpseudonymqz",
    "withdrawn age band": "leakwithdrawnageqz",
    # Words that exist only inside the PDF and Word files of hidden reviews (the files' names say nothing).
    "draft review's PDF": "leakdraftpdfqz",
    "draft review's Word file": "leakdraftdocxqz",
    "embargoed review's PDF": "leakembargopdfqz",
    "embargoed review's Word file": "leakembargodocxqz",
    "withdrawn review's PDF": "leakwithdrawnpdfqz",
    "withdrawn review's Word file": "leakwithdrawndocxqz",
    "archived review's PDF": "leakarchivedpdfqz",
    "archived review's Word file": "leakarchiveddocxqz",
    # A draft review whose recommendation a public one repeats (issue 16): the link is checked, never shown.
    "hidden repeats target (slug)": "leakrepeattargetqz",
    "hidden repeats target (title)": "leaktargettitleqz",
    "hidden repeats target (id)": "rleaktargetidqz",
}
HIDDEN_TARGET = "2025-leakrepeattargetqz/RLeakTargetIdQz"
# Words that must reach the site: proof that the scan can find a marker at all.
VISIBLE_MARKERS = {"published body": "visiblebodyqz", "archived summary": "visiblearchivedsummaryqz",
                   "withdrawn reason": "visiblewithdrawnreasonqz", "published briefing": "visiblebriefingqz",
                   "published PDF": "visiblepdfqz", "published Word file": "visibledocxqz"}
# Words inside the published review's documents, which only the search index can hold as text.
DOCUMENT_MARKERS = {"published PDF": "visiblepdfqz", "published Word file": "visibledocxqz"}


def documents_with(pdf_word: str, docx_word: str) -> dict[str, bytes]:
    """A review's report (three pages, the word on the second) and notes, written uncompressed so that the word
    can be found in the files' own bytes if they are ever copied where they must not be."""
    pages = [["Overview report", "Introduction."], ["Findings", f"The panel found {pdf_word} in the records."],
             ["Recommendations", "Share information."]]
    return {"files/report-text.pdf": text_pdf(pages, title="Overview report", language="en-GB", compress=False),
            "files/notes.docx": docx(["Notes of the panel", f"It discussed {docx_word}."], title="Panel notes",
                                     compress=False)}


DOCUMENT_ENTRIES = [{"title": "Overview report (text)", "file": "files/report-text.pdf"},
                    {"title": "Panel notes", "file": "files/notes.docx"}]


def add_documents(out: dict[str, str | bytes], folder: str, pdf_word: str, docx_word: str) -> None:
    for name, data in documents_with(pdf_word, docx_word).items():
        out[f"{folder}/{name}"] = data


def plan_with(note: str, future_note: str | None = None, related: list[dict] | None = None,
              rec_id: str = "R1") -> str:
    updates = [{"date": "2025-01-10", "status": "in-progress", "note": note}]
    if future_note:
        updates.append({"date": "2026-12-01", "status": "complete", "note": future_note})
    rec = {
        "id": rec_id, "text": f"Recommendation {note}", "response": "accepted",
        "actions": [{"id": f"{rec_id}.1", "text": f"Action {note}", "lead": "police", "due": "2026-06-30",
                     "updates": updates}],
    }
    if related:
        rec["related"] = related
    return action_plan([rec])


def files() -> dict[str, str | bytes]:
    m = HIDDEN_MARKERS
    v = VISIBLE_MARKERS
    out: dict[str, str | bytes] = {}
    out["2024-child-a/index.md"] = front(
        review_meta(title="Child A: practice review", pseudonym="A", age_band="under-1", agencies=["police"],
                    themes=["neglect", "safe-sleep"], key_learning=["Ask about sleep at every visit."],
                    documents=[{"title": "Overview report", "file": "files/report.pdf"},
                               {"title": "National panel", "url": "https://example.org/panel"},
                               *DOCUMENT_ENTRIES]),
        f"## What happened\n\nThe {v['published body']} text of the review.\n")
    out["2024-child-a/files/report.pdf"] = PDF
    add_documents(out, "2024-child-a", v["published PDF"], v["published Word file"])
    out["2024-child-a/briefing.md"] = briefing(body=seven_minute_body("Point visiblebriefingqz."))
    out["2024-child-a/action-plan.md"] = plan_with("public plan", future_note=m["future update"],
                                                   related=[{"recommendation": HIDDEN_TARGET, "relation": "repeats"}])
    slug, rec_id = HIDDEN_TARGET.split("/")
    out[f"{slug}/index.md"] = front(
        {"status": "draft", "title": f"Child H {m['hidden repeats target (title)']}", "themes": ["neglect"]},
        "## Draft\n\nText.\n")
    out[f"{slug}/action-plan.md"] = plan_with("earlier learning", rec_id=rec_id)

    out["2023-child-b/index.md"] = front(review_meta(title="Child B: review", published="2023-05-01",
                                                     themes=["domestic-abuse"]), "## Findings\n\nText.\n")
    out["2023-child-b/briefing.md"] = briefing(status="draft", body=seven_minute_body(m["draft briefing"]))

    out["2022-child-c/index.md"] = front(review_meta(title="Child C: review", published="2022-05-01",
                                                     review_type="serious-case-review"), "## Findings\n\nText.\n")
    out["2022-child-c/briefing.md"] = briefing(published="2027-01-01",
                                               body=seven_minute_body(m["embargoed briefing"]))

    hidden = m["draft review"]
    out[f"2025-{hidden}/index.md"] = front(
        {"status": "draft", "title": f"Child D {hidden}", "summary": f"Summary {hidden}", "themes": ["neglect"],
         "documents": DOCUMENT_ENTRIES},
        f"## Draft\n\n{hidden}\n")
    add_documents(out, f"2025-{hidden}", m["draft review's PDF"], m["draft review's Word file"])
    out[f"2025-{hidden}/briefing.md"] = briefing(body=seven_minute_body(hidden))
    out[f"2025-{hidden}/action-plan.md"] = plan_with(hidden)

    hidden = m["embargoed review"]
    out[f"2026-{hidden}/index.md"] = front(
        review_meta(title=f"Child E {hidden}", published="2026-11-26T15:00:00+00:00", summary=f"Summary {hidden}",
                    key_learning=[hidden], themes=["information-sharing"], documents=DOCUMENT_ENTRIES),
        f"## Embargoed\n\n{hidden}\n")
    add_documents(out, f"2026-{hidden}", m["embargoed review's PDF"], m["embargoed review's Word file"])
    out[f"2026-{hidden}/briefing.md"] = briefing(body=seven_minute_body(hidden))
    out[f"2026-{hidden}/action-plan.md"] = plan_with(hidden)

    hidden = m["withdrawn content"]
    out["2021-child-f/index.md"] = front(
        review_meta(title="Child F: withdrawn review", status="withdrawn", published="2021-06-01",
                    summary=f"Summary {hidden}", key_learning=[hidden], pseudonym=m["withdrawn pseudonym"],
                    age_band=m["withdrawn age band"],
                    withdrawn_reason=f"Withdrawn during criminal proceedings ({v['withdrawn reason']}).",
                    documents=[{"title": f"Report {hidden}", "file": f"files/{hidden}.pdf"}, *DOCUMENT_ENTRIES]),
        f"## Withdrawn body\n\n{hidden}\n")
    add_documents(out, "2021-child-f", m["withdrawn review's PDF"], m["withdrawn review's Word file"])
    out[f"2021-child-f/files/{hidden}.pdf"] = PDF
    out["2021-child-f/briefing.md"] = briefing(published="2021-06-01", body=seven_minute_body(hidden))
    out["2021-child-f/action-plan.md"] = plan_with(hidden)

    hidden = m["archived content"]
    out["2016-child-g/index.md"] = front(
        review_meta(title="Child G: archived review", published="2016-04-01", review_type="serious-case-review",
                    available_until="2022-12-31", summary=f"Catalogue summary {v['archived summary']}.",
                    early_removal_reason=f"Kept for the record: {m['early removal reason']}.",
                    key_learning=[hidden], documents=[{"title": f"Report {hidden}", "file": f"files/{hidden}.pdf"},
                                                      *DOCUMENT_ENTRIES]),
        f"## Archived body\n\n{hidden}\n")
    add_documents(out, "2016-child-g", m["archived review's PDF"], m["archived review's Word file"])
    out[f"2016-child-g/files/{hidden}.pdf"] = PDF
    out["2016-child-g/briefing.md"] = briefing(published="2016-04-01", body=seven_minute_body(hidden))
    out["2016-child-g/action-plan.md"] = plan_with(hidden)
    # Meetings: one in 2022, when the withdrawn and archived reviews' plans were still public (their packs must not
    # show them now), one on the reference day (before the embargoed review's moment), one still to come.
    out["meetings.yml"] = yaml.safe_dump({
        "groups": [{"id": "lprg", "label": "Learning and Practice Review Group"},
                   {"id": "board", "label": "Executive Board"}],
        "meetings": [{"group": "lprg", "date": "2022-06-01"}, {"group": "board", "date": "2022-07-01"},
                     {"group": "lprg", "date": "2025-02-01"}, {"group": "lprg", "date": "2026-11-26"},
                     {"group": "board", "date": "2026-11-26"}, {"group": "board", "date": "2027-01-10"}],
    }, sort_keys=False)
    assert len(SEVEN) == 7
    return out


# Ways a review's `documents` could reach unpublished content if the rule on document files ever slipped: the
# draft briefing of 2023-child-b (marker "draft briefing"), a Markdown file in files/, a draft review's page.
DOCUMENT_ROUTES = ("briefing.md", "files/notes.md", "../2025-leakdraftreviewqz/index.md", "files/notes.html")


def files_with_document(route: str) -> dict[str, str | bytes]:
    """The leak corpus with 2023-child-b (published, its briefing a draft) listing ``route`` as a document."""
    out = files()
    hidden = HIDDEN_MARKERS["draft briefing"]
    out["2023-child-b/index.md"] = front(
        review_meta(title="Child B: review", published="2023-05-01", themes=["domestic-abuse"],
                    documents=[{"title": "Briefing", "file": route}]), "## Findings\n\nText.\n")
    out["2023-child-b/files/notes.md"] = f"# Notes\n\n{hidden}\n"
    out["2023-child-b/files/notes.html"] = f"<p>{hidden}</p>\n"
    return out
