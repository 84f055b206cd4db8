"""The Slack app manifest (pure): everything an admin needs to create the app in one step.

``pledgebot slack manifest`` prints it; pasted into "Create New App > From an app manifest" it
sets the bot's scopes, ``/pledge``, the events, interactivity, App Home, and Socket Mode (on
without ``--url``; with ``--url https://HOST`` Slack posts to ``https://HOST/slack/events``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.channels.slack.adapter import COMMAND

# What the bot reads and writes, and why: mentions in channels, replies and notifications,
# /pledge, direct messages (read and open), and who a user is (users.info, with the e-mail
# Slack has verified).
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history", "im:read",
              "im:write", "users:read", "users:read.email")
BOT_EVENTS = ("app_home_opened", "app_mention", "message.im")
EVENTS_PATH = "/slack/events"


def events_url(base: str) -> str:
    """``base`` (``https://HOST``) as the URL Slack posts to; ValueError when it is not an
    https URL with a host and no query."""
    parts = urlsplit(base.strip())
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise ValueError("must be an https:// URL such as https://pledgebot.example.org")
    return f"https://{parts.netloc}{parts.path.rstrip('/')}{EVENTS_PATH}"


def manifest(*, url: str | None = None, name: str = "pledgebot") -> dict[str, Any]:
    """The app manifest: Socket Mode when ``url`` is None, else HTTP mode at ``url``."""
    request_url = events_url(url) if url is not None else None
    command: dict[str, Any] = {
        "command": COMMAND, "should_escape": False,
        "description": "Ask about the pledge, give feedback, see your cases and reminders",
        "usage_hint": "[question | help | feedback | conflict | cases | reminders]"}
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url is not None:
        command["url"] = request_url
        events["request_url"] = request_url
        interactivity["request_url"] = request_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": "The Pledge to Work Together, in practice",
            "long_description": "Answers questions about the Pledge to Work Together and "
            "tendering, records feedback and disagreements as cases, reminds providers and "
            "commissioners of the pledge's deadlines, and routes escalations to a named "
            "commissioner.",
            "background_color": "#1d4e89"},
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": [command]},
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {"event_subscriptions": events, "interactivity": interactivity,
                     "org_deploy_enabled": False, "socket_mode_enabled": request_url is None,
                     "token_rotation_enabled": False},
    }
