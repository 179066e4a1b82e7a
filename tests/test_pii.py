"""Tests for casereviews.content.pii: a corpus of true cases and near misses, plus the API details.

All data is fictional or reserved: Ofcom drama numbers, example.org/example.com addresses, made-up NI
numbers, well-known public postcodes, and NHS numbers whose check digit is computed here.
"""

import pytest

from casereviews.content.pii import Finding, nhs_check_digit, scan


def with_check_digit(nine: str) -> str:
    """Ten-digit NHS number built from nine digits, computing the modulus 11 check digit independently."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    assert check != 10, f"{nine} has no valid check digit"
    return nine + str(check)


def wrong_check_digit(nine: str) -> str:
    return nine + str((int(with_check_digit(nine)[9]) + 1) % 10)


VALID_NHS = with_check_digit("401023213")
VALID_NHS_2 = with_check_digit("485777345")
SPACED_NHS = f"{VALID_NHS[:3]} {VALID_NHS[3:6]} {VALID_NHS[6:]}"
HYPHENED_NHS = f"{VALID_NHS_2[:3]}-{VALID_NHS_2[3:6]}-{VALID_NHS_2[6:]}"
VALID_NHS_3 = with_check_digit("601023213")
BAD_NHS = wrong_check_digit("401023213")

EMAIL, PHONE, NHS, NINO, POSTCODE, DOB = (
    "e-mail address",
    "UK telephone number",
    "NHS number",
    "National Insurance number",
    "postcode",
    "date of birth",
)

# (sentence, expected kind, expected matched text)
TRUE_CASES = [
    ("The social worker's address was jane.doe@example.org at the time.", EMAIL, "jane.doe@example.org"),
    ("Write to [us](mailto:safeguarding@example.com) with concerns.", EMAIL, "safeguarding@example.com"),
    ("Mother e-mailed A.Smith+school@mail.example.org on Monday.", EMAIL, "A.Smith+school@mail.example.org"),
    ("Contact: <duty_team@example.com>.", EMAIL, "duty_team@example.com"),
    ("The family's landline was 01632 960123 throughout.", PHONE, "01632 960123"),
    ("Father's mobile (07700 900123) was often switched off.", PHONE, "07700 900123"),
    ("The GP surgery, 020 7946 0018, was not contacted.", PHONE, "020 7946 0018"),
    ("Grandmother rang from (01632) 960 123 that evening.", PHONE, "(01632) 960 123"),
    ("A text came from +44 7700 900123 at night.", PHONE, "+44 7700 900123"),
    ("The clinic gave +44 (0)20 7946 0018 as its number.", PHONE, "+44 (0)20 7946 0018"),
    ("Her number was recorded as 07700-900-456.", PHONE, "07700-900-456"),
    ("Numbers such as 01632960999 appeared in the notes.", PHONE, "01632960999"),
    ("He called tel:07700900789 from the ward.", PHONE, "07700900789"),
    (f"Child A's NHS number {SPACED_NHS} was on the referral.", NHS, SPACED_NHS),
    ("The discharge letter quoted 943 476 5919 in the header.", NHS, "943 476 5919"),
    (f"The record {HYPHENED_NHS} was merged in error.", NHS, HYPHENED_NHS),
    (f"NHS no. {VALID_NHS} was written on the form.", NHS, VALID_NHS),
    ("Mother's National Insurance number QQ 12 34 56 C was shared.", NINO, "QQ 12 34 56 C"),
    ("The benefits letter showed AB123456C in full.", NINO, "AB123456C"),
    ("NI number jg 10 37 59 a was typed in lower case.", NINO, "jg 10 37 59 a"),
    ("Father's NINO was recorded as PN 91 42 07 D.", NINO, "PN 91 42 07 D"),
    ("The family lived near SW1A 1AA before moving.", POSTCODE, "SW1A 1AA"),
    ("They moved to a flat at M1 1AE in 2018.", POSTCODE, "M1 1AE"),
    ("The school is in B33 8TH, close to the park.", POSTCODE, "B33 8TH"),
    ("Housing offered a room in CR2 6XH.", POSTCODE, "CR2 6XH"),
    ("Post was redirected to DN55 1PT.", POSTCODE, "DN55 1PT"),
    ("The address was given as sw1a2aa with no space.", POSTCODE, "sw1a2aa"),
    ("A letter went to EC1A 1BB by mistake.", POSTCODE, "EC1A 1BB"),
    ("Child B was born on 12/03/2015 at the local hospital.", DOB, "12/03/2015"),
    ("Child C (DOB 12.03.15) was known to services.", DOB, "12.03.15"),
    ("Date of birth: 12 March 2015.", DOB, "12 March 2015"),
    ("Child D was born on the 12th of March 2015.", DOB, "12th of March 2015"),
    ("Child E was born March 12, 2015, in Leeds.", DOB, "March 12, 2015"),
    ("D.O.B. 2015-03-12 was on the plan.", DOB, "2015-03-12"),
    ("Child F was born prematurely at 32 weeks on 3rd Sept 2014.", DOB, "3rd Sept 2014"),
    ("The record shows 12-03-2015 (date of birth) on page one.", DOB, "12-03-2015"),
    ("On 12 March 2015 Child G was born at home.", DOB, "12 March 2015"),
    ("Child H was born on Tuesday, 12 March 2015.", DOB, "12 March 2015"),
    ("| Child I | DOB | 1/2/2016 |", DOB, "1/2/2016"),
    # Added with the editor tools (issue 6): other ways the same six kinds are commonly written.
    ("Child R (DOB: 03/04/2016) was on a plan.", DOB, "03/04/2016"),
    ("Tel: 0161 496 0000 was the hospital ward.", PHONE, "0161 496 0000"),
    ("Write to JANE.DOE@EXAMPLE.ORG for records.", EMAIL, "JANE.DOE@EXAMPLE.ORG"),
    ("Child S, date of birth 3rd March 2016, lived with her aunt.", DOB, "3rd March 2016"),
    ("Call +44 20 7946 0958 out of hours.", PHONE, "+44 20 7946 0958"),
    (f"NHS No: {VALID_NHS_3} was on the letter.", NHS, VALID_NHS_3),
    ("The family lived at LS1 4AP in 2019.", POSTCODE, "LS1 4AP"),
    ("NI No. AB 12 34 56 C appeared in the report.", NINO, "AB 12 34 56 C"),
    ("Child T was born 3.4.2016 at home.", DOB, "3.4.2016"),
    ("Mother (born 12/03/1990) was 25 at the time.", DOB, "12/03/1990"),
    ("The foster carer's email, carer@example.co.uk, was shared.", EMAIL, "carer@example.co.uk"),
    ("Father's mobile number is 07700 900 123.", PHONE, "07700 900 123"),
    ("The flat at G1 1XQ was overcrowded.", POSTCODE, "G1 1XQ"),
    ("Child U, d.o.b. 01/02/2017, was seen by the GP.", DOB, "01/02/2017"),
    ("Grandfather, born 1 Jan 1950, cared for him.", DOB, "1 Jan 1950"),
    ("They moved to BT1 5GS in Belfast.", POSTCODE, "BT1 5GS"),
    ("Young people can call the helpline on 0306 999 0123 for advice.", PHONE, "0306 999 0123"),
]

NEAR_MISSES = [
    "On 12 March 2019 the board met to agree the terms of reference.",
    "The review covers 2015/16 and the period 2017-2019.",
    "Recommendation R1.2 responds to paragraph 117.",
    "See pages 17 – 56 and section 3.4.1 of the guidance.",
    "Only 45% of staff had training, at a cost of £1,200.",
    "The partnership received 1,234 children's referrals last year.",
    "The strategy meeting started at 10:00 and ended at 11:30.",
    "The log entry was stamped 2024-03-12T10:00:00+00:00.",
    "The family moved within SW1A and later to M1.",
    "Child J was born prematurely at 32 weeks.",
    "Child K was born in March 2015 and moved to the area in 2017.",
    "Release 2.10.3 of the case management system was installed.",
    "The report is at https://example.org/reports/2019/child-l.pdf for reference.",
    "See [the briefing](https://example.com/briefings/7) and ![chart](images/chart@2x.png).",
    "The logo ![logo](logo@2x.png) appears on each page.",
    "COVID-19 restrictions applied from March 2020.",
    "The family often travelled along the A127 to visit relatives.",
    "A Section 47 enquiry was opened; the S47 outcome was recorded.",
    "Child Protection Plan 2 began after the second conference.",
    f"Reference {BAD_NHS} does not pass the check digit.",
    "Reference 1234567890 was the file number.",
    "ISBN 0306406152 is cited in the bibliography.",
    "The book (ISBN 978-1-4729-1234-5) was recommended.",
    "A number 07700 90012 was written down with a digit missing.",
    "The redacted field read 000 000 0000 in the copy we saw.",
    "Pupils in Y6 2nd term and KS2 3rd year were surveyed.",
    "Child M, born in 2015, was seen on 12 March 2019.",
    "The mother was born in Poland and on 12 March 2019 moved to the UK.",
    "On 12 March 2019 Child N, born prematurely, was admitted.",
    "On 12 March 2019 Child O (born 2015) was seen at clinic.",
    "On 12 March 2019 the mother, who was born abroad, attended.",
    "Children born after 1 September 2015 were eligible for the scheme.",
    "Father was born overseas. On 14 April 2020 he was arrested.",
    "Follow @example_lscp for updates on the review.",
    "Version v1.07700 of the form was used.",
    "The meeting on 01-03-2015 was minuted by the chair.",
    "Call volumes rose from 0800 to 1100 hours.",
    "The figure rose by 3.5% between Q1 2019 and Q3 2020.",
    "Paragraphs 4.12–4.19 describe the 10 agencies involved.",
    "The serious incident notification was made within 5 working days.",
    # Added with the editor tools (issue 6): phrases from the demo content's evidence and notes, and more
    # sentences where a date sits near "born" without being a date of birth.
    "Front door procedures, section 4",
    "Police dip sample report, June 2022",
    "Revised tool in use across all health visiting teams from 1 April.",
    "Early help young carers performance report, quarter 4",
    "Action R4.1 has been delayed by the need for legal advice.",
    "This plan was agreed by the Management Executive Board in July 2026.",
    "Six young people, aged between thirteen and seventeen, were exploited between 2017 and 2019.",
    "The review was born out of concerns raised on 3 March 2019 by a school.",
    "Twins were born; on 4 May 2018 the health visitor visited.",
    "Baby V was born at 36 weeks and discharged on 5 June 2020.",
    "Parents who were born abroad made up 12% of the cohort in 2021/22.",
    "Figures for 2019-2020 show 1,024 contacts, 0.5% of the total.",
    "The helpline took 12 000 calls in the year.",
    "Room B12 3rd floor was used for the meeting.",
    "Ofsted inspected the service in 2023 (URN 123456).",
    "The case number CR-2019-0456 was used throughout.",
    "At 09:30 on 1 June 2020 the strategy meeting began.",
    "Children born between 2010 and 2012 were included.",
]


@pytest.mark.parametrize(("sentence", "kind", "expected"), TRUE_CASES)
def test_true_case_is_found(sentence: str, kind: str, expected: str) -> None:
    findings = scan(sentence)
    assert [(f.kind, f.text) for f in findings] == [(kind, expected)]


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_near_miss_is_not_flagged(sentence: str) -> None:
    assert scan(sentence) == []


def precision_and_recall() -> tuple[float, float, int, int, int]:
    """Over the whole corpus: a finding is a true positive when it is the expected kind and text in a true case;
    every other finding (in a near miss, or an extra one in a true case) is a false alarm."""
    true_pos = false_pos = 0
    for sentence, kind, expected in TRUE_CASES:
        found = [(f.kind, f.text) for f in scan(sentence)]
        true_pos += (kind, expected) in found
        false_pos += len([f for f in found if f != (kind, expected)])
    false_pos += sum(len(scan(sentence)) for sentence in NEAR_MISSES)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    return precision, true_pos / len(TRUE_CASES), true_pos, false_pos, len(TRUE_CASES) - true_pos


def test_precision_and_recall_over_the_corpus() -> None:
    precision, recall, true_pos, false_pos, missed = precision_and_recall()
    print(f"\npersonal-data corpus: {len(TRUE_CASES)} true cases, {len(NEAR_MISSES)} near misses; "
          f"precision {precision:.3f}, recall {recall:.3f} "
          f"({true_pos} found, {missed} missed, {false_pos} false alarms)")
    assert (precision, recall) == (1.0, 1.0)


def corpus_scores() -> tuple[float, int]:
    """Recall over TRUE_CASES (right kind and text found) and the number of near misses flagged."""
    hits = sum(
        any(f.kind == kind and f.text == expected for f in scan(sentence))
        for sentence, kind, expected in TRUE_CASES
    )
    false_alarms = sum(bool(scan(sentence)) for sentence in NEAR_MISSES)
    return hits / len(TRUE_CASES), false_alarms


def test_corpus_summary() -> None:
    assert len(TRUE_CASES) >= 35 and len(NEAR_MISSES) >= 35
    assert {kind for _, kind, _ in TRUE_CASES} == {EMAIL, PHONE, NHS, NINO, POSTCODE, DOB}
    recall, false_alarms = corpus_scores()
    assert recall == 1.0
    assert false_alarms == 0


def test_allowance_suppresses_exactly_that_string() -> None:
    text = "Call the helpline on 0300 123 4567.\nThe family's number was 01632 960123.\n"
    assert [f.text for f in scan(text)] == ["0300 123 4567", "01632 960123"]
    findings = scan(text, allow=["0300 123 4567"])
    assert findings == [Finding(PHONE, "01632 960123", 2, 25)]


def test_allowance_is_exact_text_not_a_pattern() -> None:
    text = "Helpline 0300 1234567 is written differently here."
    assert [f.text for f in scan(text, allow=["0300 123 4567"])] == ["0300 1234567"]
    # An allowed string that contains the finding covers it.
    assert scan(text, allow=["Helpline 0300 1234567"]) == []
    # Allowing one e-mail does not hide another.
    mails = "Write to info@example.org, not jane.doe@example.org."
    assert [f.text for f in scan(mails, allow=["info@example.org"])] == ["jane.doe@example.org"]
    # Empty allowances are ignored rather than matching everywhere.
    assert len(scan(mails, allow=[""])) == 2
    # A lone string is taken as one allowance.
    assert [f.text for f in scan(mails, allow="info@example.org")] == ["jane.doe@example.org"]


def test_line_and_column_numbers() -> None:
    text = "# Child P\n\nNo personal data here.\n  Contact jane.doe@example.org or M1 1AE.\n"
    assert scan(text) == [
        Finding(EMAIL, "jane.doe@example.org", 4, 11),
        Finding(POSTCODE, "M1 1AE", 4, 35),
    ]
    assert scan("07700 900123")[0].line == 1 and scan("07700 900123")[0].column == 1


def test_multiple_findings_in_text_order() -> None:
    text = (
        "Child Q (DOB 12/03/2015) lived at B33 8TH.\n"
        f"NHS number {SPACED_NHS}; mother QQ 12 34 56 C; phone 07700 900123; e-mail q@example.com.\n"
    )
    assert [f.kind for f in scan(text)] == [DOB, POSTCODE, NHS, NINO, PHONE, EMAIL]
    positions = [(f.line, f.column) for f in scan(text)]
    assert positions == sorted(positions)


def test_nhs_check_digit_logic() -> None:
    assert nhs_check_digit("943476591") == 9  # the widely published example 943 476 5919
    for nine in ("401023213", "485777345", "123456782", "987654321"):
        assert nhs_check_digit(nine) == int(with_check_digit(nine)[9])
        assert [f.kind for f in scan(f"NHS {with_check_digit(nine)}.")] == [NHS]
        assert scan(f"NHS {wrong_check_digit(nine)}.") == []
    # Check digit 10 means the nine digits can never form a valid NHS number.
    invalid = next(f"{n:09d}" for n in range(100000000, 100001000) if _raw_check(f"{n:09d}") == 10)
    assert nhs_check_digit(invalid) is None
    assert all(scan(f"Ref {invalid}{d}.") == [] for d in "0123456789")


def _raw_check(nine: str) -> int:
    return 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11


def test_outward_code_alone_and_lower_case_ordinals() -> None:
    assert scan("Offices in SW1A, DN55 and M1.") == []
    assert [f.text for f in scan("Postcode B33 8TH.")] == ["B33 8TH"]
    assert scan("b33 8th floor") == []


def test_large_clean_text_has_no_findings() -> None:
    paragraphs = [
        "On 12 March 2019 the safeguarding partnership met and agreed recommendations R1.2 and R3.4.1 "
        "(paragraph 117, pages 17 – 56).",
        "In 2015/16, 45% of the 1,234 children referred were seen within 48 hours; the cost was £1,200.",
        "Child A was born prematurely at 32 weeks and was discharged home after a month.",
        "COVID-19 restrictions affected services along the A127, and Section 47 enquiries (S47) continued.",
        "See [the report](https://example.org/reports/2019/child-a.pdf) and ![chart](images/chart@2x.png).",
        "Version 2.10.3 of the system logged 2024-03-12T10:00:00+00:00; the meeting began at 10:00.",
        "Practitioners from 10 agencies contributed between 2017-2019 under Child Protection Plan 2.",
    ]
    text = ""
    while len(text) < 200_000:
        text += "\n\n".join(paragraphs) + "\n\n"
    assert scan(text) == []
