"""The Channel interface: what Slack, Telegram, e-mail and the console each provide.

A channel is the only code that talks to a platform. It has two halves, both pure and tested
against recorded payloads: an adapter (``to_incoming``: platform event -> ``Incoming``) and a
renderer (``Reply``/``Delivery`` -> the platform's format). Around them, the object below:

- ``kind``: which ``bot.models.Channel`` it is (the outbox rows and identities it owns).
- ``start(router)``: connect and begin receiving. From then on it hands every platform event,
  translated, to ``router.handle_async`` (which de-duplicates on ``(channel, message_id)``,
  resolves the sender, reads the words for safeguarding and runs the handler) and renders the
  replies back to the person. It acknowledges the platform at once. ``start`` returns when the
  channel is receiving; the work goes on in tasks of its own.
- ``wait()``: returns when the channel has ended by itself (the console at end of input); a
  service channel never ends by itself.
- ``stop()``: stop receiving and close connections; what was received is finished first.
- ``deliver(delivery)``: send one outbox message to ``delivery.address``. It returns when the
  platform has accepted it, or raises one of ``bot.errors``:
    ``RateLimited(retry_after=...)``  the platform asked us to wait: retried after the wait;
    ``PermanentDeliveryError``        retrying cannot help (no such user, bot blocked):
                                      dead-lettered with the reason;
    ``DeliveryError``                 anything else (network, 5xx): retried with backoff.
  Delivering the same ``idempotency_key`` twice must not show the person two messages
  where the platform allows it (the outbox already never claims a sent row twice).
- ``rate_per_second``: how fast the outbox sender may call ``deliver``.
- ``only_address``: deliver only this address's messages (the console is one person's
  terminal), or None for everyone's on the platform.

Two optional members, for ``pledgebot serve`` (read with ``getattr``, so a channel without
them still plugs in):

- ``not_ready() -> str | None``: why the channel is not connected (``/readyz`` names it), or
  None when it is.
- ``add_routes(web: bot.web.WebApp)``: a channel that receives over HTTP (Slack's Events API,
  a Telegram webhook) adds its routes to the one web app with ``web.add_route(...)``.

Address rules belong to the channel, not the Router: ``canonical_address`` puts a platform
address in the one form identities are stored in (e-mail lower case), and ``VERIFIED_ONLY``
names the channels whose sender can be forged (an e-mail's From: line), where only a verified
identity may act.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from bot.dispatch import Router
from bot.messages import Delivery
from bot.models import Channel as ChannelKind

# A sender on these channels is known only by a verified identity.
VERIFIED_ONLY = frozenset({ChannelKind.EMAIL})


def canonical_address(kind: ChannelKind, address: str) -> str:
    """``address`` as identities on ``kind`` are stored: trimmed; e-mail in lower case.

    E-mail addresses are compared whole in lower case (RFC 5321 leaves the local part to the
    receiving server, but no council's system treats ``Sam@`` and ``sam@`` as two people).
    Console identities are e-mail addresses too.
    """
    address = address.strip()
    if kind in (ChannelKind.EMAIL, ChannelKind.CONSOLE):
        return address.lower()
    return address


@runtime_checkable
class Channel(Protocol):
    """One platform the bot talks on. See the module docstring for the contract."""

    kind: ChannelKind
    rate_per_second: float
    only_address: str | None

    async def start(self, router: Router[Any]) -> None:
        """Connect and begin handing platform events to ``router``; return once receiving."""

    async def wait(self) -> None:
        """Return when the channel has ended by itself (never, for a service channel)."""

    async def stop(self) -> None:
        """Stop receiving and close the connections."""

    async def deliver(self, delivery: Delivery) -> None:
        """Send one outbox message, or raise ``RateLimited``, ``PermanentDeliveryError`` or
        ``DeliveryError``."""
