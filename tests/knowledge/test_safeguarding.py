"""The safeguarding check: disclosures are flagged; how-to questions and figures of speech not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.base import PACKAGED, load_content
from knowledge.safeguarding import (
    SafeguardingMatch,
    classify,
    detect,
    normalise,
    unsure,
    writers_own_abuse,
    writers_own_crisis,
)
from tests.knowledge.safeguarding_report import (
    concerns_and_ordinary,
    current_predict,
    labelled_rows,
    report,
    score,
)

QUESTIONS = Path(__file__).with_name("questions.jsonl")


@pytest.mark.parametrize("text", [
    "the carer keeps pinching the lady in room 2 when she thinks no one is looking",
    "resident P-330 has lost a lot of weight and staff say he's not being given his meals",
    "service user's grandson has been using her debit card without asking",
    "a tenant told us her partner won't let her see friends and checks her phone",
    "think someone is being made to work at a nail bar and they don't get paid",
    "client ref D-12 was left sitting in a soiled pad for hours",
    "resident has a black eye and won't say how",
    "man we support says he wants to end it all",
    "our manager restrains residents in their chairs at mealtimes",
    "neighbour reported the gentleman is living in squalor with mice everywhere",
    "DOMESTIC VIOLENCE at a client's home last night",
    "possible modern slavery at the car wash",
])
def test_harm_is_flagged(text: str) -> None:
    assert detect(text) is not None


ORDINARY_QUESTIONS: list[str] = [
    "how long is the standstill period",
    "the council hasn't paid our invoice from september",
    "our staff don't get paid enough for the council rates",
    "can we get feedback on our bid",
    "what does the pledge say about reviews",
    "how do we report a safeguarding concern to the council",
    "do we have to notify CQC about safeguarding",
    "what is the fair cost of care",
]


def test_the_evaluation_set() -> None:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    missed = [r["question"] for r in rows
              if r["kind"] == "safeguarding" and not detect(r["question"])]
    false_alarms = [r["question"] for r in rows
                    if r["kind"] != "safeguarding" and detect(r["question"])]
    assert missed == []
    assert false_alarms == []


# -- The labelled set -----------------------------------------------------------------------------

def test_the_labelled_set_is_big_and_split() -> None:
    rows = labelled_rows()
    assert len(rows) >= 320
    assert {row["label"] for row in rows} == {"disclosure", "howto", "none"}
    assert sum(row["label"] == "disclosure" for row in rows) >= 120
    assert sum(row["label"] == "howto" for row in rows) >= 60
    assert sum(row["label"] == "none" for row in rows) >= 140
    # The held-out part is every 4th line, whatever the label.
    assert [row["split"] for row in rows] == [
        "test" if i % 4 == 3 else "dev" for i in range(len(rows))]
    texts = [row["text"].strip().lower() for row in rows]
    assert len(texts) == len(set(texts))


def test_every_disclosure_of_the_labelled_set_is_flagged() -> None:
    """Recall on disclosures is 1.0 over the whole labelled set (dev and test)."""
    rows = labelled_rows()
    missed = [row["text"] for row in rows
              if row["label"] == "disclosure" and detect(row["text"]) is None]
    assert missed == []
    assert score(rows, "disclosure", current_predict).recall == 1.0


INDIRECT = Path(__file__).with_name("safeguarding_indirect_heldout.jsonl")
PROBES = Path(__file__).with_name("safeguarding_probes.jsonl")
# Session 18's probes, kept apart: bench/concern.py fits the concern model on the first file's
# probes, and a refit with these moved its threshold for nothing measurable (bench/README.md).
PROBES_2 = Path(__file__).with_name("safeguarding_probes_2.jsonl")


def test_every_probe_against_the_figurative_and_business_rules_is_flagged() -> None:
    """153 disclosures written by a reviewer of session 14's rules (roughly, a rough number,
    hurt the relationship, funding withdrawn, no harm caused, missed visits as a charge,
    "someone we support", ...), each brushing against one rule so that the rule's words are
    the only sign of harm: every one must still open a case. 38 were missed by the first
    version of those rules. Then 14 more against session 15's rules (13 by a reviewer, one found
    while mending them: needlestick injuries given by staff, coercion beside "will she have to
    sell her house", "tied to a bed in accommodation", "held against his will"), each hidden
    by the first version of those rules. Session 16: 130 more from two reviewers of its masks
    and 147 of 150 indirect disclosures a helper wrote in care workers' words (the rules for
    them were written on those 150). Session 17: 34 beside its masks. Session 18: 19 beside
    its masks (pets, pain from things, agreed bed rails, a blister pack still full) and the
    explained-injury tier (doubt in the message, another account, a repeated fall), and 19
    beside the masks and rules written from a third blind set (laughs, a chair pushed, DoLS in
    place, a planned diet, a will made with a solicitor, missed calls explained, records
    falsified, medicines unaccounted for, a person cut off from others), and 14 beside a third
    round's (a pressure sore improving, knives locked away, a lap belt in the care plan, a scam
    call put down, wandering settled, an injury explained by the one suspected), in their own
    file. Session 35: 7 more beside its masks (pushed around by a carer, a lock of her own
    choosing, a training held on abuse) and a reference left waiting for the toilet; 6 beside
    the mask of a rough day or week ("rough day and night with RC-101", "rough and ready with
    her", "give her a rough time"). Session 36: 5 beside a rough day told with all calm now
    ("rough day yesterday but the home is calm now, RC-101 was pushed over ..."). Session 45:
    12 from its brief, a planned overdose, a threat reported without a comma or quotes and a
    shortage of carers leaving care not given ("mrs b is thinking about taking all her
    tablets", "she screamed i'll kill the lot of you", "there aren't enough carers to get
    everyone up"), kept out of the fitted sets like the rest of this file."""
    rows = [json.loads(line) for path in (PROBES, PROBES_2)
            for line in path.read_text().splitlines() if line.strip()]
    assert len(rows) == 560
    assert [row["text"] for row in rows if detect(row["text"]) is None] == []


def test_indirect_disclosures_written_blind_are_caught_as_often_as_at_session_16() -> None:
    """150 disclosures a helper wrote in relatives' and residents' words, mostly without the
    obvious words ("she flinches when he comes in", "nobody has been since tuesday"), never read
    while the rules were written: held out. Session 15's rules caught 81, session 16's 84.
    Far from every one: the detector reads words, and these say harm in ways no list of words
    holds; the gate keeps the level reached so that a change that loses one is seen."""
    rows = [json.loads(line) for line in INDIRECT.read_text().splitlines() if line.strip()]
    assert len(rows) == 150
    assert sum(detect(row["text"]) is not None for row in rows) >= 84


def test_precision_and_howto_on_the_labelled_set() -> None:
    rows = labelled_rows()
    disclosures = score(rows, "disclosure", current_predict)
    howto = score(rows, "howto", current_predict)
    assert disclosures.precision >= 0.95, report()
    assert howto.recall >= 0.95, report()
    assert howto.precision >= 0.95, report()


def test_the_knowledge_base_questions_are_not_disclosures() -> None:
    """The entries' example questions (written by others) raise no alarm, but for the entry
    about raising a concern, whose examples describe real concerns."""
    entries = load_content([PACKAGED]).entries.values()
    alarms = [question for entry in entries if entry.id != "safeguarding-concerns"
              for question in entry.questions if detect(question) is not None]
    assert alarms == []


def test_the_report_prints_every_split() -> None:
    text = report()
    print(text)  # visible with pytest -s
    for split in ("dev", "test", "all"):
        assert f"{split:<4} n=" in text


REVIEWS_AND_SLAVERY_PAPERWORK: list[str] = [
    "our resident hasn't had a care act review for two years",
    "our client hasnt had her care plan reviewed since 2024",
    "modern slavery statement",
    "do we need a modern slavery statement",
    "what must a slavery and human trafficking statement include",
    "the tender asks for our modern slavery policy",
    "we got 2/5 on safeguarding and i think thats just wrong. can we appeal the score",
    "what is our score on the safeguarding question in the tender",
    "how many marks is the safeguarding method statement worth",
]


# Missed care and modern slavery about a person.
MISSED_CARE_AND_SLAVERY: list[tuple[str, str]] = [
    ("a resident told me the carer has not fed her for two days", "neglect"),
    ("our client hasnt had a care visit for three days", "neglect"),
    ("mr t hasnt had his care for two days, nobody turned up", "neglect"),
    ("I think a client is a victim of modern slavery", "modern slavery"),
    ("I think the lady in flat 3 is being trafficked", "modern slavery"),
]


# -- Issue 11 item 2: the calibration set's false alarms, and the disclosures near them ----------

STAGES_CHECKS_INSURANCE_AND_BINS: list[str] = [
    "we got kicked out at the PSQ stage, are we entitled to any feedback",
    "we got knocked out at the final stage of the tender",
    "a carer has whistleblown to CQC about us, can we discipline her for it",
    "can we sack a carer for whistleblowing",
    "can we check a carers DBS on the update service without asking her",
    "how do we apply for a DoLS for a client we support at home",
    "resident is selling her house, will the council do a deferred payment and do we still get "
    "paid",
    "mrs k is selling her house, will the council do a deferred payment",
    "our insurer wont renew abuse cover after a claim, any specialist care insurers you'd "
    "recommend",
    "our insurer says sexual abuse cover is excluded",
    "our trade waste bins at the home werent emptied, who do i ring",
    "the sharps box hasnt been emptied for weeks",
]


@pytest.mark.parametrize("text", [
    "do carers need business use on their car insurance, and who pays for it",
    "can the care home look after residents pocket money for them",
    "can we give paracetamol without a prescription",
    "how often should pressure sores be checked",
    "how do I handle a disciplinary for a carer who missed visits",
])
def test_generic_questions_with_a_harm_word_get_no_case_and_no_guidance(text: str) -> None:
    """Labelled "howto" by the classifier (a generic question using a word of harm), but they
    name no safeguarding topic, so the how-to route leaves them to the knowledge base."""
    from handlers.safeguarding import howto_question

    assert detect(text) is None
    assert howto_question(text) is None


# Disclosures near the false alarms.
NEAR_THE_FALSE_ALARMS: list[tuple[str, str]] = [
    ("a carer kicked a resident in the lounge", "physical abuse"),
    ("her son kicked her out of the house last night and she has nowhere to go", "physical abuse"),
    ("the resident was kicked by a carer at the hoist stage of the transfer", "physical abuse"),
    ("a carer has whistleblown that the manager hits residents at night", "physical abuse"),
    ("a carer whistleblew to us that residents are left in wet pads all night", "neglect"),
    ("a carer has whistleblown to CQC about us saying residents are not fed", "neglect"),
    ("a carer has whistleblown about mrs k's care", "abuse"),
    ("a client told me the carer takes money from her purse", "financial abuse"),
    ("the carer used mrs p's bank card", "financial abuse"),
    ("the carer checks her bank account without asking her and takes cash out",
     "financial abuse"),
    ("I think a resident is being deprived of her liberty by her family, they lock her in",
     "physical abuse"),
    ("our DoLS application for mr b was refused and he keeps being locked in", "physical abuse"),
    ("the resident says her son sold her house without asking her and kept the money",
     "financial abuse"),
    ("her nephew is selling her house and keeps the money, she doesnt understand what she signed",
     "financial abuse"),
    ("she is selling her house because her son is pressuring her to", "financial abuse"),
    ("mrs k is selling her house and her nephew is taking the proceeds", "financial abuse"),
    ("he sold his flat and his new girlfriend has the money now", "financial abuse"),
    ("they sold her house without telling her", "financial abuse"),
    ("her son says he is selling her house", "financial abuse"),
    ("a carer abused a resident and now our insurer wants the details for the claim", "abuse"),
    ("we made an insurance claim after a carer hit a client, is that enough", "physical abuse"),
    ("mr b's carer has not been emptying his catheter bag and he's in pain", "neglect"),
    ("her commode hasnt been emptied for three days and the room smells", "neglect"),
    ("the bins werent emptied and mrs k hasnt been washed for days", "neglect"),
    ("the night staff left a resident on the floor all night", "neglect"),
    # Session 26: staff abused by their work is not a concern, but a person named beside it is.
    ("staff are abused by the hours and Mrs B is left in bed", "abuse"),
    ("the staff abused her for hours", "abuse"),
    # The session's review: a person named before the words, or not the work abusing them.
    ("RV-2281 said we get abused by the staffing at night", "abuse"),
    ("Mr T and staff are abused by the long hours", "abuse"),
    ("our team are abused by the client demands", "abuse"),
    ("our workers are exploited by the gangmaster demands", "modern slavery"),
    ("Mrs K says we are bullied by the demands of the new manager", "psychological abuse"),
    # ... and the organisation's troubles with anyone cared for in them.
    ("a carer got hurt lifting Mrs B", "abuse"),
    ("the laptops were stolen from the office and her purse too", "financial abuse"),
    ("our van was broken into and his medication was stolen", "financial abuse"),
    ("residents feel neglected by the staff", "neglect"),
]


# -- The named false alarms, how-to questions, typing errors --------------------------------------

@pytest.mark.parametrize("text", [
    "the fee cut really hit us hard this year",
    "we are being abused by the council in this tender",
    "the council neglected our bid",
    "the uplift was a kick in the teeth",
    "cash flow is being strangled",
    "cash flow is being strangled by late payments",
    "the NI rise has hit providers hard",
    "we feel bullied by commissioners into accepting the rate",
    "the late payment is killing our cash flow, what can we do",
    # Session 10's calibration false alarms: a process that drags on, who authorises a DoLS.
    "CHC full assessment been dragging on for 10 weeks. I thought the national framework says "
    "28 days?",
    "for DoLS who is the supervisory body when the resident is funded by another council",
    # Session 26's trial: staff "abused" by their work, not by a person.
    "our rota is killing us, staff are abused by the hours",
    "staff are abused by the long hours and the workload",
    # Session 26's second trial: the organisation's own troubles.
    "our carers are exhausted and one got hurt lifting a wardrobe in the office, the rota is "
    "killing us",
    "our staff feel neglected by the council",
    "our office was broken into and the laptops stolen",
    # Session 37's trial: a charge, a bill or a process one is hit with, and the like.
    "got hit with a charge for late filing",
    "we got hit with a bill for the portal licence, who pays that?",
    "the council hit us with a levy on every invoice we submit",
    "we were whacked with a surcharge on the agency invoice",
    "the council slapped a fine on us for the late return",
    "we got hit for £3,000 in back pay after the tribunal",
    "small providers like us punch well above our weight",
    "a national provider beat us on price",
    "the rate review was kicked into touch again",
    "we took a beating from the council on price",
    # Session 38: a council, a commissioner or a fee cut hitting or striking a business, beside
    # the blows now read (below).
    "the council hit us with a fee cut",
    "the commissioner hit us with a 10% cut",
    "the council hit them with a bill",
    "the commissioner hit them with the new rates",
    "the commissioner hit them with a phone call about the fees",
    "the commissioner hit us with a double whammy of fee cuts",
    "the council hit them with a hand-delivered notice",
    "we were struck by the heavy hand of the council",
    "the council officer kicked them off the framework",
    "the commissioner pushed us to accept the rate",
    "the commissioner kicked us out of the tender",
    "the commissioner threatened us with legal action",
    "the council struck us off the framework",
    "we were struck by the fee cut",
    "we struck a deal with the council",
    "the commissioner struck them off the list",
    "it struck me as odd that the council cut fees",
    "what struck me was the tone of the commissioner",
    "the fee cut struck a blow to our staff morale",
    "the council hit them",
])
def test_figurative_and_commercial_uses_are_not_disclosures(text: str) -> None:
    assert detect(text) is None
    found = classify(text)
    assert found is None or found.label != "disclosure"


# Session 25's trial: an address holding a word of harm or safeguarding raised a concern.
@pytest.mark.parametrize("text", [
    "/placement new RC-0052 08/12/2026 safeguarding@northshire.example",
    "placement RC-0060 commissioner is safeguarding@northshire.example",
    "please send the tender pack to abuse.reports@council.example",
    "our policy is at https://provider.example/abuse-and-neglect-policy",
])
def test_an_address_is_not_a_concern(text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", [
    "Mr B is being hit by his carer, I have told safeguarding@northshire.example",
    "a resident told me a carer hit her, see www.council.example/report",
])
def test_a_disclosure_with_an_address_is_still_raised(text: str) -> None:
    assert detect(text) is not None


# Session 22's review: a workplace complaint about a council officer, in words only, is the
# provider's disagreement, not a concern about a person receiving care ...
@pytest.mark.parametrize("text", [
    "our staff were verbally abused by the commissioner",
    "my staff are being bullied by the council's contract officer",
    "the contracts officer bullied my deputy",
    "I was threatened by the council officer at the provider forum",
    "the commissioner was abusive to our manager in the meeting",
])
def test_words_against_the_providers_own_staff_by_a_council_officer_are_not_concerns(
        text: str) -> None:
    assert classify(text) is None


# ... but a blow, anyone cared for in the same sentence, or anyone else doing it still is.
@pytest.mark.parametrize("text", [
    "our staff were assaulted by the commissioner",
    "our carer was verbally abused by the commissioner while mrs k watched",
    "our staff were verbally abused by the commissioner and a resident was slapped",
    "a resident's son verbally abused our carer",
    "a carer verbally abused a resident",
    "the late payments mean we can't pay staff and a carer hit a resident",
    "the agency is exploiting the overseas carers, taking their passports",
    # The session's code review: near misses of the new asides.
    "we found her pushed out onto the floor",
    "we think he was pushed out into the garden in the cold",
    "we found Mr B pushed out in the corridor",
    "the council officer bullied our vulnerable people",
    "the commissioner threatened my elderly people",
])
def test_a_blow_or_someone_cared_for_beside_a_council_officer_is_still_a_concern(
        text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


# ... and a complaint about money or policy that names harm to a group, not a person, is
# asked about ("Is this about someone's safety?"), not raised (session 22's review) ...
@pytest.mark.parametrize("text", [
    "the new rate will hurt vulnerable people in the long run",
    "care workers are exploited across the sector by low pay",
    "our staff are being exploited by zero hours contracts in the sector",
    "the council's late payments are harming our residents' care",
    "cuts to the budget harm older people across the county",
    # Session 37's trial (raised as modern slavery).
    "carers in this county are exploited on zero hours contracts and low rates",
    "zero hours contracts exploit care workers, does the pledge ban them?",
    "the hourly rate is so low that our carers are being exploited",
])
def test_harm_to_a_group_from_money_or_policy_is_asked_about_not_raised(text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is not None


# ... while harm in the same shapes is still raised (session 37).
@pytest.mark.parametrize("text", [
    "she was hit with a fine tooth comb",
    "she was hit by bill last night",
    "he was hit with the bill spike",
    "we were hit with a cut to our rate and then the carer hit her",
    "he took a beating from the lads on the estate last night",
    "she has taken a beating, her face is swollen",
    "the new carers from the agency sleep at the office and are never paid",
    "our staff feel exploited on low pay and the agency keeps their passports",
    "zero hours contracts exploit care workers, they are forced to work 80 hours a week",
    "the agency staff are putting our service users at risk of harm",
    # Session 37's review: a person, a weapon, a join or a time between the blow and the
    # charge word is an assault, never the business hit with a charge.
    "my dad was slapped by a carer over the invoice",
    "mum was hit by the carer over the fees yesterday",
    "he was hit with a cane over unpaid fees",
    "resident slapped by carer over charges",
    "mum got hit by carer over fees",
    "he was hit by a carer for complaints",
    "he was whacked by staff due to delays",
    "he was hit by another resident after delays",
    "she was hit with a belt leaving cuts",
    "he was hit with a stick over unpaid rent",
    "dad was hit with a hammer over debts",
    "she was hit for 2 hours",
    "mum was hit with a bill by my brother",
    "a resident was hit by a carer over the fees",
    "client hit by carer during delays",
    "her son hit them with the bill",
    "the carer hit them for 5 minutes",
    "he was hit for 10 minutes by his son",
    "the resident was hit with a tray after complaints",
    "the carer at the agency hit them with the bill",
    "her son came in and then hit them with the bill",
    "she was hit for six hours",
    # Session 38: a blow with a thing or a part of a body, or by one of the council's people,
    # beside a council word ("the council officer hit them with a stick" was read as nothing);
    # a carer's hand striking, whatever it was "over".
    "the council officer hit them with a stick",
    "the commissioner hit them with a belt",
    "the council officer hit them with a clipboard",
    "the council officer pushed them with a stick",
    "the officer hit them over the head with a file",
    "the commissioner hit them",
    "the council officer hit me",
    "the commissioner smacked them",
    "the commissioner assaulted them",
    "the commissioner struck him",
    "struck by a carer's hand over fees",
    "she was struck with a stick by a council officer",
    "the carer struck him across the face",
    "the carer struck her twice",
    "the carer struck her face",
    "the resident struck me in the face",
    # ... and signs of slavery beside a complaint about pay.
    "our night carer is exploited on zero hours, she has been living in the owner's garage",
    "he is exploited on low pay, and has to pay back a recruitment debt",
    "our carers are exploited on low pay and have to sleep at the office",
    "he lives in the bosses van and works every day",
])
def test_harm_in_the_shapes_of_the_idioms_and_the_pay_complaints_is_raised(text: str) -> None:
    assert detect(text) is not None


# ... "struck" read as a blow only with what struck or a person struck (session 38): what
# struck the writer, and someone's own head struck (asked about, as before), are not raised.
@pytest.mark.parametrize("text", [
    "what struck me was how tired she looked",
    "what really struck me was the cost of the tender",
    "the thought struck me that we could bid jointly",
    "she was struck by how kind the staff were",
    "the tribunal struck out the claim",
    "she struck her head on the door frame",
])
def test_struck_in_its_other_senses_is_not_raised(text: str) -> None:
    assert detect(text) is None


# Session 39: blows by one of the council's people, or "struck" by a person, that were read as
# nothing or only asked about: a role, a given name or "me" struck, a part of the body the list
# lacked, a folder in a hand, pushed against a wall, struck by staff on a day, struck across the
# face by a carer.
@pytest.mark.parametrize("text", [
    "the commissioner slapped our manager across the face",
    "the contract officer shoved me against the wall",
    "the commissioner punched Doris in the stomach",
    "the commissioner punched Doris in the belly",
    "the commissioner punched Doris in the chest",
    "the commissioner punched Doris in the ribs",
    "the commissioner punched Doris in the back of the head",
    "the commissioner punched Doris in the groin",
    "the commissioner kicked our deputy in the back",
    "the council officer hit Margaret with a folder",
    "the council officer shoved our administrator to the floor",
    "she was struck by staff on tuesday",
    "he was struck across the face by a carer",
    # ... and the near misses of the masks written beside them
    "she was struck by staff on the night shift",
    "the commissioner hit our manager",
    "the commissioner kicked Doris in the teeth",
    "the commissioner punched Doris in the stomach twice",
    "the commissioner hit our manager in the face with the contract folder",
    "he was struck across the face by a carer's hand",
    "the commissioner struck our manager",
    "the commissioner struck our manager across the face",
    "the commissioner pushed me against the wall",
    "the council officer pushed Doris to the floor",
])
def test_a_council_persons_blow_or_someone_struck_by_a_person_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


# ... a head struck on a cupboard door is an accident: asked about, not raised ...
@pytest.mark.parametrize("text", [
    "our carer struck her head on the cupboard door",
])
def test_a_head_struck_on_a_thing_is_asked_about_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


# ... while the same words used figuratively, of the provider ("us") or of a list, a meeting, a
# deal or a deadline, are neither raised nor asked about.
@pytest.mark.parametrize("text", [
    "priya kicked us out of the meeting",
    "the chair kicked me out of the teams call",
    "priya hit us with it again",
    "the commissioner hit us with a big stick.",
    "the commissioner hit us",
    "the panel struck her off the approved list",
    "the fee cut really hit us hard",
    "they slapped a penalty on our contract",
    "the council shoved the deadline back",
    "we were struck off the framework",
    "they struck a deal with the council",
    "we punched above our weight in the tender",
    "they kicked the review into the long grass",
    "the commissioner hit us with a folder of new paperwork",
    "the commissioner hit our manager with a folder of new paperwork",
    "the commissioner slapped our manager on the wrist over the late return",
    "the commissioner slapped our manager on the back after the award",
    "the council pushed us to the wall on price",
    "the commissioner kicked us in the teeth with this uplift",
    "the commissioner hit us on the bottom line",
    "the commissioner hit us in the back pocket",
    "the commissioner pushed us to the back of the queue",
    "the commissioner beat our manager down on price",
    "the commissioner hit our manager with the news",
    "the commissioner kicked our manager off the framework",
    "the inspector was struck by the staff on tuesday, they were so welcoming",
    "the commissioner slapped us in the face with the uplift",
    "the commissioner punched us in the stomach with that decision",
    "the commissioner hit our manager in the face with the new rates",
    "the commissioner hit our director with the book",
    "an idea struck our manager",
    "it struck our manager as odd",
    "the news struck our manager hard",
    "the commissioner struck our manager off the list",
    "the commissioner struck our manager from the shortlist",
    "the commissioner pushed us against the wall on price",
    "the commissioner pushed me into the tender",
    "the commissioner pushed our manager into a corner",
])
def test_the_near_misses_of_session_39s_blows_are_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# Session 39's review: the widened blows raised ordinary commercial and figurative talk to the
# hub as URGENT. Read as nothing at the session's start, and so again ...
SESSION_39_FALSE_ALARMS = [
    # ... pushed against a wall or to the floor on price, over the rates or with a contract
    "commissioner pushed our manager against the wall over the block contract, we had to "
    "accept 2%",
    "we feel like the commissioner has pushed our manager against a wall with these rates",
    "the commissioner pushed me against the wall on the fee talks, metaphorically speaking",
    "hey, the commissioner shoved me against the wall with the new rate, i mean financially",
    "the commissioner pushed me into a brick wall with this contract",
    "the commissioner pushed our deputy to the floor of the council chamber to speak",
    # ... the staff or the residents who struck one of the provider's people as something
    "the staff struck our manager today as really dedicated",
    "the residents struck our manager yesterday as happy and settled",
    "the carers struck our director and the inspector as well organised",
    # ... struck by a person on a day or a shift, then what they made of them
    "the commissioner was struck by our carers this week, great feedback",
    "the visitors were struck by the staff at the weekend, brilliant",
    "our director was struck by the social worker on monday - very thorough",
    "our manager was struck by the commissioner on friday as quite rude",
    "our manager was struck by the commissioner this afternoon, a very fair person",
    "our team were struck by the social workers on the night shift, very supportive",
    # ... news or a ball striking one of them on a part of the body
    "the news struck our manager in the stomach",
    "the ball struck our manager in the face during the fun day",
    # ... kicked in the teeth
    "honestly the commissioner kicked me in the teeth today",
    # ... hit with a new file of work
    "the commissioner hit me with a new file and wants it back by friday",
    "the commissioner hit our manager with a huge file today, 200 pages of returns",
    "the commissioner hit our admin with a new file on monday",
    # ... a role (or a word that is not one) beaten or hit with nothing after it
    "the new rates from the commissioner hit our managers.",
    "the commissioner hit the cost drivers.",
    "we both applied for the role and the commissioner beat our deputy.",
    "the commissioner beat our director.",
]
# ... and asked about at the session's start, and so again.
SESSION_39_FALSE_ALARMS_ASKED = [
    "the commissioner pushed me against the wall on price",
    "the commissioner pushed our manager against the wall over the rates",
    "so the commissioner pushed me against the wall basically, sign or lose the contract",
    "the commissioner pushed our manager into a wall of red tape",
    "the commissioner pushed our manager to the floor on the rates",
    "the commissioner pushed me onto the stairs? no the contracts team pushed me onto the "
    "stairs rota",
    "our manager was struck by the commissioner last week, she seemed really out of her depth",
    # Session 43: read as nothing until the concern model was refit on the content's new sample
    # questions (0.426 -> 0.436 and 0.406 -> 0.457 against a check from 0.43); the same refit
    # raised one more held-out indirect disclosure (122 -> 123 of 150) and asked one fewer
    # ordinary message in two held-out sets (bench/README "Session 43: measured"). Asked, never
    # raised.
    "the manager struck him from the shortlist",
    "the commissioner kicked our manager in the teeth again",
]
# The blows the session set out to read, and their near neighbours, stay raised.
SESSION_39_BLOWS = [
    "the commissioner slapped our manager across the face",
    "the commissioner struck our manager across the face",
    "the contract officer shoved me against the wall",
    "the commissioner pushed me against the wall",
    "the commissioner pushed me against the wall.",
    "the commissioner pushed me against the wall in reception",
    "the commissioner pushed me against the wall in the office yesterday",
    "the commissioner pushed me against the wall and i hurt my back",
    "the council officer pushed me against the wall and said i'd regret it",
    "the commissioner shoved our deputy to the floor and walked off",
    "a nurse at the home pushed me against the wall",
    "the commissioner pushed our manager into the door frame",
    "the council officer pushed Doris to the floor",
    "the council officer shoved our administrator to the floor",
    "the officer pushed our deputy down the stairs",
    "the commissioner punched Doris in the stomach",
    "the commissioner punched our manager in the back",
    "the commissioner kicked Doris in the teeth",
    "the council officer hit Margaret with a folder",
    "the social worker hit Margaret with a folder when she wouldnt sign the form",
    "the commissioner hit doris with a book",
    "the commissioner hit our driver with a book",
    "the commissioner struck our manager with a folder",
    "the commissioner slapped our manager in the face with a folder",
    "the council officer hit them over the head with a file",
    "the council's social worker hit mrs t with her file during the assessment",
    "the social worker hit mrs t with her notebook",
    "the commissioner hit me in the back with his bag",
    "she was struck by staff on tuesday",
    "she was struck by staff on the night shift",
    "mrs k was struck by a carer on tuesday night, she was so upset",
    "she was struck by staff on the night shift, she's calm now but has a bruise",
    "she was struck by a carer on friday, not sure what kind of injury",
    "he was struck across the face by a carer",
    "she was struck across the face by the commissioner",
    "the commissioner struck our manager",
    "the council officer hit our deputy manager.",
    "the commissioner hit our manager",
    "the commissioner punched our manager",
    "the commissioner headbutted our manager.",
]


# ... and blows missed at the session's start and after it (its review's "still wrong in
# both"), with the figures beside them.
SESSION_39_STILL_MISSED = [
    "the commissioner struck Margaret",
    "the council officer struck doris across the face",
    "the council officer struck Doris on the arm",
    "the commissioner struck margaret with a folder",
    "Our deputy manager was struck across the face by the commissioner this morning",
    "our manager was struck in the face by the council officer",
    "omg the commissioner literally just shoved me against the wall in reception",
    "the council officer threw me against the wall",
    "the council officer threw our manager against the wall",
]
SESSION_39_STILL_MISSED_NEAR = [
    "the commissioner struck Margaret as very fair",
    "the commissioner struck margaret off the list",
    "the commissioner literally hit me with a new file",
    "the council officer threw me against the wall on price",
    "the commissioner threw our bid against the wall",
    "the commissioner threw me into the tender",
    "our manager was struck in the face by the council officer's remarks",
]


# The second review of main: a council person's plain blow to a person was raised only when the
# words after it were ones the rules knew; any others after it (a time, a place, an emoji, what
# they did next) and it was read as nothing.
SESSION_39_BLOWS_WITH_MORE_WORDS = [
    "the commissioner slapped priya today at the office",
    "the commissioner slapped our deputy at the office",
    "the commissioner punched our manager today at the office",
    "the commissioner hit our manager today at the office",
    "the commissioner kicked our manager today at the office",
    "the commissioner pushed our deputy against the wall \U0001f622",
    "the commissioner pushed our deputy against the wall lol what do we even do",
    "the commissioner pushed our manager against the wall at 3pm yesterday",
    "the commissioner pushed our manager against the wall and then walked out",
    "the commissioner shoved me against the wall after i queried the invoice",
    "the commissioner pushed our manager against the wall at the PQQ clarification session, "
    "re lot 3",
    "the commissioner threw our manager against the wall of the meeting room on tuesday morning",
    "the commissioner pushed our manager down the stairs after the meeting",
    "omg the commissioner pushed jan against the wall",
    "ur commissioner just slapd our deputy in the face",
    "the commissioner struck our deputy in the face with a bundle of invoices",
    "the commissioner grabbed Doris by the throat",
    "the commissioner grabbed our manager by the throat",
    "council officer threw our carer to the floor in the car park on friday",
    "the commissioner threw our carer to the floor",
    "the commissioner threw our deputy against the filing cabinet during the audit",
    "the commissioner slammed our manager against the wall",
    "the contracts officer struck our carer with a file",
    "the resident was thrown against the wall by the social worker during the review",
]
# ... and the figures beside them stay unraised.
SESSION_39_BLOWS_WITH_MORE_WORDS_NEAR = [
    "the commissioner hit our manager today at the office with the new rates",
    "the commissioner hit our manager at the meeting with a 2% offer",
    "the commissioner slapped our manager at the office with a penalty",
    "the commissioner kicked our manager off the framework today at the office",
    "the commissioner pushed our manager against the wall about the fees",
    "the commissioner pushed me against the wall re the tender",
    "the commissioner threw our manager against a wall of paperwork",
    "the commissioner struck our deputy in the face with a pile of new paperwork",
    "the commissioner slammed our manager's report against the wall",
    "the commissioner slammed our manager in the press",
    "the contracts officer struck our carer as very thorough",
    "the commissioner threw our deputy against the filing cabinet of old tenders",
    "the commissioner pushed our manager against the wall in the negotiations",
    "the commissioner pushed me against the wall in the fee talks",
    "the commissioner threw our residents to the floor with this decision",
]


@pytest.mark.parametrize("text", SESSION_39_BLOWS_WITH_MORE_WORDS)
def test_a_council_persons_blow_with_more_words_after_it_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", SESSION_39_BLOWS_WITH_MORE_WORDS_NEAR)
def test_the_figures_beside_a_council_persons_blow_with_more_words_are_not_raised(
        text: str) -> None:
    assert detect(text) is None


# ... and idioms raised before and after it.
SESSION_39_IDIOMS = [
    "the commissioner beat our manager to the punch",
    "the commissioner punched above her weight at the negotiation",
    "priya kicked the tyres on the new framework",
    "the home hit a rough patch over the summer with staffing",
    "the commissioner punched in the wrong reference for invoice CT-0901",
]
SESSION_39_IDIOMS_NEAR = [
    "the carer punched her above the eye",
    "the carer punched her in the stomach",
    "her son kicked her and then kicked the tyres",
    "he hit her with a rough patch of sandpaper",
]


@pytest.mark.parametrize("text", SESSION_39_IDIOMS)
def test_session_39s_idioms_are_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_39_IDIOMS_NEAR)
def test_the_blows_beside_session_39s_idioms_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_39_STILL_MISSED)
def test_session_39s_blows_missed_before_and_after_it_are_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", SESSION_39_STILL_MISSED_NEAR)
def test_the_figures_beside_session_39s_missed_blows_are_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_39_FALSE_ALARMS)
def test_session_39s_false_alarms_are_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", SESSION_39_FALSE_ALARMS_ASKED)
def test_session_39s_false_alarms_asked_at_its_start_are_asked_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", SESSION_39_BLOWS)
def test_session_39s_blows_stay_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


