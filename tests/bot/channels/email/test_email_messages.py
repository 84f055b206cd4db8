"""The e-mail channel's pure parts (URLs, parsing, rendering) and a corpus of hostile or odd
messages handled through the real router and a real SMTP server."""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
from email.message import EmailMessage

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.channels.email.adapter import html_to_text, parse, pressed, strip_quoting
from bot.channels.email.channel import EmailChannel
from bot.channels.email.render import (
    compose,
    compose_delivery,
    compose_reply,
    delivery_subject,
    one_line,
    to_bytes,
)
from bot.channels.email.settings import from_address, imap_target, smtp_target
from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.messages import Button, Delivery, Notification, Reply
from bot.models import Channel, OutboxMessage, OutboxStatus
from bot.templates import make_templates
from tests.factories import FIXED_NOW, make_person
from tests.mailservers import SmtpServer

pytestmark = pytest.mark.one_database_each  # tests/conftest.py

BOT = "Pledgebot <pledgebot@council.example>"
SAM = "sam@provider.example"
TEMPLATES = make_templates()


# --- settings ---------------------------------------------------------------------------------

def test_smtp_urls() -> None:
    plain = smtp_target("smtp://mail.council.example")
    assert (plain.host, plain.port, plain.tls, plain.starttls, plain.username) == (
        "mail.council.example", 25, False, False, None)
    secure = smtp_target("smtps://bot%40council.example:p%40ss%3Aw0rd@mail.example")
    assert (secure.port, secure.tls, secure.username, secure.password) == (
        465, True, "bot@council.example", "p@ss:w0rd")
    start = smtp_target("smtp+starttls://u:p@mail.example:2525")
    assert (start.port, start.starttls, start.tls) == (2525, True, False)


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "smtp://host:99999",
                                 "mail.example"])
def test_bad_smtp_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="PLEDGEBOT_SMTP_URL"):
        smtp_target(url)


def test_imap_urls() -> None:
    target = imap_target("imaps://bot:s%2Fcret@imap.example/Pledgebot%20In")
    assert (target.host, target.port, target.tls, target.password, target.folder) == (
        "imap.example", 993, True, "s/cret", "Pledgebot In")
    assert imap_target("imap://bot:x@imap.example").folder == "INBOX"
    with pytest.raises(ConfigError, match="user:password@"):
        imap_target("imap://imap.example")


