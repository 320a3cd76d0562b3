"""The outcome table: one column per cadence, one row per figure a program lead asks about."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bot.domain.program.outcomes import middle_max, outcome_rows, per_week
from bot.simulate import metrics
from bot.simulate.run import Outcome


def rows(outcome: Outcome) -> list[tuple[str, str]]:
    """(label, value) for each figure of one simulated program: every program's, then the simulation's."""
    weeks = outcome.program.weeks
    load = per_week(outcome.record.received or {}, weeks)
    interns = set(outcome.record.interns)
    quiet = [metrics.days_quiet(f, outcome.program.start) for f in outcome.flags]
    return [
        *outcome_rows(outcome.record),
        ("mentor introductions asked for, accepted", _introductions(outcome)),
        ("mentees matched by day 7", _matched(outcome)),
        ("sessions per mentoring pair (median)", _sessions(outcome)),
        ("events; going per event (median); meetings from them", _events(outcome)),
        ("interns flagged on the attention list", str(len({f.user_id for f in outcome.flags}))),
        ("days without a meeting when flagged (median / max)", middle_max(quiet, 1)),
        ("messages per intern per week (median / max)", middle_max([load[u] for u in interns], 1)),
        (
            "messages per colleague per week (median / max)",
            middle_max([v for u, v in load.items() if u not in interns], 1),
        ),
        ("simulated in", f"{outcome.seconds:.1f} s"),
    ]


def grid(outcomes: Sequence[Outcome]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The column headings, and each row's label with its value per column."""
    columns = [rows(o) for o in outcomes]
    labels = [label for label, _ in columns[0]]
    return [o.program.label for o in outcomes], [
        (label, [c[k][1] for c in columns]) for k, label in enumerate(labels)
    ]


def table(outcomes: Sequence[Outcome]) -> str:
    """A plain-text table, cadences side by side."""
    return text_table(*grid(outcomes))


def text_table(head: list[str], lines: list[tuple[str, list[str]]]) -> str:
    width = max(len(label) for label, _ in lines)
    widths = [max(len(h), *(len(values[i]) for _, values in lines)) for i, h in enumerate(head)]
    out = ["  ".join([" " * width, *(h.rjust(w) for h, w in zip(head, widths, strict=True))])]
    for label, values in lines:
        out.append(
            "  ".join([label.ljust(width), *(v.rjust(w) for v, w in zip(values, widths, strict=True))])
        )
    return "\n".join(line.rstrip() for line in out)


def _introductions(outcome: Outcome) -> str:
    asked = outcome.introductions
    return f"{len(asked)}, {sum(asked)}" if asked else "none"


def _matched(outcome: Outcome) -> str:
    health = outcome.mentoring
    if health is None:
        return "no mentoring"
    return f"{health.matched_by_day} of {len(outcome.record.interns)}"


def _sessions(outcome: Outcome) -> str:
    health = outcome.mentoring
    if health is None or health.median_sessions is None:
        return "no mentoring" if health is None else "no pairs"
    return f"{health.median_sessions:g}"


def _events(outcome: Outcome) -> str:
    if not outcome.events:
        return "none"
    going = median(e.going for e in outcome.events)
    return f"{len(outcome.events)}; {going:g}; {sum(e.meetings for e in outcome.events)}"