# ... and the blows beside them stay raised.
@pytest.mark.parametrize("text", [
    "the council officer hit them with a stick",
    "the commissioner hit them with a big stick",
    "the carer kicked her out of bed",
    "the carer hit her with it again",
])
def test_the_blows_beside_session_39s_near_misses_stay_raised(text: str) -> None:
    assert detect(text) is not None


# ... and the business or the staff's wellbeing at risk is neither raised nor asked about.
@pytest.mark.parametrize("text", [
    "the council has not paid our last three invoices and this is putting our cash flow at risk",
    "our manager is at risk of burnout",
    "several carers are at risk of leaving because of the mileage rate",
    "the business is at risk of closure if the uplift is not paid",
])
def test_the_business_or_the_staffs_wellbeing_at_risk_is_neither_raised_nor_asked(
        text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is None


HOWTO_QUESTIONS = [
    "what should I do if I suspect neglect",
    "how do I report a concern",
    "what counts as neglect",
    "do we notify CQC about abuse",
    "what is a section 42 enquiry",
    "is it abuse if a carer shouts at a resident",
    "what should staff do if a resident discloses abuse",
    "how do i reprot abuse",
    "wat counts as negelct",
]
# Disclosures, including questions about a real person.
ABOUT_A_REAL_PERSON = [
    "a resident told me a carer hit her",
    "I think Mr B is being financially abused by his son",
    "carer slappd mrs k",
    "she has bruises she cant explain",
    "what should I do, a carer hit a resident",
    "a carer hit a resident, what should I do?",
    "what do I do if she has bruises she can't explain",
    "I suspect neglect, what should I do",
    "I have a safeguarding concern about a client of ours",
]


@pytest.mark.parametrize(("text", "label"), [(text, "howto") for text in HOWTO_QUESTIONS]
                         + [(text, "disclosure") for text in ABOUT_A_REAL_PERSON])
def test_howto_questions_are_howto_and_about_a_real_person_disclosures(text: str,
                                                                       label: str) -> None:
    found = classify(text)
    assert found is not None
    assert (found.label, found.disclosure) == (label, label == "disclosure")
    assert detect(text) == (found if found.disclosure else None)


def test_a_match_says_what_and_why() -> None:
    found = detect("carer slappd mrs k")
    assert found == SafeguardingMatch(kind="physical abuse", evidence="slapped")
    assert found.disclosure
    assert classify("what counts as neglect") == SafeguardingMatch(
        kind="neglect", evidence="neglect", label="howto")
    assert classify("how long is the standstill period") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Carer slappd Mrs K's arm", "carer slapped mrs ks arm"),
    ("he'll hurt her, she won't say", "he will hurt her, she wont say"),
    ("bruses and brusing", "bruises and bruising"),
    ("finacially abusd", "financially abused"),
    ("we picked the kicker", "we picked the kicker"),  # English words are not typing errors
])
def test_normalise_mends_typing_errors_in_words_of_harm(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_the_longest_messages_are_read() -> None:
    # Their speed is measured in bench/safeguarding_cost.py (a timed assertion here failed on
    # this shared machine under load, session 30): here, what they are read as.
    text = " ".join(row["text"] for row in labelled_rows())[:4000]
    found = classify(text)
    assert found is not None
    assert found.disclosure
    assert classify(("the council hit us " * 300)[:4000]) is None


# -- Care funding: the means test's words are not harm -------------------------------------------

CARE_FUNDING_QUESTIONS: list[str] = [
    "mum's house will be tied up for care fees, can we avoid selling it?",
    "is the value of her home ignored for the first three months",
    "our private payer's money is almost gone, what happens now?",
    "resident's savings are nearly gone, will the council take over?",
    "her savings are running out, who pays then?",
    "what is the weekly allowance residents keep from their pension",
    "pocket money allowance for council funded residents",
    "can a resident use her own money for the top up",
]


# Money disclosures beside the funding questions.
MONEY_DISCLOSURES: list[tuple[str, str]] = [
    ("a resident was tied up by a carer", "physical abuse"),
    ("staff ignored her for hours and she was left in soiled sheets", "neglect"),
    ("her savings have gone missing since her nephew moved in", "financial abuse"),
    ("the carer pocketed her pocket money", "financial abuse"),
    ("the carer used her bank card", "financial abuse"),
    ("her savings are almost gone and she doesn't know where it went", "financial abuse"),
    ("mrs k's savings are nearly gone since the new carer started doing her shopping",
     "financial abuse"),
    ("her money is nearly gone, her carer has her pin", "financial abuse"),
]


# -- What the tables above check ----------------------------------------------------------------

@pytest.mark.parametrize("text", ORDINARY_QUESTIONS + CARE_FUNDING_QUESTIONS)
def test_ordinary_and_care_funding_questions_are_not_flagged(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", REVIEWS_AND_SLAVERY_PAPERWORK + STAGES_CHECKS_INSURANCE_AND_BINS)
def test_paperwork_stages_checks_insurance_and_bins_are_not_concerns(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(("text", "kind"),
                         MISSED_CARE_AND_SLAVERY + NEAR_THE_FALSE_ALARMS + MONEY_DISCLOSURES)
def test_disclosures_beside_questions_that_are_not_stay_disclosures_of_their_kind(
        text: str, kind: str) -> None:
    found = detect(text)
    assert found is not None
    assert (found.label, found.kind) == ("disclosure", kind)


@pytest.mark.parametrize(("text", "label"), [
    # Caring for pressure damage, asked: neither a case nor the safeguarding guidance.
    ("best way to treat a grade 2 pressure sore on the heel", None),
    ("best mattress for someone at high risk of pressure sores", None),
    ("how often should pressure sores be checked", None),
    # Who to tell is how safeguarding works; a sore nobody treated, or on a person, is a concern.
    ("who do we tell about a grade 4 pressure sore", "howto"),
    ("nobody has treated her grade 3 pressure sore", "disclosure"),
    ("pressure sore not dressed for a week", "disclosure"),
    ("she was dragged on the floor by a carer", "disclosure"),
    ("best way to deal with a carer who slapped a resident yesterday", "disclosure"),
])
def test_pressure_care_questions_and_the_concerns_beside_them(text: str,
                                                             label: str | None) -> None:
    found = classify(text)
    assert (found.label if found is not None else None) == label


# -- Session 18: word senses, and injuries told with their cause --------------------------------

@pytest.mark.parametrize("text", [
    # Written for these tests after a blind set's false alarms were read (the same senses).
    "can my dad keep a budgie in his room at the home",
    "could the carer help me post a parcel to my sister tomorrow",
    "the new blister packs from the chemist start on monday",
    "the district nurse is coming on thursday to dress the wound on his leg",
    "mum won't wear her new shoes, she says they hurt, podiatry booked",
    "the bed rails go up at night, the OT assessed it and dad agreed, reviewed monthly",
    "he likes to spend his own money on scratchcards, his support worker helps with a budget",
    "her watch went missing but the laundry found it, all sorted",
    "our cat scratched mum's hand, the nurse cleaned it",
    "great fun at the quiz night, lots of laughs at the answers",
    "could a volunteer push his wheelchair round the garden on sunday",
    "he has lost 3 stone and he is delighted, he is on a planned diet with the GP",
    "we stopped taking mum to the club because she said she finds it too noisy now",
    "carer couldn't get in at teatime because mr b was out visiting his brother",
    "she keeps her jewellery locked in the safe in the office, her own choice",
    "mum says the carers took her purse but we found it in her handbag",
    "his wife takes his pension, she is his DWP appointee and it pays the rent",
    "missed call yesterday because she was in hospital, the office knew",
    "the pressure sore from her hospital stay is healing well, she is turned every two hours",
    "the kitchen knives are kept locked away, the tenants agreed it at their meeting",
    "dad had a scam call yesterday but he hung up and told us straight away",
    "found him wandering the corridor at 3am, reassured him and he settled back to bed",
    "he refused his tablets at 8 but took them when we offered again at 9",
])
def test_word_senses_of_harm_words_are_neither_raised_nor_guidance(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [
    "bruise on her arm from the blood test yesterday, the nurse says it will fade",
    "Dad slipped in the bathroom, small cut on his hand, the nurse dressed it and we told his "
    "daughter",
    "grandad has a black eye from a fall at the shops, paramedics checked him over",
    "his legs are swollen and red, the GP came out and says it is cellulitis",
    "skin tears on his arms, very fragile skin, the nurse has dressed them",
    # The session-19 soft tier: a message whose only word of harm a soft mask sets aside, or
    # that only a soft rule reads, is asked about (the check tier), neither raised nor dropped.
    "dad's a bit confused today, GP tested his wee, its a UTI, on antibiotics and we're pushing"
    " fluids",
    "Pushing fluids is what the carer calls it. She pours squash into mum faster than she can"
    " swallow and laughs when it runs down her chin.",
    "The vending machine in reception never gives change, can we get it fixed?",
    "mum signed a new will last week with a solicitor the lodger found, everything goes to him."
    " she didnt know what she'd signed",
])
def test_asked_about_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", [
    "bruise on her arm, staff say it was the blood test but she says a carer grabbed her",
    "bruise on his face from a fall, nurse checked, but nobody saw him fall and it wasnt "
    "recorded",
    "black eye from a fall again, third this week, paramedics checked her",
    "unexplained bruises on her legs, the nurse has seen them",
    "the bruises are from the hoist, nurse aware, but she's frightened of the night staff",
    "black eye, her husband says she walked into a door, the nurse saw it",
    "bruises on both wrists from the hoist sling the carer says, nurse has seen them",
    # ... while what the older rules raise stays raised, a soft mask's step-back words keep a
    # concern told beside an innocent phrase raised, and the explained-injury tier doubts an
    # injury on the upper arms, a cause that cannot apply, a secret.
    "Bruises on both upper arms from the hoist sling, recorded on a body map.",
    "Bruising on her back from a seizure, GP informed; she isn't epileptic.",
    "I have a bruise on my arm from the door, I am fine, please don't tell my son.",
    "pushing fluids but the agency lad forces the beaker in and he splutters",
    "Two black eyes from his new glasses, the optician checked the fit.",
])
def test_raised_at_once_when_doubt_or_harm_is_told(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.label == "disclosure"


@pytest.mark.parametrize(("name", "sizes", "raised_at_least", "ordinary_raised_at_most",
                          "known_misses"), [
    # A helper read session 18's first two rounds and wrote 110 concerns brushing against their
    # masks and the explained-injury tier ("his money went missing, but we found it in the
    # support worker's coat pocket", "her cards are locked away in a cupboard by her daughter
    # who uses them") and 45 ordinary messages using the new rules' words ("we changed the
    # logged times because the app was set to the wrong timezone"). Against the change as first
    # written: 7 concerns neither raised nor asked, 38 ordinary raised (28 by the new rules).
    # Mended; the 10 ordinary messages still raised are older rules' (a person's pain, "stole
    # ... but they were in the fridge", a will a solicitor is asked to change).
    ("safeguarding_review_2.jsonl", (110, 45), 87, 10, []),
    # A second helper read the third round (a pressure sore healing, a scam call put down,
    # wandering settled, a lap belt in the care plan, things that "turn out" to be found, the
    # wider explained-injury tier) and wrote 92 concerns and 23 ordinary messages. Against the
    # round as first written: 7 concerns neither raised nor asked ("scam call, dad hung up but
    # he'd already transferred them 8000 yesterday", "the lap belt was agreed ... but they use
    # it at mealtimes"), 5 ordinary raised. Mended; 4 ordinary still raised (two by the model,
    # "bruises on both arms" read as doubt on purpose, a missing man found in the cafe).
    ("safeguarding_review_3.jsonl", (92, 23), 75, 4, []),
    # Session 19: a helper read the first version of the three rounds written from blind sets
    # 7-9 and wrote 124 concerns brushing against the new masks and the wider explained-injury
    # tier ("pushing fluids ... but the agency lad forces the beaker in", "finger-shaped bruises
    # on both upper arms from her apixaban", "she took £3,000 from her savings, her own
    # decision, and handed it to the man at the door") and 60 ordinary messages with the new
    # rules' words ("IT says the office laptop is missing patch 4.2"). Against that version: 11
    # concerns neither raised nor asked and 49 only asked (44 raised before the session), 58
    # ordinary raised (54 by the new rules). The session's start: 108 / 13 / 3, ordinary 4.
    ("safeguarding_review_4.jsonl", (124, 60), 108, 4, []),
    # A second helper read the narrowed version and wrote 120 concerns worded to miss the
    # masks' step-back words and to test the explained-injury tier (the site of an injury, a
    # cause that cannot apply, a long lie, secrecy) and 60 everyday messages with the new
    # rules' words ("the vending machine never gives change"): 19 raised, 85 asked, 16
    # neither; 55 ordinary raised. Hence the soft tier: the session's masks and rules now only
    # ask (a mask softens, never silences), and the explained-injury tier doubts those sites,
    # causes, lies and secrets. The session's start: 95 / 23 / 2, ordinary 3 raised; now 71 /
    # 49 / 0, ordinary 3 raised (all by older rules), 54 asked. (The start missed a plea to
    # get away "before my brother comes back": a soft rule asks about it now.)
    ("safeguarding_review_5.jsonl", (120, 60), 66, 4, []),
    # Session 46's brief and its variants: someone cared for hoarding medicines (was asked),
    # and what is kept raised beside the new set-asides; a tradesperson's no-show or unpaid
    # bill, one's boss, a shortage or recruitment alone, the home's own stock (none raised).
    ("safeguarding_review_6.jsonl", (23, 25), 23, 0, []),
])
def test_reviewers_probes(name: str, sizes: tuple[int, int], raised_at_least: int,
                          ordinary_raised_at_most: int, known_misses: list[str]) -> None:
    concerns, ordinary = concerns_and_ordinary(name)
    assert (len(concerns), len(ordinary)) == sizes
    assert [text for text in concerns
            if detect(text) is None and unsure(text) is None] == known_misses
    assert sum(detect(text) is not None for text in concerns) >= raised_at_least
    assert sum(detect(text) is not None for text in ordinary) <= ordinary_raised_at_most



@pytest.mark.parametrize(("text", "raised", "howto", "asked"), [
    # A code review of the soft tier (session 19) found these; each is what the chat does now.
    # A soft mask never silences, even beside a question: the guidance and the question both.
    ("How do we calm a resident who hits out at night? Night staff are pushing fluids on a "
     "resident through a syringe while asleep, gags and they carry on.", False, True, True),
    ("what counts as financial abuse. the boss keeps their wages", False, True, True),
    # ... nor changes how a word it does not hide is read (business beside it, a person named):
    ("the new policy will hurt, expect more neglected homes", False, False, False),
    ("hit his head on the car door, the taxi firm contract driver slapped the passenger",
     True, False, False),
    # ... and steps aside for anyone or any harm anywhere in the message, before or after it,
    # whatever the punctuation;
    ("Her carer spent all her savings on a new car, it was her own idea", True, False, False),
    ("Pushing fluids as he is dry! The agency lad forces the beaker in.", True, False, False),
    # a "did the training ..." question is still a question; a sport is a cause only after
    # "from", "after", "playing" or "at"; money nobody can account for only asks.
    ("Did the training cover restraint?", False, True, False),
    ("Bruises on her arm, her son was round for the rugby, district nurse noted",
     True, False, False),
    ("I can't account for the money I spent on the team lunch, I lost the receipt in the car.",
     False, False, True),
])
def test_the_soft_tier_after_its_code_review(text: str, raised: bool, howto: bool,
                                             asked: bool) -> None:
    found = classify(text)
    assert (detect(text) is not None) == raised
    assert (found is not None and not found.disclosure) == howto
    assert (unsure(text) is not None) == asked


def _verdicts(texts: list[str]) -> list[str]:
    return ["raised" if detect(text) is not None else "asked" if unsure(text) is not None
            else "howto" if classify(text) is not None else "none" for text in texts]


def test_the_soft_tier_never_raises_nor_drops(monkeypatch: pytest.MonkeyPatch) -> None:
    # The soft tier's promise, checked against the hard tier alone on session 19's sets and
    # reviewers' probes, and on messages made by joining one of them to another (a concern
    # told before or after an innocent phrase, across any punctuation). Measured on every
    # stored message and 5,000 such joins: none raised only with the soft tier, none dropped.
    import random

    from knowledge import safeguarding

    texts = [text for name in ("safeguarding_heldout_7.jsonl", "safeguarding_heldout_8.jsonl",
                               "safeguarding_heldout_9.jsonl", "safeguarding_heldout_10.jsonl",
                               "safeguarding_review_4.jsonl", "safeguarding_review_5.jsonl")
             for group in concerns_and_ordinary(name) for text in group]
    chance = random.Random(19)
    texts += [first.rstrip(".?!") + chance.choice([". ", ", ", "! ", "? ", " and "]) + second
              for first, second in (chance.sample(texts, 2) for _ in range(400))]
    soft = _verdicts(texts)
    # The hard tier alone is read again only where the soft tier can differ from it: a text
    # whose soft masks blanked something, or in whose masked words a soft-only rule finds a
    # match. For any other text both readings are the same by construction (the same masked
    # words, and ``_softened``'s soft-only reading finds no harm in either); reading them all
    # again took half of this test's 16 s (session 42: the same differences either way).
    def touched(text: str) -> bool:
        _, _, soft_words, hard_words = safeguarding._read(text)
        return soft_words != hard_words or any(
            pattern.search(soft_words) is not None
            for patterns in safeguarding._SOFT_ONLY.values() for pattern in patterns)

    again = [index for index, text in enumerate(texts) if touched(text)]
    for cached in (safeguarding._verdict, safeguarding._read, safeguarding._without_soft_masks):
        cached.cache_clear()
    monkeypatch.setattr(safeguarding, "_ASIDE_SOFT", ())
    monkeypatch.setattr(safeguarding, "_SOFT_ONLY", {})
    hard = list(soft)
    for index, verdict in zip(again, _verdicts([texts[index] for index in again]), strict=True):
        hard[index] = verdict
    for cached in (safeguarding._verdict, safeguarding._read, safeguarding._without_soft_masks):
        cached.cache_clear()
    assert sum(a != b for a, b in zip(soft, hard, strict=True)) > 100  # the tier does work
    assert [t for t, a, b in zip(texts, soft, hard, strict=True)
            if a == "raised" and b != "raised"] == []
    assert [t for t, a, b in zip(texts, soft, hard, strict=True)
            if b in ("raised", "asked") and a in ("none", "howto")] == []


# The session's second review: the masks for the organisation's own troubles silenced these.
@pytest.mark.parametrize("text", [
    "the night staff neglected Jack all weekend",
    "staff ignored the call bell in room 4 for two hours",
    "night staff neglected flat 3 all weekend",
    "Room 4's morphine tablets were stolen last night",
    "the key safe keys were stolen, anyone can get into flat 3",
    "Jack's TV was stolen by a carer",
    "one of the carers injured moving the bed while Jack was in it",
])
def test_the_organisations_troubles_mask_never_hides_someone_cared_for(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "took a hammering, nobody came yesterday",
    "the office was burgled, nobody came yesterday",
    "our team feel ignored, no carer came",
])
def test_a_message_the_masks_leave_few_words_of_is_asked_about_not_dropped(text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None  # raised, or at least asked


def test_staff_ignored_by_no_one_named_is_read_as_before() -> None:
    # The session's third review: "we were ignored" was blanked, and a missed visit to someone
    # whose name is not in the list went unread.
    assert detect("we were ignored, no carer came for Jack") is not None


# Session 28: a person's body held by someone's hands is physical abuse, whatever else the
# message says ("possible harm" and self-neglect before).
@pytest.mark.parametrize("text", [
    "a carer gripped her arm",
    "a carer gripped her arm and she refused to eat",
    "a carer gripped her arm when she would not get washed",
    "he grabbed her by the wrist",
    "staff pinned him down",
    "staff pinned his arms",
    "the carer gripped mum's arm really hard",
    "carer gripped mrs b by the shoulders",
    "he held her arm too tightly",
    "carer squeezed her hand really hard",
    "she was gripped by the arm",
    "the carer forced her arm into the sleeve",
    "nurse wrenched his arm",
    "her son grabbed her by the throat",
    "she was gripped by a carer",
    # The session's narrowing lost these (raised before it): anyone may be holding.
    "Her father gripped her wrist",
    "Her dad gripped her arm",
    "Mum gripped his arm and shouted",
    "Her stepson gripped her by the throat",
    "The driver gripped his arm",
    "The PA gripped his wrist",
    "Bill gripped her arm",
    "They gripped them by the arm",
    "The night carer on Tuesday gripped her wrist",
    "He gripped her arm while the nurse was on her break",
    "He seized her by the hair",
    "The carer gripped her hair",
    "A carer at the home gripped her arm",
    "He has been gripping her arm",
])
def test_a_person_held_by_someone_is_physical_abuse(text: str) -> None:
    found = classify(text)
    assert found is not None
    assert (found.label, found.kind) == ("disclosure", "physical abuse")


@pytest.mark.parametrize("text", [
    "he squeezed her hand and smiled",
    "the deadline forced his hand",
    "the story gripped us all",
    "she has a good grip on the rails now",
    # The session's review: ordinary care, her own body, or holding while a nurse works.
    "The carer pinned her hair up for the Christmas party, she loved it",
    "She wrenched her knee getting out of the bath, the GP has seen her",
    "He keeps jerking his legs at night, we have asked the GP to review",
    "She was gripping her hands together, anxious about the move",
    "he tugged his ear when distressed",
    "The carer held her hand hard while the nurse took blood",
])
def test_a_hand_held_in_comfort_or_a_figure_is_not_physical_abuse(text: str) -> None:
    found = classify(text)
    assert found is None or found.kind != "physical abuse"


def test_legs_forced_apart_is_raised() -> None:
    # Lost by the session's narrowing: a sign of sexual abuse, raised as whichever kind.
    assert detect("He forced her legs apart") is not None


# Session 29's review: a narrowed reading of "grabbed" and "twisted" (set aside unless a person or
# a listed part of the body followed) missed or only asked about these, which the rules had
# raised. Written by a reviewer before any was tried; each is raised.
_GRABBED_OR_TWISTED_BY_SOMEONE = [
    'the carer grabbed her this morning',
    'he grabbed her aggressively',
    'the new carer grabbed her forcibly',
    'staff grabbed her during personal care',
    'he grabbed her every time she tried to stand',
    'the carer grabbed my nan',
    'that agency worker grabbed my gran',
    'the manager grabbed the old fella',
    'a member of staff grabbed the young lad',
    'he grabbed my brother',
    'she keeps grabbing my sister',
    'carer grabbed her breast while washing her',
    'he grabbed her bottom',
    'the driver grabbed her waist',
    'he grabbed hold of my aunt',
    'he grabbed her repeatedly',
    "the carer twisted nan's arm",
    "the carer twisted gran's wrist",
    "he twisted grandad's hand",
    "staff twisted the old man's arm",
    "the nurse twisted the patient's arm",
    "the carer twisted the service user's wrist",
    'my son twisted my arm behind my back',
    'the carer twisted my arm so i would sign',
    'he twisted her body round',
    'he twisted her nose',
    'the carer twisted her skin',
    'she twisted his nipple',
    'two carers twisted her leg',
    'staff twisted his foot getting his shoe on and he screamed',
    "he twisted nan's leg",
    "the carer twisted my mum's knee",
    "they twisted sue's arm",
    'dad died in his chair and the carers had gone home',
    "he twisted his wife's arm behind her back",
    "the carer twisted auntie's arm",
    'he grabbed her angrily',
    'he died and the staff had been on their phones all night',
    'her son twisted her knee on the stairs',
    "the carer twisted Rose's wrist",
    "he twisted Dawn's arm behind her back",
    "the night carer twisted Kayleigh's fingers",
]


@pytest.mark.parametrize("text", _GRABBED_OR_TWISTED_BY_SOMEONE)
def test_a_grab_a_twist_or_a_neglected_death_of_the_review_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


# Session 29: a person's own sprain and a thing grabbed are set aside, narrowly (the brief's two
# false alarms, and phrasings written down before the change was tried).
@pytest.mark.parametrize("text", [
    "she twisted her ankle",
    "she grabbed her bag",
    "I twisted my knee at work",
    "he twisted his ankle on the stairs",
    "she grabbed a biscuit from the tin",
    "he grabbed a quick lunch before his appointment",
    "he twisted the lid off the jar",
    "she grabbed the remote and changed the channel",
    "they grabbed their coats and went home",
    # figures of speech (the last one is the blind probe's, found after it was measured)
    "we grabbed the opportunity to bid",
    "I grabbed a quick shower before my shift",
    "i'm twisting myself in knots over this tender question",
])
def test_an_own_sprain_or_a_thing_grabbed_is_no_concern(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [
    # what is set aside is narrow: someone else's ankle, a thing taken from someone, a purse
    "he twisted her ankle",
    "her father twisted mum's ankle",
    "he grabbed the bag from her",
    "he grabbed her purse",
    "she grabbed her arm",
    "she twisted her wrist",
    "he grabbed her bag and hit her",
    "the carer grabbed a chance to hit her",
])
def test_what_the_own_sprain_and_thing_masks_leave_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


@pytest.mark.parametrize("text", [
    "sadly one of our residents died last night",
    "Sadly Mrs B passed away peacefully this morning with her family by her side",
    "fyi RC-104 passed away in hospital on Monday",
])
def test_a_death_told_in_nothing_but_its_own_words_is_not_raised_by_the_model(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [
    "she died after a fall nobody reported",
    "nan passed away, she was covered in sores",
    "gran died, they didnt get an ambulance till the morning",
    "Ann-Marie passed, she had marks round her neck",
    "the police are investigating the carer",
])
def test_a_death_or_harm_with_a_sign_of_neglect_or_injury_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


# Session 30: a member of staff hurt by their own accident ("our cook burned her hand on the oven
# and went to a&e", "a staff member slipped on the wet floor and hurt her back") is asked about,
# not raised. Before the change, 65 concerns brushing against it were written ("the carer burned
# her with the kettle", "a staff member slipped while hoisting Mrs B and her leg was cut") and
# read: 61 raised, 4 only asked. Each of the 61 is raised still.
_CONCERNS_BESIDE_A_STAFF_ACCIDENT = [
    "the carer burned her with the kettle",
    "the cook slapped a resident and burned her hand",
    "a staff member slipped while hoisting Mrs B and her leg was cut",
    "the night carer hurt her arm moving her roughly",
    "the carer burned her hand on the kettle",
    "the cook burned RC-104's hand on the oven",
    "a staff member slipped and fell on Mrs K, who now has a bruised hip",
    "the chef scalded the resident with hot soup and laughed",
    "our cleaner slipped on the wet floor and pushed the resident over",
    "the handyman fell against Mr D and he fractured his wrist",
    "a carer scalded her in the bath, the water was far too hot",
    "the domestic burned the resident's arm with the iron",
    "a staff member slipped while transferring RC-221 and she hit her head on the bed",
    "our carer tripped while supporting him on the stairs and he fell down them",
    "the driver cut his hand and then hit the client",
    "the cook cut her finger and then screamed at the residents and threw a plate at one",
    "the carer strained her back hoisting Mrs B alone and dropped her",
    "the night carer hurt her wrist restraining him",
    "one of our staff burned him with a cigarette",
    "a staff member burned her hand on his tea because she forced it into his mouth",
    "the housekeeper slipped and said Mrs T pushed her, but Mrs T has bruises on both arms",
    "our carer burned her hand on the kettle and then left RC-104 alone all night",
    "the chef burnt his hand and went to a&e, so nobody gave the residents lunch or their "
    "medication",
    "the cleaner fell on the stairs and the tenant was left on the floor for hours",
    "the cook scalded her with the tea she was trying to make her drink",
    "a colleague slipped while moving her and she was dragged across the floor",
    "the employee tripped and dropped the resident in the bath",
    "the carer hurt her back and since then nobody has helped mum get out of bed",
    "the maintenance man burned his hand, he was drunk and shouting at the residents",
    "our cleaner cut her hand on a knife the resident keeps under his pillow",
    "the gardener sprained his wrist when he grabbed the client by the arm",
    "the staff member slipped on urine that had been left on the floor of Mrs B's room for "
    "two days",
    "the carer burnt her hand making tea and blamed the resident and slapped her",
    "our receptionist tripped over RC-310 who had been left in the corridor all night",
    "the driver strained his back lifting him into the van roughly",
    "a staff member cut her head when the resident attacked her",
    "the cook burned her hand on the oven and then hit the resident with the tray",
    "a carer hurt her own back and then took it out on the residents, pinching them",
    "the night carer said she slipped, but the client has a black eye and finger marks",
    "the handyman fell off the ladder onto RC-118 and she was bleeding",
    "our colleague scalded Mr J in the shower because she didn't check the temperature",
    "the chef burnt his hand and the kitchen was shut so the residents had no food all day",
    "one of our staff slipped while she was hoisting the resident and the sling tore her skin",
    "an employee tripped while pushing the wheelchair and the client fell out and cut her head",
    "the cleaner burnt her hand on the radiator in Mrs B's room, Mrs B has burns on her legs "
    "from it",
    "a staff member slipped on the stairs and dropped the medication, so RC-207 missed her "
    "insulin",
    "the carer twisted his ankle when he kicked the resident's door in",
    "the cook burned her hand, then put the resident's hand on the hot plate to show her",
    "our night carer slipped on her way to work so nobody came to mum and she was left in "
    "bed all day",
    "one of our staff hurt her back moving him because she was rough with him",
    "our driver sprained his wrist when he shoved the client into the seat",
    "a staff member burned her hand on the kettle and poured the rest over the resident",
    "the cleaner slipped in RC-142's room and blamed him, then she locked him in",
    "the carer strained her shoulder pulling him up the bed by his arms",
    "a colleague cut her finger on his dentures when she forced them into his mouth",
    "the nurse hurt her wrist holding her down for the injection she refused",
    "our cook burned her hand on the oven and the resident in room 4 was burned too",
    "the support worker scalded her hand running his bath, the water was too hot and he screamed",
    "the cleaner tripped and fell and she said a resident pushed her, he keeps hitting staff",
    "our cook burned her hand on the oven while the resident was shouting that she would kill her",
    "a staff member slipped on the wet floor and hurt her back, the same floor Mrs B fell on "
    "last week with nobody checking her",
]
# ... and, while the mask was narrowed, 60 more written against its edges (a cut wrist, a
# cigarette, a fire, "would rather die", someone named after the accident, a carer's "own" in
# another clause): the 56 raised before the change are raised still.
_CONCERNS_AGAINST_THE_MASKS_EDGES = [
    "our cook burned her hand on the oven, she was shaking and crying and said she's scared "
    "of the manager",
    "the cook burned her hand on the oven. she says the carer held it there",
    "the cleaner slipped on the wet floor. nobody had put the sign out and RC-12 fell there too",
    "our cook burned her hand on the oven after the night carer pushed her",
    "the chef cut his finger on a knife and then went for the resident with it",
    "a staff member slipped on the wet floor and hurt her back, she says it was not wet when "
    "she left",
    "our cook burned her hand on the oven on purpose, she has been self harming",
    "the housekeeper burnt her arm on the iron, its the third time, I think she is doing it "
    "to herself",
    "the gardener fell off the ladder and is unconscious",
    "our cook burned her hand on the oven and collapsed",
    "the cleaner cut her wrists with a knife in the staff toilet",
    "the cook burned her arm with a cigarette",
    "the cleaner cut her arm with a razor",
    "the domestic burnt her hand on purpose with the lighter",
    "a staff member slipped on the wet floor and hurt her back and is scared to come back",
    "one of our staff tripped over a hoist and hurt her back",
    "the cook burned her hand on the oven lifting her out of the bath",
    "our cleaner slipped and hurt her back, she was on the floor for two hours before anyone came",
    "our domestic fell down the stairs and hurt her back. she says he pushed her",
    "our domestic fell down the stairs and hurt her back. she says she was pushed",
    "the chef burnt his hand on the grill, his wife did it",
    "our receptionist slipped on ice in the car park and hurt her knee, then a man grabbed "
    "her bag",
    "a staff member had a needle-stick injury from a needle in a client's bed",
    "our night carer slipped on her way to work and hurt her wrist, so the double-up call "
    "was done by one",
    "the handyman fell off a ladder while fixing the window lock in room 12",
    "the cook burned her hand on the oven, and the kitchen door was open so anyone could "
    "wander in",
    "our cook burned her hand on the oven and is drunk again",
    "the cook scalded her hand with the kettle while making tea for the lady in room 3",
    "the chef cut his finger on a knife, he keeps knives in his locker and threatens staff",
    "a colleague slipped on the wet floor and hurt her back, I think the deputy did it on purpose",
    "our cleaner slipped and hurt her knee, she said the tenant had poured oil on the floor",
    "the cook burned her hand on the oven because the new manager makes her work 16 hour "
    "shifts with no break",
    "the driver tripped and hurt his knee. he was carrying her shopping in",
    "one of our staff burned her hand, the bath water was scalding and we use it for residents",
    "our cook burned her hand on the oven and went to a&e, the carers had to cook and there "
    "was no one on the floor",
    "a colleague tripped on the stairs and twisted his ankle when she slapped him",
    "the handyman fell off a ladder and broke his arm, he was drunk, and shouted at the residents",
    "the carer hurt her own back because she had to lift him alone",
    "the carer slipped on her way to work, so nobody got RC-5 up",
    "our nurse burned her own hand giving the resident hot tea",
    "the support worker scalded her hand on her way to work making him a coffee",
    "our cook slipped on the wet floor and hurt her back, the floor had been wet since the "
    "pad leaked",
    "the cleaner slipped on the wet floor and hurt her back, the carers had left urine on "
    "the floor",
    "the chef burnt his hand on the grill, the fire alarm did not go off and the kitchen "
    "filled with smoke",
    "our cook burned her hand on the oven, the manager refused to let her go to a&e",
    "the housekeeper slipped on the wet floor and hurt her back, she thinks someone put oil "
    "there deliberately",
    "the cleaner burned her hand on the oven, she was shaking and said she is frightened to "
    "go home",
    "a staff member slipped and hurt her back, she is being bullied by the deputy",
    "our cook burned her hand on the oven, she told me her partner did it",
    "the driver cut his hand on the van door, he smelled of alcohol and drove the residents home",
    "one of our staff tripped and hurt her ankle, there was blood everywhere and no first "
    "aider on shift",
    "the gardener cut his hand on the hedge trimmer, he says he wants to end it all",
    "our cook burned her hand on the oven and said she would rather die than come back",
    "the cleaner slipped and hurt her back, the agency that sends her keeps her passport",
    "our domestic fell down the stairs and hurt her back, she lives in the staff flat and is "
    "not allowed out",
    "a colleague scalded her hand on the urn, she has bruises on her arms too and won't say how",
]


@pytest.mark.parametrize("text", _CONCERNS_BESIDE_A_STAFF_ACCIDENT
                         + _CONCERNS_AGAINST_THE_MASKS_EDGES)
def test_a_concern_brushing_against_the_staff_accident_mask_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.disclosure


# The eight of those sets only asked about before the change (an injury explained and seen to,
# or the model unsure) are asked about still, never dropped (found, not this change's to mend:
# "the carer fell on her ... and nobody called a doctor" should be raised).
@pytest.mark.parametrize("text", [
    "the nurse cut her finger with the scissors while dressing her",
    "the cleaner tripped over RC-104 on the floor, she had been lying there all night",
    "the receptionist slipped on the ice and the resident she was helping broke her hip",
    "the carer fell on her and she has a fractured hip and nobody called a doctor",
    "the cleaner tripped over a walking frame left in the corridor",
    "the driver strained his back, the wheelchair tipped over",
    "our cleaner tripped over a mop bucket and sprained her wrist, the bucket was full of bleach"
    " she had mixed into the drinks",
    "the carer cut her own arm at work",
])
def test_what_was_only_asked_about_beside_a_staff_accident_is_still_asked(text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


_STAFF_ACCIDENTS = [
    "our cook burned her hand on the oven and went to a&e",
    "a staff member slipped on the wet floor and hurt her back",
    "the chef cut his finger on a knife while chopping onions",
    "one of our staff scalded her hand with the kettle",
    "our receptionist slipped on ice in the car park and hurt her knee",
    "a colleague tripped on the stairs and twisted his ankle",
    "an employee had a needle-stick injury from a used needle",
    "the housekeeper burnt her arm on the iron",
    "our domestic fell down the stairs and hurt her back",
    "the maintenance man burned his hand on the boiler pipe",
    "a carer hurt her own back at the gym",
    "our night carer slipped on her way to work and hurt her wrist",
    "the cook scalded her arm with boiling water from the pan",
    "our chef burnt his hand on the grill, first aid given",
    "our cook burned her hand on the oven, we sent her home",
    "the chef burnt his hand on the grill and went to a&e, he is ok",
    "one of our cleaners slipped on the wet floor and hurt her back",
    "yesterday our handyman fell off the ladder and hurt his wrist",
    "the kitchen assistant scalded her hand with boiling water",
    "the new cook burnt her fingers on a hot tray",
    "our driver slipped on the ice and hurt his back",
    "the domestic tripped over the hoover cable and hurt her knee",
    "a colleague slipped on the wet floor in the kitchen and bruised her hip",
    "our night carer hurt her own back at the gym",
    "our chef burned his arm on the fryer",
    "the cleaner slipped on the wet floor and hurt her back, the floor sign was out",
    "the cook burned her hand on the oven. she went to a&e and is fine",
]


@pytest.mark.parametrize("text", _STAFF_ACCIDENTS)
def test_a_member_of_staffs_own_accident_is_asked_about_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


def test_the_staff_accident_mask_never_drops_a_concern_joined_to_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each concern above joined to a staff accident, before or after it, across a stop, a
    # comma or "and": read as it is read without the session's mask (measured on all 9,760
    # joins of the first set: one moved, a carer's "own" told in another clause, mended).
    import random

    from knowledge import safeguarding

    chance = random.Random(30)
    concerns = _CONCERNS_BESIDE_A_STAFF_ACCIDENT + _CONCERNS_AGAINST_THE_MASKS_EDGES
    texts = []
    for _ in range(300):
        concern, accident = chance.choice(concerns), chance.choice(_STAFF_ACCIDENTS)
        joint = chance.choice([". ", ", ", " and "])
        texts.append(accident + joint + concern if chance.random() < 0.5
                     else concern + joint + accident)
    caches = (safeguarding._verdict, safeguarding._read, safeguarding._without_soft_masks)
    with_mask = _verdicts(texts)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(safeguarding, "_ASIDE_SOFT", tuple(
        aside for aside in safeguarding._ASIDE_SOFT if not aside[3]))
    monkeypatch.setattr(safeguarding, "_STAFF_ACCIDENTS", frozenset())
    without = _verdicts(texts)
    for cached in caches:
        cached.cache_clear()
    assert [t for t, a, b in zip(texts, with_mask, without, strict=True) if a != b] == []


# -- Session 30: the kind told to the hub; staff abused by a relative, outages, worries ----------

# 80 concerns written before the change, brushing against it (money taken told with fear, staff
# abused and a resident at risk, outages with harm, worries that are concerns, ignored call
# bells, nobody calling a doctor): none may be raised less than before. 77 were raised and
# are still; "she had a fall and nobody called an ambulance ..." (nothing before) and "the
# carer fell on her ... nobody called a doctor" (asked before) are raised now; the one other
# asked before is asked still.
OWN_CONCERNS_RAISED = [
    "her son has been taking money from her purse and she is scared of him",
    "the nephew keeps using mrs d's bank card and she is too frightened to tell anyone",
    "RC-221's daughter took £400 out of his account and he was shaking when he told me",
    "mr p says his grandson steals his pension every week and he is afraid to say no",
    "the lodger has her pin and she cries when we ask about her money",
    "my neighbour's carer has been taking cash from her and she seems terrified of her",
    "the resident's son made him sign over his house and he is frightened of what happens next",
    "she told me her boyfriend takes all her benefits and she is scared to leave him",
    "the daughter in RC-140 withdrew his savings without asking him and he is very upset and "
    "tearful",
    "a carer has been borrowing money from mrs t and mrs t is afraid she will stop coming",
    "his son controls all his money and he is never allowed to see his bank statements",
    "mum is scared because her brother keeps taking her pension money",
    "the support worker took £50 from his wallet and he has been crying since",
    "RC-330 says her nephew stole her jewellery and she is scared to report it",
    "her husband is spending all her savings and she is frightened of him",
    "mrs b is frightened, the new lodger has taken her cash card and emptied her account",
    "he seems scared of his son, who has his bank card and pin",
    "the client's money has gone missing since the new carer started and she is afraid to say",
    "she is terrified her daughter will take more money out of her account",
    "his pension goes into his nephew's account and he is scared of the nephew",
    "our staff are being verbally abused by a resident's son and he shouts at his mum too",
    "our carers are abused on the phone by a client's daughter and we think she hits her mother",
    "a visitor swore at our staff and then pushed the resident in RC-118",
    "a resident's husband has been threatening our staff and he grabbed her arm",
    "our staff are being harassed by a resident's son, and the resident is terrified of him",
    "the son of RC-402 is verbally abusive to our carers and he takes her money",
    "a relative bullied our staff and slapped his dad in the lounge",
    "our staff were sworn at by a resident's daughter who also told her mum she was a burden",
    "a resident's son shouted at our receptionist and then dragged his mother out of the lounge",
    "our staff are being intimidated by a client's partner and the client has bruises on her arms",
    "a visitor threatened our nurses and then kicked a resident",
    "our care workers have been abused by mr k's son, and mr k says his son hits him",
    "our team are being verbally abused by a resident's nephew who keeps taking her money",
    "staff were shouted at by the client's husband, he then locked her in her room",
    "our staff are abused by a relative every visit and she has gone very quiet and withdrawn",
    "the hoist broke in the power cut and she was left on the floor all night",
    "during the power cut nobody checked on RC-210 and he was found cold and confused",
    "the cyber attack meant nobody could see the meds chart and mrs l missed her insulin for "
    "two days",
    "our systems went down and the night staff left residents in wet beds until morning",
    "after the IT outage the carers missed her visit and she was on the floor when found",
    "the power cut meant no heating and she was freezing when we arrived",
    "we were hit by a cyber attack and in the chaos a carer slapped a resident",
    "the phones were down so nobody answered her call alarm and she lay on the floor for hours",
    "the electricity went off and his oxygen concentrator stopped, nobody noticed for hours",
    "during the IT outage he was given a double dose of his medication",
    "the computer system crashed and a resident went missing from the home overnight",
    "ransomware locked our rota and two clients had no carer for three days",
    "the power cut knocked out the call bells and a resident fell and broke her hip",
    "with the outage nobody could find her care plan and she was left without food all day",
    "I am worried about RC-106, she has bruises on her arm",
    "I'm really concerned about Mrs B, her son is shouting at her every day",
    "worried about mr j, he has not been fed since yesterday",
    "I am concerned about how RC-215 is being treated by the night staff, they are rough with him",
    "not happy with how RC-106 is being looked after, she has been left in a wet bed",
    "I am a bit worried about RC-300, she seems frightened of her carer",
    "we are concerned about RC-118 as his money keeps going missing",
    "I'm worried about my mum, the carer keeps pushing her",
    "concerned about the lady in room 4, nobody has been in to see her all day",
    "worried about RC-410, he has lost a lot of weight and looks neglected",
    "I am worried about mrs c, her nephew has taken her bank card",
    "concerned for RC-220's safety, her husband hit her last night",
    "I'm worried about the client in RC-330, he says staff lock him in his room",
    "worried about RC-500, she has a pressure sore that nobody has treated",
    "I am concerned about mr d, he told me he wants to end his life",
    "the staff ignored her call bell all night and she wet herself",
    "staff ignored his buzzer and he was found on the floor in the morning",
    "they ignored her when she asked for the toilet and left her in soiled pads",
    "the carer fell on her and she has a fractured hip and nobody called a doctor",
    "she had a fall and nobody called an ambulance, she lay there for hours",
    "the carer gave her a needle-stick injury on purpose",
    "the nurse stabbed her with a needle-stick and laughed",
    "he has a broken wrist and nobody called the gp, the carer says he fell",
    "mum's call bell was ignored and she fell trying to get to the toilet",
    "the night staff ignored his calls for help and he was in pain all night",
    "she says the carers ignore her and she is hungry and thirsty",
    "nobody called a doctor when her leg went black and swollen",
    "her family say staff ignored her call bell and she fell and broke her arm",
    "the resident in RC-300 died after staff ignored her call bell",
    "he has bruises on his face and nobody called a doctor, the carer says he walked into a door",
]
OWN_CONCERNS_ASKED = [
    "after the cyber attack staff did not give her medication for three days",
]


@pytest.mark.parametrize("text", OWN_CONCERNS_RAISED)
def test_a_concern_brushing_against_session_30s_changes_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", OWN_CONCERNS_ASKED)
def test_a_concern_asked_about_before_session_30s_changes_is_asked_still(text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


# ... and of them, those told to the hub as psychological abuse before: the money taken or the
# care missed is the kind, not the fear or the "ignored" beside it.
@pytest.mark.parametrize(("text", "kind"), [
    ("her son has been taking money from her purse and she is scared of him",
     'financial abuse'),
    ("the nephew keeps using mrs d's bank card and she is too frightened to tell anyone",
     'financial abuse'),
    ("RC-221's daughter took £400 out of his account and he was shaking when he told me",
     'financial abuse'),
    ("mr p says his grandson steals his pension every week and he is afraid to say no",
     'financial abuse'),
    ("the lodger has her pin and she cries when we ask about her money",
     'financial abuse'),
    ("my neighbour's carer has been taking cash from her and she seems terrified of her",
     'financial abuse'),
    ("the resident's son made him sign over his house and he is frightened of what happens next",
     'financial abuse'),
    ("she told me her boyfriend takes all her benefits and she is scared to leave him",
     'financial abuse'),
    ("a carer has been borrowing money from mrs t and mrs t is afraid she will stop coming",
     'financial abuse'),
    ("mum is scared because her brother keeps taking her pension money",
     'financial abuse'),
    ("the support worker took £50 from his wallet and he has been crying since",
     'financial abuse'),
    ("RC-330 says her nephew stole her jewellery and she is scared to report it",
     'financial abuse'),
    ("her husband is spending all her savings and she is frightened of him",
     'financial abuse'),
    ("mrs b is frightened, the new lodger has taken her cash card and emptied her account",
     'financial abuse'),
    ("the client's money has gone missing since the new carer started and she is afraid to say",
     'financial abuse'),
    ("she is terrified her daughter will take more money out of her account",
     'financial abuse'),
    ("his pension goes into his nephew's account and he is scared of the nephew",
     'financial abuse'),
    ("the staff ignored her call bell all night and she wet herself",
     'neglect'),
    ("staff ignored his buzzer and he was found on the floor in the morning",
     'neglect'),
    ("they ignored her when she asked for the toilet and left her in soiled pads",
     'neglect'),
    ("mum's call bell was ignored and she fell trying to get to the toilet",
     'neglect'),
    ("the night staff ignored his calls for help and he was in pain all night",
     'neglect'),
    ("her family say staff ignored her call bell and she fell and broke her arm",
     'neglect'),
    ("the resident in RC-300 died after staff ignored her call bell",
     'neglect'),
])
def test_the_kind_is_the_harm_done_not_the_fear_beside_it(text: str, kind: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == kind


def test_a_fear_word_alone_is_still_psychological_abuse() -> None:
    # Nothing else in it names a kind: the sign's kind, not "abuse" from "not safe".
    found = detect("mrs b is terrified of her son and does not feel safe at home")
    assert found is not None
    assert found.kind == "psychological abuse"


# Session 30's review: concerns the session's masks only asked about (or that nothing caught,
# before the session too): each is raised.
REVIEWED_CONCERNS = [
    "Our staff were verbally abused by a resident's daughter, who is the one who has lasting "
    "power of attorney and has stopped paying for anything.",
    "Our staff were verbally abused by a visitor who is not supposed to be here under the court "
    "order.",
    "We've been hit by a cyber attack and can't access care records, so we don't know who has "
    "allergies and the kitchen is guessing.",
    "Our cleaner slipped on urine on the lounge floor that had been there since the night before.",
    "One of our staff tripped over in the dark because the night lights have been off for weeks, "
    "and the hall has no lighting at night.",
    "A staff member hurt her back on the broken stair lift, which has been broken since June so "
    "upstairs is cut off.",
    "A staff member had a needle-stick injury from a used needle found in the laundry.",
    "Cyber attack: we cannot access the MAR charts so we have stopped giving medication until "
    "it's back.",
    "The systems are down and we can't see who needs insulin.",
]


@pytest.mark.parametrize("text", REVIEWED_CONCERNS)
def test_a_concern_the_reviews_found_only_asked_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "we stopped giving mum her meds as the GP advised",
    "our staff are being verbally abused on the phone by a resident's son",
])
def test_medication_stopped_on_advice_and_staff_abused_alone_are_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 31: care missed in an outage; an outage that harmed nobody ---------------------------

# Written before the change (the brief's three and ten of our own): 5 of 13 were raised before,
# 6 only asked, 2 nothing ("system" and "power cut" read as business beside the harm).
CARE_MISSED_IN_AN_OUTAGE = [
    "After the system crash no medication was given at RC-106",
    "the eMAR system went down and the lunchtime meds were not given",
    "due to the power cut nobody got their insulin",
    "the IT outage meant the morning medication round was missed",
    "our rostering app crashed and three clients had no calls this morning",
    "after the cyber attack we could not see the MAR charts so nobody had their evening tablets",
    "the power went off and the hoist would not work so Mrs K was left in bed all day",
    "system down since 6am, the teatime meds round never happened",
    "the eMAR was offline overnight and RC-104 missed her parkinsons meds",
    "the electricity failed and residents went without hot food or drinks all day",
    "the server crash meant medication was not given to anyone on the first floor",
    "because the phones were down no one knew about the missed visits and Mr T had no care for "
    "two days",
    "when the system crashed the night staff could not see who needed insulin so it was not given",
    "after the cyber attack staff did not give her medication for three days",
]
# ... and with nobody harmed: 7 of 12 were neither raised nor asked about before, 5 asked.
OUTAGES_THAT_HARMED_NOBODY = [
    "a power cut but the generator kicked in and everyone was fine",
    "the system was down for an hour, no impact on care",
    "the eMAR system crashed but we switched to paper MAR charts and all meds were given on time",
    "our IT was down this morning, all visits went ahead as planned",
    "power cut last night, the generator started and nobody was affected",
    "the rota app crashed, we phoned the carers instead and every call was covered",
    "the system crash delayed our invoices by a week",
    "the server went down during the tender upload and we missed the deadline",
    "a power cut at the office meant payroll was late",
    "the internet has been down since 9am, please can the council resend the contract by post",
    "the eMAR went offline for 20 minutes, no medication was missed",
    "after the crash the system is back up and running",
]


@pytest.mark.parametrize("text", CARE_MISSED_IN_AN_OUTAGE)
def test_care_missed_in_an_outage_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", OUTAGES_THAT_HARMED_NOBODY)
def test_an_outage_that_harmed_nobody_is_neither_raised_nor_asked_about(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# -- Session 31: a relative abusive to the staff about the business -------------------------------

# Written before the change: all 11 were raised (one is nothing still, "swore at" being no word
# of harm; told with no business matter, "The daughter was verbally abusive to staff" is raised
# still, as session 22's "a resident's son verbally abused our carer" is).
ABUSIVE_TO_STAFF_ABOUT_THE_BUSINESS = [
    "The daughter was verbally abusive to staff about the invoice",
    "a resident's son was verbally abusive to our receptionist about the fees",
    "Mrs B's daughter was abusive to our manager on the phone about the top up",
    "a relative was rude and abusive to staff about the bill",
    "the family member shouted at our office staff about the late invoice",
    "a visitor was verbally abusive to the carers about the parking",
    "RC-106's son has been abusive towards staff about the fee increase",
    "the daughter verbally abused the manager over the invoice",
    "her nephew was very abusive to reception staff about the bill",
    "staff verbally abused by a relative",
]
# ... and harm beside it, or the words said to someone cared for: 14, all raised before and now.
ABUSIVE_TO_SOMEONE_CARED_FOR_OR_WITH_HARM = [
    "The daughter was verbally abusive to her mum about the invoice",
    "the son is verbally abusive to his father and takes his money",
    "the daughter was verbally abusive to staff and then slapped her mother",
    "a carer was verbally abusive to a resident",
    "the son shouts at his mum every visit",
    "the daughter was abusive to staff and says she will stop paying unless her mum signs over "
    "the house",
    "a member of staff was verbally abusive to RC-106",
    "the daughter is verbally abusive to Mr B about money and he seems scared",
    "the son was abusive to the staff and we are worried he is abusive to his mother at home",
    "the son was verbally abusive to staff about the invoice and then pushed his dad",
    "our night carer was verbally abusive to the residents about the noise",
    "a resident's son was verbally abusive to our receptionist and said he would hit his mother",
    "the daughter was verbally abusive to staff about the invoice and has not paid her mum's "
    "care fees for months",
    "a visitor was verbally abusive to staff and then shouted at a resident",
]


@pytest.mark.parametrize("text", ABUSIVE_TO_STAFF_ABOUT_THE_BUSINESS)
def test_a_relative_abusive_to_staff_about_the_business_is_asked_about(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", ABUSIVE_TO_SOMEONE_CARED_FOR_OR_WITH_HARM)
def test_abuse_of_someone_cared_for_or_harm_beside_it_is_raised(text: str) -> None:
    assert detect(text) is not None


# -- Session 31: fear and someone else holding the money is financial abuse ----------------------

# Written before the change: 4 of 11 were told as financial abuse, 7 as psychological.
@pytest.mark.parametrize("text", [
    "he seems scared of his son, who has his bank card",
    "she is frightened of her nephew who keeps her pension book",
    "Mrs B is afraid of her daughter, who controls her bank account",
    "he is terrified of the lodger who has his PIN number",
    "she seems scared of her son who has her debit card and her cash",
    "RC-106 seems frightened of his grandson who manages all his money",
    "she cries when her son comes, he has her bank card",
    "she's scared of her daughter; the daughter has access to all her savings",
    "he seems scared of his son, who has his card and PIN",
    "she is scared of the carer who does her shopping with her bank card",
    "he is afraid of his nephew who holds his bank card and never gives him his money",
])
def test_fear_and_someone_else_holding_the_money_is_financial_abuse(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "financial abuse"


# ... and fear with nothing of money, or a person and their own, stays psychological (all 13
# were before and are now).
@pytest.mark.parametrize("text", [
    "he seems scared of his son",
    "she is frightened of her nephew who shouts at her",
    "Mrs B is afraid of her daughter, who won't let her see friends",
    "she is scared of the night carer",
    "he is terrified of the lodger who threatens him",
    "she seems frightened of her son who has a bad temper",
    "he is scared of his son who has his phone and reads his messages",
    "he seems scared of his son, who has his car keys",
    "she is afraid of her son, who has a key to her flat",
    "he seems scared of his son, who has his own bank card problems",
    "she is scared of her son, she keeps her bank card in her purse",
    "she is scared of the carer who uses her phone",
    "he is frightened of the new carer who has his keys",
])
def test_fear_with_no_money_held_by_another_stays_psychological_abuse(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "psychological abuse"


# -- Session 31: the writer's own accident --------------------------------------------------------

# Written before the change: 8 of 14 were raised, 2 asked, 4 nothing (those 4 are nothing still:
# no word of harm in them, or session 29's own-sprain mask).
WRITERS_OWN_ACCIDENTS = [
    "I slipped on the wet floor at work and hurt my wrist",
    "I cut my finger on a tin in the kitchen",
    "I burned my hand on the oven this morning",
    "I tripped over a box in the office and twisted my ankle",
    "I fell down the stairs at work and bruised my knee",
    "I scalded my arm with the kettle making tea",
    "I have a needlestick injury from a sharps bin",
    "just to let you know I slipped in the kitchen and cut my hand",
    "I slipped on a wet floor in the kitchen and bruised my hip",
    "I burnt my arm on the oven at work",
]
# ... and what the writer found, saw or suffered from someone, or their accident beside someone
# cared for or a home neglected: 19, all raised (one only asked before: the broken step).
WRITERS_CONCERNS = [
    "I found a resident on the floor",
    "I saw a carer slap a resident",
    "I slipped while hoisting Mrs B and she hit her head",
    "I cut my finger on a knife a resident was hiding in his room",
    "I burned my hand on the radiator in RC-104's room, it is far too hot for her",
    "I was punched by a resident's son",
    "I fell over Mrs K who was lying on the floor in the dark",
    "I slipped on urine in the corridor that had been there since last night",
    "I found bruises on her arm",
    "I hurt my wrist when the carer pushed me",
    "I saw the night carer drag him along the corridor and he cut his arm",
    "I fell in my flat and hurt my hip and nobody came",
    "I slipped and hurt my back, the resident I was helping fell too",
    "I cut my hand on broken glass that had been left in the lounge for days",
    "I burned my hand on the hot water tap in the bathroom, the residents use it too and it is "
    "scalding",
    "I twisted my ankle on the broken step that has never been fixed",
    "she twisted her ankle on the broken step that has never been fixed",
    "I was bitten by a resident and my arm is bruised",
    "I bruised my arm when Mr T grabbed me",
]


@pytest.mark.parametrize("text", WRITERS_OWN_ACCIDENTS)
def test_the_writers_own_accident_is_asked_about_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", WRITERS_CONCERNS)
def test_what_the_writer_found_or_saw_is_raised(text: str) -> None:
    assert detect(text) is not None


# -- Session 31 (fixc): a person "that kicked in her door", and the machines that kick in ---------

# The review: the figure for "the generator kicked in" also blanked "that kicked in" and "this
# <any word> kicked in", so the first four were only asked about, the last nothing at all.
A_PERSON_THAT_KICKED_IN_A_DOOR = [
    "the lodger that kicked in her bedroom door is still living with her",
    "her grandson, the one that kicked in her door, has moved back in with her",
    "the tenant upstairs that kicked in Mr F's door is still in the building",
    "I think it kicked in her ribs when the hoist swung",
    "this carer kicked in his bedroom door when he would not open it",
    "the backup carer kicked in his door because he was slow to answer",
]
# ... while a machine, a supply or a medicine kicking in stays no harm (nor is raised).
A_MACHINE_OR_A_MEDICINE_KICKED_IN = [
    "power cut last night, the generator kicked in and everyone was fine",
    "the backup generator finally kicked in after ten minutes",
    "once the painkillers kicked in she settled",
    "the uplift kicked in from april",
    "the generator kicked in the moment the power went",
    "the heating system kicked in at six",
]


@pytest.mark.parametrize("text", A_PERSON_THAT_KICKED_IN_A_DOOR)
def test_a_person_that_kicked_in_a_door_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", A_MACHINE_OR_A_MEDICINE_KICKED_IN)
def test_a_machine_or_a_medicine_kicking_in_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 31 (fixc): care not given for a reason no one is to blame for ------------------------

# The review: each was raised as urgent neglect by this session's new rules for care missed.
CARE_NOT_GIVEN_FOR_A_REASON = [
    "Mr C missed his chiropody visit as he was in hospital, can we rebook?",
    "missed her hairdresser visit",
    "missed his church visit",
    "RC-101 had no care calls this week because she is in hospital",
    "Mrs D had no care on Sunday because her family took her out for the day",
    "clients had no calls on the new helpline today",
    "her evening meds were skipped as she was nil by mouth for surgery",
    "the morning meds round was skipped today because the night nurse gave them early",
    "we did not give her the medication at 8 as she was asleep, it was given at 9 instead",
    "the pharmacy did not give them their tablets in blister packs this month",
    "the teatime meds round was skipped as the residents were out on a trip with their families",
    "system down, we could not see who needed insulin for ten minutes, the nurse checked the "
    "paper records and all insulin was given on time",
]
# ... while care missed with no such reason, or with harm after it, is raised as before.
CARE_MISSED_STILL_RAISED = [
    "after the system crash no medication was given at RC-106",
    "due to the power cut nobody got their insulin",
    "staff did not give her medication yesterday evening and she had a seizure",
    "the IT outage meant the morning medication round was missed",
    "her evening meds were skipped as she was asleep and she had a fit in the night",
    "RC-108 had no care calls for three days and was found on the floor",
    "Mrs D had no care on Sunday because the agency forgot her",
    "she missed her insulin visit and was found confused",
    "the carers missed his tea visit and he went without food",
    "we did not give her the medication at 8 as she was asleep and nobody gave it later",
]


@pytest.mark.parametrize("text", CARE_NOT_GIVEN_FOR_A_REASON)
def test_care_not_given_for_a_reason_is_at_most_asked_about(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", CARE_MISSED_STILL_RAISED)
def test_care_missed_without_a_reason_or_with_harm_after_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


# -- Session 31 (fixc): care missed in an outage and out of one, missed by the rules -------------

# The review: the first four were nothing at all, the rest only asked about.
MEDICINES_NOT_GIVEN_MISSED_BEFORE = [
    "after the system crash no one gave RC-103 her antibiotics",
    "after the system crash RC-103 was given no medication",
    "no one gave RC-101 her parkinsons medication on time for a week",
    "power outage meant the fridge failed and insulin was spoiled, he had none for a day",
    "the system went down so nobody gave out the evening medication at RC-106",
    "our electronic records went down and she missed two doses of her epilepsy medication",
    "due to the power cut her oxygen concentrator stopped and she was struggling to breathe",
    "the care planning app went offline and staff missed his PEG feed",
    "the system went down so the carers never gave out the lunchtime medication",
    "during the outage she was given no pain relief all night",
    "the night staff skipped her bedtime medication three nights running",
]
# ... while the same words about paperwork, training or equipment seen to are no concern.
MEDICINE_WORDS_THAT_ARE_NO_CONCERN = [
    "nobody gave us the medication list",
    "staff were given no medication training by the council",
    "the nurse handed out the medication round times",
    "the oxygen supplier changed and the concentrator stopped beeping",
    "the air mattress deflated, we switched to a spare straight away and she was fine",
    "we have never missed a dose since we started",
]


@pytest.mark.parametrize("text", MEDICINES_NOT_GIVEN_MISSED_BEFORE)
def test_medicines_or_feeds_not_given_are_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


@pytest.mark.parametrize("text", MEDICINE_WORDS_THAT_ARE_NO_CONCERN)
def test_medicine_paperwork_and_equipment_seen_to_are_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 31 (fixc): a risk beside the writer's own accident; an outage got round ------------

# The review: both were nothing at all (the writer's own injury is set aside by a hard mask).
A_RISK_BESIDE_THE_WRITERS_OWN_ACCIDENT = [
    "I hurt my back at work, I was made to hoist Mr B on my own",
    "I twisted my knee on the ripped carpet in RC-104's room, she could easily fall on it too",
    "I strained my back, the manager made me transfer Mrs L without a second carer",
    "I slipped on the leak in Mr G's bathroom, he could slip too",
]
# ... and each was asked "Is this about someone's safety?", with nobody harmed.
AN_OUTAGE_GOT_ROUND_WITH_NOBODY_HARMED = [
    "the generator kicked in within seconds, no impact on residents",
    "power cut for two hours, everyone was warm and safe",
    "the network has been down since 9am",
    "our phones were down for the morning, no calls were missed",
]


@pytest.mark.parametrize("text", A_RISK_BESIDE_THE_WRITERS_OWN_ACCIDENT)
def test_a_risk_to_someone_cared_for_beside_the_writers_accident_is_at_least_asked_about(
        text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


@pytest.mark.parametrize("text", AN_OUTAGE_GOT_ROUND_WITH_NOBODY_HARMED)
def test_an_outage_got_round_with_nobody_harmed_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# -- Session 32: a medicines round nobody was due -------------------------------------------------

# The brief's false alarm (raised as urgent neglect) and phrasings written before the change: a
# round not held because nobody was due anything, so nobody went without.
A_ROUND_NOBODY_WAS_DUE = [
    "the teatime meds round was skipped because nobody was due any medicines",
    "the lunchtime medication round was skipped as no one was due any meds",
    "the evening meds round was cancelled because nobody needed any medication",
    "the teatime round was skipped because no medicines were due",
    "we skipped the lunchtime meds round as there were no meds due",
    "the bedtime medication round was not done because none of the residents were due anything",
    "the morning meds round was cancelled since no residents were due any tablets",
    "the teatime meds round was skipped today because nobody was due any medicines at that time",
    "the 2pm medication round was skipped as nobody was due medication",
    "the night meds round was cancelled because no one needed their meds",
]
# ... and its near neighbours, each raised as before: someone left without, no reason, a doubt
# or harm beside it.
A_ROUND_MISSED = [
    "the meds round was skipped and Mrs K at RC-104 missed her insulin",
    "the teatime meds round was skipped because nobody was due any medicines but Mrs K missed "
    "her insulin",
    "the teatime meds round was skipped because staff were short",
    "the lunchtime round was cancelled and nobody got their meds",
    "the teatime meds round was skipped, nobody was due any medicines they said, but RC-104 had "
    "a hypo",
    "the evening meds round was skipped because nobody was due any medicines and she collapsed",
    "the morning meds round was missed",
    "nobody was due any medicines so the round was skipped, and RC-105 was left without her "
    "insulin",
    "the night meds round was cancelled because nobody was due any, she was left in pain all "
    "night",
    "the teatime round was skipped because no medicines were due, again RC-106 had no insulin",
]


# ... and what else is told beside a round nobody was due is read as a message of its own: the
# session's review, each nothing at all (the model not asked) before it was.
SOMETHING_ELSE_BESIDE_A_ROUND_NOBODY_WAS_DUE = [
    "the teatime round was skipped because nobody was due any medicines, Mrs K has had nothing "
    "to drink since yesterday",
    "the teatime round was skipped because nobody was due any medicines, she has not eaten since "
    "yesterday",
    "the evening meds round was cancelled because nobody needed any medication, RC-106 has been "
    "crying in her room all evening",
    "the lunchtime round was cancelled as residents were out on a trip and took their meds with "
    "them, but Mr D was left behind on his own",
]


@pytest.mark.parametrize("text", SOMETHING_ELSE_BESIDE_A_ROUND_NOBODY_WAS_DUE)
def test_what_else_is_told_beside_a_round_nobody_was_due_is_at_least_asked_about(
        text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


@pytest.mark.parametrize("text", A_ROUND_NOBODY_WAS_DUE)
def test_a_round_nobody_was_due_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", A_ROUND_MISSED)
def test_a_round_missed_with_someone_left_without_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None


def test_a_round_cancelled_while_everyone_was_away_is_asked_about_as_care_not_due() -> None:
    # Raised before: "was cancelled" read as a doubt about itself. Away for the day, as session
    # 31's "no care calls this week because she is in hospital": asked.
    text = "the lunchtime round was cancelled as residents were out on a trip"
    assert detect(text) is None
    assert unsure(text) is not None


# -- Session 32: medicines taken along, or taken as they should be --------------------------------

# The brief's false alarm ("took their meds" read as an overdose, urgent) and phrasings written
# before the change: medicines taken with them, or taken as prescribed.
MEDICINES_TAKEN_ALONG_OR_AS_USUAL = [
    "the lunchtime round was cancelled as residents were out on a trip and took their meds with "
    "them",
    "the lunchtime meds round was cancelled because the residents were out for the day and took "
    "their medication with them",
    "the teatime round was skipped as everyone was at the seaside and took their meds with them",
    "the lunchtime round was cancelled as residents were on a trip, they took their tablets with "
    "them",
    "she took her tablets with her to her daughter's for the weekend",
    "Mrs B took her tablets with breakfast as usual",
    "he took his meds with him on holiday",
    "RC-104 took her medication this morning without any fuss",
    "he has taken his tablets today",
    "the residents took their medication with them on the trip",
    "he took his tablets at 8 as usual and will have the second dose at 6",
    "she took her tablets, I'll give the next dose at lunchtime",
]
# ... and its near neighbours, each raised: too many taken, harm beside it, nobody took them.
MEDICINES_TAKEN_TOO_MANY_OR_NOT_AT_ALL = [
    "she took all her tablets at once",
    "he has taken all of his pills",
    "she took a lot of tablets last night",
    "she swallowed all her pills",
    "she took her tablets and now she won't wake up",
    "he took the whole box of his tablets",
    "she took her tablets, the whole packet, and is very drowsy",
    "he took too many tablets and was taken to hospital",
    "he took his tablets on purpose to end it",
    "the lunchtime round was cancelled as residents were out on a trip and nobody took their "
    "meds with them",
    # Twice (this session's recall check: no longer raised after the change above).
    "RC-301 took her tablets twice today",
    "RC-336 took her tablets x2 this morning",
    "RC-340 took her tablets, then took them again an hour later",
    "RC-341 took her tablets early and then took the next dose as well",
    "RC-342 took her tablets as usual then had a second lot from the pharmacy bag",
    "she took her meds twice, the night staff had already given them",
    "took her tablets at 8 and again at 10",
]


@pytest.mark.parametrize("text", MEDICINES_TAKEN_ALONG_OR_AS_USUAL)
def test_medicines_taken_along_or_as_usual_are_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", [MEDICINES_TAKEN_ALONG_OR_AS_USUAL[0],
                                  MEDICINES_TAKEN_ALONG_OR_AS_USUAL[2]])
def test_a_round_whose_medicines_went_along_is_neither_raised_nor_asked(text: str) -> None:
    # (What is left beside the round and its reasons is read as a message of its own: "the
    # day and", "they", left of the two others, are read 0.58 and 0.65, asked about.)
    assert unsure(text) is None


@pytest.mark.parametrize("text", MEDICINES_TAKEN_TOO_MANY_OR_NOT_AT_ALL)
def test_medicines_taken_too_many_or_not_at_all_are_raised(text: str) -> None:
    assert detect(text) is not None


# -- Session 32: a review of medicines or care missed, not the medicines or the care --------------

# The brief's false alarm (urgent neglect) and phrasings written before the change: asked about
# at most.
A_REVIEW_MISSED = [
    "staff missed her medication review",
    "we missed his medication review last month",
    "the GP missed her medication review",
    "RC-104 missed his medication review",
    "the home missed Mrs K's medication review",
    "staff missed her meds review with the pharmacist",
    "we missed her care review because of the snow",
    "staff missed his care plan review",
    "the team missed her medication review meeting",
    "we missed medication reviews for two residents",
    "she missed her medication review appointment",
]
# ... and its near neighbours, each raised as before.
MEDICINES_OR_CARE_MISSED = [
    "staff missed her medication",
    "staff missed her medication and she had a seizure",
    "we missed her medication yesterday evening",
    "carers missed his meds again",
    "the agency missed her care call",
    "staff missed her evening medication, review meeting tomorrow",
    "staff missed her medication review and she has missed three doses of insulin since",
    "RC-104 missed his medication. Review of the MAR shows it happened twice",
    "staff missed her care calls all weekend",
    "we missed visits to RC-106 yesterday",
]


@pytest.mark.parametrize("text", A_REVIEW_MISSED)
def test_a_review_missed_is_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", MEDICINES_OR_CARE_MISSED)
def test_medicines_or_care_missed_are_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


# -- Session 32: the writer's own accident in any words -------------------------------------------

# The brief: asked about since session 31 when a rule read a word of harm in it, nothing when
# none did. Written before the change (2 of 12 were asked, by the model).
WRITERS_OWN_ACCIDENTS_IN_OTHER_WORDS = [
    "I sprained my wrist on the ice",
    "I twisted my ankle on the stairs",
    "I broke my arm on the ice",
    "I hurt my back lifting a box",
    "I twisted my knee at work",
    "sprained my wrist on the ice",
    "my wrist is sprained from slipping on the ice",
    "I cut my finger chopping onions at work",
    "I broke my wrist falling on the ice",
    "I've hurt my shoulder at work",
    "I strained my back this morning",
    "I slipped on the ice and hurt my wrist",
]
# ... and its near neighbours: raised as before (someone did it, someone cared for was hurt, a
# home neglected) ...
WRITERS_ACCIDENTS_RAISED = [
    "I hurt my wrist when the carer pushed me",
    "I slipped while hoisting Mrs B and she hit her head",
    "I was bitten by a resident and my arm is bruised",
    "I twisted my ankle on the broken step that has never been fixed",
    "I burned my hand on the radiator in RC-104's room, it is far too hot for her",
]
# ... or neither raised nor asked: someone else's sprain, a question, a figure of speech.
NO_ACCIDENT_OF_THE_WRITERS = [
    "she twisted her ankle",
    "what should I do if I hurt my back at work?",
    "if I hurt my back at work am I covered by our insurance",
    "I broke my glasses",
    "I burned my fingers on that tender last year",
    "I've hurt my chances with that bid",
]


@pytest.mark.parametrize("text", WRITERS_OWN_ACCIDENTS_IN_OTHER_WORDS)
def test_the_writers_own_accident_in_any_words_is_asked_about(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", WRITERS_ACCIDENTS_RAISED)
def test_the_writers_accident_with_someone_to_blame_or_at_risk_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", NO_ACCIDENT_OF_THE_WRITERS)
def test_no_accident_of_the_writers_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# -- Session 32: a danger the writer met where someone cared for lives ----------------------------

# The brief's miss (nothing at all) and phrasings written before the change (3 of 10 were asked,
# by the model): asked about, never raised on these words alone.
A_DANGER_THE_WRITER_MET_BESIDE_SOMEONE = [
    "I twisted my ankle on the loose stair rod at RC-111, he uses those stairs every day",
    "I tripped on the frayed rug in RC-104's lounge, she walks across it with her frame",
    "I slipped on the wet ramp outside RC-107's flat, he goes out that way every morning",
    "I caught my foot in the lifted lino by Mrs K's bed",
    "I bumped my head on the broken cupboard door in RC-112's kitchen",
    "I burned my hand on the uncovered radiator in RC-110's bedroom, he sleeps right next to it",
    "I sprained my ankle on the ice outside RC-104",
    "I hurt my knee on the loose paving outside RC-105's front door, she uses that path daily",
    "I twisted my ankle in the pothole by the entrance, residents walk that way",
    "I tripped over the trailing lead in Mr D's hallway, he could easily go over on it",
]
# ... while a slip with no hurt and no one else is neither.
A_SLIP_AND_NOTHING_MORE = [
    "I slipped on the ice this morning",
    "I tripped over my words in the meeting",
]


@pytest.mark.parametrize("text", A_DANGER_THE_WRITER_MET_BESIDE_SOMEONE)
def test_a_danger_the_writer_met_beside_someone_cared_for_is_at_least_asked_about(
        text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


@pytest.mark.parametrize("text", A_SLIP_AND_NOTHING_MORE)
def test_a_slip_with_no_hurt_and_nobody_else_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("sentence", ["I slipped on the ice. ", "I hurt my back on the tender. "])
def test_a_long_message_of_the_writer_s_own_accidents_raises_nothing(sentence: str) -> None:
    # Its time (each accident once re-read the whole message: 54 s for the first at 99,000
    # characters) is measured in bench/safeguarding_cost.py --accidents, as a ratio to a shorter
    # message's; here only what the writer sees, at a tenth of that length.
    text = sentence * (9_900 // len(sentence))
    assert detect(text) is None
    assert (unsure(text) is None) == (unsure(sentence) is None)  # asked as the one sentence is


# The session's review: an opener asking for help or attention run straight into words that
# tell of someone was read as a question about them, and nothing was raised.
@pytest.mark.parametrize("text", [
    "can you help someone is being hurt",
    "are you there someone is being hurt",
    "hi can you help a resident has been assaulted",
    "can you help my mum is being hit by her carer",
    "help me RC-104 has a bruise on her face and won't say why",
])
def test_a_concern_after_a_call_for_help_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "can you help me understand safeguarding thresholds",
    "can you help our staff with safeguarding training",
    "can you help us with the tender",
    "hi can you help my manager is asking about the uplift",
    "can you help the resident in RC-101 is asking for a review",
    "are you there",
])
def test_a_call_for_help_with_no_harm_told_raises_nothing(text: str) -> None:
    assert detect(text) is None


# -- Session 32's recall check: medicines errors told in other words ------------------------------

# Written blind, each got nothing (no case, no question) before: the wrong strength or dose, many
# times the dose, someone else's medicine, patches on together, over the maximum.
MEDICINES_ERRORS = [
    "RC-126 got 10 times the dose of morphine liquid, wrong syringe used",
    "RC-126 got 10 times the dose of morphine liquid",
    "RC-144 was given the wrong strength of insulin, blood sugar now 2.1",
    "staff gave RC-104 the wrong strength of warfarin tablets",
    "the wrong insulin was given to RC-150 this morning",
    "he was given twice his usual dose of oxycodone",
    "the nurse drew up ten times the prescribed amount of insulin for RC-110",
    "she was given 50mg instead of 5mg of her morphine",
    "RC-138 drank the methadone meant for RC-139",
    "RC-140 was given RC-141's tablets by the agency nurse",
    "Mrs K was given someone else's medication at lunch",
    "he took the tablets prescribed for the man in room 4",
    "RC-149 had two fentanyl patches on at once, the old one wasnt removed",
    "she had three pain patches on at the same time",
    "the old fentanyl patch hadn't been removed when the new one went on",
    "a new patch was put on without removing the old one",
    "RC-127 was given paracetamol 4 times plus co-codamol, way over the max",
    "she's had 6 co-codamol and 4 paracetamol, that's over the max",
    "RC-120 has had more than the maximum dose of paracetamol today",
    # (the recall check's probes)
    "RC-305 took her husband's tablets",
    "RC-344 took some of her husband's tablets by mistake",
    "RC-308 was given her morning meds twice",
    "he was given his insulin twice last night",
    "RC-343 took extra tablets",
    "missed the medication for RC-320 this morning",
]
# ... and their near neighbours, none raised: a doctor's change, an error caught in time, a
# question, a maximum of something else.
MEDICINES_NEAR_ERRORS = [
    "the morphine dose was increased by the GP",
    "the GP has doubled the dose of her morphine",
    "the GP gave her twice the dose to see if it helps",
    "the GP prescribed twice the dose of vitamin D",
    "the GP said she can have more than the max dose for now",
    "what is the maximum dose of paracetamol in 24 hours?",
    "is it ok to go over the max dose of paracetamol?",
    "we never go over the maximum dose",
    "the fridge was over the max temperature this morning",
    "the pharmacy sent the wrong strength but we spotted it before it was given",
    "the pharmacy delivered the wrong strength of her patches, we sent them back",
    "we ordered the wrong syringe sizes for the clinic room",
    "the tablets prescribed for RC-139 arrived today",
    "RC-139's tablets were taken back to the pharmacy",
    "she had the flu jab and two covid boosters at the same time",
    "we have to give 10 times more paperwork to the council",
    "she is given her tablets twice a day",
    "he has his inhaler twice daily",
    "the GP said she can have extra paracetamol if needed",
    "she had extra pain relief as prescribed",
    "we missed the medication review for RC-320",
    "she took her husband's tablets to the pharmacy to be disposed of",
]


@pytest.mark.parametrize("text", MEDICINES_ERRORS)
def test_a_medicines_error_in_other_words_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", MEDICINES_NEAR_ERRORS)
def test_a_medicines_change_or_an_error_caught_in_time_is_not_raised(text: str) -> None:
    assert detect(text) is None


def test_too_many_painkillers_taken_is_immediate_danger() -> None:
    found = detect("RC-133 took too many of his painkillers overnight, we called 111")
    assert found is not None
    assert found.kind == "immediate danger"


# Medicines not given, told in other words (the recall check: each got nothing, or was only
# asked about, before) ...
MEDICINES_NOT_GIVEN = [
    "RC-118's evening doses weren't given, the carer left early",
    "tabs not given RC-141 tea time",
    "RC-119s meds werent given yesterday at all",
    "his lunchtime meds haven't been given",
    "night staff forgot RC-107s 10pm meds again, third time this month",
    "the carer forgot her insulin last night",
    "staff forgot to give Mr B his evening medication",
    "the night nurse forgot the 10pm insulin for RC-120",
    "MAR chart shows gaps for RC-117 all week, no one signed for his meds",
    "there are gaps on her MAR for the last four days",
    "nobody has signed for her medication since Tuesday",
    "RC-158 hasnt had his clozapine in 3 days",
    "RC-123 mised her insulin shot, sugar's high",
    "the carer didn't give RC-108 his parkinsons meds on time and he's now really stiff and fell",
]
# ... and their near neighbours, none raised: the writer's own, paperwork, a gap with a reason,
# medicines not given on a doctor's word.
MEDICINES_NOT_GIVEN_NEAR = [
    "her tablets weren't given at 8, the GP stopped them",
    "the MAR audit found no gaps this month",
    "how should we record a gap on the MAR chart?",
    "I forgot my tablets at home this morning",
    "I forgot to take my medication this morning",
    "the carer forgot to sign the MAR but the meds were given, we checked",
    "we forgot to order the new MAR charts",
    "we forgot to tell the GP about her new medication review",
    "the new MAR charts have gaps for the pharmacy to fill in",
    "the MAR chart has gaps because she was in hospital",
    "staff forgot the meds trolley keys and had to go back for them",
    "the carer forgot her medication folder at the office",
    "she hasn't had her bowels open for 3 days",
]


@pytest.mark.parametrize("text", MEDICINES_NOT_GIVEN)
def test_medicines_not_given_in_other_words_are_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


@pytest.mark.parametrize("text", MEDICINES_NOT_GIVEN_NEAR)
def test_medicines_paperwork_or_not_given_on_a_doctors_word_is_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", [
    "her morning tablets were not given as she was nil by mouth for surgery",
    "her meds were not given at 8 because she was asleep, given at 9 instead",
    "staff did not give RC-110 her tablets because the GP stopped them",
])
def test_medicines_not_given_for_a_reason_are_asked_about_not_raised(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


# -- Session 32's recall check: a care visit that never happened ----------------------------------

VISITS_THAT_NEVER_HAPPENED = [
    "carer never showed for RC-166 lunch visit",
    "no1 went to RC-171 yesterday at all",
    "carer didn't turn up for RC-210's bedtime call, he slept in his chair",
    "the agency never arrived for his tea call",
    "no one went to see RC-150 on Sunday",
    "the carer didn't show up at RC-122's this morning",
    "her lunchtime visit never happened",
    "the evening call to RC-140 didn't happen",
    "the agency didn't turn up for the double-up call at RC-120",
]
# ... and their near neighbours, none raised: late but came, a meeting, a shift or a party, a
# visit covered or not due.
VISITS_LATE_COVERED_OR_NOT_CARE = [
    "carer was late for the lunch visit but came",
    "the carer didn't turn up for her shift, we covered all her calls",
    "no one went to the provider forum at all",
    "the carer never showed for the team meeting",
    "the carer never showed for her interview",
    "her lunchtime visit never happened because she was in hospital",
    "the review visit never happened, the social worker rebooked it",
    "the carer didn't turn up to RC-166 but another carer went instead",
    "the lunch visit was cancelled by her daughter as she was out",
    "nobody came to Mrs K's birthday party",
    "the carer hasn't been to RC-166 since Monday as she's on holiday",
    "the carer didn't turn up at the office today",
]


@pytest.mark.parametrize("text", VISITS_THAT_NEVER_HAPPENED)
def test_a_care_visit_that_never_happened_is_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


@pytest.mark.parametrize("text", VISITS_LATE_COVERED_OR_NOT_CARE)
def test_a_visit_late_covered_or_not_of_care_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 32's recall check: an injury in a fall, told in other words --------------------------

INJURIES_IN_A_FALL = [
    "RC-185 broke her hip after a fall in the lounge",
    "RC-187 fel in the bathrom, cut to head",
    "RC-120 fell and has a cut to the head",
    "he broke his wrist when he fell out of bed",
    "she fell in her room and broke her arm",
    "she fell and now has a gash on her forehead",
    "RC-186 has a skin tear from the hoist",
]
# ... and their near neighbours, none raised: no injury, a thing broken, an injury of years ago,
# a cut to the budget.
FALLS_WITHOUT_INJURY_AND_OTHER_BREAKS = [
    "she had a fall last year, no injury",
    "she had a fall yesterday, no injuries, checked by the nurse",
    "she broke her glasses at lunch",
    "RC-185 broke her hip in 2019 and walks with a frame now",
    "she fell asleep in the lounge",
    "a cut to head office budgets is coming",
    "the council announced cuts to the head count",
    "what is the best dressing for a skin tear?",
    # (a placement's reference is a person; a tender's is not)
    "tender NCC-2026-001 brings cuts to the head office budget",
]


@pytest.mark.parametrize("text", INJURIES_IN_A_FALL)
def test_an_injury_in_a_fall_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", FALLS_WITHOUT_INJURY_AND_OTHER_BREAKS)
def test_a_fall_without_injury_or_a_thing_broken_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 32's recall check: gifts to a carer, a carer using the person's things ---------------

GIFTS_TO_A_CARER_AND_THINGS_USED = [
    "RC-223 gave a carer 500 pounds as a gift",
    "she gave her carer £200 for christmas",
    "RC-140 gave the night carer his watch",
    "the carer accepted £300 from Mrs K",
    "a carer is using RC-227's car",
    "a carer has been driving Mr B's car for her own shopping",
    "the support worker is using RC-160's phone to make calls",
    "staff have been borrowing RC-170's car at weekends",
]
# ... and their near neighbours, none raised: the provider's or a family's gift, a gift logged,
# the carer's own car, a lift, a call made for the person.
GIFTS_LOGGED_AND_OWN_THINGS = [
    "a gift card from the family to the team",
    "the family gave the carers a box of chocolates",
    "we gave our carers a £50 bonus",
    "the carer uses her own car for visits",
    "the carer gave RC-223 a lift to the shops",
    "the carer drove RC-227 to hospital in her own car",
    "staff received a thank you card from the family",
    "the carer was given a small gift from Mrs K, logged in the gifts register as per policy",
    "the carer is using the pool car this week",
    "what is our policy on carers accepting gifts?",
    "the carer used RC-160's phone to call the GP for her",
]


@pytest.mark.parametrize("text", GIFTS_TO_A_CARER_AND_THINGS_USED)
def test_a_gift_to_a_carer_or_a_carer_using_the_persons_things_is_financial_abuse(
        text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "financial abuse"


@pytest.mark.parametrize("text", GIFTS_LOGGED_AND_OWN_THINGS)
def test_a_gift_logged_or_a_carers_own_things_are_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 32's recall check: going hungry, falling, lifted by hand -----------------------------

HUNGRY_FALLING_OR_LIFTED_BY_HAND = [
    "RC-175 is going hungry, the carers only make a cup of tea",
    "he's gone hungry most of the week",
    "RC-282's care review is 8 months overdue and her needs have changed a lot, she's falling",
    "RC-198 keeps falling and the sensor mat has been switched off",
    "he has been falling more since the new tablets",
    "the moving and handling assessment for RC-285 wasn't done so carers are lifting her by hand",
    "carers lift him out of bed manually because the hoist is broken",
    "they are lifting Mrs K without the hoist",
    "staff lifted her off the floor by hand after her fall",
]
# ... and their near neighbours, none raised.
HUNGRY_FALLING_OR_LIFTED_NEAR = [
    "I'm going hungry on this diet",
    "she keeps falling asleep in the afternoons",
    "he is falling behind with his rent",
    "she's falling behind on her bills",
    "she is falling in love with the new resident",
    "our income is falling every year",
    "prices are falling",
    "we use the hoist to lift her",
    "can a resident be lifted by hand in an emergency?",
    "the care review is 8 months overdue, can the council book it?",
    "he was moved into the new room on Monday",
]


@pytest.mark.parametrize("text", HUNGRY_FALLING_OR_LIFTED_BY_HAND)
def test_going_hungry_falling_or_lifted_by_hand_is_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


@pytest.mark.parametrize("text", HUNGRY_FALLING_OR_LIFTED_NEAR)
def test_a_diet_falling_asleep_or_a_hoist_used_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 32's recall check: the less urgent misses --------------------------------------------

LESS_URGENT_MISSES = [
    "a staff member shared a photo of RC-264 on social media",
    "the petty cash for RC-225 doesn't add up and receipts are missing",
    "her money doesn't add up, there are no receipts for the shopping",
    "there's no working smoke alarm at RC-253's",
    "RC-255's house has no electricity, the meter ran out",
    "RC-286's mental capacity assessment wasn't done before we started covert meds",
    "they are giving him covert medication without a best interests decision",
]
# ... and their near neighbours, none raised.
LESS_URGENT_NEAR = [
    "we shared a photo of the garden party on Facebook with everyone's consent",
    "the team posted pictures of the new minibus on social media",
    "the petty cash for the office doesn't add up this month",
    "how often should we test the smoke alarms?",
    "the smoke alarm test is due next week",
    "the office has no electricity today",
    "covert medication was started after the MCA and a best interests meeting",
    "what is the policy on covert medication?",
    "the parking meter ran out while I was at RC-255's",
]


@pytest.mark.parametrize("text", LESS_URGENT_MISSES)
def test_a_less_urgent_miss_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", LESS_URGENT_NEAR)
def test_a_less_urgent_near_neighbour_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 33's brief: false alarms, neither raised nor asked -----------------------------------

EVERYDAY_NOT_A_CONCERN = [
    # food or a pan burnt
    "the smoke alarm went off when she burnt the toast",
    "the fire alarm went off because he burnt his porridge",
    "she burned the toast again and set off the alarm",
    "Mr B burnt the sausages, no harm done",
    "the kitchen smoke alarm went off when RC-120 burnt her pizza",
    # a hug or a kiss on the cheek given to a carer
    "she gave her carer a hug",
    "she hugged her carer goodbye",
    "mrs k gave the night staff a big hug",
    "RC-105 gave her keyworker a cuddle after the film",
    "he waved at the carer from the window",
    # a meeting someone did not turn up to, not a visit of care
    "the carer never turned up for RC-166's review",
    "the social worker never turned up for the review meeting",
    "the carer didn't turn up to the best interests meeting",
    "nobody turned up for the care plan review",
    "the OT never turned up for the assessment",
    "the agency worker didn't turn up for her induction",
    # no visits from family or friends
    "she has had no visits from her family",
    "his family never visit him",
    "nobody from her family has been to see her in months",
    "her son hasn't visited for a year",
    "she gets no visitors",
    "he has had no visits from his daughter since the summer",
    # a card or money spent as the plan agreed
    "her bank card was used to buy shopping as agreed in her care plan",
    "we used his bank card to buy his groceries, as set out in his support plan",
    "staff use RC-110's debit card for his weekly shop as per his care plan",
    "her card was used for her toiletries as agreed in her support plan, receipts in the folder",
    "we buy his food with his own card, as agreed in his care plan",
    "his money was spent on new clothes as agreed with his appointee",
]
# ... and their near neighbours, each still raised.
EVERYDAY_NEAR_CONCERNS = [
    "she burnt her hand on the toaster",
    "the carer burnt her arm with the iron",
    "he burnt himself making toast",
    "he burnt the toast and then the carer slapped him",
    "her carer keeps hugging her and she doesn't like it",
    "the carer kissed her on the lips",
    "the carer made her give him a hug",
    "she gave her carer a hug but the carer touched her breasts",
    "she gave her carer her bank card",
    "the carer never turned up for RC-166's lunch visit",
    "the carer never turned up",
    "she was not turned all night",
    "he hasn't been turned for 12 hours",
    "she has had no visits from the carers for 3 days",
    "she has had no visits at all this week from the agency",
    "her family never visit and she has no food in the house",
    "her son won't let anyone visit her",
    "her bank card was used to buy shopping for the carer",
    "her bank card was used to buy shopping that was not in her care plan",
    "someone used her bank card to buy shopping she never got",
]


@pytest.mark.parametrize("text", EVERYDAY_NOT_A_CONCERN)
def test_everyday_life_is_neither_raised_nor_asked_about(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", EVERYDAY_NEAR_CONCERNS)
def test_harm_beside_everyday_life_is_still_raised(text: str) -> None:
    assert detect(text) is not None


# -- Session 33's brief: concerns only asked about, raised ----------------------------------------

LEFT_WITHOUT_HELP = [
    # a call for help nobody answered for long
    "she pressed her pendant alarm and nobody came for 40 minutes",
    "he rang his call bell for half an hour and no one answered it",
    "she pulled the emergency cord in the bathroom and waited 45 minutes for help",
    "Mr D's lifeline alarm went off at 3am and nobody responded until the morning",
    "RC-120 pressed her buzzer repeatedly and staff didn't come for over an hour",
    "her sensor mat alarm went off and it was ages before staff checked on her",
    # kept in with the DoLS lapsed
    "his DoLS expired last month and he is still being kept in",
    "her deprivation of liberty authorisation ran out in March and she is still not allowed out",
    "his DoLS lapsed weeks ago but we are still stopping him leaving",
    "RC-130's DoLS expired in June and we're still keeping the door locked on her",
    "her DoLS ran out and she is still kept on the locked unit",
    # residents left with no staff
    "the unit was left unattended for an hour with residents in it",
    "the night staff left the floor with nobody on it for two hours",
    "the lounge was left without any staff while residents were in there",
    "the whole wing had no carers on it for an hour",
    "the first floor had no staff for most of the night shift",
    # a visit missed and someone left without
    "the tea-time visit was missed after the carer crashed her car, Mrs K had nothing to eat",
    "the morning carer never arrived and RC-140 had no breakfast or meds",
    "the evening visit was missed because of the snow and he had no dinner",
    "his carer didn't come this morning so he wasn't washed or dressed",
    "the tea visit did not happen because the carer had a flat tyre, Mrs J went hungry",
]
# ... and their near neighbours, none raised.
LEFT_WITHOUT_HELP_NEAR = [
    "she pressed her pendant alarm by mistake and the call centre rang her straight back",
    "we tested the pendant alarms today and all worked",
    "her pendant alarm battery needs replacing",
    "he pressed the call bell and a carer came within 2 minutes",
    "she pressed her pendant alarm and the carer came straight away",
    "his DoLS expires next month, we have applied to renew it",
    "her DoLS is due to expire in June, the renewal has been sent",
    "his DoLS expires on Friday and the council has the renewal application",
    "the DoLS assessor is visiting on Tuesday",
    "the office was left unattended over lunch",
    "the unit was empty while residents were on the day trip",
    "the reception desk was unattended for an hour",
    "the unit was left unattended for an hour while residents were out at the garden party",
    "the carer crashed her car but the visit was covered by another carer",
    "the teatime visit was moved to 5pm at Mrs K's request",
    "he had no breakfast as he was nil by mouth for his operation",
    "Mum had no lunch visit on Friday, she spent the day at her sister's, as arranged",
    "our residential home has no nurse on nights as we are not registered for nursing",
]


@pytest.mark.parametrize("text", LEFT_WITHOUT_HELP)
def test_someone_left_without_help_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", LEFT_WITHOUT_HELP_NEAR)
def test_help_given_or_not_needed_is_not_raised(text: str) -> None:
    assert detect(text) is None


# -- Session 33's brief: many medicines never reviewed, asked about -------------------------------

MEDICINES_NEVER_REVIEWED = [
    "she has 14 tablets a day, no medication review in 2 years and is very confused",
    "he's on 12 different medications and nobody has reviewed them for years, he's always drowsy",
    "RC-150 takes 16 pills a day and hasn't had a meds review since 2021",
    "mum takes 15 tablets a day and she's getting more and more confused",
    "no medication review for over 3 years and he is on 11 different tablets",
    "his GP hasn't reviewed his meds in years, he takes 13 a day and is always sleepy",
]
# ... and their near neighbours, neither raised nor asked about.
MEDICINES_REVIEWED = [
    "she has 14 tablets a day and had her medication review last month",
    "he takes 10 tablets a day, all in a blister pack",
    "how many tablets a day counts as polypharmacy",
    "her medication review is booked for next week",
    "the GP did a medication review and stopped 4 of her tablets",
    "how often should residents have a medication review",
]


@pytest.mark.parametrize("text", MEDICINES_NEVER_REVIEWED)
def test_many_medicines_never_reviewed_are_asked_about(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", MEDICINES_REVIEWED)
def test_medicines_reviewed_or_asked_about_are_left_alone(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# -- Session 33's brief: medicines taken as usual, told alone ------------------------------------

MEDICINES_TAKEN = [
    "he has taken his tablets today",
    "she has taken her meds this morning",
    "mr b has taken his medication as prescribed",
    "she took her tablets with her breakfast",
    "RC-104 has had her morning meds on time",
]
# ... and their near neighbours, each raised.
MEDICINES_TAKEN_WRONGLY = [
    "he has taken his tablets twice today",
    "she has taken all her tablets and wants to sleep",
    "he has taken his wife's tablets",
    "he has taken his tablets and then some of his wife's",
    "she has taken her tablets again even though the carer gave them at 8",
]


@pytest.mark.parametrize("text", MEDICINES_TAKEN)
def test_medicines_taken_as_usual_are_not_a_concern(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", MEDICINES_TAKEN_WRONGLY)
def test_medicines_taken_twice_all_or_anothers_are_raised(text: str) -> None:
    assert detect(text) is not None


# -- a care worker's own abuse at home (session 36's trial) -----------------------------------
@pytest.mark.parametrize(("text", "own"), [
    ("im scared to go home tonight, my partner hits me. im a care worker at hillview", True),
    ("I'm a carer at hillview and my boyfriend beat me up last night", True),
    ("i work at riverside, im being abused by my husband", True),
    ("a resident told me her partner hits her", False),
    ("RC-101's husband hits her when he visits", False),
    ("our carer said her client's son hits him", False),
    ("im a care worker and i saw my colleague hit a resident", False),
    ("im a care worker, my partner hits me and the kids", False),
    ("a resident hit me at work today", False),  # a workplace incident, raised as before
    ("my husband won't let me see the doctor on my own and he hits me", False),  # no work said
    # Someone else's words relayed, with a word of work too (session 37's review).
    ("im a carer at hillview, she whispered my son hits me", False),
    ("im a care worker, Doris confided: my son hits me", False),
    # ... and with a name alone, no word of telling or dash (session 38; was the writer's own),
    # unless it names where they work.
    ("im a carer, Doris my son hits me", False),
    ("im a carer, doris my son hits me", False),
    ("im a carer at Hillview Doris my son hits me", False),
    ("im a carer for Doris and my partner hits me", False),
    ("im a carer and my partner hits me", True),
    ("im a carer at Hillview House in Leeds and my partner hits me", True),
    ("im a nurse at St Mary's and my husband hits me", True),
    ("i work for Allied Healthcare and my boyfriend hits me", True),
])
def test_a_care_workers_own_abuse_at_home(text: str, own: bool) -> None:
    assert writers_own_abuse(text) is own


@pytest.mark.parametrize(("text", "disclosure"), [
    # A helpline looked up by its name (session 37's brief: read as a disclosure) ...
    ("domestic abuse helpline number", False),
    ("national domestic abuse helpline", False),
    ("domestic violence helpline phone number", False),
    ("phone number for the domestic abuse helpline", False),
    # ... with harm told beside it, a concern as before.
    ("domestic abuse helpline number, her son hit her", True),
    ("domestic abuse at RC-101, her son hit her", True),
])
def test_a_domestic_abuse_helpline_asked_for_by_name_is_no_disclosure(
        text: str, disclosure: bool) -> None:
    found = detect(text)
    assert (found is not None and found.disclosure) is disclosure


@pytest.mark.parametrize(("text", "own"), [
    # Session 37's brief: the writer's own abuse, no word of work.
    ("my husband hit me last night", True),
    ("my boyfriend hurts me", True),
    # Session 39's review: thrown against a wall, now read as a blow
    ("my husband threw me against the wall", True),
    ("my resident's son threw her against the wall", False),
    ("my resident's husband hit her", False),
    ("Mr B's son hits him", False),
    ("she said my son hits me", False),  # someone else's words, told on
    ("he told me “my wife hits me”", False),
    ("my husband won't let me see the doctor on my own and he hits me", False),
    # Session 37's review: someone else's words relayed in the first person, with no speech
    # verb of the first list nor quote marks, were the writer's own, and the hub never told.
    ("Visited Doris, she whispered my son hits me", False),
    ("Doris confided: my son hits me", False),
    ("Doris - my son hits me", False),
    ("DK rang in a state, my son hits me", False),
    ("she cried my son hits me", False),
    ("he admitted to me my wife hits me", False),
    ("she revealed my son is violent to me", False),
    ("her note read my son hits me", False),
    ("Voicemail left overnight: my son hits me, please help", False),
    ("she also whispered my son hits me", False),
    ("doris my son hits me", False),  # a given name in lower case (session 38)
    ("my husband hit me on 3 jan", True),  # "jan", a month
    # ... and the writer's own, told not to tell, is no one else's words.
    ("my partner hits me and told me not to tell anyone", True),
    ("My husband hit me last night", True),
])
def test_the_writers_own_abuse_with_no_word_of_work(text: str, own: bool) -> None:
    assert writers_own_abuse(text, said_at_work=False) is own


def test_no_labelled_disclosure_is_read_as_a_workers_own_abuse() -> None:
    # Such a message is not raised (the chat offers to tell the hub): no disclosure in the
    # labelled sets, the held-out ones included, may be one (a person cared for, telling of
    # their own partner, "theres a lady who lives with my son and she hurts me when hes at
    # work", was until "at work" had to be the writer's).
    read = [row["text"] for path in sorted(Path(__file__).parent.glob("safeguarding_*.jsonl"))
            for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if row.get("label") == "disclosure"
            and writers_own_abuse(row["text"], said_at_work=False)]
    assert read == []


# -- Session 38's review: the blows read beside a council word over-reached -------------------
# "[a council person] hit us with [anything]", an idiom with a council person, "struck" for a
# list or a rota, and a staff member's own knock were raised as URGENT physical abuse; a
# worker's own abuse was sent to the hub when the workplace is named after a person.
COUNCIL_PERSON_FIGURES = [
    *(f"the commissioner hit us with {what}" for what in (
        "a letter", "a spreadsheet", "more work", "extra work", "a survey", "a warning",
        "an action plan", "a low score", "criticism", "a reduction", "a recharge",
        "a claw back", "the small print", "a big ask", "a lot", "everything", "it", "that",
        "this", "another one")),
    "the commissioner slapped us with a letter",
    "the commissioner whacked us with another return",
    "the commissioner hit us yesterday with the news",
    "the commissioner hit us again with more cuts",
    "the commissioner hit us again and again with cuts",
    "the commissioner beat us down on price",
    "the commissioner beat us in the negotiation",
    "the officer beat us again in negotiations",
    "the commissioner beat us up over the late returns",
    "the commissioner kicked us when we were down",
    "the commissioner punched us in the gut with that decision",
    "the commissioner hit me up on email",
    "the commissioner hit me up on teams yesterday",
    # ... and the idioms beside the parts of a body now read after a council person
    "the commissioner slapped us on the wrist for late returns",
    "the commissioner hit us over the head with the new contract terms",
    # ... and "us" (the provider) with nothing but "again" after it, as at the session's start
    # (its second review: rate talk before it was raised URGENT)
    "we asked for a 5% uplift and the commissioner beat us again",
    "we pushed back on the rates but the commissioner beat us again",
    "after the contract review the commissioner hit us again",
    "the uplift request went in and the commissioner kicked us again",
    "the commissioner hit us",
    "the commissioner hit us again.",
    # ... and the provider's staff hit with a rule, a charge or news
    "the commissioner hit our staff with extra paperwork",
    "the council hit our carers with new DBS rules",
    "the commissioner slapped our staff with a new code of conduct",
    "the council hit our staff with the pay freeze",
    "the commissioner hit the staff with new rules",
    "the council kicked our staff when they were down",
    "the commissioner kicked our staff off the ward",
    "the council hit our staff again",
]
STRUCK_FROM_A_LIST = [
    "the panel struck him from the shortlist",
    "the manager struck her from the rota for next week",
    "the manager struck them from the rota",
    "the manager struck her name off the rota",
    "the carer struck her name off the list",
    "i struck her name from the visit list",
    "the nurse struck her signature through the MAR chart",
    "the nurse struck her entry through and initialled it",
    "the senior struck her through the list as she was off sick",
    "the carer struck her car on the gatepost",
]
# Asked about before session 38 (the concern model), and so again.
STAFFS_OWN_KNOCK = [
    "our carer struck her head on the cupboard door when she bent down, she is fine",
    "the carer struck his head on the cupboard",
    "the manager struck her hand on the door frame",
    "the nurse struck her knee on the bed",
]


@pytest.mark.parametrize("text", [*COUNCIL_PERSON_FIGURES, *STRUCK_FROM_A_LIST,
                                  *STAFFS_OWN_KNOCK,
                                  "the nurse struck her own head on the cabinet"])
def test_a_council_persons_figure_a_list_struck_or_a_staff_knock_is_not_raised(
        text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", STAFFS_OWN_KNOCK)
def test_a_staff_members_own_knock_is_asked_about(text: str) -> None:
    assert unsure(text) is not None


@pytest.mark.parametrize("text", [
    # The blows session 38 set out to read stay read ...
    "the council officer hit them with a stick",
    "the council officer hit them with a clipboard",
    "the commissioner hit them with a shoe",
    "the commissioner hit them with his hand",
    "the commissioner hit them",
    "the commissioner hit them.",
    "the commissioner hit us with a stick",
    # ... and someone named by their given name (the second review: read as nothing)
    "the commissioner hit Doris",
    "the commissioner hit Doris.",
    "the commissioner slapped doris across the face",
    "the commissioner punched Doris in the face",
    "the commissioner kicked Doris",
    "the commissioner hit our staff with a stick",
    "the council hit our carers with a belt",
    "the council officer punched our carer",
    "the commissioner slapped our carer across the face",
    "the council hit our staff and a resident",
    "the commissioner slapped them in the face",
    "the commissioner hit them across the face",
    "the council officer punched me",
    "the carer struck her face",
    "the carer struck her twice",
    "the commissioner struck him",
    # ... and "struck by" a person (session 38's left).
    "she was struck by the commissioner during the contract meeting",
    "mrs k was struck by a member of staff",
    "RC-101 was struck by a carer",
    "she was struck by her husband",
    "the commissioner hit them with a clipboard during the contract meeting",
    "the council officer hit them over the head with a file",
    "the commissioner slapped them on the wrist with a ruler",
])
def test_a_blow_by_a_council_person_or_struck_by_a_person_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "she was struck by the commissioner's tone",
    "we were struck by the carer's kindness",
    "i was struck by how kind the staff were",
    "she was struck by the commissioner's decision during the meeting",
    "i was struck by the manager at the meeting",
    "her family were struck by the staff at the home",
    "her family were struck by the staff and the care",
    # Session 39: struck on a part of the body by what a person said.
    "she was struck across the face by the carer's remarks",
])
def test_struck_by_what_a_person_said_or_did_is_not_raised(text: str) -> None:
    assert detect(text) is None


WORKPLACES_NAMED_AFTER_PEOPLE = [
    "Florence House", "Lily House", "Elizabeth Court", "Mary Seacole House", "Albert Court",
    "Beatrice Lodge", "Ivy Court", "Violet Lodge", "Ashley House", "Stanley House",
    "the Edith Cavell Centre", "florence house",
]


@pytest.mark.parametrize(("text", "own"), [
    *((f"i'm a carer at {place} and my husband hits me", True)
      for place in WORKPLACES_NAMED_AFTER_PEOPLE),
    ("my husband hits me. im a carer at Florence House", True),
    # ... a name told beside it is still someone else's.
    ("im a carer at Florence House, Doris my son hits me", False),
    ("i work with Doris at home and my son hits me", False),
    # Session 39: with no "i'm" before the word of work, and signed with the writer's name.
    ("a carer at Florence House and my husband hits me", True),
    ("I work at Florence House and my husband hit me. Sarah", True),
    ("I'm a carer at Florence House and my husband hit me.\nThanks, Sarah x", True),
    # ... a name anywhere but alone at the end, after a stop, is still someone else's.
    ("I work at Florence House and my husband hit me - Sarah", False),
    ("I work at Florence House. Sarah: my husband hit me", False),
    ("I work at Florence House and Sarah said my husband hit me", False),
    ("I work at Florence House and my husband hit me, Sarah", False),
    ("I work at Florence House and my husband hit me. Sarah too", False),
    ("a carer at Florence House hit me and my husband hits me", False),
    ("a carer at Florence House and my husband hits me and the kids", False),
])
def test_a_workplace_named_after_a_person_is_no_one_told_of(text: str, own: bool) -> None:
    assert writers_own_abuse(text) is own


# -- Session 40: blows missed, figures and accidents raised, a worker's own abuse signed off -----
# Each rule's variants that must be raised, and its near neighbours that must not.
SESSION_40_BLOWS = [
    # someone struck by a person at a meeting or a place (was read as nothing)
    "our deputy was struck by the commissioner at the meeting",
    "our manager was struck by the council officer at the office",
    "she was struck by the commissioner in the car park",
    "our deputy was struck by a social worker at the review meeting",
    "our deputy was struck by the commissioner in the meeting room",
    "our deputy was struck by the commissioner at the meeting and needed first aid",
    # ... with what they had or knew after it only when it tells of no injury (session 40's
    # review)
    "our deputy was struck by the commissioner at the meeting, she had a cut lip",
    "our deputy was struck by the commissioner at the meeting so hard that she fell",
    "our deputy was struck by the officer at the office, he has done this before",
    # "r" for "our" (was only asked about)
    "commissioner slaped r manager across the face",
    "the commissioner slapped r manager across the face",
    "commissioner punched r deputy in the face",
    "council officer kicked r manager",
    "commissioner struck r manager across the face",
    "the commissioner pushed r deputy against the wall",
    # knocked off a chair (was only asked about)
    "the commissioner struck our manager off the chair and onto the floor",
    "the commissioner struck our manager off her chair",
    "the commissioner pushed our manager off the chair and onto the floor",
    "the council officer shoved our deputy off her chair",
    "the commissioner kicked our manager off the chair",
    "the commissioner hit our manager off the stool and onto the floor",
    # Session 40's third review: a figure's blow with an injury told anywhere in the message,
    # someone named or one of the provider's people told as hurt, "we" after someone else,
    # or "literally" beside the blow (raised URGENT before the session, blanked by its figures)
    "we were hit in the face by the nhs again, staff member had a nosebleed",
    "we were kicked in the teeth by the nhs again, our carer has a chipped tooth",
    "we were punched in the face by the council again, my deputy has a nosebleed",
    "we were punched in the face by the council again, our carer is limping",
    "we got kicked in the teeth by the icb, a dislocated shoulder",
    "we were hit in the face by the council again, our night carer has a fat lip",
    "we were hit in the face by the nhs again, my carer needed first aid",
    "our home was punched in the face by the council, mrs k has a nosebleed",
    "we got kicked in the stomach by the la again, she has cracked ribs",
    "we were hit in the face by the nhs, my carer has a graze",
    "we were kicked in the teeth by the council, she has whiplash",
    "we were hit in the face by the council. our carer has a nosebleed",
    "Mr B and we were punched in the face by the council",
    "Mrs K, her daughter and we were slapped in the face by the icb",
    "we were punched in the face by the council again, Mr B was punched too",
    "we were kicked in the teeth by the council, RC-101 was kicked as well",
    "we got kicked by the council. literally kicked, in the shin, by the officer",
    # Session 40's review: a person struck in the face or the stomach by a person at a place
    # ("by a man in the market"), shoved to the back of a queue or a line, pushed to the wall
    # at the home, or hit with the news and then a fist: raised URGENT before the session,
    # read as its figures after it (nothing, or only asked about, or not as a blow)
    "Doris was slapped in the face by a man in the market",
    "RC-101 was kicked in the stomach by a carer at the council day centre",
    "Mr B was hit in the face by a nurse on the nhs ward",
    "RC-101 was slapped in the face by a visitor from the council",
    "RC-0102 was hit in the face by a man from the council estate",
    "Mr B was punched in the face by a patient on the nhs ward",
    "Doris was hit in the face by a stranger at the market",
    "RC-101 was kicked in the stomach by a youth outside the council offices",
    "RC-104 was punched in the face by a taxi driver after the covid jab",
    "Mr B was punched in the stomach by another resident over the changes",
    "Mrs K was kicked in the stomach by a man in the market",
    "Mrs K was punched in the face by a man on the council estate",
    "Mr B was kicked in the stomach by another resident during covid",
    "mrs k was slapped in the face by the cleaner in the council flat",
    "Mr B was kicked in the teeth by another resident after the news",
    "a carer shoved Mr B to the back of the lunch queue and he fell",
    "staff pushed Doris to the back of the line and she fell over",
    "he shoved her to the back of the queue at the chemist and she fell against the counter",
    "a carer shoved RC-101 to the back of the dinner queue",
    "a carer shoved Mr B to the back of the medication queue",
    "the carer keeps pushing Doris to the back of the line at meal times, she nearly fell",
    "RC-101 got pushed to the back of the queue by a carer and fell into the wall",
    "a service user at the home got pushed to the wall by staff",
    "a resident in our home pushed to the wall by a relative",
    "a man in the home was shoved to the wall by staff",
    "a resident at our home got shoved to the wall and fell",
    "a resident at the home was pushed to the wall by another resident",
    "her son hit Mrs K with the news and then with his fist",
    # (session 40's second review: each raised URGENT at the session's start, then blanked by
    # its figures; a figure now needs the business struck, by a thing, with no injury told)
    "Mr B who uses our service was punched in the face by the council gardener",
    "Mr B who attends our home was punched in the face by the nhs physio",
    "we were slapped in the face by the nhs physio during the home visit, my colleague is in "
    "shock",
    "the social worker hit Doris with the news, so hard she fell",
    "the carer hit Doris with the news so hard her glasses broke",
    "a resident within our home was pushed to the wall",
    "a resident within the home was pushed to the wall by another resident",
    "residents at our homes were pushed to the wall by a member of staff",
    "a lady who moved into the home was pushed to the wall by her son",
    "two residents across our homes were pushed to the wall by a carer",
    "her son hit Mrs K with the news stand in the shop",
    "her son slapped her with the news, so hard that she fell",
    "a man punched us in the face by the council bins last night, we were on a home visit",
    "a man punched us in the stomach by the nhs walk-in centre",
    # (... and staff struck, missed at the session's start too)
    "our manager was punched by the commissioner",
    "the provider's manager was punched by the commissioner",
    "the provider's manager was punched in the face by the commissioner",
    "the provider's deputy was slapped by the council officer",
    "our manager was punched by the commissioner and has a black eye",
    "the commissioner struck r manager in the meeting room, she fell over",
    # (... and someone named hit with the news: only the business is a figure's one struck)
    "the social worker hit Doris with the news",
    # (... and a figure with an injury told beside it, read as a blow)
    "we were punched in the face by the council, my colleague is in shock",
    "were being pushed to the wall by the council, one carer ended up in hospital",
    "our deputy was struck by the commissioner at the meeting and that is the second time",
]
SESSION_40_BLOWS_NEAR = [
    "our deputy was struck by the commissioner at the meeting, she was so knowledgeable",
    "our deputy was struck by the commissioner's tone at the meeting",
    "we were struck by the commissioner at the meeting",
    "i was struck by the commissioner at the meeting",
    "our deputy was struck by the commissioner at the meeting as very fair",
    "our deputy was struck by the commissioner's decision at the meeting",
    "commissioner hit r manager with a fee cut",
    "commissioner beat r manager down on price",
    "commissioner struck r manager off the list",
    "the commissioner pushed r manager against the wall on price",
    "the commissioner slapped r manager in the face with the uplift",
    "the commissioner struck our manager off the list",
    "the commissioner struck our manager off the approved list and onto the waiting list",
    "the commissioner pushed our manager off the panel",
    "the commissioner struck our manager off the chair of the panel",
    "the commissioner pushed our deputy off the chair of the committee",
    # (session 40's review, raised URGENT by its fixes: a role's chair, a desk of a bank of
    # them, and someone impressive at a meeting)
    "the commissioner pushed our manager off the board chair role",
    "the commissioner pushed our manager off the forum chair",
    "the commissioner struck our deputy off the bank desk",
    "our manager was struck by the commissioner at the meeting, she had clearly read every file",
    "our manager was struck by the officer at the meeting, she knew every resident by name",
    "our deputy was struck by the commissioner at the meeting, she had done her homework",
]


@pytest.mark.parametrize("text", SESSION_40_BLOWS)
def test_session_40s_missed_blows_are_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", SESSION_40_BLOWS_NEAR)
def test_the_figures_beside_session_40s_missed_blows_are_not_raised(text: str) -> None:
    assert detect(text) is None


SESSION_40_FIGURES = [
    # hit with the news or a charge, the business (someone named so is read: session 40's
    # second review)
    "the commissioner hit us with the news",
    "the social worker hit our agency with a big bill",
    # punched in the gut by a rate cut (was raised URGENT)
    "we've been punched in the gut by the rate cut",
    "we have been kicked in the teeth by the council again",
    "providers were punched in the stomach by the fee freeze",
    "we got kicked in the teeth by the new framework",
    "we've been slapped in the face by the uplift decision",
    "we have been kicked in the teeth by the council yet again, CT-0901 still unpaid",
    "weve been kicked in the teeth by the council yet again, CT-0901 still unpaid",
    "we were punched in the gut by the nhs over the discharge fees",
    "our agency was kicked in the teeth by the ICB's decision",
    "we got slapped in the face by the government this year",
    # pushed to the back of a list (was raised URGENT)
    "priya shoved our manager to the back of the list",
    "priya pushed our application to the bottom of the pile",
    "the council shoved our invoice to the back of the queue",
    "priya kicked our referral to the end of the list",
    "we were shoved to the back of the queue again",
    # pushed to the wall, a business (was raised URGENT)
    "were being pushed to the wall by the council over fees",
    "we're being pushed to the wall by the council",
    "small providers are being driven to the wall by these rates",
    "the council is pushing us to the wall",
    "homes like ours are being pushed to the wall",
    "the fee freeze is pushing providers to the wall",
    # the council ignoring the provider, a reference beside it (was raised URGENT)
    "is CT-0901 paid? The council ignores us. What can we do?",
    "the commissioner keeps ignoring our emails about RC-101's fees",
    "the council has ignored our invoices for RC-104 for months",
    "the brokerage team ignore us about PL-2201",
    "the social worker ignores our calls about the invoice for RC-101",
]
SESSION_40_FIGURES_NEAR = [
    "the social worker hit Doris with a stick",
    "the social worker hit Doris with the newspaper",
    "the social worker hit Doris with her bag",
    "the social worker hit Doris",
    "the social worker hit Doris with the news and then slapped her",
    "the carer hit her with the announcement board",
    "she was punched in the gut by the council officer",
    "she was punched in the stomach by her son",
    "mrs k was slapped in the face by the carer",
    "priya shoved our manager to the floor",
    "she shoved mrs k to the back of the room",
    "the carer pushed him to the back of the lift and held him there",
    "the carer pushed her to the wall and held her there",
    "she was pushed against the wall by the council officer",
    "he pushed mrs k to the wall",
    "the commissioner pushed our manager against the wall again",
    "the commissioner pushed our manager against the wall again in the office",
    "the commissioner pushed our manager against the wall again and she fell",
    "the commissioner pushed our manager against the wall again during the meeting about the "
    "uplift",
    "the commissioner pushed our manager against the wall yesterday",
    "staff ignored RC-101's call bell all night",
    "the council ignores our concerns about RC-101's safety",
    "the carers ignore her when she cries",
    "RC-101 is ignored by staff all day",
    "the social worker ignores mrs k",
]


@pytest.mark.parametrize("text", SESSION_40_FIGURES)
def test_session_40s_figures_are_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


# ... and a resident's place on a waiting list, not raised (the model may ask: it names her).
def test_someone_cared_for_shoved_down_a_waiting_list_is_not_raised() -> None:
    assert detect("they shoved mrs k to the back of the waiting list") is None


# ... pushed against a wall, then when it was, then on a price (was raised URGENT): not raised,
# at most asked about, as "... against the wall on price" has been since session 39 (the
# concern model reads it).
SESSION_40_AGAINST_THE_WALL_ON_A_PRICE = [
    "the commissioner pushed our manager against the wall again on the uplift",
    "the commissioner pushed me against the wall again over the fees",
    "the commissioner pushed our deputy against the wall yesterday on the rates",
    "the commissioner shoved our manager against the wall again about the contract",
    "the commissioner pushed our deputy against the wall twice on price",
]


@pytest.mark.parametrize("text", SESSION_40_AGAINST_THE_WALL_ON_A_PRICE)
def test_pushed_against_the_wall_then_when_on_a_price_is_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_40_FIGURES_NEAR)
def test_the_harm_beside_session_40s_figures_is_raised(text: str) -> None:
    assert detect(text) is not None


# A member of staff struck by a car: their own road accident, asked about, never URGENT; someone
# cared for struck by one, or left by the roadside, is raised as before.
SESSION_40_STAFF_STRUCK_BY_A_VEHICLE = [
    "the carer was struck by a car outside the home",
    "the carer was hit by a car outside the home",
    "our carer was hit by a car on her way to work",
    "one of our carers was struck by a car outside a client's house",
    "the cook was knocked down by a van in the car park",
    "our support worker was hit by a cyclist outside the office",
    "i was hit by a car on my way to work this morning",
]
SESSION_40_STRUCK_BY_A_VEHICLE_RAISED = [
    "mrs k was struck by a car when the carer left her at the roadside",
    "the resident was hit by a car after wandering out of the home unnoticed",
    "RC-101 was knocked down by a car, the carer let go of her hand",
    "the carer was hit by a car and the client she was walking with was hurt too",
    "the carer was hit by her husband outside the home",
]


@pytest.mark.parametrize("text", SESSION_40_STAFF_STRUCK_BY_A_VEHICLE)
def test_a_member_of_staff_struck_by_a_vehicle_is_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_40_STAFF_STRUCK_BY_A_VEHICLE[:2])
def test_a_member_of_staff_struck_by_a_vehicle_is_asked_about_when_read_as_harm(
        text: str) -> None:
    assert unsure(text) is not None


@pytest.mark.parametrize("text", SESSION_40_STRUCK_BY_A_VEHICLE_RAISED)
def test_someone_cared_for_struck_by_a_vehicle_or_staff_by_a_person_is_raised(
        text: str) -> None:
    assert detect(text) is not None


# Damage to the building with nobody hurt, said so: nothing (was raised URGENT).
SESSION_40_NOBODY_HURT = [
    "lightning struck the roof of the home last night, no one hurt",
    "lightning struck the roof of the home last night, no one was hurt",
    "a tree fell on the garage in the storm, no one hurt",
    "lightning hit the roof of the home last night, nobody was hurt",
    "the storm blew part of the roof off, no one was hurt",
    "a pipe burst in the laundry room overnight, nobody hurt",
    # (session 40's review: the ceiling, raised URGENT)
    "the ceiling fell in on the kitchen, no one hurt, luckily, engineer coming tomorrow",
]
SESSION_40_SOMEONE_HURT = [
    "lightning struck the roof of the home last night, no one hurt but mrs k is very frightened",
    "a tree fell on the garage in the storm, no one hurt except the carer hit by a branch",
    "lightning struck the roof last night and a resident was hurt",
    "the storm blew part of the roof off, mrs k was hit by a tile",
    "lightning struck the roof of the home last night, no one hurt, but he hit her again",
]


@pytest.mark.parametrize("text", SESSION_40_NOBODY_HURT)
def test_damage_to_the_building_with_nobody_hurt_is_neither_raised_nor_asked(text: str) -> None:
    assert detect(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", SESSION_40_SOMEONE_HURT)
def test_someone_hurt_beside_damage_to_the_building_is_at_least_asked_about(text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None


# A worker's own abuse signed after a sign-off, or after a comma or a dash with one, or told with
# "slammed me against the wall" and "tonight's shift": their own (was sent to the hub).
@pytest.mark.parametrize(("text", "own"), [
    ("my partner hit me last night so I can't do my shift. Thanks, Sarah x", True),
    ("my partner hit me last night so I can't do my shift. kind regards, Jenny", True),
    ("my partner slammed me against the wall, sorry for the late notice, cant do tonights "
     "shift. regards, Amy", True),
    ("my partner hit me last night so i cant do my shift, thanks Sarah x", True),
    ("my husband hit me so i cant come in today - kind regards, Jenny", True),
    ("my partner hit me, sorry for the late notice, cant do tonights shift. regards, Amy", True),
    ("my boyfriend slammed me into the door last night, cant do my shift. Amy", True),
    ("my husband slams me against the wall", True),
    # ... someone else's words, someone else named or harmed, or a bare name after a comma
    ("she said my partner slammed me against the wall. regards, Amy", False),
    ("Doris: my son slammed me against the wall. Thanks, Amy", False),
    ("my partner hit me, Doris", False),
    ("my partner slammed me against the wall and hit the kids. regards, Amy", False),
    ("my son slammed her against the wall. regards, Amy", False),
    ("my partner slammed me against the wall, Doris thanks Amy", False),
    ("my partner hit me, love Amy x", True),
    ("my son hits me and i love Doris", False),
    # ... asking for a shift to be covered names nobody (session 40's review: "someone" was
    # read as someone else, and raised URGENT under the worker's name)
    ("my husband slammed me into the door, can someone cover tonights shift, thanks Jenny x",
     True),
])
def test_a_workers_own_abuse_signed_off_is_their_own(text: str, own: bool) -> None:
    assert writers_own_abuse(text, said_at_work=False) is own


# -- Session 41: blows still missed, and figures raised ------------------------------------------
# Each missed blow of session 40's left list, with variants (typos, word order, other people
# striking and struck, other injuries), and the near neighbours that must stay quiet.
SESSION_41_BLOWS = [
    # knocked off a ladder, a chair, over or to the floor: "knocked" was no word of harm
    "the officer knocked r manager off the ladder",
    "the officer knocked our manager off the ladder",
    "officer knocked r manger off the ladder",
    "the commissioner knocked our deputy off her chair",
    "the commissioner knocked r deputy off the stool",
    "the social worker knockd our carer off the step ladder",
    "the service user knocked our support worker over",
    "her son knocked her to the ground",
    "Mr B's daughter knocked him out of his wheelchair",
    "our manager was knocked off the ladder by the officer",
    "the officer knocked r manager off the ladder, she hurt her back",
    "a family member knocked the nurse down in the corridor",
    "the council officer knocked our manager flying",
    "the carer knocked Mrs K over in the lounge",
    # a placement reference for the one struck (the session's trial: only asked about)
    "a carer struck RC-101 across the face",
    "night carer knocked RC-101 off the commode and laughed",
    "carer knocked RC-101 to the floor", "the carer knocked over RC-101 in the corridor",
    # struck by a person at a meeting, and known to them: no impression of the striker
    "our deputy was struck by the commissioner at the meeting, she knew him from before",
    "our deputy was struck by the commissioner at the meeting, she knew him",
    "our deputy was struck by the commissioner at the meeting - she knew him from before",
    "our manager was struck by the officer at the office, he knew her from before",
    "our deputy was struck by the commissioner at the meeting, they had met before",
    "our deputy was struck by the commissioner at the meeting, she had met him before",
    "our deputy was struck by the comissioner at the meeting, she knew him from before",
    "RC-101 was struck by a visitor in the lounge, she knows him from church",
    "our manager was struck by the social worker at the review, he has known her for years",
    "our deputy was struck by the commissioner at the meeting, she had worked with him before",
    "our deputy was struck by a family member at the visit, she knew him from before",
    # the provider's staff struck by a person, with a question after it or not
    "resident struck staff, council contract manager asks if we report it",
    "resident struck staff",
    "the resident struck our staff, council contract manager asks if we report it",
    "a resident struck a carer, do we report it?",
    "service user struck our support worker, the council asks whether we need to report it",
    "the resident struk staff last night, commissioner asking if we report",
    "a family member struck one of our carers, the social worker asks if we should report it",
    "resident struck a member of staff in the lounge",
    "Mr B struck staff again today, contract manager wants to know if we report it",
    "a tenant struck our night carer, do we need to tell the council?",
    "the officer struck staff at the meeting, is that reportable?",
    "resident struck the nurse, council asks if we report it",
    "a service user struck two members of staff this morning",
    # struck with a thing, more than three words for who was struck (was only asked about: the
    # walking stick read as an injury's ordinary cause)
    "service user struck a member of staff with his walking stick, bleeding from head, "
    "ambulance called",
    "service user struck a member of staff with his walking stick",
    "a resident struck one of our carers with her walking frame, cut to the head, paramedics "
    "came",
    "the resident struck a member of staff with a walking stick, bleeding, ambulance called",
    "a family member struck one of our carers with a chair, she went to A&E",
    "service user struck a member of staff with his zimmer frame, graze on her arm, nurse "
    "dressed it",
    "the service user struck one of the day care staff with his walking stick, ambulance called",
    # hit hard by a person: the figure "hit hard" hid the blow
    "our staff were hit hard by the resident",
    "the resident hit us hard",
    "a service user hit our carer hard",
    "mr b hit our staff hard",
    "we were hit hard by a resident",
    "staff were hit hard by her son, twice",
    "a tenant hit our support worker hard",
]
SESSION_41_NEAR = [
    # a placement reference struck or knocked off a list, as an invoice's figure is
    "we knocked RC-101 off the list", "the panel struck RC-101 from the list",
    "the council struck ct-0901 off the invoice list", "knocked £200 off INV-2043",
    "the officer knocked r manager off the rota",
    "the council knocked us off the framework",
    "the officer knocked £200 off the invoice",
    "the officer knocked on our manager's door",
    "our manager knocked the ladder over",
    "the commissioner knocked our deputy off the panel",
    "the new rates knocked our manager for six",
    "the commissioner knocked 5% off our rates",
    "our manager was struck by the commissioner at the meeting, she had clearly read every file",
    "our deputy was struck by the commissioner at the meeting, she had done her homework",
    "our deputy was struck by the commissioner's tone at the meeting, she knew him from before",
    "our deputy was struck by the commissioner at the meeting, she knew her stuff",
    "the inspector struck staff as very caring",
    "the council struck staff off the list",
    "the new rota struck staff as unfair",
    "the panel struck our staff from the shortlist",
    "the idea struck staff at the meeting",
    "the fee cut hit us hard",
    "the news hit our manager hard",
    "the fee freeze hit our staff hard",
    "we were hit hard by the rate cut",
    "the pandemic hit our staff hard",
    # (the edges of the first version of these rules: raised URGENT by it)
    "the commissioner knocked our deputy down a peg",
    "you could have knocked me over with a feather",
    "covid struck staff and residents alike",
    "the flu struck staff at the home last week",
    "norovirus struck staff on the unit",
    "a resident's daughter hit us hard with a complaint",
    "the resident hit us hard with a complaint about the food",
    "we were hit hard by staff sickness",
    "the truck struck our carer in the car park",
]


@pytest.mark.parametrize("text", SESSION_41_BLOWS)
def test_session_41s_missed_blows_are_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", SESSION_41_NEAR)
def test_the_figures_beside_session_41s_missed_blows_are_not_raised(text: str) -> None:
    assert detect(text) is None


# What the provider owes its staff or a business is a payment, not money taken; an injury word
# told of the provider after a figure of a cut, an audit or a decision is a figure too.
SESSION_41_FIGURES = [
    "We owe staff £1,200 in back pay. Is CT-0901 paid?",
    "we owe staff £1,200 in back pay",
    "we owe our carers £3,000 in holiday pay",
    "we still owe staff £500 in mileage, when will the council pay CT-0901?",
    "I owe the agency £400 for cover shifts",
    "we owe the night staff £800 in overtime, is CT-0901 paid?",
    "the NHS cuts hit our staff hard and we are limping along",
    "the NHS audit hit us hard and we are bruised",
    "the council's decision hit us hard, we are bruised and battered",
    "the inspection hit us hard and we are bruised",
    "our carers were hit hard by the pay freeze",
    "the council owes our home £12,000",
    "the council owes the home £12,000 for RC-101",
]
SESSION_41_FIGURES_NEAR = [
    "the manager owes Mrs B £1,200 she took from her account",
    "a carer took £200 from a resident's purse",
    "the carer owes Mrs K £300 she borrowed",
    "her son owes her £5,000 and will not pay it back",
    "the manager owes Mrs B £1,200",
    "a carer owes RC-101 £200",
    "staff owe Mr B £50 from his allowance",
    "the carer owes the home £300 from mrs b's purse",
    "our staff were hit hard by the resident and are bruised",
    "we were hit hard by a service user and we are bruised",
    "the resident hit our staff hard and they are limping",
    "the NHS cuts hit our staff hard, one carer was punched by a resident",
    "the audit hit us hard and Mrs B is bruised",
    "the resident hit us hard and we are bruised",
    "our carer was hit hard by Mr B and is limping",
    "we were hit in the face by the nhs again, staff member had a nosebleed",
]


@pytest.mark.parametrize("text", SESSION_41_FIGURES)
def test_session_41s_payments_and_figures_are_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_41_FIGURES_NEAR)
def test_money_taken_and_blows_beside_session_41s_figures_are_raised(text: str) -> None:
    assert detect(text) is not None


# -- Session 41's review of the morning's rules ---------------------------------------------------
# Money owed to a person cared for ("owes our service user", "owes the service users") was read
# as owed to a business ("service"), and money owed to the home by someone who holds a person's
# money (power of attorney, a deputy, an appointee) as the home's own: both only asked, raised
# before the morning's rules.
SESSION_41_REVIEW_OWED = [
    "a carer owes our service user £200 she borrowed",
    "a carer owes our service user £200",
    "one of our carers owes the service user £300",
    "a support worker owes the service user £150",
    "a domiciliary carer owes a service user £80",
    "a carer owes our service users £500 from the residents' fund",
    "the carer owes the service users £400 from the tuck shop kitty",
    "a support worker owes the service user £150 and keeps putting off paying it back",
    "the carer owes our customer £120",
    "Mr K's daughter owes the home £6,000; she has power of attorney and stopped paying",
    "the son has lasting power of attorney and owes the home £8,000 in his mother's fees",
    "her nephew is her appointee and owes the home £2,000",
    "the daughter owes the home £3,000 and she is his deputy",
]
# ... and still not the provider's own payments.
SESSION_41_REVIEW_OWED_NEAR = [
    "we owe the service £300 for the training",
    "we owe staff £1,200 in back pay",
    "the council owes the home £12,000 for RC-101",
    "the council owes the service £5,000",
]


@pytest.mark.parametrize("text", SESSION_41_REVIEW_OWED)
def test_money_owed_to_someone_cared_for_or_by_their_attorney_is_raised(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "financial abuse"


@pytest.mark.parametrize("text", SESSION_41_REVIEW_OWED_NEAR)
def test_the_providers_own_payments_stay_quiet(text: str) -> None:
    assert detect(text) is None


# "X knocked Y out / over / down / flying" is a blow when a person (or the care's own equipment)
# knocks, not when an illness, a thing, the weather, a game or a performance does (raised URGENT
# by the morning's rules; nothing before).
SESSION_41_REVIEW_KNOCKED_FIGURES = [
    "the fee cut knocked the manager down",
    "the uplift letter knocked me flying",
    "covid knocked our manager out",
    "covid knocked our manager out, can the CT-0901 review move to next week?",
    "the norovirus knocked three carers out",
    "the bug knocked two of the night staff out",
    "that cold knocked me out",
    "the heat knocked her out",
    "the news knocked me over",
    "the price rise knocked our manager over",
    "the results knocked our manager over",
    "the inspection knocked the deputy flying",
    "the report knocked them over",
    "the tender knocked her out",
    "the panel knocked him down",
    "the commissioner knocked our deputy down in the scoring",
    "her singing knocked them out",
    "the choir knocked the residents out",
    "the residents loved skittles, Doris knocked them over every time",
    "Mr K knocked Mrs B out at bowls",
    "the quiz knocked Mrs B out",
    "the wind knocked our carer over in the car park",
    "the anaesthetic knocked him out",
    "the new rota knocked me out, I'm exhausted",
    "the late shift knocked her out",
    "the heatwave knocked residents out",
    "the smell knocked me over when I walked in",
    "Mrs B knocked her head on the table",
    "the flu went round and knocked three carers out",
    "the carer knocked her head on the cupboard",
]
SESSION_41_REVIEW_KNOCKED_BLOWS = [
    "the carer knocked mrs b over",
    "a visitor knocked over a resident in the car park",
    "a carer in a hurry knocked over mrs b in the corridor",
    "a vistor knocked over mr k in the loung",
    "the agency worker knocked the resident off the commode",
    "a carer knocked mrs b's head against the door frame while transferring her",
    "the hoist knocked her over",
    "the door knocked mr k over",
    "a resident knocked our carer out",
    "her son knocked her over",
    "the visitor knocked the nurse flying",
    "knockd our carer off the step ladder",
    "a carer in a hurry knocked Mrs Patel over in the corridor, she has a cut on her arm",
    "resident knocked a carer over, she has a bruised hip",
    "staff knocked him over while rushing and he broke his hip",
    "Someone knocked Mrs B to the floor in the dining room",
    "the night carer knocked RC-101 unconscious",
    "the sleeping tablets knocked her out and staff left her in the chair all day",
    "the carer knoked mrs b ovr",
    "the hoist sling knocked Mrs B's head",
    "the carer rushed in and knocked mrs b over",
    "the carer, in a rush, knocked mrs b over",
    "a resident knocked the carer over during the quiz",
    "at bowls a resident knocked mrs b to the ground",
    "during bingo a visitor knocked mrs b down",
    # (a long sentence typed without stops: who knocked lies more than the window before it)
    "the agency carer from the new provider that only started on monday without the moving "
    "and handling course at the main office in the town centre last month despite all the "
    "emails about the rota and the training matrix and the new policy on transfers with the "
    "standing aid in the lounge area near the big window by the garden doors on the ground "
    "floor of the old building at the back of the car park on the corner knocked mrs b over",
    "a visitor pushed past and then knocked our carer flying",
    "the carer knocked mrs b with the hoist and she has a skin tear",
]


@pytest.mark.parametrize("text", [
    "the medication knocked him out so he slept through lunch",
    "the tablets knocked mrs b out",
    "her PRN knocked her out for the afternoon",
])
def test_a_medicine_knocking_someone_out_is_asked_about(text: str) -> None:
    # (possible sedation: raised URGENT as a blow by the first rules, read as nothing once a
    # thing knocks nobody over)
    assert detect(text) is None
    assert unsure(text) is not None


@pytest.mark.parametrize("text", [
    "struck by a resident, our carer needed stitches",
    "Struck by a resident. Our carer needed stitches",
    "staff were struck several times by Mr P",
    "our carer was struck three times by a resident",
])
def test_struck_by_a_person_at_the_start_or_several_times_is_a_blow(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


@pytest.mark.parametrize("text", [
    "struck by the staff at the home, they were lovely",
    "struck by the commissioner's tone at the meeting",
    "i was struck several times by the manager's patience",
])
def test_an_impression_at_the_start_or_several_times_stays_quiet(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_41_REVIEW_KNOCKED_FIGURES)
def test_a_thing_a_game_or_an_illness_knocking_someone_out_is_no_blow(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_41_REVIEW_KNOCKED_BLOWS)
def test_a_person_knocking_someone_over_is_raised(text: str) -> None:
    assert detect(text) is not None


# "hit us hard" by a person online, in the press or on quality is criticism, not a blow.
SESSION_41_REVIEW_HIT_HARD_FIGURES = [
    "the daughter hit us hard online",
    "the daughter hit us hard on facebook",
    "the daughter hit us hard in the press",
    "the daughter hit us hard on twitter",
    "she hit us hard on quality at the review",
    "the commissioner emailed; she hit us hard on quality",
    "the commissioner hit our staff hard on quality",
]
SESSION_41_REVIEW_HIT_HARD_BLOWS = [
    "the resident hit us hard",
    "our staff were hit hard by the resident",
    "mr b hit our staff hard",
    "he hit our manager hard",
    "a tenant hit our support worker hard",
    "the resident hit us hard and we are bruised",
]


@pytest.mark.parametrize("text", SESSION_41_REVIEW_HIT_HARD_FIGURES)
def test_a_person_hitting_us_hard_online_or_on_quality_is_a_figure(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SESSION_41_REVIEW_HIT_HARD_BLOWS)
def test_a_person_hitting_us_hard_is_still_a_blow(text: str) -> None:
    assert detect(text) is not None


# Session 41's final review: blows still read as nothing or only asked about.
SESSION_41_FINAL_REVIEW_KNOCKED = [
    # ... into or against a thing of two words
    "A visitor knocked Mrs Hale into the wardrobe door during an argument",
    "A member of staff was knocked into the fire door by Mr F this afternoon",
    "My colleague saw the agency nurse knock Mr Ross against the bed rail on purpose",
    # ... by a person told of in a longer way
    "Mrs B was knocked to the ground by a visiting relative",
    "knocked to the ground by a visiting relative, RC-220 is now in A&E",
    "Mrs Okafor was knocked against the door by the day centre driver",
    # ... over with the care's equipment
    "the cleaner knocked mr adams ovr with the trolley and walked off",
]
SESSION_41_FINAL_REVIEW_STRUCK = [
    "a resident struck the commissioner during the monitoring visit",
    "a resident struck the social worker during the visit",
    "a visitor struck his father",
    "the son struck his father during the visit, staff heard it",
    "our carers have been struck several times by the gentleman in room 9 this week",
    "staff member struk by resident, small cut to lip",
]
SESSION_41_FINAL_REVIEW_NOT_BLOWS = [
    "the cleaner knocked it over with the trolley",
    "she knocked me over with a feather",
    "the news struck his father as odd",
    "a resident struck the commissioner as very kind",
    "we were struck by the gentleman in room 9, so polite",
    "cancer struck his father last year",
    "the inspector struck the commissioner as thorough",
    "she struck the social worker off the list",
    "the visitor struck his father's name off the form",
    "staff struck by how calm she was",
]


@pytest.mark.parametrize("text", SESSION_41_FINAL_REVIEW_KNOCKED + SESSION_41_FINAL_REVIEW_STRUCK)
def test_final_review_blows_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_41_FINAL_REVIEW_NOT_BLOWS)
def test_final_review_figures_stay_quiet(text: str) -> None:
    assert detect(text) is None


# Session 41's final review: one of the care staff owing a person cared for money (was only asked).
SESSION_41_FINAL_REVIEW_OWED = [
    "a care worker owes PL-77 money and keeps promising to pay it back",
    "our carer owes mrs b some money",
    "a member of staff owes the resident money",
]
SESSION_41_FINAL_REVIEW_NOT_OWED = [
    "the council owes PL-77 money for the top up",
    "PL-77 owes the home money",
]


@pytest.mark.parametrize("text", SESSION_41_FINAL_REVIEW_OWED)
def test_care_staff_owing_someone_cared_for_money_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_41_FINAL_REVIEW_NOT_OWED)
def test_money_owed_by_others_stays_quiet(text: str) -> None:
    assert detect(text) is None


# -- Session 45: a planned overdose, a reported threat and a shortage of carers missed; figures
# and plain facts raised or asked about -------------------------------------------------------
SESSION_45_RAISED = [
    # someone cared for talking of or planning an overdose (was only asked about)
    "mrs b is thinking about taking all her tablets",
    "he keeps saying he'll take all his pills",
    "she's been saving up her tablets",
    "RC-101 has been talking about swallowing all of her painkillers",
    # someone else's threat reported without a comma or quotes (was not raised)
    "she screamed i'll kill the lot of you",
    "he shouted i'm going to hit you",
    "mr d yelled he would kill everyone in the lounge",
    # a shortage of carers, nurses, hands or people on shift leaving care not given
    "there aren't enough carers to get everyone up",
    "there arent enough nurses to turn everyone at night",
    "we haven't got enough hands on shift so people are left in bed till lunch",
    "not enough people on shift to give the meds out",
    "residents are not being fed properly because we are short of carers",
    # (session 46) someone cared for hoarding their medicines: an overdose risk
    "RC-101 has pills saved up in her drawer",
    "rc101 has tablets saved up in her bedside drawer",
    "mrs b has been hiding her tablets under her mattress",
    "he's been stockpiling his meds",
    "rc-204 has been squirrelling away her tablets",
    "mr d has got a load of pills stashed in his room",
    "found a stash of tablets in her room",
    "shes been hoarding her painkillers in her handbag",
    # (session 46) a shortage with care left undone, or a tradesperson's harm, stays raised
    "we're short staffed and nobody has been fed",
    "not enough carers to get everyone up",
    "the plumber hit mrs b",
    "a resident said the plumber touched her",
    "the electrician hasnt turned up and mrs b has been without heating for two days",
    "the engineer hasnt turned up, the hoist is broken and RC-101 has been in bed 2 days",
]
SESSION_45_QUIET = [
    # the press harassing staff is no concern about a person cared for
    "the local paper keeps ringing our carers, it's harassment",
    "our carers are being harassed by journalists outside the home",
    # money the council owes to a family or an estate
    "the council owes £300 to the family of the late mrs j",
    # a rating's figurative blow
    "punched in the gut by the RI rating",
    "we were punched in the gut by the inspection report",
    # a vented threat at a tradesperson about a machine
    "i'll strangle the photocopier repair man",
    # a medicine's time, and recruitment
    "she takes her sleeping tablets at 10pm",
    # (session 46) a tradesperson's no-show vented at, money owed to one, one's own boss, and
    # medicines kept as the home's stock
    "i could kill the plumber, he still hasnt turned up",
    "i could kill the plumber he still hasnt turned up",
    "im going to murder the electrician, he never showed",
    "i could strangle the gas engineer, still hasnt turned up",
    "the window cleaner hasnt been paid and keeps ringing",
    "the gardener hasnt been paid and keeps phoning",
    "window cleaner not been paid, keeps calling the office",
    "my boss is doing my head in",
    "my manager is doing my head in",
    "my boss is doin my head in today",
    "we have pills saved up for the weekend round in the drawer",
    "the pharmacy saved up the repeat prescriptions",
    "we keep tablets saved up in the clinic room for the weekend",
    "we are understaffed and can't recruit, the money isn't there",
    # (a shortage told about work stays quiet)
    "we don't have enough carers for the new contract",
]


# Session 46: a staffing shortage typed alone, nobody's care said to be left undone, is no
# urgent case: asked about at most; with recruitment or money beside it, nothing.
SESSION_46_SHORTAGE_ALONE = [
    "we're short staffed",
    "were short staffed",
    "we are understaffed again",
    "short staffed this week",
    "not enough staff",
    "we're so short-handed at the moment",
]


@pytest.mark.parametrize("text", SESSION_46_SHORTAGE_ALONE)
def test_a_shortage_alone_is_asked_about_at_most(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", [
    "can't recruit, the money isn't there",
    "cant recruit, the money isnt there",
    "we can't recruit, there's no money",
])
def test_recruitment_and_money_alone_are_neither_raised_nor_asked(text: str) -> None:
    assert (classify(text), unsure(text)) == (None, None)


@pytest.mark.parametrize("text", SESSION_45_RAISED)
def test_session_45s_missed_concerns_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_45_QUIET)
def test_session_45s_false_alarms_are_neither_raised_nor_asked(text: str) -> None:
    assert (classify(text), unsure(text)) == (None, None)


@pytest.mark.parametrize("text", [
    "I want to take all my tablets",
    "i've been thinking about taking all my tablets tonight",
])
def test_the_writers_own_planned_overdose_stays_their_own_crisis(text: str) -> None:
    assert (writers_own_crisis(text), detect(text)) == (True, None)


@pytest.mark.parametrize("text", [
    "mrs b is thinking about taking all her tablets",
    "he keeps saying he'll take all his pills",
])
def test_someone_elses_planned_overdose_is_no_crisis_of_the_writer(text: str) -> None:
    assert writers_own_crisis(text) is False


@pytest.mark.parametrize("text", [
    "he wants to take all his tablets himself",
    "she wants to take all her tablets in the morning",
    "we are going to take all her tablets back to the pharmacy",
])
def test_taking_all_of_ones_tablets_oneself_or_back_is_no_planned_overdose(text: str) -> None:
    assert detect(text) is None


# -- Session 45's review of the day's reading: a set-aside hiding a concern beside it, phone
# spellings and the press, missed; joking threats and business, raised ---------------------------
SESSION_45_REVIEW_RAISED = [
    # a set-aside covers its own clause only: the theft beside the money owed is raised
    "council owes money to the family of the late mr q and a carer also took his watch",
    # theft by staff from a resident who has died
    "a carer took the late mr q's watch",
    # a reported threat at a whole group, spelt as on a phone
    "she screamed ill kill the lot of you",
    "she screamd ill kill the lot of u",
    "she screamed i'll kill the lot of u",
    # a shortage of carers leaving calls missed, with where
    "arent enough carers so calls are being missed on the north run",
    # the press or staff exposing someone cared for
    "the press photographed mrs j in her nightie in the garden, she didnt consent",
    "the newspaper printed room 4's diagnosis and full address",
    "the press keep ringing mr l's family, hes really distressed by it",
    "a photographer from the paper took pictures of a resident through her window without consent",
    "a journalist photographed a resident in her nightie",
    "a carer posted a photo of a resident on facebook without consent",
    # medicines given for the staff's convenience
    "she takes her sleeping tablets at 6pm so the staff can have a quiet night",
    "but tonight night staff gave them at 7 so she'd be quiet",
    # a planned overdose, typed in a hurry
    "mrs b thinkin about takin all her tablets, shes been v low",
    # a carer in a sexual relationship with a resident
    "1 of our carers is sleeping with a resident",
]
SESSION_45_REVIEW_QUIET = [
    # a joking threat at the writer's own team
    "i'll kill the lot of you if the rota isnt done by friday lol",
    "i'll kill the lot of you if the rota isnt done lol",
    "im gonna kill the lot of you if someone doesnt make me a brew haha",
    # a vent at a tradesperson, engineer or contractor
    "im going to strangle the boiler engineer, 3rd no show",
    "im going to strangle the boiler engineer",
    "i could kill the plumber",
    "i swear ill throttle the gas engineer lol",
    # money owed to the provider
    "They have not paid for three months",
    # figures: a settlement's blow, a tradesman's court threat, the heat in the office
    "punched in the gut by the budget settlement",
    "our manager got punched in the gut by the funding settlement",
    "the tradesman is threatening to take us to court over his invoice",
    "this heatwave is going to kill the lot of us in the office haha",
    # business questions of calibration set 30
    "council has issued us with a default notice over missed calls. how do we respond?",
    "we want to hand back a package because family are abusive to carers. how do we do that "
    "properly?",
    "im so fed up. council ignores every email, 3 months waiting for a decision on a fee uplift "
    "request for a resident with dementia who now needs 1:1. who else can I go to?",
]


@pytest.mark.parametrize("text", SESSION_45_REVIEW_RAISED)
def test_session_45_reviews_missed_concerns_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_45_REVIEW_QUIET)
def test_session_45_reviews_false_alarms_are_neither_raised_nor_asked(text: str) -> None:
    assert (classify(text), unsure(text)) == (None, None)


# Session 45's final review: the fixes caught the review's lines but not their neighbours. Each
# class by its words: a threat told with stab, smother, poison, burn, strangle, hurt or kill; an
# overdose planned by someone cared for (swallow or take all their pills, tablets, meds); covert
# medicine (crushed or hidden in food or drink without them knowing); a sedative given just to
# keep someone settled or quiet; a photo of someone cared for put on any social network; care
# supplies run out so carers reuse them. Each was only asked, or missed.
SESSION_45_FINAL_RAISED = [
    "resident in rm 3 said hed stab the staff tonite",
    "mr r said he's gonna stab sum1 on the unit",
    "the daughter said shes going to smother her mum",
    "her son said he'd poison her if she changed the will",
    "resident in room 2 keeps saying he'll burn the staff",
    "he told the nurse he's going to hurt his wife when she visits",
    "mr d keeps sayin he'll swallow all his pills tonite",
    "room 6 says shes going to take all her painkillers tonight",
    "nurse is crushing lorazepam into mr h's tea without him knowing so he stops shouting",
    "staff hide her tablets in her yoghurt without her knowing",
    "staff r giving mrs o her prn lorazepam every nite just to keep her settled",
    "they give room 9 his prn every night just to keep him quiet",
    "staff put a pic of mr g asleep with his mouth open on snapchat",
    "carer posted a pic of a resident on insta",
    "a carer put a video of room 4 on whatsapp",
    "night staff posted a photo of mrs t on fb",
    "gloves n pads ran out so carers r reusing them",
    "we've run out of gloves so staff are reusing them",
    "carers are reusing pads because theyve run out",
]
SESSION_45_FINAL_QUIET = [
    "this tender is killing me",
    "i could strangle the printer",
    "what is our policy on covert medication?",
    "we have run out of gloves in the office, where do we order more?",
    "can we post a photo of the garden party on facebook?",
    "i'll kill the lot of you if the rota isnt done lol",
]


@pytest.mark.parametrize("text", SESSION_45_FINAL_RAISED)
def test_session_45_final_reviews_neighbouring_words_are_raised(text: str) -> None:
    found = classify(text)
    assert found is not None, (text, unsure(text))
    assert found.disclosure, (text, found)


@pytest.mark.parametrize("text", SESSION_45_FINAL_QUIET)
def test_session_45_final_reviews_everyday_words_are_not_raised(text: str) -> None:
    assert detect(text) is None


# Session 45's last review: "they also missed the meeting" typed at a form's summary was an
# URGENT concern (the model, 0.96). A meeting, a deadline, a payment or e-mails missed are not
# raised; missed calls, visits or meds, or harm told beside them, are read as before.
@pytest.mark.parametrize("text", [
    "they also missed the meeting",
    "the council missed the payment deadline again",
    "they ignored 3 emails and missed the contract meeting",
])
def test_a_meeting_or_a_deadline_missed_is_not_raised(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [
    "they missed her meds",
    "they missed the meeting and mrs b was left alone",
    "the carer missed the visit",
])
def test_care_missed_beside_them_is_still_raised(text: str) -> None:
    found = classify(text)
    assert found is not None
    assert found.disclosure


# Session 46's second safeguarding brief (sg2): the council ignoring the provider, medicines kept
# in a locked cabinet, a person cared for stuck after an engineer's or a lift's failure.
SESSION_46_SG2_RAISED = [
    # someone cared for ignored, locked in: raised as before
    "staff ignored mrs b for 3 weeks",
    "they ignored her call bell all night",
    "the carers ignored RC-101 when he asked for the toilet",
    "he is locked in his room",
    "they lock her in the cabinet room at night",
    # a person cared for stuck, care left undone (was only asked about)
    "the hoist engineer hasnt come and mrs b is stuck in bed",
    "the lift is broken and RC-101 has been stuck upstairs for 3 days without a wash",
    # the provider ignored beside care that may not be happening: read as before
    "they keep ignoring us and we have no idea when the visits will start",
    "they ignored us when we raised concerns about her",
]

SESSION_46_SG2_QUIET = [
    # the council (or "they") ignoring the provider: no concern about anyone cared for
    "they ignored us for 3 weeks, is that allowed?",
    "the commissioner has ignored our emails for a month",
    "we've been ignored by the council since the tender",
    # an engineer late or in traffic, nobody cared for named
    "the hoist engineer hasnt come yet",
    "the engineer is stuck in traffic",
]

# Medicines kept locked away: storage, not anyone locked in.
SESSION_46_SG2_STORAGE = [
    "his tablets are kept in the locked cabinet in his room",
    "her medication is kept in a locked cupboard in her room",
]


@pytest.mark.parametrize("text", SESSION_46_SG2_RAISED)
def test_session_46_sg2_concerns_are_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", SESSION_46_SG2_QUIET)
def test_session_46_sg2_false_alarms_are_neither_raised_nor_asked(text: str) -> None:
    assert (detect(text), classify(text), unsure(text)) == (None, None, None)


@pytest.mark.parametrize("text", SESSION_46_SG2_STORAGE)
def test_medicines_kept_in_a_locked_cabinet_are_not_raised(text: str) -> None:
    assert detect(text) is None
