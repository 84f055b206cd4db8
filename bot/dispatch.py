"""The Router: matches an Incoming to the handler registered for it and runs it in one transaction.

Matching is separate from handling: ``clean_text`` and ``parse_command`` are pure functions and
the registry lookup changes nothing. ``Router.handle`` resolves the sender, runs the handler inside
one database transaction (so its changes and the notifications it queues commit together, or not
at all) and turns every error into a short, kind reply: no traceback ever reaches a person.

A person filling in a form field by field (``bot.forms``) has their free text taken as the answer
to the current question; the Router registers the form engine's own ``/cancel`` command and its
``form.*`` buttons itself, so ``handlers.register`` never needs to know about them.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import audit, forms, outbox
from bot.config import Settings
from bot.db import transaction, utcnow
from bot.errors import BadInput, NotAllowed
from bot.messages import Form, Incoming, Notification, Reply
from bot.models import Channel, ChannelIdentity, FormSession, Person, Role
from bot.templates import render
from knowledge.answers import Answerer
from scheduler.rules import WorkingCalendar

log = logging.getLogger(__name__)

ALL_ROLES = frozenset(Role)
# Control characters other than tab and newline have no business in a chat message.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\ufeff]")
_COMMAND = re.compile(r"^/([A-Za-z][A-Za-z0-9_-]{0,31})(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True, slots=True)
class CommandMatch:
    """A command line split into its name (lower case) and the rest."""

    name: str
    args: str


def clean_text(text: str) -> str:
    """Drop control characters, normalise line ends, trim surrounding space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def parse_command(text: str) -> CommandMatch | None:
    """Match ``/name args`` (also Telegram's ``/name@bot``); None for anything else."""
    found = _COMMAND.match(text)
    if found is None:
        return None
    return CommandMatch(name=found.group(1).lower(), args=(found.group(2) or "").strip())


@dataclass
class Context:
    """What a handler gets besides the message: its transaction, the person, and helpers."""

    session: Session
    person: Person
    settings: Settings
    templates: Environment
    router: Router
    now: datetime
    answerer: Answerer | None = None
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    args: str = ""
    notifications: list[Notification] = field(default_factory=list)
    incoming: Incoming | None = None
    # False when the Router saw no open form for the person (bot.forms skips its lookup).
    form_open: bool = True

    def render(self, template: str, /, **data: Any) -> str:
        """The words of one template."""
        return render(self.templates, template, **data)

    def notify(self, notification: Notification) -> bool:
        """Queue a message for someone else, in this transaction; False if already queued."""
        queued = outbox.enqueue(self.session, notification, now=self.now)
        if queued:
            self.notifications.append(notification)
        return queued

    def audit(self, action: str, *, subject: str | None = None, **detail: Any) -> None:
        """Record what happened, in this transaction."""
        audit.record(
            self.session, action, actor_id=self.person.id, subject=subject, at=self.now, **detail
        )


Handler = Callable[[Incoming, Context], list[Reply]]
# Takes a form field's trimmed answer; returns the value to store, or raises BadInput.
Validator = Callable[[str, Context], str]
# Commands the Router provides itself; /help lists them after the registered ones.
BUILT_IN_COMMANDS = frozenset({"cancel"})
_NO_VALIDATORS: Mapping[str, Validator] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Route:
    """One registered handler and who may use it (and, for a form, its questions and checks)."""

    name: str
    handler: Handler
    roles: frozenset[Role] = ALL_ROLES
    summary: str = ""
    usage: str = ""
    form: Form | None = None
    validators: Mapping[str, Validator] = field(default_factory=lambda: _NO_VALIDATORS)


