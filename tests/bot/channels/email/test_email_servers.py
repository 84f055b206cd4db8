"""The e-mail channel end to end: real Dovecot (IMAP) and aiosmtpd (SMTP) on 127.0.0.1.

Each test starts the channel's own polling loop against the mailbox, puts mail in it as a
person's mail client would arrive, and reads what the SMTP server accepted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.channels.email.channel import EmailChannel
from bot.channels.email.settings import from_address, imap_target, smtp_target
from bot.db import transaction
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.messages import Button, Delivery
from bot.models import (
    CaseEvent,
    CaseKind,
    Channel,
    Deadline,
    DeadlineStatus,
    Invoice,
    OrganisationKind,
    Person,
    ProcessedMessage,
    Question,
    Reminder,
    Role,
    RoutingRule,
)
from bot.outbox import claim, enqueue
from handlers.cases.service import NewCase, open_case
from handlers.deadlines.ics import calendar_domain, deadline_uid
from handlers.deadlines.store import ReminderPolicy
from handlers.deadlines.sweep import sweep
from scheduler.rules import WorkingCalendar
from tests.factories import FIXED_NOW, make_incoming, make_organisation, make_person
from tests.mailservers import Dovecot, SmtpServer, free_port
from tests.serving import Serve, add_people, migrated, queue_notifications

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

BOT = "Pledgebot <pledgebot@council.example>"
SAM = "sam@provider.example"
PRIYA = "priya@northshire.example"
KIM = "kim@hillview.example"


def channel_for(app: App, dovecot: Dovecot, smtp: SmtpServer) -> EmailChannel:
    return EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                        imap=imap_target(dovecot.url), poll_seconds=0.05,
                        templates=app.templates, clock=lambda: FIXED_NOW, timeout=10)


def mail(sender: str, body: str, *, subject: str = "A question", message_id: str,
         **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "pledgebot@council.example"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def all_seen(dovecot: Dovecot) -> bool:
    return all(b"\\Seen" in flags for flags in dovecot.flags())


def run_channel(app: App, dovecot: Dovecot, smtp: SmtpServer,
                scenario: Callable[[EmailChannel], Awaitable[None]]) -> None:
    async def main() -> None:
        channel = channel_for(app, dovecot, smtp)
        await channel.start(app.router)
        try:
            await scenario(channel)
        finally:
            await channel.stop()
    asyncio.run(main())


async def until_seen(dovecot: Dovecot) -> None:
    deadline = time.monotonic() + 15.0
    while not await asyncio.to_thread(all_seen, dovecot):
        assert time.monotonic() < deadline, "the channel did not read its mailbox"
        await asyncio.sleep(0.05)


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_a_question_emailed_is_answered_in_the_same_thread_and_its_buttons_by_reply(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL, preferred_channel=Channel.EMAIL)
    question = mail(f"Sam <{SAM}>", "How long does the council have to pay our invoices?\n\n"
                    "-- \nSam, Riverside Care", subject="Invoices",
                    message_id="<q1@provider.example>", References="<earlier@provider.example>")

    async def scenario(channel: EmailChannel) -> None:
        await asyncio.to_thread(dovecot.deliver, question)
        [answer] = await asyncio.to_thread(smtp.wait_for, 1)
        assert answer["In-Reply-To"] == "<q1@provider.example>"
        assert answer["References"] == "<earlier@provider.example> <q1@provider.example>"
        assert answer["Subject"] == "Re: Invoices"
        assert answer["To"] == SAM
        assert answer["Auto-Submitted"] == "auto-replied"
        assert answer["Message-ID"].endswith("@council.example>")
        words = text_of(answer)
        assert words.startswith("Council payment terms and late payment\n"
                                "Councils must normally pay undisputed invoices within 30 days")
        assert ("Reply to this e-mail with one of: Helpful, Not helpful, Ask a commissioner."
                in words)
        html = answer.get_body(("html",))
        assert html is not None
        assert "within 30 days" in html.get_content()
        thanks = mail(SAM, "Helpful\n\nOn Thu, Pledgebot wrote:\n> Council payment terms",
                      subject="Re: Invoices", message_id="<q2@provider.example>",
                      In_Reply_To=answer["Message-ID"],
                      References=f"<q1@provider.example> {answer['Message-ID']}")
        await asyncio.to_thread(dovecot.deliver, thanks)
        [_, rated] = await asyncio.to_thread(smtp.wait_for, 2)
        assert text_of(rated).startswith("Thank you, that helps me know the answer is right.")
        await until_seen(dovecot)

    run_channel(app, dovecot, smtp, scenario)
    with factory() as session:
        assert session.scalars(select(Question.helpful)).all() == [True]


def test_a_question_emailed_with_an_outlook_signature_is_answered_and_kept_without_it(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    # Session 36's trial: a sign-off, name, role, phone and disclaimer under the question
    # (no "-- " line) made it "I don't know".
    make_person(factory, email=SAM, channel=Channel.EMAIL, preferred_channel=Channel.EMAIL)
    question = mail(f"Sam <{SAM}>", "How long is the standstill period?\n\nKind regards,\n"
                    "Jo Bloggs\nRegistered Manager | Hillview Home Care CIC\nM: 07700 900123\n"
                    "This email and any attachments are confidential and intended solely for "
                    "the addressee.", subject="Standstill", message_id="<s1@provider.example>")

    async def scenario(channel: EmailChannel) -> None:
        await asyncio.to_thread(dovecot.deliver, question)
        [answer] = await asyncio.to_thread(smtp.wait_for, 1)
        assert text_of(answer).startswith("Standstill periods and challenging an award\n"
                                          "Standstill lasts at least 8 working days")
        await until_seen(dovecot)

    run_channel(app, dovecot, smtp, scenario)
    with factory() as session:
        assert session.scalars(select(Question.text)).all() == [
            "How long is the standstill period?"]


def test_unknown_senders_are_answered_once_a_day(
        app: App, dovecot: Dovecot, smtp: SmtpServer) -> None:
    async def scenario(channel: EmailChannel) -> None:
        for number in range(3):
            await asyncio.to_thread(dovecot.deliver, mail(
                "stranger@elsewhere.example", "hello?", message_id=f"<s{number}@elsewhere>"))
        await until_seen(dovecot)
        await asyncio.sleep(0.3)

    run_channel(app, dovecot, smtp, scenario)
    assert len(smtp.messages) == 1
    [(envelope, answer)] = smtp.messages
    assert envelope.rcpt_tos == ["stranger@elsewhere.example"]
    assert "don't know" in text_of(answer).lower() or "not" in text_of(answer).lower()


LOOPS = {
    "auto-submitted": {"Auto_Submitted": "auto-replied"},
    "precedence-bulk": {"Precedence": "bulk"},
    "precedence-junk": {"Precedence": "junk"},
    "precedence-list": {"Precedence": "list"},
    "x-autoreply": {"X_Autoreply": "yes"},
    "x-auto-response-suppress": {"X_Auto_Response_Suppress": "All"},
    "list-id": {"List_Id": "<care.lists.example>"},
    "null-sender": {"Return_Path": "<>"},
}


def test_auto_replies_bounces_lists_and_itself_get_no_answer(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    messages: list[EmailMessage | bytes] = [
        mail(SAM, "I am out of the office", message_id=f"<loop-{name}@p>", **headers)
        for name, headers in LOOPS.items()]
    messages.append(mail("MAILER-DAEMON@mx.provider.example", "undeliverable",
                         message_id="<daemon@p>"))
    messages.append(mail(BOT, "a copy of our own", message_id="<own@p>"))
    report = (b"From: Mail System <" + SAM.encode() + b">\r\n"
              b"Subject: Delivery Status Notification (Failure)\r\n"
              b"Message-ID: <dsn@p>\r\nMIME-Version: 1.0\r\n"
              b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n"
              b"\r\n--B\r\nContent-Type: text/plain\r\n\r\nCould not be delivered.\r\n"
              b"--B\r\nContent-Type: message/delivery-status\r\n\r\n"
              b"Reporting-MTA: dns; mx.example\r\n\r\n--B--\r\n")
    messages.append(report)
    # A real message last: once it is answered, every one before it has been read.
    messages.append(mail(SAM, "/help", message_id="<real@p>"))

    async def scenario(channel: EmailChannel) -> None:
        for message in messages:
            await asyncio.to_thread(dovecot.deliver, message)
        [answer] = await asyncio.to_thread(smtp.wait_for, 1)
        assert answer["In-Reply-To"] == "<real@p>"
        await until_seen(dovecot)
        await asyncio.sleep(0.3)

    run_channel(app, dovecot, smtp, scenario)
    assert len(smtp.messages) == 1


def test_a_crash_after_handling_and_before_flagging_does_not_handle_twice(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    question = mail(SAM, "/help", message_id="<once@provider.example>")

    async def scenario(channel: EmailChannel) -> None:
        # Handled (and answered) by a process that then died before flagging it \\Seen:
        await channel.receive(question.as_bytes())
        await asyncio.to_thread(dovecot.deliver, question)
        await until_seen(dovecot)
        await asyncio.sleep(0.3)

    run_channel(app, dovecot, smtp, scenario)
    assert len(smtp.messages) == 1
    with factory() as session:
        handled = session.scalar(select(func.count()).select_from(ProcessedMessage).where(
            ProcessedMessage.key == "email:<once@provider.example>"))
    assert handled == 1


def _delivery(address: str, *, key: str = "reminder:1", text: str = "Review due",
              case: str | None = None) -> Delivery:
    return Delivery(outbox_id=7, idempotency_key=key, channel=Channel.EMAIL, address=address,
                    kind="reminder", text=text, urgent=False, attempt=1,
                    buttons=(Button(label="Done", action="deadline.done", value="3"),),
                    case_reference=case)


def test_outbound_delivery_and_its_error_kinds(app: App, smtp: SmtpServer, tmp_path: Path
                                               ) -> None:
    smtp.refuse["gone@provider.example"] = "550 5.1.1 No such user"
    smtp.refuse["full@provider.example"] = "452 4.2.2 Mailbox full"
    channel = EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                           templates=app.templates, clock=lambda: FIXED_NOW, timeout=10)

    async def scenario() -> None:
        await channel.deliver(_delivery(SAM, text="Case PB-2026-000123 needs you <b>now</b>",
                                        case="PB-2026-000123"))
        with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1 No such user"):
            await channel.deliver(_delivery("gone@provider.example"))
        with pytest.raises(DeliveryError, match="452") as deferred:
            await channel.deliver(_delivery("full@provider.example"))
        assert not isinstance(deferred.value, PermanentDeliveryError)
        closed = EmailChannel(smtp=smtp_target(f"smtp://127.0.0.1:{free_port()}"),
                              sender=from_address(BOT), templates=app.templates, timeout=2)
        with pytest.raises(DeliveryError) as refused:
            await closed.deliver(_delivery(SAM))
        assert not isinstance(refused.value, PermanentDeliveryError)

    asyncio.run(scenario())
    [sent] = smtp.wait_for(1)
    assert sent["Subject"] == "[PB-2026-000123] Case PB-2026-000123 needs you <b>now</b>"
    assert sent["Auto-Submitted"] == "auto-generated"
    assert sent["Message-ID"].startswith("<pb.7.")
    assert sent["From"].addresses[0].display_name == "Pledgebot"
    html = sent.get_body(("html",))
    assert html is not None
    assert "&lt;b&gt;now&lt;/b&gt;" in html.get_content()
    assert "<b>now" not in html.get_content()
    assert "Reply to this e-mail with one of: Done." in text_of(sent)


def test_a_reminder_emailed_with_its_calendar_and_a_reply_done_closes_it(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    make_person(factory, email=PRIYA, role=Role.COMMISSIONER, organisation_id=council)
    make_person(factory, email=SAM, organisation_id=provider, channel=Channel.EMAIL,
                preferred_channel=Channel.EMAIL)
    make_person(factory, email=KIM, channel=Channel.EMAIL)
    [added] = app.router.handle(make_incoming(f"/placement new P-7 2026-11-02 {PRIYA}",
                                              sender=SAM, channel=Channel.EMAIL))
    assert added.text.startswith("Placement P-7 added"), added.text
    with factory() as session:
        first = session.scalar(select(func.min(Reminder.send_at)).join(
            Person, Person.id == Reminder.person_id).where(Person.email == SAM))
    assert first is not None
    sweep(factory, now=first, templates=app.templates, calendar=WorkingCalendar(),
          policy=ReminderPolicy())
    deliveries = claim(app.factory, Channel.EMAIL, policy=app.policy, now=first)
    [reminder] = [d for d in deliveries if d.kind.startswith("reminder.")]

    async def scenario(channel: EmailChannel) -> None:
        await channel.deliver(reminder)
        [sent] = await asyncio.to_thread(smtp.wait_for, 1)
        [calendar] = [part for part in sent.iter_attachments()
                      if part.get_content_type() == "text/calendar"]
        assert calendar.get_param("method") == "REQUEST"
        ics = calendar.get_content()
        assert "METHOD:REQUEST" in ics
        # The council's own domain (the From: address's), as `calendar export` uses.
        uid = deadline_uid(int(reminder.buttons[0].value), calendar_domain(BOT, None))
        assert uid == f"deadline-{reminder.buttons[0].value}@council.example"
        assert f"UID:{uid}" in ics
        assert "Reply to this e-mail with one of: Done, Snooze 1 day" in text_of(sent)
        # Forwarded to Kim, at another provider: her "done" presses nothing of Sam's.
        forwarded = mail(KIM, "done", subject=f"Fwd: {sent['Subject']}",
                         message_id="<kim@hillview.example>", In_Reply_To=sent["Message-ID"])
        await asyncio.to_thread(dovecot.deliver, forwarded)
        [_, to_kim] = await asyncio.to_thread(smtp.wait_for, 2)
        assert to_kim["To"] == KIM
        with factory() as session:
            still = session.get_one(Deadline, int(reminder.buttons[0].value))
            assert still.status == DeadlineStatus.OPEN
        answer = mail(SAM, "Done.\n\nOn Mon, Pledgebot wrote:\n> Press Done when it is done",
                      subject=f"Re: {sent['Subject']}", message_id="<done@provider.example>",
                      In_Reply_To=sent["Message-ID"], References=sent["Message-ID"])
        await asyncio.to_thread(dovecot.deliver, answer)
        [_, _, closed] = await asyncio.to_thread(smtp.wait_for, 3)
        assert closed["In-Reply-To"] == "<done@provider.example>"
        assert "P-7" in text_of(closed)

    run_channel(app, dovecot, smtp, scenario)
    with factory() as session:
        deadline = session.get_one(Deadline, int(reminder.buttons[0].value))
    assert deadline.status == DeadlineStatus.DONE



def test_an_address_nobody_verified_is_not_asked_to_reply(
        app: App, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    # Its reply would be refused (anyone can type a From: line), so the choices are not
    # offered as replies; the reader is told what to do instead.
    make_person(factory, email=KIM, channel=Channel.EMAIL, verified=False)
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    channel = EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                           templates=app.templates, clock=lambda: FIXED_NOW, timeout=10)

    asked = replace(_delivery(KIM, key="case:kim", text="Priya asks about case PB-2026-000004: "
                              "which dates? Reply with /case PB-2026-000004 comment YOUR ANSWER"),
                    buttons=())

    async def scenario() -> None:
        await channel.start(app.router)  # sending only: no mailbox
        await channel.deliver(_delivery(KIM, key="reminder:kim"))
        await channel.deliver(_delivery(SAM, key="reminder:sam"))
        await channel.deliver(asked)
        await channel.stop()

    asyncio.run(scenario())
    to_kim, to_sam, asked_kim = smtp.wait_for(3)
    assert (to_kim["To"], to_sam["To"], asked_kim["To"]) == (KIM, SAM, KIM)
    not_read = ("Replies from this address are not read yet, so nothing sent back to it (a "
                "reply, a command) reaches the council: ask the council to confirm your "
                "address with pledgebot.")
    assert "Reply to this e-mail" not in text_of(to_kim)
    assert not_read in text_of(to_kim)
    html = to_kim.get_body(("html",))
    assert html is not None
    assert "Replies from this address are not read yet" in html.get_content()
    # A notification whose own words ask for a reply says the same (no buttons).
    assert not_read in text_of(asked_kim)
    assert "Reply to this e-mail with one of: Done." in text_of(to_sam)
    assert "not read yet" not in text_of(to_sam)


def test_a_case_email_replied_to_comments_on_the_case_and_only_for_its_people(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    priya = make_person(factory, email=PRIYA, role=Role.COMMISSIONER, organisation_id=council,
                        channel=Channel.EMAIL, preferred_channel=Channel.EMAIL)
    sam = make_person(factory, email=SAM, organisation_id=provider)
    make_person(factory, email=KIM, channel=Channel.EMAIL)
    with transaction(factory) as session:
        session.add(RoutingRule(position=1, council_id=council, commissioner_id=priya))
        session.flush()
        case, notes = open_case(
            session, NewCase(kind=CaseKind.CONFLICT, category="payment", council_id=council,
                             provider_id=provider, raised_by_id=sam,
                             description="Invoice 7 is 40 days unpaid"),
            settings=app.settings, policy=app.router.deps.sla,
            calendar=app.router.deps.calendar, now=FIXED_NOW, templates=app.templates)
        reference = case.reference
        for note in notes:
            enqueue(session, note, now=FIXED_NOW)
    [alert] = claim(app.factory, Channel.EMAIL, policy=app.policy, now=FIXED_NOW)

    async def scenario(channel: EmailChannel) -> None:
        await channel.deliver(alert)
        [sent] = await asyncio.to_thread(smtp.wait_for, 1)
        assert str(sent["Subject"]).startswith(f"[{reference}] ")
        for sender, words, number in ((KIM, "Not yours to read", "1"),
                                      (PRIYA, "We will pay on Friday.\n\n> quoted", "2")):
            await asyncio.to_thread(dovecot.deliver, mail(
                sender, words, subject=f"RE: {sent['Subject']}",
                message_id=f"<reply{number}@p>", In_Reply_To=sent["Message-ID"]))
            await asyncio.to_thread(smtp.wait_for, 1 + int(number))

    run_channel(app, dovecot, smtp, scenario)
    [_, to_kim, to_priya] = [message for _, message in smtp.messages]
    assert to_kim["To"] == KIM
    assert text_of(to_kim).startswith(f"I can't find a case '{reference}' that you can see.")
    assert to_priya["In-Reply-To"] == "<reply2@p>"
    assert reference in str(to_priya["Subject"])
    with factory() as session:
        events = session.execute(select(CaseEvent.action, CaseEvent.text, CaseEvent.actor_id)
                                 .order_by(CaseEvent.id)).all()
    # The owner's reply acknowledges the open case (session 22) and is its comment.
    assert [(action, actor) for action, _text, actor in events] == [
        ("opened", sam), ("acknowledged", priya), ("comment", priya)]
    assert events[2].text == "We will pay on Friday."


def test_idle_hears_new_mail_long_before_the_next_poll(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL)

    async def main() -> None:
        channel = channel_for(app, dovecot, smtp)
        channel.poll_seconds = 600
        await channel.start(app.router)
        try:
            deadline = time.monotonic() + 10
            while not channel.idle:
                assert time.monotonic() < deadline, "the channel never entered IDLE"
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)
            await asyncio.to_thread(dovecot.deliver, mail(SAM, "/help", message_id="<idle@p>"))
            [answer] = await asyncio.to_thread(smtp.wait_for, 1, 10.0)
            assert answer["In-Reply-To"] == "<idle@p>"
        finally:
            started = time.monotonic()
            await channel.stop()
            assert time.monotonic() - started < 5

    asyncio.run(main())


def test_a_mailbox_that_cannot_be_read_is_named_by_not_ready(app: App, smtp: SmtpServer) -> None:
    async def main() -> None:
        channel = EmailChannel(
            smtp=smtp_target(smtp.url), sender=from_address(BOT),
            imap=imap_target(f"imap://bot:wrong@127.0.0.1:{free_port()}/INBOX"),
            poll_seconds=0.05, templates=app.templates, timeout=2)
        assert channel.not_ready() == "IMAP: not connected yet"
        await channel.start(app.router)
        await asyncio.sleep(0.5)
        problem = channel.not_ready()
        await channel.stop()
        assert problem is not None
        assert problem.startswith("IMAP: ConnectionRefusedError")

    asyncio.run(main())


def test_serve_reads_and_answers_mail_and_delivers_the_outbox_by_email(
        dovecot: Dovecot, smtp: SmtpServer, sqlite_url: str, tmp_path: Path) -> None:
    factory = migrated(sqlite_url)
    [person] = add_people(factory, 1, preferred=Channel.EMAIL)
    queue_notifications(factory, 1, [person])
    factory.kw["bind"].dispose()
    env = {"PLEDGEBOT_DATABASE_URL": sqlite_url, "PLEDGEBOT_SMTP_URL": smtp.url,
           "PLEDGEBOT_EMAIL_FROM": BOT, "PLEDGEBOT_IMAP_URL": dovecot.url,
           "PLEDGEBOT_IMAP_POLL_SECONDS": "0.2", "PLEDGEBOT_OUTBOX_POLL_SECONDS": "0.2",
           "PLEDGEBOT_LOG_LEVEL": "INFO"}
    serve = Serve(env, tmp_path).start()
    try:
        serve.wait_ready()
        [note] = smtp.wait_for(1)
        assert note["To"] == "person0@serve.example"
        assert text_of(note).startswith("Message 0")
        dovecot.deliver(mail("person0@serve.example", "/whoami", message_id="<serve@p>"))
        [_, answer] = smtp.wait_for(2)
        assert answer["In-Reply-To"] == "<serve@p>"
        assert text_of(answer).startswith("You are Person 0 (provider)")
        assert serve.stop() == 0
    finally:
        serve.close()


def test_a_reply_naming_an_invoice_reminders_mark_paid_with_a_day_records_it_paid(
        app: App, dovecot: Dovecot, smtp: SmtpServer, factory: sessionmaker[Session]) -> None:
    # Session 36's review: once an invoice reminder's Done was relabelled "Mark paid", a reply
    # "Mark paid 05/12/2026" (no /mark-paid command) and "done 05/12/2026" (no Done button) were
    # both read as questions: "I don't know", nothing recorded.
    council = make_organisation(factory, "Northshire", OrganisationKind.COUNCIL)
    provider = make_organisation(factory, "Riverside", OrganisationKind.PROVIDER)
    make_person(factory, email=PRIYA, role=Role.COMMISSIONER, organisation_id=council)
    make_person(factory, email=SAM, organisation_id=provider, channel=Channel.EMAIL,
                preferred_channel=Channel.EMAIL)
    say = [f"/placement new P-7 2026-10-01 {PRIYA}"] + [
        f"/invoice received INV-{number} 2026-11-02 100 P-7" for number in (1, 2, 3)]
    for text in say:
        [reply] = app.router.handle(make_incoming(text, sender=SAM, channel=Channel.EMAIL))
        assert "not" not in reply.text.split()[:3], reply.text
    with factory() as session:
        payments = {invoice.number: deadline.id for deadline, invoice in session.execute(
            select(Deadline, Invoice).join(Invoice, Invoice.id == Deadline.invoice_id))}
        first = session.scalar(select(func.min(Reminder.send_at)).join(
            Person, Person.id == Reminder.person_id).where(
            Person.email == SAM, Reminder.deadline_id.in_(payments.values())))
    assert first is not None
    sweep(factory, now=first, templates=app.templates, calendar=WorkingCalendar(),
          policy=ReminderPolicy())
    deliveries = claim(app.factory, Channel.EMAIL, policy=app.policy, now=first)
    reminders = {int(d.buttons[0].value): d for d in deliveries
                 if d.kind == "reminder.payment" and d.buttons
                 and d.buttons[0].label == "Mark paid"}
    replies = {"INV-1": "Mark paid 20/11/2026", "INV-2": "done 19/11/2026",
               "INV-3": "paid 18/11/2026"}

    async def scenario(channel: EmailChannel) -> None:
        for count, (number, words) in enumerate(replies.items(), start=1):
            reminder = reminders[payments[number]]
            await channel.deliver(reminder)
            sent = (await asyncio.to_thread(smtp.wait_for, 2 * count - 1))[-1]
            assert "Reply to this e-mail with one of: Mark paid" in text_of(sent)
            answer = mail(SAM, f"{words}\n\nOn Mon, Pledgebot wrote:\n> Press Mark paid",
                          subject=f"Re: {sent['Subject']}", message_id=f"<{number}@p.example>",
                          In_Reply_To=sent["Message-ID"], References=sent["Message-ID"])
            await asyncio.to_thread(dovecot.deliver, answer)
            told = (await asyncio.to_thread(smtp.wait_for, 2 * count))[-1]
            assert text_of(told).startswith(f"Invoice {number} recorded as paid on"), (
                text_of(told))

    run_channel(app, dovecot, smtp, scenario)
    with factory() as session:
        paid = {invoice.number: invoice.paid_on for invoice in session.scalars(select(Invoice))}
    assert paid == {"INV-1": date(2026, 11, 20), "INV-2": date(2026, 11, 19),
                    "INV-3": date(2026, 11, 18)}
