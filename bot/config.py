"""Settings: the only place that reads the environment.

Every problem is reported as a `ConfigError` whose message is one line naming the variable and what
to do about it, so the CLI can print it to an operator instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.introductions import DAILY_LIMIT
from bot.domain.mentoring.schedule import ANSWER_DAYS, MAX_ANSWER_DAYS, MAX_WINDOW_DAYS, WINDOW_DAYS

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///rapport.db"
DEFAULT_PORT = 3000

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
_DATABASE_SCHEMES = ("sqlite", "postgresql")
_PLACEHOLDER = re.compile(
    r"your[-_]|placeholder|changeme|[-_]here$", re.IGNORECASE
)  # .env.example's and the like

SETTING_NAMES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PORT",
    "RAPPORT_ADMIN_IDS",
    "RAPPORT_INTRO_CHANNEL",
    "RAPPORT_ASKS_CHANNEL",
    "RAPPORT_KUDOS_CHANNEL",
    "RAPPORT_TIMEZONE",
    "RAPPORT_SCHEDULER",
    "RAPPORT_INTRO_DAILY_LIMIT",
    "RAPPORT_MENTORING_WINDOW_DAYS",
    "RAPPORT_MENTORING_ANSWER_DAYS",
)


def unset_empty_settings(environ: MutableMapping[str, str]) -> None:
    """An empty setting means "not set", for Rapport and for the libraries that read the environment too.

    python-dotenv turns `SLACK_CLIENT_ID=` into an empty string, and Bolt takes any SLACK_CLIENT_ID that is
    not None as a request for OAuth mode, ignoring the bot token: every command then fails.
    """
    for name in SETTING_NAMES:
        if name in environ and not environ[name].strip():
            del environ[name]


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


class Mode(StrEnum):
    """How Rapport talks to Slack."""

    SOCKET = "socket"  # a websocket opened by Rapport: no public URL needed
    HTTP = "http"  # one workspace, Slack calls our public URL
    OAUTH = "oauth"  # many workspaces installed through /slack/install


@dataclass(frozen=True)
class Settings:
    """Rapport's configuration, validated."""

    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    client_id: str | None
    client_secret: str | None
    slack_api_url: str
    database_url: str
    port: int
    admin_ids: frozenset[str]
    intro_channel: str | None
    timezone: ZoneInfo
    scheduler_enabled: bool
    intro_daily_limit: int = DAILY_LIMIT
    asks_channel: str | None = None
    kudos_channel: str | None = None
    mentoring_window_days: int = WINDOW_DAYS
    mentoring_answer_days: int = ANSWER_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read and validate every setting; raise ConfigError on the first malformed one."""

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        return cls(
            bot_token=_prefixed(get, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token"),
            signing_secret=get("SLACK_SIGNING_SECRET"),
            app_token=_prefixed(get, "SLACK_APP_TOKEN", "xapp-", "an App-Level Token with connections:write"),
            client_id=get("SLACK_CLIENT_ID"),
            client_secret=get("SLACK_CLIENT_SECRET"),
            slack_api_url=_api_url(get("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
            database_url=_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            port=_port(get("PORT")),
            admin_ids=_admin_ids(get("RAPPORT_ADMIN_IDS")),
            intro_channel=_channel(get, "RAPPORT_INTRO_CHANNEL"),
            timezone=_timezone(get("RAPPORT_TIMEZONE") or "UTC"),
            scheduler_enabled=_on_off(get("RAPPORT_SCHEDULER") or "on", "RAPPORT_SCHEDULER"),
            intro_daily_limit=_daily_limit(get("RAPPORT_INTRO_DAILY_LIMIT")),
            asks_channel=_channel(get, "RAPPORT_ASKS_CHANNEL"),
            kudos_channel=_channel(get, "RAPPORT_KUDOS_CHANNEL"),
            mentoring_window_days=_days(
                get("RAPPORT_MENTORING_WINDOW_DAYS"),
                "RAPPORT_MENTORING_WINDOW_DAYS",
                WINDOW_DAYS,
                MAX_WINDOW_DAYS,
                "days a mentor matching window stays open unless the lead picks a day",
            ),
            mentoring_answer_days=_days(
                get("RAPPORT_MENTORING_ANSWER_DAYS"),
                "RAPPORT_MENTORING_ANSWER_DAYS",
                ANSWER_DAYS,
                MAX_ANSWER_DAYS,
                "working days a mentor has to accept or decline",
            ),
        )

    @property
    def mode(self) -> Mode:
        if self.app_token:
            return Mode.SOCKET
        if self.client_id or self.client_secret:
            return Mode.OAUTH
        return Mode.HTTP

    def require_bot_token(self) -> str:
        """The single-workspace token, for commands that call Slack outside a request."""
        if not self.bot_token:
            raise ConfigError(
                "SLACK_BOT_TOKEN is not set: install the app from manifest.yml and copy its "
                "Bot User OAuth Token (xoxb-…) into .env"
            )
        return self.bot_token

    def require_run_settings(self) -> None:
        """Check that the settings needed by `rapport run` in the chosen mode are present."""
        if self.mode is Mode.OAUTH:
            for name, value in (
                ("SLACK_CLIENT_ID", self.client_id),
                ("SLACK_CLIENT_SECRET", self.client_secret),
            ):
                if not value:
                    raise ConfigError(
                        f"{name} is not set: OAuth mode needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                        "from the app's Basic Information page"
                    )
        else:
            self.require_bot_token()
        if self.mode is not Mode.SOCKET and not self.signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set: copy the Signing Secret from the app's Basic Information "
                "page (or set SLACK_APP_TOKEN to use Socket Mode)"
            )


def _prefixed(get: Callable[[str], str | None], name: str, prefix: str, what: str) -> str | None:
    value = get(name)
    if value is not None and not value.startswith(prefix):
        raise ConfigError(f"{name} must start with {prefix!r}: copy {what} from the Slack app's settings")
    if value is not None and _PLACEHOLDER.search(value):
        raise ConfigError(
            f"{name} is still the placeholder from .env.example: copy {what} from the Slack app's settings"
        )
    return value


def _api_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"SLACK_API_URL is not an http(s) URL ({value!r}): leave it unset for Slack's own API"
        )
    return value if value.endswith("/") else value + "/"


def _database_url(value: str) -> str:
    scheme = value.split(":", 1)[0].split("+", 1)[0]
    if "://" not in value or scheme not in _DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL must be sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DB, "
            f"not {value.split('://', 1)[0]!r}…"
        )
    if scheme == "postgresql" and not value.startswith("postgresql+psycopg://"):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _port(value: str | None) -> int:
    if value is None:
        return DEFAULT_PORT
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT must be a number from 1 to 65535, not {value!r}")
    return int(value)


def _daily_limit(value: str | None) -> int:
    if value is None:
        return DAILY_LIMIT
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 100:
        raise ConfigError(
            f"RAPPORT_INTRO_DAILY_LIMIT must be a number from 1 to 100 (introductions one person may "
            f"propose in 24 hours), not {value!r}"
        )
    return int(value)


def _days(value: str | None, name: str, default: int, most: int, what: str) -> int:
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= most:
        raise ConfigError(f"{name} must be a number from 1 to {most} ({what}), not {value!r}")
    return int(value)


def _admin_ids(value: str | None) -> frozenset[str]:
    ids = [part.strip() for part in (value or "").split(",") if part.strip()]
    for user_id in ids:
        if not _USER_ID.match(user_id):
            raise ConfigError(
                f"RAPPORT_ADMIN_IDS has {user_id!r}, which is not a Slack user ID: use IDs like U012AB3CD "
                "(profile → ⋮ → Copy member ID), separated by commas"
            )
    return frozenset(ids)


def _channel(get: Callable[[str], str | None], name: str) -> str | None:
    value = get(name)
    if value is not None and not _CHANNEL_ID.match(value):
        raise ConfigError(
            f"{name} must be a channel ID like C012AB3CD, not {value!r}: "
            "open the channel's details and copy the ID at the bottom"
        )
    return value


def _timezone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"RAPPORT_TIMEZONE {value!r} is not an IANA time zone: use a name like Europe/London or UTC"
        ) from None


def _on_off(value: str, name: str) -> bool:
    if value.lower() not in ("on", "off"):
        raise ConfigError(f"{name} must be 'on' or 'off', not {value!r}")
    return value.lower() == "on"
