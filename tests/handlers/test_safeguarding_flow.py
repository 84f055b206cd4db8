"""Safeguarding's case flow, as dialogs through the router: what a yes to the safety question
answers, which placement a concern is about, and when a disclosure opens a case of its own
(session 34's trial)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Reply
from bot.models import (
    Case,
    CaseEvent,
    CaseKind,
    Deadline,
    DeadlineStatus,
    FormSession,
    OutboxMessage,
    Person,
    Placement,
    Question,
)
from handlers.identifiers import without_identifiers
from tests.factories import Clock, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.fixture
def router(northshire_router: Router) -> Router:
    return northshire_router


def _all(router: Router, text: str, sender: str = SAM) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def _cases(factory: sessionmaker[Session]) -> list[Case]:
    with factory() as session:
        return list(session.scalars(select(Case).order_by(Case.id)))


# Asked "Is this about someone's safety?" (the stroke of the first trial is no longer asked).
FELL = "she fell and cut her head, the nurse dressed it"


@pytest.mark.parametrize("between", [
    ("/reminders", "how long is the standstill period?"),
    ("how long is the standstill period?",),
])
def test_a_yes_after_other_replies_does_not_answer_the_safety_question(
        router: Router, factory: sessionmaker[Session], between: tuple[str, ...]) -> None:
    # Session 34's trial: the safety question, /reminders, an answer with its own buttons,
    # then "yes" opened the concern form and "Done" became an URGENT case.
    asked = _all(router, FELL)
    assert asked[0].text.startswith("Is this about someone's safety?")
    for text in between:
        _all(router, text)
    [reply] = _all(router, "yes")
    assert reply.text.startswith("I wasn't waiting for a yes or no just now."), reply.text
    _all(router, "Done")
    assert _cases(factory) == []


def test_a_yes_straight_after_the_safety_question_still_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, FELL)
    thanks, form = _all(router, "yes")
    assert thanks.text.startswith("Thank you for telling me.")
    assert "What has happened, and to whom?" in form.text


# -- a concern told inside a form, a case comment or a reason keeps its placement -------------
def _one(router: Router, text: str = "", sender: str = SAM, **kwargs: object) -> Reply:
    replies = router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]
    return replies[0]


def _press(router: Router, reply: Reply, label: str) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    return _one(router, action=button.action, action_value=button.value)


def _placement_of(factory: sessionmaker[Session], case: Case) -> str | None:
    with factory() as session:
        placement = session.get(Placement, case.placement_id) if case.placement_id else None
        return placement.reference if placement is not None else None


def _safeguarding(factory: sessionmaker[Session]) -> list[Case]:
    return [case for case in _cases(factory) if case.kind == CaseKind.SAFEGUARDING]


@pytest.fixture
def placements(router: Router) -> None:
    """RC-101 and RC-102, Sam's at Northshire; deadline 1 is RC-101's initial review."""
    for reference in ("RC-101", "RC-102"):
        added = _one(router, f"/placement new {reference} 1/10/2026 {PRIYA}")
        assert added.text.startswith(f"Placement {reference} added"), added.text


def _conflict_about(router: Router, reference: str) -> Reply:
    """/conflict about a placement, up to "What has happened?"."""
    reply = _one(router, "/conflict")
    reply = _press(router, reply, reply.buttons[0].label)
    assert "Which placement or invoice" in reply.text
    reply = _one(router, reference)
    assert "What has happened?" in reply.text
    return reply


@pytest.mark.usefixtures("placements")
def test_a_concern_typed_into_a_disagreement_is_about_its_placement(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's trial: RC-0101 answered at question 2, a disclosure at question 3: the
    # case had no placement.
    _conflict_about(router, "RC-101")
    _all(router, "her son slaps her when he visits and she is scared of him")
    [case] = _safeguarding(factory)
    assert _placement_of(factory, case) == "RC-101"
    assert "\nAbout: placement RC-101\n" in _one(router, f"/case {case.reference}",
                                                  sender=HUB).text


@pytest.mark.usefixtures("placements")
def test_a_concern_in_a_comment_on_a_case_is_about_the_cases_placement(
        router: Router, factory: sessionmaker[Session]) -> None:
    _conflict_about(router, "RC-102")
    _all(router, "The fees for October were cut without notice.")
    summary = _one(router, "Pay the agreed fee.")
    sent = _press(router, summary, "Send")
    assert sent.text.startswith("Thank you. Your case is PB-2026-"), sent.text
    [conflict] = _cases(factory)
    _all(router, f"/case {conflict.reference} comment the resident now says her son slaps her "
                 "when he visits")
    [case] = _safeguarding(factory)
    assert _placement_of(factory, case) == "RC-102"
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == hub.id, OutboxMessage.kind == "safeguarding.raised"))
    assert "RC-102" in alert.payload["text"]


@pytest.mark.usefixtures("placements")
def test_a_concern_in_a_not_applicable_reason_is_about_the_deadlines_placement(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, "/not-applicable 1 resident moved out because her son was hitting her at home")
    [case] = _safeguarding(factory)
    assert _placement_of(factory, case) == "RC-101"


# -- a second disclosure about the same placement: a case of its own, or more of the first -----
PENSION = "One of our residents in RC-102 told a carer that her son takes her pension every week"
BLACK_EYE = "The resident in RC-102 has a black eye after her son visited last night"


@pytest.mark.usefixtures("placements")
def test_new_harm_after_the_concern_is_acknowledged_is_a_case_of_its_own(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's trial: a black eye told after the hub acknowledged a concern of financial
    # abuse about RC-0102 became a comment on it: still acknowledged, still labelled financial
    # abuse, and no acknowledgement clock for the injury.
    _all(router, PENSION)
    [first] = _safeguarding(factory)
    acknowledged = _one(router, f"/case {first.reference} acknowledge", sender=HUB)
    assert "acknowledged" in acknowledged.text.lower(), acknowledged.text
    told = _one(router, BLACK_EYE)
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    first, second = _safeguarding(factory)
    assert second.reference in told.text
    assert (second.severity, second.acknowledged_at, second.summary) == (
        "urgent", None, "Safeguarding concern (physical abuse)")
    assert second.acknowledge_due_at > second.opened_at
    assert _placement_of(factory, second) == "RC-102"
    assert f"beside the earlier one about the same placement, {first.reference}" in (
        second.description)
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        alerts = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == hub.id, OutboxMessage.kind == "safeguarding.raised")
            .order_by(OutboxMessage.id)).all()
    assert len(alerts) == 2
    assert alerts[1]["text"].startswith(f"URGENT safeguarding concern {second.reference} "
                                        "(physical abuse)")
    assert first.reference in alerts[1]["text"]


@pytest.mark.usefixtures("placements")
def test_another_kind_of_harm_before_acknowledgement_is_a_case_of_its_own(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, PENSION)
    _all(router, BLACK_EYE)
    assert [case.summary for case in _safeguarding(factory)] == [
        "Safeguarding concern (financial abuse)", "Safeguarding concern (physical abuse)"]


@pytest.mark.usefixtures("placements")
def test_more_of_the_same_harm_before_acknowledgement_is_added_to_the_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, PENSION)
    [first] = _safeguarding(factory)
    added = _one(router, "RC-102 now also says her son took her bank card")
    assert added.text.startswith(
        f"I've added this to the safeguarding concern {first.reference}"), added.text
    assert len(_safeguarding(factory)) == 1


# -- a provider's update on an open concern about the same placement (session 36's trial) ------
BRUISE = ("hi, worried about mrs jones in room 4 (RC-101), carer shouted at her and she has a "
          "bruise on her arm this morning, what do i do")
UPDATE = ("update on RC-101 - the bruise, family now say they saw the same carer grab her wrist "
          "last week too. we have suspended the carer")


def _to_hub(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == hub.id).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("registered", [True, False])
def test_an_update_on_an_acknowledged_concern_about_its_placement_is_added_to_it(
        router: Router, factory: sessionmaker[Session], clock: Clock, registered: bool) -> None:
    # Session 36's trial: "update on RC-101 - ..." an hour and a half after PB-2026-000001 on
    # RC-101 was raised and acknowledged opened PB-2026-000002, URGENT, with no link, and the
    # provider was given the 999/101 guidance again. RC-101 was a reference written in the
    # concern (no placement on record); registered or not, the update joins the concern.
    if registered:
        _one(router, f"/placement new RC-101 1/10/2026 {PRIYA}")
    _all(router, BRUISE)
    [first] = _safeguarding(factory)
    _one(router, f"/case {first.reference} acknowledge", sender=HUB)
    clock.now += timedelta(minutes=90)
    before = len(_to_hub(factory))
    told = _one(router, UPDATE)
    assert told.text.startswith(
        f"I've added this to the safeguarding concern {first.reference} and the hub is told "
        "now."), told.text
    assert [case.reference for case in _safeguarding(factory)] == [first.reference]
    [update] = _to_hub(factory)[before:]
    assert update.urgent
    assert update.payload["text"].startswith(
        f"Update on safeguarding concern {first.reference} (RC-101) from Sam of Riverside:\n"
        "“update on RC-101 - the bruise"), update.payload["text"]


def test_an_update_days_later_on_a_concern_still_open_is_added_to_it(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Within the concern's life, not only its first day.
    _all(router, BRUISE)
    [first] = _safeguarding(factory)
    _one(router, f"/case {first.reference} acknowledge", sender=HUB)
    clock.now += timedelta(days=3)
    told = _one(router, UPDATE)
    assert told.text.startswith(f"I've added this to the safeguarding concern {first.reference}")
    assert len(_safeguarding(factory)) == 1


def test_harm_told_about_another_placement_after_an_acknowledged_concern_is_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    _all(router, BRUISE)
    [first] = _safeguarding(factory)
    _one(router, f"/case {first.reference} acknowledge", sender=HUB)
    clock.now += timedelta(minutes=90)
    told = _one(router, "update on RC-102 - the same carer grabbed her wrist too")
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    assert len(_safeguarding(factory)) == 2


# -- a follow-up naming no placement, straight after the concern (session 37's brief) ---------
@pytest.mark.parametrize(("words", "acknowledged"), [
    ("she has a bruise on her other arm too", False),
    ("family now say they saw the same carer grab her wrist last week too", True),
    # Session 37's review: her own words, relayed, were the writer's own abuse (the helpline
    # reply), neither added to the concern nor raised.
    ("she also whispered my son hits me", False),
])
def test_a_follow_up_naming_nobody_straight_after_a_concern_is_added_to_it(
        router: Router, factory: sessionmaker[Session], clock: Clock, words: str,
        acknowledged: bool) -> None:
    # The brief: "he has a bruise on his arm too", straight after a concern about RC-101,
    # opened a second URGENT case. Within ``FOLLOW_UP_WINDOW`` it joins the one concern open.
    _all(router, BRUISE)
    [first] = _safeguarding(factory)
    if acknowledged:
        _one(router, f"/case {first.reference} acknowledge", sender=HUB)
    clock.now += timedelta(minutes=90)
    before = len(_to_hub(factory))
    told = _one(router, words)
    assert told.text.startswith(
        f"I've added this to the safeguarding concern {first.reference} and the hub is told "
        "now."), told.text
    assert "It names no placement" in told.text
    assert [case.reference for case in _safeguarding(factory)] == [first.reference]
    [update] = _to_hub(factory)[before:]
    assert update.urgent
    assert update.payload["text"].startswith(
        f"Update on safeguarding concern {first.reference} (RC-101) from Sam of Riverside:\n"
        f"“{words}"), update.payload["text"]
    with factory() as session:
        assert session.scalars(select(CaseEvent.text).where(
            CaseEvent.case_id == first.id, CaseEvent.action == "comment")).all() == [words]


@pytest.mark.parametrize(("between", "words", "later"), [
    # about someone else, in so many words
    ((), "another resident has a bruise on her arm too", 30),
    ((), "a different service user says the same carer grabbed his wrist", 30),
    ((), "mr k in room 7 has a bruise on his arm too", 30),
    # another matter, in so many words (a first reading joined it: "another" tells more)
    ((), "Another matter. A carer hit a resident and there are bruises on her arm", 30),
    ((), "separate concern, the night carer slapped him too", 30),
    # someone new named, by name, a pronoun of another gender, a person-noun or a place
    # (session 37's review: each was added to the concern about Mrs Jones)
    ((), "Also John next door says the agency carer slapped him last night", 30),
    ((), "he has a black eye too", 30),
    ((), "the man in the next room also says he was hit", 30),
    ((), "Doris also told me the same carer shouted at her", 30),
    ((), "Doris also says the same carer grabbed her wrist", 30),  # the same kind of harm
    ((), "also the lady across the hall has bruises", 30),
    ((), "also her roommate has bruises too", 30),
    # two concerns open: which one is not known
    (("RC-102's son slapped her across the face when he visited",),
     "she has a bruise on her other arm too", 30),
    # past the window: a concern of its own, as before
    ((), "she has a bruise on her other arm too", 5 * 60),
])
def test_a_follow_up_about_someone_else_or_not_straight_after_one_concern_is_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock, between: tuple[str, ...],
        words: str, later: int) -> None:
    _all(router, BRUISE)
    for text in between:
        _all(router, text)
    raised = len(_safeguarding(factory))
    clock.now += timedelta(minutes=later)
    told = _one(router, words)
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    assert len(_safeguarding(factory)) == raised + 1


def test_an_update_after_the_concern_is_resolved_is_a_concern_of_its_own(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    _all(router, BRUISE)
    [first] = _safeguarding(factory)
    resolved = _one(router, f"/case {first.reference} resolve enquiry closed, carer dismissed",
                    sender=HUB)
    assert "resolved" in resolved.text.lower(), resolved.text
    clock.now += timedelta(hours=2)
    told = _one(router, UPDATE)
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    assert len(_safeguarding(factory)) == 2


# -- a care worker's own abuse at home: support, and the hub only if they want it (session 36) --
OWN = "im scared to go home tonight, my partner hits me. im a care worker at hillview"


def _questions_kept(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [str(text) for text in session.scalars(select(Question.text))]


@pytest.mark.parametrize("words", [
    OWN,
    # With no word of work (session 37's brief: raised under the writer's name).
    "my husband hit me last night",
    "my boyfriend hurts me",
    "my partner hits me and told me not to tell anyone",
    # With a word of work and nobody else in it (session 38).
    "im a carer and my partner hits me",
    # ... and where they work named after a person (session 38's review: sent to the hub).
    "i'm a carer at Florence House and my husband hits me",
    "i'm a carer at the Edith Cavell Centre and my husband hits me",
    "my husband hits me. im a carer at Florence House",
    # ... with no "i'm" before the word of work, or signed with their name (session 39: sent
    # to the hub as a disclosure about a resident).
    "a carer at Florence House and my husband hits me",
    "I work at Florence House and my husband hit me. Sarah",
    # ... slammed against a wall, a shift they cannot do, signed after a sign-off (session 40:
    # sent to the hub).
    "my partner slammed me against the wall, sorry for the late notice, cant do tonights shift. "
    "regards, Amy",
])
def test_a_care_workers_own_abuse_at_home_gets_support_and_is_not_sent_to_the_hub(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 36's trial: an URGENT concern to the council's hub under the worker's name, and
    # "Registered providers must also notify CQC".
    [reply] = _all(router, words)
    assert "call 999" in reply.text, reply.text
    assert "press 55" in reply.text
    assert "0808 2000 247" in reply.text
    assert "manager" in reply.text
    assert "CQC" not in reply.text
    assert "I haven't passed this on" in reply.text
    assert [button.label for button in reply.buttons] == ["Tell the safeguarding team"]
    assert _cases(factory) == []
    assert _to_hub(factory) == []
    assert _questions_kept(factory) == []  # not kept, not a knowledge gap
    # Pressed, it asks what to tell, and the answer goes to the hub.
    form = _press(router, reply, "Tell the safeguarding team")
    assert "What has happened, and to whom?" in form.text
    told = _one(router, "my partner hits me, please call me after 6")
    assert "reference PB-2026-000001" in told.text, told.text
    assert "CQC" not in told.text
    assert len(_safeguarding(factory)) == 1


@pytest.mark.parametrize("words", [
    "a resident told me her partner hits her",
    "RC-101's husband hits her when he visits",
    "our carer said her client's son hits him",
    "im a care worker and i saw my colleague hit a resident",
    "im a care worker, my partner hits me and the kids",
    "my husband won't let me see the doctor on my own and he hits me",
    # About a person receiving care, or told in their words (session 37's brief).
    "my resident's husband hit her",
    "Mr B's son hits him",
    "she said my son hits me",
    "he told me “my wife hits me”",
    # Someone cared for named after the writer's word of work, their words passed on with no
    # pronoun, word of telling or dash (session 37's left: read as the writer's own).
    "im a carer, Doris my son hits me",
    "im a carer. Doris said my son hits me",
    "im a carer, Doris: my son hits me",
    "im a care worker at Hillview, Doris my son hits me",
    "Doris: my son hits me",
    "Doris said my son hits me",
])
def test_harm_to_anyone_else_or_in_someone_elses_words_is_still_raised_at_once(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    told = _all(router, words)[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), (words, told.text)
    assert len(_safeguarding(factory)) == 1


def test_a_relayed_disclosure_after_a_word_of_work_is_kept_with_the_name_cut(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 37's left: the writer's own abuse (the helpline), the hub never told. Raised, the
    # person's name is cut to its initial in what the hub is given.
    told = _all(router, "im a carer, Doris my son hits me")[0]
    assert told.text.startswith("This sounds like a safeguarding concern."), told.text
    [case] = _safeguarding(factory)
    assert "my son hits me" in case.description
    assert "Doris" not in case.description


# -- a yes to the safety question beside a review's "Did it happen?" (session 34's review) -----

def _overdue_review_asked(router: Router) -> None:
    added = _one(router, f"/placement new RC-101 1/8/2026 {PRIYA}")
    assert "Did it happen?" in added.text, added.text


def _opens_the_concern_form(replies: list[Reply]) -> bool:
    return any("What has happened, and to whom?" in reply.text for reply in replies)


def test_a_yes_straight_after_the_safety_question_answers_it_not_an_older_review(
        router: Router) -> None:
    # The review: "yes" was "Is your "yes" for this question, asked earlier?" and RC-101's
    # "Did it happen?"; the safety question was the latest question asked.
    _overdue_review_asked(router)
    asked = _all(router, f"/ask {FELL}")
    assert asked[0].text.startswith("Is this about someone's safety?"), asked[0].text
    assert _opens_the_concern_form(_all(router, "yes"))


def test_a_yes_to_the_safety_question_after_a_command_shows_it_again(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The review: "I wasn't waiting for a yes or no just now" (before today: the form).
    _all(router, FELL)
    _all(router, "/whoami")
    which, question = _all(router, "yes")
    assert question.text.startswith("Is this about someone's safety?"), question.text
    assert [b.label for b in question.buttons] == ["Raise a concern now"]
    assert not _opens_the_concern_form([which, question])
    replies = router.handle(make_incoming(sender=SAM, action=question.buttons[0].action,
                                          action_value=question.buttons[0].value))
    assert _opens_the_concern_form(replies)
    assert _cases(factory) == []


@pytest.mark.parametrize("answer", ["no", "yes"])
def test_a_yes_or_no_typed_after_which_question_presses_nothing(
        router: Router, factory: sessionmaker[Session], answer: str) -> None:
    # The review: the bot's own "Is your "yes" for this question, asked earlier?" made a
    # following "no" press the review's No.
    _overdue_review_asked(router)
    _all(router, "/whoami")
    which, _question = _all(router, "yes")
    assert "press" in which.text.lower()
    again = _all(router, answer)
    assert not any(reply.text.startswith(("Noted:", "Recorded:")) for reply in again), again
    assert "press" in again[0].text.lower(), again[0].text
    assert again[-1].text.endswith("Did it happen?")
    with factory() as session:
        assert session.scalars(select(Deadline.status).where(
            Deadline.rule == "initial-review")).all() == [DeadlineStatus.OPEN]


# -- follow-ups about the same placement find its concern by placement (session 34's review) ---
def _added_to(reply: Reply) -> str:
    assert reply.text.startswith("I've added this to the safeguarding concern "), reply.text
    return reply.text.removeprefix("I've added this to the safeguarding concern ").split()[0]


@pytest.mark.usefixtures("placements")
def test_a_third_kind_of_harm_names_both_earlier_concerns(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The review: PB-3 (financial) opened with no note of PB-1 and PB-2 beside it.
    _all(router, "RC-101 has a black eye and a cut lip this morning")
    _all(router, "RC-101 has now told me the night carer did it and she is scared to be "
                 "alone with him")
    _all(router, "RC-101 also says he took money from her purse")
    first, second, third = _safeguarding(factory)
    assert third.summary == "Safeguarding concern (financial abuse)"
    assert first.reference in third.description, third.description
    assert second.reference in third.description, third.description


@pytest.mark.usefixtures("placements")
def test_more_of_the_same_harm_is_added_with_two_concerns_open(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The review: the cut lip opened a new URGENT PB-3 instead of joining PB-2 (physical).
    _all(router, "RC-101: money has been taken from her purse by a member of staff")
    _all(router, "RC-101 now she has a black eye")
    _first, second = _safeguarding(factory)
    assert second.summary == "Safeguarding concern (physical abuse)"
    added = _one(router, "RC-101 she also has a cut lip this morning")
    assert _added_to(added) == second.reference
    assert len(_safeguarding(factory)) == 2


def _conflict_case(router: Router, factory: sessionmaker[Session], reference: str) -> Case:
    """A disagreement about ``reference``, sent: its case."""
    _conflict_about(router, reference)
    _all(router, "The fees for October were cut without notice.")
    summary = _one(router, "Pay the agreed fee.")
    sent = _press(router, summary, "Send")
    assert sent.text.startswith("Thank you. Your case is PB-2026-"), sent.text
    [conflict] = _cases(factory)
    return conflict


@pytest.mark.usefixtures("placements")
def test_a_follow_up_in_a_comment_or_naming_the_placement_is_added_to_its_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The review: the second comment opened a new URGENT case, and "RC-101 she also has a
    # cut lip now" a third with no placement.
    conflict = _conflict_case(router, factory, "RC-101")
    _all(router, f"/case {conflict.reference} comment also staff have been shouting at her "
                 "and she has bruises on her arms")
    [concern] = _safeguarding(factory)
    assert _placement_of(factory, concern) == "RC-101"
    replies = _all(router, f"/case {conflict.reference} comment and today she has a cut on "
                           "her face")
    assert _added_to(replies[0]) == concern.reference
    assert _added_to(_one(router, "RC-101 she also has a cut lip now")) == concern.reference
    assert len(_safeguarding(factory)) == 1


@pytest.mark.usefixtures("placements")
def test_a_concern_naming_another_placement_in_a_comment_is_not_about_the_cases(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The review: the alert said "About: placement RC-101 (told in a comment on case ...)".
    conflict = _conflict_case(router, factory, "RC-101")
    _all(router, f"/case {conflict.reference} comment also RC-0105 was slapped by the night "
                 "carer yesterday")
    [case] = _safeguarding(factory)
    assert case.placement_id is None
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        [alert] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == hub.id, OutboxMessage.kind == "safeguarding.raised"))
    assert "About: placement" not in alert.payload["text"]


def test_a_yes_with_what_happened_raises_it_with_the_message_asked_about(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's second review: "yes, a carer did it" went to the knowledge base and
    # nothing was raised; a bare "yes" opened the form.
    _all(router, FELL)
    [raised, *_] = _all(router, "yes, a carer did it")
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    [case] = _safeguarding(factory)
    assert "a carer did it" in case.description
    assert "she fell and cut her head" in case.description


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("written", ["RC 101", "rc101"])
def test_a_follow_up_naming_the_placement_written_apart_is_added_to_its_concern(
        router: Router, factory: sessionmaker[Session], written: str) -> None:
    # Session 34's second review: "RC 105 now has a black eye as well" opened a second URGENT
    # case; "rc105" too.
    _all(router, "a carer slapped RC-101 this morning")
    [concern] = _safeguarding(factory)
    assert _added_to(_one(router, f"{written} now has a black eye as well")) == concern.reference
    assert len(_safeguarding(factory)) == 1


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("written", ["RC 105", "rc105"])
def test_a_concern_naming_another_placement_written_apart_is_not_about_the_cases(
        router: Router, factory: sessionmaker[Session], written: str) -> None:
    # Session 34's second review: "also rc105 was slapped" on RC-101's case was filed as RC-101.
    conflict = _conflict_case(router, factory, "RC-101")
    _all(router, f"/case {conflict.reference} comment also {written} was slapped by the night "
                 "carer yesterday")
    [case] = _safeguarding(factory)
    assert case.placement_id is None


@pytest.mark.usefixtures("placements")
def test_harm_to_another_placement_in_a_comment_on_a_concern_is_a_concern_of_its_own(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 34's second review: "also RC-105 was slapped by the same carer", a comment on
    # RC-101's concern, was added to it: no urgent case, no clock of its own.
    _all(router, "a carer slapped RC-101 this morning")
    [first] = _safeguarding(factory)
    _all(router, f"/case {first.reference} comment also RC-102 was slapped by the same carer")
    concerns = _safeguarding(factory)
    assert len(concerns) == 2
    assert _placement_of(factory, concerns[1]) == "RC-102"


# -- a yes after a no: the Raise button under the "no" (session 35's brief) ----------------------
def test_a_yes_typed_after_a_no_to_the_safety_question_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The brief: the thank-you for the "no" offers "Raise a concern now"; a typed "yes" then
    # was "I wasn't waiting for a yes or no just now".
    _all(router, FELL)
    [no] = _all(router, "no")
    assert no.text.startswith("Thank you: nothing has been raised."), no.text
    assert _opens_the_concern_form(_all(router, "yes"))
    [raised, *_] = _all(router, "a carer dropped her from the hoist")
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    assert len(_safeguarding(factory)) == 1


def test_a_yes_with_what_happened_after_a_no_raises_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    _all(router, FELL)
    _all(router, "no")
    [raised, *_] = _all(router, "yes, the night carer slapped her")
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    [case] = _safeguarding(factory)
    assert "the night carer slapped her" in case.description


@pytest.mark.parametrize("words", [
    # The mend's brief: each raised an URGENT case quoting the words after the "no".
    "yes, thats clear", "yes, that's all for now", "yes, i know where to go"])
def test_a_yes_with_words_of_no_harm_after_a_no_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _all(router, FELL)
    _all(router, "no")
    replies = _all(router, words)
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in replies), replies[0].text
    assert not _opens_the_concern_form(replies)
    assert _cases(factory) == []


@pytest.mark.parametrize("words", [
    "yes, please raise it", "yes, report it",
    # ... and words the concern model is unsure of: the form asks what happened.
    "yes, it was about the night carer"])
def test_a_yes_asking_to_raise_it_or_unsure_after_a_no_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _all(router, FELL)
    _all(router, "no")
    assert _opens_the_concern_form(_all(router, words))
    assert _cases(factory) == []


@pytest.mark.parametrize("between", [("/whoami",), ("how long is the standstill period?",)])
def test_a_yes_after_a_no_and_other_replies_presses_nothing(
        router: Router, factory: sessionmaker[Session], between: tuple[str, ...]) -> None:
    _all(router, FELL)
    _all(router, "no")
    for text in between:
        _all(router, text)
    assert not _opens_the_concern_form(_all(router, "yes"))
    _all(router, "Done")
    assert _cases(factory) == []


# -- a placement reference after a title is no name (session 35's trial) -----------------------
@pytest.fixture
def references_after_titles(router: Router) -> None:
    """HV-0231 and RC-P-002, Sam's at Northshire."""
    for reference in ("HV-0231", "RC-P-002"):
        added = _one(router, f"/placement new {reference} 1/10/2026 {PRIYA}")
        assert added.text.startswith(f"Placement {reference} added"), added.text


