"""A sandbox never runs a real workspace's due work: it refuses a database holding another workspace.

(It refuses real Slack credentials too: `bot/cli/sandbox.py`, before anything starts.)"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def foreign_database(db: Path, team_id: str) -> str | None:
    """One line saying why the sandbox will not use the SQLite file `db`, or None when it may.

    The sandbox runs the due work on its own clock: a database holding a real workspace's data would
    have its asks expired, rounds started and nudges marked sent, for nobody. Only a missing file, an
    empty one or one holding the sandbox's own workspace (`team_id`) is used.
    """
    if not db.exists():
        return None
    if not db.is_file():
        return f"{db} is not a file: --db names the sandbox's SQLite database"
    try:
        teams = _team_ids(db)
    except sqlite3.Error:
        return f"{db} is not a SQLite database: --db names the sandbox's own database, or a new file"
    others = sorted(teams - {team_id})
    if others:
        return (
            f"{db} holds workspace {others[0]}, not the sandbox's: the sandbox never runs the work of a "
            "real workspace (give --db a new file)"
        )
    return None


def _team_ids(db: Path) -> set[str]:
    """Every team_id stored in any table of the file (read-only)."""
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found: set[str] = set()
        for name in tables:
            table = '"' + name.replace('"', '""') + '"'
            columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            if "team_id" in columns:
                rows = connection.execute(f"SELECT DISTINCT team_id FROM {table} WHERE team_id IS NOT NULL")
                found.update(str(row[0]) for row in rows)
    return found