class Router:
    """Holds the registry of commands, buttons, forms and the free-text handler, and runs them."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        templates: Environment,
        *,
        clock: Callable[[], datetime] = utcnow,
        answerer: Answerer | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> None:
        """Create an empty router; ``handlers.register(router)`` fills it."""
        self.answerer = answerer
        self.calendar = calendar or WorkingCalendar()
        self.factory = factory
        self.settings = settings
        self.templates = templates
        self.clock = clock
        self.commands: dict[str, Route] = {}
        self.buttons: dict[str, Route] = {}
        self.forms: dict[str, Route] = {}
        self.text_handler: Route | None = None
        # Read every word typed into a form (safeguarding); returns replies to send first.
        self.text_guard: Callable[[str, Incoming, Context], list[Reply]] | None = None
        self.on_notified: list[Callable[[Iterable[Notification]], None]] = []
        # The form engine's own controls, so handlers.register need not know about them.
        self.command("cancel", forms.cancel, summary="stop filling in a form; nothing is sent")
        self.button(forms.ANSWER, forms.press_answer)
        self.button(forms.SKIP, forms.press_skip)
        self.button(forms.CANCEL, forms.cancel)

    # -- registration -------------------------------------------------------------------------
    def command(
        self,
        name: str,
        handler: Handler,
        *,
        summary: str,
        usage: str = "",
        roles: Iterable[Role] = ALL_ROLES,
    ) -> None:
        """Register ``/name``."""
        if name in self.commands:
            raise ValueError(f"command /{name} registered twice")
        self.commands[name] = Route(name, handler, frozenset(roles), summary, usage)

    def button(self, action: str, handler: Handler, *, roles: Iterable[Role] = ALL_ROLES) -> None:
        """Register the handler of a button's action."""
        if action in self.buttons:
            raise ValueError(f"button {action} registered twice")
        self.buttons[action] = Route(action, handler, frozenset(roles))

    def form(
        self,
        form_id: str,
        handler: Handler,
        *,
        roles: Iterable[Role] = ALL_ROLES,
        form: Form | None = None,
        validators: Mapping[str, Validator] | None = None,
    ) -> None:
        """Register the handler of a submitted form.

        Args:
            form_id: the form's id (``Incoming.form_id`` when a channel submits it whole).
            handler: called once with every answer in ``Incoming.form_values``.
            roles: who may fill it in.
            form: its questions; needed for ``bot.forms.start`` to ask them one by one, and
                for a whole submission to be checked before the handler sees it.
            validators: per field name, a check run on that field's answer (after the
                required, length and choice checks) that returns the value to store.
        """
        if form_id in self.forms:
            raise ValueError(f"form {form_id} registered twice")
        if form is not None and form.form_id != form_id:
            raise ValueError(f"form {form_id} registered with the questions of {form.form_id}")
        checks = MappingProxyType(dict(validators or {}))
        if form is not None:
            unknown = set(checks) - {question.name for question in form.fields}
            if unknown:
                raise ValueError(f"form {form_id} has no field {', '.join(sorted(unknown))}")
        self.forms[form_id] = Route(
            form_id, handler, frozenset(roles), form=form, validators=checks
        )

    def text(self, handler: Handler) -> None:
        """Register the handler of free text."""
        self.text_handler = Route("text", handler)

    def commands_for(self, role: Role) -> list[Route]:
        """The commands a person with ``role`` may use, in registration order, built-ins last."""
        routes = [route for route in self.commands.values() if role in route.roles]
        return sorted(routes, key=lambda route: route.name in BUILT_IN_COMMANDS)

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
        if len(text) > limit:
            return [self._reply("too_long.txt", length=len(text), limit=limit)], []
        reference = uuid.uuid4().hex[:8]
        try:
            return self._handle(incoming, text)
        except (BadInput, NotAllowed) as error:
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

    def _handle(
        self, incoming: Incoming, text: str
    ) -> tuple[list[Reply], list[Notification]]:
        now = self.clock()
        with transaction(self.factory) as session:
            person, form_open = self._resolve(session, incoming)
            if person is None:
                unknown = self._reply(
                    "unknown_sender.txt",
                    help_contact=self.settings.help_contact,
                    channel=incoming.channel.value,
                )
                return [unknown], []
            context = Context(
                session=session,
                person=person,
                settings=self.settings,
                templates=self.templates,
                router=self,
                now=now,
                answerer=self.answerer,
                calendar=self.calendar,
                incoming=incoming,
                form_open=form_open,
            )
            # BadInput and NotAllowed propagate out of the transaction, which rolls it back.
            replies = self._dispatch(incoming, text, context)
        return replies, context.notifications

    def _dispatch(self, incoming: Incoming, text: str, context: Context) -> list[Reply]:
        # A form left too long, or whose handler is gone, is put aside before anything else.
        pending = forms.check_in(context)
        replies = self._route(incoming, text, context, pending)
        return forms.with_note(replies, pending.note)

    def _route(
        self, incoming: Incoming, text: str, context: Context, pending: forms.Pending
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
            return forms.answer(_with_text(incoming, text), context, pending.session)
        if command is None and pending.gone:
            # The words were meant for a form that no longer exists: the note says so.
            return []
        if not text:
            return [self._reply("empty.txt")]
        if command is not None:
            route = self.commands.get(command.name)
            if route is None:
                return [self._reply("unknown_command.txt", command=command.name)]
            if role not in route.roles:
                allowed = " and ".join(sorted(f"{r.value}s" for r in route.roles))
                return [self._reply("not_allowed.txt", command=command.name, roles=allowed)]
            context.args = command.args
            replies = route.handler(_with_text(incoming, text), context)
            if command.name in BUILT_IN_COMMANDS:
                return replies
            return forms.remind(context, pending, replies)
        if self.text_handler is None:
            return [self._reply("unknown_command.txt", command="")]
        return self.text_handler.handler(_with_text(incoming, text), context)

    def _resolve(self, session: Session, incoming: Incoming) -> tuple[Person | None, bool]:
        """The sender, and whether they have a form open (read in the same query, so the
        common message without a form costs no extra round trip)."""
        address = incoming.sender.strip()
        if incoming.channel == Channel.EMAIL:
            address = address.lower()
        query = (
            select(Person, FormSession.id)
            .join(ChannelIdentity, ChannelIdentity.person_id == Person.id)
            .outerjoin(FormSession, FormSession.person_id == Person.id)
            .where(
                ChannelIdentity.channel == incoming.channel,
                ChannelIdentity.address == address,
                Person.active.is_(True),
            )
        )
        if incoming.channel == Channel.EMAIL:
            # Anyone can type a From: line; only addresses we verified may act.
            query = query.where(ChannelIdentity.verified.is_(True))
        found = session.execute(query).first()
        return (found[0], found[1] is not None) if found is not None else (None, False)

    def _reply(self, template: str, **data: Any) -> Reply:
        return Reply(text=render(self.templates, template, **data))


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