def test_from_address() -> None:
    assert str(from_address("Pledgebot <pledgebot@council.example>")) == (
        "Pledgebot <pledgebot@council.example>")
    for bad in ("pledgebot", "Pledgebot <>", "a@b\nBcc: x@y"):
        with pytest.raises(ConfigError, match="PLEDGEBOT_EMAIL_FROM"):
            from_address(bad)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("PLEDGEBOT_SMTP_URL", "http://mail.example", "setting PLEDGEBOT_SMTP_URL: must start with "
                                                  "smtp://, smtp+starttls://, smtps://"),
    ("PLEDGEBOT_IMAP_URL", "pop3://u:p@mail.example", "setting PLEDGEBOT_IMAP_URL: must start "
                                                      "with imap://, imaps://"),
])
def test_a_mail_url_of_the_wrong_kind_is_refused_at_start(
        monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == message


def test_the_email_settings_are_read_by_their_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEBOT_SMTP_URL", "smtp://127.0.0.1:2525")
    monkeypatch.setenv("PLEDGEBOT_EMAIL_FROM", BOT)
    monkeypatch.setenv("PLEDGEBOT_IMAP_URL", "imap://bot:x@127.0.0.1:1143")
    monkeypatch.setenv("PLEDGEBOT_IMAP_POLL_SECONDS", "15")
    monkeypatch.setenv("PLEDGEBOT_EMAIL_REQUIRE_AUTH", "true")
    settings = Settings()
    assert (settings.smtp_url, settings.email_from, settings.imap_url,
            settings.imap_poll_seconds, settings.email_require_auth) == (
        "smtp://127.0.0.1:2525", BOT, "imap://bot:x@127.0.0.1:1143", 15.0, True)
    from bot.app import configured_kinds
    assert configured_kinds(settings) == [Channel.EMAIL]


# --- reading ----------------------------------------------------------------------------------

def test_quoting_and_signatures_are_cut() -> None:
    text = ("Yes, paid on Friday.\n\nOn Mon 30 Nov 2026, Pledgebot wrote:\n> Invoice INV-7\n"
            "> is due\n")
    assert strip_quoting(text) == "Yes, paid on Friday."
    assert strip_quoting("Thanks\n-- \nSam\nRiverside") == "Thanks"
    assert strip_quoting("> only quoted\n> lines") == ""
    assert strip_quoting("Fine\n-----Original Message-----\nFrom: x") == "Fine"


def test_html_becomes_text_without_scripts_or_quotes() -> None:
    markup = ("<html><head><style>p{}</style></head><body><p>When is&nbsp;the review?</p>"
              "<script>alert(1)</script><blockquote>old words</blockquote></body></html>")
    assert html_to_text(markup).split() == ["When", "is", "the", "review?"]


@pytest.mark.parametrize(("text", "label", "rest"), [
    ("done", "Done", ""), ("Done.", "Done", ""), ("DONE 2026-12-01 increase", "Done",
                                                 "2026-12-01 increase"),
    ("snooze a week", "Snooze 1 week", ""), ("Snooze 1 day", "Snooze 1 day", ""),
    ("not applicable Placement ended", "Not applicable", "Placement ended"),
    ("n/a moved away", "Not applicable", "moved away"),
])
def test_reply_words_press_a_reminders_buttons(text: str, label: str, rest: str) -> None:
    buttons = (Button(label="Done", action="d", value="1"),
               Button(label="Snooze 1 day", action="s1", value="1"),
               Button(label="Snooze 1 week", action="s7", value="1"),
               Button(label="Not applicable", action="na", value="1"))
    found = pressed(text, buttons)
    assert found is not None
    assert (found[0].label, found[1]) == (label, rest)
    assert pressed("donep", buttons) is None
    assert pressed("is it done?", buttons) is None


# --- writing ----------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & <b>bold</b> \u202e'


def test_a_reply_parses_back_with_its_html_escaped() -> None:
    message = compose_reply(
        TEMPLATES, sender=from_address("Plédgebot Ünïcode <pledgebot@council.example>"),
        to=SAM, original_subject="Re: Re: Fwd: question\r\nBcc: evil@x.example",
        original_id="<q@p>", original_references=["<a@p>"],
        replies=[Reply(text=f"You wrote {HOSTILE}\n\nSecond paragraph",
                       buttons=(Button(label="Helpful <yes>", action="a", value="1"),))],
        date=FIXED_NOW)
    raw = message.as_bytes()
    assert b"Bcc" not in raw.split(b"\n\n", 1)[0].replace(b"Re: question Bcc", b"")
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["From"].addresses[0].display_name == "Plédgebot Ünïcode"
    assert b"=?utf-8?" in raw.split(b"\n\n", 1)[0]
    assert parsed["Subject"] == "Re: question Bcc: evil@x.example"
    assert parsed.get_all("Bcc") is None
    assert parsed["References"] == "<a@p> <q@p>"
    html = parsed.get_body(("html",))
    assert html is not None
    content = html.get_content()
    assert ("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
            in content)
    assert "<script" not in content
    assert "Helpful &lt;yes&gt;" in content
    plain = parsed.get_body(("plain",))
    assert plain is not None
    assert HOSTILE in plain.get_content()


def test_a_digest_can_carry_list_unsubscribe_with_one_click() -> None:
    message = compose(TEMPLATES, sender=from_address(BOT), to=SAM, subject="Weekly digest",
                      texts=["Three things this week."], date=FIXED_NOW,
                      unsubscribe="https://pledgebot.council.example/unsubscribe/abc")
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["List-Unsubscribe"] == "<https://pledgebot.council.example/unsubscribe/abc>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Auto-Submitted"] is None


def test_subjects_are_one_line() -> None:
    assert one_line("a\r\nb\x00c\u2028d") == "a b c d"
    assert len(one_line("x" * 500)) == 120


