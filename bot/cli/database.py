"""What every command that reads the database checks first: it exists, and its driver is installed."""

from __future__ import annotations

from bot.config import ConfigError, Settings


def require_database(settings: Settings) -> None:
    """Only `rapport db upgrade` and `rapport run` create a database: a typo must not make an empty one."""
    from storage.db import missing_sqlite_file  # SQLAlchemy: only for commands that use the database

    missing = missing_sqlite_file(settings.database_url)
    if missing is not None:
        raise ConfigError(
            f"there is no database at {missing}: check DATABASE_URL, or create it with `rapport db upgrade`"
        )
