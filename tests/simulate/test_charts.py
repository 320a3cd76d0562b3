"""The report's charts as a lead reads them: any team name drawn as typed, whole numbers on counted axes, a
sentence where there is too little to draw, and a network map whose legend hides no one."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.cli.charts import Chart, charts
from bot.domain.program.figures import MeetingFact, RoundRate
from bot.domain.program.outcomes import ProgramRecord

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
ODD_TEAMS = ("Sales $x^$", "A $_$ b", "R&D_^2", "🚀 Rockets", "Ünïcødé 中文")
TEAMS = ("Payments", "Platform", "Design", "Data", "Sales")


def record(
    weeks: int, interns: int = 3, rounds: int = 2, label: str = "weekly", teams: tuple[str, ...] = TEAMS
) -> ProgramRecord:
    """Interns U0…, each meeting a colleague of another team every week; `rounds` weekly rounds."""
    people = tuple(f"U{i}" for i in range(interns))
    colleagues = [f"UC{i}" for i in range(interns * weeks)]
    team_of = {u: teams[i % len(teams)] for i, u in enumerate(people + tuple(colleagues))}
    meetings = tuple(
        MeetingFact((u, colleagues[w * interns + i]), START + timedelta(weeks=w, days=2))
        for w in range(weeks)
        for i, u in enumerate(people)
    )
    rates = tuple(RoundRate("C0COFFEE", START + timedelta(weeks=w), 1, 2) for w in range(rounds))
    return ProgramRecord(label, START, weeks, people, frozenset(), team_of, meetings, rates)


def by_id(drawn: list[Chart]) -> dict[str, Chart]:
    return {chart.id: chart for chart in drawn}


def texts(svg: str | None) -> list[str]:
    assert svg is not None
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_team_and_program_names_are_drawn_as_typed_never_read_as_math():
    drawn = by_id(charts([record(3, interns=5, label="so far $_$ 🚀", teams=ODD_TEAMS)]))  # `$…$`: mathtext
    legend = texts(drawn["map"].svg)
    for team in ("Sales $x^$", "A $_$ b", "R&amp;D_^2", "🚀 Rockets", "Ünïcødé 中文"):
        assert team in legend, team
    assert "so far $_$ 🚀 (median)" in texts(drawn["network"].svg)


def test_counted_axes_show_whole_numbers():
    drawn = by_id(charts([record(3, interns=3)]))
    for chart in ("network", "teams", "rounds"):
        numbers = [t for t in texts(drawn[chart].svg) if re.fullmatch(r"[\u2212-]?\d+(\.\d+)?", t)]
        assert numbers, chart
        assert all("." not in n for n in numbers), (chart, numbers)


def test_one_week_and_one_round_are_said_in_a_sentence_not_drawn_as_a_dot():
    drawn = by_id(charts([record(1, interns=4, rounds=1)]))
    assert drawn["network"].svg is None
    assert (
        drawn["network"].missing
        == "One week so far: the median intern has met 1 colleague (the lowest tenth 1)."
    )
    assert drawn["rounds"].svg is None
    assert drawn["rounds"].missing == "One round so far: 1 of 2 groups met (50 %)."
    assert drawn["teams"].svg is not None and drawn["map"].svg is not None
    compared = by_id(charts([record(1, rounds=1), record(1, rounds=0, label="biweekly")]))
    assert compared["rounds"].missing == "One round so far: weekly, 1 of 2 groups met (50 %)."
    assert compared["network"].missing.startswith("One week so far: weekly, the median intern has met 1 ")


def test_two_weeks_are_drawn():
    drawn = by_id(charts([record(2)]))
    assert drawn["network"].svg is not None and drawn["rounds"].svg is not None


@pytest.mark.parametrize("interns", [3, 12])
def test_the_network_maps_legend_covers_nobody_and_its_lines_show(interns: int):
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection, PathCollection

    from bot.cli.charts import _map

    figure, axes = plt.subplots(figsize=(9, 7))  # as the report draws it
    try:
        _map(axes, record(4, interns=interns))
        figure.tight_layout()
        figure.canvas.draw()
        legend = axes.get_legend().get_window_extent()
        dots = [
            point
            for dots in axes.collections
            if isinstance(dots, PathCollection)
            for point in axes.transData.transform(dots.get_offsets())
        ]
        assert len(dots) == interns * 5  # each intern and the four colleagues they met
        assert [tuple(p) for p in dots if legend.contains(*p)] == []
        [lines] = [c for c in axes.collections if isinstance(c, LineCollection)]
        assert lines.get_alpha() >= 0.3
    finally:
        plt.close(figure)
