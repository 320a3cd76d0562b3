"""Asks' pure rules: checking an ask, whom it is suggested to, when it is nudged and expires, figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.help.asks import (
    QUESTION_LIMIT,
    AskFact,
    AskForm,
    AskStatus,
    ask_figures,
    check_ask,
    describe_wait,
    expires_at,
    keywords,
    nudge_due,
    nudge_due_at,
    suggest_helpers,
    working_days_after,
)
from bot.domain.people.mentors import Mentor
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile

TODAY = date(2026, 6, 1)  # a Monday
MONDAY_10 = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def person(user_id: str, tags: tuple[str, ...] = (), working_on: str | None = None) -> Mentor:
    return Mentor(user_id, Profile("T1", user_id, Role.COLLEAGUE, interests=tags, working_on=working_on))


def test_an_ask_needs_a_question_within_limits_a_few_topics_and_no_past_date():
    draft, errors = check_ask(AskForm("  How do I\n\n profile  SQL? ", "SQL, Postgres", TODAY), TODAY)
    assert errors == {} and draft is not None
    assert draft.question == "How do I\nprofile SQL?" and draft.tags == ("sql", "postgres")
    _, errors = check_ask(AskForm("   "), TODAY)
    assert set(errors) == {"question"}
    _, errors = check_ask(AskForm("x" * (QUESTION_LIMIT + 1)), TODAY)
    assert "under" in errors["question"]
    _, errors = check_ask(AskForm("ok", "a, b, c, d, e, f"), TODAY)
    assert set(errors) == {"tags"}
    _, errors = check_ask(AskForm("ok", "x" * 31), TODAY)
    assert set(errors) == {"tags"}
    _, errors = check_ask(AskForm("ok", by_when=TODAY - timedelta(days=1)), TODAY)
    assert set(errors) == {"by_when"}


def test_keywords_drop_stop_words_short_words_and_repeats():
    assert keywords("How can I get help with SQL and SQL indexes in Postgres?") == [
        "sql",
        "indexes",
        "postgres",
    ]


def test_suggestions_rank_topics_before_words_skip_the_asker_and_people_who_match_nothing():
    people = [
        person("U1", ("design",)),
        person("U2", working_on="the query planner"),
        person("U3", ("postgres", "sql")),
        person("UASKER", ("postgres",)),
        Mentor("U4", None),
        person("U5", ("postgres",), "sql tuning"),
    ]
    found = suggest_helpers(people, "UASKER", ("postgres",), "Why is my SQL query slow?")
    assert found == ["U3", "U5", "U2"]  # U3, U5: the topic and a word; U2: words only
    assert "UASKER" not in suggest_helpers(people, "UASKER", ("postgres",), "postgres", limit=10)


def test_suggestions_match_by_word_starts_like_intro_mentors():
    people = [person("U1", ("databases",)), person("U2", ("data science",)), person("U3", ("metadata",))]
    assert suggest_helpers(people, "U9", ("data",), "") == ["U1", "U2"]
    assert suggest_helpers(people, "U9", (), "anything on databases?") == ["U1"]


def test_suggestions_stop_at_three_and_respect_who_can_take_one():
    people = [person(f"U{i}", ("sql",)) for i in range(6)]
    assert suggest_helpers(people, "U9", ("sql",), "") == ["U0", "U1", "U2"]
    assert suggest_helpers(people, "U9", ("sql",), "", can_take=frozenset({"U4", "U5"})) == ["U4", "U5"]


def test_three_working_days_skip_the_weekend():
    thursday = datetime(2026, 6, 4, 15, 0, tzinfo=UTC)
    assert working_days_after(thursday, 3, None) == datetime(2026, 6, 9, 15, 0, tzinfo=UTC)  # Tuesday
    saturday = datetime(2026, 6, 6, 12, 0, tzinfo=UTC)
    assert working_days_after(saturday, 3, None) == datetime(2026, 6, 11, 12, 0, tzinfo=UTC)  # Thursday


def test_the_nudge_waits_for_working_hours_in_the_askers_zone_and_stops_at_expiry():
    evening = datetime(2026, 6, 1, 22, 0, tzinfo=UTC)  # 18:00 in New York, 23:00 in London
    assert nudge_due_at(evening, "America/New_York") == datetime(2026, 6, 4, 22, 0, tzinfo=UTC)
    assert nudge_due_at(evening, "Europe/London") == datetime(2026, 6, 5, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert not nudge_due(MONDAY_10, None, MONDAY_10 + timedelta(days=2, hours=23))
    assert nudge_due(MONDAY_10, None, MONDAY_10 + timedelta(days=3))
    assert not nudge_due(MONDAY_10, None, expires_at(MONDAY_10))
    assert expires_at(MONDAY_10) == MONDAY_10 + timedelta(days=14)


def test_figures_count_opened_answered_and_the_median_wait_for_a_first_helper():
    facts = [
        AskFact(MONDAY_10, AskStatus.SOLVED, MONDAY_10 + timedelta(hours=1)),
        AskFact(MONDAY_10, AskStatus.OPEN, MONDAY_10 + timedelta(hours=3)),
        AskFact(MONDAY_10, AskStatus.EXPIRED, None),
        AskFact(MONDAY_10 - timedelta(days=30), AskStatus.OPEN, MONDAY_10),
    ]
    figures = ask_figures(facts)
    assert (figures.opened, figures.answered, figures.solved, figures.expired) == (4, 3, 1, 1)
    assert figures.median_to_first_helper == timedelta(hours=3)
    recent = ask_figures(facts, since=MONDAY_10 - timedelta(days=1))
    assert recent.opened == 3 and recent.median_to_first_helper == timedelta(hours=2)
    assert ask_figures([]).median_to_first_helper is None


def test_waits_read_as_days_hours_and_minutes():
    assert describe_wait(None) == "—"
    assert describe_wait(timedelta(minutes=42)) == "42 min"
    assert describe_wait(timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert describe_wait(timedelta(days=2, hours=4, minutes=5)) == "2 d 4 h"
