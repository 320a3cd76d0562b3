"""`rapport stats` and `rapport export` as the operator runs them: real subprocesses, one database."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain.coffee.model import CheckinAnswer, Schedule
from bot.domain.introductions import Introduction
from bot.domain.people.person import Person, Role
from bot.domain.program.report import headline
from bot.services.followups.ports import MeetingSource
from bot.services.program.figures import program_figures
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"


def seed(database_url: str) -> None:
    """Two interns (one isolated), a colleague, a pool with one round, a meeting with a risky note."""
    upgrade(database_url)
    settings = Settings.from_env({"DATABASE_URL": database_url})
    wired = wire(settings)
    now = datetime.now(UTC)
    try:
        with wired.runtime.unit_of_work() as work:
            people = [
                Person(TEAM, "U1", Role.INTERN, email="=cmd@example.com", team="Payments"),
                Person(TEAM, "U2", Role.INTERN, team="Design"),
                Person(TEAM, "U3", Role.COLLEAGUE, team="+Data"),
            ]
            work.members.upsert_roster(people, now)
            pool, _ = work.pools.create(TEAM, "C0COFFEE", Schedule(), now - timedelta(days=30))
            the_round = work.rounds.claim(pool, now - timedelta(days=7), 1, now)
            [group] = work.rounds.add_groups(the_round.id, [(("U1", "U3"), "U1")])
            work.rounds.stamp(group.id, conversation_id="G1", intro_ts="1.0")
            work.rounds.record_answer(group.id, CheckinAnswer.MET, "U1", now)
            work.followups.record_meeting(
                TEAM, MeetingSource.COFFEE, str(group.id), ("U1", "U3"), now - timedelta(days=5), "=1+1"
            )
            intro = Introduction(0, TEAM, proposer="U3", a="U1", b="U2", why="-both", created_at=now)
            work.introductions.add(intro)
            work.commit()
    finally:
        wired.engine.dispose()


def env(database_url: str):
    return clean_env(DATABASE_URL=database_url)


def test_stats_prints_the_same_figures_as_slack(tmp_path: Path, database_url: str):
    seed(database_url)
    result = rapport("stats", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    try:
        expected = headline(program_figures(wired.runtime.unit_of_work, TEAM, datetime.now(UTC)))
    finally:
        wired.engine.dispose()
    assert lines[:2] == ["Headline", f"  {expected}"]
    assert "2 interns · meetings 1/1 group (100 %)" in expected
    assert "1 needs attention · 0 failed deliveries" in expected
    attention = lines[lines.index("Needs attention") + 1 :]
    assert attention[0].startswith("  • U2 — met nobody in 14 days (never met anyone)")
    pools = lines[lines.index("Pools") + 1 : lines.index("Meeting rate per round")]
    assert pools[0].startswith("  • C0COFFEE — 2 participants · next round ")  # an ID, not a #name
    assert "https://app.slack.com/client/T0RAPPORT/C0COFFEE" in pools[1]
    since = rapport(
        "stats", "--pool", "C0COFFEE", "--since", "2099-01-01", cwd=tmp_path, env=env(database_url)
    )
    assert since.returncode == 0, since.stderr
    assert "meetings 0/0 groups (n/a)" in since.stdout


def test_export_writes_csv_that_no_spreadsheet_runs(tmp_path: Path, database_url: str):
    seed(database_url)
    out = tmp_path / "meetings.csv"
    result = rapport(
        "export",
        "--what",
        "meetings",
        "--format",
        "csv",
        "--output",
        str(out),
        cwd=tmp_path,
        env=env(database_url),
    )
    assert result.returncode == 0, result.stderr
    assert f"{out}: 1 meeting written" in result.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["meeting_id", "met_at", "source", "people", "note"]
    assert rows[1][2:] == ["coffee", "U1 U3", "'=1+1"]

    members = rapport("export", "--what", "members", cwd=tmp_path, env=env(database_url))
    assert members.returncode == 0, members.stderr
    table = list(csv.reader(members.stdout.splitlines()))
    assert table[1] == ["U1", "'=cmd@example.com", "intern", "Payments", "", "", "1"]
    assert table[3][3] == "'+Data"

    intros = rapport("export", "--what", "introductions", cwd=tmp_path, env=env(database_url))
    assert intros.returncode == 0, intros.stderr
    assert list(csv.reader(intros.stdout.splitlines()))[1][2:6] == ["U3", "U1", "U2", "pending"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("export",),
            "rapport: the following arguments are required: --what (see `rapport export --help`)",
        ),
        (
            ("export", "--what", "people"),
            "rapport: argument --what: invalid choice: 'people' (choose from 'members', 'meetings', "
            "'introductions', 'events', 'asks', 'kudos', 'offers', 'updates', 'mentoring') "
            "(see `rapport export --help`)",
        ),
        (
            ("export", "--what", "members", "--format", "xlsx"),
            "rapport: --format must be csv (the only format), not 'xlsx'",
        ),
        (
            ("stats", "--since", "last week"),
            "rapport: --since must be a date like 2026-06-01, not 'last week'",
        ),
        (("stats", "--pool", "C0NOPE"), "rapport: --pool C0NOPE is not a coffee pool (pools: C0COFFEE)"),
        (
            ("stats", "--team", "T0OTHER"),
            "rapport: --team T0OTHER: no program data for that workspace (known: T0RAPPORT)",
        ),
    ],
)
def test_bad_arguments_get_one_clear_line_and_a_non_zero_exit(tmp_path, database_url, args, message):
    seed(database_url)
    result = rapport(*args, cwd=tmp_path, env=env(database_url))
    assert result.returncode != 0
    assert [line for line in result.stderr.splitlines() if line.startswith("rapport:")] == [message]
    assert "Traceback" not in result.stderr + result.stdout


def test_export_to_a_folder_that_does_not_exist_is_one_line(tmp_path, database_url):
    seed(database_url)
    target = tmp_path / "missing" / "out.csv"
    result = rapport(
        "export", "--what", "members", "--output", str(target), cwd=tmp_path, env=env(database_url)
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"rapport: --output {target}: there is no folder {target.parent} (create it first)"
    )


def test_a_pool_before_its_first_round_says_so_instead_of_0_participants(tmp_path: Path, database_url: str):
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC)
    try:
        with wired.runtime.unit_of_work() as work:
            work.members.upsert_roster([Person(TEAM, "U1", Role.INTERN)], now)
            work.pools.create(TEAM, "C0LUNCH", Schedule(), now)
            work.commit()
    finally:
        wired.engine.dispose()
    result = rapport("stats", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    [pool] = [line for line in result.stdout.splitlines() if "C0LUNCH —" in line]
    assert pool.startswith("  • C0LUNCH — no round yet · first round ")
    assert "0 participants" not in result.stdout and "1 interns" not in result.stdout
    assert "1 intern · meetings 0/0 groups" in result.stdout
