"""Slack Web API calls with Slack's errors translated into ``bot.errors`` (the outbox's kinds).

- ``429``: ``RateLimited(retry_after)`` from the ``Retry-After`` header; that method is not
  called again until the wait is over (other methods go on: Slack limits per method), and for
  ``chat.postMessage`` only messages into the same conversation wait (Slack limits posting per
  conversation).
- ``channel_not_found``, ``account_inactive``, ``user_not_found``, ``is_archived`` (and a few
  more that no retry can mend): ``PermanentDeliveryError`` naming the reason: dead-lettered.
- ``invalid_auth``, ``token_revoked`` (and the other token errors): the token is no good. The
  sender remembers it (``auth_failure``: ``/readyz`` turns red) and stops calling Slack; the
  messages wait in the outbox until the bot restarts with a good token.
- 5xx, a network error or a timeout: ``DeliveryError``, retried by the outbox with backoff.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.channels.slack.render import delivery_message
from bot.errors import DeliveryError, PermanentDeliveryError, RateLimited
from bot.messages import Delivery

PERMANENT = frozenset({
    "channel_not_found", "account_inactive", "user_not_found", "is_archived",
    "cannot_dm_bot", "user_disabled", "users_not_found", "not_in_channel", "msg_too_long",
    "invalid_blocks", "no_text", "restricted_action",
})
AUTH = frozenset({"invalid_auth", "token_revoked", "not_authed", "token_expired",
                  "missing_scope", "no_permission"})
# Slack allows about one message a second into one conversation; 2 % more, so the jitter of
# two requests' arrival never makes two of them less than a second apart at Slack.
PER_CONVERSATION_SECONDS = 1.02
# ... and at least this long after the previous message's answer (it arrived before then).
ANSWERED_SECONDS = 1.0
DEFAULT_RETRY_AFTER = 1.0

Call = Callable[[], Awaitable[AsyncSlackResponse]]


def _retry_after(error: SlackApiError) -> float:
    headers = getattr(error.response, "headers", None) or {}
    for name, value in dict(headers).items():
        if str(name).lower() == "retry-after":
            try:
                return max(float(value), 0.0)
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER


class SlackSender:
    """Calls Slack for the bot: DMs to people by user id, with the outbox's error kinds."""

    def __init__(self, client: AsyncWebClient, *, monotonic: Callable[[], float] = time.monotonic
                 ) -> None:
        """Send through ``client`` (its token and base URL)."""
        self.client = client
        self.monotonic = monotonic
        self.auth_failure: str | None = None
        self._blocked_until: dict[str, float] = {}
        self._last_post: dict[str, float] = {}
        self._dm_channels: dict[str, str] = {}

    async def call(self, method: str, call: Call, *, conversation: str | None = None
                   ) -> AsyncSlackResponse:
        """Run one Web API call, translating its failure into ``bot.errors``.

        A 429 holds back that method for the time Slack asks; for a message into one
        ``conversation`` (Slack's per-conversation limit) only that conversation's messages.
        """
        if self.auth_failure is not None:
            raise DeliveryError(f"Slack refused the bot token ({self.auth_failure})")
        limit = f"{method} {conversation}" if conversation else method
        wait = self._blocked_until.get(limit, 0.0) - self.monotonic()
        if wait > 0:
            raise RateLimited(wait, f"{method} is rate limited for {wait:.1f} s more")
        try:
            return await call()
        except SlackApiError as error:
            status = getattr(error.response, "status_code", 200)
            code = str(error.response.get("error") or "") if error.response is not None else ""
            if status == 429 or code == "ratelimited":
                retry_after = _retry_after(error)
                self._blocked_until[limit] = self.monotonic() + retry_after
                raise RateLimited(retry_after, f"{method}: rate limited") from None
            if code in AUTH:
                self.auth_failure = code
                raise DeliveryError(f"{method}: {code}") from None
            if code in PERMANENT:
                raise PermanentDeliveryError(f"{method}: {code}") from None
            raise DeliveryError(f"{method}: {code or f'HTTP {status}'}") from None
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise DeliveryError(f"{method}: {type(error).__name__}") from None

    async def open_dm(self, user_id: str) -> str:
        """The id of the bot's direct-message conversation with ``user_id`` (cached)."""
        known = self._dm_channels.get(user_id)
        if known is not None:
            return known
        answer = await self.call("conversations.open",
                                 lambda: self.client.conversations_open(users=user_id))
        channel = (answer.get("channel") or {}).get("id")
        if not channel:
            raise DeliveryError("conversations.open: no channel in the answer")
        self._dm_channels[user_id] = str(channel)
        return str(channel)

    async def post(self, channel: str, message: dict[str, Any], *, thread_ts: str | None = None,
                   paced: bool = False) -> AsyncSlackResponse:
        """``chat.postMessage`` into ``channel``; ``paced``: at most about one a second into
        one conversation (the outbox's messages; a reply to a person goes at once)."""
        if paced:
            wait = (self._last_post.get(channel, -1e9) + PER_CONVERSATION_SECONDS
                    - self.monotonic())
            if wait > 0:
                await asyncio.sleep(wait)
            self._last_post[channel] = self.monotonic()
        arguments: dict[str, Any] = {"channel": channel, "unfurl_links": False,
                                     "unfurl_media": False, **message}
        if thread_ts:
            arguments["thread_ts"] = thread_ts
        try:
            return await self.call("chat.postMessage",
                                   lambda: self.client.api_call("chat.postMessage",
                                                                json=arguments),
                                   conversation=channel)
        finally:
            if paced:
                # Slack counts arrivals, and a request can take a while to arrive when many
                # are under way: the next one also waits a second from this one's answer.
                self._last_post[channel] = max(
                    self._last_post[channel],
                    self.monotonic() + ANSWERED_SECONDS - PER_CONVERSATION_SECONDS)

    async def deliver(self, delivery: Delivery) -> None:
        """Send one outbox message to the Slack user ``delivery.address`` as a DM."""
        channel = await self.open_dm(delivery.address)
        await self.post(channel, delivery_message(delivery), paced=True)
