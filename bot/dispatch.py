"""The Router: runs each Incoming through the middleware chain to the handler registered for it.

Matching is separate from handling: ``clean_text``, ``parse_command`` and ``typed_words`` are
pure functions and the registry lookup changes nothing. ``Router.handle`` opens one database
transaction per message (so its changes and the notifications it queues commit together, or not
at all) and runs one ordered chain inside it:

1. de-duplication: a message whose ``(channel, message_id)`` was handled before gets no reply
   and changes nothing (platforms redeliver: Slack retries, an IMAP fetch after a crash);
2. identity: the sender is resolved to an active ``Person`` through ``ChannelIdentity`` (an
   unknown sender is told how to be added, after the checks registered for strangers: one who
   describes harm still gets the emergency guidance);
3. the middleware the features registered (``Registry.use``), in order: the safeguarding check
   on every piece of typed text is one;
4. the handler: a button, a whole form, an answer to an open form, a command, or free text.
   Free text goes to the first registered free-text route whose matcher takes it (the
   features register a safeguarding how-to question, small talk and a bare number, in that
   order), else to the catch-all (the knowledge base); but one of the features' button labels
   (``Registry.labels``), typed when that button is not on offer, is told so instead.
   While a form is open, words its question refuses that read as a question or that such a
   route takes are not an answer: they are handled as free text and the form is named
   (``bot.forms.answer``).

Every error becomes a short, kind reply: no traceback ever reaches a person. The Router
registers the form engine's own ``/cancel`` command and ``form.*`` buttons and its purge job
itself, so the features never need to know about them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import difflib
import functools
import logging
import re
import unicodedata
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Generic
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy import BindParameter, Select, bindparam, delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot import forms
from bot.config import Settings
from bot.db import dialect_of, execute_dml, insert_for, transaction, utcnow
from bot.errors import BadInput, NotAllowed
from bot.messages import Button, Incoming, Notification, Reply
from bot.models import (
    Channel,
    ChannelIdentity,
    FormSession,
    OfferedButtons,
    OutboxMessage,
    OutboxStatus,
    Person,
    ProcessedMessage,
)
from bot.registry import (
    COMMAND_RUN,
    OFFER_SHOWN,
    ONLY_IF_ANSWERED,
    REPLY_MEANT,
    WORDS_ANSWERED,
    Context,
    D,
    Middleware,
    Next,
    Registry,
    said_label,
)
from bot.templates import render
from bot.values import frozen

# A message over the length limit is read for a concern up to this many characters.
MAX_READ_WHEN_TOO_LONG = 100_000
log = logging.getLogger(__name__)

# Control characters other than tab and newline have no business in a chat message: C0, DEL
# and C1 (U+0080-U+009F, which some terminals obey as escape sequences), zero-width marks, line
# and paragraph separators, and every bidi embedding, override and isolate (U+202A-U+202E,
# U+2066-U+2069), which would make another person's screen show words in a false order.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_COMMAND = re.compile(r"^/([A-Za-z][A-Za-z0-9_-]{0,31})(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$", re.S)
# Words longer than this are never a button's label typed.
MAX_LABEL_TYPED = 80
# Words a form refused, this many or more, that do not read as a question, are still offered to
# the catch-all, which answers them only when it knows the answer (``ONLY_IF_ANSWERED``).
MIN_ASIDE_WORDS = 3
# Handled message ids are kept this long: longer than any platform retries a delivery.
KEEP_HANDLED = timedelta(days=7)
DEDUP_PURGE_JOB_ID = "messages.forget-handled"
FORMS_JOB_ID = "forms.purge-expired"


@frozen
class CommandMatch:
    """A command line split into its name (lower case) and the rest."""

    name: str
    args: str


# Full-width letters, digits and signs (an East Asian keyboard's "what is a PQQ" typed in
# full-width forms, an ideographic space): read as their plain forms (session 22's review:
# "Type your question in words").
_WIDE = re.compile(r"[\u3000\uff01-\uff5e\uff61-\uffef]+")


# A dash other than "-" joining two letters or digits (a non-breaking hyphen from a phone or a
# word processor, an en dash, a minus sign): a hyphen, as references are written (session 34's
# brief: "RC\u2011110" was "not a placement reference I can use"). A dash with spaces round it
# is punctuation and is left alone.
_DASH = re.compile(r"(?<=\w)[\u2010-\u2015\u2212\ufe58\ufe63](?=\w)")
# Spaces that are not the space bar's (no-break, narrow no-break, thin, figure): a space, so
# every reader splits and matches words as typed with one.
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")


def clean_text(text: str) -> str:
    """Drop control characters, normalise line ends, full-width forms, dashes inside a word and
    odd spaces, trim surrounding space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _WIDE.sub(lambda found: unicodedata.normalize("NFKC", found.group(0)), text)
    text = _ODD_SPACE.sub(" ", _DASH.sub("-", text))
    return _CONTROL.sub("", text).strip()


