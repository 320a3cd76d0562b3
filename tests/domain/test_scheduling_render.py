"""A slot in each person's local time."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.scheduling.hours import resolve
from bot.domain.scheduling.model import Member, Slot, WorkingHours
from bot.domain.scheduling.render import (
    in_each_zone,
    local_span,
    local_when,
    slot_line,
    utc_offset,
    your_time,
)
from bot.domain.scheduling.slots import propose_slots

SLOT = Slot(datetime(2026, 1, 13, 14, 0, tzinfo=UTC))  # a Tuesday


def test_local_time_reads_day_date_and_time_in_english_whatever_the_locale():
    assert local_when(SLOT.start, ZoneInfo("Europe/Berlin")) == "Tue 13 Jan, 15:00"
    assert local_span(SLOT, ZoneInfo("Asia/Kolkata")) == "Tue 13 Jan, 19:30-20:00"
    assert local_span(SLOT, ZoneInfo("Pacific/Kiritimati")) == "Wed 14 Jan, 04:00-04:30"


def test_offsets_follow_daylight_saving_and_half_hours():
    assert utc_offset(SLOT.start, ZoneInfo("Asia/Kolkata")) == "UTC+5:30"
    assert utc_offset(SLOT.start, ZoneInfo("Pacific/Honolulu")) == "UTC-10"
    assert utc_offset(SLOT.start, ZoneInfo("Europe/London")) == "UTC"
    assert utc_offset(datetime(2026, 7, 1, tzinfo=UTC), ZoneInfo("Europe/London")) == "UTC+1"
    assert utc_offset(SLOT.start, ZoneInfo("Asia/Kathmandu")) == "UTC+5:45"


def test_one_line_names_who_sees_which_time():
    proposal = propose_slots(
        [Member("U1", "Europe/Berlin"), Member("U2", "Europe/Paris"), Member("U3", "Asia/Kolkata")],
        datetime(2026, 1, 12, 6, 0, tzinfo=UTC),
    )
    line = slot_line(SLOT, proposal.attendees, {"U1": "<@U1>", "U2": "<@U2>", "U3": "<@U3>"})
    assert line == (
        "Tue 13 Jan, 15:00-15:30 (UTC+1) for <@U1> and <@U2> · Tue 13 Jan, 19:30-20:00 (UTC+5:30) for <@U3>"
    )
    groups = in_each_zone(SLOT, proposal.attendees)
    assert [g.keys for g in groups] == [("U1", "U2"), ("U3",)]


def test_everyone_on_one_clock_gets_one_time_and_outside_hours_is_said():
    proposal = propose_slots(
        [Member("U1", "Asia/Kolkata"), Member("U2", "Pacific/Honolulu")],
        datetime(2026, 1, 5, 7, 0, tzinfo=UTC),
    )
    slot = proposal.slots[0]
    line = slot_line(slot, proposal.attendees, {"U1": "Ana"})
    assert line == (
        "Tue 6 Jan, 08:30-09:00 (UTC+5:30) for Ana (outside working hours)"
        " · Mon 5 Jan, 17:00-17:30 (UTC-10) for U2 (outside working hours)"
    )
    pair = [Member("U1", "Europe/Rome"), Member("U2", "Europe/Rome", WorkingHours(time(12, 0), time(18, 0)))]
    early = Slot(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), ("U2",), 60)  # 11:00 in Rome: before U2 starts
    assert slot_line(early, resolve(pair, "UTC"), {"U2": "Ben"}) == (
        "Mon 5 Jan, 11:00-11:30 (UTC+1) (outside working hours for Ben)"
    )
    same = propose_slots([Member("U1", "Europe/Rome")], datetime(2026, 1, 5, 6, 0, tzinfo=UTC))
    assert slot_line(same.slots[0], same.attendees, {}) == "Mon 5 Jan, 09:00-09:30 (UTC+1)"
    assert your_time(same.slots[0], same.attendees[0]) == "Mon 5 Jan, 09:00-09:30 (your time)"
