"""`rapport report --html`: the running program's report from its database, as the lead's weekly review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.helpers import rapport
from tests.cli.test_program import env, seed


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
    for chart in ("network", "teams", "rounds", "map"):
        assert "<path" in figure(html, chart), chart
    assert "Not recorded for a live program" in figure(html, "load")
    assert "Workspace T0RAPPORT" in html


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
