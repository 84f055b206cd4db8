"""The Slack channel at run time: a slack-bolt ``AsyncApp`` inside ``pledgebot serve``.

Socket Mode (``PLEDGEBOT_SLACK_APP_TOKEN`` set): the bot opens a websocket to Slack and the
same payloads arrive on it, acknowledged by envelope; no public URL is needed. HTTP mode (no app
token): Slack posts events, ``/pledge`` and button presses to
``POST /slack/events`` on the serve web app; bolt checks each request's signature (401 when it
is missing, wrong or older than five minutes) and acknowledges at once; the work goes on in the
background. Each payload becomes an ``Incoming`` (``adapter.to_incoming``), the Router answers
it (de-duplicating a retried event on its ``event_id``), and the replies go back where the
person spoke:

- a direct message: replies in the same conversation;
- ``/pledge ...``: replies only the person sees (``response_url``, ephemeral);
- a mention in a channel: a knowledge answer in the message's thread; anything else (cases,
  reminders, a safeguarding reply, a form) goes to the person's direct messages and the
  thread says so;
- a button: its message is updated ("Done ✓ by Jo Bloggs, 09:14", buttons removed), then the
  replies follow in the same conversation.

An unknown Slack user is linked by the e-mail Slack reports (``identity``) before the Router
looks them up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Mapping, Sequence
from typing import Any

from jinja2 import Environment
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from bot.channels.slack import identity
from bot.channels.slack.adapter import COMMAND, to_incoming
from bot.channels.slack.manifest import EVENTS_PATH
from bot.channels.slack.render import home, modal, pressed, reply_message
from bot.channels.slack.sender import SlackSender
from bot.config import Settings
from bot.db import utcnow
from bot.dispatch import Router
from bot.errors import ConfigError, DeliveryError
from bot.messages import Delivery, Incoming, Reply
from bot.models import Channel as ChannelKind
from bot.templates import render

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 10.0
STOP_GRACE_SECONDS = 10.0
# An unknown user is looked up again (users.info) after this long, not at every message.
UNKNOWN_USER_SECONDS = 300.0
# Buttons whose replies may be shown in a channel's thread: rating and exploring an answer.
PUBLIC_ACTIONS = ("answer.",)
# The two buttons of a form's modal.
MODAL_SUBMIT = "Send"
MODAL_CLOSE = "Cancel"
# What the App Home tab shows: the person's reminders, their cases, and what they can ask.
HOME_COMMANDS = ("/reminders", "/cases", "/help")


def is_public(incoming: Incoming, replies: Sequence[Reply]) -> bool:
    """Whether ``replies`` to a mention in a channel may be shown there: only knowledge answers
    (each with an answer's own buttons, no form); never a command's replies, and never a reply
    without those buttons (safeguarding guidance, the unknown-sender reply, small talk)."""
    if incoming.text.startswith("/"):
        return False
    return all(reply.form is None and reply.buttons
               and all(button.action.startswith(PUBLIC_ACTIONS) for button in reply.buttons)
               for reply in replies)


class SlackChannel:
    """Slack as a ``bot.channels.Channel``."""

    kind = ChannelKind.SLACK
    only_address: str | None = None

    def __init__(self, settings: Settings, *, connect_timeout: float = START_TIMEOUT_SECONDS
                 ) -> None:
        """Build the bolt app and the Web API client from the settings (nothing is called yet).

        Raises ``ConfigError`` when neither a signing secret (HTTP mode) nor an app token
        (Socket Mode) is set.
        """
        token = settings.slack_bot_token
        if not token:
            raise ConfigError("PLEDGEBOT_SLACK_BOT_TOKEN", "is not set")
        if not settings.slack_app_token and not settings.slack_signing_secret:
            raise ConfigError("PLEDGEBOT_SLACK_SIGNING_SECRET",
                              "is needed in HTTP mode (or set PLEDGEBOT_SLACK_APP_TOKEN for "
                              "Socket Mode)")
        self.settings = settings
        self.rate_per_second = settings.rate_limit_per_second.get("slack", 1.0)
        self.client = AsyncWebClient(token=token, base_url=settings.slack_api_url, timeout=10)
        self.sender = SlackSender(self.client)
        self.team_id = settings.slack_team_id
        self.bot_user_id: str | None = None
        self.start_failure: str | None = "not started"
        self.app = AsyncApp(client=self.client,
                            signing_secret=settings.slack_signing_secret or "unused",
                            process_before_response=False,
                            raise_error_for_unhandled_request=False)
        self.handler = AsyncSlackRequestHandler(self.app)
        self._router: Router[Any] | None = None
        self._templates: Environment | None = None
        self._factory: sessionmaker[Session] | None = None
        self._work: set[asyncio.Task[Any]] = set()
        self._known: set[str] = set()
        self._unknown: dict[str, float] = {}
        self._ended = asyncio.Event()
        self.connect_timeout = connect_timeout
        self._socket: AsyncSocketModeHandler | None = None
        self._register()

    # -- the Channel protocol -----------------------------------------------------------------
    async def start(self, router: Router[Any]) -> None:
        """Learn who the bot is (``auth.test``) and begin handling what Slack sends."""
        self._router = router
        self._templates = router.templates
        self._factory = router.factory
        try:
            answer = await asyncio.wait_for(self.client.auth_test(), START_TIMEOUT_SECONDS)
        except SlackApiError as error:
            code = str(error.response.get("error") or "error")
            self.start_failure = f"auth.test: {code}"
            log.error("Slack refused the bot token at start (%s)", code)
            return
        except (TimeoutError, OSError) as error:
            self.start_failure = f"auth.test: {type(error).__name__}"
            log.error("Slack did not answer auth.test at start (%s)", type(error).__name__)
            return
        self.bot_user_id = str(answer.get("user_id") or "") or None
        self.team_id = self.team_id or (str(answer.get("team_id") or "") or None)
        if self.settings.slack_app_token:
            self.start_failure = await self._connect_socket(self.settings.slack_app_token)
            if self.start_failure is not None:
                return
        else:
            self.start_failure = None
        log.info("Slack connected as %s in %s (%s)", self.bot_user_id, self.team_id,
                 "Socket Mode" if self._socket is not None else "HTTP mode")

    async def _connect_socket(self, app_token: str) -> str | None:
        """Socket Mode: open the websocket (``apps.connections.open`` with the app token);
        None once connected, else why not. The SDK retries a refused connection for ever,
        so the first connection has a time limit."""
        handler = AsyncSocketModeHandler(self.app, app_token)
        try:
            await asyncio.wait_for(handler.connect_async(),  # type: ignore[no-untyped-call]
                                   self.connect_timeout)
        except (TimeoutError, SlackApiError, OSError) as error:
            with contextlib.suppress(Exception):
                await handler.close_async()  # type: ignore[no-untyped-call]
            log.error("Slack Socket Mode did not connect (%s)", type(error).__name__)
            return f"Socket Mode did not connect in {self.connect_timeout:g} s"
        self._socket = handler
        return None

    async def wait(self) -> None:
        """A service channel never ends by itself."""
        await self._ended.wait()

    async def stop(self) -> None:
        """Stop receiving (Socket Mode: close the websocket), let the work in hand finish (up
        to a grace time), then stop."""
        if self._socket is not None:
            with contextlib.suppress(Exception):
                await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._work:
            _done, pending = await asyncio.wait(set(self._work), timeout=STOP_GRACE_SECONDS)
            for task in pending:
                task.cancel()
        self._ended.set()

    def not_ready(self) -> str | None:
        """Why Slack is not usable now (a refused token), or None."""
        if self.sender.auth_failure is not None:
            return f"Slack refused the bot token ({self.sender.auth_failure})"
        return self.start_failure

    def add_routes(self, web: Any) -> None:
        """HTTP mode: Slack's one URL for events, ``/pledge`` and buttons."""
        if not self.settings.slack_app_token:
            web.add_route(EVENTS_PATH, self.events)

    async def events(self, request: Request) -> Response:
        """``POST /slack/events``: bolt checks the signature, acknowledges and hands over.

        A timestamp that is not a number is refused here with 401 (bolt's verifier raised on
        it, a 500 and a traceback for anyone's forged request: the session's admin review),
        and a signed body bolt cannot read with 400."""
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if stamp and not (stamp.isascii() and stamp.isdigit()):
            return Response("invalid request", status_code=401)
        try:
            return await self.handler.handle(request)
        except ValueError:  # a correctly signed body that is neither JSON nor a form
            log.info("slack: an unreadable request body refused")
            return Response("unreadable request", status_code=400)

    async def deliver(self, delivery: Delivery) -> None:
        """An outbox message as a direct message to the Slack user ``delivery.address``."""
        await self.sender.deliver(delivery)

    # -- receiving ----------------------------------------------------------------------------
    def _register(self) -> None:
        app = self.app
        app.event("message")(self._on_event)
        app.event("app_mention")(self._on_event)
        app.event("app_home_opened")(self._on_home)
        app.command(COMMAND)(self._on_interaction)
        app.action(re.compile(".*"))(self._on_interaction)
        app.view(re.compile(".*"))(self._on_view)
        app.view_closed(re.compile(".*"))(self._on_view_closed)

    async def _on_event(self, body: dict[str, Any]) -> None:
        await self._guarded(self._answer(body))

    async def _on_interaction(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        await self._guarded(self._answer(body))

    async def _on_view(self, ack: Any, body: dict[str, Any]) -> None:
        await self._guarded(self._submit(ack, body))

    async def _on_view_closed(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        await self._guarded(self._closed(body))

    async def _on_home(self, event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            await self._guarded(self.publish_home(str(event["user"])))

    async def _guarded(self, work: Awaitable[None]) -> None:
        """Run one payload's work, counted for ``stop``; an error is logged, never shown."""
        task = asyncio.current_task()
        if task is not None:
            self._work.add(task)
        try:
            await work
        except Exception as error:  # the person gets nothing rather than a traceback
            log.error("Slack payload not answered: %s: %s", type(error).__name__, error,
                      exc_info=log.isEnabledFor(logging.DEBUG))
        finally:
            if task is not None:
                self._work.discard(task)

    async def _submit(self, ack: Any, body: Mapping[str, Any]) -> None:
        """A modal sent: answered within Slack's three seconds, its errors shown beside their
        fields (the modal stays open); otherwise it closes and the replies come as a DM."""
        router = self._router
        incoming = None if router is None else to_incoming(
            body, received_at=utcnow(), team_id=self.team_id, bot_user_id=self.bot_user_id)
        if router is None or incoming is None:
            await ack()
            return
        await self._identify(incoming.sender)
        replies = await router.handle_async(incoming)
        errors = {reply.invalid_field: reply.text for reply in replies if reply.invalid_field}
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        await self._post_all(await self.sender.open_dm(incoming.sender), replies)

    async def _closed(self, body: Mapping[str, Any]) -> None:
        """A modal closed unsent: the form it opened is closed too (nothing is sent)."""
        user = (body.get("user") or {}).get("id")
        if self._router is None or not user:
            return
        await self._router.handle_async(Incoming(
            channel=ChannelKind.SLACK, conversation="", sender=str(user), text="/cancel",
            received_at=utcnow()))

    async def publish_home(self, user_id: str) -> None:
        """Publish the person's App Home: their reminders, cases, and what they can ask."""
        router = self._router
        if router is None:
            return
        await self._identify(user_id)
        commands: tuple[str, ...] = HOME_COMMANDS
        if self._factory is not None and await asyncio.to_thread(
                identity.person_name, self._factory, user_id) is None:
            commands = ("/help",)  # the unknown-sender reply, once
        parts: list[Reply] = []
        for command in commands:
            parts.extend(await router.handle_async(Incoming(
                channel=ChannelKind.SLACK, conversation="", sender=user_id, text=command,
                received_at=utcnow(), platform={"mode": "home"})))
        view = home(parts)
        await self.sender.call("views.publish", lambda: self.client.views_publish(
            user_id=user_id, view=view))

    async def _answer(self, body: Mapping[str, Any]) -> None:
        router = self._router
        if router is None:
            return
        incoming = to_incoming(body, received_at=utcnow(), team_id=self.team_id,
                               bot_user_id=self.bot_user_id, commands=router.commands)
        if incoming is None:
            return
        await self._identify(incoming.sender)
        replies = await router.handle_async(incoming)
        mode = incoming.platform.get("mode")
        if mode == "action":
            await self._mark_pressed(incoming, body)
        if incoming.platform.get("home"):
            await self.publish_home(incoming.sender)
        replies = await self._open_modal(incoming, replies)
        if not replies:
            return
        if mode == "action" and (incoming.platform.get("home")
                                 or not incoming.conversation.startswith("D")):
            # A press on the Home tab, or in a channel (on an answer in a thread): the replies
            # are the presser's own business, so they go to their DM.
            await self._post_all(await self.sender.open_dm(incoming.sender), replies)
        elif mode == "command" or (mode == "action" and incoming.platform.get("ephemeral")):
            await self._respond(incoming, replies)
        elif mode == "mention" and not is_public(incoming, replies):
            await self._post_all(await self.sender.open_dm(incoming.sender), replies)
            await self._post_text(incoming.conversation,
                                  self._words("slack_sent_dm.txt"),
                                  thread_ts=incoming.platform.get("thread_ts"))
        else:
            await self._post_all(incoming.conversation, replies,
                                 thread_ts=incoming.platform.get("thread_ts"))

    async def _open_modal(self, incoming: Incoming, replies: list[Reply]) -> list[Reply]:
        """A form asked for from ``/pledge`` or a button opens as a modal (``views.open`` with
        the payload's ``trigger_id``); the replies left to send, without the form's first
        question. Without a trigger (a typed DM), or if Slack refuses, it goes step by step."""
        trigger = incoming.platform.get("trigger_id")
        forms = [reply for reply in replies if reply.form is not None]
        if not trigger or not forms:
            return replies
        form = forms[0].form
        if form is None:
            return replies
        view = modal(form, submit=MODAL_SUBMIT, close=MODAL_CLOSE,
                     metadata=incoming.conversation)
        try:
            await self.sender.call("views.open", lambda: self.client.views_open(
                trigger_id=trigger, view=view))
        except DeliveryError as error:
            log.warning("views.open failed (%s); the form goes step by step", error)
            return replies
        return [reply for reply in replies if reply is not forms[0]]

    async def _identify(self, user_id: str) -> None:
        """Link an unknown Slack user to a registered person by the e-mail Slack reports."""
        factory = self._factory
        if factory is None or user_id in self._known:
            return
        if time.monotonic() < self._unknown.get(user_id, 0.0):
            return
        if await asyncio.to_thread(identity.known_user, factory, user_id):
            self._known.add(user_id)
            return
        try:
            answer = await self.client.users_info(user=user_id)
        except (SlackApiError, OSError, TimeoutError) as error:
            log.warning("users.info for a new Slack user failed (%s)", type(error).__name__)
            return
        user = answer.get("user") or {}
        email = (user.get("profile") or {}).get("email")
        usable = (email and not user.get("is_bot") and not user.get("deleted")
                  and (self.team_id is None or user.get("team_id") in (None, self.team_id)))
        if usable and await asyncio.to_thread(identity.link_by_email, factory, user_id,
                                              str(email)) is not None:
            self._known.add(user_id)
            log.info("Slack user %s linked to a registered person by e-mail", user_id)
            return
        self._unknown[user_id] = time.monotonic() + UNKNOWN_USER_SECONDS

    # -- answering ----------------------------------------------------------------------------
    def _words(self, template: str, **data: object) -> str:
        if self._templates is None:
            raise RuntimeError("the Slack channel is not started")
        return render(self._templates, template, **data)

    async def _post_all(self, channel: str, replies: Sequence[Reply], *,
                        thread_ts: str | None = None) -> None:
        for reply in replies:
            await self.sender.post(channel, reply_message(reply), thread_ts=thread_ts)

    async def _post_text(self, channel: str, text: str, *, thread_ts: str | None) -> None:
        await self._post_all(channel, [Reply(text=text)], thread_ts=thread_ts)

    async def _respond(self, incoming: Incoming, replies: Sequence[Reply]) -> None:
        """Replies only the person sees, through the payload's ``response_url``."""
        url = incoming.platform.get("response_url")
        if not url:
            await self._post_all(await self.sender.open_dm(incoming.sender), replies)
            return
        webhook = AsyncWebhookClient(url, timeout=10)
        for reply in replies:
            answer = await webhook.send(response_type="ephemeral", replace_original=False,
                                        **reply_message(reply))
            if answer.status_code >= 400:
                raise DeliveryError(f"response_url answered {answer.status_code}")

    async def _mark_pressed(self, incoming: Incoming, body: Mapping[str, Any]) -> None:
        """Replace the pressed message's buttons with who pressed which, and when."""
        factory = self._factory
        if factory is None:
            return
        name = await asyncio.to_thread(identity.person_name, factory, incoming.sender)
        if name is None:  # not someone we know: their press changed nothing
            return
        local = incoming.received_at.astimezone(self.settings.zone)
        note = self._words("slack_pressed.txt", label=incoming.platform.get("label", ""),
                           name=name, time=local.strftime("%H:%M"))
        original = body.get("message") or {}
        blocks = pressed(original.get("blocks") or [], note)
        text = str(original.get("text") or note)
        if incoming.platform.get("ephemeral"):
            url = incoming.platform.get("response_url")
            if url:
                await AsyncWebhookClient(url, timeout=10).send(
                    replace_original=True, text=text, blocks=blocks)
            return
        ts = incoming.platform.get("message_ts")
        if ts:
            with contextlib.suppress(DeliveryError):
                await self.sender.call("chat.update", lambda: self.client.chat_update(
                    channel=incoming.conversation, ts=ts, text=text, blocks=blocks))
