"""Signed links: what the bot puts in a message so that a click needs no login.

A link carries a small payload (whose link it is, for what) signed with HMAC-SHA256 under
``PLEDGEBOT_SECRET_KEY``, with its purpose and expiry inside the signature: a link made for
one purpose (``survey``) is refused for another (``unsubscribe``), a changed byte is refused as
forged, and a late one as expired. Each link has a random ``nonce``: a feature that wants a
link used once records the nonce when it acts (and refuses it the second time) in the same
transaction as what the click does.

The token is ``base64url(json) "." base64url(mac)``: URL-safe, no padding, and readable by
anyone holding it (put no secret in the payload; ids and references only).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta
from typing import Any, Literal, Self
from urllib.parse import quote

from bot.config import Settings
from bot.values import frozen

MAX_TOKEN_LENGTH = 2048

Refusal = Literal["forged", "expired", "wrong purpose", "malformed"]


class BadLink(ValueError):
    """A link that cannot be used; ``reason`` says why (for the page and the log)."""

    def __init__(self, reason: Refusal) -> None:
        """Keep the reason."""
        super().__init__(reason)
        self.reason: Refusal = reason


@frozen
class Link:
    """A verified link's contents."""

    purpose: str
    payload: dict[str, Any]
    nonce: str
    expires: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Makes and checks signed link tokens under one secret key."""

    def __init__(self, secret: str) -> None:
        """Keep the key (at least 32 characters; the settings check it)."""
        if len(secret) < 32:
            raise ValueError("the secret key must be at least 32 characters")
        self._key = hashlib.sha256(b"pledgebot-links\0" + secret.encode("utf-8")).digest()

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()

    def sign(self, purpose: str, payload: dict[str, Any], *, now: datetime,
             valid_for: timedelta) -> str:
        """A token for ``purpose`` carrying ``payload``, valid until ``now + valid_for``."""
        body = json.dumps(
            {"p": purpose, "d": payload, "n": secrets.token_urlsafe(12),
             "e": int((now + valid_for).timestamp())},
            separators=(",", ":"), sort_keys=True,
        ).encode("utf-8")
        return f"{_b64(body)}.{_b64(self._mac(body))}"

    def verify(self, purpose: str, token: str, *, now: datetime) -> Link:
        """The link's contents; raises ``BadLink`` when forged, expired or for another use."""
        if not token or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 1:
            raise BadLink("malformed")
        body_text, mac_text = token.split(".")
        try:
            body, mac = _unb64(body_text), _unb64(mac_text)
        except (binascii.Error, ValueError) as error:
            raise BadLink("malformed") from error
        if not hmac.compare_digest(mac, self._mac(body)):
            raise BadLink("forged")
        try:
            data = json.loads(body)
            found, payload, nonce = data["p"], data["d"], data["n"]
            expires = datetime.fromtimestamp(int(data["e"]), tz=now.tzinfo)
        except (ValueError, KeyError, TypeError) as error:
            raise BadLink("malformed") from error
        if found != purpose or not isinstance(payload, dict):
            raise BadLink("wrong purpose")
        if now >= expires:
            raise BadLink("expired")
        return Link(purpose=found, payload=payload, nonce=str(nonce), expires=expires)


def link_url(public_url: str, path: str, token: str) -> str:
    """``https://host/path?t=TOKEN`` under the public address."""
    return f"{public_url.rstrip('/')}/{path.lstrip('/')}?t={quote(token, safe='')}"


@frozen
class SignedLinks:
    """A signer and the public address: what a feature's links are made with."""

    signer: Signer
    public_url: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Self | None:
        """Links under ``PLEDGEBOT_SECRET_KEY`` at ``PLEDGEBOT_PUBLIC_URL``; None without both."""
        if settings.secret_key is None or not settings.public_url:
            return None
        return cls(Signer(settings.secret_key.get_secret_value()), settings.public_url)