@pytest.mark.parametrize(("text", "case", "subject"), [
    # Session 35's brief: a long first line was cut mid-word ("... was the in…").
    ("New comment on PB-2026-000123 from Sam, answering your question “Which address was the "
     "invoice for RV-0042 sent to?”:\n“Flat 2”", "PB-2026-000123",
     "[PB-2026-000123] New comment on PB-2026-000123 from Sam, answering your question “Which "
     "address was the…"),
    # One word longer than the line is cut inside it.
    ("x" * 200, None, "x" * 89 + "…"),
])
def test_a_long_subject_is_cut_between_words(text: str, case: str | None, subject: str) -> None:
    message = compose_delivery(TEMPLATES, sender=from_address(BOT),
                               delivery=_delivery("case.comment", text, case), date=FIXED_NOW)
    parsed = email.message_from_bytes(to_bytes(message), policy=email.policy.default)
    assert parsed["Subject"] == subject


def test_a_long_reply_subject_is_cut_between_words() -> None:
    message = compose_reply(
        TEMPLATES, sender=from_address(BOT), to=SAM, original_id="<q1@p>",
        original_subject="Question about the payment terms for our residential placements at "
                         "Riverside and the ten-day rule for invoices we sent in November",
        original_references=[], replies=[Reply(text="Invoices are paid in 10 days.")],
        date=FIXED_NOW)
    parsed = email.message_from_bytes(to_bytes(message), policy=email.policy.default)
    assert parsed["Subject"] == (
        "Re: Question about the payment terms for our residential placements at Riverside and "
        "the ten-day rule for invoices we…")


# --- a corpus of hostile and odd messages through the real router -----------------------------

BIG = b"A" * (20 * 1024 * 1024)


def _raw(headers: str, body: bytes | str, *, sender: str = SAM) -> bytes:
    """A message's bytes; headers in Latin-1 where they fit (so "\\xe9" is one raw byte, not
    UTF-8), else UTF-8."""
    head = f"From: {sender}\r\nTo: pledgebot@council.example\r\n{headers}"
    try:
        encoded = head.encode("latin-1")
    except UnicodeEncodeError:
        encoded = head.encode()
    data = body if isinstance(body, bytes) else body.encode()
    return encoded + b"\r\n" + data


