"""The form engine: field-by-field forms kept in the database, and forms submitted whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot import forms
from bot.app import build_router
from bot.config import Settings
from bot.dispatch import Router
from bot.errors import BadInput
from bot.messages import Button, Form, FormField, Incoming, Notification, Reply
from bot.models import AuditEvent, Channel, FormSession, OutboxMessage, Question
from bot.registry import Context
from bot.templates import make_templates
from tests.factories import FIXED_NOW, Clock, count_rows, make_incoming, make_provider

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

SAM = "sam@provider.example"
ALEX = "alex@provider.example"

ORDER = Form(form_id="order", title="Test order", fields=(
    FormField(name="colour", label="Which colour?", choices=("Red", "Green", "Blue")),
    FormField(name="reference", label="Your reference?", hint="Like PB-123.", max_length=20),
    FormField(name="note", label="Anything else?", required=False),
))

FIRST_QUESTION = ("Test order — question 1 of 3\nWhich colour?\n"
                  "Choose one; /cancel stops without sending anything.")
SECOND_QUESTION = ("Test order — question 2 of 3\nYour reference?\nLike PB-123.\n"
                   "Type your answer; /cancel stops without sending anything.")
THIRD_QUESTION = ("Test order — question 3 of 3\nAnything else?\n"
                  "Type your answer, or skip it; /cancel stops without sending anything.")
STALE = "That button is no longer active. Type /help to see what I can do."


def _reference(value: str, ctx: Context) -> str:
    if not value.upper().startswith("PB-"):
        raise BadInput("A reference starts with PB-, like PB-123.")
    return value.upper()


@dataclass
class Orders:
    """The test form's handler: records each submission and writes one audit row."""

    submitted: list[dict[str, str]] = field(default_factory=list)

    def submit(self, incoming: Incoming, ctx: Context) -> list[Reply]:
        """Place the order; PB-TAKEN is refused after writing (to test the savepoint)."""
        ctx.audit("order.placed", **dict(incoming.form_values))
        ctx.notify(Notification(person_id=ctx.person.id, kind="order", text="Your order",
                                idempotency_key=f"order:{incoming.form_values['reference']}"))
        if incoming.form_values["reference"] == "PB-TAKEN":
            raise BadInput("PB-TAKEN is already used: please give another reference.",
                           field="reference")
        if incoming.form_values.get("note") == "blame nobody":
            raise BadInput("Something about the whole order is wrong.")
        self.submitted.append(dict(incoming.form_values))
        return [Reply(text=f"Ordered {incoming.form_values['colour']} for "
                           f"{incoming.form_values['reference']}.")]


def _order_command(incoming: Incoming, ctx: Context) -> list[Reply]:
    initial = {"reference": ctx.args} if ctx.args else None
    return forms.start(ctx, "order", initial=initial)


def _make_router(
    factory: sessionmaker[Session], settings: Settings, orders: Orders, clock: Clock
) -> Router:
    router = build_router(factory, settings, make_templates(), clock=clock)
    router.form("order", orders.submit, form=ORDER, validators={"reference": _reference})
    router.command("order", _order_command, summary="order something", usage="[REFERENCE]")
    return router


@pytest.fixture
def orders() -> Orders:
    return Orders()


@pytest.fixture
def router(
    factory: sessionmaker[Session], settings: Settings, orders: Orders, clock: Clock
) -> Router:
    make_provider(factory, SAM)
    return _make_router(factory, settings, orders, clock)


def _say(router: Router, text: str, sender: str = SAM, **kwargs: object) -> list[Reply]:
    return router.handle(make_incoming(text, sender=sender, **kwargs))  # type: ignore[arg-type]


def _text(router: Router, text: str, sender: str = SAM) -> list[str]:
    return [reply.text for reply in _say(router, text, sender)]


def _press(router: Router, button: Button, sender: str = SAM) -> list[Reply]:
    return _say(router, "", sender, action=button.action, action_value=button.value)


def _order(router: Router, *answers: str) -> None:
    """Open the order form and type ``answers`` to its questions, replies unread."""
    _say(router, "/order")
    for answer in answers:
        _say(router, answer)


def _button(reply: Reply, label: str) -> Button:
    [found] = [button for button in reply.buttons if button.label == label]
    return found


def _session(factory: sessionmaker[Session]) -> FormSession | None:
    with factory() as session:
        return session.scalars(select(FormSession)).first()


def _audits(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(
            select(func.count()).select_from(AuditEvent)
            .where(AuditEvent.action == "order.placed")
        ) or 0


def _state(factory: sessionmaker[Session]) -> tuple[int, dict[str, object], int] | None:
    row = _session(factory)
    return None if row is None else (row.id, dict(row.values), row.position)


def _progress(factory: sessionmaker[Session]) -> tuple[dict[str, object], int] | None:
    """The open form's answers so far and the position of the question it waits on."""
    state = _state(factory)
    return None if state is None else state[1:]


# -- pure helpers ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Red", "Red"),
    ("  gREEN ", "Green"),
    ("3", "Blue"),
    ("0", None),
    ("4", None),
    ("Re", None),
    ("red please", None),
    ("", None),
])
def test_match_choice(text: str, expected: str | None) -> None:
    assert forms.match_choice(("Red", "Green", "Blue"), text) == expected


def test_a_choice_that_is_a_number_matches_itself_before_its_position() -> None:
    assert forms.match_choice(("5", "1"), "1") == "1"


@pytest.mark.parametrize(("text", "expected"), [
    ("funding", "Care package and funding"),  # session 21's review: refused
    ("Contract", "Contract"),
    ("review", "Placement review"),
    ("process", "Procurement process"),
    ("care", "Care package and funding"),  # first word
    ("and", None),  # too short to name one
    ("payment please", None),
])
def test_one_word_of_exactly_one_choice_names_it(text: str, expected: str | None) -> None:
    choices = ("Payment", "Placement review", "Care package and funding", "Procurement process",
               "Contract", "Other")
    assert forms.match_choice(choices, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("yeah", "Yes"), ("Yep!", "Yes"), ("nope", "No"), ("nah", "No"), ("maybe", None),
    # Session 24's review: these went on to small talk while the form waited.
    ("yes please", "Yes"), ("no not really", "No"), ("No, thank you", "No"),
    ("yes the council", None), ("no way", None),
])
def test_yes_and_no_in_other_words(text: str, expected: str | None) -> None:
    assert forms.match_choice(("Yes", "No"), text) == expected
    assert forms.match_choice(("Yes, anonymously", "No, with my name"), text) == (
        None if expected is None else {"Yes": "Yes, anonymously", "No": "No, with my name"}[
            expected])


RATINGS = ("1", "2", "3", "4", "5")


@pytest.mark.parametrize(("text", "expected"), [
    ("4", ("4", "")), ("4 out of 5", ("4", "")), ("3 - no wait, 4", True), ("4, 3", True),
    ("I'd say 2 - no, 3", True), ("2 sorry I mean 3", True), ("2 - no, 3 out of 5", True),
    ("2 - 3 of 5", True), ("3 or 4", True), ("8 out of 10", False),
    # A second review of session 40: a count after the rating is its account, never a rating.
    ("4. 3 of our residents were moved", ("4", "3 of our residents were moved")),
    ("4, 2 of them left", ("4", "2 of them left")),
    ("3, 2 of us left", ("3", "2 of us left")),
    ("4 - 3 out of 5 carers left", ("4", "3 out of 5 carers left")),
    # Session 41: a count from one number to a larger one is no rating (which, if either, was
    # one is not plain): "2 - 5 of the invoices" was the rating 2 in session 40.
    ("2 - 5 of the invoices were late", False), ("2, 3 of the visits were missed", False),
    ("2 or 3 visits were missed", False), ("2-3 visits missed", False),
    ("two, three of the visits were missed", False),
    ("it's a 2, 3 of the visits were missed", ("2", "3 of the visits were missed")),
    ("2, 3", True), ("2, 3 I'd say", True), ("2 or 3 stars", True), ("2, 3 out of 5", True),
])
def test_a_rating_in_words_and_the_words_after_it(
        text: str, expected: tuple[str, str] | bool) -> None:
    """``rated``'s reading; True where which rating is meant is asked (``rating_in_doubt``)."""
    assert (forms.rated(RATINGS, text) or forms.rating_in_doubt(RATINGS, text)) == expected


