"""Which three times Rapport proposes (5 January 2026 is a Monday; DST starts 8 March in New York and
29 March in Berlin)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.domain.scheduling.model import Interval, Member, WorkingHours
from bot.domain.scheduling.slots import LEAD, pencil_in, propose_slots

LONDON, BERLIN, NEW_YORK = "Europe/London", "Europe/Berlin", "America/New_York"
KOLKATA, HONOLULU, KIRITIMATI, TOKYO, AUCKLAND = (
    "Asia/Kolkata",
    "Pacific/Honolulu",
    "Pacific/Kiritimati",
    "Asia/Tokyo",
    "Pacific/Auckland",
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def starts(proposal) -> list[datetime]:
    return [slot.start for slot in proposal.slots]


def local(moment: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).strftime("%a %H:%M")


PAIR = [Member("U1", LONDON), Member("U2", LONDON)]


def test_three_slots_on_three_days_alternating_morning_and_afternoon():
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 7, 0))
    assert starts(proposal) == [utc(2026, 1, 5, 9, 0), utc(2026, 1, 6, 12, 0), utc(2026, 1, 7, 9, 0)]
    assert proposal.common_hours and proposal.within_hours
    assert proposal.assumed_zone == ()


def test_the_first_slot_is_two_hours_away_on_the_next_half_hour():
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 9, 10))
    assert starts(proposal)[0] == utc(2026, 1, 5, 11, 30)
    assert all(start >= utc(2026, 1, 5, 9, 10) + LEAD for start in starts(proposal))


def test_on_friday_evening_the_five_working_days_are_next_week():
    proposal = propose_slots(PAIR, utc(2026, 1, 9, 18, 0))
    assert proposal.window.end == utc(2026, 1, 17, 0, 0)  # the end of Friday 16 January
    assert starts(proposal) == [utc(2026, 1, 12, 9, 0), utc(2026, 1, 13, 12, 0), utc(2026, 1, 14, 9, 0)]


def test_on_monday_morning_the_five_working_days_end_on_friday():
    assert propose_slots(PAIR, utc(2026, 1, 5, 7, 0)).window.end == utc(2026, 1, 10, 0, 0)


def test_busy_time_is_avoided():
    busy = [
        Interval(utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 12, 0)),
        Interval(utc(2026, 1, 6), utc(2026, 1, 7)),
    ]
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 7, 0), busy=busy)
    assert starts(proposal) == [utc(2026, 1, 5, 12, 0), utc(2026, 1, 7, 9, 0), utc(2026, 1, 8, 9, 0)]
    assert not any(slot.interval.overlaps(b) for slot in proposal.slots for b in busy)


def test_a_slot_may_start_when_a_busy_time_ends():
    busy = [Interval(utc(2026, 1, 5, 8, 0), utc(2026, 1, 5, 9, 30))]
    assert starts(propose_slots(PAIR, utc(2026, 1, 5, 7, 0), busy=busy))[0] == utc(2026, 1, 5, 9, 30)


def test_none_of_these_offers_other_days_and_the_other_half_of_the_day():
    first = propose_slots(PAIR, utc(2026, 1, 5, 7, 0))
    again = propose_slots(PAIR, utc(2026, 1, 5, 7, 30), exclude=starts(first))
    assert starts(again) == [utc(2026, 1, 5, 12, 0), utc(2026, 1, 8, 12, 0), utc(2026, 1, 9, 9, 0)]
    assert not set(starts(again)) & set(starts(first))


def test_new_york_and_berlin_meet_in_new_yorks_morning():
    proposal = propose_slots([Member("U1", NEW_YORK), Member("U2", BERLIN)], utc(2026, 1, 5, 7, 0))
    for start in starts(proposal):
        assert time(14, 0) <= start.time() < time(16, 0)  # 09:00-11:00 in New York, 15:00-17:00 in Berlin
    assert len({start.date() for start in starts(proposal)}) == 3


@pytest.mark.parametrize(
    ("monday", "first"),
    [
        (utc(2026, 3, 2, 7, 0), utc(2026, 3, 2, 14, 0)),  # both on winter time: 6 hours apart
        (utc(2026, 3, 9, 7, 0), utc(2026, 3, 9, 13, 0)),  # New York on summer time, Berlin not: 5 hours
        (utc(2026, 3, 30, 7, 0), utc(2026, 3, 30, 13, 0)),  # both on summer time: 6 hours again
    ],
)
def test_new_york_and_berlin_around_their_march_changes(monday, first):
    members = [Member("U1", NEW_YORK), Member("U2", BERLIN)]
    slot = pencil_in(members, monday)
    assert slot is not None and slot.start == first
    assert local(slot.start, NEW_YORK) == "Mon 09:00"


def test_a_window_across_new_yorks_change_keeps_nine_oclock_in_new_york():
    members = [Member("U1", NEW_YORK), Member("U2", NEW_YORK)]
    busy = [Interval(utc(2026, 3, 5, 14, 0), utc(2026, 3, 5, 14, 30))]  # Thursday 09:00 taken
    proposal = propose_slots(members, utc(2026, 3, 5, 11, 0), busy=busy)
    assert [local(s, NEW_YORK) for s in starts(proposal)] == ["Thu 09:30", "Fri 12:00", "Mon 09:00"]
    assert starts(proposal)[2] == utc(2026, 3, 9, 13, 0)  # 09:00 EDT


def test_working_hours_lost_when_clocks_go_forward_are_simply_not_there():
    """02:00-03:00 does not exist in New York on Sunday 8 March 2026."""
    night_owl = WorkingHours(time(2, 0), time(3, 0), frozenset(range(7)))
    proposal = propose_slots([Member("U1", NEW_YORK, night_owl)], utc(2026, 3, 7, 12, 0))
    assert [local(s, NEW_YORK) for s in starts(proposal)] == ["Mon 02:00", "Tue 02:00", "Wed 02:00"]


def test_kolkata_half_hour_offset_keeps_slots_on_the_local_half_hour():
    proposal = propose_slots([Member("U1", LONDON), Member("U2", KOLKATA)], utc(2026, 1, 5, 6, 0))
    assert proposal.within_hours
    assert [local(s, KOLKATA) for s in starts(proposal)] == ["Mon 14:30", "Tue 14:30", "Wed 14:30"]


def test_kiritimati_and_honolulu_share_the_clock_a_day_apart():
    """UTC+14 and UTC-10 are 24 hours apart: the same working hours, Tuesday to Friday and Monday to
    Thursday. They overlap."""
    proposal = propose_slots([Member("U1", KIRITIMATI), Member("U2", HONOLULU)], utc(2026, 1, 5, 7, 0))
    assert proposal.common_hours and proposal.within_hours
    for start in starts(proposal):
        there, here = local(start, KIRITIMATI), local(start, HONOLULU)
        assert there[4:] == here[4:]
        assert (there[:3], here[:3]) in {("Tue", "Mon"), ("Wed", "Tue"), ("Thu", "Wed"), ("Fri", "Thu")}


def test_kolkata_and_honolulu_never_overlap_so_the_least_bad_hour_is_offered():
    """Honolulu's day ends at 03:00 UTC, Kolkata's starts at 03:30: 30 minutes apart, so a 30-minute
    meeting stretches someone's day by an hour in all."""
    proposal = propose_slots([Member("U1", KOLKATA), Member("U2", HONOLULU)], utc(2026, 1, 5, 7, 0))
    assert not proposal.common_hours and not proposal.within_hours
    assert [slot.minutes_outside for slot in proposal.slots] == [60, 60, 60]
    assert len({start.date() for start in starts(proposal)}) == 3


