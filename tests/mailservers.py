"""Real mail servers for the e-mail channel's tests: Dovecot (IMAP) and aiosmtpd (SMTP).

Dovecot runs in the foreground (``dovecot -F``) with its own configuration in a temporary
folder, on a free port of 127.0.0.1, with one user per test (``bot`` / ``secret``). The SMTP
server is aiosmtpd's ``Controller``; it keeps every message it accepts, and can be told to
refuse recipients with a given reply.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from imapclient import IMAPClient

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
IMAP_USER = "bot"
IMAP_PASSWORD = "secret"


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


@dataclass
class Dovecot:
    """A running Dovecot: its port and a way to put mail in the bot's INBOX."""

    port: int
    root: Path

    @property
    def url(self) -> str:
        """The PLEDGEBOT_IMAP_URL that reaches the bot's mailbox."""
        return f"imap://{IMAP_USER}:{IMAP_PASSWORD}@127.0.0.1:{self.port}/INBOX"

    def client(self) -> IMAPClient:
        """A logged-in IMAP client (the test's own, not the bot's)."""
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(IMAP_USER, IMAP_PASSWORD)
        return client

    def deliver(self, raw: bytes | EmailMessage, folder: str = "INBOX") -> None:
        """Put one message, unseen, in ``folder``."""
        data = raw if isinstance(raw, bytes) else raw.as_bytes()
        with self.client() as client:
            client.append(folder, data)

    def flags(self, folder: str = "INBOX") -> list[tuple[bytes, ...]]:
        """The flags of every message in ``folder``, in order."""
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            found = client.fetch(uids, ["FLAGS"]) if uids else {}
            return [tuple(found[uid][b"FLAGS"]) for uid in sorted(found)]


CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = nobody
default_internal_group = nogroup
default_login_user = nobody
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@contextlib.contextmanager
def running_dovecot(tmp: Path) -> Iterator[Dovecot]:
    """Start Dovecot in the foreground in ``tmp``; stop it afterwards."""
    if not Path(DOVECOT).exists():
        raise RuntimeError("Dovecot is not installed: apt-get install dovecot-imapd "
                           "(.ci/run does it)")
    root = tmp / "dovecot"
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for path in (tmp, root, root / "run", root / "state"):
        path.chmod(0o755)
    shutil.chown(root / "mail", "nobody", "nogroup")
    (root / "users").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n")
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(CONFIG.format(root=root, port=port))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {log[-2000:]}")
            time.sleep(0.05)
        yield Dovecot(port=port, root=root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


@dataclass
class SmtpServer:
    """aiosmtpd's Controller on a free port, keeping what it accepts."""

    port: int
    messages: list[tuple[Envelope, EmailMessage]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    accepted: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        """The PLEDGEBOT_SMTP_URL that reaches it."""
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        """Refuse an address listed in ``refuse`` with its reply; accept the rest."""
        if address.lower() in self.refuse:
            return self.refuse[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Keep the message, parsed with the standard library's modern policy."""
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.accepted:
            self.messages.append((envelope, parsed))
            self.accepted.notify_all()
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 15.0) -> list[EmailMessage]:
        """The first ``count`` messages, waiting for them up to ``timeout`` seconds."""
        with self.accepted:
            if not self.accepted.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} message(s) arrived, not {count}")
            return [message for _, message in self.messages[:count]]


@contextlib.contextmanager
def running_smtp() -> Iterator[SmtpServer]:
    """An aiosmtpd server on 127.0.0.1 until the block ends."""
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port,
                            data_size_limit=50 * 1024 * 1024)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


