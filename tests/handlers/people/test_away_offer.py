"""A commissioner's own leave told in plain words ("fyi I am on leave next week"), as dialogs
through the router: the days read and an offer to set /away, nothing set until pressed."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dispatch import Router
from bot.messages import Button, Reply
from bot.models import AuditEvent, Case, OutboxMessage, Person, Question
from handlers.people.chat import NOT_AWAY, SET_AWAY, leave_days
from handlers.talk.matching import LeaveTold
from tests.factories import Clock, count_rows, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The router's clock: Wednesday 25 November 2026.
STALE = "That button is no longer active. Type /help to see what I can do."
STATEMENT_START = "Thanks for letting me know.\nI haven't kept that or passed it on"


def say(router: Router, text: str, sender: str = PRIYA) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def press(router: Router, button: Button, sender: str = PRIYA) -> str:
    return "\n".join(reply.text for reply in router.handle(make_incoming(
        sender=sender, action=button.action, action_value=button.value)))


def _away(factory: sessionmaker[Session]) -> tuple[date | None, str | None]:
    """Priya's return date and her cover's e-mail."""
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == PRIYA)).one()
        cover = session.get(Person, priya.cover_id) if priya.cover_id is not None else None
        return priya.away_until, cover.email if cover is not None else None


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({model.__tablename__: count_rows(factory, model)
                    for model in (Question, Case, OutboxMessage, AuditEvent)})


def test_a_leave_told_offers_away_with_the_escalation_contact_and_sets_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 28's brief: "fyi I am on leave next week" was thanked, and no cover offered.
    [offer] = say(router, "fyi I am on leave next week")
    assert offer.text == (
        "Thanks for letting me know. I read your leave as Mon 30 Nov 2026 to Fri 4 Dec 2026.\n"
        "Shall I mark you away from Mon 30 Nov 2026 until Fri 4 Dec 2026, so from then new "
        "cases that would come to you go to Hub, your escalation contact (who is told)?")
    assert [button.label for button in offer.buttons] == ["Set me away", "No thanks"]
    assert _away(factory) == (None, None)
    assert _rows(factory) == Counter()
    # Pressed, the absence starts on the leave's first day (session 36's trial: it started at
    # the press, before the leave did).
    assert press(router, offer.buttons[0]).startswith(
        "Noted: you're away from Mon 30 Nov 2026 until Fri 4 Dec 2026. From Mon 30 Nov 2026, "
        "new cases that would come to you go to Hub")
    assert _away(factory) == (date(2026, 12, 4), HUB)
    with factory() as session:
        assert session.scalars(select(Person.away_from).where(Person.email == PRIYA)).one() \
            == date(2026, 11, 30)


def test_set_me_away_marks_them_away_and_tells_the_cover(
        router: Router, factory: sessionmaker[Session]) -> None:
    [offer] = say(router, "on annual leave until Monday")
    assert offer.text.startswith(
        "Thanks for letting me know. I read your leave as Wed 25 Nov 2026 to Mon 30 Nov 2026.\n")
    assert "before your leave does" not in offer.text
    assert press(router, offer.buttons[0]) == (
        "Noted: from today until Mon 30 Nov 2026, new cases that would come to you go to Hub, "
        "who is told and gets a copy of your reminders too. /away off when you are back early.")
    assert _away(factory) == (date(2026, 11, 30), HUB)
    with factory() as session:
        told = session.scalars(select(OutboxMessage)).one()
    assert (told.address, told.kind) == (HUB, "person.cover")


def test_set_me_away_pressed_twice_tells_the_cover_once(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 28's review: the notification's key held the time, so each press told the cover.
    [offer] = say(router, "on annual leave until Monday")
    press(router, offer.buttons[0])
    assert press(router, offer.buttons[0]) == (
        "You're already marked away until Mon 30 Nov 2026, with Hub as cover: nothing changed, "
        "and nobody was told again.")
    assert _away(factory) == (date(2026, 11, 30), HUB)
    assert count_rows(factory, OutboxMessage) == 1


@pytest.mark.parametrize("text", [
    "I'm on leave from tomorrow until the 18th",
    "I'm off from Wednesday to the 18th",
    "on leave 14th to 18th",
    "I am off from 14 December to 18",
])
def test_a_bare_last_day_is_read_after_the_first(router: Router, text: str) -> None:
    # Session 28's review: "the 18th" was read as 18 November, before the start: no offer.
    [offer] = say(router, text)
    assert "to Fri 18 Dec 2026.\n" in offer.text
    assert [button.label for button in offer.buttons] == ["Set me away", "No thanks"]


def test_no_thanks_changes_nothing(router: Router, factory: sessionmaker[Session]) -> None:
    [offer] = say(router, "I'm off from 14 to 18 December")
    assert offer.buttons[1] == Button(label="No thanks", action=NOT_AWAY, value="")
    assert press(router, offer.buttons[1]) == (
        "OK, nothing changed: new cases still come to you. /away UNTIL COVER_EMAIL sends them "
        "to a colleague when you want.")
    assert _away(factory) == (None, None)
    assert _rows(factory) == Counter()


def test_a_leave_without_days_to_read_says_how_to_use_away(router: Router) -> None:
    [reply] = say(router, "just letting you know I am on leave for two weeks")
    assert (reply.text, reply.buttons) == (
        "Thanks for letting me know.\n"
        "To send new cases to a colleague while you're away, type /away UNTIL COVER_EMAIL (UNTIL "
        "is your last day away; COVER_EMAIL is the colleague's e-mail, for example "
        "tom@council.example).", ())


def test_a_leave_with_nobody_to_offer_as_cover_says_how_with_its_day(
        northshire_router: Router) -> None:
    # No escalation contact: nobody is guessed as cover.
    [reply] = say(northshire_router, "I'm off from 14 to 18 December")
    assert (reply.text, reply.buttons) == (
        "Thanks for letting me know. I read your leave as Mon 14 Dec 2026 to Fri 18 Dec 2026.\n"
        "To send new cases to a colleague while you're away, type /away 2026-12-18 COVER_EMAIL "
        "(UNTIL is your last day away; COVER_EMAIL is the colleague's e-mail, for example "
        "tom@council.example).", ())


def test_a_providers_leave_told_keeps_the_statement_reply(router: Router) -> None:
    [reply] = say(router, "fyi I am on leave next week", SAM)
    assert reply.text.startswith(STATEMENT_START)
    assert reply.buttons == ()


def test_someone_elses_leave_is_news_not_an_offer(router: Router) -> None:
    [reply] = say(router, "just letting you know our manager is on leave next week")
    assert reply.text.startswith(STATEMENT_START)


@pytest.mark.parametrize(("value", "sender", "refusal"), [
    # Forged: another organisation's person as cover (Sam's is a provider). Session 28's
    # review: the refusal named them by e-mail; a forged press is a stale button, naming nobody.
    ("2026-12-04:{sam}", PRIYA, STALE),
    ("2026-12-04:{priya}", PRIYA, STALE),
    ("2026-12-04:99999", PRIYA, STALE),
    # Pressed late: the day has passed.
    ("2026-11-20:{hub}", PRIYA, "Fri 20 Nov 2026 has passed: give the last day you are away."),
    ("someday:{hub}", PRIYA, STALE),
    ("2026-12-04:x", PRIYA, STALE),
])
def test_a_stale_or_forged_set_me_away_changes_nothing(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        value: str, sender: str, refusal: str) -> None:
    button = Button(label="Set me away", action=SET_AWAY,
                    value=value.format(sam=northshire[SAM], hub=northshire[HUB],
                                       priya=northshire[PRIYA]))
    assert press(router, button, sender) == refusal
    assert _away(factory) == (None, None)
    assert _rows(factory) == Counter()


def test_a_provider_cannot_press_set_me_away(router: Router, factory: sessionmaker[Session],
                                            northshire: dict[str, int]) -> None:
    button = Button(label="Set me away", action=SET_AWAY, value=f"2026-12-04:{northshire[HUB]}")
    assert "Set me away" not in press(router, button, SAM)
    with factory() as session:
        sam = session.scalars(select(Person).where(Person.email == SAM)).one()
    assert (sam.away_until, sam.cover_id) == (None, None)
    assert count_rows(factory, OutboxMessage) == 0


# Wednesday 25 November 2026 (a Saturday for "this week" at the weekend).
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(("told", "today", "days"), [
    (LeaveTold(week="next"), WEDNESDAY, (date(2026, 11, 30), date(2026, 12, 4))),
    (LeaveTold(week="this"), WEDNESDAY, (WEDNESDAY, date(2026, 11, 27))),
    (LeaveTold(week="this"), date(2026, 11, 28), None),
    (LeaveTold(first="14", last="18 december"), WEDNESDAY,
     (date(2026, 12, 14), date(2026, 12, 18))),
    (LeaveTold(first="28", last="3 january"), WEDNESDAY, (date(2026, 12, 28), date(2027, 1, 3))),
    (LeaveTold(last="monday"), WEDNESDAY, (WEDNESDAY, date(2026, 11, 30))),
    (LeaveTold(first="tomorrow", last="tomorrow"), WEDNESDAY,
     (date(2026, 11, 26), date(2026, 11, 26))),
    (LeaveTold(last="4th"), WEDNESDAY, (WEDNESDAY, date(2026, 12, 4))),
    (LeaveTold(last="20th"), WEDNESDAY, (WEDNESDAY, date(2026, 12, 20))),
    (LeaveTold(first="monday", back="14th"), WEDNESDAY,
     (date(2026, 11, 30), date(2026, 12, 13))),
    (LeaveTold(first="2026-12-14", last="2026-12-18"), WEDNESDAY,
     (date(2026, 12, 14), date(2026, 12, 18))),
    (LeaveTold(last="14/12"), WEDNESDAY, (WEDNESDAY, date(2026, 12, 14))),
    (LeaveTold(last="20 november"), WEDNESDAY, None),  # passed
    (LeaveTold(first="18 december", last="14 december"), WEDNESDAY, None),  # backwards
    (LeaveTold(first="monday"), WEDNESDAY, None),  # no last day
    # Session 28's review: a bare last day read backwards from the first.
    (LeaveTold(first="tomorrow", last="18th"), WEDNESDAY,
     (date(2026, 11, 26), date(2026, 12, 18))),
    (LeaveTold(first="14th", last="18th"), WEDNESDAY, (date(2026, 12, 14), date(2026, 12, 18))),
    (LeaveTold(first="14 december", last="18"), WEDNESDAY,
     (date(2026, 12, 14), date(2026, 12, 18))),
    (LeaveTold(first="28th", last="3rd"), WEDNESDAY, (date(2026, 11, 28), date(2026, 12, 3))),
    (LeaveTold(), WEDNESDAY, None),
])
def test_the_days_of_a_leave_told(told: LeaveTold, today: date,
                                  days: tuple[date, date] | None) -> None:
    assert leave_days(told, today) == days


@pytest.mark.parametrize("text", ["I'm off in a bit", "I'm off for the day, thanks"])
def test_going_home_is_not_leave(router: Router, text: str) -> None:
    # Session 28's review: both were told how to set /away.
    replies = say(router, text)
    assert not any("/away" in reply.text for reply in replies)
    assert "Set me away" not in [button.label for reply in replies for button in reply.buttons]


def test_away_set_again_after_away_off_tells_the_cover_again(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 29's read of the change: a key without the moment dropped the second telling.
    [offer] = say(router, "on annual leave until Monday")
    press(router, offer.buttons[0])
    say(router, "/away off")
    assert _away(factory) == (None, None)
    clock.now += timedelta(minutes=5)
    [again] = say(router, "on annual leave until Monday")
    press(router, again.buttons[0])
    assert _away(factory) == (date(2026, 11, 30), HUB)
    with factory() as session:
        told = session.scalars(select(OutboxMessage.address)).all()
    assert len(told) == 2
