"""Measure: questions with typing errors, against the same questions spelt right.

Session 31's set, written from the entries' titles (``knowledge/content/*.yaml``): 50 questions
in two spellings each (one with the typing errors people make on a phone: swapped letters,
dropped or doubled letters, a wrong letter, in content words and in "what" / "the"), and 22
out-of-scope questions with typos (each should be handed over: "I don't know"). For each
spelling it counts:

* right: answered (mode ``answer``, or ``choose`` with the accepted entry first); for an
  out-of-scope question, abstained;
* abstain: no entry given (for an out-of-scope question this is ``right``);
* wrong: an entry that is not accepted first (for an out-of-scope question: any entry offered),
  and of those how many were answered outright (confidently wrong).

    python bench/typos.py [--wrong]
"""

from __future__ import annotations

import argparse
from collections import Counter

from ask import pledgebot_asker

# (spelt right, with typos, accepted entry ids)
IN_SCOPE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("what is the standstill period", "waht is teh standstil period",
     ("standstill-challenges",)),
    ("how long is the standstill", "how long is the standstil", ("standstill-challenges",)),
    ("what is a framework agreement", "wat is a framwork agreement",
     ("approved-lists-frameworks",)),
    ("when must the council pay my invoice", "when must the counsil pay my invoise",
     ("payment-terms-late-payment",)),
    ("can i get feedback on my tender", "can i get feedbak on my tendr",
     ("assessment-summaries-feedback", "pledge-28")),
    ("does tupe apply when a care contract is retendered",
     "does tupe aplpy when a care contract is retenderd", ("tupe",)),
    ("what are lots in a tender", "what are lots in a tedner", ("lots",)),
    ("how do i join a dynamic purchasing system", "how do i join a dynamic purchacing sytem",
     ("dps-dynamic-markets",)),
    ("what is social value", "what is socail value", ("social-value", "social-value-measurement")),
    ("how are bids evaluated and scored", "how are bids evalutaed and scord",
     ("evaluation-scoring", "evaluation-moderation-and-price-scores")),
    ("what are the procurement thresholds", "what are the procurment thresholds",
     ("thresholds-and-values",)),
    ("how do i register on the central digital platform",
     "how do i regsiter on the central digitl platform", ("cdp-registration",)),
    ("what is the light touch regime", "what is the light tuoch regime",
     ("light-touch-regime",)),
    ("what insurance do i need for a care tender", "what insurence do i need for a care tendor",
     ("insurance",)),
    ("how do i ask a clarification question", "how do i ask a clarificaton question",
     ("clarification-questions",)),
    ("what happens if i miss the submission deadline",
     "what happens if i miss the submision dedline", ("submission-deadlines-late",)),
    ("how are annual fee uplifts worked out", "how are anual fee upliftts worked out",
     ("annual-uplifts",)),
    ("what is open book accounting", "what is open book acounting", ("open-book-accounting",)),
    ("my invoice is on hold, how do i get it released",
     "my invoce is on hold how do i get it relased", ("council-invoice-on-hold",)),
    ("what is a market position statement", "what is a markte position statment",
     ("market-position-statement",)),
    ("what are exclusion grounds", "what are exlcusion grounds", ("exclusion-grounds",)),
    ("what is the provider selection regime", "what is the provider selction regime",
     ("psr-health-services",)),
    ("what are the conditions of participation", "what are the condtions of participation",
     ("conditions-of-participation",)),
    ("can we bid as a consortium", "can we bid as a consortum", ("consortia-subcontracting",)),
    ("how do i hand back a care package", "how do i hand back a care packge",
     ("handing-back-packages", "provider-failure-handback")),
    ("what is the national living wage for care workers",
     "what is the natonal living wage for care wokers", ("national-living-wage",)),
    ("are sleep-in shifts paid the minimum wage", "are sleep-in shfits paid the minimun wage",
     ("sleep-ins-minimum-wage",)),
    ("do we have to pay travel time between home care visits",
     "do we have to pay travle time between home care vists", ("travel-time-home-care",)),
    ("what is electronic call monitoring", "what is electronc call monitering",
     ("electronic-call-monitoring",)),
    ("what is nhs continuing healthcare", "what is nhs continuing helthcare",
     ("nhs-continuing-healthcare", "chc-process-for-care-homes")),
    ("what are deferred payment agreements", "what are defered payment agreemnts",
     ("deferred-payment-agreements",)),
    ("what training do care staff need in safeguarding",
     "what trainig do care staff need in safegaurding", ("safeguarding-training",)),
    ("what is a section 42 enquiry", "what is a secton 42 enquiry",
     ("section-42-enquiry-process",)),
    ("do we need a carbon reduction plan", "do we need a carbon reducton plan",
     ("carbon-reduction-plans",)),
    ("what is a parent company guarantee", "what is a parent compnay guarantee",
     ("parent-company-guarantee",)),
    ("what are abnormally low tenders", "what are abnormaly low tenders",
     ("abnormally-low-tenders",)),
    ("what are the deprivation of liberty safeguards",
     "what are the deprivation of libery safeguards", ("deprivation-of-liberty-safeguards",)),
    ("how do dbs checks work for care workers", "how do dbs cheks work for care workers",
     ("dbs-checks",)),
    ("what are right to work checks", "what are rigth to work checks",
     ("right-to-work-checks",)),
    ("can we use chatgpt to write tender answers", "can we use chatgpt to wirte tender answres",
     ("ai-in-tender-writing",)),
    ("what is the debarment list", "what is the debarmnet list", ("debarment-list",)),
    ("what is a performance bond", "what is a perfomance bond", ("parent-company-guarantee",)),
    ("what is pre-market engagement", "what is pre-market engagment",
     ("pre-market-engagement",)),
    ("who pays for empty rooms in supported living",
     "who pays for empty rooms in suported living", ("supported-living-voids",)),
    ("what is the fair pay agreement", "what is the fiar pay agreement",
     ("fair-pay-agreement-adult-social-care",)),
    ("how are care home fees banded", "how are care home fess banded",
     ("fee-bands-and-usual-cost",)),
    ("what is a dynamic purchasing system", "whta is a dynamic purchasign system",
     ("dps-dynamic-markets",)),
    ("how long do we keep care records", "how long do we keep care recrods",
     ("care-records-retention",)),
    ("do we need a modern slavery statement", "do we need a modern slavary statement",
     ("modern-slavery-statements",)),
    ("how do i register on a council e-tendering portal",
     "how do i regster on a council e-tendering protal", ("portal-registration",)),
)

