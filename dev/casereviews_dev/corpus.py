"""A synthetic, valid corpus of reviews at any size, for the benchmark and the scale tests.

A national repository holds thousands of reviews; the demo content holds a dozen. This module writes N
fictional reviews (each with a seven-minute briefing and an action plan most of the time) whose lengths,
vocabulary, statuses and dates look like the real thing, so a build of it costs what a real build would cost.
Everything comes from one ``random.Random(seed)``: the same N and seed always give the same files.

The text is assembled from fixed phrases and never holds digits beyond years, counts and recommendation ids,
so nothing in it looks like personal data to ``pii``. ``write_project`` puts an ``mkdocs.yml`` around a corpus
that inherits the repository's own configuration, so a benchmark builds exactly what the real site builds.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from casereviews.clock import parse_moment
from casereviews.content.limits import PlainDumper
from casereviews.content.model import SEVEN_SECTIONS

DEFAULT_AS_OF = "2026-11-26T12:00:00+00:00"
FIRST_YEAR, LAST_YEAR = 2012, 2026

# A fixed vocabulary, so the corpus does not depend on the demo content; ids match the demo's.
VOCABULARY: dict[str, list[tuple[str, str]]] = {
    "review_types": [
        ("serious-case-review", "Serious case review"),
        ("local-child-safeguarding-practice-review", "Local child safeguarding practice review"),
        ("thematic-review", "Thematic review"),
        ("rapid-review", "Rapid review"),
        ("national-review", "National review"),
    ],
    "themes": [
        ("neglect", "Neglect"), ("domestic-abuse", "Domestic abuse"),
        ("parental-mental-health", "Parental mental health"),
        ("parental-substance-misuse", "Parental substance misuse"), ("voice-of-the-child", "Voice of the child"),
        ("information-sharing", "Information sharing"), ("thresholds-and-escalation", "Thresholds and escalation"),
        ("professional-curiosity", "Professional curiosity"), ("disguised-compliance", "Disguised compliance"),
        ("safe-sleep", "Safe sleep"), ("non-accidental-injury", "Non-accidental injury"),
        ("child-exploitation", "Child exploitation"), ("risks-outside-the-home", "Risks outside the home"),
        ("self-harm-and-suicide", "Self-harm and suicide"), ("disabled-children", "Disabled children"),
        ("identity-and-culture", "Identity and culture"), ("children-not-in-school", "Children not in school"),
        ("young-carers", "Young carers"),
    ],
    "agencies": [
        ("childrens-social-care", "Children's social care"), ("early-help", "Early help"), ("police", "Police"),
        ("health-visiting", "Health visiting"), ("midwifery", "Midwifery"), ("gp-practices", "GP practices"),
        ("acute-hospital", "Acute hospital"), ("ambulance-service", "Ambulance service"),
        ("mental-health-trust", "Mental health trust"), ("schools", "Schools and education"),
        ("housing", "Housing"), ("probation", "Probation"), ("youth-justice", "Youth justice"),
        ("safeguarding-partnership", "Safeguarding partnership"),
    ],
    "age_bands": [
        ("under-1", "Under 1"), ("1-to-4", "1 to 4 years"), ("5-to-11", "5 to 11 years"),
        ("12-to-15", "12 to 15 years"), ("16-to-17", "16 to 17 years"),
    ],
}
_LABEL = {i: label for terms in VOCABULARY.values() for i, label in terms}

NAMES = ("Ava", "Ben", "Cara", "Dylan", "Ellis", "Freya", "Gabriel", "Hana", "Isaac", "Jade", "Kai", "Lila",
         "Mason", "Nia", "Oscar", "Poppy", "Quinn", "Rosa", "Sami", "Tia", "Umar", "Vera", "Wren", "Yusuf",
         "Zara", "Alfie", "Bella", "Callum", "Daisy", "Ezra", "Harriet", "Leo", "Maya", "Noah", "Ruby", "Theo")
PEOPLE = ("the health visitor", "the school nurse", "the allocated social worker", "the GP", "the midwife",
          "the designated safeguarding lead", "the neighbourhood police officer", "the early help worker",
          "the housing officer", "the probation officer", "the youth worker", "the paediatrician",
          "the team manager", "the family support worker", "the independent reviewing officer")
PLACES = ("at home", "at school", "in the emergency department", "at a child protection conference",
          "during a home visit", "at a strategy discussion", "in a core group meeting", "at the GP surgery",
          "at a multi-agency meeting", "during a clinic appointment", "at the children's centre")
NOUNS = ("chronology", "assessment", "referral", "safety plan", "core group", "strategy discussion",
         "supervision record", "case note", "risk assessment", "escalation", "transfer of records", "pre-birth plan",
         "child in need plan", "section 47 enquiry", "team around the family", "discharge summary")
ADVERBS = ("consistently", "rarely", "promptly", "repeatedly", "eventually", "carefully", "only partly",
           "not always", "too late", "with good intent")
VERBS = ("recorded", "shared", "escalated", "questioned", "followed up", "reviewed", "explained", "challenged",
         "checked", "discussed")
OPENINGS = ("Over several months", "In the weeks before the incident", "Throughout the period under review",
            "Early in the involvement", "By the time of the final visit", "When the family moved area",
            "During the school holidays", "After the second referral")

_SENTENCES = (
    "{opening}, {person} {adverb} {verb} concerns about {child}'s {need}.",
    "The {noun} was {adverb} {verb}, and the review found that this shaped what happened next.",
    "{person_c} saw {child} {place} and noted that {pronoun} seemed {feeling}.",
    "Practitioners knew about {theme}, but the {noun} did not bring the information together.",
    "The family told professionals that things had improved, and this was {adverb} {verb}.",
    "{opening}, the {noun} focused on the adults rather than on {child}'s daily experience.",
    "{person_c} {adverb} {verb} the plan with a manager, which the review recognises as good practice.",
    "Information held by {agency} was not known to {agency2} until the {noun} was {verb}.",
    "The review heard that workloads were high and that {noun} arrangements were under pressure.",
    "{child} spoke {place} about feeling {feeling}, and this was {adverb} {verb}.",
    "There were {count} contacts with {agency} in the period, most of them about {theme}.",
    "The practitioners who took part in the review described the learning events as open and reflective.",
    "Where the {noun} was {verb} promptly, the response to {child} was timely and proportionate.",
    "The review found no single point at which the outcome could have been predicted.",
    "{person_c} asked curious questions {place}, and the answers changed the direction of the {noun}.",
    "The threshold for a {noun} was discussed {count} times without a clear decision being {verb}.",
    "Managers in {agency} have since {verb} their guidance on {theme}.",
)
NEEDS = ("health needs", "school attendance", "emotional wellbeing", "diet and growth", "sleep routine",
         "speech and language", "relationships with friends", "safety outside the home", "care at night")
FEELINGS = ("withdrawn", "anxious", "tired", "happy and settled", "hungry", "worried about home",
            "unusually quiet", "frightened", "angry", "relieved")


@dataclass(frozen=True)
class CorpusSummary:
    """What ``make_corpus`` wrote, for the messages of ``scripts/make-corpus`` and the benchmark."""

    reviews: int
    by_status: dict[str, int]
    briefings: int
    action_plans: int
    documents: int
    words: int
    document_pages: int = 0  # pages of generated PDFs (with ``documents=True``)
    scans: int = 0
    word_files: int = 0


class _Writer:
    """One corpus being written: the random stream, the reference time, and running counts."""

    def __init__(self, seed: int, as_of: datetime) -> None:
        self.rnd = random.Random(seed)
        self.as_of = as_of
        self.words = 0
        # Links between recommendations draw from a stream of their own, so the rest of the corpus is the same as
        # before they were added (and earlier benchmark runs stay comparable).
        self.links = random.Random(seed + 7919)
        self.written: list[tuple[str, str]] = []  # (slug, recommendation id) of every plan written so far

    # -- text ------------------------------------------------------------------------------------------------

    def sentence(self, ctx: dict[str, str]) -> str:
        r = self.rnd
        template = r.choice(_SENTENCES)
        person = r.choice(PEOPLE)
        return template.format(
            opening=r.choice(OPENINGS), person=person, person_c=person[0].upper() + person[1:],
            adverb=r.choice(ADVERBS), verb=r.choice(VERBS), noun=r.choice(NOUNS), place=r.choice(PLACES),
            need=r.choice(NEEDS), feeling=r.choice(FEELINGS), count=r.choice(("two", "three", "four", "six",
                                                                                "several", "many")),
            child=ctx["child"], pronoun=ctx["pronoun"], theme=ctx["theme"],
            agency=ctx["agency"], agency2=ctx["agency2"],
        )

    def paragraph(self, ctx: dict[str, str], low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence(ctx) for _ in range(self.rnd.randint(low, high)))

    def prose(self, ctx: dict[str, str], words: int) -> list[str]:
        """Paragraphs adding up to about ``words`` words."""
        out: list[str] = []
        count = 0
        while count < words:
            p = self.paragraph(ctx)
            out.append(p)
            count += len(p.split())
        return out

    def context(self, review: dict[str, Any]) -> dict[str, str]:
        agencies = review.get("agencies") or ["childrens-social-care", "police"]
        return {
            "child": review.get("pseudonym") or "the children",
            "pronoun": self.rnd.choice(("she", "he", "they")),
            "theme": _LABEL[self.rnd.choice(review.get("themes") or ["neglect"])].lower(),
            "agency": _LABEL[self.rnd.choice(agencies)].lower().replace("gp", "GP"),
            "agency2": _LABEL[self.rnd.choice(agencies)].lower().replace("gp", "GP"),
        }

    # -- files -----------------------------------------------------------------------------------------------

    def review(self, i: int, n: int) -> tuple[str, dict[str, Any], str]:
        r = self.rnd
        year = FIRST_YEAR + (i * (LAST_YEAR - FIRST_YEAR + 1)) // n  # years spread evenly, oldest first
        published = date(year, r.randint(1, 12), r.randint(1, 28))
        review_type = r.choices([t for t, _ in VOCABULARY["review_types"]], weights=(3, 6, 2, 1, 1))[0]
        if review_type == "serious-case-review" and year > 2019:
            review_type = "local-child-safeguarding-practice-review"
        name = r.choice(NAMES)
        if review_type == "thematic-review":
            theme_word = r.choice(VOCABULARY["themes"])[1].lower()
            slug = f"{year}-thematic-{theme_word.replace(' ', '-').replace(chr(39), '')}-{i:05d}"
            title, pseudonym = f"Thematic review: {theme_word}", None
        else:
            kind = r.choice(("child", "child", "baby", "young-person"))
            words = {"child": "Child", "baby": "Baby", "young-person": "Young person"}[kind]
            slug = f"{year}-{kind}-{name.lower()}-{i:05d}"
            pseudonym = f"{words} {name}" if kind != "young-person" else name
            title = f"{words} {name}: {_LABEL[review_type]}"
        themes = r.sample([t for t, _ in VOCABULARY["themes"]], r.randint(1, 4))
        agencies = r.sample([t for t, _ in VOCABULARY["agencies"]], r.randint(2, 6))
        meta: dict[str, Any] = {"title": title, "status": "published", "published": published.isoformat(),
                                "review_type": review_type}
        ctx = self.context({"pseudonym": pseudonym, "themes": themes, "agencies": agencies})
        summary = self.paragraph(ctx, 2, 3)
        if len(summary) > 600:
            summary = summary[:590].rsplit(" ", 1)[0].rstrip(",.") + "."
        meta["summary"] = summary
        meta["themes"] = themes
        if pseudonym:
            meta["pseudonym"] = pseudonym
        if review_type != "thematic-review":
            meta["age_band"] = r.choice(VOCABULARY["age_bands"])[0]
        meta["agencies"] = agencies
        meta["key_learning"] = [self.sentence(ctx) for _ in range(r.randint(2, 4))]
        body = []
        for heading in ("What happened", "What the review found", "What needs to change"):
            body.append(f"## {heading}")
            body += self.prose(ctx, r.randint(100, 180))
        text = "\n\n".join(body) + "\n"
        self.words += len(text.split())
        return slug, meta, text

    def briefing(self, meta: dict[str, Any], published: date) -> str:
        ctx = self.context(meta)
        parts = []
        for number, heading in enumerate(SEVEN_SECTIONS, 1):
            parts.append(f"## {number}. {heading}")
            if heading == "Questions for practitioners":
                parts.append("\n".join(f"- {q}" for q in self.rnd.sample(QUESTIONS, 4)))
            else:
                parts += self.prose(ctx, self.rnd.randint(50, 90))
        body = "\n\n".join(parts) + "\n"
        self.words += len(body.split())
        front = {"status": "published", "published": published.isoformat()}
        return _front(front, body)

    def updates(self, published: date, due: date) -> list[dict[str, Any]]:
        """An action's dated updates up to the reference day, as a review group records them.

        Each action has a fate: most are delivered by their due date or within a year of it (and half of those
        are later assured), a few are superseded, and about one in twelve stalls: its updates stop with the
        work unfinished, so it ends overdue and with no recent update. Updates come every two to four months
        from shortly after publication until the action closes, so old plans are mostly closed and recent ones
        still open, as on a real partnership's tracker.
        """
        r = self.rnd
        today = self.as_of.date()
        fate = r.choices(("on-time", "late", "stalls", "superseded", "never-started"), weights=(62, 24, 8, 4, 2))[0]
        if fate == "never-started":
            return []
        closes = {"on-time": due - timedelta(days=r.randint(0, 60)),
                  "late": due + timedelta(days=r.randint(30, 360))}.get(fate)
        most = r.randint(1, 3) if fate == "stalls" else None  # a stalled action's updates stop after this many
        day = published + timedelta(days=r.randint(20, 60))
        updates: list[dict[str, Any]] = []
        while day <= today and (most is None or len(updates) < most):
            if closes is not None and day >= closes:
                updates.append(self._update(day, "complete"))
                assured = day + timedelta(days=r.randint(60, 180))
                if r.random() < 0.5 and assured <= today:
                    updates.append(self._update(assured, "assured"))
                break
            if fate == "superseded" and len(updates) == 2:
                updates.append(self._update(day, "superseded"))
                break
            late = day > due - timedelta(days=30)
            updates.append(self._update(day, "at-risk" if late and r.random() < 0.5 else "in-progress"))
            day += timedelta(days=r.randint(60, 120))
        return updates

    def _update(self, day: date, status: str) -> dict[str, Any]:
        r = self.rnd
        update: dict[str, Any] = {"date": day.isoformat(), "status": status, "note": r.choice(NOTES[status])}
        if r.random() < 0.4:
            update["by"] = "Learning and Practice Review Group"
        if status in ("complete", "assured"):
            if r.random() < 0.5:
                update["evidence"] = r.choice(EVIDENCE)
            elif status == "assured":  # the check requires it; chosen without a draw, so the corpus is unchanged
                update["evidence"] = EVIDENCE[len(update["note"]) % len(EVIDENCE)]
        return update

    def _link(self, rec: dict[str, Any], meta: dict[str, Any]) -> None:
        """About one recommendation in eight repeats, builds on or replaces one from a plan written earlier (so the
        links never go round in a circle; the target may be in any state, as real content's may); one in four names
        its own themes, a part of its review's."""
        lr = self.links
        if lr.random() < 0.25 and len(meta["themes"]) > 1:
            rec["themes"] = lr.sample(meta["themes"], lr.randint(1, len(meta["themes"]) - 1))
        if self.written and lr.random() < 0.125:
            slug, rec_id = self.written[lr.randrange(len(self.written))]
            relation = lr.choices(("repeats", "builds-on", "replaces"), weights=(6, 3, 1))[0]
            rec["related"] = [{"recommendation": f"{slug}/{rec_id}", "relation": relation}]

    def action_plan(self, meta: dict[str, Any], published: date, slug: str = "") -> str:
        r = self.rnd
        ctx = self.context(meta)
        recs = []
        for rn in range(1, r.randint(3, 5) + 1):
            response = r.choices(("accepted", "accepted-in-principle", "not-accepted"), weights=(16, 3, 1))[0]
            rec: dict[str, Any] = {"id": f"R{rn}", "text": f"{_LABEL[r.choice(meta['agencies'])]} should "
                                   f"{r.choice(RECOMMENDATIONS)} {ctx['theme']}.", "response": response}
            if response == "not-accepted":
                rec["response_note"] = "The board considered that existing guidance already covers this."
            actions = []
            for an in range(1, r.randint(1, 3) + 1):
                due = published + timedelta(days=r.randint(90, 540))
                actions.append({"id": f"R{rn}.{an}", "text": f"{r.choice(ACTIONS)} on {ctx['theme']}.",
                                "lead": r.choice(meta["agencies"]), "due": due.isoformat(),
                                "updates": self.updates(published, due)})
            rec["actions"] = actions
            self._link(rec, meta)
            recs.append(rec)
        self.written += [(slug, rec["id"]) for rec in recs] if slug else []
        front = {"monitored_by": "Learning and Practice Review Group",
                 "reports_to": ["Management Executive Board"], "recommendations": recs}
        body = self.paragraph(ctx, 2, 4) + "\n"
        self.words += len(body.split())
        return _front(front, body)


QUESTIONS = [
    "How do you find out what a day is like for the child?",
    "When did you last check a parent's account against what another agency knows?",
    "Who would you call if you disagreed with a decision about threshold?",
    "What does your agency's escalation policy ask you to do, and by when?",
    "How do you record what the child has said, in the child's own words?",
    "Which practitioners around this family have you never spoken to?",
    "What would make you revisit a plan that appears to be working?",
    "How do you make sure fathers and male carers are part of the assessment?",
]
RECOMMENDATIONS = ("review its guidance on", "provide multi-agency training on", "audit practice in relation to",
                   "strengthen information sharing about", "report to the board on its response to")
ACTIONS = ("Deliver briefings to frontline staff", "Update the practice guidance", "Run a multi-agency audit",
           "Add a prompt to the assessment template", "Hold a learning event", "Report progress to the board")
NOTES = {
    "in-progress": ("Training dates set and staff booked.", "Guidance drafted and out for consultation.",
                    "Audit under way; first findings shared with the review group.",
                    "Working group met; a draft went to the review group."),
    "at-risk": ("Delayed by staff vacancies; a new date was proposed to the review group.",
                "Progress slower than planned; the lead agency gave the board a recovery plan."),
    "complete": ("Delivered to all teams; attendance recorded.",
                 "Audit completed; findings shared with the review group.",
                 "New guidance published and briefed to managers."),
    "assured": ("Board checked the impact through a dip sample.",
                "A multi-agency audit found the change in use in most cases sampled."),
    "superseded": ("Replaced by an action in a later review's plan, which covers the same learning.",),
}
EVIDENCE = ("Training register", "Audit report to the review group", "Published guidance", "Dip sample findings")
PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n" + b"%" * 2000 + b"\n"


def _front(meta: dict[str, Any], body: str) -> str:
    text = yaml.dump(meta, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    return "---\n" + text + "---\n\n" + body


def write_vocabulary(folder: Path) -> None:
    data = {name: [{"id": i, "label": label} for i, label in terms] for name, terms in VOCABULARY.items()}
    (folder / "vocabulary.yml").write_text(yaml.dump(data, Dumper=PlainDumper, sort_keys=False), encoding="utf-8")


def make_corpus(n: int, folder: Path, seed: int = 1, as_of: str = DEFAULT_AS_OF, documents: bool = False
                ) -> CorpusSummary:
    """Write ``n`` reviews and a vocabulary into ``folder`` (emptied first); return what was written.

    Statuses, against ``as_of``: about 82% published, 5% withdrawn, 5% archived (available_until passed),
    4% drafts and 4% embargoed (published after ``as_of``). About 85% have a briefing and 85% an action plan
    (whose actions have the histories ``_Writer.updates`` describes); one in six has documents.

    With ``documents=True``, realistic documents as well (see ``_ReportWriter``): most reviews that are not
    drafts have an overview report PDF of 20 to 60 pages of text, some of them scans, and some a Word document.
    They come from a random stream of their own, so the rest of the corpus is the same either way.
    """
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    write_vocabulary(folder)
    at = parse_moment(as_of)
    w = _Writer(seed, at)
    by_status: dict[str, int] = {}
    briefings = plans = documents_written = 0
    reports = _ReportWriter(seed, at) if documents else None
    for i in range(n):
        slug, meta, body = w.review(i, n)
        r = w.rnd
        kind = r.choices(("published", "withdrawn", "archived", "draft", "embargoed"), weights=(82, 5, 5, 4, 4))[0]
        published = date.fromisoformat(meta["published"])
        if kind == "withdrawn":
            meta["status"] = "withdrawn"
            meta["withdrawn_reason"] = "The review has been withdrawn while criminal proceedings are concluded."
        elif kind == "archived":
            published = min(published, at.date() - timedelta(days=800))
            meta["published"] = published.isoformat()
            meta["available_until"] = (published + timedelta(days=730)).isoformat()
        elif kind == "draft":
            meta["status"] = "draft"
            if r.random() < 0.5:
                del meta["summary"]  # drafts may be incomplete
        elif kind == "embargoed":
            published = at.date() + timedelta(days=r.randint(3, 90))
            meta["published"] = f"{published.isoformat()}T09:30:00+00:00"
        if kind != "draft" and r.random() < 1 / 6:
            meta["documents"] = [{"title": "Overview report", "file": "files/overview-report.pdf"}]
            if r.random() < 0.5:
                meta["documents"].append({"title": "National panel response",
                                          "url": "https://www.gov.uk/government/organisations/"
                                                 "child-safeguarding-practice-review-panel"})
        by_status[kind] = by_status.get(kind, 0) + 1
        review_dir = folder / slug
        review_dir.mkdir()
        files = reports.documents(meta) if reports is not None and kind != "draft" else {}
        (review_dir / "index.md").write_text(_front(meta, body), encoding="utf-8")
        if reports is None and meta.get("documents"):
            files = {"overview-report.pdf": PDF}
        if files:
            (review_dir / "files").mkdir()
            for name, data in files.items():
                (review_dir / "files" / name).write_bytes(data)
            documents_written += 1
        if r.random() < 0.85:
            text = w.briefing(meta, published + timedelta(days=r.randint(0, 30)))
            if r.random() < 0.05:
                text = text.replace("status: published", "status: draft", 1)
            (review_dir / "briefing.md").write_text(text, encoding="utf-8")
            briefings += 1
        if r.random() < 0.85:
            (review_dir / "action-plan.md").write_text(w.action_plan(meta, published, slug), encoding="utf-8")
            plans += 1
    extra = (reports.pages, reports.scans, reports.word_files) if reports else (0, 0, 0)
    return CorpusSummary(n, by_status, briefings, plans, documents_written, w.words, *extra)


class _ReportWriter:
    """Documents like a partnership's: an overview report PDF of 20 to 60 pages for about 85% of reviews (one in
    fifteen of them a scan of 4 to 12 pages instead: pictures, no text) and a Word document of practitioners'
    notes for about one review in ten. The text is the corpus's own prose, about 450 words a page."""

    LINES, WIDTH = 36, 92

    def __init__(self, seed: int, at: datetime) -> None:
        self.writer = _Writer(seed * 7919 + 17, at)  # a stream of its own: the rest of the corpus is unchanged
        self.pages = self.scans = self.word_files = 0

    def documents(self, meta: dict[str, Any]) -> dict[str, bytes]:
        from casereviews_dev.sampledocs import docx, image_pdf, speckled_page, text_pdf

        r = self.writer.rnd
        files: dict[str, bytes] = {}
        entries = [d for d in meta.get("documents", []) if "url" in d]
        ctx = self.writer.context(meta)
        title = f"{meta.get('title', 'Review')}: overview report"
        if r.random() < 0.85:
            if r.random() < 1 / 15:
                files["overview-report.pdf"] = image_pdf([speckled_page(seed=r.randint(1, 10**6))
                                                          for _ in range(r.randint(4, 12))])
                self.scans += 1
            else:
                pages = [self._page(ctx, number) for number in range(1, r.randint(20, 60) + 1)]
                files["overview-report.pdf"] = text_pdf(pages, title=title, language="en-GB")
                self.pages += len(pages)
            entries.insert(0, {"title": "Overview report", "file": "files/overview-report.pdf"})
        if r.random() < 0.10:
            files["practitioner-notes.docx"] = docx(self.writer.prose(ctx, r.randint(800, 3000)),
                                                    title=f"{meta.get('title', 'Review')}: practitioners' notes")
            entries.append({"title": "Notes from the practitioners' event", "file": "files/practitioner-notes.docx"})
            self.word_files += 1
        if files:
            meta["documents"] = entries
        elif "documents" in meta and not entries:
            del meta["documents"]
        elif entries:
            meta["documents"] = entries
        return files

    def _page(self, ctx: dict[str, str], number: int) -> list[str]:
        lines: list[str] = [f"{number}. {self.writer.rnd.choice(SECTION_TITLES)}", ""]
        while len(lines) < self.LINES:
            line: list[str] = []
            length = 0
            for word in self.writer.paragraph(ctx).split():
                if length + len(word) > self.WIDTH:
                    lines.append(" ".join(line))
                    line, length = [], 0
                line.append(word)
                length += len(word) + 1
            lines += [" ".join(line), ""]
        return lines[:self.LINES] + ["", f"Page {number}"]


SECTION_TITLES = ("Introduction", "How the review was carried out", "The family", "What happened",
                  "Analysis", "Practice episode", "Findings", "Recommendations", "Learning for practice",
                  "Information sharing", "The voice of the child", "Conclusion")


# -- a project around a corpus ----------------------------------------------------------------------------------

class LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain keys without knowing MkDocs' own tags (!ENV, !!python/name)."""


LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def write_project(project: Path, content_dir: Path, repo: Path, site_url: str = "https://reviews.example.org/"
                  ) -> Path:
    """An ``mkdocs.yml`` in ``project`` that inherits ``repo``'s configuration (theme, extensions, plugins,
    hooks, nav) with every path made absolute and ``content_dir`` pointing at the corpus.

    ``INHERIT`` rather than a copy, so whatever the repository's configuration gains later (plugins, hooks,
    extensions) is built here too without this function changing.
    """
    repo = Path(repo).resolve()
    base = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=LenientLoader) or {}
    theme = base.get("theme") or {}
    config: dict[str, Any] = {
        "INHERIT": str(repo / "mkdocs.yml"),
        "site_url": site_url,
        "docs_dir": str(repo / base.get("docs_dir", "docs")),
        "site_dir": str(Path(project).resolve() / "site"),
        "hooks": [str(repo / h) for h in base.get("hooks") or []],
        "watch": [],
        "extra": {"reviews": {"content_dir": str(Path(content_dir).resolve())}},
    }
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {"custom_dir": str(repo / theme["custom_dir"])}
    project = Path(project)
    project.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project / "mkdocs.yml"
