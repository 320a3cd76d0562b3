"""The one assignment when a matching window closes (the domain's `assign`), and late joiners and mentees
moved on after a decline, a timeout or "not a good fit", one by one against the places left (`assign_one`).

Time zones are looked up first, outside any transaction; then, with the workspace's mentor rows held, the
live loads are read, the plan is made and its pairs stored in one transaction, so two ticks (or a tick and
a press) never give a mentor more mentees than their capacity. The request DMs go out afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.mentoring.assignment import assign, assign_one
from bot.domain.mentoring.schedule import MAX_WINDOW_DAYS, window_closes_at
from bot.services.mentoring.people import (
    as_mentee,
    as_mentor,
    available,
    has_live_pair,
    offsets,
    places_left,
    turned_away,
)
from bot.services.mentoring.ports import MentoringMessenger, Pair, Window
from bot.services.ports import Due, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class WindowChange:
    window: Window | None
    moved: bool = False  # an open window's close was changed, rather than a new one opened
    refusal: str | None = None


def open_window(
    uow: UnitOfWorkFactory, team_id: str, by: str, until: date, timezone: str | None, now: datetime
) -> WindowChange:
    """Open the workspace's matching window until the end of `until`, or move the open one's close."""
    closes_at = window_closes_at(until, timezone)
    if closes_at <= now:
        return WindowChange(None, refusal=f"{until:%-d %B %Y} is over already: choose a day from today on.")
    if (closes_at - now).days > MAX_WINDOW_DAYS:
        return WindowChange(None, refusal=f"Keep the window under {MAX_WINDOW_DAYS} days.")
    with uow() as work:
        current = work.mentoring.open_window_of(team_id)
        if current is not None and work.mentoring.move_window(current.id, closes_at):
            work.due_work.wake(Due.MENTORING_WINDOWS, closes_at)
            work.commit()
            return WindowChange(_closing(current, closes_at), moved=True)
        window = work.mentoring.open_window(team_id, by, closes_at, now)
        if window is None:  # opened at the same moment by someone else
            return WindowChange(None, refusal="A matching window was opened at the same moment: try again.")
        work.due_work.wake(Due.MENTORING_WINDOWS, closes_at)
        work.due_work.wake(Due.INVITATIONS, now)  # the workspace runs mentor matching from now on
        work.commit()
    return WindowChange(window)


def _closing(window: Window, closes_at: datetime) -> Window:
    return Window(window.id, window.team_id, window.opened_by, window.opened_at, closes_at, window.closed_at)


def close_due_windows(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """Assign everyone waiting in each workspace whose window closed; returns the pairs proposed."""
    with uow() as work:
        due = work.mentoring.due_windows(now)
    proposed = 0
    for window in due:
        zones = _zones_for_team(uow, messenger_for(window.team_id), window.team_id)
        with uow() as work:
            if not work.mentoring.claim_close(window.id, now):
                continue
            pairs = _assign_everyone(work, window.team_id, zones, now)
            work.mentoring.record_assigned(window.id, len(pairs))
            work.commit()
        proposed += len(pairs)
    return proposed


def _zones_for_team(
    uow: UnitOfWorkFactory, messenger: MentoringMessenger, team_id: str
) -> dict[str, int | None]:
    with uow() as work:
        people = [m.user_id for m in available(work.mentoring.mentors(team_id))]
        people += [m.user_id for m in work.mentoring.waiting(team_id)]
    return offsets(messenger, people)


def _assign_everyone(
    work: UnitOfWork, team_id: str, zones: dict[str, int | None], now: datetime
) -> list[Pair]:
    records = available(work.mentoring.hold_mentors(team_id, now))
    waiting = work.mentoring.waiting(team_id)
    exclude = {(m.user_id, mentor) for m in waiting for mentor in turned_away(work, team_id, m.user_id)}
    plan = assign(
        [as_mentee(work, m, zones) for m in waiting],
        [as_mentor(work, r, zones) for r in records],
        taken=work.mentoring.loads(team_id),
        exclude=exclude,
    )
    pairs = [p for a in plan.assignments if (p := work.mentoring.add_pair(team_id, a, now)) is not None]
    work.mentoring.mark_unmatched(team_id, plan.unmatched, now)
    wake_for_pairs(work, pairs, plan.unmatched, now)
    return pairs


def wake_for_pairs(work: UnitOfWork, pairs: list[Pair], unmatched: Collection[str], now: datetime) -> None:
    """Pairs proposed: their requests are due; mentees left unmatched: they are to be told."""
    if pairs:
        work.due_work.wake(Due.MENTOR_REQUESTS, now)
    if unmatched:
        work.due_work.wake(Due.UNMATCHED, now)


def match_late(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], MentoringMessenger], now: datetime
) -> int:
    """In workspaces whose latest window has closed, match each mentee still waiting who can be matched
    now; returns the pairs proposed."""
    with uow() as work:
        teams = [w.team_id for w in work.mentoring.latest_windows() if w.closed_at is not None]
    return sum(len(match_waiting(uow, messenger_for(team_id), team_id, now)) for team_id in teams)


def match_waiting(
    uow: UnitOfWorkFactory,
    messenger: MentoringMessenger,
    team_id: str,
    now: datetime,
    only: str | None = None,
) -> list[Pair]:
    """One by one, each waiting mentee (or only `only`) who has a mentor with room they may have."""
    with uow() as work:
        records = work.mentoring.mentors(team_id)
        places = places_left(work, team_id, records)
        ready = [
            m.user_id
            for m in work.mentoring.waiting(team_id)
            if (only is None or m.user_id == only) and _may_match(work, team_id, m.user_id, places)
        ]
        stuck = [m.user_id for m in work.mentoring.waiting(team_id) if m.user_id not in ready]
        if only is not None:
            stuck = [u for u in stuck if u == only]
        work.mentoring.mark_unmatched(team_id, stuck, now)
        wake_for_pairs(work, [], stuck, now)
        work.commit()
    if not ready:
        return []
    zones = offsets(messenger, [*ready, *places])
    made = []
    for mentee_id in ready:
        pair = _assign_one(uow, team_id, mentee_id, zones, now)
        if pair is not None:
            made.append(pair)
    return made


def _may_match(work: UnitOfWork, team_id: str, mentee_id: str, places: dict[str, int]) -> bool:
    """Whether a mentor with room is one this mentee may have, decided without any Slack lookup."""
    record = work.mentoring.mentee(team_id, mentee_id)
    if record is None:
        return False
    refused = turned_away(work, team_id, mentee_id)
    if any(choice in places and choice not in refused for choice in record.choices):
        return True
    moved_on = bool(refused)  # after a decline, a timeout or an ending: the best fit left
    return (record.open_to_any or moved_on) and any(m not in refused and m != mentee_id for m in places)


def _assign_one(
    uow: UnitOfWorkFactory, team_id: str, mentee_id: str, zones: dict[str, int | None], now: datetime
) -> Pair | None:
    with uow() as work:
        records = available(work.mentoring.hold_mentors(team_id, now))
        record = work.mentoring.mentee(team_id, mentee_id)
        if record is None or has_live_pair(work, team_id, mentee_id):
            return None
        refused = turned_away(work, team_id, mentee_id)
        chosen = assign_one(
            as_mentee(work, record, zones),
            [as_mentor(work, r, zones) for r in records if r.user_id != mentee_id],
            taken=work.mentoring.loads(team_id),
            declined=refused,
            any_mentor=bool(refused),
        )
        pair = work.mentoring.add_pair(team_id, chosen, now) if chosen is not None else None
        if pair is None:
            work.mentoring.mark_unmatched(team_id, [mentee_id], now)
        wake_for_pairs(work, [pair] if pair else [], [] if pair else [mentee_id], now)
        work.commit()
    return pair
