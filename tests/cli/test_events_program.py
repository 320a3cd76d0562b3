"""`rapport stats` and `rapport export --what events` show events, answers and meetings per event."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.events import Answer, EventPlan, Reminder
from bot.services.followups.ports import MeetingSource
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"


def seed(database_url: str) -> None:
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC)
    plan = EventPlan("=Mixer", None, now - timedelta(days=1), 60, None, "C1", 3, False, 4)
    try:
        with wired.runtime.unit_of_work() as work:
            event = work.events.add(TEAM, "U0", plan, now - timedelta(days=3))
            for user, answer in (("U1", Answer.GOING), ("U2", Answer.GOING), ("U3", Answer.DECLINED)):
                work.events.answer(event, user, answer, now)
            work.events.claim_reminder(event, "U1", Reminder.WHO_MET, now)
            work.events.record_answer(event.id, "U1", "people", now)
            work.followups.record_meeting(
                TEAM, MeetingSource.EVENT, f"{event.id}:U1", ("U1", "U2"), now, None
            )
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_and_export_show_each_event(tmp_path: Path, database_url: str):
    seed(database_url)
    env = clean_env(DATABASE_URL=database_url)
    stats = rapport("stats", cwd=tmp_path, env=env)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    events = lines[lines.index("Events") + 1]
    assert "'=Mixer'" in events
    assert "2 going, 0 waitlisted, 1 can't go; 1 said whom they met, 1 meetings" in events
    out = tmp_path / "events.csv"
    export = rapport("export", "--what", "events", "--output", str(out), cwd=tmp_path, env=env)
    assert export.returncode == 0, export.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:2] == ["event_id", "title"] and rows[0][-5:] == [
        "going",
        "waitlisted",
        "declined",
        "who_met_answers",
        "meetings",
    ]
    assert rows[1][1] == "'=Mixer" and rows[1][-5:] == ["2", "0", "1", "1", "1"]
