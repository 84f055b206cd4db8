"""/away as dialogs through the router: an absence already set is never shortened unasked,
a cover never told is told nothing, its date read as every command's, and your own status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import transaction
from bot.dispatch import Router
from bot.messages import Button, Reply
from bot.models import OutboxMessage, OutboxStatus, Person
from tests.factories import Clock, make_incoming
from tests.handlers.conftest import HUB, PRIYA, SAM

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

# The router's clock: Wednesday 25 November 2026.
STALE = "That button is no longer active. Type /help to see what I can do."


def say(router: Router, text: str, sender: str = PRIYA) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender))


def said(router: Router, text: str, sender: str = PRIYA) -> str:
    return "\n".join(reply.text for reply in say(router, text, sender))


def press(router: Router, button: Button, sender: str = PRIYA) -> list[Reply]:
    return router.handle(make_incoming(sender=sender, action=button.action,
                                       action_value=button.value))


def _away(factory: sessionmaker[Session]) -> tuple[date | None, str | None]:
    """Priya's return date and her cover's e-mail."""
    with factory() as session:
        priya = session.scalars(select(Person).where(Person.email == PRIYA)).one()
        cover = session.get(Person, priya.cover_id) if priya.cover_id is not None else None
        return priya.away_until, cover.email if cover is not None else None


def _told(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """What the Hub was told of covering, in order: kind, status, the text's first line."""
    with factory() as session:
        return [(row.kind, row.status.value, row.payload["text"].splitlines()[0])
                for row in session.scalars(select(OutboxMessage).where(
                    OutboxMessage.address == HUB).order_by(OutboxMessage.id))]


COVERING_31 = ("Priya is away until Thu 31 Dec 2026 and has named you as cover: new cases that "
               "would go to them come to you, with a copy of their reminders (reviews, "
               "invoices, tenders), and you can act on their open ones.")


# --- 1. an absence already set is not shortened by a leave told ------------------------------


def test_a_leave_told_while_away_says_so_and_offers_only_a_change_of_date(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 32's trial: "/away 31/12 ...", then "I'm off from 14 to 18 December" and
    # "Set me away", shortened the absence to the 18th and told the cover so, unasked.
    [offer_before] = say(router, "I'm off from 14 to 18 December")  # an offer from before
    assert said(router, f"/away 31/12 {HUB}").startswith("Noted: from today until Thu 31 Dec 2026")
    [offer] = say(router, "I'm off from 14 to 18 December")
    assert offer.text == (
        "Thanks for letting me know. You're already marked away until Thu 31 Dec 2026, covered "
        "by Hub.\n"
        "To change your last day away to Fri 18 Dec 2026, press \"Change date to Fri 18 Dec "
        "2026\"; otherwise nothing changes.")
    assert [button.label for button in offer.buttons] == [
        "Change date to Fri 18 Dec 2026", "Keep Thu 31 Dec 2026"]
    assert _away(factory) == (date(2026, 12, 31), HUB)
    # "Set me away" under the offer made before /away changes nothing either.
    [refused] = press(router, offer_before.buttons[0])
    assert refused.text == (
        "You're already marked away until Thu 31 Dec 2026, covered by Hub: nothing changed.\n"
        "To change your last day away to Fri 18 Dec 2026, press \"Change date to Fri 18 Dec "
        "2026\"; otherwise nothing changes.")
    assert [button.label for button in refused.buttons] == [
        "Change date to Fri 18 Dec 2026", "Keep Thu 31 Dec 2026"]
    [kept] = press(router, offer.buttons[1])
    assert kept.text == (
        "OK, nothing changed: you're away until Thu 31 Dec 2026, covered by Hub.")
    assert _away(factory) == (date(2026, 12, 31), HUB)
    assert _told(factory) == [("person.cover", "pending", COVERING_31)]
    # Asked for in plain words, the date changes, and the cover is told the new one.
    [changed] = press(router, offer.buttons[0])
    assert changed.text.startswith("Noted: from today until Fri 18 Dec 2026, new cases that "
                                   "would come to you go to Hub")
    assert _away(factory) == (date(2026, 12, 18), HUB)
    assert _told(factory)[-1][2].startswith("Priya is away until Fri 18 Dec 2026")
    # The change offered before is stale now: nothing moves again.
    [again] = press(router, offer.buttons[0])
    assert "nothing changed" in again.text
    assert _away(factory) == (date(2026, 12, 18), HUB)


def test_a_leave_told_later_than_the_absence_set_is_not_set_unasked(
        router: Router, factory: sessionmaker[Session]) -> None:
    assert said(router, f"/away 2 Dec {HUB}").startswith("Noted: from today until Wed 2 Dec 2026")
    [offer] = say(router, "fyi I am on leave next week")
    assert offer.text.startswith(
        "Thanks for letting me know. You're already marked away until Wed 2 Dec 2026, covered "
        "by Hub.\nTo change your last day away to Fri 4 Dec 2026, press")
    assert "Set me away" not in [button.label for button in offer.buttons]
    assert _away(factory) == (date(2026, 12, 2), HUB)


def test_a_leave_told_with_the_day_already_set_changes_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, f"/away 18/12 {HUB}")
    [reply] = say(router, "I'm off from 14 to 18 December")
    assert (reply.text, reply.buttons) == (
        "Thanks for letting me know. You're already marked away until Fri 18 Dec 2026, covered "
        "by Hub.", ())


