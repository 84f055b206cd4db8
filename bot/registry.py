"""What features register and what a handler receives: routes, middleware, jobs and the Context.

The Router (``bot/dispatch.py``) is a ``Registry`` that also runs what is registered; the form
engine (``bot/forms.py``) reads the same registry through ``Context.registry``. Keeping these
types here lets both import them without importing each other.

``Context`` is generic over ``D``, the bundle of dependencies the composition root builds once
(the working-day calendar, the SLA and reminder policies, the knowledge base): the runtime core
passes it along unread, and each feature reads the fields it needs (``ctx.deps.calendar``), in the
way python-telegram-bot's ``CallbackContext`` is generic over the application's own data.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar

from jinja2 import Environment
from sqlalchemy.orm import Session

from bot import audit, outbox
from bot.config import Settings
from bot.messages import Form, FormField, Incoming, Notification, Reply
from bot.models import Person, Role
from bot.templates import render
from bot.values import frozen

D = TypeVar("D")
ALL_ROLES = frozenset(Role)
# ``Context.marks`` key: a middleware has already answered this message's words (a concern was
# raised). Handlers that would only answer the words again say nothing more, and the form engine
# does not complain about them as an answer.
WORDS_ANSWERED = "words.answered"
# ``Context.marks`` key: this message's words must not be kept as an open form's answer (they
# raised a safeguarding concern, which goes to the hub alone, not into feedback every
# commissioner reads): the form engine asks its question again instead.
WORDS_WITHHELD = "words.withheld"
# ``Context.marks`` key: the case reference whose message the person has said these words
# answer (asked "Is this your answer to the message on PB-..., or to your form's question?"):
# a route that would ask whether they are a reply files them as one.
REPLY_MEANT = "words.reply-meant"
# ``Context.marks`` key: words a form refused, that do not read as a question, offered to the
# catch-all (the knowledge base) in case it answers them outright ("hw lng is teh standstil
# perod" at a date question): it says nothing, and keeps nothing, when it does not.
ONLY_IF_ANSWERED = "words.only-if-answered"
# ``Context.marks`` key: the command line being handled, without its slash: a form it opens
# remembers it, so the same command typed whole later closes it (``bot.forms.close_done_by``).
COMMAND_RUN = "command.run"
# ``Context.marks`` key: the buttons on offer to the sender on this channel when the message came
# (``OfferedButtons.buttons``, read with the sender by the router), so that a route asking what
# is on offer costs no query of its own (session 46: "Which Thursday"'s typed answers read the
# offer for every short message).
OFFER_SHOWN = "dispatch.offer-shown"
# ``Context.marks`` key: the words being offered to a route by ``Registry.tried`` (innermost
# last), so a handler's ``pass_on`` says it does not keep them (``_PassedOn``) instead of
# asking the next.
_TRYING = "words.trying"


class _PassedOn(Exception):  # a signal to ``tried``, never raised past it
    """A route tried (``Registry.tried``) passed the words on: none of its business."""


@dataclass
class Context(Generic[D]):
    """What a handler gets besides the message: its transaction, the person, and helpers.

    Attributes:
        session: the message's one database transaction.
        person: the sender, resolved by the identity middleware.
        settings: the settings read at start.
        templates: the one template environment.
        registry: the routes (the Router), for /help and the form engine.
        now: the time the message is handled, aware UTC.
        deps: the features' dependencies, built once by the composition root.
        args: a command's words after its name.
        notifications: what this transaction queued for others (to wake the senders).
        incoming: the message being handled.
        form_open: False when the sender has no open form (the form engine skips its lookup).
        marks: what a middleware found, for the handlers after it (e.g. a concern raised).
        match: what the matcher of the free-text route chosen for this message found.
    """

    session: Session
    person: Person
    settings: Settings
    templates: Environment
    registry: Registry
    now: datetime
    deps: D
    args: str = ""
    notifications: list[Notification] = field(default_factory=list)
    incoming: Incoming | None = None
    form_open: bool = True
    marks: dict[str, Any] = field(default_factory=dict)
    match: Any = None

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


Handler = Callable[[Incoming, "Context[Any]"], list[Reply]]
# Takes a form field's trimmed answer; returns the value to store, or raises BadInput.
Validator = Callable[[str, "Context[Any]"], str]
# Takes a form's answers, by field name; raises BadInput (naming the field) when the form's
# handler would refuse them. Reads only: it runs before a summary is shown (``Form.confirm``).
FormCheck = Callable[[Mapping[str, str], "Context[Any]"], None]
# Takes a form's question and the words it refused (answered one by one); returns what to say
# before the question is asked again instead of the refusal (a complaint typed at a choice:
# where it can go), or None for the refusal as usual.
RefusalNote = Callable[[FormField, str, "Context[Any]"], str | None]
# A middleware gets the message, its context and the rest of the chain; it returns the replies.
Next = Callable[[Incoming, "Context[Any]"], list[Reply]]
Middleware = Callable[[Incoming, "Context[Any]", Next], list[Reply]]
# Reads a message from someone the bot does not know, in its transaction; replies said first.
StrangerCheck = Callable[[Incoming, Session, datetime], list[Reply]]
# Reads free text (pure): what it found (handed to the handler as ``Context.match``), or None.
TextMatcher = Callable[[str], Any]
_NO_VALIDATORS: Mapping[str, Validator] = MappingProxyType({})
# What a button's label typed in words is read as: in any case, without quotes or a full stop.
_LABEL_TRIM = " .!\"'\u201c\u201d"
_NO_USAGES: Mapping[Role, str] = MappingProxyType({})


def said_label(text: str) -> str:
    """``text`` as a button's label typed in words is compared: in lower case, without quotes
    or a full stop, its spaces single."""
    return " ".join(text.casefold().strip(_LABEL_TRIM).split())


@frozen
class Route:
    """One registered handler and who may use it (and, for a form, its questions and checks)."""

    name: str
    handler: Handler
    roles: frozenset[Role] = ALL_ROLES
    summary: str = ""
    usage: str = ""
    form: Form | None = None
    # A role's own usage where it differs from ``usage`` (what the role may do with it).
    usages: Mapping[Role, str] = field(default_factory=lambda: _NO_USAGES)
    # A role's own summary where it differs from ``summary`` (what the command does for it).
    summaries: Mapping[Role, str] = field(default_factory=lambda: _NO_USAGES)
    validators: Mapping[str, Validator] = field(default_factory=lambda: _NO_VALIDATORS)
    check: FormCheck | None = None
    refused: RefusalNote | None = None
    # A form whose choice questions take a choice typed first with its reason ("no, we were
    # not given enough time"): ``bot.forms.leading_choice``.
    leading_choice: bool = False
    match: TextMatcher | None = None
    reads_as_text: bool = False
    # A command's words as the checks that read every typed word read them (``free_text``).
    free_text: Callable[[str], str] | None = None
    interrupts_forms: bool = True
    reads_labels: bool = True

    def usage_for(self, role: Role) -> str:
        """The command's usage as ``role`` may use it."""
        return self.usages.get(role, self.usage)

    def summary_for(self, role: Role) -> str:
        """What the command does for ``role``."""
        return self.summaries.get(role, self.summary)


