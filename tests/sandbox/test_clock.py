"""The sandbox clock's phrases: where "+1 hour", "tomorrow 09:00" and "next week" take it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sandbox.clock import SandboxClock, move, start_of_sandbox

MONDAY_8 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("+1 hour", datetime(2026, 12, 7, 9, 0, tzinfo=UTC)),
        ("+2 hours", datetime(2026, 12, 7, 10, 0, tzinfo=UTC)),
        ("  +30   minutes ", datetime(2026, 12, 7, 8, 30, tzinfo=UTC)),
        ("+3 days", datetime(2026, 12, 10, 8, 0, tzinfo=UTC)),
        ("+1 week", datetime(2026, 12, 14, 8, 0, tzinfo=UTC)),
        ("tomorrow 09:00", datetime(2026, 12, 8, 9, 0, tzinfo=UTC)),
        ("Tomorrow 17:45", datetime(2026, 12, 8, 17, 45, tzinfo=UTC)),
        ("tomorrow", datetime(2026, 12, 8, 9, 0, tzinfo=UTC)),
        ("next week", datetime(2026, 12, 14, 9, 0, tzinfo=UTC)),
    ],
)
def test_phrases_move_the_clock(phrase: str, expected: datetime):
    assert move(phrase, MONDAY_8) == expected


def test_next_week_from_a_sunday_is_the_next_day():
    sunday = datetime(2026, 12, 13, 20, 0, tzinfo=UTC)
    assert move("next week", sunday) == datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("phrase", ["", "yesterday", "-1 hour", "+1 fortnight", "tomorrow 25:00", "+0 hours"])
def test_other_phrases_get_a_sentence_not_a_move(phrase: str):
    answer = move(phrase, MONDAY_8)
    assert isinstance(answer, str) and answer


def test_the_clock_only_moves_forward():
    clock = SandboxClock(MONDAY_8)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    assert clock() == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.set(MONDAY_8)


def test_the_sandbox_starts_on_the_coming_monday_morning():
    assert start_of_sandbox(datetime(2026, 12, 4, 20, 46, tzinfo=UTC)) == MONDAY_8
    assert start_of_sandbox(datetime(2026, 12, 7, 7, 0, tzinfo=UTC)) == datetime(
        2026, 12, 14, 8, 0, tzinfo=UTC
    )
