"""A picked slot as it comes back from a button: checked before anything is done with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.scheduling.picks import PickProblem, check_pick, parse_slot_value, slot_value

OFFERED = [datetime(2026, 1, 6, 15, 0, tzinfo=UTC), datetime(2026, 1, 7, 9, 30, tzinfo=UTC)]
NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def test_an_offered_future_slot_is_taken():
    assert slot_value(OFFERED[0]) == "20260106T150000Z"
    assert check_pick("20260106T150000Z", OFFERED, NOW) == OFFERED[0]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("20260106T151500Z", PickProblem.MALFORMED),  # off the half-hour grid
        ("20261345T990000Z", PickProblem.MALFORMED),
        ("20260106T150000", PickProblem.MALFORMED),
        ("20260106T150000Z\n", PickProblem.MALFORMED),
        (None, PickProblem.MALFORMED),
        ({"start": 1}, PickProblem.MALFORMED),
        ("20260108T150000Z", PickProblem.NOT_OFFERED),
    ],
)
def test_a_forged_or_stale_value_is_refused_with_the_reason(value, problem):
    assert check_pick(value, OFFERED, NOW) is problem


def test_a_slot_that_has_begun_has_passed():
    assert check_pick("20260106T150000Z", OFFERED, OFFERED[0]) is PickProblem.PASSED
    assert check_pick("20260106T150000Z", OFFERED, OFFERED[0] + timedelta(hours=1)) is PickProblem.PASSED


@settings(deadline=None)
@given(st.text(max_size=40))
def test_no_text_crashes_the_parser(value):
    start = parse_slot_value(value)
    assert start is None or slot_value(start) == value
