"""Match health as the lead reads it offline: `rapport stats`, `rapport export --what mentoring` and
`rapport report`, real processes over one database (SQLite and PostgreSQL). Goals never appear."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.mentoring.model import Assignment, Fit
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Person, Role
from bot.services.mentoring.ports import CheckinAnswer, MentorRecord, PairStatus
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import rapport
from tests.cli.test_program import TEAM, env
from tests.cli.test_report import cell

SECRET = "Get better at negotiating my salary"


def seed_pairs(database_url: str) -> None:
    """Maya (weekly) met Amara once, 25 days ago: a check-in is overdue. Kavya accepted Ben 2 days ago."""
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC)
    start = (now - timedelta(days=40)).date()
    try:
        with wired.runtime.unit_of_work() as work:
            mentoring = work.mentoring
            people = [Person(TEAM, m, Role.MENTOR) for m in ("U2MAYA", "U2KAVYA")]
            people += [Person(TEAM, i, Role.INTERN, internship_start=start) for i in ("U1AMARA", "U1BEN")]
            work.members.upsert_roster(people, now)
            for mentor, cadence in (("U2MAYA", Cadence.WEEKLY), ("U2KAVYA", Cadence.BIWEEKLY)):
                mentoring.save_mentor(MentorRecord(TEAM, mentor, 2, ("sql",), cadence), mentor, now)
            for intern, mentor, days in (("U1AMARA", "U2MAYA", 35), ("U1BEN", "U2KAVYA", 2)):
                mentoring.save_goals(TEAM, intern, [SECRET], "=HYPERLINK(1)", now)
                pair = mentoring.add_pair(TEAM, Assignment(intern, mentor, 1, Fit(1)), now - timedelta(days))
                assert pair is not None
                mentoring.settle(pair.id, PairStatus.ACCEPTED, now - timedelta(days))
                mentoring.mark_kickoff(pair.id, "G1", "1.0", now - timedelta(days), now)
                if intern == "U1AMARA":
                    assert mentoring.claim_checkin(pair, 1, now - timedelta(days=26))
                    mentoring.answer_checkin(pair.id, 1, CheckinAnswer.MET, intern, now - timedelta(days=25))
            work.commit()
    finally:
        wired.engine.dispose()


def test_stats_shows_match_health_and_never_a_goal(tmp_path: Path, database_url: str):
    seed_pairs(database_url)
    result = rapport("stats", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    mentoring = result.stdout.split("\nMentoring\n")[1].splitlines()
    assert mentoring[:7] == [
        "  pairs on track: 0",
        "  pairs needing a check-in: 1",
        "  pairs too early to tell: 1",
        "  mentees matched by day 7: 1/2 (50 %)",  # Amara on her day 5, Ben weeks in
        "  sessions per pair (median): 0.5",
        "  mentor places taken: 2/4 (50 %)",
        "  mentors full: 0 of 2",
    ]
    assert mentoring[7].startswith("  • U1AMARA with U2MAYA — needs a check-in (last met ")
    assert SECRET not in result.stdout


def test_export_writes_each_accepted_pair_with_sessions_and_health(tmp_path: Path, database_url: str):
    seed_pairs(database_url)
    result = rapport("export", "--what", "mentoring", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    closeout = ["closeout_useful", "closeout_again", "closeout_recommend"]
    assert rows[0] == ["mentee", "mentor", "matched_at", "sessions", "health", *closeout]
    assert [(r[0], r[1], *r[3:]) for r in rows[1:]] == [
        ("U1AMARA", "U2MAYA", "1", "needs a check-in", "", "", ""),  # no close-out answered yet
        ("U1BEN", "U2KAVYA", "0", "too early", "", "", ""),
    ]
    assert datetime.fromisoformat(rows[1][2]) < datetime.now(UTC) - timedelta(days=34)
    assert SECRET not in result.stdout and "HYPERLINK" not in result.stdout


def test_the_report_has_a_small_mentoring_table(tmp_path: Path, database_url: str):
    seed_pairs(database_url)
    result = rapport("report", "--html", "review.html", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert '<table id="mentoring">' in html
    assert cell(html, "pairs needing a check-in") == "1"
    assert cell(html, "sessions per pair (median)") == "0.5"
    assert SECRET not in html
