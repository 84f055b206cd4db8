"""The day a deadline was met, as the words of /done and /review done say it, and which review
/review done closes when a placement has more than one (session 36's trial), as dialogs
through the router."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.messages import Reply
from bot.models import AuditEvent, Deadline, OutboxMessage
from bot.templates import make_templates
from tests.factories import Clock, make_incoming
from tests.handlers.deadlines.conftest import PRIYA, SAM
from tests.handlers.deadlines.support import MONDAY_2_NOVEMBER, at, say

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# Tuesday 22 December 2026, 09:30 in London: the day of the trial's /done.
TUESDAY_22_DECEMBER = at(date(2026, 12, 22), 9, 30)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_2_NOVEMBER)


@pytest.fixture
def revisit(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
            clock: Clock) -> tuple[Router, int, int]:
    """Sam's placement P-7 with Priya, started Mon 2 Nov 2026 (initial review due Tue 2 Feb
    2027), and a change in condition notified Fri 4 Dec 2026 (revisit due Fri 18 Dec 2026);
    the router at Tue 22 Dec 2026, and the revisit's and the initial review's numbers."""
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    assert say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM).startswith(
        "Placement P-7 added")
    clock.now = at(date(2026, 12, 4), 10)
    assert say(router, "/condition-change P-7 04/12/2026", SAM).startswith(
        "Noted. The revisit for P-7 is due by Fri 18 Dec 2026")
    clock.now = TUESDAY_22_DECEMBER
    with factory() as session:
        found = {deadline.rule: deadline.id for deadline in session.scalars(select(Deadline))}
    return router, found["condition-change"], found["initial-review"]


def _states(factory: sessionmaker[Session]) -> dict[str, tuple[str, date | None]]:
    with factory() as session:
        return {deadline.rule: (deadline.status.value, deadline.done_on)
                for deadline in session.scalars(select(Deadline))}


def _notices(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return [message.payload["text"] for message in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "deadline.done")
            .order_by(OutboxMessage.id))]


def test_a_day_in_dones_words_is_the_day_the_revisit_happened(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    # Session 36's trial: "/done 4 revisit happened on the 17th, hours up to 14/wk" recorded
    # the revisit done on the day it was typed, four days late, and the scorecard dropped.
    router, number, _review = revisit
    words = "revisit happened on the 17th, hours up to 14/wk"
    assert say(router, f"/done {number} {words}", SAM) == (
        "Recorded: P-7 condition-change revisit done on Thu 17 Dec 2026.")
    assert _states(factory) == {"condition-change": ("done", date(2026, 12, 17)),
                                "initial-review": ("open", None)}
    assert _notices(factory) == [
        "Sam of Riverside recorded P-7 condition-change revisit done on Thu 17 Dec 2026: "
        f'"{words}".']


@pytest.mark.parametrize(("words", "day"), [
    ("held on 17/12, all fine", date(2026, 12, 17)),
    ("visited on 17 Dec, care plan updated", date(2026, 12, 17)),
    ("done yesterday with the family", date(2026, 12, 21)),
    ("revisit held on monday", date(2026, 12, 21)),
    ("revisit held last friday", date(2026, 12, 18)),
    ("revisit held 17/12/2026", date(2026, 12, 17)),
    ("first date cancelled, held on the 17th instead", date(2026, 12, 17)),
    # A day first, as /review done reads it.
    ("17/12/2026 hours up", date(2026, 12, 17)),
    ("on the 17th all well", date(2026, 12, 17)),
    # Near neighbours: no day of its own, recorded today.
    ("", date(2026, 12, 22)),
    ("17 residents' packages reviewed, hours up", date(2026, 12, 22)),
    ("hours up to 14/wk", date(2026, 12, 22)),
    ("24/7 care now in place", date(2026, 12, 22)),
    ("on the 2nd visit the hours were raised", date(2026, 12, 22)),
    ("the 3rd carer now attends", date(2026, 12, 22)),
    ("new hours from 4 Jan", date(2026, 12, 22)),
])
def test_a_day_in_dones_words_and_words_with_no_day(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int], words: str,
        day: date) -> None:
    router, number, _review = revisit
    said = say(router, f"/done {number} {words}".rstrip(), SAM)
    assert said.startswith(f"Recorded: P-7 condition-change revisit done on {day:%a} "
                           f"{day.day} {day:%b %Y}."), said
    assert _states(factory)["condition-change"] == ("done", day)


@pytest.mark.parametrize(("words", "said"), [
    ("held on 23/12/2026", "The review date Wed 23 Dec 2026 is in the future. Please check it."),
    ("revisit happened on the 3rd",
     "The day you wrote, Thu 3 Dec 2026, is before P-7 condition-change revisit was opened "
     "(Fri 4 Dec 2026), so I haven't recorded it. If it was done on another day: /done {number} "
     "DD/MM/YYYY [outcome]."),
    ("notified on 4/12, revisit held on 17/12",
     "I read more than one day in what you wrote (Fri 4 Dec 2026, Thu 17 Dec 2026), so I "
     "haven't recorded it. Which day was it done? Send the day first: /done {number} "
     "DD/MM/YYYY [outcome]."),
])
def test_a_day_in_dones_words_that_cannot_be_the_day_is_refused(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int], words: str,
        said: str) -> None:
    router, number, _review = revisit
    assert say(router, f"/done {number} {words}", SAM) == said.format(number=number)
    assert _states(factory)["condition-change"] == ("open", None)
    assert _notices(factory) == []


def test_a_review_done_day_after_a_revisit_recorded_does_not_close_the_initial_review(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    # Session 36's trial: the revisit recorded on the wrong day, "/review done HV-301
    # 17/12/2026 hours up" closed the 3-month initial review 16 days into the placement, and
    # the commissioner was told.
    router, number, _review = revisit
    assert say(router, f"/done {number}", SAM).startswith(
        "Recorded: P-7 condition-change revisit done on Tue 22 Dec 2026.")
    assert say(router, "/review done P-7 17/12/2026 hours up", SAM) == (
        "P-7's condition-change revisit was recorded done on Tue 22 Dec 2026, and its initial "
        "review is not due until Tue 2 Feb 2027, so I haven't recorded a review on Thu 17 Dec "
        "2026. A day recorded can't be changed here yet. If the initial review itself was held "
        "that day: /review done P-7 17/12/2026 initial review [outcome].")
    assert _states(factory)["initial-review"] == ("open", None)
    # Named as the revisit, it is said the same way (no revisit is open to record).
    assert say(router, "/review done P-7 17/12/2026 revisit, hours up", SAM).startswith(
        "P-7's condition-change revisit was recorded done on Tue 22 Dec 2026, and its initial "
        "review is not due until Tue 2 Feb 2027, so I haven't recorded a review")
    assert len(_notices(factory)) == 1
    # Said plainly, it is recorded.
    assert say(router, "/review done P-7 17/12/2026 initial review, hours up", SAM).startswith(
        "Recorded: P-7 initial review done on Thu 17 Dec 2026.")
    assert _states(factory)["initial-review"] == ("done", date(2026, 12, 17))


def test_review_done_with_a_revisit_open_closes_the_revisit_and_says_the_review_stays_open(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    router, _number, _review = revisit
    assert say(router, "/review done P-7 17/12/2026 hours up", SAM) == (
        "Recorded: P-7 condition-change revisit done on Thu 17 Dec 2026. Its initial review, "
        "due Tue 2 Feb 2027, stays open.")
    assert _states(factory) == {"condition-change": ("done", date(2026, 12, 17)),
                                "initial-review": ("open", None)}


@pytest.fixture
def both_due(factory: sessionmaker[Session], database_url: str, people: dict[str, int],
             clock: Clock) -> Router:
    """P-7's initial review due Tue 2 Feb 2027 and a revisit due Mon 8 Feb 2027 (a change
    notified Mon 25 Jan 2027); the router at Mon 1 Feb 2027."""
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    clock.now = at(date(2027, 1, 25), 10)
    assert say(router, "/condition-change P-7", SAM).startswith(
        "Noted. The revisit for P-7 is due by Mon 8 Feb 2027")
    clock.now = at(date(2027, 2, 1), 10)
    return router


def test_review_done_when_either_review_could_be_meant_asks_which(
        factory: sessionmaker[Session], both_due: Router) -> None:
    with factory() as session:
        numbers = {deadline.rule: deadline.id for deadline in session.scalars(select(Deadline))}
    revisit, review = numbers["condition-change"], numbers["initial-review"]
    assert say(both_due, "/review done P-7 29/01/2027 went well", SAM) == (
        f"P-7 has two reviews open: the initial review, due Tue 2 Feb 2027 (#{review}), and the "
        f"condition-change revisit, due Mon 8 Feb 2027 (#{revisit}). Which was done on Fri 29 "
        f"Jan 2027? /done {review} 29/01/2027 [outcome] records the initial review; /done "
        f"{revisit} 29/01/2027 [outcome] the condition-change revisit. Nothing is recorded "
        "yet.")
    assert _states(factory) == {"condition-change": ("open", None),
                                "initial-review": ("open", None)}
    # The answer it gives records the one meant.
    assert say(both_due, f"/done {revisit} 29/01/2027 went well", SAM).startswith(
        "Recorded: P-7 condition-change revisit done on Fri 29 Jan 2027.")
    assert _states(factory)["initial-review"] == ("open", None)


@pytest.mark.parametrize(("words", "closed"), [
    # Named, it is the one closed.
    ("29/01/2027 revisit went well", "condition-change"),
    ("29/01/2027 initial review went well", "initial-review"),
    # A day before the change was notified can't be its revisit.
    ("20/01/2027 went well", "initial-review"),
])
def test_review_done_naming_the_review_or_on_a_day_only_one_fits_closes_it(
        factory: sessionmaker[Session], both_due: Router, words: str, closed: str) -> None:
    assert say(both_due, f"/review done P-7 {words}", SAM).startswith("Recorded: P-7 ")
    assert {rule for rule, (status, _day) in _states(factory).items()
            if status == "done"} == {closed}


def test_a_day_in_dones_words_is_the_day_an_invoice_was_paid_or_a_tender_date_met(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    router, _number, _review = revisit
    from tests.handlers.deadlines.support import import_tenders

    assert say(router, "/invoice received INV-1 2026-12-01 100 P-7", SAM).startswith(
        "Invoice INV-1")
    import_tenders(factory, (
        "reference,title,commissioner_email,published_on,clarification_on,submission_on,"
        "standstill_end_on,bidder_email,outcome,decided_on\n"
        f"T-9,Home care,{PRIYA},2026-11-20,2026-12-04,2026-12-23,2027-01-15,{SAM},pending,\n"),
        TUESDAY_22_DECEMBER)
    with factory() as session:
        payment = session.scalars(select(Deadline).where(Deadline.rule == "payment")).one()
        submission = session.scalars(select(Deadline).where(
            Deadline.reference.like("%submission%"),
            Deadline.provider_contact_id.is_not(None))).one()
    assert say(router, f"/done {payment.id} paid on 17/12", SAM).startswith(
        "Invoice INV-1 recorded as paid on Thu 17 Dec 2026, 16 days after it was received")
    assert say(router, f"/done {submission.id} bid submitted on monday", SAM) == (
        f"Recorded: {submission.reference} done on Mon 21 Dec 2026. Its reminders are stopped.")
    with factory() as session:
        assert session.get_one(Deadline, submission.id).done_on == date(2026, 12, 21)


@pytest.mark.parametrize("words", [
    "29/01/2027 we will revisit the hours in March", "29/01/2027 initial concerns resolved"])
def test_review_done_words_that_name_no_review_are_asked_about(
        factory: sessionmaker[Session], both_due: Router, words: str) -> None:
    assert say(both_due, f"/review done P-7 {words}", SAM).startswith(
        "P-7 has two reviews open: the initial review")
    assert {status for status, _day in _states(factory).values()} == {"open"}


@pytest.mark.parametrize(("words", "day"), [
    # Session 36's review: a day after words pointing ahead is another event's, never the day
    # it was done ("next meeting on the 14th" recorded 14 Nov; "family visiting on friday"
    # the Friday before).
    ("all good, next meeting on the 24th", date(2026, 12, 22)),
    ("went well, family visiting on friday", date(2026, 12, 22)),
    ("went well, next review booked for 5/1", date(2026, 12, 22)),
    # A day the words tie to the revisit is its day; one to come after it is not.
    ("revisit held on the 17th, next on the 30th", date(2026, 12, 17)),
    ("hours up, 17/12: revisit held", date(2026, 12, 17)),
    ("we met on 17 Dec and agreed more hours", date(2026, 12, 17)),
    ("revisit due on the 18th held on the 17th", date(2026, 12, 17)),
    ("went well, family will come on the 4th", date(2026, 12, 22)),
])
def test_a_day_in_dones_words_for_another_event_is_not_the_day_done(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int], words: str,
        day: date) -> None:
    router, number, _review = revisit
    said = say(router, f"/done {number} {words}", SAM)
    assert said.startswith(f"Recorded: P-7 condition-change revisit done on {day:%a} "
                           f"{day.day} {day:%b %Y}."), said
    assert _states(factory)["condition-change"] == ("done", day)


@pytest.mark.parametrize(("words", "said"), [
    # A day among the words that nothing ties to the revisit, nor to another event: asked,
    # never recorded as that day (session 36's review).
    ("all good, meeting on the 18th",
     "I read a day in what you wrote (Fri 18 Dec 2026), but not as the day it was done, so I "
     "haven't recorded it. Send the day it was done first: /done {number} DD/MM/YYYY "
     "[outcome], or /done {number} today [outcome]."),
    # A date nothing ties to anything (session 37's brief: recorded as done today).
    ("all good, revisit was 17 Dec",
     "I read a day in what you wrote (Thu 17 Dec 2026), but not as the day it was done, so I "
     "haven't recorded it. Send the day it was done first: /done {number} DD/MM/YYYY "
     "[outcome], or /done {number} today [outcome]."),
    ("hours up, care plan of 17/12/2026",
     "I read a day in what you wrote (Thu 17 Dec 2026), but not as the day it was done, so I "
     "haven't recorded it. Send the day it was done first: /done {number} DD/MM/YYYY "
     "[outcome], or /done {number} today [outcome]."),
    # A day still to come is refused as to come, never read as last year's or last month's.
    ("held on 28/12", "The review date Mon 28 Dec 2026 is in the future. Please check it."),
    ("revisit happened on the 28th",
     "The review date Mon 28 Dec 2026 is in the future. Please check it."),
    # A vague day among the words is asked for, as it is first (F2).
    ("revisit held last week",
     "I couldn't read the review date 'last week'. Please write it as 2026-11-25 or "
     "25/11/2026."),
    ("last week revisit held",
     "I couldn't read the review date 'last week'. Please write it as 2026-11-25 or "
     "25/11/2026."),
])
def test_a_day_in_dones_words_not_sure_to_be_the_day_done_is_asked_about(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int], words: str,
        said: str) -> None:
    router, number, _review = revisit
    assert say(router, f"/done {number} {words}", SAM) == said.format(number=number)
    assert _states(factory)["condition-change"] == ("open", None)
    assert _notices(factory) == []


def test_review_done_reads_a_day_for_another_event_as_dones_words_do(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    router, _number, _review = revisit
    assert say(router, "/review done P-7 all good, next meeting on the 24th", SAM).startswith(
        "Recorded: P-7 condition-change revisit done on Tue 22 Dec 2026.")
    assert say(router, "/review done P-7 initial review went well, meeting on the 18th",
               SAM) == (
        "I read a day in what you wrote (Fri 18 Dec 2026), but not as the day it was done, so "
        "I haven't recorded it. Send the day it was done first: /review done P-7 DD/MM/YYYY "
        "[outcome], or /review done P-7 today [outcome].")
    assert _states(factory)["initial-review"] == ("open", None)


def test_review_done_naming_a_revisit_when_none_is_open_says_so(
        factory: sessionmaker[Session], database_url: str, people: dict[str, int],
        clock: Clock) -> None:
    # Session 36's review: "/review done RC-101 revisit went well, hours up" with no change in
    # condition notified closed the initial review 24 days early, without a word.
    router = build_router(factory, Settings(database_url=database_url), make_templates(),
                          clock=clock)
    say(router, f"/placement new P-7 2026-11-02 {PRIYA}", SAM)
    clock.now = TUESDAY_22_DECEMBER
    with factory() as session:
        review = session.scalars(select(Deadline)).one().id
    assert say(router, "/review done P-7 revisit went well, hours up", SAM) == (
        "P-7 has no condition-change revisit open, so I haven't recorded anything. Its open "
        f"review is the initial review, due Tue 2 Feb 2027 (#{review}): if that is the one "
        "held, /review done P-7 initial review [outcome]. A change in condition is notified "
        "with /condition-change P-7.")
    assert _states(factory) == {"initial-review": ("open", None)}
    assert _notices(factory) == []
    # Named as the initial review, it is recorded.
    assert say(router, "/review done P-7 initial review went well", SAM).startswith(
        "Recorded: P-7 initial review done on Tue 22 Dec 2026.")


def test_the_day_a_deadline_was_recorded_done_is_changed_once_confirmed(
        factory: sessionmaker[Session], revisit: tuple[Router, int, int]) -> None:
    # Session 37's brief: "/done 4" recorded today, the revisit held days before; the day
    # recorded could not be corrected in chat.
    router, number, review = revisit

    def asked(text: str) -> Reply:
        [reply] = router.handle(make_incoming(text, sender=SAM))
        return reply

    def press(reply: Reply, label: str) -> str:
        [button] = [button for button in reply.buttons if button.label == label]
        return "\n".join(answer.text for answer in router.handle(make_incoming(
            sender=SAM, action=button.action, action_value=button.value)))

    assert say(router, f"/done {number}", SAM).startswith(
        "Recorded: P-7 condition-change revisit done on Tue 22 Dec 2026.")
    assert say(router, f"/done {number}", SAM) == (
        "P-7 condition-change revisit was recorded done on Tue 22 Dec 2026. If it was done on "
        f"another day: /done {number} DD/MM/YYYY.")
    # The same refusals as /done: no day to come, none before the revisit was opened.
    assert say(router, f"/done {number} on 23/12/2026", SAM) == (
        "The review date Wed 23 Dec 2026 is in the future. Please check it.")
    assert say(router, f"/done {number} on 3 Dec", SAM).startswith(
        "The day you wrote, Thu 3 Dec 2026, is before P-7 condition-change revisit was opened")
    question = asked(f"/done {number} on 17 Dec")
    assert (question.text, [button.label for button in question.buttons]) == (
        "Change the day recorded for P-7 condition-change revisit from Tue 22 Dec 2026 to "
        "Thu 17 Dec 2026?", ["Yes", "No"])
    assert press(asked(f"/done {number} 18/12/2026"), "No") == (
        "Nothing changed: P-7 condition-change revisit stays recorded done on Tue 22 Dec 2026.")
    assert press(question, "Yes") == (
        "Changed: P-7 condition-change revisit is recorded done on Thu 17 Dec 2026 (was Tue 22 "
        "Dec 2026).")
    assert _states(factory)["condition-change"] == ("done", date(2026, 12, 17))
    with factory() as session:
        assert [payload["text"] for payload in session.scalars(select(OutboxMessage.payload)
                .where(OutboxMessage.kind == "deadline.redated"))] == [
            "Sam of Riverside changed the day P-7 condition-change revisit was recorded done: "
            "it was done on Thu 17 Dec 2026."]
    assert press(question, "Yes") == make_templates().get_template(
        "stale_button.txt").render().strip()
    # Changed back and forth: the other side is told each change (the review of session 37:
    # the second change back to a day told before was dropped as a repeat).
    for day in ("22/12/2026", "17/12/2026"):
        assert press(asked(f"/done {number} {day}"), "Yes").startswith("Changed:")
    with factory() as session:
        assert [payload["text"][-31:] for payload in session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == "deadline.redated")
            .order_by(OutboxMessage.id))] == [
            "it was done on Thu 17 Dec 2026.", "it was done on Tue 22 Dec 2026.",
            "it was done on Thu 17 Dec 2026."]
    # A review's next one is counted from the day it was done.
    say(router, f"/done {review}", SAM)
    assert press(asked(f"/done {review} on the 17th"), "Yes").endswith(
        "Its next review is now due Thu 17 Jun 2027.")
    with factory() as session:
        assert [(event.detail["was"], event.detail["on"]) for event in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "deadline.redated")
            .order_by(AuditEvent.id))] == [
            ("2026-12-22", "2026-12-17"), ("2026-12-17", "2026-12-22"),
            ("2026-12-22", "2026-12-17"), ("2026-12-22", "2026-12-17")]
        assert session.scalars(select(Deadline.due_on).where(
            Deadline.rule == "monitoring", Deadline.status == "open")).one() == date(2027, 6, 17)
