"""A fake Telegram Bot API on 127.0.0.1 for the real python-telegram-bot client to talk to.

It answers ``POST /bot<token>/<method>`` (form-encoded, JSON values inside; or JSON), keeps
every call, serves ``getUpdates`` from a list honouring ``offset`` and ``timeout``, and can be
told to fail a method's next calls with a Telegram error (429 with ``retry_after``, 403, 400).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456:TEST-token"
BOT = {"id": 4242, "is_bot": True, "first_name": "Pledgebot", "username": "pledge_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}


@dataclass
class Call:
    """One request the client made."""

    method: str
    params: dict[str, Any]


@dataclass
class FakeBotApi:
    """The fake's state; ``url`` is the base URL to give PTB (``.../bot``)."""

    token: str = TOKEN
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, list[tuple[int, str, dict[str, Any]]]] = field(default_factory=dict)
    confirmed: int = 0
    lock: threading.Condition = field(default_factory=threading.Condition)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1000))
    # Telegram's limits, enforced when set (the benchmark): a send over them gets a 429.
    enforce_limits: bool = False
    too_many: int = 0
    _sent_at: list[float] = field(default_factory=list)
    _chat_at: dict[int, float] = field(default_factory=dict)

    def push(self, update: dict[str, Any]) -> None:
        """Make an update available to ``getUpdates``."""
        with self.lock:
            self.updates.append(update)
            self.lock.notify_all()

    def fail(self, method: str, status: int, description: str, **parameters: Any) -> None:
        """Fail the next call of ``method`` with this error."""
        with self.lock:
            self.failures.setdefault(method, []).append((status, description, parameters))

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """The parameters of every successful call of ``method``, in order."""
        with self.lock:
            return [call.params for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0
                 ) -> list[dict[str, Any]]:
        """Wait until ``method`` was called ``count`` times; its calls."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while len([c for c in self.calls if c.method == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{method} called fewer than {count} times: "
                                         f"{[c.method for c in self.calls]}")
                self.lock.wait(left)
        return self.sent(method)

    # -- the API ------------------------------------------------------------------------------
    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            failures = self.failures.get(method)
            if failures:
                status, description, parameters = failures.pop(0)
                body: dict[str, Any] = {"ok": False, "error_code": status,
                                        "description": description}
                if parameters:
                    body["parameters"] = parameters
                return status, body
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._updates(params)}
        if method == "sendMessage" and self.enforce_limits and self._over_limit(params):
            return 429, {"ok": False, "error_code": 429, "parameters": {"retry_after": 1},
                         "description": "Too Many Requests: retry after 1"}
        result = self._result(method, params)
        with self.lock:
            self.calls.append(Call(method, params))
            self.lock.notify_all()
        return 200, {"ok": True, "result": result}

    def _over_limit(self, params: dict[str, Any]) -> bool:
        """More than 30 sends in the last second, or a second one to a chat within a second."""
        now = time.monotonic()
        chat = int(params["chat_id"])
        with self.lock:
            self._sent_at = [at for at in self._sent_at if at > now - 1.0]
            if len(self._sent_at) >= 30 or now - self._chat_at.get(chat, -10.0) < 1.0:
                self.too_many += 1
                return True
            self._sent_at.append(now)
            self._chat_at[chat] = now
            return False

    def _updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        with self.lock:
            self.calls.append(Call("getUpdates", params))
            if offset:
                self.confirmed = max(self.confirmed, offset)
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.lock.wait(max(0.0, deadline - time.monotonic()))
            return list(self.updates)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method in ("sendMessage", "editMessageText"):
            chat_id = int(params["chat_id"])
            return {"message_id": int(params.get("message_id") or next(self.ids)),
                    "date": int(time.time()), "text": params.get("text", ""),
                    "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                    "from": BOT}
        return True


def _params(handler: BaseHTTPRequestHandler) -> dict[str, Any]:
    length = int(handler.headers.get("Content-Length") or 0)
    raw = handler.rfile.read(length).decode() if length else ""
    if "json" in (handler.headers.get("Content-Type") or ""):
        return dict(json.loads(raw or "{}"))
    params: dict[str, Any] = {}
    for key, value in parse_qsl(raw):
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


@contextmanager
def fake_bot_api() -> Iterator[FakeBotApi]:
    """Start the fake on a free port of 127.0.0.1; stop it afterwards."""
    api = FakeBotApi()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            params = _params(self)
            token, _, method = self.path.removeprefix("/bot").partition("/")
            if token != api.token:
                status, body = 401, {"ok": False, "error_code": 401,
                                     "description": "Unauthorized"}
            else:
                status, body = api.answer(method, params)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that hung up mid long poll (the channel stopping)

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    api.url = f"http://127.0.0.1:{server.server_address[1]}/bot"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        with api.lock:
            api.updates.clear()
            api.lock.notify_all()
        server.shutdown()
        server.server_close()


def text_update(update_id: int, text: str, *, user_id: int = 555, chat_id: int | None = None,
                chat_type: str = "private", entities: list[dict[str, Any]] | None = None
                ) -> dict[str, Any]:
    """A message update as Telegram sends it (a command gets its bot_command entity)."""
    message: dict[str, Any] = {
        "message_id": update_id * 10, "date": 1764756000,
        "chat": {"id": chat_id if chat_id is not None else user_id, "type": chat_type},
        "from": {"id": user_id, "is_bot": False, "first_name": "Sam"}, "text": text}
    if entities is None and text.startswith("/"):
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if entities:
        message["entities"] = entities
    return {"update_id": update_id, "message": message}


def callback_update(update_id: int, data: str, *, user_id: int = 555, message_id: int = 77,
                    text: str = "the question") -> dict[str, Any]:
    """A button press on the bot's message ``message_id``."""
    return {"update_id": update_id, "callback_query": {
        "id": f"cq{update_id}", "chat_instance": "ci", "data": data,
        "from": {"id": user_id, "is_bot": False, "first_name": "Sam"},
        "message": {"message_id": message_id, "date": 1764756000, "text": text,
                    "chat": {"id": user_id, "type": "private"}, "from": BOT}}}
