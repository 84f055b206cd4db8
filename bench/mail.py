"""E-mail throughput: mail fetched, handled and answered per second through a real Dovecot and
aiosmtpd; outbound messages per second to aiosmtpd, beside the SMTP server's own accept rate.

    python bench/mail.py                      # 200 messages, SQLite
    python bench/mail.py --messages 500 --db postgresql

Phases (each on the same fresh database, Dovecot and aiosmtpd):

- ``inbound``: N messages from a registered sender (a mix of knowledge-base questions and
  ``/help``) are put in the mailbox first; then the channel starts and the clock runs until
  aiosmtpd has accepted N answers. Per message: IMAP SEARCH/FETCH BODY.PEEK[], parse, router
  (de-duplication, identity, safeguarding, the answer), compose, SMTP send, STORE \\Seen.
- ``outbound``: N outbox deliveries (a reminder-like text with four buttons) through
  ``EmailChannel.deliver``, one after another as the outbox sender calls it: compose from the
  templates, one SMTP connection per message.
- ``smtp accept (new connection)``: the same N already-built messages sent with
  ``aiosmtplib.send`` one connection each: the SMTP server's accept rate for the way we send.
- ``smtp accept (one connection)``: the N messages over one ``smtplib`` connection: the server's
  ceiling.
"""

# ruff: noqa: E402  (the repository root goes on sys.path before the project is imported)
# Named mail.py, not email.py: ``python bench/X.py`` puts bench/ first on sys.path, where an
# email.py would stand in for the standard library's ``email`` in every benchmark script.
from __future__ import annotations

import argparse
import asyncio
import smtplib
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiosmtplib
from _db import fresh_database

from bot.app import build_app
from bot.channels.email.channel import EmailChannel
from bot.channels.email.render import compose_delivery
from bot.channels.email.settings import from_address, imap_target, smtp_target
from bot.config import Settings
from bot.messages import Button, Delivery
from bot.models import Channel
from tests.factories import make_person
from tests.mailservers import Dovecot, SmtpServer, running_dovecot, running_smtp

BOT = from_address("Pledgebot <pledgebot@council.example>")
SAM = "sam@provider.example"
QUESTIONS = ("How quickly should the council pay an invoice?", "/help",
             "What is the pledge to work together?", "When is the initial placement review?")


def _question(number: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"Sam <{SAM}>"
    message["To"] = str(BOT)
    message["Subject"] = "A question"
    message["Message-ID"] = f"<bench{number}@provider.example>"
    message.set_content(QUESTIONS[number % len(QUESTIONS)])
    return message.as_bytes()


def _delivery(number: int) -> Delivery:
    buttons = tuple(Button(label=label, action=f"a{i}", value=str(number))
                    for i, label in enumerate(("Done", "Snooze 1 day", "Snooze 1 week",
                                               "Not applicable")))
    return Delivery(outbox_id=number, idempotency_key=f"bench:{number}", channel=Channel.EMAIL,
                    address=SAM, kind="case.escalated", urgent=False, attempt=1,
                    text=f"Case PB-2026-{number:06d} is waiting for you.\n\nPlease look.",
                    buttons=buttons)


async def _inbound(channel: EmailChannel, app_router: object, dovecot: Dovecot,
                   smtp: SmtpServer, count: int) -> float:
    for number in range(count):
        dovecot.deliver(_question(number))
    started = time.perf_counter()
    await channel.start(app_router)  # type: ignore[arg-type]
    await asyncio.to_thread(smtp.wait_for, count, 600.0)
    elapsed = time.perf_counter() - started
    await channel.stop()
    return elapsed


async def _outbound(channel: EmailChannel, count: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        await channel.deliver(_delivery(number))
    return time.perf_counter() - started


async def _accept_new_connections(smtp: SmtpServer, messages: list[EmailMessage]) -> float:
    started = time.perf_counter()
    for message in messages:
        await aiosmtplib.send(message, sender=BOT.addr_spec, recipients=[SAM],
                              hostname="127.0.0.1", port=smtp.port)
    return time.perf_counter() - started


def _accept_one_connection(smtp: SmtpServer, messages: list[EmailMessage]) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", smtp.port) as client:
        for message in messages:
            client.send_message(message, from_addr=BOT.addr_spec, to_addrs=[SAM])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    count = args.messages
    with fresh_database(args.db) as url, \
            tempfile.TemporaryDirectory(prefix="pledgebot-bench-imap-") as folder, \
            running_dovecot(Path(folder)) as dovecot, running_smtp() as smtp:
        app = build_app(Settings(database_url=url))
        make_person(app.factory, email=SAM, channel=Channel.EMAIL)
        channel = EmailChannel(smtp=smtp_target(smtp.url), sender=BOT,
                               imap=imap_target(dovecot.url), poll_seconds=0.05,
                               templates=app.templates)
        rows: list[tuple[str, float]] = []
        rows.append(("inbound (fetch, handle, answer)",
                     asyncio.run(_inbound(channel, app.router, dovecot, smtp, count))))
        answers = [message for _, message in smtp.messages]
        assert all(m["In-Reply-To"] for m in answers), "an answer lost its thread"
        outbound = EmailChannel(smtp=smtp_target(smtp.url), sender=BOT, templates=app.templates)
        rows.append(("outbound (EmailChannel.deliver)", asyncio.run(_outbound(outbound, count))))
        built = [compose_delivery(app.templates, sender=BOT, delivery=_delivery(n),
                                  date=app.clock()) for n in range(count)]
        rows.append(("smtp accept (new connection)",
                     asyncio.run(_accept_new_connections(smtp, built))))
        rows.append(("smtp accept (one connection)", _accept_one_connection(smtp, built)))
        assert len(smtp.messages) == 4 * count, len(smtp.messages)
        app.close()
    print(f"{count} messages, {args.db}")
    print(f"{'phase':<34} {'seconds':>8} {'per second':>11}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>8.2f} {count / seconds:>11.1f}")


if __name__ == "__main__":
    main()