def _nested(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\nhello deep\r\n"
    for level in range(depth):
        body = (f"Content-Type: multipart/mixed; boundary=b{level}\r\n\r\n--b{level}\r\n"
                .encode() + body + f"\r\n--b{level}--\r\n".encode())
    return body


CORPUS: dict[str, bytes] = {
    "no boundary": _raw("Subject: q\r\nMessage-ID: <c1@p>\r\nContent-Type: multipart/mixed\r\n",
                        "\r\nwhat is the pledge?\r\n"),
    "unclosed boundary": _raw("Subject: q\r\nMessage-ID: <c2@p>\r\n"
                              "Content-Type: multipart/mixed; boundary=XX\r\n",
                              "\r\n--XX\r\nContent-Type: text/plain\r\n\r\nhello"),
    "unknown charset": _raw("Subject: q\r\nMessage-ID: <c3@p>\r\n"
                            "Content-Type: text/plain; charset=x-klingon\r\n",
                            "\r\nwhat is the pledge?\r\n"),
    "wrong charset": _raw("Subject: q\r\nMessage-ID: <c4@p>\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n",
                          b"\r\ncaf\xe9 na\xefve question\r\n"),
    "empty charset": _raw("Subject: q\r\nMessage-ID: <c5@p>\r\n"
                          "Content-Type: text/plain; charset=\"\"\r\n", "\r\nhello\r\n"),
    "utf-7": _raw("Subject: q\r\nMessage-ID: <c6@p>\r\n"
                  "Content-Type: text/plain; charset=utf-7\r\n", "\r\n+AGEAYgBj-\r\n"),
    "html only": _raw("Subject: q\r\nMessage-ID: <c7@p>\r\nContent-Type: text/html\r\n",
                      "\r\n<p>What is <b>the pledge</b>?</p>\r\n"),
    "html with script": _raw("Subject: q\r\nMessage-ID: <c8@p>\r\nContent-Type: text/html\r\n",
                             "\r\n<script>alert(1)</script><p>hello</p>\r\n"),
    "broken html": _raw("Subject: q\r\nMessage-ID: <c9@p>\r\nContent-Type: text/html\r\n",
                        "\r\n<p <<<>>> <b>hello</i></p><!-- \r\n"),
    "empty body": _raw("Subject: \r\nMessage-ID: <c10@p>\r\n", "\r\n"),
    "no subject no body": _raw("Message-ID: <c11@p>\r\n", ""),
    "20 MB attachment": _raw(
        "Subject: the file\r\nMessage-ID: <c12@p>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=Z\r\n",
        b"\r\n--Z\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--Z\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; "
        b"filename=big.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + BIG + b"\r\n--Z--\r\n"),
    "10,000 quoted lines": _raw("Subject: q\r\nMessage-ID: <c13@p>\r\n",
                                "thanks\r\n" + "> old line\r\n" * 10_000),
    "header injection in subject": _raw(
        "Subject: =?utf-8?q?Hi=0D=0ABcc:_evil@x.example?=\r\nMessage-ID: <c14@p>\r\n", "\r\nhi"),
    "raw 8-bit subject": _raw("Subject: caf\xc3\xa9 r\xc3\xa9sum\xc3\xa9\r\n"
                              "Message-ID: <c15@p>\r\n", "\r\nhello"),
    "non-utf-8 name": _raw("Subject: q\r\nMessage-ID: <c16@p>\r\n", "\r\nhello",
                           sender="\xe9\xe8\xff <sam@provider.example>"),
    "unknown charset name": _raw("Subject: q\r\nMessage-ID: <c17@p>\r\n", "\r\nhello",
                                 sender="=?x-unknown?q?S=E9m?= <sam@provider.example>"),
    "two senders": _raw("Subject: q\r\nMessage-ID: <c18@p>\r\n", "\r\nhello",
                        sender="sam@provider.example, other@x.example"),
    "garbage sender": _raw("Subject: q\r\nMessage-ID: <c19@p>\r\n", "\r\nhello",
                           sender="<<<@@@>>>"),
    "no sender": b"Subject: q\r\nMessage-ID: <c20@p>\r\n\r\nhello",
    "no message id": _raw("Subject: q\r\n", "\r\nwhat is the pledge?"),
    "huge message id": _raw(f"Subject: q\r\nMessage-ID: <{'x' * 1000}@p>\r\n", "\r\nhello"),
    "500 references": _raw("Subject: q\r\nMessage-ID: <c23@p>\r\nReferences: "
                           + " ".join(f"<r{i}@p>" for i in range(500)) + "\r\n", "\r\nhello"),
    "bad base64": _raw("Subject: q\r\nMessage-ID: <c24@p>\r\n"
                       "Content-Transfer-Encoding: base64\r\n", "\r\naGVsbG8gd29ybGQ=!!*=\r\n"),
    "bad quoted-printable": _raw("Subject: q\r\nMessage-ID: <c25@p>\r\n"
                                 "Content-Transfer-Encoding: quoted-printable\r\n",
                                 "\r\nhello =ZZ world =\r\n"),
    "unknown transfer encoding": _raw("Subject: q\r\nMessage-ID: <c26@p>\r\n"
                                      "Content-Transfer-Encoding: x-uuencode\r\n", "\r\nhello"),
    "nested 60 deep": _raw("Subject: q\r\nMessage-ID: <c27@p>\r\nMIME-Version: 1.0\r\n",
                           _nested(60)),
    "too long": _raw("Subject: q\r\nMessage-ID: <c28@p>\r\n", "\r\n" + "word " * 20_000),
    "null bytes": _raw("Subject: q\x00\r\nMessage-ID: <c29@p>\r\n", "\r\nhel\x00lo\x00"),
    "bidi subject": _raw("Subject: \u202egnp.exe\r\nMessage-ID: <c30@p>\r\n", "\r\nhello"),
    "10,000 character subject": _raw(f"Subject: {'s' * 10_000}\r\nMessage-ID: <c31@p>\r\n",
                                     "\r\n"),
    "image only": _raw("Subject: q\r\nMessage-ID: <c32@p>\r\nContent-Type: image/png\r\n"
                       "Content-Transfer-Encoding: base64\r\n", "\r\niVBORw0KGgo=\r\n"),
    "forwarded message only": _raw(
        "Subject: fwd\r\nMessage-ID: <c33@p>\r\nContent-Type: message/rfc822\r\n",
        "\r\nFrom: x@y\r\nSubject: inner\r\n\r\ninner words\r\n"),
    "bare line feeds": b"From: sam@provider.example\nSubject: q\nMessage-ID: <c34@p>\n\nhello\n",
    "garbage date": _raw("Subject: q\r\nDate: yesterday-ish\r\nMessage-ID: <c35@p>\r\n",
                         "\r\nhello"),
    "our id that names no row": _raw(
        "Subject: q\r\nMessage-ID: <c36@p>\r\nIn-Reply-To: <pb.99999.0123456789abcdef0123@x>\r\n",
        "\r\ndone"),
    "not bytes of a message": b"\x00\x01\x02\xff\xfe" * 100,
}


def test_the_corpus_gets_clear_replies_or_logged_refusals_and_no_traceback(
        app: App, smtp: SmtpServer, factory: sessionmaker[Session],
        caplog: pytest.LogCaptureFixture) -> None:
    assert len(CORPUS) >= 30
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    channel = EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                           templates=app.templates, clock=lambda: FIXED_NOW, timeout=10)
    outcomes: dict[str, str] = {}

    async def scenario() -> None:
        await channel.start(app.router)
        for name, raw in CORPUS.items():
            before, logged = len(smtp.messages), len(caplog.records)
            await channel.receive(raw)
            if len(smtp.messages) > before:
                outcomes[name] = "answered"
            elif any("not answered" in record.getMessage()
                     for record in caplog.records[logged:]):
                outcomes[name] = "refused"
            else:
                outcomes[name] = "lost"
        await channel.stop()

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert [name for name, outcome in outcomes.items() if outcome == "lost"] == []
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    refused = {name for name, outcome in outcomes.items() if outcome == "refused"}
    assert refused == {"no sender", "garbage sender", "not bytes of a message"}
    for envelope, reply in smtp.messages:
        assert envelope.rcpt_tos == [SAM]
        assert "\n" not in str(reply["Subject"])
        assert reply.get_all("Bcc") is None
        assert reply.get_body(("plain",)) is not None
    answers = {name: reply for name, (_, reply) in zip(
        [n for n, o in outcomes.items() if o == "answered"], smtp.messages, strict=True)}
    big = answers["20 MB attachment"].get_body(("plain",))
    assert big is not None
    assert "attachment was not read" in big.get_content()
    long = answers["too long"].get_body(("plain",))
    assert long is not None
    assert "characters" in long.get_content()


# --- strict mode: DKIM or SPF from our own receiving server ----------------------------------

MX = "mx.council.example"


@pytest.mark.parametrize(("results", "expected"), [
    ([f"{MX}; dkim=pass header.d=provider.example; spf=fail"], True),
    ([f"{MX}; spf=pass smtp.mailfrom=bounce@mail.provider.example"], False),
    ([f"{MX}; spf=pass smtp.mailfrom=sam@provider.example"], True),
    ([f"{MX}; dkim=pass header.d=bulk.provider.example"], False),
    ([f"{MX}; dkim=pass header.d=evil.example"], False),
    ([f"{MX}; dkim=fail header.d=provider.example"], False),
    (["mx.elsewhere.example; dkim=pass header.d=provider.example"], False),
    # Only the topmost header of our server counts: a forged one below it is not read.
    ([f"{MX}; dkim=none", f"{MX}; dkim=pass header.d=provider.example"], False),
    ([], False),
])
def test_authentication_results_from_our_server_only(results: list[str], expected: bool
                                                      ) -> None:
    head = "".join(f"Authentication-Results: {value}\r\n" for value in results)
    mail = parse(_raw(head + "Subject: q\r\nMessage-ID: <a@p>\r\n", "\r\nhi"),
                 own="pledgebot@council.example", authserv_id=MX)
    assert mail.authenticated is expected


def test_strict_mode_acts_only_on_authenticated_mail(app: App, smtp: SmtpServer,
                                                     factory: sessionmaker[Session]) -> None:
    make_person(factory, email=SAM, channel=Channel.EMAIL)
    channel = EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                           templates=app.templates, clock=lambda: FIXED_NOW, timeout=10,
                           require_auth=True, authserv_id=MX)
    signed = f"Authentication-Results: {MX}; dkim=pass header.d=provider.example\r\n"

    async def scenario() -> None:
        await channel.start(app.router)
        await channel.receive(_raw("Subject: q\r\nMessage-ID: <u1@p>\r\n", "\r\n/whoami"))
        await channel.receive(_raw(signed + "Subject: q\r\nMessage-ID: <u2@p>\r\n",
                                   "\r\n/whoami"))
        await channel.receive(_raw("Subject: [PB-2026-000001] Re: case\r\n"
                                   "Message-ID: <u3@p>\r\n", "\r\nplease pay"))
        await channel.stop()

    asyncio.run(scenario())
    texts = [str(reply.get_body(("plain",)).get_content())  # type: ignore[union-attr]
             for _, reply in smtp.messages]
    assert len(texts) == 3
    assert texts[0].startswith("Nothing was changed: this e-mail could not be confirmed")
    assert not texts[1].startswith("Nothing was changed")
    assert texts[1].startswith("You are Sam (provider)")
    assert texts[2].startswith("Nothing was changed")