@pytest.mark.parametrize(("value", "reply"), [
    ("2026-12-18:{hub}:2026-12-30", "You're already marked away until Thu 31 Dec 2026, covered "
                                    "by Hub: nothing changed."),
    ("2026-12-18:{sam}:2026-12-31", "You're already marked away until Thu 31 Dec 2026, covered "
                                    "by Hub: nothing changed."),
    ("2026-12-18:{hub}:x", STALE),
    ("2026-12-18:{hub}", STALE),
])
def test_a_stale_or_forged_change_of_date_changes_nothing(
        router: Router, factory: sessionmaker[Session], northshire: dict[str, int],
        value: str, reply: str) -> None:
    say(router, f"/away 31/12 {HUB}")
    [offer] = say(router, "I'm off from 14 to 18 December")
    forged = Button(label="Change", action=offer.buttons[0].action,
                    value=value.format(hub=northshire[HUB], sam=northshire[SAM]))
    assert press(router, forged)[0].text.splitlines()[0] == reply
    assert _away(factory) == (date(2026, 12, 31), HUB)
    assert len(_told(factory)) == 1


def test_a_change_of_date_pressed_once_back_changes_nothing(
        router: Router, factory: sessionmaker[Session]) -> None:
    say(router, f"/away 31/12 {HUB}")
    [offer] = say(router, "I'm off from 14 to 18 December")
    say(router, "/away off")
    assert press(router, offer.buttons[0])[0].text.startswith(
        "You aren't marked as away, so nothing changed")
    assert _away(factory) == (None, None)


# --- 2. a cover never told is told nothing ---------------------------------------------------


def test_a_cover_never_told_is_told_nothing_when_the_absence_ends(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 32's trial: two absences ended before the cover was told of either; the second
    # /away off told Tom "Priya is back: you no longer cover for them".
    for until in ("18/12", "22/12"):
        say(router, f"/away {until} {HUB}")
        clock.now += timedelta(minutes=1)
        assert said(router, "/away off").startswith("Welcome back")
        clock.now += timedelta(minutes=1)
    assert [(kind, status) for kind, status, _text in _told(factory)] == [
        ("person.cover", "withdrawn"), ("person.cover", "withdrawn")]


def test_a_cover_told_once_that_they_no_longer_cover_is_not_told_again(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    say(router, f"/away 18/12 {HUB}")
    with transaction(factory) as session:
        session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT))
    clock.now += timedelta(minutes=1)
    say(router, "/away off")  # the Hub read that they cover: they are told it ended
    clock.now += timedelta(minutes=1)
    say(router, f"/away 22/12 {HUB}")  # not gone yet when Priya is back again
    clock.now += timedelta(minutes=1)
    say(router, "/away off")
    assert [(kind, status) for kind, status, _text in _told(factory)] == [
        ("person.cover", "sent"), ("person.cover_ended", "pending"),
        ("person.cover", "withdrawn")]