@frozen
class ButtonLabels:
    """The labels of a feature's buttons (or a pattern of them, for a label with a date in
    it), and which hint ``button_not_on_offer.txt`` gives when one is typed as a message."""

    labels: frozenset[str]
    pattern: re.Pattern[str] | None
    hint: str

    def typed(self, said: str) -> bool:
        """Whether ``said`` (trimmed, in lower case) is one of these labels."""
        return said in self.labels or (
            self.pattern is not None and self.pattern.fullmatch(said) is not None)


@frozen
class Job:
    """A periodic job: a plain function of the time, run in a worker thread.

    Attributes:
        job_id: stable id (``reminders.sweep``), for logs and the scheduler.
        run: does the work; returns how many rows it handled (for the log).
        every_seconds: run this often (for ``interval`` jobs), first at start.
        daily_at: or run once a day at this local (hour, minute).
        queues_messages: its count is of messages put in the outbox, so the senders are
            woken when it is not 0.
    """

    job_id: str
    run: Callable[[datetime], int]
    every_seconds: float | None = None
    daily_at: tuple[int, int] | None = None
    queues_messages: bool = False

    @property
    def trigger(self) -> Literal["interval", "cron"]:
        """How the scheduler triggers it."""
        return "cron" if self.daily_at is not None else "interval"


@frozen
class WebRoute:
    """A web route a feature serves (a survey's form, the published feedback page)."""

    path: str
    endpoint: Callable[[Any], Awaitable[Any]]
    methods: tuple[str, ...] = ("GET",)