def test_an_answer_the_smtp_server_defers_is_queued_in_the_outbox_not_lost(
        app: App, smtp: SmtpServer, factory: sessionmaker[Session],
        caplog: pytest.LogCaptureFixture) -> None:
    sam = make_person(factory, email=SAM, channel=Channel.EMAIL)
    smtp.refuse[SAM] = "451 4.3.0 Try again later"
    channel = EmailChannel(smtp=smtp_target(smtp.url), sender=from_address(BOT),
                           templates=app.templates, clock=lambda: FIXED_NOW, timeout=10)
    woken: list[int] = []
    app.router.on_notified.append(lambda notes: woken.extend(n.person_id for n in notes))

    async def scenario() -> None:
        await channel.start(app.router)
        await channel.receive(_raw("Subject: q\r\nMessage-ID: <deferred@p>\r\n", "\r\n/whoami"))
        await channel.stop()

    asyncio.run(scenario())
    assert smtp.messages == []
    with factory() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.person_id, row.channel, row.address, row.kind, row.idempotency_key) == (
        sam, Channel.EMAIL, SAM, "email.answer", "email-answer:<deferred@p>")
    assert str(row.payload["text"]).startswith("You are Sam (provider)")
    assert (row.status, row.sent_at, row.last_error) == (
        OutboxStatus.PENDING, None, "recipient deferred: 451 4.3.0 Try again later")
    assert woken == [sam]
    assert "queued in the outbox" in caplog.text


