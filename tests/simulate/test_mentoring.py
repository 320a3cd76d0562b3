"""`rapport simulate` runs mentoring: the lead opens matching, mentors sign up, interns rank, mentors answer,
pairs meet at the session rate; the table shows mentees matched by day 7 and sessions per pair."""

from __future__ import annotations

from pathlib import Path

from tests.simulate.test_command import SMALL, kept, row, scalar

SESSIONS = "SELECT COUNT(*) FROM meetings WHERE source = 'mentoring'"
PAIRS = "SELECT COUNT(*) FROM mentoring_pairs WHERE status = 'accepted'"


def test_every_intern_is_matched_in_week_one_when_capacity_allows_and_sessions_are_meetings(capsys, tmp_path):
    db = tmp_path / "mentoring.sqlite"
    out = kept(capsys, db, *SMALL, "--mentor-accept-rate", "1", "--session-rate", "1")
    assert row(out, "mentees matched by day 7") == ["6 of 6"]  # 2 mentors, 3 places each
    assert scalar(db, PAIRS) == 6
    sessions = scalar(db, SESSIONS)
    assert sessions == 12  # kicked off on day 4: weekly check-ins on days 11 and 18, each met
    assert row(out, "sessions per mentoring pair (median)") == ["2"]
    assert row(out, "mentors met per intern (min / p10 / median)")[0].startswith("1 / 1 /")


def test_capacity_and_declines_leave_interns_unmatched_and_no_session_is_no_meeting(capsys, tmp_path: Path):
    db = tmp_path / "full.sqlite"
    out = kept(capsys, db, *SMALL, "--mentor-capacity", "1", "--session-rate", "0")
    assert row(out, "mentees matched by day 7")[0] in ("0 of 6", "1 of 6", "2 of 6")  # two places at most
    assert scalar(db, "SELECT COUNT(*) FROM mentoring_mentees WHERE unmatched_at IS NOT NULL") >= 4
    assert scalar(db, SESSIONS) == 0
    assert row(out, "sessions per mentoring pair (median)") == ["0"]