def parse_command(text: str) -> CommandMatch | None:
    """Match ``/name args`` (also Telegram's ``/name@bot``); None for anything else."""
    found = _COMMAND.match(text)
    if found is None:
        return None
    return CommandMatch(name=found.group(1).lower(), args=(found.group(2) or "").strip())


def nearest_word(word: str, known: Iterable[str]) -> str | None:
    """The one of ``known`` that ``word`` is most likely a slip for ("remiders" for
    "reminders", "recieved" for "received"), or None: what an unknown command, and a command's
    unknown subcommand, are answered with ("Did you mean ...?")."""
    near = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.75)
    return near[0] if near else None


def typed_words(incoming: Incoming, registry: Registry) -> str:
    """Everything the person typed in this message, for checks that read all of it.

    A line of text; a command's words after its name (of a command registered with
    ``free_text``, those it gives: its slots set aside); for a form submitted whole, every
    free-text answer (a choice such as "Payment" is the form's words, not theirs, and a
    ``FormField.slot`` such as a reference or a day tells of nobody); nothing for a button
    press.
    """
    if incoming.action is not None:
        return ""
    if incoming.form_id is not None:
        route = registry.forms.get(incoming.form_id)
        chosen = ({question.name for question in route.form.fields
                   if question.choices or question.slot}
                  if route is not None and route.form is not None else set())
        return "\n".join(str(value).strip() for name, value in incoming.form_values.items()
                         if name not in chosen and str(value).strip())
    command = parse_command(incoming.text)
    if command is None:
        return incoming.text
    route = registry.commands.get(command.name)
    if route is not None and route.free_text is not None:
        return route.free_text(command.args)
    return command.args