ANONYMOUS = ("Yes, anonymously", "No, with my name")


@pytest.mark.parametrize(("text", "expected"), [
    ("anonymous please", ("Yes, anonymously", "")), ("anonymously", ("Yes, anonymously", "")),
    ("keep it anonymous", ("Yes, anonymously", "")),
    ("don't use my name", ("Yes, anonymously", "")),
    ("no name please", ("Yes, anonymously", "")),
    ("I'd rather it was anonymous", ("Yes, anonymously", "")),
    ("with my name", ("No, with my name", "")), ("not anonymous", ("No, with my name", "")),
    ("you can use my name", ("No, with my name", "")),
    ("it doesn't need to be anonymous", ("No, with my name", "")),
    ("keep it anonymous, they would know it was us",
     ("Yes, anonymously", "they would know it was us")),
    ("no, don't use my name", True), ("yes, with my name", True),
    ("yes please", False), ("we are tiny so anonymous please", False),
])
def test_how_to_send_said_in_words(text: str, expected: tuple[str, str] | bool) -> None:
    """``sending_said``: True where which is meant is asked; False where it says neither."""
    assert forms.sending_said(ANONYMOUS, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("never mind", True), ("Nevermind.", True), ("forget it", True), ("oh never mind", True),
    ("ok forget it then", True), ("never mind, cancel it", False), ("no, never mind", False),
    ("we can forget it", False), ("never mind i will do it later", False), ("cancel", False),
])
def test_never_mind_alone(text: str, expected: bool) -> None:
    """``asks_to_stop``: "Cancel this ... form?" is asked for these alone."""
    assert forms.asks_to_stop(text) is expected


RATING = FormField(name="rating", label="How well are we working together on this?",
                   hint="1 is poor, 5 is very good.", choices=RATINGS)


@pytest.mark.parametrize(("text", "expected"), [
    ("what is 1 and what is 5?", True), ("what does 3 mean", True),
    ("is 5 good or bad?", True), ("What's 1?", True), ("which is best?", True),
    ("is 1 high or low", True), ("what do the numbers mean?", True),
    ("is 5 the best or 1?", True), ("sorry, what does 5 mean?", True),
    ("which way round is it?", True), ("does 1 mean poor?", True), ("1 is good?", True),
    ("1 = good?", True), ("5 = very good", False),
    ("4", False), ("it's a 4", False), ("3 or 4", False), ("5 is good", False),
    ("what is the portal?", False), ("is 5 days enough?", False),
    ("what does PB-2026-000001 mean", False), ("4, they pay late", False),
    ("what is standstill?", False),
])
def test_a_question_about_the_rating_scale(text: str, expected: bool) -> None:
    """``asks_about_the_scale``: the scale is explained and the rating asked again."""
    assert forms.asks_about_the_scale(text) is expected


@pytest.mark.parametrize(("question", "expected"), [
    (RATING, "1 is poor and 5 is very good; 2 to 4 are in between"),
    (FormField(name="q.overall", label="Overall?", choices=RATINGS,
               hint="1 = very poor ... 5 = very good"),
     "1 is very poor and 5 is very good; 2 to 4 are in between"),
    (FormField(name="q", label="How was it? (1 very poor, 5 very good)", choices=RATINGS),
     "1 is very poor and 5 is very good; 2 to 4 are in between"),
    (FormField(name="q", label="How was it?", choices=("1", "2", "3")),
     "1 is the lowest and 3 the highest; 2 is in between"),
    (FormField(name="q", label="How was it?", hint="1 is poor and 5 is excellent",
               choices=RATINGS), "1 is poor and 5 is excellent; 2 to 4 are in between"),
])
def test_the_scale_in_the_forms_own_words(question: FormField, expected: str) -> None:
    """``scale_explained``: what the ends mean, from the question's hint (else its label)."""
    assert forms.scale_explained(question) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("how do I cancel?", True), ("how do i stop this", True),
    ("How can I cancel this form?", True),
    ("how to cancel", True), ("can I cancel?", True), ("how do we get out of this", True),
    ("so how do I cancel it then?", True), ("is there a way to cancel?", True),
    ("cancel", False), ("how do I cancel an invoice?", False),
    ("how do I stop the council paying late?", False), ("how do I raise a conflict?", False),
])
def test_a_question_about_how_to_cancel(text: str, expected: bool) -> None:
    """``asks_how_to_cancel``: told how (/cancel), and the same step shown again."""
    assert forms.asks_how_to_cancel(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ok", True), ("Fine.", True), ("it's fine", True), ("okay thanks", True),
    ("all good", True), ("fine", True),
    ("the portal logs us out", False), ("brilliant", False), ("not good enough", False),
    ("fine until October, then late every month", False), ("ok but slow to pay", False),
])
def test_words_that_say_little_as_a_whole_account(text: str, expected: bool) -> None:
    """``says_little``: at the person's own account, a bit more is asked for once."""
    assert forms.says_little(text) is expected


def test_bad_input_keeps_its_message_and_names_the_field() -> None:
    assert (str(BadInput("plain")), BadInput("plain").field) == ("plain", None)
    error = BadInput("too late", field="due_on")
    assert (str(error), error.field) == ("too late", "due_on")


# -- asking field by field ---------------------------------------------------------------------
def test_the_first_question_carries_choices_cancel_and_the_whole_form(
    router: Router, factory: sessionmaker[Session]
) -> None:
    [reply] = _say(router, "/order")
    row = _session(factory)
    assert row is not None
    assert reply.text == FIRST_QUESTION
    assert reply.buttons == (
        Button(label="Red", action="form.answer", value=f"{row.id}:0:0"),
        Button(label="Green", action="form.answer", value=f"{row.id}:0:1"),
        Button(label="Blue", action="form.answer", value=f"{row.id}:0:2"),
        Button(label="Cancel", action="form.cancel", value=str(row.id)),
    )
    assert reply.form == ORDER
    assert (row.form_id, row.values, row.position, row.started_at) == ("order", {}, 0, FIXED_NOW)


def test_a_full_walk_by_text_submits_once_and_deletes_the_session(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router)
    [second] = _say(router, "green")
    assert second.text == SECOND_QUESTION
    assert second.form is None
    assert [b.label for b in second.buttons] == ["Cancel"]
    [third] = _say(router, "pb-42")
    assert third.text == THIRD_QUESTION
    assert [b.label for b in third.buttons] == ["Skip", "Cancel"]
    assert _text(router, "Leave it at the door") == ["Ordered Green for PB-42."]
    assert orders.submitted == [
        {"colour": "Green", "reference": "PB-42", "note": "Leave it at the door"}]
    assert count_rows(factory, FormSession) == 0
    assert _audits(factory) == 1


