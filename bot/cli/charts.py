"""The report's charts, drawn by matplotlib (and laid out by networkx) as inline SVG.

Both are an optional extra (`pip install 'rapport[report]'`): the app never needs them, and a lead who
wants the page installs them once. They are imported only when a chart is drawn.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from itertools import combinations
from typing import Any

from bot.domain.program.figures import percent
from bot.domain.program.outcomes import ProgramRecord, met_by, network_by_week, per_week, teams_reached

EXTRA_MISSING = "the report needs the optional extra: pip install 'rapport[report]'"
MAP_LIMIT = 600  # people drawn on the network map; beyond it the layout is unreadable anyway
PALETTE = "tab10"
NOTHING = "Nothing to draw."
RC = {  # every figure's settings, applied per figure so nothing else in the process is changed
    "svg.hashsalt": "rapport",  # the same page from the same data
    "svg.fonttype": "none",  # text stays text, drawn by the browser with its own fonts (emoji included)
    "font.size": 10,
    "text.parse_math": False,  # a `$` in a team name is a dollar, not TeX: anyone can set their team
    "text.usetex": False,
}
# matplotlib measures each label with its own font and warns of characters it lacks (an emoji); the SVG
# keeps the characters themselves, which the browser draws, so the warning says nothing about the page.
MISSING_GLYPH = r"Glyph \d+ .*missing from"


class ReportExtraMissing(RuntimeError):
    """matplotlib or networkx is not installed."""


@dataclass(frozen=True)
class Chart:
    """One figure of the page: an id for tests and links, a title, a line saying what it shows."""

    id: str
    title: str
    caption: str
    svg: str | None  # None: nothing to draw, and `missing` says so (or what little there is) in a sentence
    missing: str = NOTHING


def charts(records: Sequence[ProgramRecord]) -> list[Chart]:
    """Every chart of the report, for one or more programs side by side."""
    plt = _pyplot()
    return [
        _network_chart(plt, records),
        Chart("teams", "Teams reached per intern", "How many interns reached each number of teams "
              "(their own counts when they met a teammate).",
              _draw(plt, lambda ax: _teams(ax, records)) if _any_interns(records) else None),
        _rounds_chart(plt, records),
        _load_chart(plt, records),
        Chart("map", f"Network map: {records[0].label}", "Everyone who met someone, coloured by team; "
              "interns are the larger dots with a dark edge, and each line is a pair who met.",
              _draw(plt, lambda ax: _map(ax, records[0]), size=(9, 7)) if records[0].meetings else None),
    ]  # fmt: skip


def require_plotting() -> None:
    """Fail before a long run, not after it, when the extra is missing."""
    _pyplot()


def _network_chart(plt: Any, records: Sequence[ProgramRecord]) -> Chart:
    caption = ("Colleagues each intern has met by the end of each week: the line is the median, the band "
               "reaches down to the 10th percentile.")  # fmt: skip
    chart = partial(Chart, "network", "Network size over the weeks", caption)
    if not _any_interns(records):
        return chart(None)
    if max(record.weeks for record in records) < 2:  # one dot on an empty axis says less than a sentence
        said = {record.label: _first_week(record) for record in records if record.interns}
        return chart(None, "One week so far: " + _each(said, len(records) > 1) + ".")
    return chart(_draw(plt, lambda ax: _network(ax, records)))


def _first_week(record: ProgramRecord) -> str:
    [week] = network_by_week(record.interns, record.meetings, record.start, 1)
    assert week is not None  # the record has interns
    met = _count(week.median, "colleague")
    return f"the median intern has met {met} (the lowest tenth {week.p10:g})"


def _rounds_chart(plt: Any, records: Sequence[ProgramRecord]) -> Chart:
    chart = partial(Chart, "rounds", "Meeting rate per round", "The share of each coffee round's groups "
                    "that said they met.")  # fmt: skip
    rated = {record.label: [r for r in record.rounds if r.groups] for record in records}
    if not any(rated.values()):
        return chart(None)
    if max(len(rounds) for rounds in rated.values()) < 2:
        said = {label: f"{r.met} of {_count(r.groups, 'group')} met ({percent(r.met, r.groups)})"
                for label, rounds in rated.items() for r in rounds}  # fmt: skip
        return chart(None, "One round so far: " + _each(said, len(records) > 1) + ".")
    return chart(_draw(plt, lambda ax: _rounds(ax, records)))


def _each(said: dict[str, str], compared: bool) -> str:
    """Each program's words, after its label when programs are compared."""
    return "; ".join(f"{label}, {text}" if compared else text for label, text in said.items())


def _count(number: float, noun: str) -> str:
    return f"{number:g} {noun}{'' if number == 1 else 's'}"


def _load_chart(plt: Any, records: Sequence[ProgramRecord]) -> Chart:
    recorded = [r for r in records if r.received is not None]
    if not recorded:
        why = ("Not recorded for a live program: Rapport does not store the messages it sends "
               "(rapport simulate --html shows it for a plan).")  # fmt: skip
        return Chart("load", "Notification load", why, None)
    return Chart("load", "Notification load", "Messages each person received directly per week (DMs, "
                 "group DMs and private notes), interns beside colleagues.",
                 _draw(plt, lambda ax: _load(ax, recorded)))  # fmt: skip


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no display, no GUI toolkit
        import matplotlib.pyplot as plt
        import networkx  # noqa: F401  (the map's layout; checked here so a missing one fails first)
    except ImportError as error:
        raise ReportExtraMissing(EXTRA_MISSING) from error
    return plt