class Router(Registry, Generic[D]):
    """The registry of commands, buttons, forms, middleware and jobs, and what runs them."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        templates: Environment,
        *,
        deps: D,
        clock: Callable[[], datetime] = utcnow,
        verified_only: Iterable[Channel] = (),
    ) -> None:
        """Create a router with only the runtime's own routes; the features' ``register``
        fill the rest. ``deps`` is handed to every handler as ``Context.deps``; a sender on a
        channel in ``verified_only`` is known only by a verified identity (e-mail, whose From:
        line anyone can type: ``bot.channels.verified_only_channels``)."""
        super().__init__()
        self.factory = factory
        self.settings = settings
        self.templates = templates
        self.deps = deps
        self.clock = clock
        self.verified_only = frozenset(verified_only)
        # The sender's query, built once (per message only its two values are bound): building
        # and hashing a fresh statement cost more than running it (bench/README.md).
        self._senders = _sender_query(verified=False)
        self._verified_senders = _sender_query(verified=True)
        self.on_notified: list[Callable[[Iterable[Notification]], None]] = []
        # The form engine's own controls, so the features need not know about them.
        self.command("cancel", forms.cancel, summary="stop filling in a form; nothing is sent")
        self.built_in.add("cancel")
        self.button(forms.ANSWER, forms.press_answer)
        self.button(forms.SKIP, forms.press_skip)
        self.button(forms.CANCEL, forms.cancel)
        self.button(forms.SEND, forms.press_send)
        self.button(forms.CHANGE, forms.press_change)
        self.button(forms.KEEP, forms.press_keep)
        self.button(forms.PICK, forms.press_pick)
        self.button(forms.ADD, forms.press_add)
        self.button(forms.WHICH, self._press_which)
        self.button(forms.STOP, forms.press_stop)
        self.button(forms.RESUME, forms.press_resume)
        # "[1]" typed as the console shows a button's number, when no buttons are shown.
        self.labels(pattern=r"\[\s*\d{1,2}\s*\]", hint="number")
        keep_forms = timedelta(hours=settings.form_expiry_hours)
        self.job(FORMS_JOB_ID, lambda now: forms.purge_expired(factory, now=now, keep=keep_forms),
                 every_seconds=3600)
        self.job(DEDUP_PURGE_JOB_ID, lambda now: forget_handled(factory, now=now),
                 daily_at=(3, 41))

    # -- handling -----------------------------------------------------------------------------
    def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message; never raises for anything a person can send."""
        replies, notifications = self._answer(incoming)
        self._announce(notifications)
        return replies

    async def handle_async(self, incoming: Incoming) -> list[Reply]:
        """``handle`` with the database work in a worker thread, so the loop never waits on it.

        Listeners hear about queued notifications back on the event loop, after the reply is
        ready, so a channel shows the sender's reply before anything the outbox delivers.
        """
        replies, notifications = await asyncio.to_thread(self._answer, incoming)
        self._announce(notifications)
        return replies

    def _announce(self, notifications: list[Notification]) -> None:
        if notifications:
            for listener in self.on_notified:
                listener(notifications)

    def _answer(self, incoming: Incoming) -> tuple[list[Reply], list[Notification]]:
        text = clean_text(incoming.text)
        limit = self.settings.max_message_chars
        if len(text) > limit and not any(
                check(text[:MAX_READ_WHEN_TOO_LONG]) for check in self.too_long_checks):
            return [self._reply("too_long.txt", length=len(text), limit=limit)], []
        reference = uuid.uuid4().hex[:8]
        try:
            return self._handle(_with_text(incoming, text))
        except (BadInput, NotAllowed) as error:
            # Refused: the message's transaction rolled back, so what was on offer before it
            # would stay pressable by a "yes" typed next (session 33's review: "/placement lst"
            # refused, then "yes" recorded a review asked about two messages earlier).
            self._nothing_on_offer(incoming)
            return [Reply(text=str(error))], []
        except Exception as error:
            # One line in the log; the traceback only when debugging, so none reaches a console.
            log.error(
                "handling a %s message failed (ref %s): %s: %s",
                incoming.channel.value, reference, type(error).__name__, error,
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            reply = self._reply(
                "error.txt", help_contact=self.settings.help_contact, reference=reference
            )
            return [reply], []

    def _nothing_on_offer(self, incoming: Incoming) -> None:
        """After a refusal, the sender has nothing on offer (as after any reply without
        buttons); never fails the reply."""
        try:
            with transaction(self.factory) as session:
                person, _form_open, offer = self._resolve(session, incoming)
                if person is not None and offer is not None and offer.buttons:
                    _keep_offered(session, person, incoming.channel, [Reply(text="")], [],
                                  now=self.clock())
        except Exception as error:  # the refusal is still said
            log.warning("could not clear the buttons on offer: %s: %s",
                        type(error).__name__, error)

    def _handle(self, incoming: Incoming) -> tuple[list[Reply], list[Notification]]:
        now = self.clock()
        with transaction(self.factory) as session:
            if not first_time(session, incoming, now=now):
                log.info("%s message %s handled before; ignored", incoming.channel.value,
                         incoming.message_id)
                return [], []
            person, form_open, offer = self._resolve(session, incoming)
            if person is None:
                unknown = self._reply(
                    "unknown_sender.txt",
                    help_contact=self.settings.help_contact,
                    channel=incoming.channel.value,
                )
                first = [reply for check in self.stranger_checks
                         for reply in check(incoming, session, now)]
                return [*first, unknown], []
            context: Context[D] = Context(
                session=session,
                person=person,
                settings=self.settings,
                templates=self.templates,
                registry=self,
                now=now,
                deps=self.deps,
                incoming=incoming,
                form_open=form_open,
            )
            context.marks[OFFER_SHOWN] = list(offer.buttons) if offer is not None else []
            # BadInput and NotAllowed propagate out of the transaction, which rolls it back.
            def dispatch(incoming: Incoming, context: Context[Any]) -> list[Reply]:
                return self._dispatch(incoming, context, offer)

            replies = _chain(self.middleware, dispatch)(incoming, context)
            held = self._still_asked(incoming, offer, replies, now=now)
            _keep_offered(session, person, incoming.channel, replies, held, now=now,
                          asking=self.asking_buttons,
                          which=bool(context.marks.get(WHICH_ASKED)))
        return replies, context.notifications

    def _dispatch(self, incoming: Incoming, context: Context[Any],
                  offer: OfferedButtons | None = None) -> list[Reply]:
        # A form left too long, or whose handler is gone, is put aside before anything else.
        pending = forms.check_in(context)
        if pending.session is None:
            waiting = self._questions_waiting(incoming, context, offer)
            if waiting:
                return self._which_question(incoming, context, waiting, offer)
        pressed = self._typed_button(incoming, context, offer)
        if pressed is not None:
            incoming = dataclasses.replace(incoming, text="", action=pressed.action,
                                           action_value=pressed.value)
        replies = self._route(incoming, incoming.text, context, pending)
        return forms.with_note(replies, pending.note)

    def _typed_button(self, incoming: Incoming, context: Context[Any],
                      offer: OfferedButtons | None) -> Button | None:
        """The one button on offer whose label ``incoming``'s words are, typed as on the
        console (session 33's brief: on Slack and Telegram such a label was "That button isn't
        on offer now"); None for anything else.

        On offer: the buttons of the last replies to the person on this channel
        (``OfferedButtons``), or of the last message the outbox sent them there when it came
        after those (only read for a registered label: ``Registry.labels``). Never a form's
        own buttons, whose words the form engine reads itself.
        """
        text = incoming.text
        if (incoming.action is not None or incoming.form_id is not None or not text
                or text.startswith("/") or len(text) > MAX_LABEL_TYPED):
            return None
        said = self.label_meant(text)
        shown = ([Button(**_button(button)) for button in offer.buttons
                  if not button.get(HELD)] if offer is not None else [])
        if self.label_typed(text) is not None:
            # A notification with buttons (a new case's Acknowledge) sent since those replies.
            query = (select(OutboxMessage.payload).where(
                OutboxMessage.person_id == context.person.id,
                OutboxMessage.channel == incoming.channel,
                OutboxMessage.status == OutboxStatus.SENT)
                .order_by(OutboxMessage.sent_at.desc(), OutboxMessage.id.desc()).limit(1))
            if offer is not None:
                query = query.where(OutboxMessage.sent_at > offer.offered_at)
            payload = context.session.scalars(query).first()
            if payload is not None and payload.get("buttons"):
                shown = [Button(label=str(button.get("label", "")),
                                action=str(button.get("action", "")),
                                value=str(button.get("value", "")))
                         for button in payload["buttons"]]
        named = [button for button in shown
                 if button.action not in forms.ACTIONS and said_label(button.label) == said]
        if not named:
            # A yes or no ("yes please", "y", "no thanks") for a question's "Yes, ..." / "No"
            # buttons, or the words after its yes or no ("replace it" for "Yes, replace it"),
            # as a form's yes/no question reads them (session 33's second trial: "yes" at
            # "Replace it with ...?" was "I wasn't waiting for a yes or no").
            answer = forms.yes_or_no(text)
            named = [button for button in shown if button.action not in forms.ACTIONS and (
                (answer is not None and yes_no_label(button.label) == answer)
                or _after_yes_or_no(button.label) == said)]
        return named[0] if len(named) == 1 else None

    # -- a yes/no question still waiting after another command ----------------------------------
    def _still_asked(self, incoming: Incoming, offer: OfferedButtons | None,
                     replies: list[Reply], *, now: datetime) -> list[dict[str, str]]:
        """The buttons of each yes/no question the person was asked and has not answered
        (their entries carry ``ASKED``), kept beside the offer of a command's replies (session
        33's trial: "Did it happen?", then /reminders, then "No" was "I wasn't waiting for a
        yes or no"), even one that asks a question of its own with buttons (session 34's
        trial: a second "/placement new" hid the first one's question), and beside a button
        pressed for another of them. Only the same local day; words of their own, any other
        button, or a reply that asks without buttons ("Did you mean /reminders?") leave none
        held. A question shown again in ``replies`` is on offer there, not held."""
        if offer is None or incoming.form_id is not None:
            return []
        if incoming.action is not None:
            answered = [button.get(ASKED) for button in offer.buttons
                        if button.get(ASKED) and button.get("action") == incoming.action
                        and button.get("value") == incoming.action_value]
            if not answered or incoming.action in forms.ACTIONS:
                return []
        elif (not incoming.text.startswith("/")
              or any("?" in reply.text and not reply.buttons for reply in replies)):
            return []
        else:
            answered = []
        shown = {(button.action, button.value) for reply in replies for button in reply.buttons}
        zone = ZoneInfo(self.settings.timezone)
        held = []
        for button in offer.buttons:
            if (not button.get(ASKED) or button.get(ASKED) in answered
                    or (button.get("action"), button.get("value")) in shown):
                continue
            asked = str(button.get(HELD) or offer.offered_at.isoformat())
            if datetime.fromisoformat(asked).astimezone(zone).date() != now.astimezone(
                    zone).date():
                continue
            held.append({**_button(button), ASKED: str(button[ASKED]), HELD: asked})
        # In the order they were asked (of two asked at one time, the one held already first).
        return sorted(held, key=lambda entry: (datetime.fromisoformat(entry[HELD]),
                                               entry not in offer.buttons))

    @staticmethod
    def _told_since(context: Context[Any], incoming: Incoming,
                    offer: OfferedButtons | None) -> bool:
        """Whether the outbox sent the person a message on this channel after the last
        replies (session 33's review: a proposal with Accept and Reject arrived, and the
        "yes" meant for it answered an older question held)."""
        if offer is None:
            return False
        return context.session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.person_id == context.person.id,
            OutboxMessage.channel == incoming.channel,
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.sent_at > offer.offered_at).limit(1)).first() is not None

    @staticmethod
    def _told_after(context: Context[Any], incoming: Incoming, row: FormSession) -> bool:
        """Whether the newest message the outbox holds for the person came after their open
        form's question was last shown, and after every reply to them on this channel: it,
        not the form, is what they last saw."""
        offered = context.session.scalars(select(OfferedButtons.offered_at).where(
            OfferedButtons.person_id == context.person.id,
            OfferedButtons.channel == incoming.channel)).first()
        shown = max(row.updated_at, offered) if offered is not None else row.updated_at
        newest = context.session.scalars(select(OutboxMessage.created_at).where(
            OutboxMessage.person_id == context.person.id)
            .order_by(OutboxMessage.id.desc()).limit(1)).first()
        return newest is not None and newest > shown

    def _newer_on_a_case(self, incoming: Incoming, context: Context[Any],
                         row: FormSession) -> tuple[str, str] | None:
        """The case and first line of a message about a case the outbox holds for the person,
        newer than their open form's question (``_told_after``), when the words typed now
        could answer it (a sentence, no command); None otherwise (session 36's review: the
        answer to the council's question became a form's "What has happened?")."""
        if (len(incoming.text.split()) < MIN_ASIDE_WORDS
                or not self._told_after(context, incoming, row)):
            return None
        found = context.session.execute(select(OutboxMessage.kind, OutboxMessage.payload).where(
            OutboxMessage.person_id == context.person.id)
            .order_by(OutboxMessage.id.desc()).limit(1)).first()
        kind, newest = (found[0], found[1] or {}) if found is not None else ("", {})
        # Only a message that waits for their words: the council's question, or its comment
        # inviting a typed reply (session 37's brief: an acknowledgement asked it too).
        if kind not in ANSWER_AWAITED and not newest.get("reply"):
            return None
        reference, text = newest.get("case"), str(newest.get("text") or "")
        answers = " ".join(str(value) for value in row.values.values())
        if not reference or str(reference) in answers:  # the form is about that case
            return None
        lines = [line.strip().strip("\u201c\u201d\"") for line in text.strip().split("\n")]
        # "Tom Okafor asks about your case PB-...:" with its question on the next line.
        first = " ".join(lines[:2]) if lines[0].endswith(":") and len(lines) > 1 else lines[0]
        return str(reference), (first if len(first) <= 120 else first[:119].rstrip() + "…")

    def _press_which(self, incoming: Incoming, context: Context[Any]) -> list[Reply]:
        """"The message" or "The form" pressed under ``forms.WHICH``'s question: the words held
        go to the form's question, or are read as if no form were open (then the form named)."""
        found = forms.held_words(incoming, context)
        if found is None:
            return [self._reply("stale_button.txt")]
        row, held, reference = found
        typed = dataclasses.replace(incoming, text=held, action=None, action_value=None)
        if reference is None:
            return forms.answer(typed, context, row)
        context.marks[REPLY_MEANT] = reference
        replies = self._free_text(held, typed, context)
        named = forms.still_open(context, row)
        return [*replies, named] if named is not None else replies

    def _questions_waiting(self, incoming: Incoming, context: Context[Any],
                           offer: OfferedButtons | None) -> list[tuple[str, list[Button]]]:
        """The yes/no questions a bare yes or no typed (``forms.yes_or_no``) could be meant
        for, each with its buttons, when it must not simply press one: two or more are open
        (on offer or held), or the one open was asked before other replies (held). None when
        one question alone is on offer (the yes presses its button), or none is open.

        Session 34's trial: two "/placement new" each asked "Did it happen?", then
        /placement list and /reminders, then "yes" recorded RC-0102's review done."""
        if (offer is None or incoming.action is not None or incoming.form_id is not None
                or not any(button.get(ASKED) for button in offer.buttons)
                or forms.yes_or_no(incoming.text) is None):
            return []
        # Right after "which question is it for?", a yes or no typed may answer that, not the
        # question: it is shown again, never pressed (session 34's review: "no" after "Is your
        # "yes" for this question, asked earlier?" recorded the review as not held).
        which = any(button.get(WHICH) and not button.get(HELD) for button in offer.buttons)
        # A question just asked whose own text route reads a yes ("Is this about someone's
        # safety?") takes it, whatever older question is held (session 34's review).
        if not which and any(button.get("action") in self.asking_buttons
                             and not button.get(HELD) for button in offer.buttons):
            return []
        zone = ZoneInfo(self.settings.timezone)
        today = context.now.astimezone(zone).date()
        questions: dict[str, list[Button]] = {}
        since: dict[str, tuple[datetime, bool]] = {}
        held = False
        for button in offer.buttons:
            asked = button.get(ASKED)
            when = datetime.fromisoformat(str(button.get(HELD) or offer.offered_at.isoformat()))
            if not asked or when.astimezone(zone).date() != today:
                continue
            held = held or bool(button.get(HELD))
            questions.setdefault(str(asked), []).append(Button(**_button(button)))
            since.setdefault(str(asked), (when, not button.get(HELD)))
        if len(questions) < 2 and not (questions and held) and not which:
            return []
        # Read only when a held question would be asked about: not a query on every message.
        if held and not which and self._told_since(context, incoming, offer):
            return []
        # In the order they were asked (of two asked at one time, the one held first).
        return sorted(questions.items(), key=lambda question: since[question[0]])

    def _which_question(self, incoming: Incoming, context: Context[Any],
                        waiting: list[tuple[str, list[Button]]],
                        offer: OfferedButtons | None) -> list[Reply]:
        """Ask which question a bare yes or no is for: each waiting one again, with its
        buttons; nothing is pressed. Typed again right after (``offer`` shows them so), the
        person is asked to press the answer under it."""
        said = forms.yes_or_no(incoming.text)
        again = offer is not None and any(
            button.get(WHICH) and not button.get(HELD) for button in offer.buttons)
        context.marks[WHICH_ASKED] = True
        return [self._reply("which_question.txt", said=said, count=len(waiting), again=again),
                *(Reply(text=asked, buttons=tuple(buttons)) for asked, buttons in waiting)]

    def _route(
        self, incoming: Incoming, text: str, context: Context[Any], pending: forms.Pending
    ) -> list[Reply]:
        role = context.person.role
        if incoming.action is not None:
            route = self.buttons.get(incoming.action)
            if route is None or role not in route.roles:
                return [self._reply("stale_button.txt")]
            replies = route.handler(incoming, context)
            if incoming.action in forms.ACTIONS:
                return replies
            return forms.remind(context, pending, replies)
        if incoming.form_id is not None:
            route = self.forms.get(incoming.form_id)
            if route is None or role not in route.roles:
                return [self._reply("stale_button.txt")]
            values = {name: clean_text(str(value)) for name, value in incoming.form_values.items()}
            return forms.submit_whole(_with_values(incoming, values), context, route)
        command = parse_command(text) if text else None
        if command is None and pending.session is not None:
            row = pending.session
            typed = forms.which_typed(row, text)
            if typed is not None:  # "the message" typed for its button: pressed
                return self._press_which(dataclasses.replace(
                    incoming, action=forms.WHICH, action_value=typed), context)
            return forms.answer(incoming, context, row,
                                aside=lambda words: self._aside(words, incoming, context, row),
                                newer=lambda: self._newer_on_a_case(incoming, context, row),
                                routed=lambda words: self._routed(words, incoming, context, row))
        if command is None and pending.gone:
            # The words were meant for a form that no longer exists: the note says so.
            return []
        if not text:
            return [self._reply("empty.txt")]
        if command is not None:
            route = self.commands.get(command.name)
            if route is None:
                # "/remiders": the nearest command the person may use (session 21's review).
                near = nearest_word(command.name, [r.name for r in self.commands_for(role)])
                return [self._reply("unknown_command.txt", command=command.name, near=near)]
            if role not in route.roles:
                allowed = " and ".join(sorted(f"{r.value}s" for r in route.roles))
                return [self._reply("not_allowed.txt", command=command.name, roles=allowed)]
            context.args = command.args
            context.marks[COMMAND_RUN] = f"{command.name} {command.args}".strip()
            matched = (self.matched_text(command.args, incoming, context)
                       if route.reads_as_text and command.args else None)
            replies = route.handler(incoming, context) if matched is None else matched
            if command.name in self.built_in:
                return replies
            forms.close_done_by(context, pending, context.marks[COMMAND_RUN])
            return forms.remind(context, pending, replies)
        return self._free_text(text, incoming, context)

    # -- free text ----------------------------------------------------------------------------
    def _free_text(self, text: str, incoming: Incoming, context: Context[Any]) -> list[Reply]:
        """Free text: the first matched route, else the catch-all text handler."""
        matched = self.matched_text(text, incoming, context)
        if matched is not None:
            return matched
        if self.text_handler is None:
            return [self._reply("unknown_command.txt", command="")]
        return self.fallback(incoming, context)

    def _routed(self, text: str, incoming: Incoming, context: Context[Any],
                row: FormSession | None) -> list[Reply] | None:
        """Words sent while a form is open, as a feature's route takes them mid-form (a
        command in words), or as free text when a message sent since the form's question is
        the last thing shown (``_aside``); None when neither: the catch-all is not asked."""
        matched = self.matched_text(text, incoming, context, in_form=True)
        if matched is not None:
            return matched
        if (row is not None and len(text.split()) >= MIN_ASIDE_WORDS
                and not context.marks.get(WORDS_ANSWERED)
                and self._told_after(context, incoming, row)):
            return self._free_text(text, incoming, context)
        return None

    def _aside(self, text: str, incoming: Incoming, context: Context[Any],
               row: FormSession | None = None) -> list[Reply] | None:
        """Words sent while a form is open that its question refused: when they are not an
        answer at all (a question, or small talk a free-text route takes), their replies as
        free text; None when they were a failed answer (the form says what was wrong).

        Words of a sentence typed when a message sent to the person since the form's question
        is the last thing they were shown (``_told_after``) are read as if no form were open:
        every free-text route, then the catch-all (session 36's trial: the hub's URGENT
        question on a concern was answered an hour after a confirmation was left open, and
        the answer got "Please choose one of: Yes, accept it, No", nothing reaching the hub).
        """
        routed = self._routed(text, incoming, context, row)
        if routed is not None:
            return routed
        if self.text_handler is None:
            return None
        if forms.reads_as_question(text):
            return self.text_handler.handler(incoming, context)
        if len(text.split()) < MIN_ASIDE_WORDS:
            return None
        # A question typed badly ("hw lng is teh standstil perod" at a date question; session
        # 34's trial): answered aside only when the catch-all answers it outright.
        context.marks[ONLY_IF_ANSWERED] = True
        try:
            return self.text_handler.handler(incoming, context) or None
        finally:
            del context.marks[ONLY_IF_ANSWERED]

    def _resolve(self, session: Session, incoming: Incoming
                 ) -> tuple[Person | None, bool, OfferedButtons | None]:
        """The sender, whether they have a form open, and the buttons last shown to them on
        this channel (read in the same query, so the common message without a form costs no
        extra round trip).

        The address is compared as the channel adapter wrote it: each channel puts its own
        addresses in one canonical form (``Channel.canonical_address``).
        """
        # Anyone can type a From: line; on such a channel only addresses we verified may act.
        query = (self._verified_senders if incoming.channel in self.verified_only
                 else self._senders)
        found = session.execute(
            query, {"channel": incoming.channel, "address": incoming.sender}).first()
        if found is None:
            return None, False, None
        return found[0], found[1] is not None, found[2]

    def _reply(self, template: str, **data: Any) -> Reply:
        return Reply(text=render(self.templates, template, **data))