def test_a_choice_by_button_press(router: Router, factory: sessionmaker[Session]) -> None:
    [first] = _say(router, "/order")
    assert [r.text for r in _press(router, _button(first, "Blue"))] == [SECOND_QUESTION]
    assert _progress(factory) == ({"colour": "Blue"}, 1)


RED = {"colour": "Red"}


@pytest.mark.parametrize(("said", "answer", "replies", "progress"), [
    pytest.param(["/order"], "2", [SECOND_QUESTION], ({"colour": "Green"}, 1),
                 id="a-choice-by-typed-number"),
    pytest.param(["/order"], " \u200b ", ["This question needs an answer.\n\n" + FIRST_QUESTION],
                 ({}, 0), id="an-empty-answer-re-asks"),
    pytest.param(["/order", "red"], "skip",
                 ["This question needs an answer, so it can't be skipped.\n\n" + SECOND_QUESTION],
                 (RED, 1), id="a-required-field-cannot-be-skipped"),
    pytest.param(["/order", "red"], "42",
                 ["A reference starts with PB-, like PB-123.\n\n" + SECOND_QUESTION], (RED, 1),
                 id="a-validator-refusal"),
    pytest.param(["/order", "red"], "PB-" + "9" * 30,
                 ["This question takes only a short answer (up to 20 characters), not a "
                  "paragraph.\n\n" + SECOND_QUESTION], (RED, 1),
                 id="longer-than-the-field-allows"),
    # Initial answers on the command line are checked, and not asked again (nor counted in
    # "question N of M": session 21).
    pytest.param([], "/order pb-5", [FIRST_QUESTION.replace("1 of 3", "1 of 2")],
                 ({"reference": "PB-5", "_given": "reference", "_opened_by": "order pb-5"},
                  0),
                 id="initial-answers-are-kept"),
    pytest.param(["/order pb-5"], "red", [THIRD_QUESTION.replace("3 of 3", "2 of 2")],
                 ({**RED, "reference": "PB-5", "_given": "reference",
                   "_opened_by": "order pb-5"}, 2),
                 id="initial-answers-are-not-asked-again"),
    pytest.param(["/order 55"], "red", [SECOND_QUESTION],
                 ({**RED, "_opened_by": "order 55"}, 1),
                 id="a-refused-initial-answer-is-asked-with-its-problem"),
])
def test_a_typed_answer_is_kept_or_its_question_asked_again(
    router: Router, factory: sessionmaker[Session], said: list[str], answer: str,
    replies: list[str], progress: tuple[dict[str, str], int]
) -> None:
    for text in said:
        _say(router, text)
    assert _text(router, answer) == replies
    assert _progress(factory) == progress


def test_an_invalid_choice_re_asks_and_stores_nothing(
    router: Router, factory: sessionmaker[Session], clock: Clock
) -> None:
    _order(router)
    before = _state(factory)
    clock.now = FIXED_NOW + timedelta(minutes=5)
    [reply] = _say(router, "purple")
    assert reply.text == ("Please choose one of: Red, Green, Blue (or type its number).\n\n"
                          + FIRST_QUESTION)
    assert [b.label for b in reply.buttons] == ["Red", "Green", "Blue", "Cancel"]
    assert _state(factory) == before
    row = _session(factory)
    assert row is not None
    assert row.updated_at == FIXED_NOW


