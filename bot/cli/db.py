"""`rapport db upgrade|downgrade|current`: the database schema, through Alembic."""

from __future__ import annotations

import argparse

from bot.cli.database import require_database
from bot.cli.help import EXAMPLES, with_examples
from bot.config import ConfigError, Settings
from storage import migrate


def add(sub: argparse._SubParsersAction) -> None:
    db_parser = sub.add_parser(
        "db",
        help="database schema: upgrade, downgrade, current",
        description="The database schema, through Alembic migrations. `rapport run` upgrades it by itself.",
        **with_examples("rapport db current", "rapport db upgrade", "rapport db downgrade 0008"),
    )
    db_parser.set_defaults(command=lambda settings, args: _help(db_parser), slack=False)
    db = db_parser.add_subparsers(title="actions", metavar="ACTION")
    db.add_parser(
        "upgrade",
        help="apply every pending migration (creates the database if there is none)",
        description="Apply every pending migration; creates a SQLite database file if there is none yet.",
        **EXAMPLES,
    ).set_defaults(command=_db_upgrade)
    down = db.add_parser(
        "downgrade",
        help="revert migrations down to REVISION",
        description="Revert migrations down to REVISION. Reverting drops the tables later revisions added, "
        "with their data: back the database up first.",
        **with_examples("rapport db downgrade 0008", "rapport db downgrade base"),
    )
    down.add_argument(
        "revision", metavar="REVISION", help="a revision like 0008 (see `rapport db current`), or base"
    )
    down.set_defaults(command=_db_downgrade)
    db.add_parser(
        "current",
        help="show the database's revision",
        description="Show the database's revision and the latest.",
    ).set_defaults(command=_db_current)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


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
    from alembic.util.exc import CommandError  # Alembic: loaded by the command that uses it

    require_database(settings)
    current = migrate.current_revision(settings.database_url)
    try:
        migrate.downgrade(settings.database_url, args.revision)
    except CommandError as error:
        raise ConfigError(
            f"cannot downgrade to {args.revision!r} ({_first_line(error)}): the database is at "
            f"{current or 'base (empty)'}; give an earlier revision like 0008, or base"
        ) from None
    print(f"database at {migrate.current_revision(settings.database_url) or 'base (empty)'}")
    return 0


def _db_current(settings: Settings, args: argparse.Namespace) -> int:
    require_database(settings)
    current = migrate.current_revision(settings.database_url)
    state = "up to date" if current == migrate.head_revision() else f"behind {migrate.head_revision()}"
    print(f"{current or 'empty'} ({state})")
    return 0


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else error.__class__.__name__
