"""`rapport stats` and `rapport export --what updates` show who shared updates and farewells, and when."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.help.updates import UpdateKind
from bot.domain.people.person import Person, Role
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"
JUNE = datetime(2026, 6, 15, 9, tzinfo=UTC)


def seed(database_url: str) -> None:
    """Chloe shared two updates and a farewell, Elena one update; one claim was never posted."""
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    shares = [
        ("U1CHLOE", UpdateKind.UPDATE, "view:V1", JUNE),
        ("U1ELENA", UpdateKind.UPDATE, "view:V2", JUNE + timedelta(days=1)),
        ("U1CHLOE", UpdateKind.UPDATE, "view:V3", JUNE + timedelta(days=20)),
        ("U1CHLOE", UpdateKind.FAREWELL, "farewell", JUNE + timedelta(days=70)),
    ]
    try:
        with wired.runtime.unit_of_work() as work:
            interns = [Person(TEAM, user_id, Role.INTERN) for user_id in ("U1CHLOE", "U1ELENA", "U1DEV")]
            work.members.upsert_roster(interns, JUNE)
            for user, kind, key, when in shares:
                update_id = work.updates.claim_share(TEAM, user, kind, key, "C0INTROS", when)
                assert update_id is not None
                work.updates.mark_posted(update_id, f"{when.timestamp():.6f}", None, ["U2LIAM"], when)
            work.updates.claim_share(TEAM, "U1DEV", UpdateKind.UPDATE, "view:V9", "C0INTROS", JUNE)
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_and_export_show_the_updates_shared(tmp_path: Path, database_url: str):
    seed(database_url)
    env = clean_env(DATABASE_URL=database_url)
    stats = rapport("stats", cwd=tmp_path, env=env)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    after = lines[lines.index("Updates shared") + 1 :]
    shared = after[: next((i for i, line in enumerate(after) if not line.startswith("  ")), len(after))]
    assert shared[:3] == [
        "  3 updates and 1 farewell by 2 interns",
        "  U1CHLOE: 2 updates, 1 farewell; latest 2026-08-24",
        "  U1ELENA: 1 update; latest 2026-06-16",
    ]
    assert len(shared) == 3  # Dev claimed a share that was never posted
    out = tmp_path / "updates.csv"
    export = rapport("export", "--what", "updates", "--output", str(out), cwd=tmp_path, env=env)
    assert export.returncode == 0, export.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows == [
        ["user_id", "kind", "posted_at"],
        ["U1CHLOE", "update", JUNE.isoformat()],
        ["U1ELENA", "update", (JUNE + timedelta(days=1)).isoformat()],
        ["U1CHLOE", "update", (JUNE + timedelta(days=20)).isoformat()],
        ["U1CHLOE", "farewell", (JUNE + timedelta(days=70)).isoformat()],
    ]


def test_stats_says_when_nobody_shared_yet(tmp_path: Path, database_url: str):
    upgrade(database_url)
    stats = rapport("stats", cwd=tmp_path, env=clean_env(DATABASE_URL=database_url))
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    assert lines[lines.index("Updates shared") + 1] == "  none yet (interns are asked once a month)"