def _draw(plt: Any, paint: Callable[[Any], None], size: tuple[float, float] = (8, 4)) -> str:
    with plt.rc_context(RC), warnings.catch_warnings():
        warnings.filterwarnings("ignore", MISSING_GLYPH, UserWarning)
        figure, axes = plt.subplots(figsize=size)
        try:
            paint(axes)
            figure.tight_layout()
            out = io.StringIO()
            figure.savefig(out, format="svg", metadata={"Date": None})
        finally:
            plt.close(figure)
    return re.sub(r"^.*?(?=<svg)", "", out.getvalue(), flags=re.S)  # inline: no XML prologue


def _network(ax: Any, records: Sequence[ProgramRecord]) -> None:
    for record in records:
        spreads = network_by_week(record.interns, record.meetings, record.start, record.weeks)
        weeks = [w for w, s in enumerate(spreads, start=1) if s is not None]
        medians = [s.median for s in spreads if s is not None]
        lows = [s.p10 for s in spreads if s is not None]
        (line,) = ax.plot(weeks, medians, marker="o", label=f"{record.label} (median)")
        ax.fill_between(weeks, lows, medians, alpha=0.2, color=line.get_color())
    ax.set_xlabel("week")
    ax.xaxis.set_major_locator(_whole_numbers())
    ax.set_ylabel("colleagues met")
    ax.yaxis.set_major_locator(_whole_numbers())
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)


def _teams(ax: Any, records: Sequence[ProgramRecord]) -> None:
    counts = [teams_reached(met_by(r.interns, r.meetings), r.team_of) for r in records]
    most = max((max(c.values(), default=0) for c in counts), default=0)
    width = 0.8 / len(records)
    for k, (record, reached) in enumerate(zip(records, counts, strict=True)):
        bars = [sum(1 for v in reached.values() if v == n) for n in range(most + 1)]
        ax.bar([n + k * width for n in range(most + 1)], bars, width=width, label=record.label)
    ax.set_xticks([n + width * (len(records) - 1) / 2 for n in range(most + 1)], list(range(most + 1)))
    ax.set_xlabel("teams reached")
    ax.set_ylabel("interns")
    ax.yaxis.set_major_locator(_whole_numbers())
    ax.legend()
    ax.grid(axis="y", alpha=0.3)


def _whole_numbers() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _any_interns(records: Sequence[ProgramRecord]) -> bool:
    return any(record.interns for record in records)


def _rounds(ax: Any, records: Sequence[ProgramRecord]) -> None:
    for record in records:
        rated = [r for r in record.rounds if r.groups]
        weeks = [(r.scheduled_for - record.start) // timedelta(weeks=1) + 1 for r in rated]
        ax.plot(weeks, [100 * r.met / r.groups for r in rated], marker="o", label=record.label)
    ax.set_ylim(0, 100)
    ax.set_xlabel("week the round started")
    ax.xaxis.set_major_locator(_whole_numbers())
    ax.set_ylabel("% of groups that met")
    ax.legend()
    ax.grid(alpha=0.3)


def _load(ax: Any, records: Sequence[ProgramRecord]) -> None:
    data, labels = [], []
    for record in records:
        assert record.received is not None
        interns = set(record.interns)
        load = per_week(record.received, record.weeks)
        data += [
            [v for u, v in load.items() if u in interns],
            [v for u, v in load.items() if u not in interns],
        ]
        labels += [f"{record.label}\ninterns", f"{record.label}\ncolleagues"]
    ax.boxplot(data, tick_labels=labels)
    ax.set_ylabel("messages per person per week")
    ax.grid(axis="y", alpha=0.3)


def _map(ax: Any, record: ProgramRecord) -> None:
    import matplotlib
    import networkx as nx

    graph = nx.Graph()
    for meeting in sorted(record.meetings, key=lambda m: m.met_at):
        graph.add_edges_from(combinations(sorted(set(meeting.people)), 2))
    graph.add_nodes_from(record.interns)
    people = sorted(graph.nodes, key=lambda u: (u not in record.interns, -graph.degree(u), u))[:MAP_LIMIT]
    graph = graph.subgraph(people)
    where = nx.spring_layout(graph, seed=1, k=None, iterations=60)
    team = {u: record.team_of.get(u) or "no team" for u in graph.nodes}
    teams = sorted(set(team.values()))
    colours = matplotlib.colormaps[PALETTE].resampled(max(len(teams), 1))
    nx.draw_networkx_edges(graph, where, ax=ax, alpha=0.4, width=0.7, edge_color="#555")
    interns = set(record.interns)
    for k, name in enumerate(teams):
        named = False
        for is_intern in (False, True):
            nodes = [u for u in graph.nodes if team[u] == name and (u in interns) == is_intern]
            if nodes:
                nx.draw_networkx_nodes(
                    graph, where, nodelist=nodes, ax=ax, node_color=[colours(k)],
                    node_size=70 if is_intern else 22, edgecolors="#222" if is_intern else "none",
                    linewidths=1.2, label=None if named else name,
                )  # fmt: skip
                named = True
    # Beside the map, not on it: a legend inside the axes hid the people under it.
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, markerscale=1.5, frameon=False)
    ax.set_axis_off()
