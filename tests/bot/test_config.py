"""Settings: defaults, environment, pledgebot.toml, and one clear line for a bad setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import policy_from
from bot.config import load_settings
from bot.errors import ConfigError


def test_defaults() -> None:
    settings = load_settings()
    assert (settings.database_url, settings.timezone, settings.max_message_chars) == (
        "sqlite:///pledgebot.db", "Europe/London", 4000)


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEBOT_TIMEZONE", "Europe/Belfast")
    monkeypatch.setenv("PLEDGEBOT_COUNCIL_NAME", "Northshire County Council")
    settings = load_settings()
    assert (settings.timezone, settings.council_name) == (
        "Europe/Belfast", "Northshire County Council")


def test_toml_file_is_read_and_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "pledgebot.toml").write_text(
        'council_name = "Westshire"\nmax_message_chars = 2000\n'
        '[rate_limit_per_second]\nslack = 0.5\n'
    )
    monkeypatch.setenv("PLEDGEBOT_MAX_MESSAGE_CHARS", "3000")
    settings = load_settings()
    assert (settings.council_name, settings.max_message_chars,
            settings.rate_limit_per_second) == ("Westshire", 3000, {"slack": 0.5})


@pytest.mark.parametrize("url", ["postgresql://u@db.internal/pledge",
                                 "postgres://u@db.internal/pledge"])
def test_postgres_urls_use_psycopg(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("PLEDGEBOT_DATABASE_URL", url)
    assert load_settings().database_url == "postgresql+psycopg://u@db.internal/pledge"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("PLEDGEBOT_TIMEZONE", "Mars/Olympus", "setting PLEDGEBOT_TIMEZONE: unknown time zone "
                                           "'Mars/Olympus'"),
    ("PLEDGEBOT_DATABASE_URL", "mysql://x", "setting PLEDGEBOT_DATABASE_URL: must start with "
                                            "sqlite:// or postgresql+psycopg://"),
    ("PLEDGEBOT_MAX_MESSAGE_CHARS", "lots", "setting PLEDGEBOT_MAX_MESSAGE_CHARS: Input should "
                                            "be a valid integer, unable to parse string as an "
                                            "integer"),
    ("PLEDGEBOT_LOG_LEVEL", "chatty", "setting PLEDGEBOT_LOG_LEVEL: must be DEBUG, INFO, "
                                      "WARNING, ERROR or CRITICAL"),
    ("PLEDGEBOT_OUTBOX_MAX_IN_FLIGHT", "0", "setting PLEDGEBOT_OUTBOX_MAX_IN_FLIGHT: Input "
                                            "should be greater than or equal to 1"),
    ("PLEDGEBOT_RATE_LIMIT_PER_SECOND", '{"fax": 1}', "setting PLEDGEBOT_RATE_LIMIT_PER_SECOND: "
                                                      "unknown channel 'fax'"),
])
def test_a_bad_setting_names_itself(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == message


def test_unknown_key_in_toml(tmp_path: Path) -> None:
    (tmp_path / "pledgebot.toml").write_text('databse_url = "sqlite:///x.db"\n')
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == (
        "setting 'databse_url' in pledgebot.toml: is not a known setting; did you mean "
        "database_url? (the file's keys are the settings' names without PLEDGEBOT_, such as "
        "knowledge_dir)")


def test_a_toml_key_may_be_written_as_its_environment_variable(tmp_path: Path) -> None:
    (tmp_path / "pledgebot.toml").write_text(
        f'PLEDGEBOT_KNOWLEDGE_DIR = "{tmp_path}"\npledgebot_council_name = "Westshire"\n')
    settings = load_settings()
    assert (settings.knowledge_dir, settings.council_name) == (tmp_path, "Westshire")


@pytest.mark.parametrize(("name", "message"), [
    ("PLEDGEBOT_REMINDER_LEAD_DAYS", "setting PLEDGEBOT_REMINDER_LEAD_DAYS: must be JSON, such "
                                     "as '{\"payment\": [5, 1, 0]}'"),
    ("PLEDGEBOT_RATE_LIMIT_PER_SECOND", "setting PLEDGEBOT_RATE_LIMIT_PER_SECOND: must be JSON, "
                                        "such as '{\"slack\": 1, \"email\": 5}'"),
])
def test_a_json_setting_that_is_not_json_names_itself(
        monkeypatch: pytest.MonkeyPatch, name: str, message: str) -> None:
    monkeypatch.setenv(name, "{bad")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == message


def test_missing_config_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLEDGEBOT_CONFIG", "/nowhere/pledgebot.toml")
    with pytest.raises(ConfigError, match=r"PLEDGEBOT_CONFIG: file '/nowhere/pledgebot\.toml'"):
        load_settings()


def test_malformed_toml(tmp_path: Path) -> None:
    (tmp_path / "pledgebot.toml").write_text("council_name = [unclosed\n")
    with pytest.raises(ConfigError, match="setting PLEDGEBOT_CONFIG: cannot read"):
        load_settings()


def test_the_outbox_policy_takes_max_in_flight_from_the_settings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert policy_from(load_settings()).max_in_flight == 64
    monkeypatch.setenv("PLEDGEBOT_OUTBOX_MAX_IN_FLIGHT", "8")
    assert policy_from(load_settings()).max_in_flight == 8
