"""`rapport simulate` from its entry point: the table agrees with the database it kept, a seed repeats
itself, and bad arguments get one line."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.domain.people.person import Role
from bot.sandbox.people import generate_program

SHAPE = ["--interns", "6", "--colleagues", "10", "--mentors", "2", "--teams", "3"]
SMALL = [*SHAPE, "--weeks", "3"]
SHORT = [*SHAPE, "--weeks", "2"]


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def row(table: str, label: str) -> list[str]:
    """The values of the table's row that starts with `label`."""
    [line] = [line for line in table.splitlines() if line.startswith(label)]
    return re.split(r"\s{2,}", line[len(label) :].strip())


def header(table: str) -> list[str]:
    """The cadences the table's columns are for (the line under the first)."""
    return table.splitlines()[1].split()


def test_the_table_agrees_with_the_meetings_stored(capsys, tmp_path: Path):
    db = tmp_path / "kept.sqlite"
    code, out, err = simulate(capsys, *SMALL, "--seed", "3", "--db", str(db))
    assert code == 0, err
    with sqlite3.connect(db) as connection:
        meetings = connection.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
        pairs = connection.execute(
            "SELECT a.user_id, b.user_id FROM meeting_people a JOIN meeting_people b "
            "ON a.meeting_id = b.meeting_id AND a.user_id != b.user_id"
        ).fetchall()
        groups, met = connection.execute("SELECT COUNT(*), SUM(answer = 'met') FROM round_groups").fetchone()
    assert meetings > 0
    assert row(out, "meetings stored") == [str(meetings)]
    assert row(out, "rounds, groups, share that met") == [f"3, {groups}, {round(100 * met / groups)} %"]
    interns = [p.id for p in generate_program(6, 10, 2, 3, 3) if p.role is Role.INTERN]
    sizes = sorted(len({b for a, b in pairs if a == intern}) for intern in interns)
    lowest, p10, median = row(out, "colleagues met per intern (min / p10 / median)")[0].split(" / ")
    assert (int(lowest), int(p10)) == (sizes[0], sizes[0])
    assert float(median) == (sizes[2] + sizes[3]) / 2
    assert header(out) == ["weekly"]


def test_the_same_seed_gives_the_same_table_and_another_seed_another(capsys):
    first = simulate(capsys, *SHORT, "--seed", "5")[1]
    again = simulate(capsys, *SHORT, "--seed", "5")[1]
    other = simulate(capsys, *SHORT, "--seed", "6")[1]
    timing = re.compile(r"simulated in .*")
    assert timing.sub("", first) == timing.sub("", again)
    assert timing.sub("", first) != timing.sub("", other)


def test_compare_shows_each_cadence_side_by_side(capsys):
    code, out, err = simulate(capsys, *SHORT, "--compare", "weekly,monthly")
    assert code == 0, err
    assert header(out) == ["weekly", "monthly"]
    weekly, monthly = row(out, "rounds, groups, share that met")
    assert weekly.startswith("2, ") and monthly.startswith("1, ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "argument --weeks: choose a whole number from 1 to 52, not '0'"),
        (
            ["--cadence", "daily"],
            "argument --cadence: 'daily' is not a cadence: use weekly, biweekly, monthly",
        ),
        (["--compare", "weekly"], "argument --compare: name two or three different cadences"),
        (["--meet-rate", "70%"], "argument --meet-rate: choose a share from 0 to 1, like 0.7"),
        (["--interns", "-3"], "argument --interns: choose a whole number from 1 to 2000, not '-3'"),
        (["--session-rate", "2"], "argument --session-rate: choose a share from 0 to 1, like 0.7, not '2'"),
        (
            ["--mentor-capacity", "4"],
            "argument --mentor-capacity: choose a whole number from 1 to 3, not '4'",
        ),
    ],
)
def test_bad_arguments_get_one_line(capsys, args: list[str], message: str):
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", *args])
    _, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"rapport: {message}")


def test_a_bad_roster_line_is_named_without_a_traceback(capsys, tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "slack_id,email,role,team,internship_start,internship_end\n"
        "U0ANA1,,intern,Data,,\n"
        "U0BEN2,,astronaut,Data,,\n"
    )
    code, out, err = simulate(capsys, "--roster", str(roster))
    assert code == 2
    assert (
        err.strip()
        == "rapport simulate: the roster has a problem: line 3, role: " + err.split("role: ")[1].strip()
    )
    assert "Traceback" not in err and out == ""
    code, _, err = simulate(capsys, "--roster", str(tmp_path / "missing.csv"))
    assert (code, err.strip()) == (2, f"rapport simulate: no roster file at {tmp_path / 'missing.csv'}")


