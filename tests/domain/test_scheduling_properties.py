"""The slot rule against a plain local-clock reading of working hours, for random groups across the
world's odd zones (half and quarter hours, UTC+14, UTC-11, southern DST) at random moments of 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.scheduling.model import SLOT, Interval, Member, WorkingHours
from bot.domain.scheduling.slots import LEAD, propose_slots

ZONES = (
    None,
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Honolulu",
    "Pacific/Pago_Pago",
    "Asia/Tokyo",
)
DEFAULT = "Europe/Berlin"
MANY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def hours(draw) -> WorkingHours:
    start = draw(st.integers(5 * 2, 12 * 2))  # half hours: 05:00 to 12:00
    end = draw(st.integers(max(start + 1, 13 * 2), 22 * 2))  # 13:00 to 22:00
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    return WorkingHours(time(start // 2, 30 * (start % 2)), time(end // 2, 30 * (end % 2)), days)


@st.composite
def groups(draw) -> list[Member]:
    size = draw(st.integers(1, 4))
    return [
        Member(f"U{i}", draw(st.sampled_from(ZONES)), draw(st.one_of(st.just(WorkingHours()), hours())))
        for i in range(size)
    ]


moments = st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 24)).map(lambda d: d.replace(tzinfo=UTC))


@st.composite
def busy_times(draw, now: datetime) -> list[Interval]:
    found = []
    for _ in range(draw(st.integers(0, 6))):
        start = now + timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 9)))
        found.append(Interval(start, start + timedelta(minutes=15 * draw(st.integers(1, 4 * 10)))))
    return found


def zone_of(member: Member) -> ZoneInfo:
    return ZoneInfo(member.timezone or DEFAULT)


def inside(start: datetime, member: Member) -> bool:
    """Read off the member's wall clock: a working day, after they start and done by the time they stop."""
    begin, end = start.astimezone(zone_of(member)), (start + SLOT).astimezone(zone_of(member))
    return (
        begin.date() == end.date()
        and begin.weekday() in member.hours.weekdays
        and member.hours.start <= begin.time()
        and end.time() <= member.hours.end
    )


def fifth_working_day(member: Member, earliest: datetime) -> date:
    zone, counted = zone_of(member), []
    day = earliest.astimezone(zone).date()
    while len(counted) < 5:
        ends = datetime.combine(day, member.hours.end, tzinfo=zone)
        if day.weekday() in member.hours.weekdays and ends > earliest:
            counted.append(day)
        day += timedelta(days=1)
    return counted[-1]


def grid(start: datetime, end: datetime) -> list[datetime]:
    found = []
    while start + SLOT <= end:
        found.append(start)
        start += timedelta(minutes=30)
    return found


@MANY
@given(groups(), moments, st.data())
def test_every_slot_is_future_on_the_grid_distinct_and_within_five_working_days(members, now, data):
    busy = data.draw(busy_times(now))
    proposal = propose_slots(members, now, default_zone=DEFAULT, busy=busy)
    starts = [slot.start for slot in proposal.slots]
    assert starts == sorted(set(starts))
    for start in starts:
        assert start >= now + LEAD and start.timestamp() % 1800 == 0
        assert not any(Interval(start, start + SLOT).overlaps(b) for b in busy)
        for member in members:
            assert start.astimezone(zone_of(member)).date() <= fifth_working_day(member, now + LEAD)


@MANY
@given(groups(), moments, st.data())
def test_slots_are_inside_everyones_hours_whenever_enough_such_times_are_free(members, now, data):
    busy = data.draw(busy_times(now))
    proposal = propose_slots(members, now, default_zone=DEFAULT, busy=busy)
    window = grid(proposal.window.start, proposal.window.end)
    common = [s for s in window if all(inside(s, m) for m in members)]
    free = [s for s in common if not any(Interval(s, s + SLOT).overlaps(b) for b in busy)]
    assert proposal.common_hours == bool(common)
    fitting = [slot for slot in proposal.slots if all(inside(slot.start, m) for m in members)]
    assert len(fitting) == min(3, len(free))
    for slot in proposal.slots:
        assert set(slot.outside_hours) == {m.key for m in members if not inside(slot.start, m)}
        assert (slot.minutes_outside == 0) == (not slot.outside_hours)


@settings(max_examples=50, deadline=None)
@given(groups(), moments)
def test_none_of_these_never_offers_a_time_again(members, now):
    first = propose_slots(members, now, default_zone=DEFAULT)
    again = propose_slots(members, now, default_zone=DEFAULT, exclude=[s.start for s in first.slots])
    assert not {s.start for s in first.slots} & {s.start for s in again.slots}
