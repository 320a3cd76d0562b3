"""When Rapport's due work falls due between two moments, so a clock move runs it at each of them.

`rapport run` runs the due work every minute; a sandbox move of a week cannot (a tick costs tens of
milliseconds), and running it once at the end skips whatever was due only for a while (a day-before
reminder, an hour-before one) and runs the rest late, in the wrong order. Between two moments listed
here no rule of the due work changes its answer, so ticking at each of them does what ticking every
minute would. The list may hold moments where nothing is due (a tick then does nothing); it must miss
none. It is the sandbox's stand-in until the jobs can say when each is next due (issue 26):

- 09:00 local on working days, in every time zone of the workspace and UTC: morning work (nudges,
  catch-ups, recaps, alumni reminders, update prompts and notices, digests, day-before reminders) and
  whatever waited out quiet hours starts then (`WORK_START`);
- every moment stored in the database that lies ahead (nudges' `due_at`, snoozes, deferred checks, an
  event's start: its tables);
- moments the rules derive from stored ones: an event's hour-before reminder and its end (who-met), a
  coffee pool's slots with their heads-up, check-in, re-ask and end, an open ask's nudge and expiry, an
  introduction's expiry, retry and "met after".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select, union_all
from sqlalchemy.orm import Session

from bot.domain.coffee.schedule import checkin_at, heads_up_at, reask_at, round_end, upcoming_slot
from bot.domain.events import day_before_at
from bot.domain.help.asks import AskStatus, expires_at, nudge_due_at
from bot.domain.introductions import ANSWER_WINDOW, MET_AFTER, RETRY_AFTER
from bot.domain.time import is_working_day, next_send_time, working_morning_of
from bot.services.events.ports import EventStatus
from storage.base import UTCDateTime
from storage.events.models import EventRow
from storage.help.models import AskRow
from storage.introductions.models import IntroductionRow
from storage.schema import metadata

if TYPE_CHECKING:
    from bot.runtime import Runtime

HOUR_BEFORE = timedelta(hours=1)  # bot/domain/events.due_reminders
LOOK_BACK = timedelta(days=60)  # rows older than this derive nothing ahead (the longest: a monthly round)


def due_moments(
    runtime: Runtime, engine: Engine, zone_of: Mapping[str, str | None], start: datetime, end: datetime
) -> list[datetime]:
    """Every moment in (start, end] at which some due work may change, sorted; `end` is always one.

    `zone_of` gives each person's time zone (user ID → IANA name), as Slack would.
    """
    found: set[datetime] = {end}
    found.update(_mornings(zone_of.values(), start, end))
    with Session(engine) as session:
        found.update(_stored(session, start, end))
        found.update(_events(session, set(zone_of.values()), start))
        found.update(_asks(session, zone_of))
        found.update(_introductions(session, start))
    found.update(_coffee(runtime, start, end))
    return sorted(m for m in found if start < m <= end)


def _mornings(zones: Iterable[str | None], start: datetime, end: datetime) -> Iterator[datetime]:
    day, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    while day <= last:
        if is_working_day(day):
            yield from (working_morning_of(day, zone) for zone in {*zones, None})
        day += timedelta(days=1)


def _stored(session: Session, start: datetime, end: datetime) -> list[datetime]:
    """Every datetime any table holds between start and end: what is scheduled ahead."""
    columns = [c for t in metadata.sorted_tables for c in t.columns if isinstance(c.type, UTCDateTime)]
    ahead = [select(c.label("at")).where(c > start, c <= end) for c in columns]
    return [at for (at,) in session.execute(union_all(*ahead))] if ahead else []


def _events(session: Session, zones: set[str | None], start: datetime) -> Iterator[datetime]:
    """The day-before briefing (09:00 the day before, weekends too), the hour-before reminder, the tables
    at the start, and "who did you meet?" once the event is over, in every zone."""
    rows = session.execute(
        select(EventRow.starts_at, EventRow.duration_minutes).where(
            EventRow.status == EventStatus.SCHEDULED.value, EventRow.starts_at > start - LOOK_BACK
        )
    )
    for starts_at, minutes in rows:
        ends_at = starts_at + timedelta(minutes=minutes)
        yield from (starts_at - HOUR_BEFORE, starts_at, ends_at)
        for zone in {*zones, None}:
            yield from (day_before_at(starts_at, zone), next_send_time(ends_at, zone))


def _asks(session: Session, zone_of: Mapping[str, str | None]) -> Iterator[datetime]:
    """An open ask's nudge (3 working days on, in the asker's zone) and its expiry."""
    rows = session.execute(
        select(AskRow.created_at, AskRow.asker_id).where(AskRow.status == AskStatus.OPEN.value)
    )
    for created, asker in rows:
        yield from (nudge_due_at(created, zone_of.get(asker)), expires_at(created))


def _introductions(session: Session, start: datetime) -> Iterator[datetime]:
    row = IntroductionRow
    found = session.execute(
        select(row.created_at, row.a_tried_at, row.b_tried_at, row.closed_at).where(
            row.meeting_recorded_at.is_(None), row.created_at > start - LOOK_BACK
        )
    )
    for moments in found:
        for moment in filter(None, moments):
            yield from (moment + ANSWER_WINDOW, moment + RETRY_AFTER, moment + MET_AFTER)


def _coffee(runtime: Runtime, start: datetime, end: datetime) -> Iterator[datetime]:
    """Each pool's open rounds and slots to come, with their heads-up, check-in, re-ask and end."""
    with runtime.unit_of_work() as work:
        pools = [(pool, work.rounds.latest(pool.id)) for pool in work.pools.all()]
        open_rounds = work.rounds.open_rounds()
    for pool, latest in pools:
        assert pool.created_at is not None
        frequency = pool.schedule.frequency
        slots = [r.scheduled_for for r in open_rounds if r.pool_id == pool.id]
        slots += [latest.scheduled_for] if latest else []
        slot = upcoming_slot(pool.schedule, latest.scheduled_for if latest else None, pool.created_at, start)
        while slot <= end + timedelta(days=1):
            slots.append(slot)
            slot = upcoming_slot(pool.schedule, slot, pool.created_at, slot)
        for s in slots:
            yield from (heads_up_at(s), s, checkin_at(s, frequency, pool.checkin_after_days),
                        reask_at(s, frequency), round_end(s, frequency))  # fmt: skip