def test_tokyo_and_new_york_share_the_stretch():
    proposal = propose_slots([Member("U1", TOKYO), Member("U2", NEW_YORK)], utc(2026, 1, 5, 7, 0))
    assert not proposal.common_hours
    assert [local(s, TOKYO) for s in starts(proposal)] == ["Tue 07:30", "Wed 07:30", "Thu 07:30"]
    assert [local(s, NEW_YORK) for s in starts(proposal)] == ["Mon 17:30", "Tue 17:30", "Wed 17:30"]
    assert all(slot.outside_hours == ("U1", "U2") for slot in proposal.slots)


def test_least_bad_times_are_never_at_night_when_a_daytime_one_exists():
    """London ends at 17:00 UTC and Auckland starts at 20:00 UTC: 17:00 UTC stretches the pair as little
    as 18:00 does, but is 06:00 in Auckland."""
    proposal = propose_slots([Member("U1", LONDON), Member("U2", AUCKLAND)], utc(2026, 1, 5, 7, 0))
    for start in starts(proposal):
        for zone in (LONDON, AUCKLAND):
            assert "07:00" <= local(start, zone)[4:] < "22:00"
    assert local(starts(proposal)[0], AUCKLAND) == "Tue 07:00"


def test_a_member_without_a_time_zone_gets_the_workspace_default_and_is_flagged():
    members = [Member("U1", BERLIN), Member("U2", None), Member("U3", "Mars/Olympus"), Member("U4", "../etc")]
    proposal = propose_slots(members, utc(2026, 1, 5, 6, 0), default_zone=BERLIN)
    assert proposal.assumed_zone == ("U2", "U3", "U4")
    assert {str(a.zone) for a in proposal.attendees} == {BERLIN}
    assert [local(s, BERLIN) for s in starts(proposal)] == ["Mon 09:00", "Tue 12:00", "Wed 09:00"]


