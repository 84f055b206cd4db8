"""The domain tables of the foundation: organisations, people, identities, outbox, audit log."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from bot.db import UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (Alembic needs them)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }

    if TYPE_CHECKING:
        # Every model here is a declarative table, so its __table__ is a Table; SQLAlchemy
        # types it as the wider FromClause (a class may also be mapped to a join or a query).
        __table__: ClassVar[Table]


class OrganisationKind(enum.StrEnum):
    """A council commissions; a provider delivers."""

    COUNCIL = "council"
    PROVIDER = "provider"


class Role(enum.StrEnum):
    """What a person can do with the bot."""

    PROVIDER = "provider"
    COMMISSIONER = "commissioner"
    ADMIN = "admin"


class Channel(enum.StrEnum):
    """The platforms a person can use."""

    CONSOLE = "console"
    SLACK = "slack"
    TELEGRAM = "telegram"
    EMAIL = "email"


class OutboxStatus(enum.StrEnum):
    """Where an outbound message is in its life."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEAD = "dead"
    # Not sent, and never to be: what it was about was closed before it could go (a reminder
    # of an invoice paid meanwhile, an escalation of a case acknowledged); ``last_error`` says
    # why.
    WITHDRAWN = "withdrawn"


class CaseCondition(enum.StrEnum):
    """What must still hold of a case for a message about it to be sent (else the outbox
    withdraws it): checked when the message is claimed for delivery."""

    ACTIVE = "active"  # neither resolved nor withdrawn
    UNACKNOWLEDGED = "unacknowledged"  # still open: nobody has acknowledged it
    PROPOSAL_WAITING = "proposal_waiting"  # a proposed resolution still waits on the provider


class Record:
    """The columns most tables share: an integer ``id`` first and, last, when the row was
    written (``created_at``)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CouncilReference:
    """A council's reference (a contract's, a placement's, a tender's), stored upper-case
    (``reference_upper_case``), so "rc-104" and "RC-104" are one at a council."""

    @validates("reference")
    def reference_upper_case(self, _key: str, reference: str) -> str:
        """A reference as stored: upper-case."""
        return reference.upper()


def _enum(kind: type[enum.StrEnum], name: str) -> Enum:
    return Enum(kind, name=name, native_enum=False, length=20,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class Organisation(Record, Base):
    """A council or a provider organisation."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(_enum(OrganisationKind, "organisation_kind"))

    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(Record, Base):
    """Someone who uses the bot: a provider's staff member, a commissioner or an admin."""

    __tablename__ = "person"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "person_role"))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    preferred_channel: Mapped[Channel] = mapped_column(
        _enum(Channel, "channel_name"), default=Channel.EMAIL
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Told at once, at any hour, when a safeguarding concern is raised.
    safeguarding_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who is told when this person's deadlines stay overdue (their manager, say).
    escalation_contact_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # Away until (and including) this date; cases routed meanwhile go to the cover. From
    # ``away_from`` (an absence set ahead) or, when none, from when it was set. Loaded when
    # read (``away_on`` reads it only with ``away_until`` set), so a database at a revision
    # before 0020 still loads people (tests/bot/test_migrations.py).
    away_until: Mapped[date | None] = mapped_column(Date)
    away_from: Mapped[date | None] = mapped_column(Date, deferred=True)
    cover_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    organisation: Mapped[Organisation] = relationship(back_populates="people")
    escalation_contact: Mapped[Person | None] = relationship(
        remote_side="Person.id", foreign_keys=[escalation_contact_id])
    identities: Mapped[list[ChannelIdentity]] = relationship(back_populates="person")


class ChannelIdentity(Record, Base):
    """A person's address on one channel (Slack user id, Telegram id, e-mail, console)."""

    __tablename__ = "channel_identity"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_channel_identity_address"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel_name"))
    address: Mapped[str] = mapped_column(String(254))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="identities")