def test_a_roster_file_is_simulated(capsys, tmp_path: Path):
    roster = tmp_path / "roster.csv"
    people = [f"U0INT{i},,intern,Data,," for i in range(3)] + [
        f"U0COL{i},,colleague,{team},," for i, team in enumerate(["Data", "Design", "Mobile"] * 2)
    ]
    roster.write_text("slack_id,email,role,team,internship_start,internship_end\n" + "\n".join(people) + "\n")
    code, out, err = simulate(capsys, "--roster", str(roster), "--weeks", "2")
    assert code == 0, err
    assert out.startswith("9 people (3 interns), 2 weeks")
    assert row(out, "rounds, groups, share that met")[0].startswith("2, ")


def kept(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    """Simulate, keeping the database at `db`; the printed table."""
    code, out, err = simulate(capsys, *args, "--db", str(db))
    assert code == 0, err
    return out


def scalar(db: Path, query: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(query).fetchone()[0]


def test_events_seat_those_going_and_their_answers_become_meetings(capsys, tmp_path: Path):
    """Every second week the lead holds a mixer; whoever goes is asked who they met and answers."""
    db = tmp_path / "events.sqlite"
    out = kept(capsys, db, *SMALL, "--events-every", "2", "--rsvp-rate", "1")
    going = scalar(db, "SELECT COUNT(*) FROM event_rsvps WHERE answer = 'going'")
    interns_going = scalar(
        db,
        "SELECT COUNT(*) FROM event_rsvps r JOIN members m ON m.user_id = r.user_id "
        "WHERE r.answer = 'going' AND m.role = 'intern'",
    )
    from_events = scalar(db, "SELECT COUNT(*) FROM meetings WHERE source = 'event'")
    answered = scalar(
        db, "SELECT COUNT(*) FROM event_reminders WHERE kind = 'who_met' AND answered IS NOT NULL"
    )
    assert scalar(db, "SELECT COUNT(*) FROM events") == 2  # weeks 1 and 3 of 3
    assert interns_going == 2 * 6  # every intern goes at a rate of 1
    assert (
        scalar(db, "SELECT COUNT(*) FROM event_rsvps WHERE table_number IS NOT NULL") == going
    )  # all seated
    named = scalar(db, "SELECT COUNT(*) FROM event_reminders WHERE kind = 'who_met' AND answered = 'people'")
    assert answered == going  # everyone going was asked "who did you meet?" and answered
    assert 0 < named < answered  # 70 % name their table, the rest say "nobody new"
    assert from_events > named  # a meeting of two with each person named: tables are bigger than two
    label = "events; going per event (median); meetings from them"
    count, _, meetings = row(out, label)[0].split("; ")
    assert (int(count), int(meetings)) == (2, from_events)
    assert header(out) == ["weekly+events/2w"]


def test_no_events_unless_asked(capsys):
    code, out, err = simulate(capsys, *SHORT)
    assert code == 0, err
    assert row(out, "events; going per event (median); meetings from them") == ["none"]


INTRO_MEETINGS = "SELECT COUNT(*) FROM meetings WHERE source = 'introduction'"


def test_interns_ask_for_mentor_introductions_and_accepted_ones_become_meetings(capsys, tmp_path: Path):
    db = tmp_path / "intros.sqlite"
    out = kept(capsys, db, *SMALL, "--intro-rate", "1", "--accept-rate", "1")
    with sqlite3.connect(db) as connection:
        asked = connection.execute(
            "SELECT i.outcome, m.role FROM introductions i JOIN members p ON p.user_id = i.proposer "
            "JOIN members m ON m.user_id = CASE WHEN i.user_a = i.proposer THEN i.user_b ELSE i.user_a END "
            "WHERE p.role = 'intern' AND i.proposer IN (i.user_a, i.user_b)"
        ).fetchall()
    assert asked == [("introduced", "mentor")] * 6  # every intern asked, a mentor accepted each
    assert scalar(db, INTRO_MEETINGS) == 6  # each a meeting three days after its group DM opened
    assert row(out, "mentor introductions asked for, accepted") == ["6, 6"]
    assert row(out, "mentors met per intern (min / p10 / median)")[0].startswith("1 / 1 /")


def test_declined_introductions_are_not_meetings(capsys, tmp_path: Path):
    db = tmp_path / "declined.sqlite"
    out = kept(capsys, db, *SHORT, "--intro-rate", "1", "--accept-rate", "0")
    with sqlite3.connect(db) as connection:
        outcomes = connection.execute("SELECT outcome FROM introductions").fetchall()
    assert outcomes == [("declined",)] * 6
    assert scalar(db, INTRO_MEETINGS) == 0
    assert row(out, "mentor introductions asked for, accepted") == ["6, 0"]
