"""A person receiving care is never identified in what the bot keeps or passes on, beyond the
placement reference: an NHS number, a date of birth or a home address is taken out of a
safeguarding concern, a disagreement, feedback, a case comment and the question log, as the
name is cut to initials, and the sender is told once (session 36's trial, F2)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import Case, CaseEvent, Deadline, OutboxMessage, Person, Placement, Question
from handlers.identifiers import without_identifiers
from tests.factories import make_incoming
from tests.handlers.conftest import PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

NUDGE = "Please use the placement reference only"


@pytest.fixture
def ids(northshire: dict[str, int], factory: sessionmaker[Session]) -> dict[str, int]:
    """Northshire's people, and RC-102, Riverside's placement there."""
    with transaction(factory) as session:
        priya = session.get_one(Person, northshire[PRIYA])
        sam = session.get_one(Person, northshire[SAM])
        session.add(Placement(reference="RC-102", council_id=priya.organisation_id,
                              provider_id=sam.organisation_id, commissioner_id=priya.id,
                              provider_contact_id=sam.id, started_on=date(2026, 9, 1)))
    return northshire


@pytest.fixture
def router(northshire_router: Router, ids: dict[str, int]) -> Router:
    return northshire_router


def say(router: Router, text: str = "", sender: str = SAM, **kwargs: object) -> Reply:
    replies = router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]
    assert len(replies) == 1, replies
    return replies[0]


def press(router: Router, reply: Reply, label: str, sender: str = SAM) -> Reply:
    [button] = [b for b in reply.buttons if b.label == label]
    return say(router, sender=sender, action=button.action, action_value=button.value)


def _kept(factory: sessionmaker[Session]) -> tuple[list[Case], list[str], list[str],
                                                   list[str]]:
    """The cases, the question log's words, the outbox's texts and the cases' events' words."""
    with factory() as session:
        return (list(session.scalars(select(Case))),
                list(session.scalars(select(Question.text))),
                [str(message.payload.get("text", "")) for message
                 in session.scalars(select(OutboxMessage))],
                [event for event in session.scalars(select(CaseEvent.text)) if event])


TYPED = ("Margaret Thompson (dob 12/03/1941, NHS no 485 777 3456) at 14 Elm Road was found "
         "with unexplained bruises by our carer today, RC-102")
KEPT = ("M. T. ([date of birth removed], [NHS number removed]) at [address removed] was found "
        "with unexplained bruises by our carer today, RC-102")
SAID = ("1941", "485", "3456", "Elm Road", "Margaret", "Thompson")


def test_a_concern_keeps_no_nhs_number_date_of_birth_or_address(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 36's trial: the name was cut to initials; the rest reached the hub's alert, the
    # case, the question log and the outbox word for word, and the sender was not told.
    reply = say(router, TYPED)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert reply.text.count(NUDGE) == 1, reply.text
    assert ("I've removed an NHS number, a date of birth and an address from what I kept and "
            "passed on.") in reply.text
    [case], questions, sent, events = _kept(factory)
    assert case.description == KEPT
    assert questions == [KEPT]
    assert any(KEPT in text for text in sent)
    for text in (case.description, case.summary, *questions, *sent, *events):
        assert not any(word in text for word in SAID), text


def test_a_concern_with_only_a_placement_and_the_events_dates_is_kept_whole(
        router: Router, factory: sessionmaker[Session]) -> None:
    words = ("RC-102 fell on 12/03/2026 at 14:30 and the carer hit her; INV-2041 for £250.00 "
             "and PB-2026-000001 are about it, tender T-9, contract C-77, 2 carers a day")
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert NUDGE not in reply.text
    [case], questions, sent, _events = _kept(factory)
    assert case.description == words
    assert questions == [words]
    assert any(words in text for text in sent)


def test_an_update_on_a_concern_keeps_no_address(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "RC-102 has unexplained bruises and the carer hit her")
    [case], *_rest = _kept(factory)
    reply = say(router, f"/case {case.reference} comment she now lives at 3 Mill Lane, "
                        "NE1 4AB with her son")
    assert reply.text.count(NUDGE) == 1, reply.text
    _cases, _questions, sent, events = _kept(factory)
    assert "she now lives at [address removed] with her son" in events
    for text in (*sent, *events):
        assert "Mill Lane" not in text, text
        assert "NE1" not in text, text


def _conflict(router: Router, words: str) -> tuple[Reply, Reply]:
    """/conflict WORDS about care funding, no placement: the summary and the reply to Send."""
    reply = say(router, f"/conflict {words}")
    reply = press(router, reply, "Care package and funding")
    if "Which placement" in reply.text:
        reply = press(router, reply, "Skip")
    assert "What outcome would you like?" in reply.text, reply.text
    summary = say(router, "Fund her extra hours.")
    assert summary.text.startswith("Before I send your disagreement"), summary.text
    return summary, press(router, summary, "Send")


def test_a_disagreement_keeps_no_nhs_number_or_address(
        router: Router, factory: sessionmaker[Session]) -> None:
    # The trial's addendum: "shes 91 and lives at 3 Mill Lane, NHS 943 476 5919" went to the
    # commissioner word for word.
    summary, done = _conflict(router, "council refused funding for EC's extra hours, shes 91 "
                                      "and lives at 3 Mill Lane, NHS 943 476 5919")
    kept = ("council refused funding for EC's extra hours, shes [age removed] and lives at "
            "[address removed], [NHS number removed]")
    assert kept in summary.text
    assert done.text.startswith("Thank you. Your case is PB-2026-"), done.text
    assert done.text.count(NUDGE) == 1, done.text
    [case], _questions, sent, _events = _kept(factory)
    assert case.description == kept
    assert any(kept in text for text in sent)
    for text in (case.summary, *sent):
        assert "Mill Lane" not in text, text
        assert "5919" not in text, text
        assert " 91 " not in text, text


def test_a_disagreement_about_an_invoice_keeps_its_numbers(
        router: Router, factory: sessionmaker[Session]) -> None:
    words = ("council paid INV-2041 for £1,250.00 on 01/12/2026 but not invoice 9434765919, "
             "contract C-77, 14 days late")
    _summary, done = _conflict(router, words)
    assert NUDGE not in done.text
    [case], *_rest = _kept(factory)
    assert case.description == words


def test_feedback_keeps_no_date_of_birth(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, "/feedback the review of the lady born 3 May 1938 was arranged at two "
                        "days notice")
    reply = press(router, reply, "Placement review")
    reply = press(router, reply, "Skip")
    reply = press(router, reply, "2")
    summary = press(router, reply, "No, with my name")
    assert "the lady [date of birth removed] was arranged" in summary.text, summary.text
    done = press(router, summary, "Send")
    assert done.text.count(NUDGE) == 1, done.text
    [case], _questions, sent, _events = _kept(factory)
    assert case.description == ("the review of the lady [date of birth removed] was arranged "
                                "at two days notice")
    assert not any("1938" in text for text in sent)


def test_a_question_keeps_no_nhs_number_in_the_question_log(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, "is NHS number 943 476 5919 eligible for continuing healthcare funding")
    assert reply.text.count(NUDGE) == 1, reply.text
    _cases, questions, _sent, _events = _kept(factory)
    assert questions == ["is [NHS number removed] eligible for continuing healthcare funding"]


@pytest.mark.parametrize(("words", "kept"), [
    (TYPED, KEPT.replace("M. T.", "Margaret Thompson")),
    ("NHS No. 485-777-3456; nhs: 4857773456", "[NHS number removed]; [NHS number removed]"),
    ("9434765919 is hers", "[NHS number removed] is hers"),  # a valid check digit
    ("943 476 5919", "[NHS number removed]"),
    ("D.O.B. 1/2/45, date of birth: 12 March 1941, born in 1938",
     "[date of birth removed], [date of birth removed], [date of birth removed]"),
    ("Mrs B, 04/07/1936, fell", "Mrs B, [date of birth removed], fell"),
    ("Flat 2, 14a Church Street, Northtown, NE1 4AB has damp",
     "[address removed] has damp"),
    ("she lives at 3 mill lane now", "she lives at [address removed] now"),
    ("man at flat 3 Hadley Court", "man at [address removed]"),
    # Typed in capitals (session 36's merge: "MRS KT 14 OAK ROAD says ..." kept the street).
    ("MRS K. 14 OAK ROAD says", "MRS K. [address removed] says"),
    ("HE LIVES AT 2 ST JOHNS CLOSE NOW", "HE LIVES AT [address removed] NOW"),
    # Phone numbers, landline and mobile (session 37's brief).
    ("call 07700 900123 or 0161 496 0000 or 020 7946 0000",
     "call [phone number removed] or [phone number removed] or [phone number removed]"),
    ("+44 7700 900123, (0161) 4960000, +44 (0)161 496 0000, 07700900123, tel: 01632-960-000",
     "[phone number removed], [phone number removed], [phone number removed], [phone number "
     "removed], tel: [phone number removed]"),
    ("ring 0161 496 0000 30 days before", "ring [phone number removed] 30 days before"),
    ("her daughter's mobile:\n07700 900123\nKind regards, Jo", "her daughter's mobile:\n"
     "[phone number removed]\nKind regards, Jo"),
    # Ages (session 37's brief).
    ("aged 84, an 84-year-old, 84 yo, she is 84, age 91, shes 91 and frail, he's 90 now",
     "aged [age removed], an [age removed], [age removed], she is [age removed], age [age "
     "removed], shes [age removed] and frail, he's [age removed] now"),
    ("the 84 year old lady, 91 years old, she is 84 years old.",
     "the [age removed] lady, [age removed], she is [age removed]."),
    # A family name's two capitals before an address (session 37's brief: "NG" kept).
    ("Mrs NG 104 Oak Green has bruises", "Mrs N. [address removed] has bruises"),
    # A number in brackets, after a colon or a hash, and an age in brackets after a name or
    # "of age" (session 37's review).
    ("daughter (07700 900123) to be kept informed",
     "daughter ([phone number removed]) to be kept informed"),
    ("contact him on mob:07700900123, son:07700 900123, wife #07700900123",
     "contact him on mob:[phone number removed], son:[phone number removed], wife #[phone "
     "number removed]"),
    ("Mrs K (84) settled well, M.T. (91) too; he is 84 years of age",
     "Mrs K ([age removed]) settled well, M.T. ([age removed]) too; he is [age removed]"),
    # A bare "she is N": an age when N may be one and nothing after makes it a quantity.
    ("she is 84, he is 17 years old, she is 19; hours cut, she is 91",
     "she is [age removed], he is [age removed], she is [age removed]; hours cut, she is "
     "[age removed]"),
    # Pay's words keep a pay band's age, never the age of a person supported.
    ("she is 20 and her wages were taken; RC-102 aged 84, pay band 3",
     "she is [age removed] and her wages were taken; RC-102 aged [age removed], pay band 3"),
    ("Mrs NG 104 oak road has bruises", "Mrs N. [address removed] has bruises"),
])
def test_identifiers_are_taken_out(words: str, kept: str) -> None:
    assert without_identifiers(words) == kept


@pytest.mark.parametrize("words", [
    # Placement, invoice, tender, contract and case references.
    "RC-101, HV-0231, RC-P-002, RV-2281, INV-2041, INV 2052, T-9, C-77, PB-2026-000001",
    # Money, times, events' dates.
    "£1,234.50, £9434765919, 14:30, 12.30pm, on 12/03/2026 she fell, due 1 Jan 2027",
    "from 01/04/2026-31/03/2027, resolved by 31/12/2026, 12/03/26",
    # Numbers that are no NHS number: an invoice's, a phone's, a bad check digit unsaid.
    "invoice 9434765919, PO 9434765919, ref 9434765919, 4857773456",
    # Services' numbers (03, 08): no household's; an invoice's number; ten digits unsaid.
    "helpline 0808 2000 247, council 0300 123 4567, 0845 600 0000, invoice 07700900123",
    "0123456789, 12:30, 0930 to 1700, INV-20418, £1,200, 30 days, PB-2026-000001, C-77",
    # Ages of services' groups, and numbers that are no age (session 37's brief).
    "aged 18+ services, over 65s, adults aged 18 to 64, aged 65 and over, people aged 65",
    "18-year-olds, over 18 year olds, age 18-25, Age UK, state pension age 66, aged 18 or over",
    "she is 5 minutes away, he's 2 days late, she is 3 weeks behind, a 30-year-old boiler",
    # The sender's own number on a signature's line (the hub may call back).
    "bruises on her arm\nKind regards,\nJo Bloggs\nRegistered Manager\nM: 07700 900123\n",
    "Kind regards, Jo Bloggs | Registered Manager | M: 07700 900123 | This email is private",
    # Staffing ratios, decimals and counts after "she is" are no age (session 37's review).
    "review held, she is 2:1 for personal care now and needs 3.5 hours, he is 2.5 hours",
    "hours cut, she is 14, was 21; he is 28, down from 35; she is 2/3 of the way",
    # The writer's own number, to be called back on (session 37's review); a reference's.
    "please call me back on 07700 900123 urgently, or ring me on 0161 496 0000",
    "my number is 07700 900123; my mobile: 07700900123; text me on 07700 900123",
    "you can reach me on 07700 900123, contact me on 07700900123, get me on 07700 900123",
    "ref:07700900123, inv#07700900123, account no:07700900123, ref (07700 900123)",
    # A worker's age decides their pay (session 37's review).
    "what is the minimum hourly wage for a 20 year old; how many hours can a 17 year old work",
    "is the NLW for someone aged 21 the same; apprentice rate for a 19 year old; "
    "holiday pay for an 18-year-old",
    # Staff's ages (wage bands, hours' limits) and an organisation's years.
    "the minimum hourly rate for a 19 year old support worker; staff aged 18; we're 2 years old",
    "RC-101 needs 2 carers, 84 hours a week, 30 days, contract value £1,200,000 for 3 years",
    # A reference after a title, no street after it, stays.
    "Mrs SU 0042 has bruises; Mrs LE 104 fell",
    "Mrs SU 0042 cannot walk far; Mrs SU 0042 fell on the way; Mrs LE 104 ran down the lane",
    "Mrs SU 0042 slept close to the door; Mrs RC 104 went to court",
    # Counts and rooms, never an address.
    "she has 3 working days, 2 weeks close to it, 4 hours a day, in room 12 of 2 Care Homes",
    "RC-101 moved to Room 12; 12 Court hearings; 3 carers at 2 visits",
    "under PA23 the standstill is 8 working days",
    "PA23 IS IN FORCE; 8 WORKING DAYS STANDSTILL; 2 CQC VISITS; 3 NHS TRUSTS",
    # Break times, not dates (a safeguarding report set's staff rota).
    "Break rota Sat: Amira 12-12.30, Ben 12.30-1, Sian 1-1.30",
])
def test_other_numbers_are_kept(words: str) -> None:
    assert without_identifiers(words) == words


def test_more_about_a_concern_raised_today_keeps_no_date_of_birth(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, "RC-102 has unexplained bruises and the carer hit her")
    reply = say(router, "further to my report about RC-102 this morning, she (DOB 04/07/1936) "
                        "now has a red mark on her wrist")
    assert reply.text.count(NUDGE) == 1, reply.text
    [_case], _questions, sent, events = _kept(factory)
    assert any("she ([date of birth removed]) now has a red mark" in text for text in events)
    for text in (*sent, *events):
        assert "1936" not in text, text


def test_a_proposal_keeps_no_address(router: Router, factory: sessionmaker[Session]) -> None:
    _conflict(router, "council refused funding for EC's extra hours")
    [case], *_rest = _kept(factory)
    with factory() as session:
        owner = session.get_one(Person, case.assignee_id).email
    reply = say(router, f"/case {case.reference} propose we fund a move to 22 Station Road "
                        "from 1 Jan 2027", sender=owner)
    assert reply.text.count(NUDGE) == 1, reply.text
    _cases, _questions, sent, events = _kept(factory)
    assert "we fund a move to [address removed] from 1 Jan 2027" in events
    assert not any("Station" in text for text in (*sent, *events))


def test_a_question_with_a_name_and_an_nhs_number_is_told_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    reply = say(router, "can Mrs Smith, NHS 943 476 5919, have her care hours increased?")
    assert reply.text.count("placement reference") == 1, reply.text
    assert ("I've kept the name as initials and removed an NHS number from what I kept and "
            "passed on.") in reply.text
    _cases, questions, _sent, _events = _kept(factory)
    assert questions == ["can Mrs S., [NHS number removed], have her care hours increased?"]


PHONE_AND_AGE = ("RC-102, aged 84, has unexplained bruises and the carer hit her; her daughter "
                 "is on 07700 900123 and I rang Northshire Adult Safeguarding on 0100 000 0000")
PHONE_AND_AGE_KEPT = ("RC-102, aged [age removed], has unexplained bruises and the carer hit "
                      "her; her daughter is on [phone number removed] and I rang Northshire "
                      "Adult Safeguarding on [phone number removed]")


def test_a_concern_keeps_no_phone_number_or_age(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 37's brief: phone numbers and ages reached the hub, the case and the question
    # log. A number typed is taken out whoever's it is (the council's own here: nobody can
    # tell it from the family's); the bot's own words still give the hub's.
    reply = say(router, PHONE_AND_AGE)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert "0100 000 0000" in reply.text  # the hub's number, as the bot gives it
    assert reply.text.count(NUDGE) == 1, reply.text
    assert "I've removed a phone number and an age from what I kept" in reply.text, reply.text
    [case], questions, sent, events = _kept(factory)
    assert case.description == PHONE_AND_AGE_KEPT
    assert questions == [PHONE_AND_AGE_KEPT]
    assert any(PHONE_AND_AGE_KEPT in text for text in sent)
    for text in (case.description, case.summary, *questions, *sent, *events):
        assert not any(word in text for word in ("84", "900123", "0100 000")), text


def test_a_two_letter_family_name_before_an_address_is_cut(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 37's brief: "Mrs NG [address removed]" reached the hub ("green" no street's
    # word where names are read); "Mrs SU 0042", a reference, stays (test_formats).
    say(router, "Mrs NG 104 Oak Green has unexplained bruises and the carer hit her, RC-102")
    [case], questions, sent, _events = _kept(factory)
    kept = "Mrs N. [address removed] has unexplained bruises and the carer hit her, RC-102"
    assert case.description == kept
    assert questions == [kept]
    assert not any("NG" in text for text in (case.summary, *sent))


def _review(router: Router, factory: sessionmaker[Session]) -> int:
    """Sam's placement P-9 with Priya, and the number of its first review's deadline."""
    assert say(router, f"/placement new P-9 2026-11-02 {PRIYA}").text.startswith(
        "Placement P-9 added")
    with factory() as session:
        return session.scalars(select(Deadline.id).where(
            Deadline.rule == "initial-review")).one()


@pytest.mark.parametrize(("command", "kept"), [
    ("/done {number} went well, she is 91 now, family on 07700 900123",
     "went well, she is [age removed] now, family on [phone number removed]"),
    ("/review done P-9 went well, her son moved her to 22 Station Road",
     "went well, her son moved her to [address removed]"),
    ("/not-applicable {number} placement ended, she moved in with her son at 22 Station Road, "
     "0161 496 0000",
     "placement ended, she moved in with her son at [address removed], [phone number "
     "removed]"),
])
def test_a_deadlines_outcome_or_reason_keeps_no_identifiers(
        router: Router, factory: sessionmaker[Session], command: str, kept: str) -> None:
    # Session 37's brief: /done's outcome and a placement-ended reason were kept and told to
    # the commissioner word for word.
    number = _review(router, factory)
    reply = say(router, command.format(number=number))
    assert reply.text.count(NUDGE) == 1, reply.text
    with factory() as session:
        assert session.scalars(select(Deadline.outcome).where(
            Deadline.id == number)).one() == kept
        sent = [str(message.payload.get("text", "")) for message
                in session.scalars(select(OutboxMessage))]
    assert any(kept in text for text in sent), sent
    for text in sent:
        assert not any(word in text for word in ("91", "900123", "Station", "496")), text


def test_a_concern_keeps_the_writers_number_to_call_back(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 37's review: the hub got "[phone number removed]" and could not call back.
    words = ("the night carer slapped RC-102 last night, I'm on the floor today, please call me "
             "back on 07700 900123 urgently")
    reply = say(router, words)
    assert reply.text.startswith("This sounds like a safeguarding concern.")
    assert "phone number" not in reply.text, reply.text
    [case], _questions, sent, _events = _kept(factory)
    assert case.description == words
    assert any(words in text for text in sent), sent
