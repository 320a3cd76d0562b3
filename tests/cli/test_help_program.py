"""`rapport stats` counts kudos and offers; `rapport export --what kudos|offers` writes them."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.help.offers import booking_ref
from bot.services.followups.ports import MeetingSource
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"


def seed(database_url: str) -> None:
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC) - timedelta(days=1)
    try:
        with wired.runtime.unit_of_work() as work:
            thanks = work.kudos.add(TEAM, "U1", "U2", "=for the SQL help", now)
            work.kudos.set_message(thanks.id, "C1", "1.000001")
            sql = work.offers.add(TEAM, "U2", "SQL office hours", now)
            old = work.offers.add(TEAM, "U2", "Rust reviews", now)
            work.offers.remove(old.id, now)
            work.followups.record_meeting(
                TEAM, MeetingSource.HELP, booking_ref(sql.id, "U1"), ("U1", "U2"), now, None
            )
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_and_export_show_kudos_and_offers(tmp_path: Path, database_url: str):
    seed(database_url)
    env = clean_env(DATABASE_URL=database_url)
    stats = rapport("stats", cwd=tmp_path, env=env)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    part = lines[lines.index("Kudos and offers") + 1 :]
    assert part[:2] == [
        "  Kudos: 1 given, by 1 person to 1 person",
        "  Offers of help: 1 up now (2 made by 1 person) · 1 chat booked",
    ]
    for what, header in (
        ("kudos", ["kudos_id", "created_at", "from_user_id", "to_user_id", "text", "posted_in"]),
        ("offers", ["offer_id", "created_at", "user_id", "text", "status", "chats_booked"]),
    ):
        out = tmp_path / f"{what}.csv"
        export = rapport("export", "--what", what, "--output", str(out), cwd=tmp_path, env=env)
        assert export.returncode == 0, export.stderr
        rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
        assert rows[0] == header
        if what == "kudos":
            assert rows[1][2:] == ["U1", "U2", "'=for the SQL help", "C1"]
        else:
            assert [(r[3], r[4], r[5]) for r in rows[1:]] == [
                ("SQL office hours", "current", "1"),
                ("Rust reviews", "taken down", "0"),
            ]