OUT_OF_SCOPE: tuple[str, ...] = (
    "whats the wether like tomorow",
    "how do i reset my pasword",
    "can you recomend a good restaraunt near the office",
    "when is my council tax bil due",
    "how do i renew my pasport",
    "what time does the libary open",
    "who won the footbal last night",
    "how do i make a chocolate cake recipie",
    "can i park my car at the buidling",
    "how much is a tv licnese",
    "whats the best mortage rate right now",
    "how do i book a holliday to spain",
    "is the trian strike still on tomorow",
    "how do i fix my broken laptop screeen",
    "what's the capital of frnace",
    "how many calories are in a bananna",
    "wher can i buy cheap printer ink",
    "how do i apply for a bleu badge for my mum",
    "what is the best way to learn pyhton",
    "how do i pay my parkng fine to the counsil",
    "when are the bin colections in my street",
    "can i get a discount on my counsil tax",
)


def judge(mode: str, ranked: tuple[str, ...], accepted: tuple[str, ...]) -> str:
    """right, abstain, wrong or confidently wrong, for one question."""
    if mode in ("abstain", "not_english", "too_long"):
        return "abstain" if accepted else "right"
    if not accepted:
        return "confidently wrong" if mode == "answer" else "wrong"
    if ranked and ranked[0] in accepted:
        return "right"
    return "confidently wrong" if mode == "answer" else "wrong"


def main() -> None:
    """Ask every question in both spellings and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", action="store_true", help="list what was not right")
    options = parser.parse_args()
    ask = pledgebot_asker()
    counts: dict[str, Counter[str]] = {name: Counter() for name in
                                       ("spelt right", "with typos", "out of scope, typos")}
    modes: dict[str, Counter[str]] = {name: Counter() for name in counts}
    listed: list[str] = []
    for right, typo, accepted in IN_SCOPE:
        for name, question in (("spelt right", right), ("with typos", typo)):
            outcome = ask(question)
            verdict = judge(outcome.mode, outcome.ranked, accepted)
            counts[name][verdict] += 1
            modes[name][outcome.mode] += 1
            if verdict != "right":
                listed.append(f"{name:20} {verdict:17} {outcome.mode:8} {question!r} -> "
                              f"{outcome.ranked[:2]}")
    for question in OUT_OF_SCOPE:
        outcome = ask(question)
        verdict = judge(outcome.mode, outcome.ranked, ())
        counts["out of scope, typos"][verdict] += 1
        modes["out of scope, typos"][outcome.mode] += 1
        if verdict != "right":
            listed.append(f"{'out of scope':20} {verdict:17} {outcome.mode:8} {question!r} -> "
                          f"{outcome.ranked[:2]}")
    print(f"{'set':22}{'questions':>10}{'right':>8}{'abstain':>9}{'wrong':>7}"
          f"{'(confidently)':>15}   modes")
    for name, count in counts.items():
        total = sum(count.values())
        wrong = count["wrong"] + count["confidently wrong"]
        shown = ", ".join(f"{mode} {n}" for mode, n in sorted(modes[name].items()))
        print(f"{name:22}{total:>10}{count['right']:>8}{count['abstain']:>9}{wrong:>7}"
              f"{count['confidently wrong']:>15}   {shown}")
    if options.wrong:
        print()
        print("\n".join(listed))


if __name__ == "__main__":
    main()
