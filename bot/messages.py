"""Channel-neutral message types: what adapters build and handlers receive and return."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from bot.models import CaseCondition, Channel

_EMPTY: Mapping[str, str] = MappingProxyType({})
_NO_TEXTS: Mapping[Channel, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Incoming:
    """One thing a person did: a line of text, a button press or a submitted form.

    Attributes:
        channel: the platform it came from.
        conversation: the platform's conversation (Slack channel, Telegram chat, e-mail thread).
        sender: the sender's address on that platform (Slack user id, Telegram id, e-mail).
        text: what they wrote ("" for a button press).
        action: the button's action id, when a button was pressed.
        action_value: the value the button carried.
        form_id: the form answered, when a form was submitted.
        form_values: the form's answers.
        received_at: when the platform received it, aware UTC.
        message_id: the platform's id for the event; the Router handles one
            ``(channel, message_id)`` once (None: never de-duplicated, as on the console).
        platform: what the channel's renderer needs to answer in place, by name: a Slack
            ``trigger_id`` or ``response_url``, a Telegram ``callback_query_id``, an e-mail's
            ``message_id`` for ``In-Reply-To``. Handlers never read it.
        number: the number typed that pressed the button (the console's "3" for "[3]"),
            None for a press or a label typed. Numbers follow the buttons last shown, so a
            number may have been meant for an earlier list: a step that closes something
            asks first (session 35's trial: a "3" meant for Propose resolved a case).
    """

    channel: Channel
    conversation: str
    sender: str
    text: str = ""
    action: str | None = None
    action_value: str | None = None
    form_id: str | None = None
    form_values: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    received_at: datetime
    message_id: str | None = None
    platform: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    number: int | None = None

    def __post_init__(self) -> None:
        """Refuse naive timestamps: every time in pledgebot is aware UTC."""
        if self.received_at.tzinfo is None:
            raise ValueError("Incoming.received_at must be timezone-aware")


@dataclass(frozen=True, slots=True, kw_only=True)
class Button:
    """A choice offered with a reply; pressing it sends ``action`` with ``value``."""

    label: str
    action: str
    value: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FormField:
    """One question of a form.

    Attributes:
        name: the key of its answer in ``Incoming.form_values``.
        label: the question as the person sees it.
        choices: the only answers allowed (shown as buttons), or () for free text.
        required: whether it must be answered (an optional one can be skipped).
        max_length: the longest answer accepted, in characters.
        hint: a line shown under the question (an example, a format), or "".
        prose: the answer is a paragraph in words ("What has happened?"): a bare number is
            not one.
        story: the answer is the person's account ("What has happened?", the feedback's own
            words), so a statement typed at an earlier question of a form with ``confirm``,
            where it is no answer (a sentence at a choice question, words too long for a short
            answer), is kept as this answer instead of being lost, and shown in the summary
            before anything is sent (``bot.forms``). At most one per form is needed: the
            first one not yet answered takes the words. In any form, "fine" or "ok" alone
            here is asked about once (a survey's free-text questions are such too).
        yes_no: a lone yes or no is a whole answer here (the reply to a yes/no question),
            though the field takes ``prose``.
        reason: the answer is a reason or an outcome that closes or records something ("Why
            does it not apply?"): small talk alone ("thanks", "great", ``Registry.empty_answer``)
            is refused here as saying nothing, in the validator's words when it has them; at
            any other question answered in words it is the answer ("sounds good" as a
            comment, "brilliant" as feedback: 58c0488's review).
        none_answer: "none" (or "n/a") is an answer here, for its validator to read; at any
            other required question a decline is refused as needing an answer.
        slot: the answer is a reference, a day or an amount, which tells of nobody: in a form
            submitted whole it is not read with the other answers for harm
            (``bot.dispatch.typed_words``; answered alone, it is read as any message is).
        sending: the question asks how the form is sent, not what about ("Send it
            anonymously?"): words typed beside its choice are never kept as more of the
            account (``bot.forms``), which would go to the council under no name.
    """

    name: str
    label: str
    choices: tuple[str, ...] = ()
    required: bool = True
    max_length: int = 2000
    hint: str = ""
    prose: bool = False
    story: bool = False
    yes_no: bool = False
    reason: bool = False
    none_answer: bool = False
    slot: bool = False
    sending: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Form:
    """A set of questions a channel asks together (a modal) or one by one (console, Telegram).

    Attributes:
        form_id: the name it is registered under.
        title: what the person sees it called ("Disagreement").
        fields: its questions, in the order they are asked.
        confirm: asked one by one, the answers are shown back once all are given, with Send,
            Change and Cancel, and the form's handler runs only on Send: for a form whose
            sending is hard to undo (a disagreement sent to the council). A form submitted
            whole (a Slack modal, with its own Send button) is sent at once.
        pressed: the labels of the buttons that open it ("Reopen"): typed as the answer to a
            question without choices, one is the button pressed again, not an answer, and
            the question is asked again (session 32's trial: "Reopen" typed after Reopen
            reopened the case with the reason "Reopen").
        cancelled: for a form opened after something was already sent (Reject's "What would
            work for you?"), the template that says so when it is cancelled, rendered with its
            answers (session 33's brief: /cancel said "nothing was sent"); "" for
            ``form_cancelled.txt``.
    """

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    confirm: bool = False
    pressed: tuple[str, ...] = ()
    cancelled: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """What the bot says back to the person who wrote to it.

    ``invalid_field`` names the field of a form submitted whole whose answer was refused
    (``text`` says why), so a channel with modals can show the problem beside that field.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    form: Form | None = None
    invalid_field: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Notification:
    """A message for someone who did not just write to the bot; it goes through the outbox.

    Attributes:
        person_id: the recipient.
        kind: what it is about, e.g. "case.escalated" (for logs and digests).
        text: the words, already rendered from a template.
        idempotency_key: the same key is never delivered twice.
        buttons: choices offered with it.
        urgent: deliver at once, outside working hours too (safeguarding).
        channel: deliver on this channel instead of the person's preferred one.
        unsubscribe: a signed link that stops messages like this one (a digest, a survey's
            chasers): e-mail carries it as ``List-Unsubscribe`` with RFC 8058 one-click;
            None: no such header.
        case_reference: the case this message is about (an owner's alert, an escalation, a
            step on the case), or None. E-mail puts it in the subject, and a reply to that
            subject comments on the case; a message that only mentions cases (a digest) has
            none.
        reply_command: the command a plain reply to this message gives (e.g. "/survey answer
            KEY"): a channel that takes replies (e-mail) puts it before the reply's words;
            None: a reply is read as it is.
        texts: the words for another channel, rendered ahead, by channel: the outbox may send
            a message on another channel than the one it was written for (the preferred one
            has no address, or is not configured: ``outbox.reroute_unreachable``), and it is
            then delivered with that channel's words from here, else with ``text``.
        deadline_id: the deadline a reminder (or its escalation) is about: withdrawn, not
            sent, if the deadline is closed before the outbox gets to it. None: sent whatever.
        case_id: the case a message holds for only while ``case_condition`` does (an
            escalation while the case is unacknowledged or unresolved): withdrawn, not sent,
            once it no longer holds. None: sent whatever becomes of the case.
        case_condition: what must still hold of ``case_id``.
    """

    person_id: int
    kind: str
    text: str
    idempotency_key: str
    buttons: tuple[Button, ...] = ()
    urgent: bool = False
    channel: Channel | None = None
    unsubscribe: str | None = None
    case_reference: str | None = None
    reply_command: str | None = None
    texts: Mapping[Channel, str] = field(default_factory=lambda: _NO_TEXTS)
    deadline_id: int | None = None
    case_id: int | None = None
    case_condition: CaseCondition | None = None

    def payload(self) -> dict[str, Any]:
        """The JSON stored in the outbox row."""
        payload: dict[str, Any] = {
            "text": self.text,
            "buttons": [
                {"label": b.label, "action": b.action, "value": b.value} for b in self.buttons
            ],
        }
        if self.unsubscribe:
            payload["unsubscribe"] = self.unsubscribe
        if self.case_reference:
            payload["case"] = self.case_reference
        if self.reply_command:
            payload["reply"] = self.reply_command
        if self.texts:
            payload["texts"] = {channel.value: text for channel, text in self.texts.items()}
        return payload


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """A claimed outbox row, handed to a channel's sender to deliver."""

    outbox_id: int
    idempotency_key: str
    channel: Channel
    address: str
    kind: str
    text: str
    buttons: tuple[Button, ...]
    urgent: bool
    attempt: int
    unsubscribe: str | None = None
    case_reference: str | None = None

    @classmethod
    def from_payload(cls, *, payload: Mapping[str, Any], **columns: Any) -> Delivery:
        """Rebuild a delivery from an outbox row's columns and JSON payload: the words written
        for the channel it goes on (``Notification.texts``), else its own."""
        buttons = tuple(Button(**b) for b in payload.get("buttons", ()))
        unsubscribe, case = payload.get("unsubscribe"), payload.get("case")
        texts = payload.get("texts")
        text = payload.get("text", "")
        if isinstance(texts, Mapping):
            text = texts.get(str(columns.get("channel")), text)
        return cls(text=str(text), buttons=buttons,
                   unsubscribe=str(unsubscribe) if unsubscribe else None,
                   case_reference=str(case) if case else None, **columns)