def _hub_alert(factory: sessionmaker[Session]) -> str:
    with factory() as session:
        hub = session.scalars(select(Person).where(Person.email == HUB)).one()
        [alert] = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.person_id == hub.id, OutboxMessage.kind == "safeguarding.raised"))
    return str(alert["text"])


@pytest.mark.usefixtures("references_after_titles")
@pytest.mark.parametrize(("text", "reference", "kept"), [
    # The trial: "mrs H.-0231 has a bruise", "Mr R.-002 told our carer", neither linked.
    ("mrs HV-0231 has a bruise on her arm", "HV-0231", "mrs HV-0231 has a bruise"),
    ("Mr RC-P-002 told our carer his daughter hits him", "RC-P-002", "Mr RC-P-002 told"),
    ("Mrs HV-0231's arm is bruised and Mrs Patricia Holmes saw her son grab it", "HV-0231",
     "Mrs HV-0231's arm is bruised and Mrs P. H. saw"),
    ("MRS HV 0231 says her son hits her", "HV-0231", "MRS HV 0231 says"),
])
def test_a_placement_reference_after_a_title_is_kept_and_the_concern_is_about_it(
        router: Router, factory: sessionmaker[Session], text: str, reference: str | None,
        kept: str) -> None:
    _all(router, text)
    [case] = _safeguarding(factory)
    assert _placement_of(factory, case) == reference
    assert kept in case.description, case.description
    assert kept in _hub_alert(factory)


