"""Safeguarding how-to questions, as dialogs through the router: the guidance and contacts and a
"Raise a concern now" button, no urgent case; the button raises one (issue 11)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Incoming, Reply
from bot.models import (
    AuditEvent,
    Case,
    CaseEvent,
    CaseKind,
    Channel,
    Deadline,
    OrganisationKind,
    OutboxMessage,
    Person,
    Placement,
    Question,
    Role,
)
from handlers.ask.questions import knowledge_gaps
from handlers.formats import initials_only, without_lower_case_names
from handlers.safeguarding import howto_question
from tests.factories import FIXED_NOW, Clock, make_incoming, make_organisation, make_person
from tests.handlers.conftest import HUB, PRIYA, SAFEGUARDING_CONTACT, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def ids(northshire: dict[str, int]) -> dict[str, int]:
    return northshire


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def say(router: Router, text: str = "", sender: str = SAM, **kwargs: object) -> Reply:
    replies = router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]
    assert len(replies) == 1, replies
    return replies[0]


def press(router: Router, reply: Reply, label: str, sender: str = SAM) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    return say(router, sender=sender, action=button.action, action_value=button.value)


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case)))


def _alerts(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(session.scalars(select(OutboxMessage)))


def _the_question(factory: sessionmaker[Session]) -> tuple[str, bool, bool, str | None]:
    """The one question kept: its mode, whether answered, whether safeguarding, its entry."""
    with factory() as session:
        question = session.scalars(select(Question)).one()
        return question.mode, question.answered, question.safeguarding, question.entry_id


@pytest.mark.parametrize("text", [
    "what should I do if I suspect neglect",
    "/ask what should I do if I suspect neglect",
    "how do I raise a safeguarding alert?",
    "what counts as physical abuse?",
])
def test_a_how_to_question_gets_the_guidance_and_no_case(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    reply = say(router, text)
    assert reply.text.startswith("Raising a safeguarding concern\n"
                                 "- If anyone is in immediate danger, call 999 now.")
    assert f"report the concern straight away to {SAFEGUARDING_CONTACT}" in reply.text
    assert "Registered providers must also notify CQC" in reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # Kept as an answered question, so never a knowledge gap.
    assert _the_question(factory) == ("guidance", True, False, "safeguarding-concerns")
    assert knowledge_gaps(factory) == []


def test_what_a_section_42_enquiry_is_gets_the_entries_that_explain_it_and_no_case(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Both the section 42 entry and the guidance explain it (the labellers of sets 17-18 accept
    # both), and which leads has moved with the samples: session 13 offered the s42 entry
    # first, session 14 gave the guidance (it has this very sample), and session 15's topic
    # model puts the two level, the s42 entry first. Either way: the two offered, no case.
    reply = say(router, "whats a section 42 enquiry")
    assert reply.text.startswith("I want to be sure I answer the right question.")
    assert [(b.label, b.value.split(":")[-1]) for b in reply.buttons] == [
        ("Enquiries after a concern: who decides, the stages and timescales, caused enquiries",
         "section-42-enquiry-process"),
        ("Raising a safeguarding concern", "safeguarding-concerns"),
        ("Ask a commissioner", "1")]
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_how_to_question_a_practice_entry_answers_gets_that_entry_and_no_case(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Since the safeguarding practice entries (faq-safeguarding-practice.yaml), the knowledge
    # base answers this one itself: the entry's first lines still say to call 999.
    reply = say(router, "what can we do if we suspect financial abuse")
    assert reply.text.startswith(
        "Suspected financial abuse by family or others: what a provider can do\n"
        "Raise a safeguarding concern with the council")
    assert "If someone is in immediate danger, call 999." in reply.text.splitlines()[1]
    assert "Raise a concern now" not in [b.label for b in reply.buttons]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    assert _the_question(factory) == (
        "answer", True, False, "financial-abuse-what-providers-can-do")


def test_a_how_to_question_the_bot_is_not_sure_of_gets_the_guidance(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The knowledge base would only offer a choice (it is not sure that the financial-abuse
    # entry answers this), so the how-to guidance and its button come first: safety first.
    reply = say(router, "what counts as financial abuse?")
    assert reply.text.startswith("Raising a safeguarding concern\n")
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _the_question(factory) == ("guidance", True, False, "safeguarding-concerns")


def test_raise_a_concern_now_asks_what_happened_then_raises_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    guidance = say(router, "what should I do if I suspect neglect")
    question = press(router, guidance, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\n"
                                    "What has happened, and to whom?\n")
    assert _cases(factory) == []
    # Words the detector does not read as harm: the person has said it is a concern.
    done = say(router, "I'm worried about the lady at RV-0042 after our visit today")
    assert done.text.startswith("This sounds like a safeguarding concern. Please act on it now:")
    assert "(reference PB-2026-000001)" in done.text
    [case] = _cases(factory)
    assert (case.kind, case.severity, case.raised_by_id, case.assignee_id) == (
        CaseKind.SAFEGUARDING, "urgent", ids[SAM], ids[HUB])
    assert case.description == "I'm worried about the lady at RV-0042 after our visit today"
    [alert] = _alerts(factory)
    assert (alert.person_id, alert.urgent, alert.kind) == (ids[HUB], True, "safeguarding.raised")
    assert alert.payload["text"].startswith(
        "URGENT safeguarding concern PB-2026-000001 (kind not yet known), raised by Sam")


def test_a_concern_the_words_already_raised_is_raised_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    guidance = say(router, "what counts as neglect?")
    press(router, guidance, "Raise a concern now")
    done = say(router, "Mr B in room 4 has been left in soiled sheets all day")
    assert done.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (neglect)"
    assert len(_alerts(factory)) == 1


def test_a_commissioner_can_raise_one_too(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    guidance = say(router, "how do I raise a safeguarding alert?", PRIYA)
    press(router, guidance, "Raise a concern now", PRIYA)
    done = say(router, "a provider told me a resident at RV-0042 was hit", PRIYA)
    assert "(reference PB-2026-000001)" in done.text
    [case] = _cases(factory)
    assert (case.raised_by_id, case.provider_id) == (ids[PRIYA], None)
    assert len(_alerts(factory)) == 1


def test_cancelling_the_concern_form_raises_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    guidance = say(router, "what should I do if I suspect neglect")
    press(router, guidance, "Raise a concern now")
    assert say(router, "/cancel").text == "Cancelled: nothing was sent."
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_disclosure_is_still_acted_on_at_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, "a resident told me a carer hit her")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert reply.buttons == ()
    assert len(_cases(factory)) == 1


def test_the_hub_reads_a_concern_as_about_someones_safety_not_other(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "a resident told me a carer hit her")
    [case] = _cases(factory)
    detail = say(router, f"/case {case.reference}", sender=HUB)
    assert detail.text.splitlines()[0] == f"{case.reference} · Safeguarding · Someone's safety"
    listed = say(router, "/cases", sender=HUB)
    assert f"{case.reference} · Safeguarding · Someone's safety · " in listed.text
    assert "Other" not in detail.text + listed.text


@pytest.mark.parametrize(("text", "howto"), [
    ("what should I do if I suspect neglect", True),
    ("what counts as financial abuse?", True),
    ("who do i tell about safegaurding concerns", True),  # a typing error
    ("whats a section 42 enquiry", True),
    ("is it abuse if a carer shouts at a resident", True),
    ("how do we record bruising on a body map", True),
    # The classifier calls these how-to questions, but they are not about safeguarding.
    ("what's this fair pay agreement for care workers and when will it hit us", False),
    ("can you help me write my personal statement for a nursing degree", False),
    ("how should we dress a grade 2 pressure sore", False),
    ("can we subcontract some packages to another agency when we're short staffed", False),
    # Disclosures and everything else are not how-to questions.
    ("a resident told me a carer hit her", False),
    ("how long is the standstill period?", False),
])
def test_howto_question(text: str, howto: bool) -> None:
    assert (howto_question(text) is not None) is howto


def test_a_tender_score_on_safeguarding_is_left_to_the_knowledge_base(
        router: Router, factory: sessionmaker[Session]) -> None:
    # A tender's safeguarding question is not how to raise a concern: no guidance, no case;
    # the knowledge base's reply (here it is not sure, so a person can answer) stands.
    reply = say(router, "we got 2/5 on safeguarding and i think thats just wrong. can we "
                        "appeal the score")
    assert not reply.text.startswith("Raising a safeguarding concern")
    assert "Raise a concern now" not in [b.label for b in reply.buttons]
    assert "Ask a commissioner" in [b.label for b in reply.buttons]
    assert _cases(factory) == []


@pytest.mark.parametrize("text", [
    "what happens to our cqc rating if we were found to have neglected someone last year",
    "will our rating drop after a safeguarding enquiry last year?",
])
def test_a_question_about_a_rating_after_past_harm_is_the_knowledge_bases(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 36's trial: the raise-a-concern guidance instead of an answer about ratings.
    reply = router.handle(make_incoming(text, sender=SAM))[0]
    assert not reply.text.startswith("Raising a safeguarding concern"), reply.text
    assert _cases(factory) == []


@pytest.mark.parametrize("text", [
    "what should I do if I suspect neglect",
    "how do I report abuse to cqc",
    "who do i tell about a safeguarding concern",
])
def test_how_to_raise_a_concern_still_gets_the_guidance(
        router: Router, text: str) -> None:
    reply = router.handle(make_incoming(text, sender=SAM))[0]
    assert reply.text.startswith("Raising a safeguarding concern"), reply.text


# -- The concern model: disclosures told without the words of harm (knowledge/concern.py) -----

def test_a_disclosure_without_the_words_of_harm_is_raised_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    text = "her son does all the talking when we visit and she looks at him before answering"
    reply = say(router, text)
    assert reply.text.startswith("This sounds like a safeguarding concern. Please act on it now:")
    [case] = _cases(factory)
    assert (case.kind, case.severity, case.summary) == (
        CaseKind.SAFEGUARDING, "urgent", "Safeguarding concern (possible harm)")
    [alert] = _alerts(factory)
    assert (alert.person_id, alert.urgent) == (ids[HUB], True)
    assert alert.payload["text"].startswith(
        "URGENT safeguarding concern PB-2026-000001 (possible harm), raised by Sam")


def test_a_message_the_model_is_unsure_of_is_asked_about_beside_the_answer(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    check, answer = router.handle(make_incoming("can someone ring me about my mum, im worried",
                                                sender=SAM))
    assert check.text.startswith("Is this about someone's safety? If it is, press "
                                 "\"Raise a concern now\"")
    assert "call 999" in check.text
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert not answer.text.startswith("This sounds like a safeguarding concern")
    # Nobody is told, no case: the person decides.
    assert _cases(factory) == []
    assert _alerts(factory) == []
    with factory() as session:
        [event] = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "safeguarding.checked"))
        assert event.actor_id == ids[SAM]
    # The button raises it, with the person's own words.
    question = press(router, check, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\n")
    done = say(router, "PL-1187 told me the new carer pinches her when she washes her")
    assert "(reference PB-2026-000001)" in done.text
    [case] = _cases(factory)
    assert case.severity == "urgent"
    assert len(_alerts(factory)) == 1


def test_an_injury_told_with_its_cause_and_seen_to_is_asked_about_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 18: an explained, attended injury is not an urgent concern for the hub; the
    # person is asked, with the button. The same injury with doubt in it is raised at once.
    check, *answer = router.handle(make_incoming(
        "Mr T has a bruise on his shin from bumping into the coffee table, staff saw it and "
        "the nurse checked it", sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in answer)
    assert _cases(factory) == []
    assert _alerts(factory) == []
    reply = say(router, "Mr T has a bruise on his shin, staff say he bumped into the table but "
                        "nobody saw it and it was not recorded")
    assert reply.text.startswith("This sounds like a safeguarding concern. Please act on it now:")
    [case] = _cases(factory)
    assert case.severity == "urgent"


def test_what_a_soft_mask_sets_aside_is_asked_about_never_dropped(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 19: "pushing fluids" is care, not a push, but a soft mask only softens: the
    # person is asked, with the button, and nobody is told until they press it. Harm told
    # beside it ("forces the beaker in") is raised at once.
    check, *answer = router.handle(make_incoming(
        "dad's a bit confused today, GP tested his wee, its a UTI, on antibiotics and we're "
        "pushing fluids", sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in answer)
    assert _cases(factory) == []
    assert _alerts(factory) == []
    reply = say(router, "we're pushing fluids for RV-2281 but the agency lad forces the beaker "
                        "in and he splutters")
    assert reply.text.startswith("This sounds like a safeguarding concern. Please act on it now:")
    [case] = _cases(factory)
    assert case.severity == "urgent"


def test_a_council_officers_question_is_asked_about_too(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Council staff's questions are read (their notes on a case are not, as for the rules).
    replies = router.handle(make_incoming("can someone ring me about my mum, im worried",
                                          sender=PRIYA))
    assert replies[0].text.startswith("Is this about someone's safety?")
    assert _cases(factory) == []


def test_a_typed_yes_to_the_safety_question_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 20 (a review of the console demo): "yes" typed after "Is this about someone's
    # safety?" went to the knowledge base ("I don't know") and no concern was raised.
    check, *_answer = router.handle(make_incoming("£200 is missing from a resident's purse",
                                                  sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    thanks, form = router.handle(make_incoming("yes it is", sender=SAM))
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text
    assert _cases(factory) == []  # nothing raised until they say what happened
    reply = say(router, "RV-2281 had £200 in her purse on Monday and now it has gone")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert "I have told the council's safeguarding hub now (reference PB-2026-000001)" in (
        reply.text)
    [case] = _cases(factory)
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")
    assert {alert.person_id for alert in _alerts(factory)}  # the hub is told


@pytest.mark.parametrize("words", ["yes thanks", "sure", "aye", "yep, thanks"])
def test_any_yes_the_forms_read_answers_the_safety_question(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 34's brief: the safety question read its own list of yeses, so "yes thanks" and
    # "sure", a yes in every form, were not one here (one reader now, ``forms.yes_or_no``).
    check, *_answer = router.handle(make_incoming("£200 is missing from a resident's purse",
                                                  sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    thanks, form = router.handle(make_incoming(words, sender=SAM))
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text
    assert _cases(factory) == []


def test_maybe_to_the_safety_question_keeps_the_first_message_with_the_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 25's trial: "maybe", then what happened; the case held only the second answer,
    # so the hub never saw the message the bot had asked about.
    check, _answer = router.handle(make_incoming(
        "can someone ring me about RV-2281, im worried about her", sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    router.handle(make_incoming("maybe", sender=SAM))
    reply = say(router, "she says the night carer is rough with her")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.description.startswith("she says the night carer is rough with her")
    assert ('when I asked whether it was about someone\'s safety: "can someone ring me about '
            'RV-2281, im worried about her"') in case.description
    [alert] = _alerts(factory)
    assert "im worried about her" in alert.payload["text"]


def test_a_concern_naming_the_person_is_raised_with_initials_only(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 26's trials: "Mrs Patricia Holmes in room 4 has unexplained bruises" was kept
    # word for word in the case, the question log and the hub's message.
    reply = say(router, "Mrs Patricia Holmes in room 4 (RV-2281) has unexplained bruises and "
                        "says the night carer Sarah Jones grabbed her")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.description == ("Mrs P. H. in room 4 (RV-2281) has unexplained bruises and says "
                                "the night carer S. J. grabbed her")
    with factory() as session:
        kept = session.scalars(select(Question.text)).all()
    assert kept == [case.description]
    [alert] = _alerts(factory)
    assert "Mrs P. H. in room 4" in alert.payload["text"]
    for text in (case.description, *kept, alert.payload["text"]):
        assert not any(name in text for name in ("Holmes", "Patricia", "Sarah"))


def test_a_concern_with_a_name_sent_again_is_raised_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: kept with initials, the words no longer matched the repeat check,
    # and the same message opened a second urgent case and alert.
    words = "Mrs Patricia Holmes in room 4 has unexplained bruises"
    say(router, words)
    again = say(router, words)
    assert again.text.startswith("I passed these same words to the council's safeguarding hub "
                                 "already (reference PB-2026-000001)")
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1
    # So with the message the bot had asked about attached.
    router.handle(make_incoming("can someone ring me about RV-2281, im worried about her",
                                sender=SAM))
    router.handle(make_incoming("maybe", sender=SAM))
    say(router, "she says the night carer is rough with her")
    say(router, "she says the night carer is rough with her")
    assert len(_cases(factory)) == 2


def test_a_concern_told_after_moving_on_does_not_carry_the_message_asked_about(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 30's trial: asked about one message, the person asked something else, then told
    # of a concern about another placement: the hub's alert carried the first message too.
    check, _answer = router.handle(make_incoming(
        "can someone ring me about RV-2281, im worried about her", sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    clock.now += timedelta(minutes=1)
    say(router, "how long is the standstill period?")
    clock.now += timedelta(minutes=1)
    reply = say(router, "RV-0042 has a bruise nobody can explain and she is frightened of one "
                        "carer")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.description == ("RV-0042 has a bruise nobody can explain and she is frightened "
                                "of one carer")
    [alert] = _alerts(factory)
    assert "RV-2281" not in alert.payload["text"]


def test_no_to_the_safety_question_keeps_that_message_from_a_later_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: after "no", a concern about someone else carried that message.
    router.handle(make_incoming("can someone ring me about RV-2281, im worried about her",
                                sender=SAM))
    say(router, "no")
    say(router, "RV-0042 has a bruise nobody can explain and she is frightened of one carer")
    [case] = _cases(factory)
    assert "RV-2281" not in case.description


def test_a_concern_raised_long_after_the_safety_question_does_not_take_its_message(
        router: Router, factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:  # asked about 31 minutes ago, not now
        sam = session.scalars(select(Person).where(Person.email == SAM)).one()
        then = FIXED_NOW - timedelta(minutes=31)
        session.add(AuditEvent(actor_id=sam.id, action="safeguarding.checked", subject=None,
                               detail={}, at=then))
        session.add(Question(person_id=sam.id, organisation_id=sam.organisation_id,
                             channel=Channel.CONSOLE, asked_at=then,
                             text="can someone ring me about RV-2281, im worried"))
    form = say(router, sender=SAM, action="safeguarding.raise", action_value="")
    assert form.text.startswith("Safeguarding concern\n")
    say(router, "PL-1187 has a bruise nobody can explain")
    [case] = _cases(factory)
    assert case.description == "PL-1187 has a bruise nobody can explain"


def test_a_typed_no_to_the_safety_question_raises_nothing_and_says_so(
        router: Router, factory: sessionmaker[Session]) -> None:
    router.handle(make_incoming("£200 is missing from a resident's purse", sender=SAM))
    reply = say(router, "no")
    assert reply.text.startswith("Thank you: nothing has been raised.")
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # Asked once, answered once: a second "no" is small talk again, not another thank-you.
    again = say(router, "no")
    assert not again.text.startswith("Thank you: nothing has been raised.")


def test_yes_with_no_safety_question_asked_or_long_ago_is_not_a_concern_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, "yes")
    assert "What has happened, and to whom?" not in reply.text
    # A question asked 31 minutes ago is not what a "yes" now answers.
    with factory.begin() as session:
        sam_id = session.scalar(select(Person.id).where(Person.email == SAM))
        session.add(AuditEvent(actor_id=sam_id, action="safeguarding.checked", subject=None,
                               detail={}, at=FIXED_NOW - timedelta(minutes=31)))
    reply = say(router, "yes")
    assert "What has happened, and to whom?" not in reply.text
    assert _cases(factory) == []


@pytest.mark.parametrize("words", [
    "no one was hurt, it was a billing error",
    "our carers feel abused by the late rota changes",
])
def test_harm_said_not_to_have_happened_or_done_by_a_rota_is_not_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 20's review: both opened urgent cases and alerted the hub. Now the person is
    # asked (a soft mask softens, never silences) and nobody is told.
    replies = router.handle(make_incoming(words, sender=SAM))
    assert replies[0].text.startswith("Is this about someone's safety?")
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_withdrawing_a_case_as_not_a_safeguarding_concern_raises_no_new_one(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 20's review: the withdrawal's own words ("PB-2026-000001 ... not a safeguarding
    # concern") opened a second urgent case: the bot's case reference read as a person.
    say(router, "a resident told me a carer hit her")
    [case] = _cases(factory)
    reply = say(router, f"/case {case.reference} withdraw sorry, not a safeguarding concern, "
                        "I meant staff are fed up with rota changes")
    assert not reply.text.startswith("This sounds like a safeguarding concern")
    assert [c.reference for c in _cases(factory)] == [case.reference]


def test_a_yes_inside_an_open_form_is_the_forms_not_the_safety_questions(
        router: Router, factory: sessionmaker[Session]) -> None:
    router.handle(make_incoming("£200 is missing from a resident's purse", sender=SAM))
    say(router, "/feedback")
    replies = router.handle(make_incoming("yes", sender=SAM))
    assert all("What has happened, and to whom?" not in reply.text for reply in replies)
    assert any("Feedback" in reply.text for reply in replies)  # still the feedback form
    assert _cases(factory) == []


# -- session 22: a review in plain words ----------------------------------------------------------
@pytest.mark.parametrize("words", ["no its fine actually", "False alarm, sorry",
                                   "pressed it by mistake"])
def test_a_no_typed_at_the_concern_forms_question_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The review: "no its fine actually" went to the hub as an urgent concern of its own.
    guidance = say(router, "what should I do if I suspect neglect")
    press(router, guidance, "Raise a concern now")
    reply = say(router, words)
    assert reply.text.startswith("Thank you: nothing has been raised.")
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []


@pytest.mark.parametrize("words", ["are you there", "hello?", "ok", "hi", "you there?",
                                   "thanks", "ok thank you", "hmm", "?"])
def test_small_talk_typed_at_the_concern_forms_question_is_asked_again_kindly(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's brief: "are you there" typed at "What has happened, and to whom?" went to
    # the hub as the concern itself; "ok" was taken for a no.
    guidance = say(router, "what should I do if I suspect neglect")
    press(router, guidance, "Raise a concern now")
    again, question = router.handle(make_incoming(words, sender=SAM))
    assert again.text.startswith("I'm here. Tell me what has happened, and to whom"), words
    assert question.text.startswith("Safeguarding concern\nWhat has happened, and to whom?")
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # The form is still open: what happened is raised at once.
    done = say(router, "RC-104 told me the night carer slapped her")
    assert done.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 1


@pytest.mark.parametrize("words", [
    "no one has fed her since yesterday",
    # Long words of "no" are not a no: the whole message is more (and the pattern is never
    # run on them: the code review found it backtracking for seconds).
    "no thank you " * 300 + "she was hit",
    # The session's code review: these began with a "no" and were dropped.
    "no meds since friday", "no lunch call again today", "its fine now but she fell again"])
def test_a_no_with_more_in_it_is_still_raised(router: Router, factory: sessionmaker[Session],
                                              words: str) -> None:
    guidance = say(router, "what should I do if I suspect neglect")
    press(router, guidance, "Raise a concern now")
    done = router.handle(make_incoming(words, sender=SAM))[0]
    assert done.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 1


@pytest.mark.parametrize("text", [
    "we got a two line rejection email with no scores and no feedback at all, we spent sixty "
    "hours on that bid which is time I should have spent with residents and staff",
    "The portal crashed twice, no feedback on our bid. Small local homes like ours are being "
    "pushed out",
])
def test_a_rant_about_a_tender_raises_no_concern(router: Router, factory: sessionmaker[Session],
                                                  text: str) -> None:
    # The review: raised as "neglect" ("no feedback") and "physical abuse" ("pushed out").
    reply = router.handle(make_incoming(text, sender=SAM))[0]
    assert not reply.text.startswith("This sounds like a safeguarding concern")
    assert _cases(factory) == []


def test_two_residents_with_the_same_initials_are_two_concerns(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's second review: both kept as "Mrs P. H. ...", the second was taken for a
    # repeat of the first and never raised.
    say(router, "Mrs Patricia Holmes has unexplained bruises on her arms")
    reply = say(router, "Mrs Pauline Hart has unexplained bruises on her arms")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 2
    assert len(_alerts(factory)) == 2


def test_a_council_officers_second_message_about_a_placement_is_a_concern_of_its_own(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's second review: as a comment from the council's side it reached only the
    # officer who wrote it.
    say(router, "RC-104 has bruises on her arms, the carer hit her, I saw it", sender=PRIYA)
    say(router, "RC-104 now also says the manager took her bank card", sender=PRIYA)
    assert len(_cases(factory)) == 2


def _placements(factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """RC-104 at Northshire (Riverside's), and RC-205 at Southshire only."""
    south = make_organisation(factory, "Southshire", OrganisationKind.COUNCIL)
    otto = make_person(factory, email="otto@southshire.example", role=Role.COMMISSIONER,
                       organisation_id=south, name="Otto")
    with transaction(factory) as session:
        north = session.get_one(Person, ids[PRIYA]).organisation_id
        riverside = session.get_one(Person, ids[SAM]).organisation_id
        for reference, council, commissioner in (("RC-104", north, ids[PRIYA]),
                                                 ("RC-205", south, otto)):
            session.add(Placement(reference=reference, council_id=council,
                                  provider_id=riverside, commissioner_id=commissioner,
                                  provider_contact_id=ids[SAM],
                                  started_on=date(2026, 9, 1)))


def test_a_council_officers_concern_naming_a_placement_of_the_council_is_about_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    """Session 30's trial: "On my monitoring visit for RC-104 the lady seemed frightened of
    one of the night carers" made a case about nothing, with no provider; a conflict links
    its placement."""
    _placements(factory, ids)
    say(router, "On my monitoring visit for RC-104 the lady seemed frightened of one of the "
                "night carers", sender=PRIYA)
    [case] = _cases(factory)
    shown = say(router, f"/case {case.reference}", sender=HUB).text
    assert "Owner: Hub · Provider: Riverside\nAbout: placement RC-104\n" in shown
    # The provider is not shown a concern the council raised about its staff.
    assert say(router, "/cases", sender=SAM).text.startswith("No open cases.")
    # Never another council's placement.
    say(router, "On my visit for RC-205 the man seemed frightened of the night carers",
        sender=PRIYA)
    assert [case.placement_id is not None for case in _cases(factory)] == [True, False]


def test_a_providers_concern_naming_its_placement_is_about_it(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int]) -> None:
    _placements(factory, ids)
    say(router, "RC-104 has bruises on her arms and says the night carer hit her")
    [case] = _cases(factory)
    assert "\nAbout: placement RC-104\n" in say(router, f"/case {case.reference}").text