def _sender_query(*, verified: bool) -> Select[Person, int, OfferedButtons]:
    """``Router._resolve``'s query, with the channel and the address as bound parameters
    ``channel`` and ``address``; ``verified``: only verified identities count."""
    channel: BindParameter[Channel] = bindparam("channel")
    query = (
        select(Person, FormSession.id, OfferedButtons)
        .join(ChannelIdentity, ChannelIdentity.person_id == Person.id)
        .outerjoin(FormSession, FormSession.person_id == Person.id)
        .outerjoin(OfferedButtons, (OfferedButtons.person_id == Person.id)
                   & (OfferedButtons.channel == channel))
        .where(
            ChannelIdentity.channel == channel,
            ChannelIdentity.address == bindparam("address"),
            Person.active.is_(True),
        )
    )
    return query.where(ChannelIdentity.verified.is_(True)) if verified else query


# The two statements every message runs, built once per kind of database (a statement object
# carries its cache key, so the same one costs no construction or hashing when run again).
@functools.cache
def _first_time_insert(dialect: str) -> Any:
    """``INSERT INTO processed_message ... ON CONFLICT DO NOTHING RETURNING id`` (bound values
    ``key``, ``handled_at``)."""
    table = ProcessedMessage.__table__
    return (insert_for(dialect)(table).on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.id))


