"""How the safeguarding check reads words that brush against harm (session 34's user trial, a
provider typing on the console demo): raised, asked about, or left to the knowledge base."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseKind, Deadline, OutboxMessage, Question
from tests.factories import make_incoming
from tests.handlers.conftest import SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py: a dialog file

RAISED = "This sounds like a safeguarding concern"
ASKED = "Is this about someone's safety?"
GUIDANCE = "Raising a safeguarding concern\n"


def _replies(router: Router, text: str) -> list[Reply]:
    return router.handle(make_incoming(text, sender=SAM))


def _nothing_raised(factory: sessionmaker[Session]) -> bool:
    with factory() as session:
        return (session.scalars(select(Case.id)).first() is None
                and session.scalars(select(OutboxMessage.id)).first() is None)


@pytest.mark.parametrize("text", [
    "Our carers are exhausted and being pushed to breaking point by the rota",
    "The council's late payments are hurting our staff, they feel abused",
    "We ran a session on spotting abuse and neglect for new carers",
    "Our manager was threatened with a tribunal by a former employee",
])
def test_the_providers_own_troubles_in_words_of_harm_raise_nothing(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The trial: each opened an URGENT case and alerted the hub.
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies)
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the carer pushed her to the floor",
    "The council's late payments are hurting our staff, they feel abused by Mr B's son",
    "We ran a session on spotting abuse and neglect, after it a carer told me RC-101 is hit",
    "Mr B was threatened with a knife by a visitor",
    "his son threatened him with court if he did not sign the house over",
])
def test_harm_beside_those_words_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED)
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "A resident was injured by a fall last month; the investigation is closed and the family "
    "is happy",
    "RC-101 had her safeguarding review today",
    "we spoke to the safeguarding hub about RC-101 today",
])
def test_what_is_past_or_with_the_hub_already_is_asked_about_not_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The trial: each opened an URGENT case ("a placement reference next to safeguarding").
    first, *_ = _replies(northshire_router, text)
    assert first.text.startswith(ASKED)
    assert [button.label for button in first.buttons] == ["Raise a concern now"]
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "A resident was injured by a fall last night and nobody knows how it happened",
    "we raised a safeguarding concern about RC-101 today, a carer slapped her",
    "I need to tell the safeguarding hub that RC-101 has bruises on her arms",
])
def test_an_injury_in_doubt_or_harm_told_to_the_hub_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED)


def test_a_reason_an_invoice_is_not_applicable_is_not_asked_about(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # The trial: "/not-applicable 1 council says they never got it" was asked "Is this about
    # someone's safety?".
    assert _replies(northshire_router, "/invoice received INV-1 2026-11-02 100 none")[0].text \
        .startswith("Invoice INV-1")
    with factory() as session:
        number = session.scalars(select(Deadline.id).where(Deadline.rule == "payment")).one()
    replies = _replies(northshire_router, f"/not-applicable {number} council says they never "
                                          "got it")
    assert not any(reply.text.startswith((ASKED, RAISED)) for reply in replies)
    with factory() as session:
        assert session.scalars(select(Case.id)).first() is None
        # the only message out: the commissioner told the invoice was marked not applicable
        assert session.scalars(select(OutboxMessage.kind)).all() == ["deadline.not_applicable"]


def _entry_kept(factory: sessionmaker[Session]) -> str | None:
    with factory() as session:
        return session.scalars(select(Question.entry_id)).one()


@pytest.mark.parametrize(("text", "entry"), [
    ("How do we safeguard our cashflow when invoices are paid late?",
     "payment-terms-late-payment"),
])
def test_an_ordinary_question_with_a_word_of_safeguarding_gets_the_knowledge_bases_answer(
        northshire_router: Router, factory: sessionmaker[Session], text: str,
        entry: str) -> None:
    # The trial: each got the raise-a-concern guidance instead.
    [reply] = _replies(northshire_router, text)
    assert not reply.text.startswith(GUIDANCE)
    assert entry in reply.text or _entry_kept(factory) == entry
    assert _nothing_raised(factory)


def test_a_councils_abuse_of_its_position_is_not_a_safeguarding_question(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    replies = _replies(northshire_router, "Can the council abuse its dominant position on price?")
    assert not any(reply.text.startswith((GUIDANCE, ASKED, RAISED)) for reply in replies)
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "what should I do if I suspect abuse?",
    "what should I do if I suspect neglect",
])
def test_what_to_do_about_abuse_of_any_kind_gets_the_guidance_and_the_button(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The trial: "abuse" got the financial-abuse entry alone, with no button.
    [reply] = _replies(northshire_router, text)
    assert reply.text.startswith(GUIDANCE)
    assert [button.label for button in reply.buttons] == ["Raise a concern now"]
    assert _entry_kept(factory) == "safeguarding-concerns"
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 34's review: harm told before "is that abuse?" got only the guidance once the
    # question's own word was no longer read as told (a reference in the person's place, and
    # harm the rules knew only in other words).
    "the night staff lock RC-101 in her room, is that abuse?",
    "RC-101's son lives off her pension, is that financial abuse?",
    "staff make RC-101 wait hours for the toilet, is that neglect?",
    # ... and crushed medicines with the plan or the clinician denied.
    "we crush her tablets even though the GP said not to",
    "we crush her tablets because she refuses them, we have not asked the GP",
    "staff are crushing tablets into food without advice from the pharmacist",
    # Session 34's second review: a reference in the person's place, other ways of waiting.
    "we've been crushing RC-101's meds into her tea, the pharmacist hasn't been asked",
    "we crush RC-101's tablets in her yoghurt even though the GP said not to",
    "staff leave RC-101 waiting hours for the toilet, is that neglect?",
    "RC-101 has to wait hours for the toilet at night, is that neglect?",
])
def test_harm_told_before_a_question_or_a_plan_denied_is_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


def test_crushing_agreed_with_the_gp_in_a_clause_of_its_own_is_not_raised(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's second review: "no concerns" after it was read as denying the GP's word.
    replies = _replies(northshire_router,
                       "we crush her tablets, the GP agreed it last week, no concerns")
    assert not any(reply.text.startswith(RAISED) for reply in replies)
    with factory() as session:
        assert session.scalars(select(Case.id)).first() is None


@pytest.mark.parametrize("text", [
    # Session 34's second review: told in the passive, only the guidance (with the question)
    # or only the safety question (without).
    "she gets sworn at by one of the staff, is that abuse?",
    "RC-101 gets sworn at by one of the staff",
])
def test_the_person_sworn_at_by_staff_told_in_the_passive_is_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "our staff get sworn at by residents", "we get shouted at by the council",
    "our manager was shouted at by her son",
    # (session 35: pushed around by a relative, the staff, not the person cared for)
    "the carers get pushed around by her son"])
def test_staff_or_the_provider_shouted_at_is_not_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies)


@pytest.mark.parametrize("text", [
    # Session 35's brief: "pushed around" was blanked as an idiom: only the guidance (with the
    # question) or only the safety question (without).
    "RC-101 gets pushed around by one carer, is that abuse?",
    "RC-101 gets pushed around by one carer",
    # ... and a reference in the person's place, left waiting for the toilet (asked about).
    "staff leave RC-101 waiting hours for the toilet",
    "staff make RC-101 wait hours for the toilet",
    # Locked in, out of reach: still raised beside a lock of her own choosing (below).
    "she locked herself in and staff could not reach her for an hour",
    # The mend's brief: staff pushing a person around, in the active voice (only "pushed
    # around by ..." was read as harm).
    "our carers pushed around RC-101 in the lounge",
])
def test_harm_told_by_a_carer_or_staff_is_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 35's brief: the provider's own troubles, its own choice, a training's title:
    # raised or asked "Is this about someone's safety?".
    "we get pushed around by the council",
    "our managers get pushed around by the commissioners",
    "our carers get pushed around",
    "she likes to lock herself in her room",
    "We ran a session on spotting abuse and neglect",
])
def test_no_harm_told_to_anyone_is_neither_raised_nor_asked_about(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 35's trial: raised URGENT (neglect) to the hub, the question not answered (a
    # client's house where it happened, "anyone" in the question, read as someone else).
    "our carer slipped on ice outside a clients house and broke her wrist, do we report that "
    "to anyone?",
    "one of our carers slipped on the wet floor and hurt her back",
    "I slipped on ice at a client's house and hurt my wrist, do I need to report it to anyone?",
])
def test_a_carers_own_accident_at_work_gets_the_riddor_answer_and_raises_nothing(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies)
    assert any(reply.text.startswith("RIDDOR - reporting accidents") for reply in replies), \
        [reply.text for reply in replies]
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 35's brief: "rough" of a hard time, a makeshift thing or a housing service opened
    # an URGENT case (physical abuse).
    "rough week, sorry",
    "it's been a rough day",
    "sorry for my language earlier, it's been a rough day",
    "the rota is a bit rough and ready",
    "the rough sleeping team referred him to us",
])
def test_a_rough_day_or_a_makeshift_thing_is_neither_raised_nor_asked_about(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "our carer slipped and fell onto Mrs RC-101 and she broke her wrist",
    "our carer slipped on ice outside a clients house and fell onto the client, who broke her "
    "wrist",
    "our carer slipped on ice outside a clients house and broke her wrist, the client was left "
    "alone all night",
])
def test_the_person_cared_for_hurt_beside_a_carers_fall_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the carer was rough with her",
    "rough handling",
    "handled RC-101 roughly",
    "staff are rough when they turn him",
    "she was treated roughly at night",
    "staff are rough day and night with RC-101",
])
def test_rough_handling_of_a_person_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 35's review: any question about a carer's own accident got the RIDDOR entry.
    "our carer slipped on ice outside a clients house and broke her wrist, can she claim sick "
    "pay?",
    "our carer slipped on ice outside a client's house and broke her wrist, will she still be "
    "paid while she is off?",
])
def test_a_carers_own_accident_with_another_question_does_not_get_the_riddor_answer(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(("RIDDOR", RAISED)) for reply in replies), \
        [reply.text for reply in replies]
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # Session 35's review: "I don't know".
    "carer was bitten by the clients dog at the client's house, do we report that to anyone?",
    "our carer slipped on ice outside a clients house and broke her wrist, who do we tell?",
    "our carer slipped on ice outside a clients house and broke her wrist, is it RIDDOR?",
    "our carer slipped on ice outside a clients house and broke her wrist, does it need "
    "reporting?",
    # Session 35's third review: questions of what to do were "I don't know" after the above.
    "our carer slipped on ice outside a client's house and broke her wrist, what do we need to "
    "do?",
    "our carer slipped on ice outside a client's house and broke her wrist, what are our "
    "obligations?",
    "our carer slipped on ice outside a client's house and broke her wrist, what paperwork do "
    "we need?",
])
def test_a_question_whether_to_report_a_carers_own_accident_gets_the_riddor_answer(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies)
    assert any(reply.text.startswith("RIDDOR - reporting accidents") for reply in replies), \
        [reply.text for reply in replies]
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    # The fix's brief: an URGENT case (staff pushing a person around read in a wheelchair
    # walk; a rough week after a dash, "just" or "and").
    "our carers pushed around the garden with RC-101 in her wheelchair, she loved it",
    "Apologies for the delay - a rough week with staff sickness",
    "just a rough day here, can you resend the invoice?",
    "busy and a rough week, sorry",
])
def test_a_walk_in_the_garden_or_a_rough_week_is_not_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "our carers pushed around RC-101 in the lounge",
    "our carers pushed around her in the lounge",
    "the staff pushed around the resident all morning",
    "the carers give her a rough time",
    "the night carer gave Mr B a really rough night",
])
def test_a_person_pushed_around_or_given_a_rough_time_by_staff_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


# Session 37's user trial (a provider on the console demo): business words that brush against
# harm opened an URGENT case at the hub (a charge one is hit with, exploitation by pay terms)
# or asked "Is this about someone's safety?" (the business or the staff's wellbeing at risk).
@pytest.mark.parametrize("text", [
    "we got hit with a penalty for late submission of our monitoring return, is that fair?",
    "punched way above our weight in the tender",
])
def test_a_charge_one_is_hit_with_raises_nothing_and_is_answered_or_handed_over(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith(RAISED) for reply in replies)
    assert _nothing_raised(factory)
    # The question goes to the knowledge base: answered, proposed or handed to a person.
    with factory() as session:
        assert session.scalars(select(Question.id)).first() is not None


@pytest.mark.parametrize("text", [
    "our care workers are being exploited on zero hours contracts because the rates are so low "
    "- does the pledge say anything about this?",
])
def test_exploitation_by_pay_terms_is_asked_about_and_the_question_answered(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    first, *rest = _replies(northshire_router, text)
    assert first.text.startswith(ASKED)
    assert [button.label for button in first.buttons] == ["Raise a concern now"]
    assert "Zero-hours contracts" in "\n".join(
        [reply.text for reply in rest] + [button.label for reply in rest
                                          for button in reply.buttons])
    assert _nothing_raised(factory)


def test_the_business_at_risk_in_a_disagreement_is_not_asked_about(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    _replies(northshire_router, "/conflict")
    replies = _replies(northshire_router, "the council has not paid our last three invoices and "
                                          "this is putting our cash flow at risk")
    assert not any(reply.text.startswith((ASKED, RAISED)) for reply in replies)
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "our care workers are exploited on zero hours contracts and their boss keeps their passports",
    # Session 37's review: a person beside a charge word (more, and the signs of slavery beside
    # a complaint about pay, in tests/knowledge/test_safeguarding.py).
    "my dad was slapped by a carer over the invoice",
])
def test_harm_in_the_same_shapes_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED)
    assert not _nothing_raised(factory)


# -- Session 38: a blow beside a council word, a person's hand striking (session 37's left) -----
@pytest.mark.parametrize("text", [
    # A council word beside "hit them" read as figurative: a blow with a thing or a body part,
    # or a person hit by a person with nothing to say it was a charge, is a blow.
    "the council officer hit them with a stick",
    "the commissioner hit them with a belt",
    "the council officer hit them with his fist",
    "the commissioner hit them with a shoe",
    "the commissioner hit them",
    "the council officer punched them",
    "the commissioner slapped them in the face",
    # A carer's hand striking someone is a blow, whatever it was "over".
    "struck by a carer's hand over fees",
    "she was struck by a carer's hand over the fees",
    "the carer struck him across the face",
])
def test_a_blow_beside_a_council_or_fee_word_is_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 37's left: the first seven were read as nothing, the last three only asked.
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the council hit us with a fee cut",
    "the council hit us with a penalty",
    "the commissioner hit us with a 10% cut",
    "the fee cut hit us hard",
    "the council hit them with a bill",
    "the council hit them with the new rates",
    "the commissioner hit them with the new rates",
    "we were struck by the fee cut",
    "we were struck off the framework",
    "the council struck us off the framework",
    "we struck a deal with the council on fees",
    "the commissioner struck a deal with them",
])
def test_a_council_or_a_fee_cut_hitting_or_striking_a_business_stays_quiet(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies
    assert _nothing_raised(factory)


# -- Session 38's review: those blows over-reached (URGENT at the hub for contract talk) -------
@pytest.mark.parametrize("text", [
    "the commissioner hit us with a letter",
    "the commissioner hit us with more work",
    "the commissioner hit us with an action plan",
    "the commissioner slapped us with a letter",
    "the commissioner hit us yesterday with the news",
    "the commissioner beat us down on price",
    "the commissioner beat us up over the late returns",
    "the commissioner kicked us when we were down",
    "the commissioner punched us in the gut with that decision",
    "the commissioner hit me up on email",
    "the panel struck him from the shortlist",
    "the nurse struck her signature through the MAR chart",
    "the senior struck her through the list as she was off sick",
    "the nurse struck her own head on the cabinet",
    # The second review: "us" with rate talk before it, and "again" or nothing after it
    "we asked for a 5% uplift and the commissioner beat us again",
    "we pushed back on the rates but the commissioner beat us again",
    "after the contract review the commissioner hit us again",
    "we asked about the tender and the commissioner beat us",
    "the uplift request went in and the commissioner kicked us again",
    # ... and the provider's staff hit with a rule, a charge or news (as at the session's
    # start, raised URGENT: staff are people, so no business word set it aside)
    "the commissioner hit our staff with extra paperwork",
    "the council hit our carers with new DBS rules",
    "the commissioner slapped our staff with a new code of conduct",
    "the council hit our staff with the pay freeze",
    "the council kicked our staff when they were down",
    "the commissioner kicked our staff off the ward",
])
def test_a_council_persons_figure_or_a_name_struck_off_raises_nothing(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # The review: each opened an URGENT physical-abuse case and alerted the hub.
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "our carer struck her head on the cupboard door when she bent down, she is fine",
    "the manager struck her hand on the door frame",
    "the nurse struck her knee on the bed",
])
def test_a_staff_members_own_knock_is_asked_about_not_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [first, *_] = _replies(northshire_router, text)
    assert first.text.startswith(ASKED), first.text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the commissioner hit them.",
    "the council officer hit them with a clipboard",
    "the commissioner hit them across the face",
    "the carer struck her face",
    "she was struck by the commissioner during the contract meeting",
    "RC-101 was struck by a carer",
    "the commissioner hit Doris",  # the second review: read as nothing
    "the commissioner hit our staff with a stick",  # staff hit with a thing in a hand
    "the council hit our staff and a resident",
    "the commissioner slapped doris across the face",
])
def test_a_blow_by_a_council_person_or_struck_by_a_person_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


# -- Session 41: session 40's left blows, and three of its false alarms ------------------------
@pytest.mark.parametrize("text", [
    "the officer knocked r manager off the ladder",
    "our deputy was struck by the commissioner at the meeting, she knew him from before",
    "resident struck staff, council contract manager asks if we report it",
    "service user struck a member of staff with his walking stick, bleeding from head, "
    "ambulance called",
    "our staff were hit hard by the resident",
])
def test_session_40s_left_blows_open_an_urgent_case(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 40's left: read as nothing, or only asked "Is this about someone's safety?".
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    with factory() as session:
        [case] = session.scalars(select(Case)).all()
        assert (case.kind, case.severity, case.summary) == (
            CaseKind.SAFEGUARDING, "urgent", "Safeguarding concern (physical abuse)")
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "We owe staff £1,200 in back pay. Is CT-0901 paid?",
    "the NHS cuts hit our staff hard and we are limping along",
    "the NHS audit hit us hard and we are bruised",
])
def test_a_payment_owed_to_staff_or_an_injury_word_after_a_figure_raises_nothing(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Raised URGENT (financial abuse, physical abuse) before session 41.
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the manager owes Mrs B £1,200 she took from her account",
    "a carer took £200 from a resident's purse",
    "our staff were hit hard by the resident and are bruised",
])
def test_money_taken_or_a_blow_beside_those_words_is_still_raised(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


# -- Session 41's review of the morning's rules --------------------------------------------------
@pytest.mark.parametrize("text", [
    "a carer owes our service user £200 she borrowed",
    "Mr K's daughter owes the home £6,000; she has power of attorney and stopped paying",
])
def test_money_owed_to_someone_cared_for_or_by_their_attorney_opens_an_urgent_case(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Raised before session 41; the morning's rules read "service" and "the home" as a
    # business, and only asked.
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    with factory() as session:
        [case] = session.scalars(select(Case)).all()
        assert (case.kind, case.severity, case.summary) == (
            CaseKind.SAFEGUARDING, "urgent", "Safeguarding concern (financial abuse)")


@pytest.mark.parametrize("text", [
    "a visitor knocked over a resident in the car park",
    "the carer knocked mrs b over",
])
def test_a_person_knocking_someone_over_opens_an_urgent_case(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    [reply, *_] = _replies(northshire_router, text)
    assert reply.text.startswith(RAISED), reply.text
    assert not _nothing_raised(factory)


@pytest.mark.parametrize("text", [
    "the fee cut knocked the manager down",
    "the norovirus knocked three carers out",
    "Mr K knocked Mrs B out at bowls",
    "the wind knocked our carer over in the car park",
    "the daughter hit us hard on facebook",
    "the commissioner hit our staff hard on quality",
])
def test_a_thing_a_game_or_criticism_knocking_or_hitting_raises_nothing(
        northshire_router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Raised URGENT by the morning's rules (physical abuse); nothing before them.
    replies = _replies(northshire_router, text)
    assert not any(reply.text.startswith((RAISED, ASKED)) for reply in replies), replies[0].text
    assert _nothing_raised(factory)


def test_a_question_after_an_illness_knocked_someone_out_is_answered(
        northshire_router: Router, factory: sessionmaker[Session]) -> None:
    # "covid knocked our manager out" was raised URGENT and the question after it lost.
    replies = [reply.text for reply in _replies(
        northshire_router, "covid knocked our manager out, can the CT-0901 review move to next "
        "week?")]
    assert not any(text.startswith((RAISED, ASKED)) for text in replies), replies
    # (read as a question: noted, with "Ask a commissioner" for a person to answer it)
    assert '"Ask a commissioner"' in replies[0], replies
    assert _nothing_raised(factory)
