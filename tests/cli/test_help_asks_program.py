"""`rapport stats` and `rapport export --what asks`: asks opened, answered, the wait for a first helper."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.help.asks import AskDraft, AskStatus
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"


def seed(database_url: str) -> None:
    """Three asks: one helped after 2 hours and solved, one helped after 4 hours, one nobody answered."""
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC)
    try:
        with wired.runtime.unit_of_work() as work:
            made = [
                work.asks.add(
                    TEAM, f"U{i}", AskDraft("=HYPERLINK(1)", ("sql",)), "C1", now - timedelta(days=1)
                )
                for i in range(3)
            ]
            work.asks.claim_helper(made[0], "UHELPER", now - timedelta(days=1) + timedelta(hours=2))
            work.asks.claim_helper(made[1], "UHELPER", now - timedelta(days=1) + timedelta(hours=4))
            work.asks.claim_helper(made[1], "UOTHER", now)
            work.asks.close(made[0].id, AskStatus.SOLVED, now)
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_and_export_show_asks(tmp_path: Path, database_url: str):
    seed(database_url)
    env = clean_env(DATABASE_URL=database_url)
    stats = rapport("stats", cwd=tmp_path, env=env)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    asks = lines[lines.index("Asks") + 1]
    assert "3 opened, 2 answered (someone offered to help), 1 solved, 0 expired" in asks
    assert "median time to a first helper: 3 h 0 min" in asks
    out = tmp_path / "asks.csv"
    export = rapport("export", "--what", "asks", "--output", str(out), cwd=tmp_path, env=env)
    assert export.returncode == 0, export.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == [
        "ask_id",
        "created_at",
        "asker",
        "status",
        "topics",
        "people_asked",
        "helpers",
        "first_helper_at",
        "minutes_to_first_helper",
    ]
    assert [(r[2], r[3], r[6], r[8]) for r in rows[1:]] == [
        ("U0", "solved", "UHELPER", "120"),
        ("U1", "open", "UHELPER UOTHER", "240"),
        ("U2", "open", "", ""),
    ]
    assert "HYPERLINK" not in out.read_text(encoding="utf-8")  # questions stay in Slack