@functools.cache
def _offer_upsert(dialect: str) -> Any:
    """``INSERT INTO offered_buttons ... ON CONFLICT (person_id, channel) DO UPDATE`` (bound
    values ``person_id``, ``channel``, ``buttons``, ``offered_at``)."""
    statement = insert_for(dialect)(OfferedButtons.__table__)
    return statement.on_conflict_do_update(
        index_elements=["person_id", "channel"],
        set_={"buttons": statement.excluded.buttons,
              "offered_at": statement.excluded.offered_at})


def first_time(session: Session, incoming: Incoming, *, now: datetime) -> bool:
    """Record ``(channel, message_id)`` as handled, in the message's transaction; False when it
    was handled before. A message without an id (the console) is always new.

    Recorded in the same transaction as the handler's work: if that work fails and rolls back,
    the platform's redelivery is handled again rather than lost.
    """
    if not incoming.message_id:
        return True
    key = f"{incoming.channel.value}:{incoming.message_id}"[:255]
    # One row: a plain INSERT ... ON CONFLICT DO NOTHING RETURNING (both dialects have it).
    return session.execute(_first_time_insert(dialect_of(session)),
                           {"key": key, "handled_at": now}).first() is not None


def _keep_offered(session: Session, person: Person, channel: Channel, replies: list[Reply],
                  held: list[dict[str, str]], *, now: datetime,
                  asking: Collection[str] = (), which: bool = False) -> None:
    """Keep the buttons of ``replies`` as those on offer to ``person`` on ``channel``, in the
    message's transaction. Replies without buttons leave none on offer (as on the console),
    but are kept as shown then: a notification older than them is no longer the last thing
    the person saw (session 33's trial: "accept" typed after /cases resolved a case).
    ``asking``: actions whose button answers its question yes (``Registry.asks``); ``which``:
    the replies ask which question a yes or no was for (``Router._which_question``)."""
    if not replies:
        return
    shown = [{"label": button.label, "action": button.action, "value": button.value,
              **({ASKED: asked} if (asked := _question_of(reply, asking)) else {}),
              **({WHICH: "1"} if which else {})}
             for reply in replies for button in reply.buttons]
    shown += held  # a question still asked (``Router._still_asked``): not on offer, held
    # One row per person and channel, whichever of two messages at once writes it last.
    session.execute(_offer_upsert(dialect_of(session)),
                    {"person_id": person.id, "channel": channel, "buttons": shown,
                     "offered_at": now})