class OutboxMessage(Record, Base):
    """One message to one person on one channel, delivered by the outbox sender."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "channel", "status", "next_attempt_at"),
    )

    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel_name"))
    address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(64))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[OutboxStatus] = mapped_column(
        _enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the message is about, when it holds only while that stays so: a reminder or an
    # escalation of a deadline (sent only while the deadline is open), a case's escalation or
    # chaser (sent only while ``case_condition`` holds). Checked at claim time, so whatever
    # closes the deadline or moves the case on, by whichever path, stops the message.
    deadline_id: Mapped[int | None] = mapped_column(ForeignKey("deadline.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    case_condition: Mapped[CaseCondition | None] = mapped_column(
        _enum(CaseCondition, "case_condition"))


class AuditEvent(Base):
    """An append-only record of something that happened: who, when, what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Question(Base):
    """A question someone asked, what the bot did with it, and whether it helped."""

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel_name"))
    text: Mapped[str] = mapped_column(Text)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What the bot did: answer, choose (offered two), picked (one of the two, by the person),
    # abstain, general (handed to a person, the general rules shown beside it), guidance
    # (safeguarding how-to), safeguarding ...
    mode: Mapped[str] = mapped_column(String(16), default="abstain")
    entry_id: Mapped[str | None] = mapped_column(String(64), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    helpful: Mapped[bool | None] = mapped_column(Boolean)
    handed_over_at: Mapped[datetime | None]
    # The case it was handed to ("Ask a commissioner", "Tell the council"), or the open one of
    # the same words asked before that it joined; empty if handed to no case (0018).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    # The asker pressed "Tell me when someone answers": told when an admin teaches the answer.
    answer_wanted: Mapped[bool] = mapped_column(Boolean, default=False)


class Contract(CouncilReference, Record, Base):
    """A contract between a council and a provider (its uplift date is a deadline, pledge 7).

    The reference is the council's: unique within it, not across councils, stored upper-case
    (``reference_upper_case``). A contract with no end date, or ending today or later, is
    current work (``current_on``); one that has ended is not.
    """

    __tablename__ = "contract"
    __table_args__ = (
        UniqueConstraint("council_id", "reference", name="uq_contract_council_reference"),
    )

    reference: Mapped[str] = mapped_column(String(64))
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    commissioner_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    title: Mapped[str] = mapped_column(String(200))
    uplift_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)

    @classmethod
    def current_on(cls, day: date) -> ColumnElement[bool]:
        """The condition of a contract still current on ``day``: no end date, or not ended
        before it (session 28: a contract that ended years ago counted as current work)."""
        return or_(cls.ends_on.is_(None), cls.ends_on >= day)


class Placement(CouncilReference, Record, Base):
    """A person's placement with a provider, known only by its reference code, never a name.

    The reference is the council's code for it: unique within a council, not across councils
    (two councils' RC-104 are two people). It is stored upper-case (``reference_upper_case``),
    so the constraint on (council, reference) holds in any case, as look-ups read it.
    """

    __tablename__ = "placement"
    __table_args__ = (
        UniqueConstraint("council_id", "reference", name="uq_placement_council_reference"),
    )

    reference: Mapped[str] = mapped_column(String(32))
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    commissioner_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    provider_contact_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    @classmethod
    def current_on(cls, day: date) -> ColumnElement[bool]:
        """The condition of a placement not ended on ``day``: no end date, or ending that day
        or later (as ``Contract.current_on``)."""
        return or_(cls.ended_on.is_(None), cls.ended_on >= day)


class Invoice(Record, Base):
    """An invoice from a provider to a council, or from a subcontractor to a prime provider."""

    __tablename__ = "invoice"
    __table_args__ = (UniqueConstraint("issuer_id", "number", name="uq_invoice_issuer_number"),)

    number: Mapped[str] = mapped_column(String(64))
    issuer_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    payer_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"))
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    received_on: Mapped[date] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)


class Tender(CouncilReference, Record, Base):
    """A council's tender and its dates (pledges 13-22).

    The reference is the council's: unique within it, not across councils, stored upper-case
    (``reference_upper_case``).
    """

    __tablename__ = "tender"
    __table_args__ = (
        UniqueConstraint("council_id", "reference", name="uq_tender_council_reference"),
    )

    reference: Mapped[str] = mapped_column(String(64))
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    commissioner_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    title: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date] = mapped_column(Date)
    clarification_on: Mapped[date | None] = mapped_column(Date)
    submission_on: Mapped[date | None] = mapped_column(Date)
    standstill_end_on: Mapped[date | None] = mapped_column(Date)


class Bid(Record, Base):
    """A provider's bid for a tender; an unsuccessful one is owed feedback (pledge 28)."""

    __tablename__ = "bid"
    __table_args__ = (UniqueConstraint("tender_id", "provider_id", name="uq_bid_tender_provider"),)

    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_contact_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    decided_on: Mapped[date | None] = mapped_column(Date)


class TenderFollower(Record, Base):
    """A provider's person following a tender in chat (``/tender follow REF``): reminded of its
    clarification and submission deadlines, as a bidder is."""

    __tablename__ = "tender_follower"
    __table_args__ = (
        UniqueConstraint("tender_id", "person_id", name="uq_tender_follower_tender_person"),
    )

    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)


class DeadlineStatus(enum.StrEnum):
    """Whether a deadline still needs doing."""

    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class Deadline(Record, Base):
    """One clock of the pledge: a review, a payment, bid feedback, a tender date, an uplift."""

    __tablename__ = "deadline"
    __table_args__ = (Index("ix_deadline_open", "status", "due_on"),)

    rule: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(64), index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_contact_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    commissioner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id"), index=True)
    bid_id: Mapped[int | None] = mapped_column(ForeignKey("bid.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    start_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[DeadlineStatus] = mapped_column(
        _enum(DeadlineStatus, "deadline_status"), default=DeadlineStatus.OPEN
    )
    done_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(500))


