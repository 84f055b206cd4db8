"""Slack payloads to ``Incoming`` (pure): events, ``/pledge`` commands and button presses.

``to_incoming`` returns None for what the bot must ignore: another workspace's events, bots'
messages (its own included), edits, deletions and other message subtypes, and anything that is
not a person talking to it. Slack's markup in typed text is turned back into the words as
typed: ``&lt;`` is ``<``, a mention ``<@U123>`` is ``@U123``, a link ``<https://x|y>`` is
``y (https://x)``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from bot.channels.slack.render import INPUT_ACTION, action_name
from bot.messages import Incoming
from bot.models import Channel

COMMAND = "/pledge"
# <@U123>, <@U123|name>, <#C123|general>, <!channel>, <!subteam^S1|@team>, <https://x|y>
_MARKUP = re.compile(r"<([^<>]*)>")
_BOT_MENTION = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*")


def _plain(markup: str) -> str:
    """One ``<...>`` of Slack markup as the words the person typed."""
    target, _sep, label = markup.partition("|")
    if target.startswith("@"):
        return f"@{label}" if label else target
    if target.startswith("#"):
        return f"#{label}" if label else target
    if target.startswith("!"):
        name = label or target[1:].split("^", 1)[0]
        return name if name.startswith("@") else f"@{name}"
    target = target.removeprefix("mailto:")
    return f"{label} ({target})" if label and label != target else target


def plain_text(text: str) -> str:
    """Slack's formatted message text as plain words (markup and entities undone)."""
    words = _MARKUP.sub(lambda found: _plain(found.group(1)), text)
    return words.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _from_unix(value: Any, fallback: datetime) -> datetime:
    try:
        return datetime.fromtimestamp(float(value), tz=fallback.tzinfo)
    except (TypeError, ValueError, OverflowError):
        return fallback


def _platform(**values: Any) -> Mapping[str, str]:
    return MappingProxyType({name: str(value) for name, value in values.items() if value})


def _event(body: Mapping[str, Any], *, bot_user_id: str | None, received_at: datetime
           ) -> Incoming | None:
    event = body.get("event")
    if not isinstance(event, Mapping):
        return None
    user = event.get("user")
    if (not isinstance(user, str) or event.get("bot_id") or event.get("subtype")
            or (bot_user_id is not None and user == bot_user_id)):
        return None
    kind = event.get("type")
    text = str(event.get("text") or "")
    channel = str(event.get("channel") or "")
    event_id = body.get("event_id")
    when = _from_unix(event.get("event_ts") or event.get("ts"), received_at)
    if kind == "message" and event.get("channel_type") == "im":
        return Incoming(channel=Channel.SLACK, conversation=channel, sender=user,
                        text=plain_text(text), received_at=when,
                        message_id=str(event_id) if event_id else None,
                        platform=_platform(mode="dm"))
    if kind == "app_mention":
        thread = event.get("thread_ts") or event.get("ts")
        return Incoming(channel=Channel.SLACK, conversation=channel, sender=user,
                        text=plain_text(_BOT_MENTION.sub("", text)), received_at=when,
                        message_id=str(event_id) if event_id else None,
                        platform=_platform(mode="mention", thread_ts=thread))
    return None


def command_text(text: str, commands: Collection[str]) -> str:
    """The words after ``/pledge`` as a chat line: nothing is ``/help``; a first word that
    names a command (``feedback``, ``cases``, ``/cases``) is that command; anything else is a
    question, as if typed in a direct message."""
    words = text.strip()
    if not words:
        return "/help"
    first, _sep, rest = words.partition(" ")
    name = first.lstrip("/").lower()
    if name in commands:
        return f"/{name} {rest.strip()}".rstrip()
    return words


def _command(body: Mapping[str, Any], *, commands: Collection[str], received_at: datetime
             ) -> Incoming | None:
    if body.get("command") != COMMAND or not body.get("user_id"):
        return None
    trigger = body.get("trigger_id")
    return Incoming(channel=Channel.SLACK, conversation=str(body.get("channel_id") or ""),
                    sender=str(body["user_id"]),
                    text=command_text(plain_text(str(body.get("text") or "")), commands),
                    received_at=received_at,
                    message_id=f"command:{trigger}" if trigger else None,
                    platform=_platform(mode="command", trigger_id=trigger,
                                       response_url=body.get("response_url")))