# The key of a held button's entry in ``OfferedButtons.buttons``: when its question was asked.
HELD = "held"
# The key of the entry of a yes/no question's button: the question's words, as it asked them.
ASKED = "asked"
# The kinds of message about a case that wait for the person's words (``_newer_on_a_case``):
# the council's question ("Ask for information"). A comment inviting a typed reply carries
# the command its reply gives (``Notification.reply_command``) and is read by that.
ANSWER_AWAITED = frozenset({"case.information_requested"})
# The key of the entry of a button shown again by "which question is it for?" (``WHICH_ASKED``).
WHICH = "which"
# ``Context.marks`` key: the replies ask which question a bare yes or no was for.
WHICH_ASKED = "dispatch.which_asked"
# A question's words kept with its buttons are at most this long (its end, where it asks).
MAX_ASKED = 400


def _question_of(reply: Reply, asking: Collection[str] = ()) -> str | None:
    """The words of the yes/no question ``reply`` asks, up to its first question mark (at most
    ``MAX_ASKED`` characters, the end kept), when one of its buttons answers it so ("Yes, done
    on ...", "No", or an action of ``asking``: "Raise a concern now"); else None (pure)."""
    if not any((yes_no_label(button.label) is not None or button.action in asking)
               and button.action not in forms.ACTIONS for button in reply.buttons):
        return None
    text = reply.text.strip()
    if "?" in text:
        text = text[:text.index("?") + 1]
    if len(text) > MAX_ASKED:
        text = "..." + text[-MAX_ASKED:].split(" ", 1)[-1]
    return text or None


