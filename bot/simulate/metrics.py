"""What only a simulated program can measure: when the attention list flagged whom, and the messages the
fake Slack delivered to each person. Pure functions over plain values, so each is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Flag:
    """An intern came onto the attention list at `flagged_at`, having last met someone at `last_met`."""

    user_id: str
    flagged_at: datetime
    last_met: datetime | None


def days_quiet(flag: Flag, start: datetime) -> float:
    """How long the intern had gone without a meeting (since the start if never) when flagged."""
    return (flag.flagged_at - (flag.last_met or start)) / timedelta(days=1)


def new_flags(before: set[str], listed: Iterable[tuple[str, datetime | None]], now: datetime) -> list[Flag]:
    """The interns on today's list who were not on the previous one."""
    return [Flag(user, now, last) for user, last in listed if user not in before]


def deliveries_per_person(
    calls: Iterable[tuple[str, Mapping[str, object]]],
    members_of: Mapping[str, Sequence[str]],
    people: set[str],
) -> dict[str, int]:
    """Messages each person received directly: posts to a DM or group DM they are in, and ephemerals.

    `calls` are (method, arguments) of Slack calls that succeeded; `members_of` maps a conversation to its
    members. Posts to public channels are not counted: nobody is notified of those one by one.
    """
    count = dict.fromkeys(people, 0)
    for method, args in calls:
        channel = str(args.get("channel", ""))
        if method == "chat.postEphemeral":
            receivers: Sequence[str] = [str(args.get("user", ""))]
        elif method in ("chat.postMessage", "chat.scheduleMessage"):
            receivers = [channel] if channel in people else members_of.get(channel, ())
        else:
            continue
        for person in receivers:
            if person in count:
                count[person] += 1
    return count
