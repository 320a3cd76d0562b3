"""Reading a member's working hours as typed: times, days and every kind of bad input."""

from __future__ import annotations

from datetime import time

import pytest

from bot.domain.scheduling.model import WorkingHours
from bot.domain.scheduling.own_hours import Refusal, describe, read_days, read_hours


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("08:00-16:00", WorkingHours(time(8), time(16))),
        ("8:00 - 16:00", WorkingHours(time(8), time(16))),
        ("08:00\u201316:00", WorkingHours(time(8), time(16))),
        ("10:00-18:30 mon-thu", WorkingHours(time(10), time(18, 30), frozenset({0, 1, 2, 3}))),
        ("10:00-18:30 Monday,wed, FRI", WorkingHours(time(10), time(18, 30), frozenset({0, 2, 4}))),
        ("06:00-06:30 sat-mon", WorkingHours(time(6), time(6, 30), frozenset({5, 6, 0}))),
    ],
)
def test_hours_are_read(typed: str, hours: WorkingHours) -> None:
    assert read_hours(typed) == hours


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("17:00-09:00", "the end (09:00) is not after the start (17:00)"),
        ("09:00-09:00", "the end (09:00) is not after the start (09:00)"),
        ("09:00-09:29", "under 30 minutes"),
        ("09:00-17:00 mon-xyz", "I don't know the day `xyz`"),
        ("09:00-17:00 mo", "I don't know the day `mo`"),
        ("nine to five", "I can't read the times `nine`"),
        ("24:00-25:00", "between 00:00 and 23:59"),
        ("09:00-17:00 " + "mon," * 40, "too long"),
    ],
)
def test_bad_hours_name_what_is_wrong(typed: str, reason: str) -> None:
    refused = read_hours(typed)
    assert isinstance(refused, Refusal) and reason in refused.reason


def test_days_are_described_as_a_range_or_a_list() -> None:
    assert describe(WorkingHours()) == "09:00-17:00, Monday to Friday"
    assert describe(WorkingHours(time(8), time(9), frozenset({0, 2}))) == "08:00-09:00, Monday and Wednesday"
    assert read_days(",") == Refusal("name at least one day")
