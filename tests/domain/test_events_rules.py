"""Events' pure rules: the form, the waitlist, when reminders are due, the briefing, tables, links."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlparse

from bot.domain.coffee.matching import Candidate, MatchingHistory
from bot.domain.events import (
    Answer,
    Attendee,
    EventForm,
    Reminder,
    answer_for_going,
    calendar_links,
    check_event,
    draft_pitch,
    due_reminders,
    late_table,
    people_to_look_for,
    seat_tables,
)
from bot.domain.people.person import Role

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # a Monday
LA, LONDON = "America/Los_Angeles", "Europe/London"


def form(**changes: object) -> EventForm:
    base = {
        "title": "Mixer",
        "start_date": date(2026, 6, 3),
        "start_time": "17:00",
        "duration": "",
        "channel_id": "C1",
        "table_size": "",
    }
    return EventForm(**{**base, **changes})  # type: ignore[arg-type]


def test_a_good_form_starts_in_the_creators_zone_with_the_defaults():
    plan, errors = check_event(form(), LA, NOW)
    assert errors == {} and plan is not None
    assert plan.starts_at == datetime(2026, 6, 4, 0, 0, tzinfo=UTC)  # 17:00 PDT
    assert plan.duration_minutes == 60 and plan.table_size == 4 and plan.capacity is None


def test_each_bad_field_gets_its_own_error():
    cases = {
        "start_date": form(start_date=date(2026, 5, 1)),
        "capacity": form(capacity="1"),
        "title": form(title="  "),
        "duration": form(duration="0"),
        "table_size": form(table_size="9"),  # a table is a group DM: at most 8 people
        "channel": form(channel_id=None),
        "start_time": form(start_time="soon"),
    }
    for field, bad in cases.items():
        plan, errors = check_event(bad, LA, NOW)
        assert plan is None and set(errors) == {field}, (field, errors)
    assert set(check_event(form(capacity="two"), None, NOW)[1]) == {"capacity"}
    assert check_event(form(table_size="8"), LA, NOW)[0] is not None


def test_going_is_a_place_while_there_is_room_then_the_waitlist():
    assert answer_for_going(0, None) is Answer.GOING
    assert answer_for_going(1, 2) is Answer.GOING
    assert answer_for_going(2, 2) is Answer.WAITLIST


def test_the_day_before_reminder_is_at_nine_local_in_los_angeles_and_london():
    starts = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)
    ends = datetime(2026, 6, 3, 19, 0, tzinfo=UTC)
    la_nine = datetime(2026, 6, 2, 16, 0, tzinfo=UTC)  # 09:00 PDT on 2 June
    london_nine = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)  # 09:00 BST on 2 June
    none: frozenset[Reminder] = frozenset()
    assert due_reminders(starts, ends, LA, la_nine, none) == [Reminder.DAY_BEFORE]
    assert due_reminders(starts, ends, LA, london_nine, none) == []
    assert due_reminders(starts, ends, LONDON, london_nine, none) == [Reminder.DAY_BEFORE]
    assert due_reminders(starts, ends, LONDON, london_nine, frozenset({Reminder.DAY_BEFORE})) == []
    on_the_day = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)  # 11:00 in London: "tomorrow" would be wrong
    assert due_reminders(starts, ends, LONDON, on_the_day, none) == []


def test_one_hour_before_and_after_the_end_outside_quiet_hours():
    starts = datetime(2026, 6, 3, 15, 0, tzinfo=UTC)  # 16:00 in London
    ends = datetime(2026, 6, 3, 16, 0, tzinfo=UTC)
    none: frozenset[Reminder] = frozenset()
    assert due_reminders(starts, ends, LONDON, datetime(2026, 6, 3, 14, 0, tzinfo=UTC), none) == [
        Reminder.HOUR_BEFORE
    ]
    assert due_reminders(starts, ends, LONDON, datetime(2026, 6, 3, 15, 30, tzinfo=UTC), none) == []
    assert due_reminders(starts, ends, LONDON, ends, none) == [Reminder.WHO_MET]
    late_end = datetime(2026, 6, 3, 20, 0, tzinfo=UTC)  # 21:00 in London: quiet hours
    assert due_reminders(starts, late_end, LONDON, late_end, none) == []
    next_morning = datetime(2026, 6, 4, 8, 0, tzinfo=UTC)
    assert due_reminders(starts, late_end, LONDON, next_morning, none) == [Reminder.WHO_MET]


def test_people_to_look_for_are_new_faces_seniors_from_other_teams_first():
    me = Attendee("U1", Role.INTERN, "Payments")
    others = [
        Attendee("U2", Role.INTERN, "Design"),
        Attendee("U3", Role.COLLEAGUE, "Payments"),
        Attendee("U4", Role.MENTOR, "Data", "Fraud models"),
        Attendee("U5", Role.COLLEAGUE, "Design"),
        Attendee("U6", Role.COLLEAGUE, "Data"),
        Attendee("U1", Role.INTERN, "Payments"),
    ]
    chosen = people_to_look_for(me, others, frozenset({"U6"}))
    assert [p.user_id for p in chosen] == ["U4", "U5", "U3"]


def test_the_drafted_pitch_is_two_or_three_sentences_from_the_profile():
    pitch = draft_pitch("Amara", "Payments", "fraud models.", ("rust", "climbing", "chess", "go"))
    assert pitch == (
        "Hi, I'm Amara, an intern on the Payments team. Right now I'm working on fraud models. "
        "I'd love to learn more about rust, climbing and chess."
    )
    assert draft_pitch("Ben", None, None, ()).count(".") == 2


def test_tables_hold_about_the_size_and_put_fresh_pairs_together():
    people = [
        Candidate(f"U{i}", Role.INTERN if i % 2 else Role.COLLEAGUE, f"T{i % 3}", None) for i in range(10)
    ]
    history = MatchingHistory(last_met={}, exclusions=frozenset(), organiser_counts={})
    tables = seat_tables(people, 4, history, random.Random(7))
    assert len(tables) == 3 and sorted(len(t) for t in tables) == [3, 3, 4]
    assert sorted(u for t in tables for u in t) == sorted(p.user_id for p in people)
    assert seat_tables(people[:1], 4, history, random.Random(7)) == []
    assert seat_tables(people, 4, history, random.Random(7)) == tables  # the same seed, the same tables


def test_a_late_arrival_joins_the_smallest_table_or_starts_table_one():
    assert late_table({1: 3, 2: 2, 3: 2}) == 2
    assert late_table({1: 3, 2: 3, 3: 1}) == 3
    assert late_table({}) == 1  # nobody was seated at the start


def test_calendar_links_are_public_templates_in_utc():
    starts, ends = datetime(2026, 6, 3, 21, 0, tzinfo=UTC), datetime(2026, 6, 3, 22, 0, tzinfo=UTC)
    google, outlook = calendar_links("Mixer & more", "x" * 2000, "Roof", starts, ends)
    query = parse_qs(urlparse(google).query)
    assert query["text"] == ["Mixer & more"] and query["dates"] == ["20260603T210000Z/20260603T220000Z"]
    assert len(query["details"][0]) == 500
    assert parse_qs(urlparse(outlook).query)["startdt"] == ["2026-06-03T21:00:00Z"]
    assert len(google) < 3000 and len(outlook) < 3000  # a URL button's limit


def test_calendar_links_fit_slacks_url_limit_whatever_the_text():
    starts, ends = datetime(2026, 6, 3, 21, 0, tzinfo=UTC), datetime(2026, 6, 3, 22, 0, tzinfo=UTC)
    title, where, details = "🎉" * 150, "📍" * 200, "✨🎈" * 500  # 12 characters an emoji, encoded
    for url in calendar_links(title, details, where, starts, ends):
        assert len(url) <= 3000
        query = parse_qs(urlparse(url).query, strict_parsing=True)
        assert query.get("dates") or query.get("startdt")
    google = parse_qs(urlparse(calendar_links(title, details, where, starts, ends)[0]).query)
    assert google["text"] == [title]  # the details and the place gave way first
    assert "details" not in google or google["details"][0].endswith("…")
