"""Sharing updates: when the monthly prompt is due, the drafts, and how notices are folded."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.help.updates import (
    UPDATE_LIMIT,
    Acquaintance,
    SharedUpdate,
    UpdateKind,
    check_update,
    draft_farewell,
    draft_update,
    helped_most,
    may_share,
    month_of,
    notice_line,
    prompt_due,
    prompt_month_open,
    shared_summary,
    sharer_line,
    sharers,
    week_of,
)
from bot.domain.keep_in_touch import AlumniContact, Internship

SUMMER = Internship(date(2026, 5, 1), date(2026, 8, 28))


def test_the_prompt_is_due_once_a_calendar_month_during_the_internship():
    assert prompt_due(SUMMER, date(2026, 6, 15), None, met=2)
    assert prompt_due(SUMMER, date(2026, 6, 15), "2026-05", met=2)
    assert not prompt_due(SUMMER, date(2026, 6, 30), "2026-06", met=2)
    assert prompt_due(SUMMER, date(2026, 7, 1), "2026-06", met=2)


def test_no_prompt_before_or_after_the_internship_or_without_dates():
    assert not prompt_due(SUMMER, date(2026, 4, 30), None, met=2)
    assert prompt_due(SUMMER, date(2026, 8, 28), None, met=2)  # the last day still counts
    assert not prompt_due(SUMMER, date(2026, 8, 29), None, met=2)
    assert not prompt_due(Internship(None, date(2026, 8, 28)), date(2026, 6, 1), None, met=2)
    assert not prompt_due(Internship(date(2026, 5, 1), None), date(2026, 6, 1), None, met=2)


def test_no_prompt_for_an_intern_who_has_met_nobody_yet():
    assert not prompt_due(SUMMER, date(2026, 6, 15), None, met=0)


def test_the_calendar_half_of_the_prompt_needs_no_meetings():
    assert prompt_month_open(SUMMER, date(2026, 6, 15), "2026-05")
    assert not prompt_month_open(SUMMER, date(2026, 6, 15), "2026-06")
    assert not prompt_month_open(SUMMER, date(2026, 8, 29), None)


def test_only_interns_share_until_a_month_after_the_end():
    assert may_share(SUMMER, date(2026, 5, 1))
    assert may_share(SUMMER, date(2026, 9, 27))
    assert not may_share(SUMMER, date(2026, 9, 28))
    assert not may_share(SUMMER, date(2026, 4, 30))
    assert not may_share(Internship(None, None), date(2026, 6, 1))


def test_months_and_weeks_as_stored():
    assert month_of(date(2026, 6, 15)) == "2026-06"
    assert week_of(date(2026, 6, 17)) == date(2026, 6, 15)  # a Wednesday → its Monday
    assert week_of(date(2026, 6, 21)) == date(2026, 6, 15)  # Sunday is the same week
    assert week_of(date(2026, 6, 22)) == date(2026, 6, 22)


def test_an_update_is_trimmed_and_must_say_something_short_enough():
    assert check_update("  hello  ") == ("hello", None)
    assert check_update(" \n ")[0] is None
    text, error = check_update("x" * (UPDATE_LIMIT + 1))
    assert text is None and error is not None and str(UPDATE_LIMIT) in error


def test_the_drafted_update_starts_from_what_they_work_on():
    draft = draft_update("a churn model", 1)
    assert "working on lately: a churn model" in draft
    assert "the 1 person I've met" in draft
    assert "working on lately: …" in draft_update(None, 3)
    assert len(draft_update("x" * 5000, 3)) <= UPDATE_LIMIT


def test_the_farewell_thanks_the_people_met_most_then_most_recently():
    people = [
        Acquaintance("U1", 1, date(2026, 6, 1)),
        Acquaintance("U2", 3, date(2026, 6, 1)),
        Acquaintance("U3", 1, date(2026, 7, 1)),
        Acquaintance("U4", 2, date(2026, 6, 1)),
    ]
    assert helped_most(people) == ["U2", "U4", "U3"]


def test_the_farewell_names_work_thanks_and_how_to_stay_in_touch():
    contact = AlumniContact("chloe@example.com", "https://www.linkedin.com/in/chloe")
    draft = draft_farewell("churn models", ["U1", "U2", "U3"], contact)
    assert "What I worked on: churn models" in draft
    assert "thank-you to <@U1>, <@U2> and <@U3>" in draft
    assert "https://www.linkedin.com/in/chloe · chloe@example.com" in draft
    bare = draft_farewell(None, [], None)
    assert "What I worked on" not in bare and "thank-you to" not in bare
    assert "send me a message any time" in bare


def test_one_update_is_one_line_and_several_are_folded_into_one():
    one = SharedUpdate("U1", UpdateKind.UPDATE, "https://x.slack.com/archives/C1/p1", "C1")
    bye = SharedUpdate("U2", UpdateKind.FAREWELL, None, "C1")
    assert notice_line([one]) == (
        "<@U1>, whom you've met, shared an update: <https://x.slack.com/archives/C1/p1|read it>"
    )
    assert notice_line([bye]) == "<@U2>, whom you've met, said goodbye: in <#C1>"
    folded = notice_line([one, bye, one])
    assert folded.startswith("<@U1> and <@U2>, whom you've met, shared updates:")
    assert folded.count("read it") == 2 and "\n" not in folded


def test_sharers_are_counted_per_member_the_most_recent_first():
    june = datetime(2026, 6, 1, tzinfo=UTC)
    posts = [
        ("U1", UpdateKind.UPDATE, june.replace(day=2)),
        ("U2", UpdateKind.UPDATE, june.replace(day=5)),
        ("U1", UpdateKind.FAREWELL, june.replace(day=9)),
        ("U1", UpdateKind.UPDATE, june.replace(day=3)),
    ]
    found = sharers(posts)
    assert [(s.user_id, s.updates, s.farewells, s.latest.day) for s in found] == [
        ("U1", 2, 1, 9),
        ("U2", 1, 0, 5),
    ]
    assert shared_summary(found) == "3 updates and 1 farewell by 2 interns"
    assert [sharer_line(s) for s in found] == ["2 updates, 1 farewell", "1 update"]
    assert sharers([]) == [] and shared_summary([]) == "0 updates and 0 farewells by 0 interns"