def _button(entry: Mapping[str, Any]) -> dict[str, str]:
    """A kept button's label, action and value (without ``HELD``)."""
    return {name: str(entry.get(name, "")) for name in ("label", "action", "value")}


def yes_no_label(label: str) -> str | None:
    """"yes" or "no" when a button's label answers a question so ("Yes, done on ...", "No");
    else None (pure)."""
    said = said_label(label)
    for answer in ("yes", "no"):
        if said == answer or said.startswith((f"{answer},", f"{answer} ")):
            return answer
    return None


def _after_yes_or_no(label: str) -> str | None:
    """The words after a yes/no button label's yes or no ("replace it" for "Yes, replace
    it"), as ``said_label`` gives them; None for any other label (pure)."""
    if yes_no_label(label) is None:
        return None
    rest = said_label(label).split(None, 1)[1:]
    return said_label(rest[0]) if rest else None


def forget_handled(factory: sessionmaker[Session], *, now: datetime,
                   keep: timedelta = KEEP_HANDLED) -> int:
    """Delete the de-duplication records older than ``keep``; returns how many."""
    with transaction(factory) as session:
        result = execute_dml(
            session,
            delete(ProcessedMessage).where(ProcessedMessage.handled_at < now - keep)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)


def _chain(middleware: list[Middleware], last: Next) -> Next:
    """``middleware[0]`` calling ``middleware[1]`` ... calling ``last``."""
    call = last
    for step in reversed(middleware):
        call = _link(step, call)
    return call


def _link(step: Middleware, rest: Next) -> Next:
    def run(incoming: Incoming, context: Context[Any]) -> list[Reply]:
        return step(incoming, context, rest)
    return run


def _with_text(incoming: Incoming, text: str) -> Incoming:
    if incoming.text == text:
        return incoming
    fields = {name: getattr(incoming, name) for name in Incoming.__slots__}
    fields["text"] = text
    return Incoming(**fields)


def _with_values(incoming: Incoming, values: Mapping[str, str]) -> Incoming:
    fields = {name: getattr(incoming, name) for name in Incoming.__slots__}
    fields["form_values"] = MappingProxyType(dict(values))
    return Incoming(**fields)
