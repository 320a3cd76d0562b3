"""A member's coffee settings as a conversation: what they say, then what the next round does with them.

Read each table row as "U1 says this before the round; the round then says that to U1" (the style of
zulip_bots' verify_dialog). The settings go through bot/services/coffee/members.py and the answer is
what bot/services/coffee/rounds.py start_round decides, so both ends of the rule are real.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.domain.coffee.matching.engine import ALL_EXCLUDED
from bot.domain.coffee.model import Frequency, Pool
from bot.services.coffee import members
from bot.services.coffee.rounds import RoundStart, start_round
from tests.services.conftest import MONDAY
from tests.services.fakes import FakeCoffeeMessenger, FakeStore, slack_member

IN_A_GROUP = "in a group"


def say(store: FakeStore, pool: Pool, text: str, now: datetime) -> object:
    """What U1's words do, as the /coffee command and the buttons call the use cases."""
    verb, *rest = text.split()
    uow = store.unit_of_work
    match verb:
        case "skip":
            return members.skip_next(uow, pool, "U1", now)
        case "pause":
            return members.pause(uow, pool, "U1", date.fromisoformat(rest[-1]), now)
        case "resume":
            return members.resume(uow, pool, "U1", now)
        case "leave":
            return members.leave(uow, pool, "U1", now)
        case "join":
            return members.join(uow, pool, "U1", now)
        case "every":
            return members.set_frequency(uow, pool, "U1", Frequency(rest[0]), now)
        case "never":
            return members.never_pair(uow, pool, "U1", rest[0], now)
        case "nothing":
            return None
    raise ValueError(f"the dialogue says {text!r}, which no member command means")


def what_the_round_says_to_u1(started: RoundStart) -> str:
    assert started.matching is not None
    if any("U1" in group.members for group in started.matching.groups):
        return IN_A_GROUP
    return dict(started.sat_out).get("U1") or {u.user_id: u.reason for u in started.matching.unmatched}["U1"]


def verify_dialog(store: FakeStore, pool: Pool, dialog: list[tuple[str, str]]) -> None:
    slack = FakeCoffeeMessenger(
        [slack_member(u) for u in ("U1", "U2", "U3")], channels={pool.channel_id: ["U1", "U2", "U3"]}
    )
    for week, (said, expected) in enumerate(dialog):
        slot = MONDAY + timedelta(weeks=week)
        say(store, pool, said, slot - timedelta(days=3))
        started = start_round(store.unit_of_work, slack, pool, slot, slot, seed=week)
        assert (said, what_the_round_says_to_u1(started)) == (said, expected)


def test_a_member_steps_out_and_back_in(store: FakeStore, pool: Pool):
    verify_dialog(
        store,
        pool,
        [
            ("nothing", IN_A_GROUP),
            ("skip", "You asked to skip this round."),
            ("nothing", IN_A_GROUP),  # the skip was spent on one round
            ("pause until 2027-01-18", "You're paused until 18 January 2027."),
            ("nothing", "You're paused until 18 January."),  # the round is in 2027 now
            ("skip", "You're paused until 18 January."),  # a pause keeps the skip unspent …
            ("resume", IN_A_GROUP),  # … and resuming clears it
            ("every monthly", "You meet every four weeks, so you're sitting this round out."),
            ("every weekly", IN_A_GROUP),
            ("leave", "You've left coffee chats in this channel."),
            ("nothing", "You've left coffee chats in this channel."),
            ("join", IN_A_GROUP),
        ],
    )


def test_never_is_recorded_once_and_keeps_the_pair_apart(store: FakeStore, pool: Pool):
    now = MONDAY - timedelta(days=3)
    assert [(text, say(store, pool, text, now)) for text in ("never U2", "never U2", "never U3")] == [
        ("never U2", True),
        ("never U2", False),
        ("never U3", True),
    ]
    verify_dialog(store, pool, [("nothing", ALL_EXCLUDED)])


def test_choosing_the_pools_own_frequency_means_following_the_pool(store: FakeStore, pool: Pool):
    say(store, pool, "every monthly", MONDAY)
    say(store, pool, "every weekly", MONDAY)

    assert store.committed.participation[pool.id, "U1"].frequency is None  # not pinned to weekly


def test_a_setting_is_stored_only_for_that_member_and_pool(store: FakeStore, pool: Pool):
    say(store, pool, "skip", MONDAY)

    assert list(store.committed.participation) == [(pool.id, "U1")]
    assert store.commits == 1