# --- 3. the return date read as every command reads a date -----------------------------------


@pytest.mark.parametrize("until", [
    "18th", "the 18th", "on the 18th", "Dec 18", "December 18th", "dec. 18", "December 18 2026",
    "18", "18 Dec", "18th of December"])
def test_away_reads_a_day_of_the_month_and_the_month_first(
        router: Router, factory: sessionmaker[Session], until: str) -> None:
    # Session 32's trial: "/away 18th ..." could not be read, and "/away the 18th ...",
    # "Dec 18" and "December 18th" got the usage line.
    assert said(router, f"/away {until} {HUB}").startswith(
        "Noted: from today until Fri 18 Dec 2026, new cases")
    assert _away(factory) == (date(2026, 12, 18), HUB)


def test_the_cover_may_come_first(router: Router, factory: sessionmaker[Session]) -> None:
    assert said(router, f"/away {HUB} until the 18th").startswith(
        "Noted: from today until Fri 18 Dec")


@pytest.mark.parametrize(("until", "problem"), [
    ("the 32nd", "I couldn't read the return date 'the 32nd'."),
    ("next week", "I couldn't read the return date 'next week'."),
    ("31/02", "The return date '31/02' does not exist."),
])
def test_a_date_not_read_is_named_as_the_problem(
        router: Router, factory: sessionmaker[Session], until: str, problem: str) -> None:
    assert said(router, f"/away {until} {HUB}").startswith(problem)
    assert _away(factory) == (None, None)


def test_a_date_without_a_cover_asks_for_the_cover(
        router: Router, factory: sessionmaker[Session]) -> None:
    assert said(router, "/away the 18th") == (
        "Who covers for you until Fri 18 Dec 2026? Add their e-mail: /away 2026-12-18 "
        "COVER_EMAIL (for example tom@council.example).")
    assert _away(factory) == (None, None)


# --- 4. your own status ----------------------------------------------------------------------


def test_away_alone_and_whoami_show_whether_you_are_away(router: Router) -> None:
    # Session 32's trial: while away, "/away" gave the usage line and /whoami said nothing.
    assert said(router, "/away") == (
        "You aren't marked as away: new cases come to you.\n"
        "Use /away UNTIL COVER_EMAIL (for example /away 2026-12-31 tom@council.example), or "
        "/away off when you are back.")
    assert "away" not in said(router, "/whoami")
    say(router, f"/away 31/12 {HUB}")
    assert said(router, "/away") == (
        "You're marked away until Thu 31 Dec 2026, covered by Hub (hub@northshire.example).\n"
        "Use /away UNTIL COVER_EMAIL to change the date or the cover, or /away off when you "
        "are back.")
    assert said(router, "/whoami").endswith(
        "\nYou're marked away until Thu 31 Dec 2026, covered by Hub.")


def test_a_provider_sees_their_status_in_their_words(router: Router) -> None:
    assert said(router, "/away", SAM).startswith(
        "You aren't marked as away: your reminders come to you.\nUse /away UNTIL COVER_EMAIL "
        "(for example /away 2026-12-31 jo@yourorganisation.example)")


