"""The outcome table: one column per cadence, one row per figure a program lead asks about."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bot.simulate import metrics
from bot.simulate.run import Outcome

GOAL_PEOPLE, GOAL_TEAMS = 10, 5  # issue #16: every intern meets 10 colleagues across 5 teams


def rows(outcome: Outcome) -> list[tuple[str, str]]:
    """(label, value) for each figure of one simulated program."""
    met = outcome.met()
    sizes = {user: len(others) for user, others in met.items()}
    teams = metrics.teams_reached(met, outcome.team_of)
    mentors = metrics.mentors_met(met, set(outcome.mentors))
    first = metrics.weeks_to_first_meeting(outcome.interns, outcome.meetings, outcome.program.start)
    weeks = outcome.program.weeks
    load = metrics.per_week(outcome.received, weeks)
    interns = set(outcome.interns)
    quiet = [metrics.days_quiet(f, outcome.program.start) for f in outcome.flags]
    groups = sum(r.groups for r in outcome.rounds)
    reached = sum(1 for u in outcome.interns if sizes[u] >= GOAL_PEOPLE and teams[u] >= GOAL_TEAMS)
    return [
        ("colleagues met per intern (min / p10 / median)", _spread(sizes.values())),
        ("teams reached per intern (min / p10 / median)", _spread(teams.values())),
        ("mentors met per intern (min / p10 / median)", _spread(mentors.values())),
        (f"interns meeting {GOAL_PEOPLE}+ people across {GOAL_TEAMS}+ teams", f"{reached} of {len(interns)}"),
        ("weeks to first meeting (median / max)", _first(list(first.values()))),
        ("rounds, groups, share that met", f"{len(outcome.rounds)}, {groups}, {_share(outcome)}"),
        ("meetings stored", str(len(outcome.meetings))),
        ("mentor introductions asked for, accepted", _introductions(outcome)),
        ("events; going per event (median); meetings from them", _events(outcome)),
        ("interns flagged on the attention list", str(len({f.user_id for f in outcome.flags}))),
        ("days without a meeting when flagged (median / max)", _middle_max(quiet, 1)),
        ("messages per intern per week (median / max)", _middle_max([load[u] for u in interns], 1)),
        (
            "messages per colleague per week (median / max)",
            _middle_max([v for u, v in load.items() if u not in interns], 1),
        ),
        ("simulated in", f"{outcome.seconds:.1f} s"),
    ]


def table(outcomes: Sequence[Outcome]) -> str:
    """A plain-text table, cadences side by side."""
    columns = [rows(o) for o in outcomes]
    head = [o.program.label for o in outcomes]
    width = max(len(label) for label, _ in columns[0])
    value_widths = [max(len(head[i]), *(len(v) for _, v in col)) for i, col in enumerate(columns)]
    lines = ["  ".join([" " * width, *(h.rjust(w) for h, w in zip(head, value_widths, strict=True))])]
    for k, (label, _) in enumerate(columns[0]):
        values = [col[k][1].rjust(w) for col, w in zip(columns, value_widths, strict=True)]
        lines.append("  ".join([label.ljust(width), *values]))
    return "\n".join(line.rstrip() for line in lines)


def _spread(values: object) -> str:
    found = metrics.spread(values)  # type: ignore[arg-type]
    return found.show() if found else "n/a"


def _middle_max(values: list[float], digits: int) -> str:
    return f"{median(values):.{digits}f} / {max(values):.{digits}f}" if values else "none"


def _first(weeks: list[float | None]) -> str:
    found = [w for w in weeks if w is not None]
    never = len(weeks) - len(found)
    text = _middle_max(found, 1) if found else "n/a"
    return f"{text}, {never} never" if never else text


def _introductions(outcome: Outcome) -> str:
    asked = outcome.introductions
    return f"{len(asked)}, {sum(asked)}" if asked else "none"


def _events(outcome: Outcome) -> str:
    if not outcome.events:
        return "none"
    going = median(e.going for e in outcome.events)
    return f"{len(outcome.events)}; {going:g}; {sum(e.meetings for e in outcome.events)}"


def _share(outcome: Outcome) -> str:
    groups = sum(r.groups for r in outcome.rounds)
    return f"{round(100 * sum(r.met for r in outcome.rounds) / groups)} %" if groups else "n/a"
