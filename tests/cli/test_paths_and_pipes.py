"""Any path or pipe given to any command ends in one line and an exit code, never a traceback (issue 25.2).

Paths commands read: `roster import FILE`, `simulate --roster`, `--env-file`, `sandbox --db`. Paths they
write: `export --output`, `report --html`, `simulate --html`, `simulate --db`. Each is tried as a folder, as
a file that is not there (or in a folder that is not), through a file used as a folder, and without
permission; every command's output goes into a pipe nobody reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, clean_env, rapport, without_root_powers

ROSTER = "slack_id,email,role,team,internship_start,internship_end\nU01AMARA,,intern,Payments,,\n"
QUICK = ("simulate", "--weeks", "1", "--interns", "2", "--colleagues", "2", "--mentors", "0")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A database, a roster, a folder, a file and a folder nobody may read or write."""
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'r.db'}")
    assert rapport("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "roster.csv").write_text(ROSTER)
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "locked.csv").write_text(ROSTER)
    (tmp_path / "locked.csv").chmod(0)
    (tmp_path / "locked.env").write_text("RAPPORT_TIMEZONE=UTC\n")
    (tmp_path / "locked.env").chmod(0)
    (tmp_path / "locked.db").write_bytes((tmp_path / "r.db").read_bytes())
    (tmp_path / "locked.db").chmod(0)
    (tmp_path / "locked-folder").mkdir(mode=0o555)
    return tmp_path


def run(folder: Path, *args: str, locked: bool = False) -> subprocess.CompletedProcess[str]:
    env = clean_env(DATABASE_URL=f"sqlite:///{folder / 'r.db'}")
    return rapport(*args, cwd=folder, env=env, prefix=without_root_powers() if locked else ())


def assert_one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("rapport"), line
    for word in words:
        assert word in line, line
    return line


@pytest.mark.parametrize(
    "args",
    [
        ("roster", "import", "--check", "a-folder"),
        ("--env-file", "a-folder", "db", "current"),
        (*QUICK, "--roster", "a-folder"),
        ("sandbox", "--port", "0", "--db", "a-folder"),
        ("export", "--what", "members", "--output", "a-folder"),
        ("report", "--html", "a-folder"),
        (*QUICK, "--html", "a-folder"),
        (*QUICK, "--db", "a-folder"),
    ],
)
def test_a_folder_where_a_file_belongs_is_one_line(folder: Path, args):
    assert_one_line(run(folder, *args), "a-folder", "folder")


@pytest.mark.parametrize(
    "args",
    [
        ("roster", "import", "--check", "missing.csv"),
        ("--env-file", "missing.env", "db", "current"),
        (*QUICK, "--roster", "missing.csv"),
        ("export", "--what", "members", "--output", "no-folder/members.csv"),
        ("report", "--html", "no-folder/review.html"),
        (*QUICK, "--html", "no-folder/review.html"),
    ],
)
def test_a_missing_file_or_folder_is_one_line(folder: Path, args):
    path = next(arg for arg in args if arg.startswith(("missing", "no-folder")))
    assert_one_line(run(folder, *args), path)


@pytest.mark.parametrize(
    "args",
    [
        ("roster", "import", "--check", "roster.csv/more.csv"),
        ("--env-file", "roster.csv/.env", "db", "current"),
        ("sandbox", "--port", "0", "--db", "roster.csv/sandbox.db"),
        ("export", "--what", "members", "--output", "roster.csv/members.csv"),
        ("report", "--html", "roster.csv/review.html"),
        (*QUICK, "--db", "roster.csv/kept.db"),
    ],
)
def test_a_file_used_as_a_folder_is_one_line(folder: Path, args):
    assert_one_line(run(folder, *args), "roster.csv")


@pytest.mark.parametrize(
    "args",
    [
        ("roster", "import", "--check", "locked.csv"),
        ("--env-file", "locked.env", "db", "current"),
        (*QUICK, "--roster", "locked.csv"),
        ("sandbox", "--port", "0", "--db", "locked.db"),
        ("export", "--what", "members", "--output", "locked-folder/members.csv"),
        ("report", "--html", "locked-folder/review.html"),
        (*QUICK, "--html", "locked-folder/review.html"),
    ],
)
def test_a_path_without_permission_is_one_line(folder: Path, args):
    assert_one_line(run(folder, *args, locked=True), "locked", "permission")


def test_a_sandbox_database_that_is_not_one_is_one_line(folder: Path):
    assert_one_line(run(folder, "sandbox", "--port", "0", "--db", "roster.csv"), "roster.csv")


def closed_pipe_run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run with standard output a pipe whose reader is gone, as `rapport … | head` leaves it."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=folder,
            env={**clean_env(DATABASE_URL=f"sqlite:///{folder / 'r.db'}"), "PYTHONPATH": str(ROOT)},
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("stats",),
        ("export", "--what", "members"),
        ("roster", "import", "--check", "roster.csv"),
        ("db", "current"),
        QUICK,
    ],
)
def test_output_into_a_closed_pipe_ends_quietly(folder: Path, args):
    result = closed_pipe_run(folder, *args)
    assert result.stderr == ""
    assert result.returncode == 141  # as a shell reports a command stopped by SIGPIPE


@pytest.mark.parametrize("args", [("--help",), ("stats", "--help"), ("roster", "import", "--help")])
def test_help_into_a_closed_pipe_ends_quietly(folder: Path, args):
    result = closed_pipe_run(folder, *args)
    assert result.stderr == ""  # argparse drops what it could not write, and exits as for any help
