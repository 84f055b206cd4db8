"""``pledgebot slack manifest``: the app manifest for Socket Mode, or HTTP mode at --url."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import run_cli


def test_without_a_url_the_manifest_is_for_socket_mode(tmp_path: Path) -> None:
    result = run_cli("slack", "manifest", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in manifest["settings"]["event_subscriptions"]
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/pledge"]
    assert "url" not in manifest["features"]["slash_commands"][0]
    assert "users:read.email" in manifest["oauth_config"]["scopes"]["bot"]
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == [
        "app_home_opened", "app_mention", "message.im"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_with_a_url_slack_posts_everything_to_slack_events(tmp_path: Path) -> None:
    result = run_cli("slack", "manifest", "--url", "https://bot.northshire.example/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    url = "https://bot.northshire.example/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert manifest["features"]["slash_commands"][0]["url"] == url


def test_a_url_that_is_not_https_is_refused(tmp_path: Path) -> None:
    result = run_cli("slack", "manifest", "--url", "http://bot.example", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"--url must be an https:// URL" in result.stderr
