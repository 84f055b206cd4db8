"""PLEDGEBOT_SMTP_URL and PLEDGEBOT_IMAP_URL read into what the libraries need (pure)."""

from __future__ import annotations

from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from bot.errors import ConfigError
from bot.values import frozen

SMTP_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
IMAP_SCHEMES = {"imap": 143, "imaps": 993}


@frozen
class SmtpTarget:
    """Where and how to send: host, port, TLS mode and optional login."""

    host: str
    port: int
    tls: bool
    starttls: bool
    username: str | None
    password: str | None


@frozen
class ImapTarget:
    """Which mailbox to read: host, port, TLS, login and folder."""

    host: str
    port: int
    tls: bool
    username: str
    password: str
    folder: str


def _split(setting: str, url: str, schemes: dict[str, int]) -> tuple[str, str, int, str | None,
                                                                       str | None, str]:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ConfigError(setting, f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        raise ConfigError(setting, f"must start with {', '.join(s + '://' for s in schemes)}")
    if not parts.hostname:
        raise ConfigError(setting, "names no host")
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return (scheme, parts.hostname, port or schemes[scheme], username, password,
            unquote(parts.path.lstrip("/")))


def smtp_target(url: str, setting: str = "PLEDGEBOT_SMTP_URL") -> SmtpTarget:
    """``smtp://``, ``smtp+starttls://`` or ``smtps://``, optional ``user:password@``
    (URL-encoded), host and port (default 25, 587, 465)."""
    scheme, host, port, username, password, _path = _split(setting, url, SMTP_SCHEMES)
    return SmtpTarget(host=host, port=port, tls=scheme == "smtps",
                      starttls=scheme == "smtp+starttls", username=username, password=password)


def imap_target(url: str, setting: str = "PLEDGEBOT_IMAP_URL") -> ImapTarget:
    """``imap://`` or ``imaps://``, ``user:password@`` (required, URL-encoded), host, port
    (default 143, 993) and ``/FOLDER`` (default INBOX)."""
    scheme, host, port, username, password, folder = _split(setting, url, IMAP_SCHEMES)
    if not username or password is None:
        raise ConfigError(setting, "needs user:password@ before the host")
    return ImapTarget(host=host, port=port, tls=scheme == "imaps", username=username,
                      password=password, folder=folder or "INBOX")


def from_address(value: str, setting: str = "PLEDGEBOT_EMAIL_FROM") -> Address:
    """``Pledgebot <pledgebot@council.example>`` (or a bare address) as an ``Address``."""
    if "\r" in value or "\n" in value:
        raise ConfigError(setting, "must be one line")
    name, addr = parseaddr(value)
    user, at, domain = addr.rpartition("@")
    if not at or not user or "." not in domain:
        raise ConfigError(setting, "needs an address like Pledgebot <pledgebot@council.example>")
    return Address(display_name=name, username=user, domain=domain)
