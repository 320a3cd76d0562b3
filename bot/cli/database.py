"""What every command that reads the database checks first: it exists, and its driver is installed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import ConfigError, Mode, Settings

if TYPE_CHECKING:
    from bot.wiring import Wired


def require_database(settings: Settings) -> None:
    """Only `rapport db upgrade` and `rapport run` create a database: a typo must not make an empty one."""
    from storage.db import missing_sqlite_file  # SQLAlchemy: only for commands that use the database

    missing = missing_sqlite_file(settings.database_url)
    if missing is not None:
        raise ConfigError(
            f"there is no database at {missing}: check DATABASE_URL, or create it with `rapport db upgrade`"
        )


def workspace_of(settings: Settings, wired: Wired, team: str | None) -> str:
    """The workspace a command acts in: `--team`, else the bot token's own (asked of Slack: auth.test)."""
    if team:
        return team
    if settings.mode is Mode.OAUTH:
        raise ConfigError("in OAuth mode, say which workspace with --team T… (the workspace's team ID)")
    from bot.slack.client import make_web_client, verify_bot_token
    from bot.wiring import bot_token

    client = make_web_client(settings, token=bot_token(settings, wired.engine, ""))
    return verify_bot_token(client)