def _delivery(kind: str, text: str, case: str | None) -> Delivery:
    note = Notification(person_id=1, kind=kind, text=text, idempotency_key="k",
                        case_reference=case)
    return Delivery.from_payload(payload=note.payload(), outbox_id=1, idempotency_key="k",
                                 channel=Channel.EMAIL, address="sam@riverside.example",
                                 kind=kind, urgent=False, attempt=1)


@pytest.mark.parametrize(("kind", "text", "case", "subject"), [
    ("case.escalated", "Case PB-2026-000123 waits for you\nDetails", "PB-2026-000123",
     "[PB-2026-000123] Case PB-2026-000123 waits for you"),
    # A digest or a survey mentions cases but is about none: a reply must not comment on one.
    ("digest.weekly", "Your weekly digest\nOpen: PB-2026-000005 (2 days)", None,
     "Your weekly digest"),
    ("survey.invitation", "A survey for you\nAbout PB-2026-000005", None, "A survey for you"),
    ("reminder", "Two cases\nPB-2026-000005 and PB-2026-000006", None, "Two cases"),
])
def test_a_subject_names_a_case_only_when_the_message_is_about_one(
        kind: str, text: str, case: str | None, subject: str) -> None:
    assert delivery_subject(TEMPLATES, _delivery(kind, text, case)) == subject


@pytest.mark.parametrize(("text", "rest"), [
    ("Mark paid", ""), ("mark paid 05/12/2026", "05/12/2026"), ("done 05/12/2026", "05/12/2026"),
    ("Paid 05/12/2026", "05/12/2026"), ("done", "")])
def test_reply_words_press_an_invoice_reminders_mark_paid(text: str, rest: str) -> None:
    # Session 36's review: "done DATE" pressed nothing once Done was labelled "Mark paid".
    buttons = (Button(label="Mark paid", action="deadline.done", value="5"),
               Button(label="Snooze 1 day", action="s1", value="5"))
    found = pressed(text, buttons)
    assert found is not None
    assert (found[0].label, found[1]) == ("Mark paid", rest)
    # Near neighbours: a reminder with a Done presses Done; words naming neither, nothing.
    assert pressed("paid 05/12/2026", (Button(label="Done", action="d", value="1"),)) is None
    assert pressed("paying it on friday", buttons) is None
