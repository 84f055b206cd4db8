"""One-click unsubscribe from the weekly digest (RFC 8058), by a signed link.

Every digest carries ``PUBLIC_URL/unsubscribe?t=TOKEN`` (purpose ``unsubscribe``, the person's
id inside, valid ``VALID_FOR``), which e-mail sends as ``List-Unsubscribe`` with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``. Without ``PLEDGEBOT_SECRET_KEY`` and
``PLEDGEBOT_PUBLIC_URL`` no link is made.

- ``POST /unsubscribe?t=TOKEN`` (what a mail client's one-click sends) turns that person's
  digest off, as ``/digest off`` does, and answers 200; again, it stays off (still 200).
- ``GET /unsubscribe?t=TOKEN`` only shows a page with a button that posts: mail scanners follow
  links, and a GET must never unsubscribe anyone.
- A forged, expired, malformed or unknown person's link gets a page saying so (400) and
  changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from jinja2 import Environment
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from bot import audit
from bot.db import transaction
from bot.links import BadLink, SignedLinks, link_url
from bot.models import DigestOptOut, Person
from bot.templates import render
from bot.values import frozen
from handlers.pages import html_page

log = logging.getLogger(__name__)

PURPOSE = "unsubscribe"
PATH = "/unsubscribe"
# Long enough for a digest read weeks later; a newer digest brings a newer link.
VALID_FOR = timedelta(days=90)
# The same security headers on every answer: no scripts, no framing, no referrer with the token.


class UnknownPerson(LookupError):
    """A valid link for a person who is no longer in the directory."""


@frozen
class UnsubscribeLinks(SignedLinks):
    """Makes and reads the digest's unsubscribe links."""

    def url(self, person_id: int, *, now: datetime) -> str:
        """The one-click link that turns ``person_id``'s digest off."""
        token = self.signer.sign(PURPOSE, {"person": person_id}, now=now, valid_for=VALID_FOR)
        return link_url(self.public_url, PATH, token)

    def person_of(self, token: str, *, now: datetime) -> int:
        """Whose link ``token`` is; raises ``BadLink`` when forged, expired or malformed."""
        link = self.signer.verify(PURPOSE, token, now=now)
        person = link.payload.get("person")
        if not isinstance(person, int) or isinstance(person, bool):
            raise BadLink("malformed")
        return person


def set_digest(session: Session, person_id: int, *, on: bool, now: datetime,
               **detail: str) -> bool:
    """Turn ``person_id``'s weekly digest on or off (audited, with ``detail``); False when it
    was so already. ``/digest on|off`` and the unsubscribe link both come here."""
    off = session.scalar(select(DigestOptOut.id).where(DigestOptOut.person_id == person_id))
    if (off is None) == on:
        return False
    if on:
        session.execute(delete(DigestOptOut).where(DigestOptOut.person_id == person_id))
    else:
        session.add(DigestOptOut(person_id=person_id, created_at=now))
    audit.record(session, "digest.on" if on else "digest.off", actor_id=person_id,
                 subject=f"person:{person_id}", at=now, **detail)
    return True


def turn_off(session: Session, person_id: int, *, now: datetime) -> bool:
    """Turn ``person_id``'s weekly digest off; False when it was off already."""
    if session.get(Person, person_id) is None:
        raise UnknownPerson(person_id)
    return set_digest(session, person_id, on=False, now=now, via="unsubscribe link")


def endpoint(factory: sessionmaker[Session], templates: Environment,
             links: UnsubscribeLinks | None, clock: Callable[[], datetime]
             ) -> Callable[[Request], Awaitable[Response]]:
    """The ``/unsubscribe`` endpoint (GET: confirm page; POST: unsubscribe)."""

    def page(status: int, told: str, token: str = "") -> Response:
        body = render(templates, "digest_unsubscribe.html", told=told, token=token, path=PATH)
        return html_page(body + "\n", status)

    def unsubscribe(person_id: int, now: datetime) -> bool:
        with transaction(factory) as session:
            return turn_off(session, person_id, now=now)

    def person_exists(person_id: int) -> bool:
        with factory() as session:
            return session.get(Person, person_id) is not None

    async def answer(request: Request) -> Response:
        if links is None:
            return page(404, "disabled")
        token = request.query_params.get("t", "")
        now = clock()
        try:
            person_id = links.person_of(token, now=now)
        except BadLink as refused:
            log.info("unsubscribe link refused: %s", refused.reason)
            return page(400, "expired" if refused.reason == "expired" else "bad")
        if request.method != "POST":
            if not await asyncio.to_thread(person_exists, person_id):
                return page(400, "bad")
            return page(200, "confirm", token)
        try:
            changed = await asyncio.to_thread(unsubscribe, person_id, now)
        except UnknownPerson:
            return page(400, "bad")
        return page(200, "done" if changed else "already")

    return answer