def test_an_optional_field_skipped_by_button(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router, "red")
    [third] = _say(router, "PB-1")
    assert [r.text for r in _press(router, _button(third, "Skip"))] == ["Ordered Red for PB-1."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1"}]
    assert count_rows(factory, FormSession) == 0


def test_an_optional_field_skipped_by_typing_skip(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router, "red", "PB-1")
    assert _text(router, "SKIP") == ["Ordered Red for PB-1."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1"}]


@pytest.mark.parametrize("word", ["no", "None", "nope", "n/a", "no thanks"])
def test_a_no_at_an_optional_question_skips_it(
    router: Router, orders: Orders, word: str
) -> None:
    # Session 30's trial: "no" at an optional question was small talk's "I wasn't waiting for
    # a yes or no", beside "You still have a form open".
    _order(router, "red", "PB-1")
    assert _text(router, word) == ["Ordered Red for PB-1."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1"}]


@pytest.mark.parametrize("word", ["none thanks", "No thanks.", "nothing", "nothing, thanks",
                                  "nope", "N/A", "n/a thank you"])
def test_a_decline_with_thanks_at_an_optional_question_skips_it_as_skip_does(
    router: Router, factory: sessionmaker[Session], orders: Orders, word: str
) -> None:
    # Session 32's brief: "none thanks" at "Which pledge commitment does it touch?" was
    # refused as no pledge number, where the Skip button left it out.
    _order(router, "red", "PB-1")
    assert _text(router, word) == ["Ordered Red for PB-1."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1"}]
    assert count_rows(factory, FormSession) == 0


WHY = Form(form_id="why", title="Test reason", fields=(
    FormField(name="reason", label="Why?", hint="A few words."),
    FormField(name="extra", label="Anything else?", required=False),
))
WHY_QUESTION = ("Test reason — question 1 of 2\nWhy?\nA few words.\n"
                "Type your answer; /cancel stops without sending anything.")


@pytest.mark.parametrize("word", ["none", "none thanks", "nothing", "n/a", "no thanks"])
def test_a_decline_at_a_required_question_is_refused_saying_it_needs_an_answer(
    router: Router, factory: sessionmaker[Session], word: str
) -> None:
    # Session 32's brief: "nothing" at a question that must be answered was kept as its answer.
    reasons: list[dict[str, str]] = []

    def submit(incoming: Incoming, ctx: Context) -> list[Reply]:
        reasons.append(dict(incoming.form_values))
        return [Reply(text="Thanks.")]

    def command(incoming: Incoming, ctx: Context) -> list[Reply]:
        return forms.start(ctx, "why")

    router.form("why", submit, form=WHY)
    router.command("why", command, summary="a reason")
    _say(router, "/why")
    assert _text(router, word) == [
        "This question needs an answer, so it can't be skipped.\n\n" + WHY_QUESTION]
    assert reasons == []
    assert _text(router, "the van broke down") == [
        "Test reason — question 2 of 2\nAnything else?\n"
        "Type your answer, or skip it; /cancel stops without sending anything."]
    assert _text(router, "none thanks") == ["Thanks."]
    assert reasons == [{"reason": "the van broke down"}]


def test_a_yes_refused_at_a_question_gets_only_the_question_again(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router, "red")
    before = _state(factory)
    assert _text(router, "yes") == [
        "A reference starts with PB-, like PB-123.\n\n" + SECOND_QUESTION]
    assert _state(factory) == before


def test_a_100000_character_answer_is_refused_and_nothing_changes(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router, "red")
    before = _state(factory)
    assert _text(router, "x" * 100_000) == [
        "That message is too long for me (100,000 characters; the limit is 4,000). "
        "Please send a shorter version. Nothing was saved."]
    assert _state(factory) == before


def test_the_handler_refusing_a_field_re_asks_it_and_rolls_back_its_writes(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router, "red", "PB-TAKEN")
    woken: list[list[str]] = []
    router.on_notified.append(lambda notes: woken.append([n.idempotency_key for n in notes]))
    [reply] = _say(router, "ring twice")
    assert reply.text == ("PB-TAKEN is already used: please give another reference.\n\n"
                          + SECOND_QUESTION)
    assert (_audits(factory), count_rows(factory, OutboxMessage), woken) == (0, 0, [])
    assert orders.submitted == []
    assert _progress(factory) == ({"colour": "Red", "note": "ring twice"}, 1)
    # The note is kept, so the new reference completes the form.
    assert _text(router, "PB-7") == ["Ordered Red for PB-7."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-7", "note": "ring twice"}]
    assert (_audits(factory), count_rows(factory, OutboxMessage),
            count_rows(factory, FormSession)) == (1, 1, 0)
    assert woken == [["order:PB-7"]]


def test_the_handler_refusing_without_a_field_closes_the_form(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    # Not about one answer (say, the case changed meanwhile): asking again would only repeat
    # the refusal, so the form is closed and nothing is sent.
    _order(router, "red", "PB-1")
    assert _text(router, "blame nobody") == [
        "Something about the whole order is wrong.\n\nCancelled: nothing was sent."]
    assert (count_rows(factory, FormSession), _audits(factory), orders.submitted) == (0, 0, [])


# -- cancelling, replacing, starting with answers ----------------------------------------------
def test_cancel_mid_form_deletes_the_session_and_sends_nothing(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router, "red")
    assert _text(router, "/cancel") == ["Cancelled: nothing was sent."]
    assert (count_rows(factory, FormSession), orders.submitted, _audits(factory)) == (0, [], 0)
    assert _text(router, "PB-1")[0].startswith("I don't know the answer to that")


def test_the_cancel_button(router: Router, factory: sessionmaker[Session]) -> None:
    [first] = _say(router, "/order")
    assert [r.text for r in _press(router, _button(first, "Cancel"))] == [
        "Cancelled: nothing was sent."]
    assert count_rows(factory, FormSession) == 0


def test_cancel_with_nothing_open(router: Router, factory: sessionmaker[Session]) -> None:
    assert _text(router, "/cancel") == ["There is nothing to cancel."]


def test_help_lists_cancel_last(router: Router) -> None:
    [help_text] = _text(router, "/help")
    assert help_text.index("/help - what I can do") < help_text.index("/cancel - stop filling")
    assert help_text.index("/order [REFERENCE]") < help_text.index("/cancel")


def test_starting_again_replaces_the_unfinished_form(
    router: Router, factory: sessionmaker[Session]
) -> None:
    [first] = _say(router, "/order")
    _say(router, "red")
    [again] = _say(router, "/order")
    assert again.text == "Starting your Test order again from the first question.\n\n" + (
        FIRST_QUESTION)
    row = _session(factory)
    assert row is not None
    assert (row.values, row.position, count_rows(factory, FormSession)) == ({}, 0, 1)
    assert [r.text for r in _press(router, _button(first, "Blue"))] == [STALE]
    assert [r.text for r in _press(router, _button(first, "Cancel"))] == [STALE]


def test_a_form_with_every_answer_given_is_submitted_at_once(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    def quick(incoming: Incoming, ctx: Context) -> list[Reply]:
        return forms.start(ctx, "order", initial={"colour": "blue", "reference": "pb-9",
                                                  "note": ""})

    router.command("quick", quick, summary="order at once")
    _say(router, "/quick")
    # An empty answer counts as not given: the optional note is still asked.
    assert _text(router, "skip") == ["Ordered Blue for PB-9."]
    quick_all = {"colour": "blue", "reference": "pb-9", "note": "now"}
    router.command("quickall", lambda i, c: forms.start(c, "order", initial=quick_all),
                   summary="order now")
    assert _text(router, "/quickall") == ["Ordered Blue for PB-9."]
    assert orders.submitted == [{"colour": "Blue", "reference": "PB-9"},
                                {"colour": "Blue", "reference": "PB-9", "note": "now"}]
    assert count_rows(factory, FormSession) == 0


def test_starting_an_unregistered_form_is_a_bug_and_changes_nothing(
    router: Router, factory: sessionmaker[Session]
) -> None:
    router.command("broken", lambda i, c: forms.start(c, "nope"), summary="broken")
    [reply] = _text(router, "/broken")
    assert reply.startswith("Sorry, something went wrong on my side and nothing was changed.")
    assert count_rows(factory, FormSession) == 0


# -- surviving restarts, expiry, upgrades ------------------------------------------------------
def test_a_restart_resumes_the_form(
    router: Router, factory: sessionmaker[Session], settings: Settings, clock: Clock
) -> None:
    _order(router, "green")
    restarted_orders = Orders()
    restarted = _make_router(factory, settings, restarted_orders, clock)
    assert _text(restarted, "PB-3") == [THIRD_QUESTION]
    assert _text(restarted, "skip") == ["Ordered Green for PB-3."]
    assert restarted_orders.submitted == [{"colour": "Green", "reference": "PB-3"}]
    assert (_audits(factory), count_rows(factory, FormSession)) == (1, 0)


def test_an_abandoned_form_is_put_aside_and_the_message_handled_normally(
    router: Router, factory: sessionmaker[Session], orders: Orders, clock: Clock
) -> None:
    _order(router, "green")
    clock.now = FIXED_NOW + timedelta(hours=25)
    [reply] = _text(router, "PB-3")
    assert reply.startswith(
        "Your unfinished Test order was put aside after 24 hours without an answer; "
        "nothing was sent.\n\nI don't know the answer to that")
    assert (count_rows(factory, FormSession), orders.submitted, _audits(factory)) == (0, [], 0)


def test_a_form_answered_within_the_expiry_is_kept(
    router: Router, factory: sessionmaker[Session], clock: Clock
) -> None:
    _order(router)
    clock.now = FIXED_NOW + timedelta(hours=23)
    _say(router, "green")
    clock.now = FIXED_NOW + timedelta(hours=46)  # 23 hours after the last answer
    assert _text(router, "PB-3") == [THIRD_QUESTION]


def test_purge_expired_deletes_only_old_sessions(
    router: Router, factory: sessionmaker[Session], clock: Clock
) -> None:
    make_provider(factory, ALEX)
    _order(router)
    clock.now = FIXED_NOW + timedelta(hours=20)
    _say(router, "/order", sender=ALEX)
    purged = forms.purge_expired(factory, now=FIXED_NOW + timedelta(hours=30),
                                 keep=timedelta(hours=24))
    assert purged == 1
    with factory() as session:
        [kept] = session.scalars(select(FormSession)).all()
    assert kept.updated_at == FIXED_NOW + timedelta(hours=20)


def test_a_form_whose_handler_is_gone_is_put_aside(
    router: Router, factory: sessionmaker[Session], settings: Settings, clock: Clock
) -> None:
    _order(router)
    upgraded = build_router(factory, settings, make_templates(), clock=clock)
    [reply] = _text(upgraded, "green")
    assert reply == ("The form you were filling in is no longer available (pledgebot was "
                     "updated), so I've put it aside; nothing was sent. Type /help to see what "
                     "I can do.")
    assert count_rows(factory, FormSession) == 0


# -- buttons that do not match -----------------------------------------------------------------
@pytest.mark.parametrize("forge", [
    lambda row: Button(label="x", action="form.answer", value=f"{row.id + 1}:1:0"),
    lambda row: Button(label="x", action="form.answer", value=f"{row.id}:0:0"),  # old position
    lambda row: Button(label="x", action="form.answer", value=f"{row.id}:1:9"),
    lambda row: Button(label="x", action="form.answer", value="garbage"),
    lambda row: Button(label="x", action="form.skip", value=f"{row.id}:1"),  # required field
    lambda row: Button(label="x", action="form.skip", value=f"{row.id}:0"),
    lambda row: Button(label="x", action="form.cancel", value=f"{row.id + 1}"),
    lambda row: Button(label="x", action="form.cancel", value=""),
])
def test_stale_or_forged_buttons_change_nothing(
    router: Router, factory: sessionmaker[Session], forge: Callable[[FormSession], Button]
) -> None:
    _order(router, "red")
    before = _state(factory)
    row = _session(factory)
    assert row is not None
    assert [r.text for r in _press(router, forge(row))] == [STALE]
    assert _state(factory) == before


def test_another_persons_buttons_do_nothing_to_their_form(
    router: Router, factory: sessionmaker[Session]
) -> None:
    make_provider(factory, ALEX)
    [first] = _say(router, "/order")
    before = _state(factory)
    assert [r.text for r in _press(router, _button(first, "Red"), sender=ALEX)] == [STALE]
    assert [r.text for r in _press(router, _button(first, "Cancel"), sender=ALEX)] == [STALE]
    assert _state(factory) == before


# -- other commands mid-form -------------------------------------------------------------------
def test_another_command_mid_form_runs_and_the_form_completes_afterwards(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router, "red")
    [whoami] = _text(router, "/whoami")
    assert whoami.startswith("You are Sam")
    assert whoami.endswith(
        "\n\n(You're still filling in Test order: question 2 of 3, \"Your reference?\". "
        "Answer it, or /cancel.)")
    assert _text(router, "PB-8") == [THIRD_QUESTION]
    assert _text(router, "skip") == ["Ordered Red for PB-8."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-8"}]


def test_an_unknown_command_mid_form_keeps_the_form(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router)
    assert _text(router, "/frobnicate") == [
        "I don't know the command /frobnicate. Type /help to see what I can do."]
    assert count_rows(factory, FormSession) == 1


# -- forms submitted whole (modals) ------------------------------------------------------------
def _submit(router: Router, values: dict[str, str], form_id: str = "order") -> list[str]:
    incoming = Incoming(channel=Channel.CONSOLE, conversation="test", sender=SAM,
                        form_id=form_id, form_values=MappingProxyType(values),
                        received_at=FIXED_NOW)
    return [reply.text for reply in router.handle(incoming)]


def test_a_valid_whole_form_runs_the_handler_once(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    assert _submit(router, {"colour": "green", "reference": " pb-1\x07 ", "extra": "x"}) == [
        "Ordered Green for PB-1."]
    assert orders.submitted == [{"colour": "Green", "reference": "PB-1"}]
    assert _audits(factory) == 1


def test_a_decline_in_a_whole_forms_optional_field_leaves_it_out(
    router: Router, orders: Orders
) -> None:
    # As "none thanks" typed at the question in a chat does (session 32's brief).
    assert _submit(router, {"colour": "red", "reference": "PB-1", "note": "None, thanks"}) == [
        "Ordered Red for PB-1."]
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1"}]


def test_a_whole_form_closes_the_same_form_open_field_by_field(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    _order(router)
    _submit(router, {"colour": "Red", "reference": "PB-1", "note": "hi"})
    assert orders.submitted == [{"colour": "Red", "reference": "PB-1", "note": "hi"}]
    assert count_rows(factory, FormSession) == 0


@pytest.mark.parametrize(("values", "expected"), [
    ({"colour": "Red"}, 'Please check "Your reference?": This question needs an answer.\n'
                        "Nothing was sent."),
    ({"colour": "Purple", "reference": "PB-1"},
     'Please check "Which colour?": Please choose one of: Red, Green, Blue (or type its '
     "number).\nNothing was sent."),
    ({"colour": "Red", "reference": "77"},
     'Please check "Your reference?": A reference starts with PB-, like PB-123.\n'
     "Nothing was sent."),
    ({"colour": "Red", "reference": "PB-1", "note": "n" * 2001},
     'Please check "Anything else?": That answer is 2,001 characters long; the limit for '
     "this question is 2,000. Please send a shorter answer.\nNothing was sent."),
])
def test_a_bad_whole_form_names_the_field_and_calls_nothing(
    router: Router, factory: sessionmaker[Session], orders: Orders,
    values: dict[str, str], expected: str,
) -> None:
    assert _submit(router, values) == [expected]
    assert (orders.submitted, _audits(factory)) == ([], 0)


def test_a_whole_form_the_handler_refuses_changes_nothing(
    router: Router, factory: sessionmaker[Session], orders: Orders
) -> None:
    assert _submit(router, {"colour": "Red", "reference": "PB-TAKEN"}) == [
        "PB-TAKEN is already used: please give another reference."]
    assert (orders.submitted, _audits(factory)) == ([], 0)


# -- the console -------------------------------------------------------------------------------
def test_the_console_numbers_the_choices_and_hides_the_outline(
    router: Router, factory: sessionmaker[Session]
) -> None:
    from bot.channels.console.adapter import to_incoming
    from bot.channels.console.renderer import render_replies

    replies = _say(router, "/order")
    assert render_replies(replies) == (
        FIRST_QUESTION + "\n[1] Red   [2] Green   [3] Blue   [Cancel]")
    buttons = tuple(button for reply in replies for button in reply.buttons)
    typed = to_incoming("2\n", sender=SAM, received_at=FIXED_NOW, buttons=buttons)
    assert isinstance(typed, Incoming)
    assert [r.text for r in router.handle(typed)] == [SECOND_QUESTION]
    assert _progress(factory) == ({"colour": "Green"}, 1)


def test_the_console_shows_the_outline_of_a_form_without_buttons() -> None:
    from bot.channels.console.renderer import render_replies

    assert render_replies([Reply(text="Fill this in", form=ORDER)]) == (
        "Fill this in\n(Test order: Which colour?, Your reference?, Anything else?)")


# -- words that are not an answer --------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("how long is standstill?", True),
    ("what about TUPE?", True),
    ("how long is standstill", True),
    ("can we pay less", True),
    ("What's pledge 29", True),
    ("do we have to pay the living wage to carers", True),
    ("PB-123?", False),
    ("3?", False),
    ("Red", False),
    ("what?", False),
    ("how long", False),
    ("6, 29", False),
    ("the carer was late", False),
    ("", False),
])
def test_reads_as_question(text: str, expected: bool) -> None:
    assert forms.reads_as_question(text) is expected


OPEN_AT_COLOUR = ('You still have a form open (Test order): answer question 1 of 3 '
                  '("Which colour?"), or type /cancel to stop it.')


def test_a_question_typed_at_a_choice_is_not_an_answer_and_the_form_is_named(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router)
    before = _state(factory)
    reply, still_open = _say(router, "how long is the standstill period?")
    # The question goes where free text goes (the knowledge base, absent here: "I don't
    # know"), and the form is named after it, with its buttons; nothing is stored in it.
    assert reply.text.startswith("I don't know the answer to that")
    assert still_open.text == OPEN_AT_COLOUR
    assert [b.label for b in still_open.buttons] == ["Red", "Green", "Blue", "Cancel"]
    assert _state(factory) == before
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Question)) == 1
    assert _text(router, "red") == [SECOND_QUESTION]


def test_a_question_a_validator_refuses_is_not_an_answer(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router, "red")
    reply, still_open = _say(router, "what is my reference")
    assert still_open.text.endswith('answer question 2 of 3 ("Your reference?"), or type '
                                    "/cancel to stop it.")
    assert "A reference starts with PB-" not in reply.text + still_open.text


def test_a_question_a_free_text_field_accepts_is_its_answer(
    router: Router, orders: Orders
) -> None:
    _order(router, "red", "PB-7")
    assert _text(router, "could you ring the bell twice?") == ["Ordered Red for PB-7."]
    assert orders.submitted[0]["note"] == "could you ring the bell twice?"


def test_a_concern_typed_into_a_form_is_not_also_refused_for_its_length(
    router: Router, factory: sessionmaker[Session]
) -> None:
    _order(router, "red")
    before = _state(factory)
    words = "a carer hit a resident and there are bruises on her arm"
    guidance, line = _text(router, words)  # longer than the 20 the reference allows
    assert guidance.startswith("This sounds like a safeguarding concern.")
    # Not kept as the answer (the hub's alone); after the concern, one short line (session 43's
    # trial: three sentences and the question again, right after an urgent concern).
    assert line == ("Your test order form is on hold: answer its question when you're ready, "
                    "or /cancel.")
    assert "characters long" not in guidance + line
    assert _state(factory) == before
    # Still waiting at its question: the next words are its answer.
    assert _text(router, "PB-7") == [THIRD_QUESTION]


# -- a form checked before it is sent (Form.confirm) ------------------------------------------
CHECKED = Form(form_id="checked-order", title="Test order", fields=ORDER.fields, confirm=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_change_keeps_an_answer_left_out_or_given_and_an_empty_message_keeps_it_too(
        router: Router, orders: Orders) -> None:
    router.form("checked-order", orders.submit, form=CHECKED,
                validators={"reference": _reference})
    [first] = _start_checked(router, initial={"reference": "pb-7"})
    assert first.text.startswith("Test order — question 1 of 2\nWhich colour?")
    _press(router, _button(first, "Green"))
    [summary] = _text(router, "skip")
    assert summary == (
        "Before I send your test order, please check it:\n- Which colour? Green\n"
        "- Your reference? PB-7\n- Anything else? (left out)\n\n"
        "Send it, change an answer, or cancel (then nothing is sent)?")
    assert orders.submitted == []
    [which] = _say(router, "change")
    assert which.text == (
        "Which answer would you like to change?\n1. Which colour? Green\n"
        "2. Your reference? PB-7\n3. Anything else? (left out)\n\n"
        "Type its number, or \"back\" to leave them as they are; /cancel stops without "
        "sending anything.")
    # The reference given when the form was started can be changed too; kept, the answers
    # are shown again.
    [reference] = _say(router, "2")
    assert 'Your reference?\nLike PB-123.\nYour answer: "PB-7"' in reference.text
    assert _text(router, "keep") == [summary]
    _say(router, "change")
    [note] = _say(router, "Anything else?")
    assert note.text.endswith("Anything else?\nYou left this one out.\nType a new answer, skip "
                              "it, or keep it; /cancel stops without sending anything.")
    assert [b.label for b in note.buttons] == ["Keep", "Skip", "Cancel"]
    assert _press(router, _button(reference, "Keep"))[0].text == STALE  # moved on since
    [again] = _say(router, "Gift wrapped")
    assert again.text == summary.replace("(left out)", "Gift wrapped")
    assert _text(router, "Send") == ["Ordered Green for PB-7."]
    assert orders.submitted == [{"colour": "Green", "reference": "PB-7", "note": "Gift wrapped"}]


def _start_checked(router: Router, *, initial: dict[str, str]) -> list[Reply]:
    """Open the checked order form for Sam with ``initial`` answers, as a command would."""
    def command(incoming: Incoming, ctx: Context) -> list[Reply]:
        return forms.start(ctx, "checked-order", initial=initial)
    router.command("checked", command, summary="a checked order")
    return _say(router, "/checked")


PROSE_WHY = Form(form_id="prose-why", title="Test reason", fields=(
    FormField(name="reason", label="Why?", prose=True, reason=True),
))
PROSE_SAY = Form(form_id="prose-say", title="Test comment", fields=(
    FormField(name="reason", label="Anything to add?", prose=True),
))


@pytest.mark.parametrize(("form", "word", "refused"), [
    # Session 35's review: an acknowledgement or a greeting at a question asking for a reason
    # was kept as its answer ("marked not applicable (thanks)").
    *((PROSE_WHY, word, f"A few words, please: “{word}” doesn't answer this question.")
      for word in ("thanks", "hello", "cheers", "great", "ok", "hi there", "thank you")),
    # At any other question answered in words it is the answer (58c0488's review: "sounds
    # good" was refused as a comment, "brilliant" as feedback).
    *((PROSE_SAY, word, None) for word in ("thanks", "great", "ok", "sounds good", "noted",
                                            "brilliant", "perfect", "ack")),
    # A bare yes or no is refused at both (session 30).
    *((form, word, "This question needs a few words, not just a yes or no.")
      for word in ("yes", "no") for form in (PROSE_WHY, PROSE_SAY)),
])
def test_small_talk_is_refused_only_where_a_reason_is_asked_for(
    router: Router, factory: sessionmaker[Session], form: Form, word: str, refused: str | None
) -> None:
    reasons: list[dict[str, str]] = []

    def submit(incoming: Incoming, ctx: Context) -> list[Reply]:
        reasons.append(dict(incoming.form_values))
        return [Reply(text="Thanks.")]

    def command(incoming: Incoming, ctx: Context) -> list[Reply]:
        return forms.start(ctx, form.form_id)

    router.form(form.form_id, submit, form=form)
    router.command("prosewhy", command, summary="a reason")
    _say(router, "/prosewhy")
    if refused is None:
        assert _text(router, word) == ["Thanks."]
        assert reasons == [{"reason": word}]
        return
    [reply] = _text(router, word)
    assert reply.startswith(f"{refused}\n\n{form.title}\n{form.fields[0].label}"), reply
    assert reasons == []
    assert _text(router, "the van broke down") == ["Thanks."]
    assert reasons == [{"reason": "the van broke down"}]


@pytest.mark.parametrize(("text", "expected"), [
    ("yes but only just", "Yes"),
    ("no, we were not given enough time", "No"),
    # Session 35's review of 02c5e15: a choice then another is neither.
    ("yes and no, the pricing was rushed", None),
    ("yes or no", None),
    ("no and yes, it depends", None),
    ("yes/no", None),
    ("yes / no, hard to say", None),
    ("yes, and no one helped", "Yes"),
])
def test_leading_choice_then_another_is_no_choice(text: str, expected: str | None) -> None:
    assert forms.leading_choice(("Yes", "No"), text) == expected


# -- a statement at a choice question, kept for the form's account (FormField.story) ----------
STORY = Form(form_id="story-order", title="Test order", fields=(
    FormField(name="colour", label="Which colour?", choices=("Red", "Green", "Blue")),
    FormField(name="account", label="What went wrong?", max_length=60, prose=True, story=True),
), confirm=True)


def _story_router(factory: sessionmaker[Session], settings: Settings, orders: Orders,
                  clock: Clock, form: Form = STORY) -> Router:
    router = _make_router(factory, settings, orders, clock)
    router.form(form.form_id, orders.submit, form=form)
    router.command("story", lambda incoming, ctx: forms.start(ctx, form.form_id),
                   summary="tell a story")
    return router


def test_a_statement_at_a_choice_question_is_kept_for_the_later_account(
        factory: sessionmaker[Session], settings: Settings, orders: Orders,
        clock: Clock) -> None:
    make_provider(factory, SAM)
    router = _story_router(factory, settings, orders, clock)
    _say(router, "/story")
    [kept] = _say(router, "the parcel came two weeks late")
    assert kept.text == (
        "I've kept what you wrote as your answer to \"What went wrong?\", so you won't need "
        "to type it again.\n\nTest order\nWhich colour?\n"
        "Choose one; /cancel stops without sending anything.")
    assert [button.label for button in kept.buttons] == ["Red", "Green", "Blue", "Cancel"]
    [summary] = _say(router, "red")
    assert "- What went wrong? the parcel came two weeks late" in summary.text
    assert orders.submitted == []  # nothing is sent before Send


def test_a_statement_over_the_accounts_limit_is_said_too_long_and_not_kept(
        factory: sessionmaker[Session], settings: Settings, orders: Orders,
        clock: Clock) -> None:
    make_provider(factory, SAM)
    router = _story_router(factory, settings, orders, clock)
    _say(router, "/story")
    words = "the parcel came two weeks late and the invoice showed the wrong price"
    [refused] = _say(router, words)
    assert refused.text == (
        f"That is {len(words)} characters long, too long to keep as your answer to \"What "
        "went wrong?\" (the limit is 60), so I haven't kept it.\n\nTest order — question 1 "
        "of 2\nWhich colour?\nChoose one; /cancel stops without sending anything.")
    row = _session(factory)
    assert row is not None
    assert "account" not in row.values


def test_a_statement_that_would_take_the_account_over_its_limit_is_not_added(
        factory: sessionmaker[Session], settings: Settings, orders: Orders,
        clock: Clock) -> None:
    make_provider(factory, SAM)
    router = _story_router(factory, settings, orders, clock)
    _say(router, "/story")
    _say(router, "the parcel came two weeks late")
    [refused] = _say(router, "and the invoice showed the wrong price")
    assert refused.text.startswith(  # joined as sentences, with a stop (session 40)
        "With that, your answer to \"What went wrong?\" would be 70 characters long (the "
        "limit is 60), so I haven't added it.\n\nTest order\nWhich colour?")
    row = _session(factory)
    assert row is not None
    assert row.values["account"] == "the parcel came two weeks late"


def test_a_statement_is_not_kept_by_a_form_sent_without_its_summary(
        factory: sessionmaker[Session], settings: Settings, orders: Orders,
        clock: Clock) -> None:
    # Kept words are shown before anything is sent: a form without Form.confirm would send
    # them unseen, so it keeps none.
    make_provider(factory, SAM)
    unchecked = Form(form_id="story-order", title="Test order", fields=STORY.fields)
    router = _story_router(factory, settings, orders, clock, unchecked)
    _say(router, "/story")
    replies = _text(router, "the parcel came two weeks late")
    assert not any("I've kept" in text for text in replies)
    row = _session(factory)
    assert row is not None
    assert "account" not in row.values


@pytest.mark.parametrize("text", [
    "I'd like to know when the parcel will come",
    "not sure which one, maybe the blue or red",
])
def test_a_question_or_a_hesitation_at_a_choice_question_is_not_kept(
        factory: sessionmaker[Session], settings: Settings, orders: Orders, clock: Clock,
        text: str) -> None:
    make_provider(factory, SAM)
    router = _story_router(factory, settings, orders, clock)
    _say(router, "/story")
    replies = _text(router, text)
    assert not any("I've kept" in said for said in replies)
    row = _session(factory)
    assert row is not None
    assert "account" not in row.values


@pytest.mark.parametrize(("text", "states"), [
    ("the council has not paid 3 invoices for 2 months", True),
    ("ok so the council cut our rate without asking", True),
    ("we were not given enough time to bid", True),
    ("how do I claim interest on late invoices", False),
    ("can the council pay invoices late?", False),
    ("please tell me about late payment of invoices", False),
    ("ok so how long is the standstill period", False),
    ("I'd like to know how long standstill lasts", False),
    ("not sure which one, maybe about payments", False),
    ("paid late again", False),
    # Session 39's review: words about the form or the talk, and an outcome, are no account.
    ("cancel this form i do not need it", False),
    ("thank you very much for your help", False),
    ("yes please that would be great", False),
    ("this is the wrong form sorry", False),
    ("i would rather not give my name to the council here", False),
    ("show me my open cases please", False),
    ("we would like them to pay us within a fortnight", False),
    ("I should have used feedback not this form", False),
    ("the new portal keeps logging us out every morning", True),
    ("they say our purchase order numbers are wrong", True),
    ("our fees have been cut twice this year", True),
])
def test_a_statement_is_told_from_a_question(
        router: Router, text: str, states: bool) -> None:
    assert forms.states_something(text, router) is states


@pytest.mark.parametrize(("text", "named"), [
    ("it is about the payment", ("Red", "")),
    ("its about red for our parcel", ("Red", "for our parcel")),
    ("the green one please", ("Green", "please")),
    ("Blue - the parcel came two weeks late", ("Blue", "the parcel came two weeks late")),
    ("blue: it came late", ("Blue", "it came late")),
    ("2 the parcel came late", ("Green", "the parcel came late")),
    ("2 parcels came late", None),
    ("the parcel came two weeks late", None),
    ("it is about the new red parcel", None),
])
def test_a_choice_named_in_other_words(text: str, named: tuple[str, str] | None) -> None:
    choices = ("Red", "Green", "Blue") if "payment" not in text else ("Payment", "Other")
    expected = ("Payment", "") if "payment" in text else named
    assert forms.named_choice(choices, text) == expected


def test_words_after_a_no_at_a_yes_or_no_question_not_about_anonymity_are_added_to_the_account(
        factory: sessionmaker[Session], settings: Settings, orders: Orders,
        clock: Clock) -> None:
    # Session 40's review: only "Send it anonymously?" keeps nothing of the words after its
    # yes or no; at another yes/no question they are more of the account, as before.
    make_provider(factory, SAM)
    asked = Form(form_id="story-order", title="Test order", fields=(
        *STORY.fields,
        FormField(name="again", label="Has it happened before?", choices=("Yes", "No"))),
        confirm=True)
    router = _story_router(factory, settings, orders, clock, asked)
    _say(router, "/story")
    _say(router, "red")
    _say(router, "the parcel came late")
    [summary] = _say(router, "no - our invoices are also late")
    assert summary.text.startswith(
        "I've added \u201cour invoices are also late\u201d to your answer to \u201cWhat went "
        "wrong?\u201d."), summary.text
    assert "- What went wrong? the parcel came late. Our invoices are also late" in summary.text
    assert "- Has it happened before? No" in summary.text


# Every word of the forms' stop and cancel word sets, and some beside them: whether each is a
# cancel typed alone at a question, "never mind" alone ("Cancel this ... form?" asked), a
# cancel at the summary, and a cancel at a question (session 42: the sets, which overlapped,
# were merged into one source; this table was written from the code before and held after).
@pytest.mark.parametrize(("text", "alone", "stop_asked", "at_summary", "at_question"), [
    ('abort', True, False, True, False),
    ('bin it', False, False, True, False),
    ('cancel', True, False, True, True),
    ('cancel all of it', False, False, True, True),
    ('cancel everything', False, False, True, True),
    ('cancel it', True, False, True, True),
    ('cancel it all', False, False, True, True),
    ('cancel my feedback', False, False, True, True),
    ('cancel my form', False, False, True, True),
    ('cancel that', True, False, True, True),
    ('cancel the disagreement', False, False, True, True),
    ('cancel the feedback', False, False, True, True),
    ('cancel the form', False, False, True, True),
    ('cancel the lot', False, False, True, True),
    ('cancel the whole thing', False, False, True, True),
    ('cancel this', True, False, True, True),
    ('cancel this disagreement', False, False, True, True),
    ('cancel this feedback', False, False, True, True),
    ('cancel this form', False, False, True, True),
    ('delete it', False, False, True, False),
    ('exit', True, False, True, False),
    ('forget about it', False, True, True, False),
    ('forget it', False, True, True, False),
    ('forget that', False, True, True, False),
    ('forget the whole thing', False, False, True, False),
    ('forget this', False, True, True, False),
    ('never mind', True, True, True, False),
    ('nevermind', True, True, True, False),
    ('quit', True, False, True, False),
    ('scrap it', False, False, True, False),
    ('scrap that', False, True, True, False),
    ('scrap this', False, False, True, False),
    ('stop', True, False, True, False),
    ('stop it', True, False, True, False),
    ('oh never mind', False, True, True, False),
    ('ok forget it then', False, True, True, False),
    ('never mind, cancel it', False, False, True, True),
    ('stop, cancel', False, False, True, True),
    ('no, never mind', False, False, True, False),
    ('please cancel it', False, False, True, True),
    ("don't cancel", False, False, False, False),
    ('cancel this feedback please', False, False, True, True),
    ('stop it now', False, False, True, False),
    ('forget it, cancel the form', False, False, True, False),
    ('scrap it please', False, False, True, False),
    ('cancel the form please', False, False, True, True),
    ('we can forget it', False, False, True, False),
    ('stop cutting our fees', False, False, False, False),
    ('cancel please', False, False, True, True),
    ('never mind i will do it later', False, False, False, False),
    # Putting the form off in other words, the whole answer (a reviewer's console run, session
    # 42): asked as "never mind" is; never a cancel at once. "scrap that" was (..., False,
    # True, False) before: now asked at a question too.
    ('leave it', False, True, False, False),
    ('not now', False, True, False, False),
    ("don't bother", False, True, False, False),
    ("I'll do it later", False, True, False, False),
    ("i don't want to do this any more", False, True, False, False),
    ('ok not now', False, True, False, False),
    ('the council should leave it to providers', False, False, False, False),
    ('not now but soon we will need more placements', False, False, False, False),
    ('no thanks', False, False, False, False),
])
def test_the_stop_and_cancel_words(text: str, alone: bool, stop_asked: bool, at_summary: bool,
                                   at_question: bool) -> None:
    said = " ".join(forms._WORD.findall(text.casefold()))
    assert (said in forms._CANCEL_WORDS, forms.asks_to_stop(text), forms.cancels(text),
            forms.cancels(text, question=True)) == (alone, stop_asked, at_summary, at_question)


@pytest.mark.parametrize(("text", "expected"), [
    ("placements", "Placement review"), ("care packages", "Care package and funding"),
    ("procurement processes", "Procurement process"), ("payments", "Payment"),
    ("placement reviews", "Placement review"), ("contracts", "Contract"),
    ("processes", "Procurement process"), ("packages", "Care package and funding"),
    ("others", "Other"), ("care", "Care package and funding"), ("reviews", "Placement review"),
])
def test_a_choice_in_the_plural(text: str, expected: str | None) -> None:
    choices = ("Payment", "Placement review", "Care package and funding", "Procurement process",
               "Contract", "Other")
    assert forms.match_choice(choices, text) == expected


RATED = FormField(name="rating", label="How well?", hint="1 is poor, 5 is very good.",
                  choices=("1", "2", "3", "4", "5"))


@pytest.mark.parametrize(("text", "expected"), [
    ("poor", "1"), ("Very good", "5"), ("good", "4"), ("fair", None), ("ok", None),
    ("average", None), ("excellent", "5"), ("very poor", "1"), ("it's good", "4"),
    ("pretty good thanks", "4"), ("good question", None),
    ("not good", None), ("poor communication", None), ("4", None),
])
def test_a_rating_in_the_scales_words(text: str, expected: str | None) -> None:
    assert forms.scale_rating(RATED, text) == expected
    unlabelled = FormField(name="rating", label="How well?", choices=("1", "2", "3", "4", "5"))
    assert forms.scale_rating(unlabelled, text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("what can I ask for", True), ("what can I ask for?", True), ("what should i put here", True),
    ("what do you mean", True), ("what we can ask for is payment within 30 days", False),
    ("what can we ask for when they pay late every month", False),
    ("why hasn't the council paid", False),
])
def test_a_question_about_the_question(text: str, expected: bool) -> None:
    assert forms.asks_about_the_question(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the council ignores our emails", True), ("they never answer the phone", True),
    ("The council never answers the phone.", True), ("they don't answer our emails at all", True),
    ("the council ignores our emails about RC-101's bruises", False),
    ("they never answer the door", False), ("she never answers the phone", False),
    ("they never answer the phone and she is on her own", False),
    ("RC-101 never answers the phone", False),
])
def test_the_councils_conduct_alone(text: str, expected: bool) -> None:
    assert forms.councils_conduct(text) is expected


# Session 46: a meeting missed, and "never replied to", are the council's conduct too; a care
# "call" (a visit) missed never is.
@pytest.mark.parametrize(("text", "expected"), [
    ("they missed the meeting", True), ("also they missed the meeting", True),
    ("they also missed the meeting", True), ("the council cancelled the contract meeting again",
                                             True),
    ("they never replied to my email", True),
    ("they missed the call", False), ("the carer missed the meeting", False),
    ("they missed the meeting and she was left alone", False),
])
def test_the_councils_conduct_of_meetings_and_replies(text: str, expected: bool) -> None:
    assert forms.councils_conduct(text) is expected


# Typed at a summary: more of the account (its words to add), and whether it is the form's own
# (not to send yet, or more of the council's conduct only), which the safeguarding middleware
# leaves to the form.
@pytest.mark.parametrize(("text", "more", "holds"), [
    ("also they missed the meeting", "also they missed the meeting", True),
    ("and they never replied to my email", "they never replied to my email", True),
    ("p.s. the invoice was wrong too", "the invoice was wrong too", False),
    ("one more thing: they cancelled the review twice", "they cancelled the review twice", False),
    ("also the carer hit her", "also the carer hit her", False),
    ("p.s. the carer slapped her", "the carer slapped her", False),
    ("no don't send it yet", None, True),
    ("the council pays late", None, False),
    ("psychiatrist visit missed", None, False),
    # session 46's review: a wait opened as more is told is the form's wait (said not to send),
    # passed to the form unread; more told with harm in it never is
    ("oh wait don't send it", "wait don't send it", True),
    ("oh no wait", "no wait", True),
    ("and no don't send it", "no don't send it", True),
    ("oh and please don't send it yet", "please don't send it yet", True),
    ("and no the carer hit her", "no the carer hit her", False),
    ("oh wait the carer slapped her", "wait the carer slapped her", False),
])
def test_more_told_at_a_summary(text: str, more: str | None, holds: bool) -> None:
    assert (forms.more_told(text), forms.holds_it(text)) == (more, holds)


@pytest.mark.parametrize(("text", "expected"), [
    ("who do I complain to?", True), ("can I escalate this?", True),
    ("who should we speak to about this?", True),
    ("can we complain about them not paying for 3 months?", None),
    ("the council has not paid us for 3 weeks, is that allowed?", False),
    ("how long do we have to wait for our money?", None),
    # without its "?" (session 46's review): whom, or the process named, is the question; a
    # request with "go", "talk" and the like is an outcome wanted, and a story stays one
    ("who do i complain to", True), ("can I escalate this", True),
    ("who can I escalate this to", True), ("where do we send this", True),
    ("can we take this further", True),
    ("can we go back to the old rate", False),
    ("can we talk to the head of commissioning", False),
    ("can we escalate this, they haven't paid us since june", False),
    ("who knows, they just stopped paying in june", False),
])
def test_whom_to_take_it_to_is_a_question_for_me(text: str, expected: bool | None) -> None:
    assert forms.asks_for_information(text) is expected
