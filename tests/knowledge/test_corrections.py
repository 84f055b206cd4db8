"""The corrections of the domain review (issue 18), asked as providers ask, answered right.

Each row is a provider's question, the entry that must answer it, the key facts the answer
must state and the wrong claims it must no longer make. The questions go through
``pledgebot ask --json``, so the assertions are on the words a provider reads.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.cli import entry_text
from tests.cli import run_cli
from tests.knowledge.content_checks import offered, packaged_entries, read

NLW_PAGE = "https://www.gov.uk/national-minimum-wage-rates"

CORRECTIONS: list[tuple[str, str, list[str], list[str]]] = [
    # 1. KPIs: s52 does not apply to light touch contracts or frameworks.
    ("we have a £6m home care contract with the council, do they have to publish at least 3 "
     "KPIs for it?", "contract-monitoring-quality",
     ["does not cover light touch contracts or frameworks", "most care contracts are exempt",
      "section 52"], ["including light touch care), contracts worth over £5m must"]),
    ("is the KPI requirement for contracts over 5 million relevant to our care home framework?",
     "transparency-published-info", ["except light touch contracts and frameworks"], []),
    ("what changed for care providers under the new procurement act?", "procurement-act-changes",
     ["light touch contracts and frameworks are exempt"], ["are reported to need"]),
    # 2. Payment on older contracts: PCR 2015 reg 113, implied by reg 113(6).
    ("our contract came from a 2023 tender, how long can the council take to pay our invoices?",
     "payment-terms-late-payment", ["30 days", "regulation 113", "reg 113(6)"],
     ["check the payment clause"]),
    # 3. Flow-down on older contracts: reg 113(2)(c), implied if missing.
    ("we're a subcontractor to a lead provider on a council contract let in 2022, how quickly "
     "must they pay us?", "subcontractor-payment-flowdown",
     ["regulation 113(2)(c)", "passed down to sub-contracts", "implied if missing"],
     ["follow their own terms"]),
    ("our subcontract under a PCR 2015 council contract says 60 day payment terms, is that "
     "allowed?", "subcontractor-payment-flowdown", ["regulation 113(2)(c)"], []),
    # 4. National Living Wage: £12.71 from April 2026, check the current rate, the live page.
    # A question about the rate itself is answered by the national-living-wage entry (issue
    # 11's content coverage); the fee-setting and pricing entries, corrected here, still quote
    # the rate when they answer their own questions.
    ("what national living wage rate should we build into our fee proposal?",
     "national-living-wage", ["£12.71", "April 2026", "Check the current rate", NLW_PAGE],
     ["use these in fee discussions", "£12.21"]),
    ("how much is the national living wage from april 2026?", "national-living-wage",
     ["£12.71", "Check the current rate", NLW_PAGE], ["£12.21 from April 2025"]),
    ("how does the council decide its care home fee rates?", "cost-of-care-fee-setting",
     ["£12.71 an hour from April 2026", "check the current rate", NLW_PAGE],
     ["use these in fee discussions"]),
    ("how should we work out the hourly rate we bid in a home care tender?",
     "pricing-and-rates", ["£12.71 an hour from April 2026", "check the current rate",
                           NLW_PAGE], ["£12.21 from April 2025"]),
    # 5. pledge-28: no direct comparison required; nothing wider than the sources.
    ("pledge 28 feedback - will we get to see the winner's scores?", "pledge-28",
     ["does not require a direct comparison with the winning bid"],
     ["doesn't have to show the winner's scores"]),
    # 6. Section 42 enquiries: providers are expected to cooperate.
    ("the council wants us to carry out part of a section 42 enquiry, do we have to help?",
     "safeguarding-concerns", ["providers are expected to cooperate"], ["you must cooperate"]),
    ("are providers legally required to help with a safeguarding enquiry",
     "safeguarding-concerns", ["expected to cooperate"], ["must cooperate"]),
    # 7. Payment transparency (session 12): s69 and s71 in force from 1 January 2026 and s70
    # from 1 April 2026 (SI 2025/1316); domain-facts 1.8.3's "from 1 Oct 2025" predates it.
    ("when did councils have to start publishing payments compliance notices?",
     "transparency-published-info", ["1 January 2026 (s69)", "every 6 months"], ["1 Oct 2025"]),
    ("do councils now publish each payment they make over £30,000?",
     "transparency-published-info", ["over £30,000", "1 April 2026 (s70)", "quarterly"], []),
    # 8. The Care Certificate has had 16 standards since March 2025 (Skills for Care).
    ("do we have to pay care workers for the time they spend on training",
     "training-time-and-costs", ["16 standards (since March 2025)"], ["15 standards"]),
    ("can we claim funding for the level 2 adult social care certificate",
     "training-funding-ldss", ["16-standard induction"], ["15-standard"]),
    # 9. Section 117: the council by ordinary residence, the ICB by GP registration since 1 July
    # 2022 (found by a set-15 labeller; NHS England's Who Pays?).
    ("which ICB pays for a client's section 117 aftercare if he has moved area",
     "section-117-aftercare", ["set by the GP practice the person was registered with"],
     ["council and ICB for the area where the person was ordinarily resident"]),
    # Also: "commenced" is wider than a published contract notice.
    ("the council published its tender in january 2025 but the deadline is after february, "
     "which rules apply?", "which-rules-apply",
     ["contract notice submitted for publication counts", "voluntary transparency notice"],
     ["(a contract notice was published)"]),
    # Also: PCR 2015 standstill, 10 days electronic, 15 otherwise.
    ("how long was the standstill period under the old 2015 regulations?",
     "standstill-challenges", ["10 days", "sent electronically", "15 days otherwise"],
     ["10 calendar days"]),
    ("old rules standstill letter sent by post, how many days?", "standstill-challenges",
     ["15 days otherwise"], []),
    # Also: open frameworks reopen at intervals fixed by s49(2).
    ("how often does an open framework have to reopen to new providers?",
     "approved-lists-frameworks",
     ["at least once in the first 3 years, then at least every 5 years", "s49(2)"],
     ["sources differ", "reportedly"]),
    # Also: the 12-month review is firm; a 6-8 week review is to be considered.
    ("does the council have to do a review 6-8 weeks after the care plan starts?",
     "placement-reviews", ["at least every 12 months", "should be considered"],
     ["should usually hold"]),
    ("is a 6-8 week review a legal requirement?", "placement-reviews",
     ["it is not a fixed duty"], []),
    # Also: PPN 021 binds central government; councils may use it.
    ("does PPN 021 mean the council has to spot check whether our prime pays us on time?",
     "subcontractor-payment-flowdown", ["central government", "councils may use it",
                                        "does not bind them"],
     ["Government guidance (PPN 021) suggests"]),
    # Also: pledge-7 keeps the pledge's own force.
    ("pledge 7 uplifts", "pledge-7",
     ["must explicitly state the cost of care", "future uplifts will be confirmed within the "
      "contract"], ["should confirm how future uplifts will work"]),
    # Also: pledge-25's joint monitoring is not a Care Act review.
    ("is the six monthly joint monitoring the same thing as the council's care act review?",
     "pledge-25", ["not the same as a Care Act review", "one does not replace the other"], []),
    ("does joint placement monitoring every 6 months replace the annual care act review?",
     "placement-reviews", ["do not replace the council's Care Act reviews"], []),
    # Session 14: CQC's registration time (its current guidance: about 10 weeks from
    # validation), and the capital limits dated (unchanged since 2010).
    ("how long does CQC registration take for a new home care agency", "cqc-registration-rating",
     ["about 10 weeks after validating your application"], ["8 weeks"]),
    ("what are the capital limits for care home fees this year", "capital-limits-means-test",
     ["£23,250 and £14,250 since 2010", "unchanged in 2025-26"], ["for many years"]),
    # Session 37's brief: legacy DPSs after the Act, and a turnover demand of many times the
    # contract's value, got "I don't know" or no rule.
    ("when do DPSs end", "dps-dynamic-markets",
     ["expire by 23 Feb 2029 at the latest", "SI 2024/716 reg 5"], []),
    ("can we still join the council's DPS after the Procurement Act", "dps-dynamic-markets",
     ["set up under PCR 2015 before 24 Feb 2025 stay open to new entrants"], []),
    ("the council wants turnover of 5x the contract value, is that allowed?",
     "financial-standing",
     ["proportionate to the contract (s22)", "reg 58(9) capped minimum turnover at twice"],
     ["normally could not exceed twice"]),
]


# Asked about a section 42 enquiry, the bot offers the section 42 entry first and this one
# second (session 13: providers' questions about enquiries are that entry's): the person is
# offered the corrected claim as the second of the two.
# Session 14: the KPI question below sits level between the transparency entry and the KPI
# entry (both state the corrected claim), and each new set of providers' questions has moved
# which comes first; the transparency entry is offered as one of the two either way.
OFFERED_SECOND = frozenset({
    "the council wants us to carry out part of a section 42 enquiry, do we have to help?",
    "are providers legally required to help with a safeguarding enquiry",
    "is the KPI requirement for contracts over 5 million relevant to our care home framework?",
})


def _given(row: dict[str, Any], entry_id: str) -> str | None:
    """What the person reads from ``entry_id`` for this row, or None when it is not given."""
    if offered(row, entry_id):
        return read(row)
    if (row["question"] in OFFERED_SECOND and row["mode"] == "choose"
            and entry_id in row["ids"][:2]):
        return entry_text(packaged_entries()[entry_id])
    return None


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    questions = "".join(f"{question}\n" for question, *_ in CORRECTIONS)
    result = run_cli("ask", "--json", cwd=tmp_path_factory.mktemp("ask"),
                     stdin=questions.encode())
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return {row["question"]: row for row in rows}


@pytest.mark.parametrize(("question", "entry_id", "facts", "wrong"), CORRECTIONS,
                         ids=[f"{row[1]}-{n}" for n, row in enumerate(CORRECTIONS)])
def test_a_corrected_claim_is_answered_right(answers: dict[str, dict[str, Any]], question: str,
                                             entry_id: str, facts: list[str],
                                             wrong: list[str]) -> None:
    row = answers[question]
    given = _given(row, entry_id)
    assert given is not None, (row["mode"], row["ids"])
    assert [fact for fact in facts if fact not in given] == []
    assert [claim for claim in wrong if claim in given] == []


def test_the_primary_sources_come_first_where_a_claim_was_corrected(
        answers: dict[str, dict[str, Any]]) -> None:
    # The chat shows the first three sources: the law itself, not only a law firm's summary.
    shown = {entry_id: (_given(answers[question], entry_id) or "").split("Source: ", 1)[-1]
             for question, entry_id, *_ in CORRECTIONS}
    legislation = "https://www.legislation.gov.uk/"
    assert f"{legislation}ukpga/2023/54/section/52" in shown["contract-monitoring-quality"]
    assert f"{legislation}uksi/2015/102/regulation/113" in shown["payment-terms-late-payment"]
    assert f"{legislation}uksi/2015/102/regulation/113" in shown["subcontractor-payment-flowdown"]
    assert f"{legislation}uksi/2024/716/regulation/5" in shown["dps-dynamic-markets"]
    assert f"{legislation}uksi/2015/102/regulation/58" in shown["financial-standing"]
    assert f"{legislation}ukpga/2014/23/section/42" in shown["safeguarding-concerns"]
    assert f"{legislation}uksi/2015/102/regulation/87" in shown["standstill-challenges"]
    assert f"{legislation}ukpga/2023/54/section/49" in shown["approved-lists-frameworks"]
    assert f"{legislation}uksi/2024/716/regulation/5" in shown["which-rules-apply"]
    assert f"{legislation}ukpga/2014/23/section/27" in shown["placement-reviews"]
    assert f"{legislation}uksi/2025/1316/contents/made" in shown["transparency-published-info"]
