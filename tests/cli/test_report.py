"""`rapport report --html`: the running program's report from its database, as the lead's weekly review."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain.people.person import Person, Role
from bot.domain.scheduling.group import GroupDm, Source
from bot.services.followups.ports import MeetingSource
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import rapport
from tests.cli.test_program import TEAM, env, seed


def figure(html: str, chart: str) -> str:
    found = re.search(rf'<figure id="{chart}".*?</figure>', html, flags=re.S)
    assert found is not None, chart
    return found.group(0)


def cell(html: str, label: str) -> str:
    found = re.search(rf"<td>{re.escape(label)}</td><td class=num>([^<]*)</td>", html)
    assert found is not None, label
    return found.group(1)


def test_the_report_draws_the_program_from_its_database(tmp_path: Path, database_url: str):
    seed(database_url)  # two interns (one met a colleague), one round whose group met
    result = rapport("report", "--html", "review.html", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert cell(html, "meetings stored") == "1"
    assert cell(html, "colleagues met per intern (min / p10 / median)") == "0 / 0 / 0.5"
    assert cell(html, "rounds, groups, share that met") == "1, 1, 100 %"
    assert cell(html, "interns on the attention list now") == "1"  # the one who met nobody
    for chart in ("teams", "map"):
        assert "<path" in figure(html, chart), chart
    # a round 7 days ago and a meeting 5 days ago: too little to draw a line through, so it is said
    network, rounds = figure(html, "network"), figure(html, "rounds")
    assert "One week so far: the median intern has met 0.5 colleagues (the lowest tenth 0)." in network
    assert "One round so far: 1 of 1 group met (100 %)." in rounds
    assert "<svg" not in network and "<svg" not in rounds
    assert "Not recorded for a live program" in figure(html, "load")
    assert "Workspace T0RAPPORT" in html and "(1 week);" in html


def test_a_finished_program_ends_at_its_last_activity_not_today(tmp_path: Path, database_url: str):
    now = datetime.now(UTC)
    first, last = now - timedelta(weeks=50), now - timedelta(weeks=47, days=3)
    seed_finished(database_url, first, last)
    result = rapport("report", "--html", "review.html", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert f"{first:%d %b %Y} to {last:%d %b %Y} (3 weeks)" in html
    weeks = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", figure(html, "network")) if t.isdigit()]
    assert weeks and max(map(int, weeks)) <= 3  # not 48 flat weeks up to today


def test_a_since_after_the_last_activity_says_nothing_was_recorded(tmp_path: Path, database_url: str):
    seed(database_url)
    result = rapport(
        "report", "--html", "x.html", "--since", "2099-01-01", cwd=tmp_path, env=env(database_url)
    )
    assert result.returncode == 0, result.stderr
    assert "nothing recorded since 01 Jan 2099" in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_any_team_name_is_drawn_without_a_crash_or_a_warning(tmp_path: Path, database_url: str):
    now = datetime.now(UTC)
    seed_finished(database_url, now - timedelta(weeks=3), now, teams=("Sales $x^$ 🚀", "A $_$ b 中文"))
    result = rapport("report", "--html", "review.html", cwd=tmp_path, env=env(database_url))
    assert (result.returncode, result.stderr) == (0, "")
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "Sales $x^$ 🚀" in figure(html, "map") and "A $_$ b 中文" in figure(html, "map")


def seed_finished(
    database_url: str, first: datetime, last: datetime, teams: tuple[str, str] = ("Data", "Ops")
) -> None:
    """An intern who met a colleague at `first` and again at `last`."""
    upgrade(database_url)
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    try:
        with wired.runtime.unit_of_work() as work:
            people = [
                Person(TEAM, "U1", Role.INTERN, team=teams[0]),
                Person(TEAM, "U3", Role.COLLEAGUE, team=teams[1]),
            ]
            work.members.upsert_roster(people, first)
            for n, when in enumerate((first, last)):
                work.followups.record_meeting(TEAM, MeetingSource.MET, f"m{n}", ("U1", "U3"), when, None)
            work.commit()
    finally:
        wired.engine.dispose()


def test_since_a_later_day_leaves_the_meetings_out(tmp_path: Path, database_url: str):
    seed(database_url)
    args = ("report", "--html", "later.html", "--since", "2099-01-01")
    result = rapport(*args, cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "later.html").read_text(encoding="utf-8")
    assert cell(html, "meetings stored") == "0"
    assert "Nothing to draw." in figure(html, "rounds")
    assert "Nothing to draw." in figure(html, "map")  # nobody met since then


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2026-13-01"), "--since must be a date like 2026-06-01, not '2026-13-01'"),
        (("--team", "T0OTHER"), "--team T0OTHER: no program data for that workspace"),
    ],
)
def test_bad_arguments_are_one_line_and_write_nothing(tmp_path, database_url, args, message):
    seed(database_url)
    result = rapport("report", "--html", "x.html", *args, cwd=tmp_path, env=env(database_url))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_a_folder_that_does_not_exist_is_one_line(tmp_path: Path, database_url: str):
    seed(database_url)
    result = rapport("report", "--html", "nowhere/x.html", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "rapport: --html nowhere/x.html: there is no folder nowhere (create it first)"
    )


def test_the_report_compares_groups_that_used_find_a_time_with_the_others(tmp_path: Path, database_url: str):
    seed(database_url)  # one coffee group (G1) of U1 and U3 that met
    wired = wire(Settings.from_env({"DATABASE_URL": database_url}))
    now = datetime.now(UTC)
    try:
        with wired.runtime.unit_of_work() as work:
            [group_id] = [g.group_id for g in work.program.groups(TEAM, None)]
            dm = GroupDm(TEAM, "G1", Source.COFFEE, str(group_id), ("U1", "U3"), "U1")
            assert work.scheduling.create(dm, [now + timedelta(days=1)], now) is not None
            work.commit()
    finally:
        wired.engine.dispose()
    result = rapport("report", "--html", "review.html", cwd=tmp_path, env=env(database_url))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert '<table id="find-a-time">' in html and "does not prove it helps" in html
    assert cell(html, "used Find a time") == "1 (100%)"
    assert cell(html, "agreed a slot") == "0"
    assert cell(html, "met, of those that used it") == "1/1 (100%)"
    assert cell(html, "met, of those that did not") == "0/0 (n/a)"