def test_a_new_return_day_with_the_same_cover_withdraws_the_old_days_notice_not_gone(
        router: Router, factory: sessionmaker[Session], clock: Clock) -> None:
    # Session 32's trial: Tom was told "away until Thu 31 Dec", then "until Fri 18 Dec".
    say(router, f"/away 31/12 {HUB}")
    clock.now += timedelta(minutes=1)
    assert said(router, f"/away 18/12 {HUB}").startswith("Noted: from today until Fri 18 Dec 2026")
    assert [(status, text.split(" and ")[0]) for _kind, status, text in _told(factory)] == [
        ("withdrawn", "Priya is away until Thu 31 Dec 2026"),
        ("pending", "Priya is away until Fri 18 Dec 2026")]
    clock.now += timedelta(minutes=1)
    say(router, "/away off")  # neither went: nothing to tell
    assert [kind for kind, _status, _text in _told(factory)] == ["person.cover"] * 2


@pytest.mark.parametrize("text", [
    "am i away?", "Am I still marked as away", "who is covering for me?", "who's my cover",
    "what's my away status?", "am I on leave?"])
def test_asked_in_plain_words_you_are_told_your_status(router: Router, text: str) -> None:
    # Session 32's trial: "am i away?" was "I don't know the answer".
    say(router, f"/away 31/12 {HUB}")
    assert said(router, text).startswith(
        "You're marked away until Thu 31 Dec 2026, covered by Hub (hub@northshire.example).")


@pytest.mark.parametrize("text", [
    "am i away next week?", "who is covering for sam?", "I am away next week, who covers me",
    "how do I set myself as away?", "I'm on leave", "I am away"])
def test_other_words_about_being_away_are_not_the_status(router: Router, text: str) -> None:
    assert not said(router, text).startswith("You aren't marked as away")


def test_away_names_the_cover_by_first_name(router: Router,
                                            factory: sessionmaker[Session]) -> None:
    # Session 33's trial: "/away 18/12/2026 tom" got the usage line, where "/case ...
    # reassign tom" worked.
    assert said(router, "/away 31/12/2026 hub").startswith(
        "Noted: from today until Thu 31 Dec 2026")
    assert _away(factory) == (date(2026, 12, 31), HUB)


def _make_hub_a_safeguarding_lead(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.execute(update(Person).where(Person.email == HUB).values(safeguarding_lead=True))


@pytest.mark.parametrize("cover", ["hub", HUB])
def test_the_safeguarding_hub_is_no_cover(router: Router, factory: sessionmaker[Session],
                                          cover: str) -> None:
    # Session 33's second trial: "/away 31/12/2026 safeguarding" named the hub, a shared inbox
    # that takes every concern already, as cover.
    _make_hub_a_safeguarding_lead(factory)
    assert said(router, f"/away 31/12/2026 {cover}") == (
        "Hub is the council's safeguarding hub, which receives every safeguarding concern: it "
        "can't also cover your cases. Please name a commissioner colleague as cover.")
    assert _away(factory) == (None, None)
    assert _told(factory) == []


@pytest.mark.parametrize("cover", ["priya", "Priya", PRIYA])
def test_naming_yourself_as_cover_says_why_not(router: Router, factory: sessionmaker[Session],
                                              cover: str) -> None:
    # Session 33's second trial: by name it got only the usage line.
    assert said(router, f"/away 31/12/2026 {cover}") == (
        "Your cover must be someone else: you can't cover for yourself while you are away.")
    assert _away(factory) == (None, None)


def test_a_provider_naming_council_staff_as_cover_is_told_why_not(
        router: Router, factory: sessionmaker[Session]) -> None:
    # Session 33's second trial: "/away 31/12/2026 tom" from a provider got the usage line.
    assert said(router, "/away 31/12/2026 Priya", sender=SAM).startswith(
        f"{PRIYA} is not an active colleague at your organisation: your cover must be someone "
        "there who uses pledgebot.")
    with factory() as session:
        assert session.scalars(select(Person.cover_id).where(Person.email == SAM)).one() is None
