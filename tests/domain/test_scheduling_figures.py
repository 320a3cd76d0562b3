"""Find a time's figures: the share of groups that used it and how many met, beside those that did not."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.scheduling.figures import CoffeeGroup, find_time_figures

JUNE = datetime(2026, 6, 1, tzinfo=UTC)


def _group(ref: str, answer: str | None = None, delivered: bool = True, day: int = 1) -> CoffeeGroup:
    return CoffeeGroup(ref, JUNE.replace(day=day), delivered, answer)


def test_groups_that_used_it_and_met_are_counted_beside_the_others() -> None:
    groups = [
        _group("1", "met"),
        _group("2", "not_this_time"),
        _group("3", "met"),
        _group("4"),
        _group("5", "met", delivered=False),  # never introduced: not a group yet
    ]
    figures = find_time_figures(groups, {"1": True, "2": False, "5": True})
    assert (figures.groups, figures.used, figures.agreed, figures.used_met, figures.others_met) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert figures.lines()[:2] == [
        "2 of 4 groups used Find a time (50%); 1 agreed a slot.",
        "Met: 1 of 2 that used it (50%) · 1 of 2 that did not (50%).",
    ]


def test_since_leaves_out_earlier_rounds_and_no_groups_says_so() -> None:
    figures = find_time_figures(
        [_group("1", "met", day=1), _group("2", day=8)], {"1": True}, JUNE.replace(day=5)
    )
    assert (figures.groups, figures.used) == (1, 0)
    assert "0 of 0 that used it (n/a)" in figures.lines()[1]
    assert find_time_figures([], {}).lines() == ["No coffee groups yet."]