def test_a_concerns_fingerprint_is_keyed_so_no_name_can_be_found_from_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's third review: an unkeyed hash of the words gave back "patricia holmes" by
    # trying names against it.
    import hashlib

    words = "Mrs Patricia Holmes in room 4 has unexplained bruises"
    say(router, words)
    with factory() as session:
        [event] = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "safeguarding.raised")).all()
    kept = event.detail["words"]
    folded = " ".join(words.casefold().split()).encode()
    assert kept != hashlib.sha256(folded).hexdigest()[:len(kept)]
    assert "holmes" not in str(event.detail).lower()



def test_a_full_name_in_lower_case_in_a_concern_is_kept_as_initials(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 26's third trial: "margaret thornton in room 3 ..." reached the case, the
    # question log and the hub's alert word for word.
    say(router, "margaret thornton in room 3 has bruises on her thighs and says the night "
                "carer did it")
    [case] = _cases(factory)
    [alert] = _alerts(factory)
    assert case.description.startswith("M. T. in room 3 has bruises on her thighs")
    assert "thornton" not in alert.payload["text"]


@pytest.mark.parametrize(("words", "kept"), [
    ("margaret thornton in room 3 has bruises", "M. T. in room 3 has bruises"),
    ("jean smith, room 4, has bruises", "J. S., room 4, has bruises"),
    ("the carer david brown is rough with her", "the carer D. B. is rough with her"),
    # A verb after a given name is not a family name; a first name alone stays.
    ("john hit her", "john hit her"), ("mary said the carer hit her",
                                        "mary said the carer hit her"),
    ("sam said hello", "sam said hello"),
    # The final read of the change: a name after an odd number of words was kept whole.
    ("i saw margaret thornton in room 3", "i saw M. T. in room 3"),
])
def test_lower_case_full_names_are_read_only_where_a_name_would_be(words: str,
                                                                   kept: str) -> None:
    assert without_lower_case_names(words) == kept


@pytest.mark.parametrize("words", [
    "Margaret told me her son takes her pension every week",
    "margaret told me her son takes her pension every week",
    # The session's review: a name outside the list, and one typed in capitals, were kept.
    "Maria told me her son takes her pension every week",
    "MARGARET told me her son takes her pension every week",
])
def test_a_first_name_alone_in_a_concern_is_kept_as_its_initial(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 28: a first name with no family name reached the case, the question log and the
    # hub's alert word for word.
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.description == "M. told me her son takes her pension every week"
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [case.description]
    [alert] = _alerts(factory)
    assert '"M. told me her son takes her pension every week"' in alert.payload["text"]
    assert "argaret" not in alert.payload["text"].casefold()
    assert "aria" not in alert.payload["text"]


def test_a_first_name_alone_is_cut_but_not_a_place_or_an_ordinary_word(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Words that are names elsewhere ("Will", "May", "Grace", "Mark", "olive"), places named
    # after people and a month are kept as typed; only the person's name is cut.
    say(router, "Will someone check RV-2281 before 3 Jan: Sarah at St Mary's Hospital says "
                "her son grabbed her by the wrist, and the olive oil was moved so she cannot "
                "cook. Mark it urgent, May is away.")
    [case] = _cases(factory)
    assert case.description == (
        "Will someone check RV-2281 before 3 Jan: S. at St Mary's Hospital says her son "
        "grabbed her by the wrist, and the olive oil was moved so she cannot cook. Mark it "
        "urgent, May is away.")


@pytest.mark.parametrize(("words", "kept"), [
    ("Olive grabbed her arm and swore at her", "O. grabbed her arm and swore at her"),
    ("Ivy, her daughter, takes her pension", "I., her daughter, takes her pension"),
    ("It was Olive who hit her", "It was O. who hit her"),
    ("Jack bit her arm", "J. bit her arm"),
])
def test_a_name_that_is_also_a_word_is_cut_from_a_concern(
        router: Router, factory: sessionmaker[Session], words: str, kept: str) -> None:
    # The session's second review: a name that is also a word was kept unless a listed verb
    # followed it. Privacy errs to cutting: kept only in an ordinary phrase ("Olive oil").
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.description == kept
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [kept]
    [alert] = _alerts(factory)
    assert kept in alert.payload["text"]
    assert not any(name in alert.payload["text"] for name in ("Olive", "Ivy", "Jack"))


@pytest.mark.parametrize("question", [
    "Will you pay the invoice", "May we bid", "Grace period for invoices", "Mark complete",
    # The session's review: names that are also words, at a question's start, were cut
    # ("J. up the fees").
    "Jack up the fees?", "Carol singers were in the lounge, do we need a licence?",
    "Olive oil was spilt, who cleans it?", "Terry towels or cotton?", "Roger that, what next?",
    "Harry the council about fees?", "Norman castle trip: who pays?",
])
def test_ordinary_questions_that_begin_with_a_name_elsewhere_are_kept_as_asked(
        router: Router, factory: sessionmaker[Session], question: str) -> None:
    router.handle(make_incoming(question, sender=SAM))
    assert _cases(factory) == []
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [question]


@pytest.mark.parametrize("words", [
    "RV-2281 a carer gripped her arm",
    "RV-2281 a carer gripped her arm and she refused to eat",
    "RV-2281 he grabbed her by the wrist",
    "RV-2281 staff pinned him down",
    "RV-2281 the night carer held her arm too tightly, she has stopped eating",
    # The session's narrowing lost these: anyone may be holding, not only a carer.
    "RV-2281 Her father gripped her wrist",
    "RV-2281 The PA gripped his wrist",
    "RV-2281 He seized her by the hair",
    "RV-2281 He gripped her arm while the nurse was on her break",
])
def test_a_person_held_by_someone_is_raised_as_physical_abuse(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 28: "a carer gripped her arm" was raised as "possible harm", and with "she
    # refused to eat" beside it as self-neglect.
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (physical abuse)"
    [alert] = _alerts(factory)
    assert alert.payload["text"].startswith(
        "URGENT safeguarding concern PB-2026-000001 (physical abuse), raised by")


@pytest.mark.parametrize("words", [
    "RV-2281 The carer pinned her hair up for the Christmas party, she loved it",
    "RV-2281 She wrenched her knee getting out of the bath, the GP has seen her",
    "RV-2281 He keeps jerking his legs at night, we have asked the GP to review",
    "RV-2281 She was gripping her hands together, anxious about the move",
    "RV-2281 he tugged his ear when distressed",
    "RV-2281 The carer held her hand hard while the nurse took blood",
])
def test_ordinary_care_of_a_body_is_not_raised_as_physical_abuse(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The session's review: each of these raised an URGENT physical abuse alert.
    replies = router.handle(make_incoming(words, sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern.")
                   for reply in replies)
    assert _alerts(factory) == []
    assert [case.summary for case in _cases(factory)
            if "physical abuse" in case.summary] == []


@pytest.mark.parametrize(("words", "kept"), [
    ("Margaret's son takes her pension", "M.'s son takes her pension"),
    ("I told Margaret. She cried", "I told M. She cried"),
    ("Anne-Marie says the carer hit her", "A.-M. says the carer hit her"),
    ("Yesterday Jack and Olive fell", "Yesterday J. and O. fell"),
    ("wojciech says he is not paid", "W. says he is not paid"),
    # (in capitals, cut since the session's review: "MARGARET told me" was kept)
    ("MARGARET fell", "M. fell"),
    ("MARGARET THORNTON TOLD ME", "M. T. TOLD ME"), ("OLIVE OIL WAS SPILT", "OLIVE OIL WAS SPILT"),
    # A name that is also a word: a person's only where the words around say so.
    ("Carol singers were in the lounge", "Carol singers were in the lounge"),
    ("Olive oil was spilt", "Olive oil was spilt"), ("Jack up the fees", "Jack up the fees"),
    ("Terry towels", "Terry towels"), ("Lily pads", "Lily pads"),
    ("Harry the council", "Harry the council"), ("Roger that", "Roger that"),
    ("Norman castle", "Norman castle"), ("Margaret told me", "M. told me"),
    ("Olive told me", "O. told me"), ("my nan Olive has bruises", "my nan O. has bruises"),
    ("olumide and chidi said so", "O. and C. said so"),
    # The session's second review: cut wherever capitalised, but in an ordinary phrase.
    ("Olive grabbed her arm and swore at her", "O. grabbed her arm and swore at her"),
    ("Ivy, her daughter, takes her pension", "I., her daughter, takes her pension"),
    ("It was Olive who hit her", "It was O. who hit her"), ("Jack bit her arm", "J. bit her arm"),
    ("Harry the manager hit her", "H. the manager hit her"),
    ("Lily of the valley", "Lily of the valley"), ("Ivy leaves", "Ivy leaves"),
    # Not a name: ordinary words, an address, a month, a
    # regulation, places and things named after people.
    ("olive oil and a jack plug", "olive oil and a jack plug"),
    ("e-mail margaret.jones@northshire.example", "e-mail margaret.jones@northshire.example"),
    ("on 15 Jan, see Reg 13", "on 15 Jan, see Reg 13"),
    ("moved to St Mary's from Queen Elizabeth Hospital", "moved to St Mary's from Queen "
                                                         "Elizabeth Hospital"),
    ("Mary Street", "Mary Street"), ("the Elizabeth Line", "the Elizabeth Line"),
    ("John Lewis vouchers", "John Lewis vouchers"), ("a Marie Curie nurse", "a Marie Curie nurse"),
])
def test_a_given_name_alone_is_cut_and_what_is_not_a_name_is_kept(words: str,
                                                                    kept: str) -> None:
    assert initials_only(words) == kept


def test_council_staff_raising_a_concern_are_not_told_a_providers_duty(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 30's trial: a commissioner's concern from a monitoring visit was answered
    # "Registered providers must also notify CQC".
    words = "on my monitoring visit I saw a carer slap the resident in RV-2281"
    staff = say(router, words, sender=PRIYA)
    assert staff.text.startswith("This sounds like a safeguarding concern.")
    assert "I have told the council's safeguarding hub now" in staff.text
    assert "CQC" not in staff.text
    provider = say(router, "I saw a carer slap the resident in RV-0042")
    assert "Registered providers must also notify CQC." in provider.text


# -- Session 30: a member of staff's own accident at work ----------------------------------------

@pytest.mark.parametrize("words", [
    "our cook burned her hand on the oven and went to a&e",
    "a staff member slipped on the wet floor and hurt her back",
])
def test_a_member_of_staffs_own_accident_is_asked_about_not_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Each raised an URGENT case and alerted the hub ("physical abuse", "abuse"). Asked about
    # instead: nobody is told unless the person presses the button, which raises it.
    check, answer = router.handle(make_incoming(words, sender=SAM))
    assert check.text.startswith("Is this about someone's safety? If it is, press "
                                 "\"Raise a concern now\"")
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert not answer.text.startswith("This sounds like a safeguarding concern")
    assert _cases(factory) == []
    assert _alerts(factory) == []
    question = press(router, check, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\n")
    done = say(router, "the oven door has no guard and RC-104 sits beside it at lunch")
    assert "(reference PB-2026-000001)" in done.text
    [case] = _cases(factory)
    assert case.severity == "urgent"
    assert len(_alerts(factory)) == 1


def test_the_writers_own_accident_is_asked_about_and_what_they_saw_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 31: each raised an URGENT case ("abuse", "physical abuse"), where the same told
    # of "our cook" was asked about.
    for words in ("I slipped on the wet floor at work and hurt my wrist",
                  "I burned my hand on the oven this morning",
                  "I tripped over a box in the office and twisted my ankle",
                  "I have a needlestick injury from a sharps bin"):
        check, answer = router.handle(make_incoming(words, sender=SAM))
        assert check.text.startswith("Is this about someone's safety?"), words
        assert not answer.text.startswith("This sounds like a safeguarding concern"), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... but what the writer found or saw is raised at once, and so is their accident beside
    # someone cared for or a home neglected.
    _each_raised(router, factory, ("I found a resident on the floor",
                                   "I saw a carer slap a resident",
                                   "I slipped while hoisting Mrs B and she hit her head",
                                   "I twisted my ankle on the broken step that has never been "
                                   "fixed"))


@pytest.mark.parametrize("words", [
    "the carer burned her with the kettle",
    "the cook slapped a resident and burned her hand",
    "a staff member slipped while hoisting Mrs B and her leg was cut",
    "the night carer hurt her arm moving her roughly",
    "the carer burned her hand on the kettle",
    "our cook burned her hand on the oven, and the resident in room 4 was burned too",
])
def test_a_concern_told_like_a_staff_accident_is_raised_at_once(
        router: Router, factory: sessionmaker[Session], ids: dict[str, int],
        words: str) -> None:
    # Written before the change, against it: a resident named or implied, someone moved, a
    # carer's "her hand" that may be anyone's. Each is raised as it was.
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern. Please act on it now:")
    [case] = _cases(factory)
    assert (case.kind, case.severity) == (CaseKind.SAFEGUARDING, "urgent")
    [alert] = _alerts(factory)
    assert (alert.person_id, alert.urgent) == (ids[HUB], True)


# -- Session 30: the kind told to the hub, and business words asked about less --------------------

@pytest.mark.parametrize(("words", "kind"), [
    ("the daughter in RC-106 seems to be taking his pension and he is never allowed to see his "
     "bank statements", "financial abuse"),
    ("mrs k has stopped eating and her nephew keeps taking her bank card, she seems frightened "
     "when he comes round", "financial abuse"),
    ("at the review the social worker said the daughter has been taking Mr B's pension and he's "
     "scared to say anything", "financial abuse"),
    ("the lady in RC-300 died in hospital yesterday, 3 days after the fall we reported, her "
     "family say staff ignored her call bell", "neglect"),
    # Session 31: someone else holding the money, told beside the fear.
    ("he seems scared of his son, who has his bank card", "financial abuse"),
    ("Mrs B is afraid of her daughter, who controls her bank account", "financial abuse"),
])
def test_the_hub_is_told_the_kind_of_harm_not_the_fear_beside_it(
        router: Router, factory: sessionmaker[Session], words: str, kind: str) -> None:
    # The console demo's testers: each was told to the hub as "psychological abuse" (the fear,
    # or "ignored", read before the money taken or the call bell).
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == f"Safeguarding concern ({kind})"
    [alert] = _alerts(factory)
    assert alert.payload["text"].startswith(
        f"URGENT safeguarding concern PB-2026-000001 ({kind}), raised by")


def test_staff_verbally_abused_by_a_relative_is_asked_about_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # It raised an URGENT case ("abuse"): the staff are the ones abused, in words, and nobody
    # cared for is said to be harmed. Asked about; the button raises it.
    check, answer = router.handle(make_incoming(
        "our staff are being verbally abused on the phone by a resident's son", sender=SAM))
    assert check.text.startswith("Is this about someone's safety? If it is, press "
                                 "\"Raise a concern now\"")
    assert not answer.text.startswith("This sounds like a safeguarding concern")
    assert _cases(factory) == []
    assert _alerts(factory) == []
    question = press(router, check, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\n")


def test_a_relative_abusive_to_staff_about_the_business_is_asked_about_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 31: each raised an URGENT case ("abuse"), where the same told with the staff as
    # the ones abused was asked about: staff and a business matter, nobody cared for at risk.
    for words in ("The daughter was verbally abusive to staff about the invoice",
                  "RC-106's son has been abusive towards staff about the fee increase",
                  "the family member shouted at our office staff about the late invoice",
                  "staff verbally abused by a relative"):
        check, *answer = router.handle(make_incoming(words, sender=SAM))
        assert check.text.startswith("Is this about someone's safety?"), words
        assert [b.label for b in check.buttons] == ["Raise a concern now"], words
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in answer), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... but said to someone cared for, or with harm beside it, it is raised at once.
    reply = say(router, "The daughter was verbally abusive to her mum about the invoice")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    reply = say(router, "the daughter was verbally abusive to staff about the invoice and has "
                        "not paid her mum's care fees for months")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 2


@pytest.mark.parametrize(("words", "kind"), [
    ("our staff are being verbally abused on the phone by a resident's son and he shouts at "
     "his mum too", "psychological abuse"),
    ("our staff are being verbally abused on the phone by a resident's son and we think he "
     "hits her", "physical abuse"),
    ("our staff were sworn at by a resident's daughter who also told her mum she was a burden",
     "possible harm"),
])
def test_staff_abused_by_a_relative_and_someone_cared_for_at_risk_is_raised(
        router: Router, factory: sessionmaker[Session], words: str, kind: str) -> None:
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == f"Safeguarding concern ({kind})"
    assert len(_alerts(factory)) == 1


@pytest.mark.parametrize("words", [
    "we've been hit by a cyber attack and can't access care records",
    "our IT systems are down after a ransomware attack",
    "we have had a power cut and the phones are down",
])
def test_a_cyber_attack_or_a_power_cut_alone_is_not_asked_about(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The first was asked "Is this about someone's safety?": business continuity, not a concern.
    _neither_raised_nor_asked(router, factory, words)


@pytest.mark.parametrize("words", [
    "the hoist broke in the power cut and she was left on the floor all night",
    "we've been hit by a cyber attack and can't access care records, mrs b missed her meds",
])
def test_harm_told_beside_a_power_cut_or_a_cyber_attack_is_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (neglect)"


def test_care_missed_in_an_outage_is_raised_and_an_outage_that_harmed_nobody_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 31: the first was nothing at all ("system" and "power cut" read as business
    # beside the harm), the rest only asked; a medication round missed in an outage leaves
    # people without their medicines.
    missed = ["After the system crash no medication was given at RC-106",
              "due to the power cut nobody got their insulin",
              "the IT outage meant the morning medication round was missed",
              "system down since 6am, the teatime meds round never happened",
              "the eMAR was offline overnight and RC-104 missed her parkinsons meds",
              "our rostering app crashed and three clients had no calls this morning",
              # (the session's review: nothing at all, or only asked)
              "after the system crash no one gave RC-103 her antibiotics",
              "power outage meant the fridge failed and insulin was spoiled, he had none for a "
              "day",
              "the care planning app went offline and staff missed his PEG feed"]
    for raised, words in enumerate(missed, start=1):
        reply = say(router, words)
        assert reply.text.startswith("This sounds like a safeguarding concern."), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        assert cases[-1].summary == "Safeguarding concern (neglect)", words
    # ... and an outage told with nobody harmed is neither raised nor asked about (the first
    # three were asked "Is this about someone's safety?").
    for words in ("a power cut but the generator kicked in and everyone was fine",
                  "power cut last night, the generator started and nobody was affected",
                  "the eMAR went offline for 20 minutes, no medication was missed",
                  "the system was down for an hour, no impact on care"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert not any(reply.text.startswith(("Is this about someone's safety?",
                                              "This sounds like a safeguarding concern"))
                       for reply in replies), words
    assert len(_cases(factory)) == len(missed)


@pytest.mark.parametrize("words", [
    "I am a bit worried about RC-106 after my visit",
    "concerned about Mrs B",
    "not happy with how RC-106 is being looked after",
])
def test_a_worry_about_a_placement_or_a_person_is_asked_about(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # A commissioner's worry after a visit got "I don't know" and no safety question.
    check, *answer = router.handle(make_incoming(words, sender=PRIYA))
    assert check.text.startswith("Is this about someone's safety? If it is, press "
                                 "\"Raise a concern now\"")
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in answer)
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_worry_about_a_tender_is_not_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = router.handle(make_incoming("worried about the tender deadline", sender=PRIYA))
    assert not any(reply.text.startswith("Is this about someone's safety?") for reply in replies)
    assert _cases(factory) == []


@pytest.mark.parametrize("words", ["a carer had a needle-stick injury",
                                   "a carer had a needlestick injury"])
def test_a_carers_needlestick_injury_is_not_raised_however_it_is_spelled(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # With the hyphen it raised an URGENT case (physical abuse); without it, nothing.
    replies = router.handle(make_incoming(words, sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []


@pytest.mark.parametrize(("words", "kind"), [
    ("the carer fell on her and she has a fractured hip and nobody called a doctor",
     "physical abuse"),
    ("she had a fall and nobody called an ambulance, she lay there for hours", "neglect"),
])
def test_nobody_calling_a_doctor_is_raised(
        router: Router, factory: sessionmaker[Session], words: str, kind: str) -> None:
    # The first was only asked about (an injury explained, seen to: "nobody called a doctor"
    # was no word of doubt); the second got nothing.
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == f"Safeguarding concern ({kind})"


def test_a_concern_typed_on_its_own_after_other_routes_carries_no_earlier_message(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 30's review: routes that keep no question ("who is my commissioner?") let a
    # concern typed next carry the message asked about, and be filed against its placement.
    check, _answer = router.handle(make_incoming(
        "can someone ring me about RV-2281, im worried about her", sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    clock.now += timedelta(minutes=1)
    say(router, "who is my commissioner?")
    reply = say(router, "RV-0042 has a bruise nobody can explain and she is frightened of one "
                        "carer")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert "RV-2281" not in case.description
    [alert] = _alerts(factory)
    assert "RV-2281" not in alert.payload["text"]


def test_a_person_that_kicked_in_her_door_is_raised_as_physical_abuse(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: both were only asked "Is this about someone's safety?" (the figure
    # for "the generator kicked in" blanked "that kicked in").
    told = ["the lodger that kicked in her bedroom door is still living with her",
            "her grandson, the one that kicked in her door, has moved back in with her"]
    for raised, words in enumerate(told, start=1):
        reply = say(router, words)
        assert reply.text.startswith("This sounds like a safeguarding concern."), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        assert cases[-1].summary == "Safeguarding concern (physical abuse)", words


def test_care_not_given_for_a_reason_is_asked_about_and_care_missed_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: each raised an URGENT case (neglect), the reason given beside it.
    for words in ("RC-101 had no care calls this week because she is in hospital",
                  "her evening meds were skipped as she was nil by mouth for surgery",
                  "we did not give her the medication at 8 as she was asleep, it was given at 9 "
                  "instead",
                  "the morning meds round was skipped today because the night nurse gave them "
                  "early"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert replies[0].text.startswith("Is this about someone's safety?"), words
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in replies), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... and with harm after it, or no reason, it is raised as before (the second was only
    # asked about).
    _each_raised(router, factory, ("staff did not give her medication yesterday evening and "
                                   "she had a seizure",
                                   "the night staff skipped her bedtime medication three nights "
                                   "running"), kind="neglect")


def test_a_risk_beside_the_writers_own_accident_is_asked_and_an_outage_got_round_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: the first two got nothing at all, the last two the safety question.
    for words in ("I hurt my back at work, I was made to hoist Mr B on my own",
                  "I twisted my knee on the ripped carpet in RC-104's room, she could easily "
                  "fall on it too"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert replies[0].text.startswith("Is this about someone's safety?"), words
    _neither_raised_nor_asked(
        router, factory,
        "the generator kicked in within seconds, no impact on residents",
        "power cut for two hours, everyone was warm and safe")


# -- Session 32: medicines rounds nobody was due, a review missed, the writer's own accident -----

def _each_raised(router: Router, factory: sessionmaker[Session], messages: tuple[str, ...],
                 kind: str | None = None) -> None:
    """Each of ``messages``, said in turn, raises a concern (of ``kind`` when given)."""
    for raised, words in enumerate(messages, start=1):
        reply = say(router, words)
        assert reply.text.startswith("This sounds like a safeguarding concern."), words
        cases = _cases(factory)
        assert len(cases) == raised, words
        if kind is not None:
            assert cases[-1].summary == f"Safeguarding concern ({kind})", words


def _neither_raised_nor_asked(router: Router, factory: sessionmaker[Session],
                              *messages: str) -> None:
    """Each of ``messages``, said in turn, is neither raised nor asked about."""
    for words in messages:
        replies = router.handle(make_incoming(words, sender=SAM))
        assert not any(reply.text.startswith(("Is this about someone's safety?",
                                              "This sounds like a safeguarding concern"))
                       for reply in replies), words
        assert _cases(factory) == [], words
        assert _alerts(factory) == [], words


def test_a_medicines_round_nobody_was_due_is_not_raised_and_one_missed_is(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: raised as an URGENT case (neglect), though nobody went without.
    _neither_raised_nor_asked(
        router, factory,
        "the teatime meds round was skipped because nobody was due any medicines",
        "the evening meds round was cancelled because nobody needed any medication")
    # ... while a round skipped with someone left without is raised as before.
    reply = say(router, "the meds round was skipped and Mrs K at RC-104 missed her insulin")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (neglect)"
    assert len(_alerts(factory)) == 1


def test_medicines_taken_along_on_a_trip_are_not_raised_and_taking_too_many_is(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: raised as an URGENT case (immediate danger), "took their meds" read as an
    # overdose.
    _neither_raised_nor_asked(
        router, factory,
        "the lunchtime round was cancelled as residents were out on a trip and took "
        "their meds with them",
        "Mrs B took her tablets with breakfast as usual")
    # ... while too many taken is raised at once.
    reply = say(router, "RC-104 took the whole box of her tablets last night")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (immediate danger)"
    assert len(_alerts(factory)) == 1


def test_tablets_taken_twice_are_raised_at_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: after the change above, "took her tablets twice" was "I don't
    # know the answer to that" and no case (it raised one before).
    reply = say(router, "RC-101 took her tablets twice today")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (immediate danger)"
    assert len(_alerts(factory)) == 1


def test_a_medication_review_missed_is_not_raised_and_medication_missed_is(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: raised as an URGENT case (neglect), a review meeting read as missed medicine.
    for words in ("staff missed her medication review", "staff missed his care plan review"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in replies), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    reply = say(router, "staff missed her medication")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (neglect)"


def test_the_writers_own_accident_in_any_words_is_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the writer's own accident was asked about when its words held a word of harm
    # (session 31) and got nothing when they did not.
    for words in ("I sprained my wrist on the ice", "I twisted my ankle on the stairs",
                  "I hurt my back lifting a box"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert replies[0].text.startswith("Is this about someone's safety?"), words
        assert [b.label for b in replies[0].buttons] == ["Raise a concern now"], words
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in replies), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... and a question about one is answered as before.
    _neither_raised_nor_asked(router, factory, "what should I do if I hurt my back at work?")


def test_a_danger_the_writer_met_where_someone_cared_for_is_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the first got nothing (the writer's own sprain set aside, no word of harm left);
    # the second, a trip with no hurt told, got nothing still after that was mended.
    for words in ("I twisted my ankle on the loose stair rod at RC-111, he uses those stairs "
                  "every day",
                  "I tripped on the frayed rug in RC-104's lounge, she walks across it with her "
                  "frame"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert replies[0].text.startswith("Is this about someone's safety?"), words
        assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                       for reply in replies), words
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... pressing the button raises it, about that placement.
    question = press(router, replies[0], "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\n")
    done = say(router, "the rug in RC-104's lounge is frayed and she uses a frame")
    assert "(reference PB-2026-000001)" in done.text
    [case] = _cases(factory)
    assert case.severity == "urgent"


@pytest.mark.parametrize("text", [
    "I need to raise a safeguarding concern",
    "i want to make a safeguarding referral please",
    "I want to raise a concern",
    "raise a concern now",
    "we would like to raise a safeguarding concern please",
])
def test_wanting_to_raise_a_concern_gets_the_guidance_and_the_button(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 32's trial: these got the knowledge base's entry with no button, or a choice of
    # topics: a concern must never lose its way to be raised.
    reply = say(router, text)
    assert reply.text.startswith("Raising a safeguarding concern\n"), text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"], text
    assert _cases(factory) == []
    assert _the_question(factory) == ("guidance", True, False, "safeguarding-concerns")
    question = press(router, reply, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\nWhat has happened, and to whom?\n")


@pytest.mark.parametrize("text", [
    "no worries. I need to report a concern",
    "thanks. I want to raise a safeguarding concern",
    "ok thanks, i need to make a safeguarding referral",
    "hi there, good morning. I'd like to raise a safeguarding concern please",
    "cheers. can I raise a concern about a resident",
    "are you there? i need to raise a concern",
    "sorry, wrong chat. I need to report a concern",
])
def test_small_talk_before_the_wish_to_raise_a_concern_does_not_hide_it(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    # Session 33's brief: "no worries. I need to report a concern" was a question for the
    # knowledge base; it gets what "I need to report a concern" alone gets.
    alone = say(router, "I need to report a concern")
    reply = say(router, text)
    assert reply == alone, text
    assert reply.text.startswith("Raising a safeguarding concern\n"), text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"], text
    assert _cases(factory) == []


@pytest.mark.parametrize("text", [
    "I want to raise a concern about the late payment of our invoices",
    "we need to raise a concern about the new framework's rates",
    # ... with small talk before it too
    "thanks. I want to raise a concern about the late payment",
    "no worries, I need to raise a concern about our invoice",
    "thanks. I need to report a concern about the tender scores",
    "hi, I need to report our quarterly figures",
    "thanks, how do I raise a conflict",
])
def test_a_concern_about_business_is_not_read_as_a_safeguarding_one(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    reply = say(router, text)
    assert not reply.text.startswith("Raising a safeguarding concern\n"), text
    assert _cases(factory) == []


def test_the_knowledge_bases_safeguarding_entry_carries_the_button(
        router: Router, factory: sessionmaker[Session]) -> None:
    # However the entry is reached (picked from a choice, its "More"), the way to raise a
    # concern is beside it (session 32's trial: it came with More and the ratings only).
    choice = say(router, "safeguarding")
    answer = press(router, choice, "Raising a safeguarding concern")
    assert answer.text.startswith("Raising a safeguarding concern\n")
    assert [b.label for b in answer.buttons] == [
        "More", "Raise a concern now", "Helpful", "Not helpful", "Ask a commissioner"]
    more = press(router, answer, "More")
    assert "Raise a concern now" in [b.label for b in more.buttons]
    question = press(router, more, "Raise a concern now")
    assert question.text.startswith("Safeguarding concern\nWhat has happened, and to whom?\n")


@pytest.mark.parametrize(("words", "answer"), [
    ("RV-2281 lost 3kg this month, the dietitian is involved", "ok"),
    ("the boss keeps their wages", "okay"),
    ("the boss keeps their wages", "fine"),
    ("the boss keeps their wages", "that's fine"),
    # Session 33: one list of acknowledgements, small talk's: what either list had.
    ("the boss keeps their wages", "no worries"),
    ("the boss keeps their wages", "got it, thanks"),
    ("the boss keeps their wages", "oh alright"),
])
def test_ok_to_the_safety_question_is_asked_again(
        router: Router, factory: sessionmaker[Session], words: str, answer: str) -> None:
    # Session 32's trial: "ok" was small talk ("Good. Ask me anything else..."), and the
    # question was dropped: it may only acknowledge the question.
    check = router.handle(make_incoming(words, sender=SAM))[0]
    assert check.text.startswith("Is this about someone's safety?")
    again = say(router, answer)
    assert again.text.startswith("I'm not sure whether that means yes or no. Is this about "
                                 "someone's safety?")
    assert [b.label for b in again.buttons] == ["Raise a concern now"]
    # Still asked: "yes" now opens the concern form.
    thanks, form = router.handle(make_incoming("yes", sender=SAM))
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text
    assert _cases(factory) == []


@pytest.mark.parametrize("words", ["ok", "alright", "ok then", "no worries"])
def test_ok_with_no_safety_question_asked_is_small_talk(router: Router, words: str) -> None:
    assert say(router, words).text.startswith("Good. Ask me anything else")


def test_a_concern_after_can_you_help_is_raised_at_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The session's review: "can you help someone is being hurt" was "I don't know the answer
    # to that" and a knowledge-base gap; the hub was not told.
    reply = say(router, "can you help someone is being hurt")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 1
    assert len(_alerts(factory)) == 1


def test_a_medicines_error_in_other_words_is_raised_and_a_doctors_change_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "the morphine dose was increased by the GP",
        "the pharmacy sent the wrong strength but we spotted it before it was given")
    _each_raised(router, factory, ("RC-126 got 10 times the dose of morphine liquid, wrong "
                                   "syringe used",
                                   "RC-138 drank the methadone meant for RC-139",
                                   "RC-149 had two fentanyl patches on at once, the old one "
                                   "wasnt removed"), kind="neglect")


def test_medicines_not_given_in_other_words_are_raised_and_paperwork_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "we forgot to order the new MAR charts",
        "the MAR audit found no gaps this month")
    _each_raised(router, factory, ("RC-118's evening doses weren't given, the carer left early",
                                   "night staff forgot RC-107s 10pm meds again, third time this "
                                   "month",
                                   "MAR chart shows gaps for RC-117 all week, no one signed for "
                                   "his meds"), kind="neglect")


def test_a_care_visit_that_never_happened_is_raised_and_a_late_one_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "carer was late for the lunch visit but came",
        "the carer never showed for the team meeting")
    _each_raised(router, factory, ("carer never showed for RC-166 lunch visit",
                                   "no1 went to RC-171 yesterday at all"), kind="neglect")


def test_an_injury_in_a_fall_is_raised_and_a_fall_without_one_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "she had a fall last year, no injury",
        "RC-185 broke her hip in 2019 and walks with a frame now")
    _each_raised(router, factory, ("RC-185 broke her hip after a fall in the lounge",
                                   "RC-187 fel in the bathrom, cut to head"))


def test_a_gift_to_a_carer_or_the_persons_car_used_is_raised_and_a_bonus_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "we gave our carers a £50 bonus",
        "the carer uses her own car for visits")
    _each_raised(router, factory, ("RC-223 gave a carer 500 pounds as a gift",
                                   "a carer is using RC-227's car"), kind="financial abuse")


def test_going_hungry_or_lifted_by_hand_is_raised_and_falling_asleep_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    # (Session 37: the concern model refitted on the session's labelled rows and content asks
    # "Is this about someone's safety?" of "she keeps falling asleep in the afternoons", 0.469
    # against its check from 0.43: asked, never raised, no case, no hub message.)
    _neither_raised_nor_asked(router, factory, "we use the hoist to lift her")
    replies = router.handle(make_incoming("she keeps falling asleep in the afternoons",
                                          sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []
    _each_raised(router, factory, ("RC-175 is going hungry, the carers only make a cup of tea",
                                   "the moving and handling assessment for RC-285 wasn't done "
                                   "so carers are lifting her by hand"), kind="neglect")


def test_a_photo_shared_online_or_no_smoke_alarm_is_raised_and_an_alarm_test_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # This session's recall check: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(
        router, factory,
        "the smoke alarm test is due next week",
        "the petty cash for the office doesn't add up this month")
    _each_raised(router, factory, ("a staff member shared a photo of RC-264 on social media",
                                   "there's no working smoke alarm at RC-253's"))


def test_a_relatives_tablets_taken_or_extra_taken_is_raised_and_twice_a_day_is_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The recall check's probes: "I don't know the answer to that" and no case for each.
    _neither_raised_nor_asked(router, factory, "he has his inhaler twice daily")
    _each_raised(router, factory, ("RC-305 took her husband's tablets",
                                   "RC-343 took extra tablets"))


def test_medicines_not_given_to_a_placement_are_raised_and_on_a_doctors_word_are_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The recall check: only "Is this about someone's safety?" when told by a placement's
    # reference, though he fell after it.
    replies = router.handle(make_incoming(
        "staff did not give RC-110 her tablets because the GP stopped them", sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies)
    assert _cases(factory) == []
    reply = say(router, "the carer didn't give RC-108 his parkinsons meds on time and he's now "
                        "really stiff and fell")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    [case] = _cases(factory)
    assert case.summary == "Safeguarding concern (neglect)"


@pytest.mark.parametrize("words", [
    "the smoke alarm went off when she burnt the toast",
    "she gave her carer a hug",
    "the carer never turned up for RC-166's review",
    "she has had no visits from her family",
    "her bank card was used to buy shopping as agreed in her care plan",
    "the fire alarm went off because he burnt his porridge",
    "mrs k gave the night staff a big hug",
    "the OT never turned up for the assessment",
    "his family never visit him",
    "staff use RC-110's debit card for his weekly shop as per his care plan",
])
def test_everyday_life_is_neither_raised_nor_asked_about(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's brief: each was raised as urgent (a burnt toast as physical abuse) or asked
    # "Is this about someone's safety?": a hub flooded with false alarms stops listening.
    _neither_raised_nor_asked(router, factory, words)


@pytest.mark.parametrize("words", [
    "she burnt her hand on the toaster",
    "the carer made her give him a hug",
    "the carer never turned up for RC-166's lunch visit",
    "she has had no visits from the carers for 3 days",
    "her bank card was used to buy shopping for the carer",
])
def test_harm_beside_everyday_life_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern."), words
    [case] = _cases(factory)
    assert case.severity == "urgent"


@pytest.mark.parametrize("words", [
    "she pressed her pendant alarm and nobody came for 40 minutes",
    "RC-120 pressed her buzzer repeatedly and staff didn't come for over an hour",
    "his DoLS lapsed weeks ago but we are still stopping him leaving",
    "the whole wing had no carers on it for an hour",
    "the morning carer never arrived and RC-140 had no breakfast or meds",
])
def test_someone_left_without_help_is_raised_at_once(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's brief: such concerns were only asked about ("Is this about someone's
    # safety?"), told in other words, or given nothing.
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern."), words
    [case] = _cases(factory)
    assert case.severity == "urgent"
    assert _alerts(factory)


@pytest.mark.parametrize("words", [
    "he pressed the call bell and a carer came within 2 minutes",
    "his DoLS expires next month, we have applied to renew it",
    "the office was left unattended over lunch",
    "the unit was empty while residents were on the day trip",
    "we tested the pendant alarms today and all worked",
])
def test_help_given_or_not_needed_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _neither_raised_nor_asked(router, factory, words)


def test_many_medicines_never_reviewed_are_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's brief: "she has 14 tablets a day, no medication review in 2 years and is very
    # confused" got nothing at all.
    check, *_answer = router.handle(make_incoming(
        "she has 14 tablets a day, no medication review in 2 years and is very confused",
        sender=SAM))
    assert check.text.startswith("Is this about someone's safety?")
    assert [b.label for b in check.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... and one reviewed is not asked about.
    _neither_raised_nor_asked(
        router, factory, "she has 14 tablets a day and had her medication review last month")


def test_medicines_taken_as_usual_raise_nothing_and_twice_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's brief: the concern model read "he has taken his tablets" as a concern (0.95:
    # it learned the words of an overdose).
    for words in ("he has taken his tablets today", "she has taken her meds this morning"):
        _neither_raised_nor_asked(router, factory, words)
    reply = say(router, "he has taken his tablets twice today")
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert len(_cases(factory)) == 1


def test_a_reviews_outcome_that_nothing_changed_is_no_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's second trial: "/review done RC-101 needs have not changed" raised an URGENT
    # neglect concern (read as a pad or a dressing not changed).
    _neither_raised_nor_asked(
        router, factory, "needs have not changed", "care plan not changed, maintain",
        "his needs haven't changed since the last review", "not much changed, maintain",
        "nothing has changed since the last review", "the package is not really changed")
    _each_raised(router, factory, (
        "her pad has not been changed all day", "his dressing was not changed for a week",
        "needs have not changed but her catheter bag has not been changed in days"))


# -- Session 33, the user trial: money or the business "hurt", a retraction, "is that
# safeguarding?", warning signs missed, a review's outcome, the writer's news ---------------------

@pytest.mark.parametrize("words", [
    "late payments are really hurting our staff, we might not make payroll",
    "the delays are hurting us",
    "the council's slow payments are really hurting our business",
    "these delays are hurting staff morale",
    "waiting 60 days for payment is hurting our cash flow",
    "the fee freeze is really hurting our team, two carers have handed in notice",
    "this is seriously hurting us as a company",
])
def test_money_or_the_business_hurt_is_neither_raised_nor_asked(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: "late payments are really hurting our staff, ..." opened an URGENT
    # abuse case and alerted the hub. Money, business, staff morale or an organisation being
    # "hurt" is not a concern about a person cared for.
    _neither_raised_nor_asked(router, factory, words)


def test_its_hurting_us_after_the_cash_flow_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _neither_raised_nor_asked(router, factory, "the late payments are hurting our cashflow")
    _neither_raised_nor_asked(router, factory, "its hurting us")


def test_a_person_hurt_beside_the_words_of_business_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "the carer is hurting her when she moves her",
        "he says his son is hurting him",
        "the night carer is hurting RC-104 when she washes her",
        "a resident told me the new carer is hurting her",
        "the delays in her care are hurting her, she has been in pain all week",
        "late payments are hurting us and the carer has started hurting Mrs K",
    ))


def _raised_or_asked(router: Router, factory: sessionmaker[Session], words: str) -> None:
    """``words`` raise a concern, or at least ask "Is this about someone's safety?"."""
    replies = router.handle(make_incoming(words, sender=SAM))
    assert replies[0].text.startswith(("Is this about someone's safety?",
                                       "This sounds like a safeguarding concern.")), words


@pytest.mark.parametrize("words", [
    "RC-101 has been given his tablets crushed in his tea",
    "RC-104's medication is disguised in her food",
    "the night carer hides her pills in her yoghurt so she doesn't know",
    "staff have been putting his meds in his porridge without telling him",
    "her tablets are mixed into her orange juice so she won't refuse them",
])
def test_medicines_hidden_in_food_or_drink_are_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: covert medication got "I don't know" (or the model's doubt alone).
    _each_raised(router, factory, (words,), kind="physical abuse")


@pytest.mark.parametrize("words", [
    "the pharmacist said his tablets can be crushed and mixed with yoghurt as he struggles "
    "to swallow",
    "she takes her tablets with a spoonful of yoghurt",
    "his tablets are crushed in jam at his own request, the GP agreed",
    "her meds are given in her food under a covert medication plan agreed at a best interests "
    "meeting with the GP",
    "he likes his tablets with a cup of tea",
])
def test_medicines_taken_with_food_or_under_a_plan_raise_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _neither_raised_nor_asked(router, factory, words)


@pytest.mark.parametrize("words", [
    "RC-101's son asked us to stop telling the council about his mum's savings",
    "RC-102's son told staff not to mention her bank account to the social worker",
    "his daughter asked us not to let the council know she has his bank card",
    "the nephew asked us to keep his aunt's new will quiet from the council",
    "her son wants us to stop sending the council her bank statements",
])
def test_someone_keeping_a_persons_money_from_the_council_is_asked_about_at_least(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: "RC-101's son asked us to stop telling the council about his mum's
    # savings", a warning sign of financial abuse, got "I don't know".
    _raised_or_asked(router, factory, words)


@pytest.mark.parametrize("words", [
    "RC-101's son asked us to tell the council about his mum's savings for the financial "
    "assessment",
    "her son asked us to stop sending the invoices to his home address",
    "the son asked us to stop phoning the council about the late payment",
    "RC-103's daughter asked us to let the council know her mum's savings are now under the "
    "threshold",
    "the council asked us to stop sending paper invoices to the finance team",
])
def test_money_told_to_the_council_or_business_asked_of_us_raise_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _neither_raised_nor_asked(router, factory, words)


@pytest.mark.parametrize("words", [
    "RC-101 fell twice this week, no injuries, is that a safeguarding issue?",
    "RC-105's daughter wants to take her out for the day, is that a safeguarding issue?",
    "RC-106 slipped in the garden, no injuries and the GP checked him, is that safeguarding?",
    "RC-107 fell out of bed, she is fine, does this need a safeguarding referral?",
    "RC-102 wants to go to the pub on his own, do we need to raise it with safeguarding?",
    "RC-103 wants to manage her own money, is that a safeguarding issue?",
    # Session 34: what the model only has a doubt about, read without the question (session
    # 33 raised it at the model's check threshold): asked with the button, as those words alone
    # would be (bench/concern.py --report unchanged).
    "he missed his GP appointment because the taxi didn't come, is that a safeguarding "
    "concern?",
])
def test_whether_something_without_harm_is_safeguarding_gets_the_guidance(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: "RC-101 fell twice this week, no injuries, is that a safeguarding
    # issue?" was raised URGENT. What counts, and the button: the person decides.
    reply = say(router, words)
    assert reply.text.startswith("Raising a safeguarding concern\n"), words
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_whether_harm_told_is_safeguarding_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "she has bruises on her arms, is that safeguarding?",
        "a carer slapped him, is that a safeguarding issue?",
        "her son took £500 from her account without asking, is that safeguarding?",
        "RC-101 fell and broke her wrist, nobody saw it, is that a safeguarding issue?",
        "her son shouts at her on the phone, is that a safeguarding concern?",
    ))


def _comments(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [str(event.text) for event in session.scalars(
            select(CaseEvent).where(CaseEvent.action == "comment").order_by(CaseEvent.id))]


@pytest.mark.parametrize("words", [
    "no!! that is not safeguarding, i meant the money",
    "sorry, not a safeguarding thing",
    "ignore that, wrong word",
    "my mistake, nobody is being hurt, I meant our cashflow",
    "please disregard that, it isn't a concern about anyone",
    "oops you misunderstood, it was a figure of speech",
])
def test_a_concern_taken_back_at_once_is_added_to_it_not_asked_about(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: a retraction right after a concern was raised got "Is this about
    # someone's safety?". It goes to the concern as a comment (the hub is told, as for any
    # update), and the hub, not the bot, closes the case.
    raised = say(router, "the carer is hurting her when she moves her")
    assert "(reference PB-2026-000001)" in raised.text
    reply = say(router, words)
    assert reply.text == ("I've added that to PB-2026-000001; the hub will close it if there "
                          "is nothing to do.")
    assert reply.buttons == ()
    [case] = _cases(factory)
    assert case.status.value == "open"
    assert _comments(factory) == [words]
    assert len(_alerts(factory)) == 2  # the concern, then the update on it


def test_words_like_a_retraction_with_no_concern_just_raised_add_nothing(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # With no concern raised, nothing to add to: as any message.
    _neither_raised_nor_asked(router, factory, "sorry, not a safeguarding thing")
    _neither_raised_nor_asked(router, factory, "ignore that, wrong word")
    # Long after a concern, or with more harm told, it is no retraction of it.
    say(router, "the carer is hurting her when she moves her")
    clock.now += timedelta(hours=2)
    replies = router.handle(make_incoming("ignore that, wrong word", sender=SAM))
    assert not any(reply.text.startswith("I've added that") for reply in replies)
    assert _comments(factory) == []


@pytest.mark.parametrize("words", [
    "ignore that, it's worse: he hit her again today",
    "not a safeguarding thing? the carer slapped her face",
    "my mistake, it was the night carer who is hurting her",
    "wrong word, she is being kicked not pushed",
    "sorry, I meant her son is taking her pension",
])
def test_more_harm_told_after_a_concern_is_raised_not_taken_as_a_retraction(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    say(router, "the carer is hurting her when she moves her")
    reply = router.handle(make_incoming(words, sender=SAM))[0]
    assert not reply.text.startswith("I've added that to"), words
    if words.endswith("he hit her again today"):
        # More of it, "he" the carer it told of (session 44's safety review, G03): added to it
        # as an update, the hub told at once; never taken as a retraction.
        assert reply.text.startswith("I've added this to the safeguarding concern"), words
        assert _comments(factory) == [words]
        assert len(_cases(factory)) == 1
        return
    assert reply.text.startswith("This sounds like a safeguarding concern."), words
    assert len(_cases(factory)) == 2


def _concerns(factory: sessionmaker[Session]) -> list[Case]:
    return [case for case in _cases(factory) if case.kind == CaseKind.SAFEGUARDING]


def _a_review(router: Router, factory: sessionmaker[Session]) -> int:
    """Sam's placement P-9 with Priya, and the number of its first review's deadline."""
    assert say(router, f"/placement new P-9 2026-11-02 {PRIYA}").text.startswith(
        "Placement P-9 added")
    with factory() as session:
        return session.scalars(select(Deadline.id).where(
            Deadline.rule == "initial-review")).one()


@pytest.mark.parametrize("outcome", [
    "hasn't happened yet",
    "nobody turned up",
    "didn't go ahead, nobody came",
    "postponed, the social worker is off sick",
    "nobody turned up so we rebooked it",
])
def test_a_review_that_did_not_happen_is_not_a_care_visit_missed(
        router: Router, factory: sessionmaker[Session], outcome: str) -> None:
    # Session 33's trial: "/done 5 hasn't happened yet" was asked "Is this about someone's
    # safety?", "/done 5 nobody turned up" raised as neglect.
    number = _a_review(router, factory)
    for words in (f"/review done P-9 {outcome}", f"/done {number} {outcome}"):
        replies = router.handle(make_incoming(words, sender=SAM))
        assert not any(reply.text.startswith(("Is this about someone's safety?",
                                              "This sounds like a safeguarding concern"))
                       for reply in replies), words
        assert _concerns(factory) == [], words


@pytest.mark.parametrize("outcome", [
    "nobody turned up to her lunch visit so she had no lunch",
    "review held, she has bruises on her arms",
    "review held but the carer slapped her",
    "the review went fine but her son has been taking her pension",
    "nobody came to help her all night when she fell",
])
def test_harm_told_in_a_reviews_outcome_is_raised(
        router: Router, factory: sessionmaker[Session], outcome: str) -> None:
    number = _a_review(router, factory)
    replies = router.handle(make_incoming(f"/done {number} {outcome}", sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern."), outcome
    # Resolved, so that the same harm told again about P-9 is a concern of its own, not more
    # of the first (which finds it by its placement since session 34's review; acknowledged,
    # it is still added to it since session 36's).
    [first] = _concerns(factory)
    router.handle(make_incoming(f"/case {first.reference} resolve enquiry closed", sender=HUB))
    # (Words of their own: the hub is given the outcome alone since the mend's brief, and the
    # same words again within the day are a repeat, which the hub has.)
    replies = router.handle(make_incoming(f"/review done P-9 second visit: {outcome}",
                                          sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern."), outcome
    assert [concern.description.split("\n")[0] for concern in _concerns(factory)] == [
        outcome, f"second visit: {outcome}"]


@pytest.mark.parametrize("words", [
    "RC-104 has taken all her morning tablets",
    "she took all of her evening meds",
    "he has taken all his 8am tablets",
    "RC-110 took all his bedtime medication",
    "Mrs B has taken all her usual lunchtime tablets",
])
def test_all_of_one_round_of_medicines_taken_is_not_an_overdose(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: "RC-104 has taken all her morning tablets" was raised as immediate
    # danger; taking all of one's usual round is normal.
    _neither_raised_nor_asked(router, factory, words)


def test_all_of_someones_tablets_or_too_many_of_a_round_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "RC-104 has taken all her tablets",
        "she has taken all her morning tablets at once",
        # (another placement: RC-104's again would be added to its open concern, session 36)
        "RC-105 took too many of her morning tablets",
        "she swallowed all her bedtime tablets and now we cant wake her",
        "he took all his evening meds twice tonight",
    ), kind="immediate danger")


@pytest.mark.parametrize("words", [
    "the carer used her card for her shopping as agreed with her daughter who is her attorney",
    "staff used RC-110's bank card for his shopping as agreed with his nephew who is his "
    "appointee",
    "we use his debit card for his weekly shop as agreed with his son who is his deputy",
    "the carer used her bank card to buy her groceries as agreed in her care plan",
    "her money was spent on new clothes as agreed with her sister who is her attorney",
])
def test_a_card_used_as_the_persons_attorney_agreed_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: the agreement was not read when told as "with her daughter who is her
    # attorney", and the card's use was raised as financial abuse.
    _neither_raised_nor_asked(router, factory, words)


def test_a_card_used_for_another_or_against_the_agreement_is_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "the carer used her card for his own shopping",
        "the carer used her card for her shopping as agreed with her daughter who is her "
        "attorney, but £200 is missing",
        "the carer used her card for her shopping, her daughter who is her attorney did not "
        "agree",
        "the carer used her card for shopping as agreed with her son who has her lpa but kept "
        "the change",
        "the carer keeps using her bank card without asking her daughter who is her attorney",
    ), kind="financial abuse")


@pytest.mark.parametrize("words", [
    "she gave her carer a hug",
    "RC-104 gave her carer a big hug",
    "mrs k gave the night staff a big hug",
    "he hugged his key worker goodbye",
    "she smiled at her carer",
    "he has taken his tablets today",
])
def test_everyday_life_told_is_news_not_a_knowledge_gap(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 33's trial: "she gave her carer a hug" raised nothing (as it should) but got
    # "I don't know" and was kept as a knowledge gap: a piece of news told, not a question.
    reply = say(router, words)
    assert reply.text.startswith("Thanks for letting me know."), words
    assert _cases(factory) == []
    assert knowledge_gaps(factory) == []


@pytest.mark.parametrize("words", [
    "did she give her carer a hug?",
    "can a carer accept a hug from a resident",
    "the delays are hurting us",
    "she gave her carer a hug and he touched her chest",
    "the carer made her give him a hug",
])
def test_a_question_harm_or_business_beside_everyday_words_is_no_news(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = router.handle(make_incoming(words, sender=SAM))
    assert not any(reply.text.startswith("Thanks for letting me know") for reply in replies)


def test_a_short_answer_to_a_proposal_is_not_asked_about_safety(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's second trial: "I don't accept that" after a proposal got "Is this about
    # someone's safety?" (the concern model read it 0.75) before the Reject offer.
    _neither_raised_nor_asked(router, factory, "I don't accept that", "i dont accept that",
                              "we cannot accept this", "not acceptable", "accept")
    _each_raised(router, factory, ("I don't accept that the carer hit her",))


def test_a_retraction_is_only_the_next_words_and_never_a_correction_of_who(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's review: "sorry, ignore that, wrong question" after another question was
    # added to a physical-abuse concern as its retraction; "no, i meant the night staff, not
    # her family" (worse, not a retraction) was told "the hub will close it".
    assert say(router, "RC-101 has bruises on both arms and says a carer grabbed her"
               ).text.startswith("This sounds like a safeguarding concern.")
    say(router, "how long does the council have to pay invoices")
    assert not any(reply.text.startswith("I've added that to") for reply in router.handle(
        make_incoming("sorry, ignore that, wrong question", sender=SAM)))
    assert say(router, "RC-102 says she is being shouted at and sworn at every night"
               ).text.startswith("This sounds like a safeguarding concern.")
    for words in ("no, i meant the night staff, not her family",
                  "sorry wrong person - i meant the agency staff did it"):
        assert not any(reply.text.startswith("I've added that to") for reply in router.handle(
            make_incoming(words, sender=SAM))), words


# -- Session 34: false alarms from earlier trials ------------------------------------------------

@pytest.mark.parametrize("words", [
    "/placement new RC-101 1/6/2026 the safeguarding hub",
    "/placement new RC-101 01/06/2026 Safeguarding Team",
    "/placement end RC-101 1 Dec 2026",
    "/condition-change RC-101 1/6/2026",
    "/away 12/12/2026 safeguarding@northshire.example",
    "/tender follow safeguarding training framework",
])
def test_a_commands_names_references_and_dates_raise_no_concern(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The brief: "/placement new RC-101 1/6/2026 the safeguarding hub" raised an URGENT concern
    # (abuse) from the command's own words: a reference and the hub's name.
    replies = router.handle(make_incoming(words, sender=SAM))
    assert not any(reply.text.startswith(("Is this about someone's safety?",
                                          "This sounds like a safeguarding concern"))
                   for reply in replies), words
    assert _cases(factory) == [], words
    assert _alerts(factory) == [], words


@pytest.mark.parametrize("words", [
    "/placement new RC-101 1/6/2026 a carer hit her",
    "/condition-change RC-101 she has bruises on both arms and won't say how",
    "/conflict the carer slapped RC-101 and the council did nothing",
    "/feedback RC-101 has been left in soiled pads all weekend",
])
def test_harm_told_in_a_commands_words_is_still_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    replies = router.handle(make_incoming(words, sender=SAM))
    assert replies[0].text.startswith("This sounds like a safeguarding concern."), words
    assert len(_cases(factory)) == 1, words


@pytest.mark.parametrize("words", [
    "is that abuse?",
    "would that count as neglect?",
    "is this a safeguarding issue?",
    "her son brings her cake, is that abuse?",
    "her son brings her cake, is that a safeguarding concern?",
    "her son visits her every sunday, would that count as neglect?",
])
def test_whether_something_counts_with_no_harm_told_gets_the_guidance(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The brief: each, alone or after harmless words, was raised URGENT (or answered with an
    # entry and no button). The guidance, the contacts and the button: the person decides.
    reply = say(router, words)
    assert reply.text.startswith("Raising a safeguarding concern\n"), words
    assert f"report the concern straight away to {SAFEGUARDING_CONTACT}" in reply.text
    assert [b.label for b in reply.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_whether_harm_told_counts_is_still_raised_at_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, ("he hit her, is that abuse?",
                                   "her son takes her pension every week, is that abuse?",
                                   "nobody has washed her for a week, would that count as "
                                   "neglect?"))


def test_a_persons_needs_unchanged_told_in_chat_is_not_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: "her needs haven't changed" was asked "Is this about someone's safety?" (the
    # masks left the model the one word "her", which it reads 0.99).
    _neither_raised_nor_asked(router, factory, "her needs haven't changed",
                              "his needs have not changed")


def test_covert_medicines_under_an_agreed_plan_raise_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the older "crush" rule raised this as URGENT physical abuse.
    _neither_raised_nor_asked(
        router, factory,
        "we crush her tablets into yoghurt as agreed with the GP and pharmacist under her "
        "best-interests plan",
        "his tablets are crushed under his covert medication plan")


def test_covert_medicines_without_an_agreement_are_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, ("we crush her tablets into yoghurt so she doesn't know",
                                   "the night carer crushes his pills and hides them in his "
                                   "tea",
                                   "we crush her tablets"), kind="physical abuse")


@pytest.mark.parametrize("words", [
    "one of our carers slipped on the wet floor and hurt her back",
    "our carer tripped over a cable in the office and hurt his knee",
    "a staff member cut her hand in the kitchen",
])
def test_a_carers_own_fall_or_cut_at_work_is_not_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # The brief: the first was raised URGENT (abuse): staff health and safety, not harm to
    # someone cared for. Asked about at most, as a staff member's own accident always was.
    replies = router.handle(make_incoming(words, sender=SAM))
    assert not replies[0].text.startswith("This sounds like a safeguarding concern"), words
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_harm_to_a_resident_by_a_carer_is_still_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    _each_raised(router, factory, (
        "one of our carers slipped while hoisting Mrs B and she hit her head",
        "one of our carers pushed her and she hurt her back",
        "the carer tripped her and she hurt her hip",
    ))


def test_a_new_placement_form_sent_whole_naming_the_hub_raises_no_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # A Slack modal sends its answers together: the reference, the day and the hub's name were
    # read as one message, as "/placement new RC-101 1/6/2026 the safeguarding hub" was.
    replies = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="placement-new",
        form_values={"reference": "RC-101", "started": "1/6/2026",
                     "other": "the safeguarding hub"},
        received_at=FIXED_NOW))
    assert not any(reply.text.startswith(("Is this about someone's safety?",
                                          "This sounds like a safeguarding concern"))
                   for reply in replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []
    # ... and harm typed as the contact is read.
    replies = router.handle(Incoming(
        channel=Channel.CONSOLE, conversation="test", sender=SAM, form_id="placement-new",
        form_values={"reference": "RC-101", "started": "1/6/2026", "other": "a carer hit her"},
        received_at=FIXED_NOW))
    assert replies[0].text.startswith("This sounds like a safeguarding concern.")


@pytest.mark.parametrize("words", [
    "RC-101 was struck by a visitor at the home, she knows him from church",
    "RC-0101 was knocked by a visitor at the home and fell, she knows him from church",
    "PL-77 was struck by another resident at lunch, they sit at the same table",
])
def test_someone_cared_for_struck_by_a_visitor_with_a_trailing_clause_is_raised(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 42's brief: only asked "Is this about someone's safety?" before.
    _each_raised(router, factory, (words,), kind="physical abuse")


def test_the_home_hit_hard_by_bills_or_owed_money_raises_no_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 42's brief: each was raised URGENT.
    _neither_raised_nor_asked(
        router, factory,
        "the energy bills hit the home hard this winter",
        "we owe a resident's family £150 refund",
        "the council owes the home £12,000 from its social care account")


def test_a_relatives_criticism_in_the_press_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 42's brief: raised URGENT by the concern model reading "the resident's son".
    replies = router.handle(make_incoming("the resident's son hit us hard in the press",
                                          sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies)
    assert _cases(factory) == []
    assert _alerts(factory) == []


def test_a_truck_striking_a_carer_is_not_raised(
        router: Router, factory: sessionmaker[Session]) -> None:
    replies = router.handle(make_incoming("the truck struck our carer in the car park",
                                          sender=SAM))
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies)
    assert _cases(factory) == []