class Registry:
    """The tables a feature's ``register`` fills: commands, buttons, forms, free text,
    middleware and periodic jobs. Registering a name twice is a programming error."""

    def __init__(self) -> None:
        """Empty tables."""
        self.commands: dict[str, Route] = {}
        self.buttons: dict[str, Route] = {}
        self.forms: dict[str, Route] = {}
        self.text_handler: Route | None = None
        # Free text that one of these matches goes to its handler instead (in order).
        self.text_routes: list[Route] = []
        self.middleware: list[Middleware] = []
        self.stranger_checks: list[StrangerCheck] = []
        # Whether a message over ``max_message_chars`` must still be handled whole (a concern
        # told at the end of a pasted log; session 25's trial): any one that says so.
        self.too_long_checks: list[Callable[[str], bool]] = []
        self.jobs: dict[str, Job] = {}
        # Web pages and form posts a feature serves on ``pledgebot serve`` (path -> route).
        self.web_routes: dict[str, WebRoute] = {}
        # Commands the runtime provides itself; /help lists them after the registered ones.
        self.built_in: set[str] = set()
        # The features' button labels, which typed as a message are no question (``labels``).
        self.button_labels: list[ButtonLabels] = []
        # Short words for a label ("ack" for "acknowledge"), typed as it (``abbreviations``).
        self.label_words: dict[str, str] = {}
        # Buttons whose press answers their reply's question yes (``asks``).
        self.asking_buttons: set[str] = set()
        # Words that answer no question asked in words, alone (small talk: ``empty_answer``).
        self.empty_answers: list[Callable[[str], bool]] = []

    def command(self, name: str, handler: Handler, *, summary: str,
                usage: str | Mapping[Role, str] = "", roles: Iterable[Role] = ALL_ROLES,
                reads_as_text: bool = False,
                summaries: Mapping[Role, str] | None = None,
                free_text: Callable[[str], str] | None = None) -> None:
        """Register ``/name``.

        ``usage``: its arguments as /help shows them; by role when roles may do different
        things with it (session 30's trial: a provider's /help listed "/case REF acknowledge
        | propose | resolve | reassign", each then refused). ``reads_as_text``: the command's
        words are free text said explicitly (``/ask WORDS``), so the matched free-text routes
        (``text(..., match=...)``) are tried on them first. ``summaries``: a role's own
        summary where the command does something else for it (session 31's review: a
        provider's /help said /away sends "new cases" to the cover). ``free_text``: for a
        command whose words are slots (a reference, a date, an amount, an e-mail address, a
        contact's name, its keywords), a pure function of its words to those the person told
        of their own, which the checks that read every typed word read (``typed_words``):
        the slots tell of nobody (session 34's brief: "/placement new RC-101 1/6/2026 the
        safeguarding hub" raised an urgent concern). None: all its words are read.
        """
        if name in self.commands:
            raise ValueError(f"command /{name} registered twice")
        usages = MappingProxyType(dict(usage)) if isinstance(usage, Mapping) else _NO_USAGES
        self.commands[name] = Route(name, handler, frozenset(roles), summary,
                                    usage if isinstance(usage, str) else "", usages=usages,
                                    summaries=MappingProxyType(dict(summaries or {})),
                                    reads_as_text=reads_as_text, free_text=free_text)

    def button(self, action: str, handler: Handler, *, roles: Iterable[Role] = ALL_ROLES) -> None:
        """Register the handler of a button's action."""
        if action in self.buttons:
            raise ValueError(f"button {action} registered twice")
        self.buttons[action] = Route(action, handler, frozenset(roles))

    def asks(self, action: str) -> None:
        """Register ``action`` as a button whose press answers its reply's question yes, though
        its label is no "Yes" (the safety question's "Raise a concern now"): the question is
        held over commands as a yes/no question is, and shown again when a bare yes or no
        comes after other replies; just asked, a bare yes or no is left to the feature's own
        text route, whatever older question is held (session 34's review: a yes to "Is this
        about someone's safety?" was asked about a review's older "Did it happen?")."""
        self.asking_buttons.add(action)

    def form(
        self,
        form_id: str,
        handler: Handler,
        *,
        roles: Iterable[Role] = ALL_ROLES,
        form: Form | None = None,
        validators: Mapping[str, Validator] | None = None,
        check: FormCheck | None = None,
        refused: RefusalNote | None = None,
        leading_choice: bool = False,
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
            check: run on all the answers together before a form with ``Form.confirm``
                shows them back, so what its handler would refuse (BadInput naming a
                field) is asked again before the person is asked to send it.
            refused: asked of words a question refuses, when answered one by one (not
                when a validator raised ``BadInput.meant_here``): what to say instead of the
                refusal before the question is asked again, or None.
            leading_choice: a choice question answered one by one takes a choice typed
                first, before its reason ("no, we were not given enough time", "1, it was
                a shambles"), as its answer (``bot.forms.leading_choice``).
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
            form_id, handler, frozenset(roles), form=form, validators=checks, check=check,
            refused=refused, leading_choice=leading_choice)

    def text(self, handler: Handler, *, match: TextMatcher | None = None,
             name: str = "text", interrupts_forms: bool = True,
             reads_labels: bool = True) -> None:
        """Register the handler of free text; with ``match``, only of the text it matches.

        Free text goes to the first route (in registration order) whose ``match`` returns
        something other than None (the handler reads it as ``ctx.match``), else to the one
        route registered without a matcher (matching is separate from handling: a matcher is
        a pure function of the text). While a form is open, words its question refuses go to
        a matched route only if it ``interrupts_forms`` (small talk does; a bare number is
        left to the form, which says which answers it takes). A route that does not
        ``reads_labels`` never gets a feature's button label (``labels``): words offered as a
        reply are never a button's.
        """
        if match is not None:
            if any(route.name == name for route in self.text_routes):
                raise ValueError(f"free text route {name} registered twice")
            self.text_routes.append(Route(name, handler, match=match,
                                          interrupts_forms=interrupts_forms,
                                          reads_labels=reads_labels))
            return
        if self.text_handler is not None:
            raise ValueError("free text registered twice")
        self.text_handler = Route(name, handler)

    def labels(self, *labels: str, hint: str, pattern: str | None = None) -> None:
        """Register the labels of a feature's buttons: one typed as a whole message, which
        no free-text route took, is a button no longer on offer (the console presses a
        button shown there when its label is typed), so it gets ``button_not_on_offer.txt``
        with ``hint`` (what to do instead), never the knowledge base (session 32's trial:
        "Acknowledge" was noted as a question, and "More", then "Ask a commissioner",
        opened a case whose question was "More"). ``pattern``: labels with a date in them,
        matched whole in lower case.

        Only labels that are no ordinary answer: "Yes", "No", "Done" have their own
        readings.
        """
        self.button_labels.append(ButtonLabels(
            frozenset(label.casefold() for label in labels),
            re.compile(pattern, re.IGNORECASE) if pattern is not None else None, hint))

    def abbreviations(self, label: str, *words: str) -> None:
        """Register words people type for a button's label ("ack", "ackd" for Acknowledge):
        typed while that button is on offer they press it, and otherwise they are that label
        typed (session 33's trial: "ack" under a new case's Acknowledge became a question)."""
        for word in words:
            self.label_words[said_label(word)] = said_label(label)

    def empty_answer(self, matcher: Callable[[str], bool]) -> None:
        """Register a pure matcher of words that, alone, give no reason ("thanks", "hello",
        "great": session 35's review, a review was closed as "not applicable (thanks)"):
        ``bot.forms`` refuses them at a question that asks for one (``FormField.reason``,
        ``answers_nothing``)."""
        self.empty_answers.append(matcher)

    def answers_nothing(self, text: str) -> bool:
        """Whether ``text`` alone answers no question asked in words (``empty_answer``)."""
        return any(matcher(text) for matcher in self.empty_answers)

    def label_meant(self, text: str) -> str:
        """The button label ``text`` is typed as (``said_label``), its abbreviation read."""
        said = said_label(text)
        return self.label_words.get(said, said)

    def label_typed(self, text: str) -> str | None:
        """The hint for ``text`` when it is a registered button label; else None."""
        said = self.label_meant(text)
        return next((labels.hint for labels in self.button_labels if labels.typed(said)),
                    None)

    def fallback(self, incoming: Incoming, context: Context[Any]) -> list[Reply]:
        """Free text no matched route took: a button label typed is told the button is not
        on offer; anything else goes to the catch-all (the knowledge base)."""
        hint = (None if context.marks.get(WORDS_ANSWERED)
                else self.label_typed(context.args or incoming.text))
        if hint is not None:
            return [Reply(text=render(context.templates, "button_not_on_offer.txt",
                                      hint=hint))]
        return self.text_handler.handler(incoming, context) if self.text_handler else []

    def use(self, middleware: Middleware) -> None:
        """Add a middleware after the runtime's own (de-duplication, identity), in order."""
        self.middleware.append(middleware)

    def read_when_too_long(self, check: Callable[[str], bool]) -> None:
        """Handle a message over the length limit after all when ``check`` says so."""
        self.too_long_checks.append(check)

    def use_for_strangers(self, check: StrangerCheck) -> None:
        """Read messages from unknown senders too (they get nothing else but whom to ask)."""
        self.stranger_checks.append(check)

    def job(self, job_id: str, run: Callable[[datetime], int], *,
            every_seconds: float | None = None, daily_at: tuple[int, int] | None = None,
            queues_messages: bool = False) -> None:
        """Register a periodic job: ``every_seconds`` or ``daily_at`` (local hour, minute)."""
        if job_id in self.jobs:
            raise ValueError(f"job {job_id} registered twice")
        if (every_seconds is None) == (daily_at is None):
            raise ValueError(f"job {job_id}: give every_seconds or daily_at, not both")
        self.jobs[job_id] = Job(job_id, run, every_seconds=every_seconds, daily_at=daily_at,
                               queues_messages=queues_messages)

    def web(self, path: str, endpoint: Callable[[Any], Awaitable[Any]], *,
            methods: Iterable[str] = ("GET",)) -> None:
        """Register a web route that ``pledgebot serve`` adds to its one web app.

        ``endpoint`` is a Starlette endpoint (``async (Request) -> Response``); the feature
        closes over what it needs (the session factory, the templates, the settings).
        """
        if path in self.web_routes:
            raise ValueError(f"web route {path} registered twice")
        self.web_routes[path] = WebRoute(path, endpoint, tuple(methods))

    def matched_text(self, text: str, incoming: Incoming, context: Context[Any], *,
                     in_form: bool = False, after: str | None = None) -> list[Reply] | None:
        """The replies of the first free-text route (after the route named ``after``, when
        given) whose matcher takes ``text``; None when none does, or when a middleware has
        already answered the words. ``in_form``: only routes that interrupt forms. A button's
        label passes over the routes that do not ``reads_labels``, as their handler's
        ``pass_on`` would: to a later route, else to the ``fallback``."""
        if context.marks.get(WORDS_ANSWERED):
            return None
        routes = self.text_routes
        if after is not None:
            routes = routes[[route.name for route in routes].index(after) + 1:]
        passed_over = False
        for route in routes:
            if in_form and not route.interrupts_forms:
                continue
            found = route.match(text) if route.match is not None else None
            if found is None:
                continue
            if not route.reads_labels and self.label_typed(text) is not None:
                passed_over = True
                continue
            context.match = found
            context.args = text
            return route.handler(incoming, context)
        return self.fallback(incoming, context) if passed_over else None

    def pass_on(self, after: str, incoming: Incoming, context: Context[Any]) -> list[Reply]:
        """For a matched route whose handler finds the words are not its after all (a "yes"
        when nothing was asked): the replies of the next route that matches them, else of the
        catch-all, as if the route named ``after`` were not there. Under ``tried``, the route
        is only said not to have kept them."""
        if context.marks.get(_TRYING):
            raise _PassedOn(after)
        text = context.args or incoming.text
        matched = self.matched_text(text, incoming, context, after=after)
        if matched is not None:
            return matched
        return self.fallback(incoming, context)

    @staticmethod
    def trying(context: Context[Any]) -> bool:
        """Whether the words being handled are a part of a message offered by ``tried`` (a
        handler that answers only whole messages passes them on)."""
        return bool(context.marks.get(_TRYING))

    def tried(self, text: str, incoming: Incoming, context: Context[Any], *,
              names: Collection[str]) -> list[Reply] | None:
        """The replies of the first free-text route among ``names`` (in registration order)
        whose matcher takes ``text`` and whose handler keeps it; None when none does (a route
        whose handler would ``pass_on`` has not kept it: no later route and no catch-all is
        asked), or when a middleware has already answered the words. A part of a message is
        offered to the routes that read the person's own records this way ("is CT-0901 paid
        yet? and who is my commissioner?"). ``context.args`` and ``context.match`` are as
        they were after."""
        trying: tuple[str, ...] = context.marks.get(_TRYING) or ()
        # Words being tried already, further out, are not tried again inside: a route that
        # reads the whole message again for its parts would never end.
        if context.marks.get(WORDS_ANSWERED) or text in trying:
            return None
        saved = context.args, context.match
        try:
            for route in self.text_routes:
                if route.name not in names or route.match is None:
                    continue
                found = route.match(text)
                if found is None:
                    continue
                context.match, context.args = found, text
                context.marks[_TRYING] = (*trying, text)
                try:
                    return route.handler(incoming, context)
                except _PassedOn:
                    continue
            return None
        finally:
            context.args, context.match = saved
            if trying:
                context.marks[_TRYING] = trying
            else:
                context.marks.pop(_TRYING, None)

    def commands_for(self, role: Role) -> list[Route]:
        """The commands a person with ``role`` may use, in registration order, built-ins last."""
        routes = [route for route in self.commands.values() if role in route.roles]
        return sorted(routes, key=lambda route: route.name in self.built_in)
