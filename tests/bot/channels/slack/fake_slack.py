"""A fake Slack Web API on 127.0.0.1 (aiohttp), and Slack's side of a conversation with the bot.

``FakeSlack`` answers ``/api/<method>`` with arguments read from the query string, a form body
or a JSON body (the SDK uses all three), records every call, and answers the way Slack would
unless a test scripts the next answers of a method (``fail``). ``/respond/<n>`` stands in for
an interaction's ``response_url``.

``Workspace`` plays Slack sending to the bot: it signs each request with the signing secret
and posts it to the bot's ``/slack/events`` (the serve web app, in process through httpx's ASGI
transport).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from aiohttp import web
from starlette.applications import Starlette

TEAM = "T0001"
BOT_USER = "UBOT0001"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-token"


@dataclass
class Call:
    """One Web API call the bot made."""

    method: str
    args: dict[str, Any]
    auth: str
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeSlack:
    """Slack's Web API, as far as the bot uses it."""

    calls: list[Call] = field(default_factory=list)
    scripted: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    port: int = 0
    # Like Slack: at most one chat.postMessage a second into one conversation (429 beyond it).
    per_conversation_seconds: float = 0.0
    refused: int = 0
    _last_post: dict[str, float] = field(default_factory=dict)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    acks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        """The base URL the SDK calls (``PLEDGEBOT_SLACK_API_URL``)."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "1") -> str:
        """An interaction's ``response_url`` pointing here."""
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_get("/link", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    def fail(self, method: str, *answers: tuple[int, dict[str, Any], dict[str, str]]) -> None:
        """Answer the next calls of ``method`` with these (status, body, headers)."""
        self.scripted.setdefault(method, []).extend(answers)

    def user(self, user_id: str, email: str, **extra: Any) -> None:
        """A member ``users.info`` reports."""
        self.users[user_id] = {"id": user_id, "team_id": TEAM, "is_bot": False,
                               "deleted": False, "profile": {"email": email}, **extra}

    def of(self, method: str) -> list[dict[str, Any]]:
        """The arguments of every call of ``method`` so far."""
        return [call.args for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 10.0
                       ) -> list[dict[str, Any]]:
        """The first ``count`` calls of ``method``, once made (fails after ``within`` seconds)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found[:count]
            await asyncio.sleep(0.01)
        raise AssertionError(f"{method} called {len(self.of(method))} times, not {count}: "
                             f"{[c.method for c in self.calls]}")

    async def _arguments(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update({k: v for k, v in (await request.post()).items()
                             if isinstance(v, str)})
        for name in ("blocks", "view"):
            if isinstance(args.get(name), str):
                args[name] = json.loads(args[name])
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._arguments(request)
        self.calls.append(Call(method, args, request.headers.get("Authorization", "")))
        if method == "chat.postMessage" and self.per_conversation_seconds:
            channel, now = str(args.get("channel")), time.monotonic()
            if now - self._last_post.get(channel, -1e9) < self.per_conversation_seconds:
                self.refused += 1
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": "1"})
            self._last_post[channel] = now
        waiting = self.scripted.get(method)
        if waiting:
            status, body, headers = waiting.pop(0)
            return web.json_response(body, status=status, headers=headers)
        return web.json_response(self._answer(method, args))

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "team_id": TEAM, "bot_id": "B0001",
                    "team": "Northshire", "user": "pledgebot"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{args.get('users', '')}"}}
        if method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") or f"{1700000000 + next(self._ts)}.000100"
            args["ts"] = ts  # so a test can press the message's buttons
            return {"ok": True, "channel": args.get("channel"), "ts": ts}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False,
                                                             "error": "user_not_found"}
        return {"ok": True}

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode's websocket: hello, then the envelopes a test sends; acks recorded."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": "A0001"},
                                "debug_info": {"host": "fake", "approximate_connection_time": 60}})
        async for frame in socket:
            if frame.type == web.WSMsgType.TEXT:
                self.acks.append(json.loads(frame.data))
        return socket

    async def envelope(self, kind: str, payload: dict[str, Any]) -> str:
        """Send one Socket Mode envelope (``events_api``, ``slash_commands``, ``interactive``)
        on the open websocket; its id."""
        envelope_id = f"env-{next(self._ts)}"
        await self.sockets[-1].send_json({"envelope_id": envelope_id, "type": kind,
                                          "payload": payload, "retry_attempt": 0,
                                          "retry_reason": "",
                                          "accepts_response_payload": kind != "events_api"})
        return envelope_id

    async def _respond(self, request: web.Request) -> web.Response:
        self.calls.append(Call("respond", await self._arguments(request), ""))
        return web.Response(text="ok")


@asynccontextmanager
async def fake_slack() -> Any:
    """A started ``FakeSlack``, stopped afterwards."""
    fake = FakeSlack()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


def signature(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's ``X-Slack-Signature`` for ``body`` sent at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Workspace:
    """Slack's side: signed requests to the bot's ``/slack/events``."""

    app: Starlette
    fake: FakeSlack
    clock: Callable[[], float] = time.time
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    async def post(self, body: bytes, content_type: str, *, secret: str = SECRET,
                   age: float = 0.0, signed: bool = True, headers: dict[str, str] | None = None,
                   ) -> httpx.Response:
        """POST ``body`` to /slack/events, signed ``age`` seconds ago with ``secret``."""
        timestamp = str(int(self.clock() - age))
        sent = {"Content-Type": content_type, **(headers or {})}
        if signed:
            sent["X-Slack-Request-Timestamp"] = timestamp
            sent["X-Slack-Signature"] = signature(body, timestamp, secret)
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            return await client.post("/slack/events", content=body, headers=sent)

    async def event(self, event: dict[str, Any], *, event_id: str | None = None,
                    team: str = TEAM, **options: Any) -> httpx.Response:
        """An Events API callback carrying ``event``."""
        body = {"token": "x", "team_id": team, "api_app_id": "A0001", "type": "event_callback",
                "event_id": event_id or f"Ev{next(self._ids):08d}",
                "event_time": int(self.clock()), "event": event}
        return await self.post(json.dumps(body).encode(), "application/json", **options)

    async def dm(self, user: str, text: str, **options: Any) -> httpx.Response:
        """``user`` writes ``text`` to the bot in a direct message."""
        return await self.event({"type": "message", "channel_type": "im", "user": user,
                                 "text": text, "channel": f"D{user}", "ts": f"{time.time()}",
                                 "event_ts": f"{time.time()}"}, **options)

    async def mention(self, user: str, text: str, channel: str = "C0GENERAL",
                      **options: Any) -> httpx.Response:
        """``user`` mentions the bot in a channel."""
        ts = f"{time.time():.6f}"
        return await self.event({"type": "app_mention", "user": user, "channel": channel,
                                 "text": f"<@{BOT_USER}> {text}", "ts": ts, "event_ts": ts},
                                **options)

    async def command(self, user: str, text: str, channel: str = "C0GENERAL",
                      **options: Any) -> httpx.Response:
        """``user`` types ``/pledge text``."""
        form = {"token": "x", "team_id": TEAM, "channel_id": channel, "user_id": user,
                "command": "/pledge", "text": text, "trigger_id": f"trig.{next(self._ids)}",
                "response_url": self.fake.response_url(f"cmd{next(self._ids)}")}
        return await self.post(urllib.parse.urlencode(form).encode(),
                               "application/x-www-form-urlencoded", **options)

    async def press(self, user: str, message: dict[str, Any], channel: str, action_id: str,
                    **options: Any) -> httpx.Response:
        """``user`` presses the button ``action_id`` of ``message`` (as the bot posted it)."""
        button = next(element for block in message["blocks"] if block["type"] == "actions"
                      for element in block["elements"] if element["action_id"] == action_id)
        payload = {
            "type": "block_actions", "team": {"id": TEAM}, "user": {"id": user, "team_id": TEAM},
            "trigger_id": f"trig.{next(self._ids)}", "response_url": self.fake.response_url(),
            "container": {"type": "message", "message_ts": message["ts"],
                          "channel_id": channel, "is_ephemeral": False},
            "channel": {"id": channel}, "message": message,
            "actions": [{**button, "block_id": "b", "action_ts": f"{time.time():.6f}"}]}
        form = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return await self.post(form, "application/x-www-form-urlencoded", **options)

    async def submit(self, user: str, view: dict[str, Any], answers: dict[str, str],
                     **options: Any) -> httpx.Response:
        """``user`` sends the modal ``view`` (as the bot opened it) with ``answers``."""
        values: dict[str, Any] = {}
        for block in view["blocks"]:
            answer = answers.get(block["block_id"], "")
            if block["element"]["type"] == "static_select":
                chosen = {"text": {"type": "plain_text", "text": answer}, "value": answer}
                state = {"type": "static_select", "selected_option": chosen if answer else None}
            else:
                state = {"type": "plain_text_input", "value": answer or None}
            values[block["block_id"]] = {"value": state}
        payload = {"type": "view_submission", "team": {"id": TEAM},
                   "user": {"id": user, "team_id": TEAM},
                   "view": {**view, "id": "V0MODAL01", "team_id": TEAM, "hash": "1.a",
                            "state": {"values": values}}}
        form = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return await self.post(form, "application/x-www-form-urlencoded", **options)

    async def home_opened(self, user: str) -> httpx.Response:
        """``user`` opens the bot's App Home tab."""
        return await self.event({"type": "app_home_opened", "user": user, "channel": f"D{user}",
                                 "tab": "home", "event_ts": f"{time.time():.6f}"})

    async def closed(self, user: str, view: dict[str, Any]) -> httpx.Response:
        """``user`` closes the modal ``view`` without sending it."""
        payload = {"type": "view_closed", "team": {"id": TEAM},
                   "user": {"id": user, "team_id": TEAM}, "is_cleared": False,
                   "view": {**view, "id": "V0MODAL01", "team_id": TEAM}}
        form = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return await self.post(form, "application/x-www-form-urlencoded")
