"""`rapport stats` and `rapport export --what events` show events, answers and meetings per event."""

from __future__ import annotations

import csv
from dataclasses import replace
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
            work.events.add(TEAM, "U0", replace(plan, title="Lunch", starts_at=now + timedelta(days=2)), now)
            dropped = work.events.add(
                TEAM, "U0", replace(plan, title="Picnic", starts_at=now - timedelta(days=9)), now
            )
            work.events.cancel(dropped.id)
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_and_export_show_each_event(tmp_path: Path, database_url: str):
    seed(database_url)
    env = clean_env(DATABASE_URL=database_url)
    stats = rapport("stats", cwd=tmp_path, env=env)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    [events] = [line for line in lines[lines.index("Events") + 1 :] if "'=Mixer'" in line]
    assert "(held)" in events
    assert "2 going, 0 waitlisted, 1 can't go; 1 said whom they met, 1 meeting" in events
    assert "1 meetings" not in stats.stdout
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
    [mixer] = [row for row in rows[1:] if row[1] == "'=Mixer"]
    assert mixer[-5:] == ["2", "0", "1", "1", "1"]


def test_an_event_exports_as_held_once_over_and_as_cancelled_when_cancelled(
    tmp_path: Path, database_url: str
):
    seed(database_url)
    export = rapport("export", "--what", "events", cwd=tmp_path, env=clean_env(DATABASE_URL=database_url))
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(export.stdout.splitlines()))
    assert {row["title"]: row["status"] for row in rows} == {
        "'=Mixer": "held",
        "Lunch": "scheduled",
        "Picnic": "cancelled",
    }
