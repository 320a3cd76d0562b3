"""`rapport db upgrade|downgrade|current`: the database schema, through Alembic."""

from __future__ import annotations

import argparse

from bot.config import Settings
from storage import migrate


def add(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database schema").add_subparsers(title="db commands", metavar="ACTION")
    db.add_parser("upgrade", help="apply every pending migration").set_defaults(command=_db_upgrade)
    down = db.add_parser("downgrade", help="revert migrations down to REVISION (e.g. base)")
    down.add_argument("revision")
    down.set_defaults(command=_db_downgrade)
    db.add_parser("current", help="show the database's revision").set_defaults(command=_db_current)


def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    before = migrate.current_revision(settings.database_url)
    migrate.upgrade(settings.database_url)
    after = migrate.current_revision(settings.database_url)
    print(
        f"database at {after}"
        + (" (already up to date)" if before == after else f" (was {before or 'empty'})")
    )
    return 0


def _db_downgrade(settings: Settings, args: argparse.Namespace) -> int:
    migrate.downgrade(settings.database_url, args.revision)
    print(f"database at {migrate.current_revision(settings.database_url) or 'base (empty)'}")
    return 0


def _db_current(settings: Settings, args: argparse.Namespace) -> int:
    current = migrate.current_revision(settings.database_url)
    state = "up to date" if current == migrate.head_revision() else f"behind {migrate.head_revision()}"
    print(f"{current or 'empty'} ({state})")
    return 0
