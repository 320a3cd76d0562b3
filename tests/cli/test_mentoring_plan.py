"""`rapport mentoring plan` as a real process: offline, the plan as CSV, every bad row by file and line."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from tests.cli.helpers import clean_env, rapport

MENTORS = "mentor,capacity\nU01M1,1\nU01M2,1\nmaya@example.com,2\n"
MENTEES = (
    "mentee,choice1,choice2,choice3\n"
    "U02A,U01M1,U01M2,\n"  # the A: M1 then M2
    "U02B,U01M1,,\n"  # the B: only M1
    "U02C,,,\n"  # no choice: any mentor with room
    "=cmd@example.com,Maya@Example.com,,\n"  # a formula-looking email, a mentor in another case
)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def plan(tmp_path: Path, *extra: str, mentors: str = MENTORS, mentees: str = MENTEES):
    (tmp_path / "mentors.csv").write_text(mentors)
    (tmp_path / "mentees.csv").write_text(mentees)
    args = ("mentoring", "plan", "--mentors", "mentors.csv", "--mentees", "mentees.csv", *extra)
    return rapport(*args, cwd=tmp_path, env=clean_env())


def test_the_plan_is_printed_as_csv_with_a_summary_and_needs_no_settings(tmp_path):
    """A broken .env (a token, a database in a missing folder, a bad PORT) is never read."""
    never = tmp_path / "never"
    (tmp_path / ".env").write_text(
        f"SLACK_BOT_TOKEN=xoxb-1\nDATABASE_URL=sqlite:///{never}/r.db\nPORT=eighty\n"
    )
    result = plan(tmp_path)
    assert result.returncode == 0, result.stderr
    assert rows(result.stdout) == [
        ["mentee", "mentor", "choice"],
        ["U02A", "U01M2", "2"],
        ["U02B", "U01M1", "1"],
        ["U02C", "maya@example.com", "any"],
        ["'=cmd@example.com", "maya@example.com", "1"],
    ]
    assert result.stdout.splitlines()[0] == '"mentee","mentor","choice"'  # every field quoted (#24)
    assert result.stderr.splitlines() == [
        "4 of 4 mentees matched: 2 first choice, 1 second, 0 third, 1 any mentor; 0 unmatched "
        "(3 mentors, 4 places)"
    ]
    assert not never.exists()


def test_a_mentee_left_without_room_has_a_blank_mentor_and_choice(tmp_path):
    result = plan(tmp_path, mentees=MENTEES + "U02D,U01M1,,\n")
    assert result.returncode == 0, result.stderr
    assert rows(result.stdout)[-1] == ["U02D", "", ""]
    assert "1 unmatched" in result.stderr


def test_every_bad_row_of_both_files_is_named_by_file_and_line(tmp_path):
    mentors = "mentor,capacity\nU01M1,5\nU01M1,1\nU01M2,1\n"
    mentees = (
        "mentee,choice1,choice2,choice3\nU02A,U01M2,U01M2,\nU02B,U09NOBODY,,\nU02A,,,\nnot-a-person,,,\n"
    )
    result = plan(tmp_path, "--output", "plan.csv", mentors=mentors, mentees=mentees)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "rapport mentoring plan: mentors.csv, line 2, capacity: '5' is not a whole number from 1 to 3",
        "rapport mentoring plan: mentors.csv, line 3, mentor: U01M1 is already on line 2",
        "rapport mentoring plan: mentees.csv, line 2, choice2: U01M2 is already choice1: "
        "choose a mentor once",
        "rapport mentoring plan: mentees.csv, line 3, choice1: U09NOBODY is not in mentors.csv",
        "rapport mentoring plan: mentees.csv, line 4, mentee: U02A is already on line 2",
        "rapport mentoring plan: mentees.csv, line 5, mentee: 'not-a-person' is not a Slack user ID "
        "(like U012AB3CD) or an email",
        "rapport mentoring plan: 6 problems to fix; no plan made",
    ]
    assert not (tmp_path / "plan.csv").exists()


def test_a_missing_column_is_named_at_the_header(tmp_path):
    result = plan(tmp_path, mentees="mentee,first,second\nU02A,U01M1,\n")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "rapport mentoring plan: mentees.csv, line 1, header: missing choice1, choice2, choice3; "
        "the first line must be mentee,choice1,choice2,choice3"
    )


def test_a_wrong_mentors_header_is_not_blamed_on_every_mentee(tmp_path):
    result = plan(tmp_path, mentors="name,places\nU01M1,1\n")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rapport mentoring plan: mentors.csv, line 1, header: missing mentor, capacity; "
        "the first line must be mentor,capacity",
        "rapport mentoring plan: 1 problem to fix; no plan made",
    ]


def test_missing_folder_and_non_utf8_inputs_are_one_line_each(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "latin1.csv").write_bytes("mentor,capacity\nJosé,1\n".encode("latin-1"))
    for mentors, mentees, expected in [
        ("gone.csv", "folder", ["gone.csv does not exist", "folder is a folder, not a CSV file"]),
        ("latin1.csv", "folder", [
            "latin1.csv is not UTF-8 text: save it as 'CSV UTF-8'", "folder is a folder, not a CSV file"]),
    ]:  # fmt: skip
        args = ("mentoring", "plan", "--mentors", mentors, "--mentees", mentees)
        result = rapport(*args, cwd=tmp_path, env=clean_env())
        assert result.returncode == 2
        assert result.stderr.splitlines() == [f"rapport mentoring plan: {line}" for line in expected]
        assert "Traceback" not in result.stderr


def test_an_unreadable_file_is_one_line(tmp_path):
    """A file without read permission; as root (who reads any file) a /proc file that refuses reads."""
    plan(tmp_path)
    if os.geteuid() != 0:
        (tmp_path / "mentors.csv").chmod(0)
        mentors, reason = "mentors.csv", "Permission denied"
    elif Path("/proc/self/clear_refs").exists():
        mentors, reason = "/proc/self/clear_refs", "Invalid argument"
    else:
        pytest.skip("root reads any file, and there is no /proc to refuse a read")
    args = ("mentoring", "plan", "--mentors", mentors, "--mentees", "mentees.csv")
    result = rapport(*args, cwd=tmp_path, env=clean_env())
    assert result.returncode == 2
    assert result.stderr == f"rapport mentoring plan: cannot read {mentors}: {reason}\n"


def test_output_is_written_whole_and_never_replaces_a_file_without_force(tmp_path):
    (tmp_path / "plan.csv").write_text("keep me\n")
    refused = plan(tmp_path, "--output", "plan.csv")
    assert refused.returncode == 2
    assert refused.stderr == (
        "rapport mentoring plan: --output plan.csv already exists; add --force to replace it\n"
    )
    assert (tmp_path / "plan.csv").read_text() == "keep me\n"
    forced = plan(tmp_path, "--output", "plan.csv", "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout == ""
    assert rows((tmp_path / "plan.csv").read_text())[:2] == [
        ["mentee", "mentor", "choice"],
        ["U02A", "U01M2", "2"],
    ]
    assert forced.stderr.startswith("4 of 4 mentees matched")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentees.csv", "mentors.csv", "plan.csv"]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("mentees.csv", "--output mentees.csv is one of the input files; name a new file like plan.csv"),
        ("nowhere/plan.csv", "--output: no folder nowhere to write plan.csv in"),
        (".", "--output . is a folder; name a file like plan.csv"),
    ],
)
def test_output_must_be_a_new_file_in_a_folder_that_exists(tmp_path, output, message):
    result = plan(tmp_path, "--output", output, "--force")
    assert result.returncode == 2
    assert result.stderr == f"rapport mentoring plan: {message}\n"
    assert (tmp_path / "mentees.csv").read_text() == MENTEES


def test_help_and_missing_arguments(tmp_path):
    shown = rapport("mentoring", "plan", "--help", cwd=tmp_path, env=clean_env())
    assert shown.returncode == 0 and shown.stdout.startswith("usage: rapport mentoring plan")
    assert "mentee,choice1,choice2,choice3" in shown.stdout
    bare = rapport("mentoring", cwd=tmp_path, env=clean_env())
    assert bare.returncode == 2 and "plan" in bare.stdout
    missing = rapport("mentoring", "plan", "--mentors", "m.csv", cwd=tmp_path, env=clean_env())
    assert missing.returncode == 2
    assert missing.stderr == (
        "rapport: the following arguments are required: --mentees (see `rapport mentoring plan --help`)\n"
    )
