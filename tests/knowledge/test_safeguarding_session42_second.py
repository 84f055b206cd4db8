"""Session 42's second safeguarding brief, read by ``knowledge.safeguarding`` alone.

A console trial: "hit with" a thing (changes, fines, costs, a bill, news, a deadline, paperwork)
raised URGENT as physical abuse; how-to questions about what someone cared for told the writer;
a person cared for not answering for days only asked about; a council under-paying an invoice
asked about.
"""

from __future__ import annotations

import pytest

from knowledge.safeguarding import classify, detect, unsure

# "Hit with" a thing: a figure of speech for a business or its staff, each raised URGENT
# (physical abuse) or asked about before.
HIT_WITH_A_THING = [
    "I'm sick of being hit with last minute changes to the spec",
    'getting hit with fines for late returns is a joke',
    'we keep getting hit with fines for late returns',
    'we were hit with fines for the late submission',
    'we got hit with costs we never budgeted for',
    "we've been hit with a bill for the portal upgrade",
    'hit with more paperwork again this week',
    'we were hit with the news on friday that the contract is ending',
    'we got hit with a deadline of friday for the returns',
    'being hit with new deadlines every week is exhausting',
    'the team keeps getting hit with last-minute changes to the rota template',
    'we were hit with changes to the spec at the last minute',
    'just got hit with a load of paperwork from the council',
    'we are being hit with rising costs from every side',
    'we were hit with charges for the training we never had',
    'the home was hit with costs for the new fire doors',
    'we got hit with a huge bill for agency staff',
    'got hit with extra costs for the software licence',
    'we were hit with loads of new paperwork after the inspection',
    'providers are being hit with fines for late data returns',
    'hit with fines again for late returns, not happy',
    'so fed up of being hit with changes to the framework',
    "we've been hit with late changes to the tender spec",
    'our manager got hit with a pile of paperwork on her first day',
    'we keep being hit with new requirements from the commissioners',
    'we were hit with short notice changes to the contract',
    'hit with changes to the spec three days before the deadline',
    'getting hit with penalties for late invoices again',
    'we got hit with backdated charges for the portal',
    "we've just been hit with an unexpected tax bill",
    'hit with a tight deadline for the market position statement',
    'the office got hit with a flood of emails after the announcement',
    'we were hit with demands for more data every month',
    'we got hit with new rules on mileage claims',
    'I was hit with a mountain of paperwork after the audit',
    'we have been hit with higher costs across the board',
    'the agency was hit with fines for late returns last year',
    'sick of getting hit with last minute requests from the brokerage team',
    'we keep getting hit with new forms to fill in',
    'we were hit with a raft of changes to the spec',
    'got hit with costs of £4,000 for the repairs',
    'we were hit with bad news about the uplift',
    'being hit with fines for late returns is really unfair on small providers',
    'we get hit with paperwork every time the rules change',
]
# ... while "hit with" a belt, a stick, a slipper, a shoe or a hand is a blow, raised as before.
HIT_WITH_A_BLOW = [
    'she was hit with a belt by her son',
    'Mrs K was hit with a stick',
    'RC-101 says she was hit with a slipper',
    'he was hit with a shoe by another resident',
    'the carer hit him with her hand',
    'Mr B was hit with his own walking stick by a visitor',
    'a resident told me she was hit with a belt',
    'I saw the carer hit Mrs K with a slipper',
    'her husband hit her with a belt last night',
    'RC-204 was hit with a stick in the garden',
    'the lady at RV-0042 said she gets hit with a shoe when she wets herself',
    'he hit her with his hand across the face',
    'she has been hit with a belt, she has marks on her legs',
    'the night carer hit the resident with a towel',
    'the resident was hit with a shoe by his daughter',
    'mum says she is being hit with a wooden spoon',
    'he was hit with a slipper at bedtime',
    'Mrs D was hit with a hairbrush by her carer',
    'her son hit her with a stick and she has a bruise',
    'our client was hit with a belt buckle by her partner',
    'a visitor hit Mr T with a walking stick',
    'she got hit with a shoe by another resident in the lounge',
    'RC-101 was hit with her own handbag by a relative',
    'the carer hit her with the back of his hand',
    'he was hit with a belt as a punishment',
    'I think she is being hit with a stick at home',
    'the agency worker hit Mr P with a slipper',
    'Mrs A has been hit with a shoe, her arm is bruised',
    'he keeps getting hit with a belt by his brother',
    'she was hit with his hand when she refused to eat',
    'the client said she was hit with a cane',
    'a resident got hit with a slipper by the night staff',
    'Mr K was hit with a mop by a cleaner',
    'her daughter hit her with a shoe',
    'the resident was hit with a walking stick on her arm',
    'RC-0101 was hit with a belt yesterday',
    'she is being hit with slippers by her carer',
    'he was hit with a plate by another resident',
    'she was hit with a ruler by the night carer',
    'the man at RV-0042 gets hit with a belt when he is late',
    'my mum was hit with a stick by her neighbour',
    'our service user was hit with a broom',
]


