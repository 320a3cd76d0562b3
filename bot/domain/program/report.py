"""The program figures as titled lines: one formatter for /coffee stats, `rapport stats`, Home and the digest.

Renderers decide how a person or a channel is shown (a Slack mention, a plain ID) and how
sections look; the wording and the numbers are decided here once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.domain.plural import plural
from bot.domain.program.figures import Attention, GroupFact, PoolFact, ProgramStats, percent

Name = Callable[[str], str]


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Style:
    person: Name  # how to show a user ID
    channel: Name  # how to show a channel ID
    zone: tzinfo
    text: Name = str  # how to show stored text (Slack: escaped)
    limit: int | None = None  # rows per list before "…and N more"
    more: str = ""  # where to see the rest, after "…and N more"


def headline(stats: ProgramStats) -> str:
    median = "n/a" if stats.network_median is None else f"{stats.network_median:g}"
    lowest = "n/a" if stats.network_lowest is None else str(stats.network_lowest)
    met, groups, done, sent = stats.groups_met, stats.groups, stats.nudges_done, stats.nudges_sent
    attention = len(stats.attention)
    return (
        f"{plural(stats.interns, 'intern')} · "
        f"meetings {met}/{plural(groups, 'group')} ({percent(met, groups)}) · "
        f"follow-ups {done}/{sent} done ({percent(done, sent)}) · network median {median}, lowest {lowest} · "
        f"{attention} {'needs' if attention == 1 else 'need'} attention · "
        f"{plural(len(stats.failed_groups), 'failed delivery', 'failed deliveries')}"
    )


def report(stats: ProgramStats, style: Style, digest: bool = False) -> list[Section]:
    """The sections of the report; the digest keeps the headline and the attention list."""
    sections = [Section("Headline", (headline(stats),))]
    if not digest:
        sections.append(Section("Pools", _limited([_pool(p, style) for p in stats.pools], style)))
        sections.append(
            Section("Meeting rate per round", _limited([_rate(r, style) for r in stats.rounds], style))
        )
    sections.append(
        Section("Needs attention", _limited([_attention(a, style) for a in stats.attention], style))
    )
    if not digest:
        failed = [_failed(g, style) for g in stats.failed_groups]
        sections.append(Section("Failed deliveries", _limited(failed, style)))
    return sections


def _limited(lines: Sequence[str], style: Style) -> tuple[str, ...]:
    if not lines:
        return ("none",)
    if style.limit is None or len(lines) <= style.limit:
        return tuple(lines)
    hidden = len(lines) - style.limit
    return (*lines[: style.limit], f"…and {hidden} more{style.more}")


def _day(moment: datetime, style: Style) -> str:
    return f"{moment.astimezone(style.zone):%a %-d %b %Y}"


def _pool(pool: PoolFact, style: Style) -> str:
    """With a round held: how many took part in the last one. Before the first: the people in the channel
    (who the first round pairs), when the surface could ask Slack."""
    when = f"{pool.next_round.astimezone(style.zone):%a %-d %b %Y %H:%M}"
    channel = style.channel(pool.channel_id)
    if pool.participants is not None:
        return f"• {channel} — {plural(pool.participants, 'participant')} · next round {when}"
    people = (
        "" if pool.in_channel is None else f"{plural(pool.in_channel, 'person', 'people')} in the channel, "
    )
    return f"• {channel} — {people}no round yet · first round {when}"


def _rate(rate, style: Style) -> str:
    return (
        f"• {_day(rate.scheduled_for, style)} · {style.channel(rate.pool_channel)} — "
        f"{rate.met}/{rate.groups} met ({percent(rate.met, rate.groups)})"
    )


def _attention(item: Attention, style: Style) -> str:
    last = "never met anyone" if item.last_met is None else f"last met {_day(item.last_met, style)}"
    return f"• {style.person(item.user_id)} — {'; '.join(item.reasons)} ({last})"


def _failed(group: GroupFact, style: Style) -> str:
    who = ", ".join(style.person(u) for u in group.members)
    state = "gave up" if group.failed else "retrying"
    return (
        f"• {_day(group.scheduled_for, style)} · {style.channel(group.pool_channel)} — {who}: "
        f"{style.text(group.last_error or 'unknown error')} ({state})"
    )