class ReminderStatus(enum.StrEnum):
    """Where a reminder is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"


class Reminder(Record, Base):
    """One reminder of one deadline to one person at one time; sent exactly once."""

    __tablename__ = "reminder"
    __table_args__ = (Index("ix_reminder_due", "status", "send_at"),)

    key: Mapped[str] = mapped_column(String(120), unique=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    send_at: Mapped[datetime]
    status: Mapped[ReminderStatus] = mapped_column(
        _enum(ReminderStatus, "reminder_status"), default=ReminderStatus.PENDING
    )
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None]


class CaseKind(enum.StrEnum):
    """What a case is."""

    FEEDBACK = "feedback"
    CONFLICT = "conflict"
    QUESTION = "question"
    SAFEGUARDING = "safeguarding"
    # News the council is told, with nothing to answer: a death (the "Tell the council" button).
    NOTIFICATION = "notification"


class CaseStatus(enum.StrEnum):
    """Where a case is; escalation is a level, not a status."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLUTION_PROPOSED = "resolution_proposed"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


# The statuses of a case that is over: nothing more is asked of anyone about it.
CASE_CLOSED = (CaseStatus.RESOLVED, CaseStatus.WITHDRAWN)


class Case(Base):
    """Feedback, a conflict, a question or a safeguarding concern, owned by a named person.

    ``raised_by_id`` is empty for anonymous feedback: nothing links such a case to a person.
    ``next_check_at`` is when the SLA sweep next looks at the case (empty once it is closed);
    ``claim_token``/``claimed_at`` are the sweep's lease, as for reminders.
    """

    __tablename__ = "case_file"
    __table_args__ = (Index("ix_case_file_due", "next_check_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[CaseKind] = mapped_column(_enum(CaseKind, "case_kind"))
    category: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16), default="normal")
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus, "case_status"),
                                               default=CaseStatus.OPEN)
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    assignee_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    routing_rule_id: Mapped[int | None] = mapped_column(ForeignKey("routing_rule.id"))
    # The people told at escalation levels 1, 2 and 3 (person ids), copied when routed.
    chain: Mapped[list[int]] = mapped_column(JSON, default=list)
    level: Mapped[int] = mapped_column(Integer, default=0)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    pledges: Mapped[list[int]] = mapped_column(JSON, default=list)
    service_type: Mapped[str | None] = mapped_column(String(64))
    locality: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    outcome_wanted: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    proposal: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    acknowledge_due_at: Mapped[datetime]
    resolve_due_at: Mapped[datetime]
    next_check_at: Mapped[datetime | None]
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(64))


class CaseEvent(Base):
    """One step in a case's history: who, when, what. Append-only; both sides see it."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RoutingRule(Record, Base):
    """Which commissioner owns the cases a rule matches; an empty criterion matches anything."""

    __tablename__ = "routing_rule"

    position: Mapped[int] = mapped_column(Integer)
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(32))
    service_type: Mapped[str | None] = mapped_column(String(64))
    locality: Mapped[str | None] = mapped_column(String(64))
    commissioner_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    level1_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    level2_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    level3_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))


class FormSession(Base):
    """A form someone is filling in field by field; kept in the database so a restart resumes."""

    __tablename__ = "form_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    form_id: Mapped[str] = mapped_column(String(64))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfferedButtons(Base):
    """The buttons of the last replies shown to a person on one channel: while they are shown,
    a label typed in words presses one, as the console's does (``bot.dispatch``)."""

    __tablename__ = "offered_buttons"
    __table_args__ = (UniqueConstraint("person_id", "channel",
                                       name="uq_offered_buttons_person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel_name"))
    # [{"label": ..., "action": ..., "value": ...}], as an outbox payload keeps its buttons.
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    offered_at: Mapped[datetime]


class ProcessedMessage(Base):
    """A platform message already handled: ``channel:message_id``, for de-duplication."""

    __tablename__ = "processed_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    handled_at: Mapped[datetime] = mapped_column(index=True)


class TelegramState(Base):
    """One value the Telegram channel keeps across restarts (the long-polling offset)."""

    __tablename__ = "telegram_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class TelegramCallback(Base):
    """A button whose action and value do not fit Telegram's 64-byte callback data: the
    button carries ``#<key>`` and the rest is kept here."""

    __tablename__ = "telegram_callback"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    action: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)


