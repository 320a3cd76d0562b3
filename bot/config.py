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

from bot.calendars.settings import NAMES as CALENDAR_SETTING_NAMES
from bot.calendars.settings import CalendarSettings, CalendarSettingsError, calendar_settings
from bot.domain.events import UPCOMING_LIMIT
from bot.domain.help.asks import OPEN_LIMIT
from bot.domain.help.offers import DAILY_CHANGES
from bot.domain.help.updates import WEEKLY_LIMIT
from bot.domain.introductions import DAILY_LIMIT
from bot.domain.mentoring.schedule import ANSWER_DAYS, MAX_ANSWER_DAYS, MAX_WINDOW_DAYS, WINDOW_DAYS

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///rapport.db"
DEFAULT_PORT = 3000

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
_DATABASE_SCHEMES = ("sqlite", "postgresql")
_PLACEHOLDER = re.compile(
    r"your[-_]|placeholder|changeme|[-_]here$|-\.\.\.$|…$", re.IGNORECASE
)  # .env.example's (xoxb-your-bot-token, xapp-...) and the like

_CREDENTIALS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET")
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
    "RAPPORT_ASKS_OPEN_LIMIT",
    "RAPPORT_OFFERS_DAILY_LIMIT",
    "RAPPORT_EVENTS_UPCOMING_LIMIT",
    "RAPPORT_UPDATES_WEEKLY_LIMIT",
    # Calendars (bot/calendars/settings.py checks them): RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE,
    # RAPPORT_GOOGLE_CALENDAR_URL, RAPPORT_MS_TENANT_ID, RAPPORT_MS_CLIENT_ID, RAPPORT_MS_CLIENT_SECRET,
    # RAPPORT_MS_AUTHORITY_URL, RAPPORT_MS_GRAPH_URL, RAPPORT_CALENDAR_TIMEOUT
    *CALENDAR_SETTING_NAMES,
    "RAPPORT_MENTORING_WINDOW_DAYS",
    "RAPPORT_MENTORING_ANSWER_DAYS",
)

# Per-member limits: (variable, default, highest allowed, what it counts, for the one-line error).
LIMITS = {
    "intro_daily_limit": (
        "RAPPORT_INTRO_DAILY_LIMIT",
        DAILY_LIMIT,
        100,
        "introductions one person may propose in 24 hours",
    ),
    "asks_open_limit": ("RAPPORT_ASKS_OPEN_LIMIT", OPEN_LIMIT, 50, "asks one person may have open at once"),
    "offers_daily_limit": (
        "RAPPORT_OFFERS_DAILY_LIMIT",
        DAILY_CHANGES,
        100,
        "offers one person may add, and take down, in 24 hours",
    ),
    "events_upcoming_limit": (
        "RAPPORT_EVENTS_UPCOMING_LIMIT",
        UPCOMING_LIMIT,
        100,
        "upcoming events one person may have created",
    ),
    "updates_weekly_limit": (
        "RAPPORT_UPDATES_WEEKLY_LIMIT",
        WEEKLY_LIMIT,
        50,
        "updates one intern may share in 7 days",
    ),
}


def unset_empty_settings(environ: MutableMapping[str, str]) -> None:
    """An empty setting means "not set", for Rapport and for the libraries that read the environment too.

    python-dotenv turns `SLACK_CLIENT_ID=` into an empty string, and Bolt takes any SLACK_CLIENT_ID that is
    not None as a request for OAuth mode, ignoring the bot token: every command then fails.
    """
    for name in SETTING_NAMES:
        if name in environ and not environ[name].strip():
            del environ[name]


def is_placeholder(value: str) -> bool:
    """Whether a setting still holds an example's value (`xoxb-your-bot-token`, `xapp-...`)."""
    return bool(_PLACEHOLDER.search(value))


def real_credentials(values: Mapping[str, str | None]) -> list[str]:
    """The Slack credentials `values` really sets: neither empty nor a placeholder (the sandbox's check)."""
    return [
        name
        for name in _CREDENTIALS
        if (value := (values.get(name) or "").strip()) and not is_placeholder(value)
    ]


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
    asks_open_limit: int = OPEN_LIMIT
    offers_daily_limit: int = DAILY_CHANGES
    events_upcoming_limit: int = UPCOMING_LIMIT
    updates_weekly_limit: int = WEEKLY_LIMIT
    calendar: CalendarSettings | None = None  # Google Workspace or Microsoft 365, for finding a time
    mentoring_window_days: int = WINDOW_DAYS
    mentoring_answer_days: int = ANSWER_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str], slack: bool = True) -> Settings:
        """Read and validate every setting; raise ConfigError on the first malformed one.

        With `slack=False` (commands that never call Slack: `db`, `stats`, `export`, `report`,
        `roster import --check`) no Slack setting is read, so .env.example's placeholder token, copied
        as the README says, stops nothing that needs no token."""

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        def get_slack(name: str) -> str | None:
            return get(name) if slack else None

        return cls(
            bot_token=_prefixed(get_slack, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token"),
            signing_secret=get_slack("SLACK_SIGNING_SECRET"),
            app_token=_prefixed(
                get_slack, "SLACK_APP_TOKEN", "xapp-", "an App-Level Token with connections:write"
            ),
            client_id=get_slack("SLACK_CLIENT_ID"),
            client_secret=get_slack("SLACK_CLIENT_SECRET"),
            slack_api_url=_api_url(get_slack("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
            database_url=_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            port=_port(get("PORT")),
            admin_ids=_admin_ids(get("RAPPORT_ADMIN_IDS")),
            intro_channel=_channel(get, "RAPPORT_INTRO_CHANNEL"),
            timezone=_timezone(get("RAPPORT_TIMEZONE") or "UTC"),
            scheduler_enabled=_on_off(get("RAPPORT_SCHEDULER") or "on", "RAPPORT_SCHEDULER"),
            asks_channel=_channel(get, "RAPPORT_ASKS_CHANNEL"),
            kudos_channel=_channel(get, "RAPPORT_KUDOS_CHANNEL"),
            **{field: _limit(get, *limit) for field, limit in LIMITS.items()},
            calendar=_calendar(get),
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
    if value is not None and is_placeholder(value):
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


def _limit(get: Callable[[str], str | None], name: str, default: int, highest: int, counts: str) -> int:
    value = get(name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= highest:
        raise ConfigError(f"{name} must be a number from 1 to {highest} ({counts}), not {value!r}")
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


def _calendar(get: Callable[[str], str | None]) -> CalendarSettings | None:
    try:
        return calendar_settings(get)
    except CalendarSettingsError as error:
        raise ConfigError(str(error)) from None


def _on_off(value: str, name: str) -> bool:
    if value.lower() not in ("on", "off"):
        raise ConfigError(f"{name} must be 'on' or 'off', not {value!r}")
    return value.lower() == "on"