@pytest.mark.parametrize("text", HIT_WITH_A_THING)
def test_hit_with_a_thing_is_neither_raised_nor_asked(text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", HIT_WITH_A_BLOW)
def test_hit_with_a_belt_a_stick_a_shoe_or_a_hand_is_raised_as_physical_abuse(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "physical abuse"


# What to do if someone cared for tells of harm, asked of anyone who may one day tell it: a how-to
# question (all but the first three were raised URGENT before, their "her" or "him" read as a
# real person; the first had no word of the topic for the guidance).
ASKS_WHAT_TO_DO_WHEN_TOLD = [
    'what should i do if a resident tells me a carer hit them',
    'what do i do if a service user says staff shouted at her',
    'if a client tells me her son takes her money who do i tell',
    'what should I do if a resident says a carer pushed him',
    'who do i tell if a client says her daughter takes her pension',
    'what do we do if a resident tells us a member of staff slapped her',
    'if a service user tells me a carer was rough with her what should i do',
    'what should i do if a client says her carer shouts at her',
    'how do i report it if a resident tells me another resident hit him',
    'what happens if a client tells me her neighbour is taking her money',
    'who should i contact if a service user says a carer hurt her',
    "what's the right thing to do if a resident tells me a nurse hit her",
    'what should staff do if a resident says her son hits her',
    'if a resident tells me a carer hit them what do i do',
    'what do i do if a service user discloses that staff swore at him',
    'if a client says her grandson steals from her who do i report it to',
    'how should i respond if a resident tells me she was hit by a carer',
    'what do i need to do if a client tells me someone is taking her money',
    'who do i report to if a resident says a carer grabbed her arm',
    'what should a carer do if a service user says her husband hits her',
    'what should i do if a resident tells me staff ignore her buzzer',
    'if a tenant tells me her son takes her bank card who should i tell',
    'what should i do if someone i support tells me a carer hit them',
    'what do i do if a resident alleges a carer hit them',
    "what's the process if a service user tells us a carer shouted at her",
]
# ... while a telling that happened, someone named, "my mum", a time or an injury told beside it
# is a disclosure, raised as before.
TOLD_NOT_ASKED = [
    'what should I do, a resident told me a carer hit her',
    'a resident tells me a carer hit her, what should i do',
    'what should i do if mrs k tells me her son hits her',
    'what do i do, if a resident says a carer hit her today',
    'when a resident tells me her son hits her i never know what to do',
    'when a resident tells me her son hits her i feel awful',
    'whenever a client says her son takes her money i feel sick',
    'what should i do if RC-101 tells me a carer hit her',
    'what should i do if a resident tells me a carer hit her again',
    'a client told me her son takes her money, who do i tell',
    'if a resident tells me a carer hit her. she has bruises on her arm',
    'what do i do if my mum says a carer hit her',
    'what should i do if a resident tells me a carer hit her, she has a bruise',
]

# Someone cared for not answering for days, or with the signs of days (curtains shut, milk on
# the step, post piling up): a welfare emergency, raised (most were only asked about).
NOT_ANSWERING_FOR_DAYS = [
    'the lady on tuesday round wasnt answering and her curtains have been shut for 3 days',
    'mr k hasnt answered the door since friday and his milk is still on the step',
    'RC-101 hasnt answered her door for two days and her curtains are still closed',
    'mrs b wasnt answering the door this morning and her post is piling up',
    'the man at RV-0042 hasnt answered his phone or the door since monday',
    "no answer at mrs d's door for 3 days, curtains shut, lights on all night",
    'the client on the wednesday round has not answered the door for two days',
    'mr p isnt answering his door and the newspapers are piling up on the mat',
    'our lunchtime client wasnt answering again today and her curtains have been '
    'drawn since sunday',
    'RC-204 has not opened the door for our carers since saturday',
    'nobody has seen mrs h since friday, she isnt answering the door or her phone',
    'the gentleman on the evening round hasnt answered for 2 days and his bins are still out',
    'the lady at flat 3 wasnt answering and her milk has been on the step since thursday',
    "carers couldnt get an answer at mrs t's for the third day running, curtains still closed",
    "mr j hasnt answered the door all weekend and there's mail piling up",
    'our service user on the morning round isnt answering the door and her blinds '
    'have been down for days',
    'RC-0101 has not been answering the door or the phone for 48 hours',
    'the client at RV-0042 wasnt answering today, her curtains have been shut since '
    'monday and the tv is on loud',
    'mrs s hasnt answered the door for three visits in a row, the key safe is empty',
    'mr w wasnt answering when the carer called yesterday or today and his lights are off',
    "no reply at mr c's door for two days, his milk bottles are still outside",
    "the lady on thursday's round hasnt answered since the weekend, curtains closed "
    'and post on the mat',
    'RC-310 wasnt answering her door again and the neighbour hasnt seen her for days',
]
# ... while where they are known to be, one visit unanswered, or someone of the council's or the
# business not answering mail is not raised.
NOT_ANSWERING_NEAR = [
    "mrs b's social worker hasnt answered my emails for 3 days",
    'the council hasnt answered our invoice query since monday',
    'mr k hasnt answered the door since friday, he is in hospital',
    'the lady on tuesday round wasnt answering, turned out she was at her daughters for 3 days',
    'the commissioner hasnt replied since friday',
    'mrs b hasnt replied to my letter for 3 weeks',
    'the finance team hasnt answered since friday',
    'she hasnt answered my texts for 3 days',
    'mr k is on holiday so he hasnt answered the door since friday',
    'the brokerage team have not answered the phone for two days',
    'our manager hasnt answered her phone since monday',
    'the lady on tuesday round wasnt answering but she was fine when we rang her daughter',
    'RC-101 hasnt answered the door for two days, she is staying with her son',
    'the client wasnt answering so we left a card',
    'mr d didnt answer the door today',
]

# An invoice short-paid or underpaid by the council, and the money it says is missing: business
# (the first and a few others were asked "Is this about someone's safety?", one raised URGENT).
SHORT_PAID = [
    'missing money again, they short paid INV-3 by 400 quid',
    'the council short paid INV-12 by £400',
    "they've short-paid invoice INV-7 again, £250 missing",
    'INV-3 was underpaid by £400, money missing again',
    'missing money on the remittance, the council paid INV-9 £300 short',
    'the council still owes us £1,200 on INV-4',
    'they only paid half of INV-22, £600 missing',
    'missing payment again, INV-15 has not been paid in full',
    'the la underpaid our invoice by £350 this month',
    "£400 missing from the council's payment for INV-3",
    "the council's remittance is short by £180 for INV-8",
    'they short paid us again, missing £95 on INV-11',
    'money missing from the council payment again, INV-2 short by £75',
    'the remittance for INV-30 is £500 short, who do i chase',
    'INV-3 short paid by £400, can someone look at it',
    'the council have deducted £200 from INV-6 without telling us',
    'another short payment on INV-14, £120 missing',
    'the payment for INV-5 came in £300 less than invoiced',
    'still missing £400 from the council on INV-3',
    'the council short paid INV-19 and INV-20, about £900 missing in total',
    'missing money again!! they short paid INV-3 by 400 quid',
    'they keep short paying our invoices, £400 missing on INV-3',
    'the icb short paid INV-41 by £1,000',
    'the council underpaid INV-3, 400 quid missing',
]
# ... while someone's own money missing beside it is read as before.
SHORT_PAID_NEAR = [
    "missing money again from mrs b's purse, and they short paid INV-3 by 400 quid",
    "they short paid INV-3 and £40 is missing from RC-101's cash tin",
    "money missing again from a resident's room, the council also underpaid INV-3",
    'missing money again, the carer took £50 from her purse',
    'missing money again, £400 gone from his account',
    "money keeps going missing from the residents' safe and INV-3 was short paid",
    'the council short paid INV-3, and her son has been taking her pension',
]


@pytest.mark.parametrize("text", ASKS_WHAT_TO_DO_WHEN_TOLD)
def test_what_to_do_if_someone_tells_of_harm_is_a_how_to_question(text: str) -> None:
    found = classify(text)
    assert found is not None
    assert found.label == "howto"


@pytest.mark.parametrize("text", TOLD_NOT_ASKED)
def test_harm_told_that_happened_is_still_a_disclosure(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", NOT_ANSWERING_FOR_DAYS)
def test_someone_not_answering_for_days_is_raised(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", [
    "the lady on tuesday round wasnt answering and her curtains have been shut for 3 days",
    "mr k hasnt answered the door since friday and his milk is still on the step",
])
def test_the_briefs_unanswered_doors_are_raised_as_neglect(text: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.kind == "neglect"


@pytest.mark.parametrize("text", NOT_ANSWERING_NEAR)
def test_not_answering_with_no_days_or_where_they_are_known_is_not_raised(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", SHORT_PAID)
def test_an_invoice_short_paid_is_neither_raised_nor_asked(text: str) -> None:
    assert classify(text) is None
    assert unsure(text) is None


@pytest.mark.parametrize("text", SHORT_PAID_NEAR)
def test_someones_own_money_missing_beside_a_short_payment_is_raised_or_asked(
        text: str) -> None:
    assert detect(text) is not None or unsure(text) is not None
