"""The router: matching tables, role-aware help, and bad input that changes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_router
from bot.config import Settings
from bot.dispatch import CommandMatch, Router, clean_text, parse_command
from bot.errors import BadInput
from bot.messages import Button, Incoming, Notification, Reply
from bot.models import AuditEvent, Channel, OutboxMessage, Person, Question, Role
from bot.registry import Context, Next
from bot.templates import make_templates
from tests.factories import (
    FIXED_NOW,
    count_rows,
    make_commissioner,
    make_incoming,
    make_person,
    make_provider,
)

pytestmark = pytest.mark.one_database_each  # tests/conftest.py


@pytest.mark.parametrize(("text", "expected"), [
    ("/help", CommandMatch("help", "")),
    ("/HELP", CommandMatch("help", "")),
    ("/ask how long is standstill", CommandMatch("ask", "how long is standstill")),
    ("/ask@pledge_bot is the PQQ still a thing", CommandMatch("ask", "is the PQQ still a thing")),
    ("/ask   spaced  ", CommandMatch("ask", "spaced")),
    ("/ask line one\nline two", CommandMatch("ask", "line one\nline two")),
    ("/case-list", CommandMatch("case-list", "")),
    ("help", None),
    ("/", None),
    ("/ help", None),
    ("//help", None),
    ("/123", None),
    ("hello /help", None),
])
def test_parse_command(text: str, expected: CommandMatch | None) -> None:
    assert parse_command(text) == expected


CLEANED = {  # what was typed: what the router reads
    "  hello  ": "hello",
    "a\x00b\x07c": "abc",
    "line\r\nnext\rlast": "line\nnext\nlast",
    "tab\tkept": "tab\tkept",
    "\u202eevil\u202c": "evil",
    "\ufeffbom": "bom",
    "\x1b[31mred\x1b[0m": "[31mred[0m",
    "C1 \x9b31m\x9d\x9c\x85gone": "C1 31mgone",
    "\u2066isolated\u2069 \u2067rtl\u2068 \u202aembed\u202c": "isolated rtl embed",
    "\n\n": "",
    # Full-width forms read as plain ones (session 22's review); other letters are kept.
    "\uff57\uff48\uff41\uff54\u3000\uff49\uff53 \uff41 \uff30\uff31\uff31\uff1f": "what is a PQQ?",
    "£12 ½ café naïve": "£12 ½ café naïve",
}


@pytest.mark.parametrize(("raw", "cleaned"), CLEANED.items())
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


@pytest.fixture
def router(factory: sessionmaker[Session], settings: Settings) -> Router:
    router = build_router(factory, settings, make_templates(), clock=lambda: FIXED_NOW)
    return router


def _rows(factory: sessionmaker[Session]) -> Counter[str]:
    return Counter({"audit": count_rows(factory, AuditEvent),
                    "outbox": count_rows(factory, OutboxMessage),
                    "question": count_rows(factory, Question)})


def _say(router: Router, text: str, **kwargs: object) -> list[str]:
    return [reply.text for reply in router.handle(make_incoming(text, **kwargs))]  # type: ignore[arg-type]


def test_help_for_a_provider_lists_only_their_commands(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def commissioners_only(incoming: Incoming, ctx: Context) -> list[Reply]:
        return [Reply(text="ok")]

    router.command("assign", commissioners_only, summary="assign a case",
                   roles=[Role.COMMISSIONER, Role.ADMIN])
    make_provider(factory, "sam@provider.example")
    make_commissioner(factory, "priya@council.example", name="Priya Shah")
    [provider_help] = _say(router, "/help", sender="sam@provider.example")
    [commissioner_help] = _say(router, "/help", sender="priya@council.example")
    assert provider_help.startswith("Hello Sam. Here is what I can do for you:")
    assert "/ask QUESTION - ask a question" in provider_help
    assert "/assign" not in provider_help
    assert "/start" not in provider_help
    assert commissioner_help.startswith("Hello Priya Shah. Here is what I can do for you "
                                        "(commissioner):")
    assert "/assign - assign a case" in commissioner_help


def test_a_command_for_another_role_is_refused(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def assign(incoming: Incoming, ctx: Context) -> list[Reply]:
        ctx.audit("case.assigned")
        return [Reply(text="assigned")]

    router.command("assign", assign, summary="assign", roles=[Role.COMMISSIONER])
    make_provider(factory)
    assert _say(router, "/assign PB-1") == [
        "Sorry, /assign is only for commissioners. Type /help to see what you can do."]
    assert _rows(factory)["audit"] == 0


UNKNOWN = ("Hello. I don't know who you are yet, so I can't help on this account.\n"
           "To be added, please ask your council's commissioning team to register you "
           "for pledgebot")


def _a_stranger(factory: sessionmaker[Session]) -> tuple[str, dict[str, object]]:
    return "how long is the standstill?", {"sender": "stranger@example.org"}


def _an_unverified_email_identity(
    factory: sessionmaker[Session]
) -> tuple[str, dict[str, object]]:
    make_person(factory, email="sam@provider.example", channel=Channel.EMAIL, verified=False)
    return "/help", {"sender": "sam@provider.example", "channel": Channel.EMAIL}


def _an_inactive_person(factory: sessionmaker[Session]) -> tuple[str, dict[str, object]]:
    person_id = make_provider(factory)
    with factory.begin() as session:
        session.get_one(Person, person_id).active = False
    return "/help", {}


@pytest.mark.parametrize(("who", "ending"), [
    pytest.param(_a_stranger, ".", id="a-stranger"),
    pytest.param(_an_unverified_email_identity, " with this email account.",
                 id="an-unverified-email-identity"),
    pytest.param(_an_inactive_person, ".", id="an-inactive-person"),
])
def test_someone_unknown_gets_one_reply_and_nothing_is_stored(
    router: Router, factory: sessionmaker[Session],
    who: Callable[[sessionmaker[Session]], tuple[str, dict[str, object]]], ending: str
) -> None:
    text, sent_as = who(factory)
    assert _say(router, text, **sent_as) == [UNKNOWN + ending]
    assert _rows(factory) == Counter()


@pytest.mark.parametrize(("text", "reply"), [
    ("/frobnicate now", "I don't know the command /frobnicate. Type /help to see what I can do."),
    # Session 21's review: a typo got no suggestion.
    ("/hlep", "I don't know the command /hlep. Did you mean /help? Type /help to see what I can "
              "do."),
    *[(empty, "I didn't catch anything there. Type /help to see what I can do.")
      for empty in ("", "   ", "\x00\x01", "\u200b")],
    pytest.param("x" * 100_000, "That message is too long for me (100,000 characters; the limit "
                 "is 4,000). Please send a shorter version. Nothing was saved.", id="too-long"),
])
def test_a_message_refused_changes_nothing(router: Router, factory: sessionmaker[Session],
                                           text: str, reply: str) -> None:
    make_provider(factory)
    assert _say(router, text) == [reply]
    assert _rows(factory) == Counter()


def test_free_text_is_recorded_as_an_unanswered_question(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory)
    [reply] = _say(router, "  how long is the standstill?\x07 ")
    assert reply.startswith("I don't know the answer to that, and I'd rather not guess.")
    with factory() as session:
        question = session.scalars(select(Question)).one()
    assert (question.text, question.safeguarding, question.asked_at) == (
        "how long is the standstill?", False, FIXED_NOW)


def test_a_failing_handler_changes_nothing_and_says_sorry(
    router: Router, factory: sessionmaker[Session], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(incoming: Incoming, ctx: Context) -> list[Reply]:
        ctx.audit("half.done")
        ctx.notify(Notification(person_id=ctx.person.id, kind="x", text="x",
                                idempotency_key="half"))
        raise ZeroDivisionError("bug")

    router.command("broken", broken, summary="always fails")
    make_provider(factory)
    [reply] = _say(router, "/broken")
    assert reply.startswith("Sorry, something went wrong on my side and nothing was changed.")
    assert "ZeroDivisionError" not in reply
    assert _rows(factory) == Counter()
    assert "ZeroDivisionError: bug" in caplog.text


def test_bad_input_rolls_back_and_replies_with_the_problem(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def picky(incoming: Incoming, ctx: Context) -> list[Reply]:
        ctx.audit("started")
        raise BadInput("The date 31/02/2026 does not exist.")

    router.command("picky", picky, summary="refuses")
    make_provider(factory)
    assert _say(router, "/picky 31/02/2026") == ["The date 31/02/2026 does not exist."]
    assert _rows(factory) == Counter()


def test_notifications_commit_with_the_change_and_wake_listeners(
    router: Router, factory: sessionmaker[Session]
) -> None:
    commissioner = make_commissioner(factory)
    woken: list[list[str]] = []
    router.on_notified.append(lambda notes: woken.append([n.idempotency_key for n in notes]))

    def tell(incoming: Incoming, ctx: Context) -> list[Reply]:
        ctx.audit("told")
        ctx.notify(Notification(person_id=commissioner, kind="t", text=ctx.args,
                                idempotency_key=f"tell:{ctx.args}"))
        return [Reply(text="Told them.")]

    router.command("tell", tell, summary="tell the commissioner")
    make_provider(factory)
    assert _say(router, "/tell hello") == ["Told them."]
    assert _say(router, "/tell hello") == ["Told them."]  # same key: queued once
    assert _rows(factory) == Counter({"audit": 2, "outbox": 1})
    assert woken == [["tell:hello"]]


def test_buttons_route_to_their_handler_and_stale_ones_are_refused(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def pressed(incoming: Incoming, ctx: Context) -> list[Reply]:
        return [Reply(text=f"You chose {incoming.action_value}.")]

    router.button("test.choice", pressed)
    make_provider(factory)
    assert _say(router, "", action="test.choice", action_value="yes") == ["You chose yes."]
    assert _say(router, "", action="gone.away", action_value="1") == [
        "That button is no longer active. Type /help to see what I can do."]


def test_registering_twice_is_an_error(router: Router) -> None:
    with pytest.raises(ValueError, match="registered twice"):
        router.command("help", lambda i, c: [], summary="again")


def test_incoming_refuses_naive_time() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone-aware"):
        Incoming(channel=Channel.CONSOLE, conversation="c", sender="s",
                 received_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_replies_are_frozen() -> None:
    reply = Reply(text="hi", buttons=(Button(label="OK", action="ok"),))
    with pytest.raises(AttributeError):
        reply.text = "changed"  # type: ignore[misc]


def test_a_redelivered_message_is_handled_once(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory)
    first = _say(router, "how long is the standstill?", message_id="evt-1")
    again = _say(router, "how long is the standstill?", message_id="evt-1")
    assert first != []
    assert again == []
    assert _rows(factory)["question"] == 1
    # Another id, or the same id on another channel, is another message.
    _say(router, "how long is the standstill?", message_id="evt-2")
    assert _rows(factory)["question"] == 2


def test_a_message_whose_handling_failed_is_handled_when_redelivered(
    router: Router, factory: sessionmaker[Session]
) -> None:
    calls: list[str] = []

    def flaky(incoming: Incoming, ctx: Context) -> list[Reply]:
        calls.append(incoming.text)
        ctx.audit("flaky.ran")
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return [Reply(text="done")]

    router.command("flaky", flaky, summary="fails once")
    make_provider(factory)
    [sorry] = _say(router, "/flaky", message_id="evt-9")
    assert sorry.startswith("Sorry")
    assert _say(router, "/flaky", message_id="evt-9") == ["done"]
    assert _say(router, "/flaky", message_id="evt-9") == []
    assert len(calls) == 2
    assert _rows(factory)["audit"] == 1


def test_middleware_runs_in_order_around_the_handler(
    router: Router, factory: sessionmaker[Session]
) -> None:
    seen: list[str] = []

    def outer(incoming: Incoming, ctx: Context, rest: Next) -> list[Reply]:
        seen.append(f"outer:{ctx.person.email}")
        return [Reply(text="before"), *rest(incoming, ctx)]

    def inner(incoming: Incoming, ctx: Context, rest: Next) -> list[Reply]:
        seen.append("inner")
        return rest(incoming, ctx) if incoming.text != "/stop" else [Reply(text="stopped")]

    router.use(outer)
    router.use(inner)
    make_provider(factory)
    assert _say(router, "/stop") == ["before", "stopped"]
    assert seen == ["outer:sam@provider.example", "inner"]
    # An unknown sender never reaches the features' middleware.
    _say(router, "/stop", sender="stranger@example.org")
    assert seen == ["outer:sam@provider.example", "inner"]


def test_an_unverified_email_identity_is_unknown(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_person(factory, email="kim@provider.example", channel=Channel.EMAIL, verified=False)
    [reply] = _say(router, "/whoami", sender="kim@provider.example", channel=Channel.EMAIL)
    assert reply.startswith("Hello. I don't know who you are yet")


def test_every_feature_registers_its_periodic_jobs(router: Router) -> None:
    assert sorted(router.jobs) == [
        "cases.sweep", "digests.sweep", "forms.purge-expired", "messages.forget-handled",
        "outbox.purge-delivered", "questions.forget-old-words", "reminders.close-ended",
        "reminders.sweep", "surveys.sweep"]


def test_a_stranger_who_describes_harm_gets_the_emergency_guidance_and_nothing_is_kept(
    router: Router, factory: sessionmaker[Session]
) -> None:
    replies = _say(router, "I am worried my client is being hit by staff",
                   sender="stranger@example.org")
    assert replies[0].startswith("This sounds like a safeguarding concern. Please act on it now:"
                                 "\n- If anyone is in immediate danger, call 999.")
    assert replies[0].endswith("I don't know who you are, so I cannot pass this on for you: "
                               "please raise it yourself now.")
    assert replies[1].startswith("Hello. I don't know who you are yet")
    with factory() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.actor_id,
                                        AuditEvent.detail)).all()
    assert [tuple(event) for event in events] == [
        ("safeguarding.stranger", None, {"channel": "console"})]
    assert _rows(factory)["outbox"] == _rows(factory)["question"] == 0


def test_free_text_goes_to_the_first_matched_route_else_the_catch_all(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def shout(incoming: Incoming, ctx: Context) -> list[Reply]:
        return [Reply(text=f"shout {ctx.match}")]

    def whisper(incoming: Incoming, ctx: Context) -> list[Reply]:
        return [Reply(text=f"whisper {ctx.match}")]

    router.text(shout, match=lambda text: text.upper() if text.endswith("!") else None,
                name="shout")
    router.text(whisper, match=lambda text: text if text.endswith("!") or text.startswith(
        "psst") else None, name="whisper")
    make_provider(factory)
    assert _say(router, "wow!") == ["shout WOW!"]  # both match: the first registered wins
    assert _say(router, "psst") == ["whisper psst"]
    assert _say(router, "/ask psst") == ["whisper psst"]  # /ask reads its words as free text
    [catch_all] = _say(router, "how long is the standstill?")
    assert catch_all.startswith("I don't know the answer to that")


def test_a_part_is_tried_on_named_routes_and_one_that_passes_it_on_has_not_kept_it(
    router: Router, factory: sessionmaker[Session]
) -> None:
    def invoice(incoming: Incoming, ctx: Context) -> list[Reply]:
        if ctx.match != "INV-1":  # none of theirs: the words go on
            return ctx.registry.pass_on("invoice", incoming, ctx)
        return [Reply(text=f"invoice {ctx.match}")]

    def anything(incoming: Incoming, ctx: Context) -> list[Reply]:
        return [Reply(text=f"anything {ctx.args}")]

    def each_part(incoming: Incoming, ctx: Context) -> list[Reply]:
        replies = []
        for part in str(ctx.match).split(" & "):
            tried = ctx.registry.tried(part, incoming, ctx, names={"invoice", "number"})
            replies.extend(tried if tried is not None else [Reply(text=f"not kept: {part}")])
        # As they were: the route's own words and match.
        return [*replies, Reply(text=f"after: {ctx.match} / {ctx.args}")]

    router.text(each_part, match=lambda text: text if " & " in text else None, name="parts")
    router.text(invoice, match=lambda text: text if text.startswith("INV-") else None,
                name="invoice")
    router.text(anything, match=lambda text: text, name="anything")
    router.text(lambda i, c: [Reply(text=f"number {c.match}")],
                match=lambda text: text if text.startswith("INV-2") else None, name="number")
    make_provider(factory)
    # INV-2 passed on by the invoice route goes to the next route named, never to "anything"
    # (not named) nor the catch-all; INV-3 is kept by none.
    assert _say(router, "INV-1 & INV-2 & INV-3") == [
        "invoice INV-1", "number INV-2", "not kept: INV-3",
        "after: INV-1 & INV-2 & INV-3 / INV-1 & INV-2 & INV-3"]
    # Typed alone, a route passing the words on goes on as before.
    assert _say(router, "INV-3") == ["anything INV-3"]


def test_a_free_text_route_name_registered_twice_is_an_error(router: Router) -> None:
    router.text(lambda i, c: [], match=lambda text: None, name="echo")
    with pytest.raises(ValueError, match="registered twice"):
        router.text(lambda i, c: [], match=lambda text: None, name="echo")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_a_message_that_notifies_someone_reads_the_database_twice(
    router: Router, engine: Engine, factory: sessionmaker[Session]
) -> None:
    # The router's own walk reads once (the sender, their open form and the buttons last
    # shown them, in one query) and the outbox once (the recipient and their addresses); the
    # rest are the de-duplication insert, the outbox insert and the buttons kept (session 34:
    # bench/router.py, where every read and every statement built cost time per message).
    commissioner = make_commissioner(factory)

    def tell(incoming: Incoming, ctx: Context) -> list[Reply]:
        ctx.notify(Notification(person_id=commissioner, kind="t", text=ctx.args,
                                idempotency_key=f"tell:{ctx.args}"))
        return [Reply(text="Told them.")]

    router.command("tell", tell, summary="tell the commissioner")
    make_provider(factory)
    assert _say(router, "/tell first", message_id="evt-1") == ["Told them."]
    sent: list[str] = []

    def count(*args: object) -> None:
        sent.append(str(args[2]).split(None, 1)[0].upper())

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert _say(router, "/tell second", message_id="evt-2") == ["Told them."]
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert Counter(word for word in sent if word != "BEGIN") == Counter(
        {"SELECT": 2, "INSERT": 3})
    assert _rows(factory)["outbox"] == 2
