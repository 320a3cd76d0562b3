"""Match health in words: one formatter for App Home's program section, `rapport stats` and the report.

Renderers say how a person is shown (a Slack mention, a plain ID); the wording is decided here once.
Goals never appear: only counts, people and dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from bot.domain.mentoring.health import MATCHED_BY_DAY, Health, MentoringHealth
from bot.domain.plural import plural
from bot.domain.program.figures import percent

Name = Callable[[str], str]
NEEDING_SHOWN = 10


def summary_rows(health: MentoringHealth) -> list[tuple[str, str]]:
    """(label, value) rows: the report's small table, and the lines below."""
    taken = sum(m.mentees for m in health.loads)
    places = sum(m.capacity for m in health.loads)
    full = sum(1 for m in health.loads if m.mentees >= m.capacity)
    median = "n/a" if health.median_sessions is None else f"{health.median_sessions:g}"
    matched, due = health.matched_by_day, health.due_by_day
    rows = [
        ("pairs on track", str(health.count(Health.ON_TRACK))),
        ("pairs needing a check-in", str(health.count(Health.NEEDS_CHECK_IN))),
        ("pairs too early to tell", str(health.count(Health.TOO_EARLY))),
        (f"mentees matched by day {MATCHED_BY_DAY}", f"{matched}/{due} ({percent(matched, due)})"),
        ("sessions per pair (median)", median),
        ("mentor places taken", f"{taken}/{places} ({percent(taken, places)})"),
        ("mentors full", f"{full} of {len(health.loads)}"),
    ]
    if health.closeout is not None:
        rows.append(("close-out answers", health.closeout.text()))
    return rows


def health_lines(
    health: MentoringHealth, person: Name, zone: tzinfo, limit: int = NEEDING_SHOWN
) -> list[str]:
    """The summary, then the pairs that need a check-in and the mentors over their capacity."""
    if not health.shown:
        return ["none yet (the lead opens matching with /mentor setup)"]
    lines = [f"{label}: {value}" for label, value in summary_rows(health)]
    needing = [p for p in health.pairs if p.health is Health.NEEDS_CHECK_IN]
    for item in needing[:limit]:
        fact = item.fact
        last = max(fact.sessions) if fact.sessions else None
        since = f"last met {last.astimezone(zone):%-d %b}" if last else "no session since the kickoff"
        lines.append(f"• {person(fact.mentee)} with {person(fact.mentor)} — needs a check-in ({since})")
    if len(needing) > limit:
        lines.append(f"…and {len(needing) - limit} more needing a check-in")
    over = [m for m in health.loads if m.mentees > m.capacity]
    for load in over:
        lines.append(
            f"• {person(load.user_id)} has {plural(load.mentees, 'mentee')}, more than their {load.capacity}"
        )
    return lines