def _action(body: Mapping[str, Any], *, received_at: datetime) -> Incoming | None:
    pressed = body.get("actions") or []
    user = body.get("user") or {}
    if not pressed or not isinstance(user, Mapping) or not user.get("id"):
        return None
    action = pressed[0]
    if action.get("type") != "button":
        return None
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    message_ts = container.get("message_ts") or ""
    label = (action.get("text") or {}).get("text") or ""
    value = str(action.get("value") or "").strip()
    return Incoming(
        channel=Channel.SLACK, conversation=str(channel), sender=str(user["id"]),
        action=action_name(str(action.get("action_id") or "")), action_value=value,
        received_at=_from_unix(action.get("action_ts"), received_at),
        message_id=f"action:{channel}:{message_ts}:{action.get('action_ts')}",
        platform=_platform(mode="action", trigger_id=body.get("trigger_id"),
                           response_url=body.get("response_url"), message_ts=message_ts,
                           ephemeral="1" if container.get("is_ephemeral") else "",
                           home="1" if container.get("type") == "view" else "",
                           label=label))


def _answer(state: Mapping[str, Any]) -> str:
    """One input's answer in a submitted modal's state: typed text or the chosen option."""
    if state.get("type") == "static_select":
        return str((state.get("selected_option") or {}).get("value") or "")
    return str(state.get("value") or "")


def _view(body: Mapping[str, Any], *, received_at: datetime) -> Incoming | None:
    view = body.get("view") or {}
    user = body.get("user") or {}
    if not view.get("callback_id") or not isinstance(user, Mapping) or not user.get("id"):
        return None
    values = {block_id: _answer(inputs.get(INPUT_ACTION) or {})
              for block_id, inputs in ((view.get("state") or {}).get("values") or {}).items()
              if isinstance(inputs, Mapping)}
    # No message id: Slack never redelivers a submission, and one refused for a bad answer is
    # sent again with the same view id once corrected.
    return Incoming(channel=Channel.SLACK, conversation=str(view.get("private_metadata") or ""),
                    sender=str(user["id"]), form_id=str(view["callback_id"]),
                    form_values=MappingProxyType(values), received_at=received_at,
                    platform=_platform(mode="view", view_id=view.get("id")))


def team_of(body: Mapping[str, Any]) -> str | None:
    """The workspace a payload came from, wherever its kind puts it."""
    team = body.get("team_id") or body.get("team")
    if isinstance(team, Mapping):
        team = team.get("id")
    if not team:
        user = body.get("user")
        team = user.get("team_id") if isinstance(user, Mapping) else None
    return str(team) if team else None


def to_incoming(body: Mapping[str, Any], *, received_at: datetime, team_id: str | None,
                bot_user_id: str | None, commands: Collection[str] = ()) -> Incoming | None:
    """One Slack payload (event callback, slash command, ``block_actions`` or
    ``view_submission``) as an Incoming,
    or None when the bot ignores it.

    Args:
        body: the parsed request body (the JSON event, the slash command's form, or an
            interaction's ``payload``).
        received_at: when it arrived (aware UTC), for payloads that carry no time.
        team_id: the workspace served; a payload from another is ignored (None: any).
        bot_user_id: the bot's own user id; its own messages are ignored.
        commands: the chat commands ``/pledge WORD`` may name.
    """
    if team_id is not None and team_of(body) not in (None, team_id):
        return None
    if body.get("type") == "event_callback":
        return _event(body, bot_user_id=bot_user_id, received_at=received_at)
    if "command" in body:
        return _command(body, commands=commands, received_at=received_at)
    if body.get("type") == "block_actions":
        return _action(body, received_at=received_at)
    if body.get("type") == "view_submission":
        return _view(body, received_at=received_at)
    return None
