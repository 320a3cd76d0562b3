"""The same --seed makes the same sandbox: the same people, and the same coffee groups when a round starts
(so the docs' pictures come out the same every time)."""

from __future__ import annotations

from bot.sandbox.people import LEAD_ID
from bot.sandbox.world import COFFEE, Sandbox


def first_round_groups(seed: int) -> set[frozenset[str]]:
    sandbox = Sandbox(people_count=16, seed=seed)
    try:
        sandbox.command(LEAD_ID, COFFEE, "/coffee now")
        with sandbox.fake.state.lock:
            channels = list(sandbox.workspace.channels.values())
        assert sandbox.fake.violations == []
        return {frozenset(c.members) for c in channels if c.is_mpim}
    finally:
        sandbox.close()


def test_the_same_seed_makes_the_same_coffee_groups():
    groups = first_round_groups(3)
    assert len(groups) >= 4
    assert first_round_groups(3) == groups