@pytest.mark.usefixtures("references_after_titles")
def test_a_placement_reference_with_a_possessive_s_typed_into_a_disagreement_is_its_concern(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The trial: typed inside /conflict, the hub read "bruise on mrs H.-0231s arm" and the
    # case was about no placement.
    _conflict_about(router, "RC-P-002")
    _all(router, "paid this week please. btw one of our carers noticed a bruise on mrs HV-0231s "
                 "arm yesterday and she said her son has been taking money from her purse")
    [case] = _safeguarding(factory)
    assert _placement_of(factory, case) == "HV-0231"
    alert = _hub_alert(factory)
    assert "a bruise on mrs HV-0231s arm yesterday" in alert, alert
    assert "About: placement HV-0231" in _one(router, f"/case {case.reference}",
                                              sender=HUB).text


@pytest.mark.usefixtures("placements")
def test_a_concern_and_its_follow_up_naming_the_placement_with_leading_zeros_are_about_it(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 35's brief: "RC-0102" for the placement stored as RC-102 found no placement, so
    # the concern was about none and its follow-up opened a second URGENT case.
    _all(router, "The resident in RC-0102 has bruises on her arms after the night carer visited")
    [concern] = _safeguarding(factory)
    assert _placement_of(factory, concern) == "RC-102"
    added = _one(router, "rc102 she also has a cut lip this morning")
    assert _added_to(added) == concern.reference
    assert len(_safeguarding(factory)) == 1


# -- a question beside a concern ----------------------------------------------------------------
TENDER_AND_MONEY = ("quick one - whats the deadline for the homecare tender clarifications, and "
                    "also im a bit worried about HV-0231, the carer says money keeps going "
                    "missing from the kitchen tin")


@pytest.mark.parametrize(("text", "answered_first"), [
    # Session 35's trial: the concern was raised, the tender question silently dropped.
    (TENDER_AND_MONEY, 'On "whats the deadline for the homecare tender clarifications":\n'
                       "Asking clarification questions during a tender\n"),
    # ... the concern's own question is not answered apart, the other one is.
    ("RC-101 was slapped by a carer. Do I need to tell CQC? And how long is the standstill "
     "period?", 'On "how long is the standstill period":\nStandstill periods'),
])
def test_a_question_beside_a_concern_is_answered_after_it(
        router: Router, factory: sessionmaker[Session], text: str, answered_first: str) -> None:
    raised, *answered = _all(router, text)
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    [case] = _safeguarding(factory)
    assert case.description == text  # the hub has the whole message
    assert answered, "the question beside it was not answered"
    assert answered[0].text.startswith(answered_first), answered[0].text


@pytest.mark.parametrize("text", [
    "RC-101 has bruises on her arm, what should I do?",
    "the carer says money keeps going missing from HV-0231's kitchen tin. Is that financial "
    "abuse? Who do I tell?",
])
def test_a_question_about_the_concern_itself_is_not_answered_apart(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    [raised] = _all(router, text)
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text


@pytest.mark.parametrize(("text", "kept"), [
    # Session 35's review: a short name in capitals before a house number or an age was kept
    # whole, read as a placement reference, in the hub's alert and the case.
    ("MRS ALI 14 Oak Road says a carer hit her", "MRS A. 14 Oak Road says a carer hit her"),
    ("MR LEE 82 has a bruise on his arm and says his son hits him", "MR L. 82 has a bruise"),
])
def test_a_short_name_in_capitals_before_a_number_is_cut_from_the_alert(
        router: Router, factory: sessionmaker[Session], text: str, kept: str) -> None:
    _all(router, text)
    [case] = _safeguarding(factory)
    alert = _hub_alert(factory)
    # The address beside the name is taken out too (session 36: ``without_identifiers``).
    kept = without_identifiers(kept)
    assert kept in alert, alert
    assert kept in case.description, case.description
    assert "ALI" not in alert
    assert "LEE" not in alert


# -- "yes, <words>" after a no: the form unless the words are only an acknowledgement -----------
RIDDOR = "carer was bitten by a dog at the client's house, is that a RIDDOR?"


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("words", [
    # The fix's brief: each was "I don't know the answer to that..." and nothing was raised.
    "yes, we think she's at risk", "yes, it is about someone's safety", "yes, actually it is",
    "yes, it's about RC-101's son"])
def test_a_yes_with_words_of_concern_after_a_no_opens_the_concern_form(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _all(router, RIDDOR)
    [no] = _all(router, "no")
    assert no.text.startswith("Thank you: nothing has been raised."), no.text
    replies = _all(router, words)
    assert _opens_the_concern_form(replies) or any(
        reply.text.startswith("This sounds like a safeguarding concern") for reply in replies), \
        [reply.text for reply in replies]
    assert not any("I don't know" in reply.text for reply in replies)


@pytest.mark.usefixtures("placements")
def test_a_yes_saying_concern_after_a_no_raises_it_without_asking_again(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The fix's brief: the safety question again and "I have told the council's safeguarding
    # hub now" in one reply.
    _all(router, RIDDOR)
    _all(router, "no")
    replies = _all(router, "yes, I'm concerned about RC-101")
    texts = " ".join(reply.text for reply in replies)
    assert "Is this about someone's safety?" not in texts, texts
    assert len(_safeguarding(factory)) == 1


@pytest.mark.parametrize("words", ["yes thanks", "yes, thanks"])
def test_a_yes_of_thanks_after_a_no_raises_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _all(router, RIDDOR)
    _all(router, "no")
    replies = _all(router, words)
    assert not _opens_the_concern_form(replies), [reply.text for reply in replies]
    assert _cases(factory) == []


@pytest.mark.parametrize("words", ["yes, how long is the standstill period?",
                                   "yes, what does pledge 29 say"])
def test_a_yes_with_a_question_of_its_own_after_a_no_opens_nothing(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 35's last mend: any words after that yes opened the concern form, a question of
    # the person's own too.
    _all(router, RIDDOR)
    _all(router, "no")
    replies = _all(router, words)
    assert not _opens_the_concern_form(replies), [reply.text for reply in replies]
    assert _cases(factory) == []


# -- a two-letter surname in capitals before a number (session 36's brief) ----------------------
@pytest.mark.parametrize(("text", "kept", "name"), [
    # The brief: "MRS NG 14 Oak Road" was read as a placement reference, kept whole.
    ("MRS NG 14 Oak Road says a carer hit her", "MRS N. 14 Oak Road says a carer hit her", "NG"),
    ("MR WU 82 has a bruise on his arm and says his son hits him", "MR W. 82 has a bruise", "WU"),
    ("MRS LI 21 Mill Lane says her son takes her pension", "MRS L. 21 Mill Lane says", "LI"),
    # Two capitals that are no common surname, before a house number and a street.
    ("MRS KT 14 OAK ROAD says the night carer slapped her", "MRS K. 14 OAK ROAD says", "KT"),
    # The session's review: the street's word abbreviated, as addresses are usually typed.
    ("MRS KT 14 Oak Rd says the night carer slapped her", "MRS K. 14 Oak Rd says", "KT"),
])
def test_a_two_letter_name_in_capitals_before_a_number_is_cut_from_the_alert(
        router: Router, factory: sessionmaker[Session], text: str, kept: str,
        name: str) -> None:
    _all(router, text)
    [case] = _safeguarding(factory)
    alert = _hub_alert(factory)
    kept = without_identifiers(kept)  # the street beside the name is taken out too
    assert kept in alert, alert
    assert kept in case.description, case.description
    assert f" {name} " not in alert
    assert f" {name} " not in case.description


@pytest.mark.parametrize("reference", ["SU 0042", "DO 1234", "LE 104"])
def test_a_family_names_letters_before_a_references_number_are_kept_as_the_reference(
        router: Router, factory: sessionmaker[Session], reference: str) -> None:
    # The session's review: "Mrs SU 0042 fell" reached the hub as "Mrs S. 0042": the placement
    # lost.
    _all(router, f"Mrs {reference} says the night carer slapped her")
    [case] = _safeguarding(factory)
    assert f"Mrs {reference} says" in _hub_alert(factory)
    assert f"Mrs {reference} says" in case.description, case.description


def test_the_briefs_fall_with_a_two_letter_name_keeps_no_name(
        router: Router, factory: sessionmaker[Session]) -> None:
    raised = _all(router, "MRS NG 14 Oak Road fell and hit her head")
    assert raised[0].text.startswith("This sounds like a safeguarding concern"), raised[0].text
    [case] = _safeguarding(factory)
    assert "MRS N. [address removed] fell" in case.description, case.description
    assert " NG " not in _hub_alert(factory)


# -- a hard day told, and things calm now (session 36's brief) ----------------------------------
@pytest.mark.parametrize("text", [
    # The brief: asked "Is this about someone's safety?".
    "rough day yesterday but the home is calm now",
    "its been a rough day but the home is calm now",
    "rough night last night but everyone is settled now",
    "bit of a rough day today, all calm now",
    "rough week, sorry, everything is fine now",
    "we had a rough morning this morning but things are settled now",
])
def test_a_rough_day_told_with_all_calm_now_is_not_asked_about(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _all(router, text)
    texts = [reply.text for reply in replies]
    assert not any(reply.startswith(("Is this about someone's safety?",
                                     "This sounds like a safeguarding concern"))
                   for reply in texts), texts
    assert _cases(factory) == []


@pytest.mark.parametrize("text", [
    # The session's review: "I don't know the answer to that" and a knowledge gap noted.
    "rough day yesterday but the residents are calm now",
    "had a rough night but the home is calm now",
    "had a rough night but the staff are settled now",
    "rough shift today but the team is fine now",
    "rough day yesterday but the service users are settled now",
])
def test_a_rough_day_told_with_all_calm_now_gets_a_kind_word(
        router: Router, text: str) -> None:
    [reply] = _all(router, text)
    assert reply.text.startswith("Sorry to hear it"), reply.text
    assert not reply.buttons


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("text", [
    "rough day yesterday, RC-101 was hit by another resident",
    "rough night last night, a carer slapped RC-101",
    "rough day yesterday but the home is calm now, RC-101 was pushed over by another resident",
    "rough week, RC-101's son has been taking her pension",
    "rough day today but calm now, though RC-102 has a black eye from the night carer",
    "rough day yesterday but the home is calm now after the carer locked RC-101 in her room",
])
def test_harm_beside_a_rough_day_is_still_raised_at_once(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    raised = _all(router, text)
    assert raised[0].text.startswith("This sounds like a safeguarding concern"), raised[0].text
    assert len(_safeguarding(factory)) == 1


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("text", [
    "rough day yesterday but the home is calm now, RC-101 seems frightened of the night carer",
    "rough day yesterday but the home is not calm now",
    "rough day yesterday but she is calm now, she would not let anyone near her",
])
def test_a_rough_day_with_more_told_is_still_asked_or_raised(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    replies = _all(router, text)
    assert replies[0].text.startswith(("Is this about someone's safety?",
                                       "This sounds like a safeguarding concern")), \
        replies[0].text


# -- a question joined to a concern by a comma (session 36's brief) -----------------------------
@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize(("text", "answered_first"), [
    ("RC-101 has a bruise on her arm, how long is the standstill period?",
     'On "how long is the standstill period":\nStandstill periods'),
    ("a carer slapped RC-101 this morning, and how long is the standstill period",
     'On "how long is the standstill period":\nStandstill periods'),
    ("RC-101 was slapped by another resident, how long is the standstill period?",
     'On "how long is the standstill period":\nStandstill periods'),
    # Telling the asker something is no telling someone of the concern.
    ("RC-101 was slapped by another resident, can you tell me how long the standstill period "
     "is?", 'On "can you tell me how long the standstill period is":'),
])
def test_a_question_joined_to_a_concern_by_a_comma_is_answered_after_it(
        router: Router, factory: sessionmaker[Session], text: str, answered_first: str) -> None:
    raised, *answered = _all(router, text)
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    [case] = _safeguarding(factory)
    assert case.description == text  # the hub has the whole message
    assert text in _hub_alert(factory)  # one alert, of the whole message
    assert answered, "the question beside it was not answered"
    assert answered[0].text.startswith(answered_first), answered[0].text
    assert not any(reply.text.startswith("This sounds like a safeguarding concern")
                   for reply in answered)


@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("text", [
    # About the concern itself, with a comma as with a full stop: the concern's reply says
    # what to do (999, the hub, CQC), nothing is answered apart.
    "RC-101 has a bruise on her arm, how do I report it to CQC?",
    "RC-101 has a bruise on her arm. How do I report it to CQC?",
    "RC-101 has a bruise on her arm, do we need to tell the family",
    "RC-101 has a bruise on her arm, what should I do?",
    # The session's review: telling someone of this concern, and its time limits, is about it
    # (topics on complaints' time limits were offered after the concern's reply).
    "RC-101 was slapped by another resident, is there a time limit for telling the council?",
    "RC-101 was slapped by another resident. Is there a time limit for telling the council?",
    "RC-101 was slapped by another resident, how soon must we notify the local authority?",
    "RC-101 was slapped by another resident, do we have to inform the safeguarding team?",
    "RC-101 was slapped by another resident, how quickly should we let the family know?",
    "RC-101 was slapped by another resident, when do we have to report it?",
    # A clause that asks nothing of its own: no question.
    "RC-101 says she is scared of her son, who visits daily",
    "RC-101 has a bruise on her arm, which is where the carer grabbed her",
    "RC-101 was slapped by the carer, when she refused her tablets",
])
def test_a_clause_after_a_comma_that_is_no_question_of_its_own_is_not_answered_apart(
        router: Router, factory: sessionmaker[Session], text: str) -> None:
    [raised] = _all(router, text)
    assert raised.text.startswith("This sounds like a safeguarding concern"), raised.text
    assert len(_safeguarding(factory)) == 1


# -- "yes, <a question about safety>" after a no (session 36's brief) ---------------------------
@pytest.mark.parametrize("asked", [RIDDOR, FELL])
@pytest.mark.parametrize("words", [
    "yes, should I call the safeguarding team?",
    "yes, who do I report a safeguarding concern to?",
    "yes, how do I raise a safeguarding concern",
    "yes, is she at risk if she stays there?",
])
def test_a_yes_with_a_question_about_safety_after_a_no_gets_the_guidance(
        router: Router, factory: sessionmaker[Session], asked: str, words: str) -> None:
    _all(router, asked)
    _all(router, "no")
    replies = _all(router, words)
    assert not _opens_the_concern_form(replies), [reply.text for reply in replies]
    [guidance] = replies
    assert guidance.text.startswith("Raising a safeguarding concern"), guidance.text
    assert [button.label for button in guidance.buttons] == ["Raise a concern now"]
    assert _cases(factory) == []
    # ... and its button, or a yes, still opens the form.
    assert _opens_the_concern_form(_all(router, "yes"))


@pytest.mark.parametrize("words", ["yes", "yes, she has bruises on both arms"])
def test_a_yes_or_a_yes_with_harm_after_a_no_is_as_before(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    _all(router, RIDDOR)
    _all(router, "no")
    replies = _all(router, words)
    if words == "yes":
        assert _opens_the_concern_form(replies)
        assert _cases(factory) == []
    else:
        assert replies[0].text.startswith("This sounds like a safeguarding concern")
        assert len(_safeguarding(factory)) == 1


# -- a concern raised from inside the concern form is no change of mind (session 36's review) --
@pytest.mark.usefixtures("placements")
@pytest.mark.parametrize("words", [
    "I meant to raise a complaint, her son took her money",
    "wrong form, the carer took money from her purse",
])
def test_a_concern_raised_at_the_concern_form_is_never_called_a_change_of_mind(
        router: Router, factory: sessionmaker[Session], words: str) -> None:
    # Session 36's review: "I have told the hub (PB-...)" beside "That sounds like a change of
    # mind ... nothing is sent", the form left open, and the next line a second URGENT case.
    asked = _all(router, "a resident at RC-101 seemed upset after a visit")
    assert asked[0].text.startswith("Is this about someone's safety?"), asked[0].text
    [button] = [b for b in asked[0].buttons if b.label == "Raise a concern now"]
    opened = router.handle(make_incoming(action=button.action, action_value=button.value,
                                         sender=SAM))
    assert "What has happened, and to whom?" in opened[-1].text
    texts = [reply.text for reply in _all(router, words)]
    [concern] = _safeguarding(factory)
    assert any(f"(reference {concern.reference})" in text for text in texts), texts
    assert not any("change of mind" in text or "nothing is sent" in text for text in texts), texts
    with factory() as session:  # the concern form closed, as on the ordinary path
        assert session.scalars(select(FormSession)).all() == []
    # More of it, about its placement: added to the concern (the form closed), not a second.
    more = _one(router, "RC-101 her son took £200 from her purse on Saturday")
    assert more.text.startswith(
        f"I've added this to the safeguarding concern {concern.reference}"), more.text
    assert len(_safeguarding(factory)) == 1
