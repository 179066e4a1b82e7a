"""A joint children's and adults' safeguarding board that also publishes its community safety partnership's
domestic homicide reviews: three families of review on one site, family age bands, a briefing written under the
headings most partnerships use, and a briefing in the board's own five-section format. All fictional.

REVIEWS_AS_OF is sitebuild.AS_OF (2026-11-26 12:00Z).
"""

from __future__ import annotations

from sitebuild import briefing, front, review_meta

DHR = "Home Office Quality Assurance Panel"
EARLY_REMOVAL_MARKER = "leakjointearlyremovalqz"  # in an early_removal_reason: must reach no output

VOCABULARY = {
    "review_types": [
        {"id": "local-child-safeguarding-practice-review", "label": "Local child safeguarding practice review",
         "family": "children"},
        {"id": "serious-case-review", "label": "Serious case review"},  # no family: a children's review
        {"id": "safeguarding-adults-review", "label": "Safeguarding adults review", "family": "adults"},
        {"id": "domestic-homicide-review", "label": "Domestic homicide review", "family": "domestic-abuse",
         "requires_approval": DHR, "min_available_months": 12},
    ],
    "themes": [
        {"id": "neglect", "label": "Neglect"},
        {"id": "self-neglect", "label": "Self-neglect"},
        {"id": "domestic-abuse", "label": "Domestic abuse"},
        {"id": "coercive-control", "label": "Coercive control"},
        {"id": "information-sharing", "label": "Information sharing"},
        {"id": "mental-capacity", "label": "Mental capacity"},
    ],
    "agencies": [
        {"id": "police", "label": "Police"},
        {"id": "adult-social-care", "label": "Adult social care"},
        {"id": "childrens-social-care", "label": "Children's social care"},
        {"id": "health", "label": "Health"},
    ],
    "age_bands": [
        {"id": "under-1", "label": "Under 1", "family": "children"},
        {"id": "5-to-11", "label": "5 to 11", "family": "children"},
        {"id": "18-to-64", "label": "18 to 64", "family": "adults"},
        {"id": "65-and-over", "label": "65 and over", "family": "adults"},
        {"id": "adult", "label": "Adult"},  # no family: any review may use it
    ],
    "briefing_formats": [
        {"id": "learning-summary", "label": "Learning summary", "sections": [
            {"title": "The review", "also": ["About the review"]},
            {"title": "What happened"},
            {"title": "What we learned", "also": ["Learning", "Key learning"]},
            {"title": "What changes", "also": ["What will change"]},
            {"title": "Questions to reflect on", "also": ["Reflective questions"], "questions": True},
        ]},
    ],
}

# A seven-minute briefing under the wordings partnerships use rather than the titles.
COMMON_HEADINGS = ["1. The background", "Why does it matter?", "3) Information", "What we learned",
                   "What should I do?", "Key messages", "Reflective questions"]
LEARNING_SUMMARY = ["About the review", "What happened", "3. Key learning", "What will change",
                    "Questions to reflect on"]


def body_with(headings: list[str], words: str = "Practice point.") -> str:
    return "\n".join(f"## {h}\n\n{words}\n" for h in headings)


def files() -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    out["2024-child-p/index.md"] = front(
        review_meta(title="Child P: Local child safeguarding practice review", pseudonym="P", age_band="under-1",
                    themes=["neglect"], agencies=["childrens-social-care", "health"]),
        "## What happened\n\nText about Child P.\n")
    out["2024-child-p/briefing.md"] = briefing(published="2024-04-01", body=body_with(COMMON_HEADINGS))

    out["2025-sar-mr-q/index.md"] = front(
        review_meta(title="Mr Q: Safeguarding adults review", published="2025-02-10",
                    review_type="safeguarding-adults-review", pseudonym="Mr Q", age_band="65-and-over",
                    themes=["self-neglect", "mental-capacity"], agencies=["adult-social-care", "health"]),
        "## What happened\n\nText about Mr Q.\n")
    out["2025-sar-mr-q/briefing.md"] = briefing(published="2025-03-01", format="learning-summary",
                                                body=body_with(LEARNING_SUMMARY))

    # Less than the type's 12 months (2026-01-15 to 2026-12-31): allowed because the reason is given.
    out["2026-dhr-ms-r/index.md"] = front(
        review_meta(title="Ms R: Domestic homicide review", published="2026-01-15",
                    review_type="domestic-homicide-review", pseudonym="Ms R", age_band="adult",
                    themes=["domestic-abuse", "coercive-control"], agencies=["police", "health"],
                    approved="2026-01-05", available_until="2026-12-31",
                    early_removal_reason=f"The family asked for an earlier end ({EARLY_REMOVAL_MARKER})."),
        "## What happened\n\nText about Ms R.\n")
    return out