class TelegramLink(Base):
    """A Telegram account's request to be linked to a registered person (``/link EMAIL``):
    the one-time code's hash, when it expires, and the wrong codes typed."""

    __tablename__ = "telegram_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[str] = mapped_column(String(32), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    code_hash: Mapped[str | None] = mapped_column(String(64))
    expires_at: Mapped[datetime | None]
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class DigestStatus(enum.StrEnum):
    """Where a person's weekly digest is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    EMPTY = "empty"  # nothing to say that week: not sent, never retried


class Digest(Record, Base):
    """One person's weekly digest for one ISO week (``2026-W49``); sent at most once.

    The sweep writes the row when the person's digest time has come and claims it as the
    reminder sweep claims reminders (token and lease).
    """

    __tablename__ = "digest"
    __table_args__ = (
        UniqueConstraint("person_id", "iso_week", name="uq_digest_person_week"),
        Index("ix_digest_due", "status", "id"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    iso_week: Mapped[str] = mapped_column(String(8))
    status: Mapped[DigestStatus] = mapped_column(
        _enum(DigestStatus, "digest_status"), default=DigestStatus.PENDING
    )
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None]


class DigestOptOut(Record, Base):
    """A person who turned their weekly digest off (``/digest off``); no row: it is on."""

    __tablename__ = "digest_opt_out"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)


class Survey(Record, Base):
    """One running (or closed) survey of one council: its questions copied from the YAML that
    defined it, its audience, its dates and how often non-responders are chased."""

    __tablename__ = "survey"

    key: Mapped[str] = mapped_column(String(120), unique=True)
    template: Mapped[str] = mapped_column(String(64))
    council_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # The YAML definition as opened: intro, questions (id, text, kind, options), pledges.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    audience: Mapped[str] = mapped_column(String(120))
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id"))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    max_chasers: Mapped[int] = mapped_column(Integer, default=2)
    chase_every_days: Mapped[int] = mapped_column(Integer, default=3)


class SurveyInvitee(Base):
    """Someone a survey was sent to: whether they have responded (all an anonymous survey
    keeps of them), how many messages went, and when the next one is due."""

    __tablename__ = "survey_invitee"
    __table_args__ = (
        UniqueConstraint("survey_id", "person_id", name="uq_survey_invitee_survey_person"),
        Index("ix_survey_invitee_due", "responded", "next_send_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    responded: Mapped[bool] = mapped_column(Boolean, default=False)
    # Messages sent so far: the invitation, then the chasers.
    sent: Mapped[int] = mapped_column(Integer, default=0)
    next_send_at: Mapped[datetime | None]
    # The person asked for no more chasers of this survey (the e-mail's unsubscribe link).
    stopped: Mapped[bool] = mapped_column(Boolean, default=False)
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(64))


class SurveyResponse(Base):
    """A named survey's response: one per person, replaced when they change it."""

    __tablename__ = "survey_response"
    __table_args__ = (
        UniqueConstraint("survey_id", "person_id", name="uq_survey_response_survey_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SurveyAnonymousResponse(Base):
    """An anonymous survey's response, kept apart: no person, no time at all (a day would
    still link a person whose thank-you was sent that day to the day's only answer), and a
    random id (so neither the id nor the row order says who answered when)."""

    __tablename__ = "survey_anonymous_response"

    # INTEGER on SQLite, so the random id is the rowid (a BIGINT key would leave a hidden
    # rowid counting up in answering order).
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True, autoincrement=False)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)


class SurveyLinkUse(Base):
    """A one-time survey link already used (its nonce), so it is refused the second time."""

    __tablename__ = "survey_link_use"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    used_on: Mapped[date] = mapped_column(Date)


class SurveyApprovedComment(Base):
    """A free-text answer a commissioner approved for publication (``/survey approve``)."""

    __tablename__ = "survey_approved_comment"
    __table_args__ = (
        UniqueConstraint("survey_id", "question", "text_hash",
                         name="uq_survey_approved_comment_text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    question: Mapped[str] = mapped_column(String(64))
    text_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    approved_at: Mapped[datetime]


class SurveyAction(Base):
    """A "You said, we did" entry a commissioner added to a survey (``/survey respond``)."""

    __tablename__ = "survey_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]


class ProviderService(Base):
    """A service type a provider organisation delivers (home care, supported living ...):
    the audience "providers of a service type" of a survey."""

    __tablename__ = "provider_service"
    __table_args__ = (
        UniqueConstraint("organisation_id", "service_type",
                         name="uq_provider_service_organisation_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    service_type: Mapped[str] = mapped_column(String(64), index=True)


class AppendOnlyError(RuntimeError):
    """Someone tried to change or delete an audit record."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
@event.listens_for(CaseEvent, "before_update")
@event.listens_for(CaseEvent, "before_delete")
def _audit_is_append_only(_mapper: Any, _connection: Any, target: AuditEvent | CaseEvent) -> None:
    raise AppendOnlyError(f"{type(target).__name__} {target.id} is append-only")