def test_an_unusable_workspace_default_is_utc():
    proposal = propose_slots([Member("U1", None)], utc(2026, 1, 5, 6, 0), default_zone="Nowhere/Land")
    assert str(proposal.attendees[0].zone) == "UTC"


def test_a_members_own_hours_and_days_are_kept():
    late = WorkingHours(time(13, 0), time(15, 0), frozenset({1, 3}))  # Tuesday and Thursday afternoons
    proposal = propose_slots([Member("U1", LONDON), Member("U2", LONDON, late)], utc(2026, 1, 5, 7, 0))
    assert [local(s, LONDON) for s in starts(proposal)] == ["Tue 13:00", "Tue 13:30", "Thu 13:00"]


def test_pencil_it_in_takes_the_first_common_slot():
    slot = pencil_in([Member("U1", NEW_YORK), Member("U2", BERLIN)], utc(2026, 1, 5, 7, 0))
    assert slot is not None and slot.start == utc(2026, 1, 5, 14, 0)


def test_pencil_it_in_has_nothing_when_every_time_is_busy():
    everything = [Interval(utc(2026, 1, 1), utc(2026, 2, 1))]
    assert pencil_in(PAIR, utc(2026, 1, 5, 7, 0), busy=everything) is None
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 7, 0), busy=everything)
    assert proposal.slots == () and proposal.common_hours


def test_when_common_hours_are_all_busy_the_least_bad_free_times_come_flagged():
    working_week = [Interval(utc(2026, 1, d, 9, 0), utc(2026, 1, d, 17, 0)) for d in range(5, 10)]
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 7, 0), busy=working_week)
    assert proposal.common_hours and not proposal.within_hours
    assert [local(s, LONDON) for s in starts(proposal)] == ["Mon 17:00", "Tue 08:30", "Wed 08:30"]


def test_one_free_slot_left_is_offered_alone():
    free = Interval(utc(2026, 1, 6, 10, 0), utc(2026, 1, 6, 10, 30))
    busy = [Interval(utc(2026, 1, 1), free.start), Interval(free.end, utc(2026, 2, 1))]
    assert starts(propose_slots(PAIR, utc(2026, 1, 5, 7, 0), busy=busy)) == [free.start]


def test_the_same_member_twice_counts_once_and_a_member_who_left_is_simply_not_passed():
    proposal = propose_slots([Member("U1", LONDON), Member("U1", TOKYO)], utc(2026, 1, 5, 7, 0))
    assert [a.key for a in proposal.attendees] == ["U1"] and str(proposal.attendees[0].zone) == LONDON
    with pytest.raises(ValueError, match="at least one member"):
        propose_slots([], utc(2026, 1, 5, 7, 0))


def test_naive_datetimes_are_refused():
    for call in (
        lambda: propose_slots(PAIR, datetime(2026, 1, 5, 7, 0)),
        lambda: propose_slots(PAIR, utc(2026, 1, 5, 7, 0), exclude=[datetime(2026, 1, 5, 10, 0)]),
        lambda: Interval(datetime(2026, 1, 5), datetime(2026, 1, 6)),
    ):
        with pytest.raises(ValueError, match="timezone-aware"):
            call()


def test_working_hours_are_checked():
    with pytest.raises(ValueError, match="30 minutes after"):
        WorkingHours(time(17, 0), time(9, 0))
    with pytest.raises(ValueError, match="working days"):
        WorkingHours(weekdays=frozenset({7}))
    with pytest.raises(ValueError, match="whole minutes"):
        WorkingHours(time(9, 0, 30), time(17, 0))


def test_asking_for_more_slots_spreads_them_over_every_day_first():
    proposal = propose_slots(PAIR, utc(2026, 1, 5, 7, 0), count=6)
    assert len(proposal.slots) == 6
    assert len({start.date() for start in starts(proposal)}) == 5
    assert starts(proposal)[-1] - starts(proposal)[0] < timedelta(days=5)
