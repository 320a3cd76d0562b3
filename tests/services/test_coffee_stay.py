""" "Still in?" after three silent rounds: owed with the close, sent once however the process dies."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.coffee.model import Participation, Pool, Round
from bot.services.coffee.members import leave
from bot.services.coffee.rounds import close_round, deliver_round, start_round
from bot.services.coffee.stay import CLAIM_LEASE_SECONDS, send_owed_stay_questions
from tests.services.conftest import MONDAY
from tests.services.fakes import Crash, FakeCoffeeMessenger, FakeStore, State, slack_member

MEMBERS = ("U1", "U2")
CLOSED = MONDAY + timedelta(days=7)
AFTER_LEASE = CLOSED + timedelta(seconds=CLAIM_LEASE_SECONDS + 1)


@pytest.fixture
def slack(pool: Pool) -> FakeCoffeeMessenger:
    people = [slack_member(u) for u in MEMBERS]
    return FakeCoffeeMessenger(people, channels={pool.channel_id: ["UBOT", *MEMBERS]})


@pytest.fixture
def third_silent_round(store: FakeStore, pool: Pool, slack: FakeCoffeeMessenger) -> Round:
    """A delivered round whose check-in went out unanswered, its members silent in the two before."""
    started = start_round(store.unit_of_work, slack, pool, MONDAY, MONDAY, seed=1)
    assert started.round is not None and deliver_round(store.unit_of_work, slack, started.round.id, MONDAY)
    with store.unit_of_work() as work:
        for group in work.rounds.groups(started.round.id):
            work.rounds.stamp(group.id, checkin_ts="1700000000.000100")
        for user_id in MEMBERS:
            work.participation.save(Participation(pool.id, user_id, ignored_rounds=2), MONDAY)
        work.commit()
    return started.round


def crash_once_the_round_is_closed(store: FakeStore, the_round: Round) -> None:
    """The process dies right after the transaction that closed the round commits."""

    def die(state: State) -> None:
        if state.rounds[the_round.id].closed_at is not None:
            store.on_commit = None
            raise Crash("after the close committed")

    store.on_commit = die


def asked(slack: FakeCoffeeMessenger) -> list[str]:
    return sorted(dm for dm, _pool, _round in slack.sent("ask_to_stay"))


def tick(store: FakeStore, slack: FakeCoffeeMessenger, now) -> int:
    return send_owed_stay_questions(store.unit_of_work, lambda team_id: slack, now)


def test_the_close_asks_each_member_once(store, pool, slack, third_silent_round):
    close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)

    assert asked(slack) == ["DU1", "DU2"]
    assert tick(store, slack, AFTER_LEASE) == 0  # nothing is owed any more
    assert store.committed.stay == {}


def test_the_question_survives_the_process_dying_between_the_close_and_the_send(
    store, pool, slack, third_silent_round
):
    crash_once_the_round_is_closed(store, third_silent_round)
    with pytest.raises(Crash):
        close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)
    assert asked(slack) == []  # the close (and the silence it counted) is committed; no DM went out

    assert tick(store, slack, CLOSED + timedelta(minutes=1)) == 2  # unclaimed: the next tick sends
    assert tick(store, slack, AFTER_LEASE) == 0
    assert asked(slack) == ["DU1", "DU2"]


def test_a_restart_after_slack_took_the_question_finds_it_instead_of_asking_again(
    store, pool, slack, third_silent_round
):
    slack.crash_after("ask_to_stay", "DU1")  # posted, then died before settling it
    with pytest.raises(Crash):
        close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)

    assert tick(store, slack, CLOSED + timedelta(minutes=1)) == 1  # U2 was never tried; U1 is claimed
    assert tick(store, slack, AFTER_LEASE) == 0  # U1's lease lapsed: found in the DM, not asked again
    assert asked(slack) == ["DU1", "DU2"]
    assert ("find_stay_question", "DU1", pool.id, third_silent_round.id) in slack.calls
    assert store.committed.stay == {}


def test_a_restart_after_the_dm_was_opened_asks_once(store, pool, slack, third_silent_round):
    slack.crash_after("open_direct", "U1")  # Slack opened the DM; the process died before stamping it
    with pytest.raises(Crash):
        close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)

    assert tick(store, slack, CLOSED + timedelta(minutes=1)) == 1  # U2
    assert tick(store, slack, AFTER_LEASE) == 1  # U1, once the claim lapsed
    assert asked(slack) == ["DU1", "DU2"]


def test_two_ticks_at_once_send_each_owed_question_once(store, pool, slack, third_silent_round):
    crash_once_the_round_is_closed(store, third_silent_round)
    with pytest.raises(Crash):
        close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)
    other = FakeCoffeeMessenger([slack_member(u) for u in MEMBERS])
    during: list[int] = []  # the second tick runs while the first is opening U1's DM
    slack.on_call = lambda call: call == ("open_direct", "U1") and during.append(tick(store, other, CLOSED))

    assert tick(store, slack, CLOSED) == 1 and during == [1]  # U2 went to the second tick, U1 to the first
    assert asked(slack) == ["DU1"] and asked(other) == ["DU2"]
    assert tick(store, slack, AFTER_LEASE) == 0


def test_a_question_owed_to_someone_who_left_since_is_dropped(store, pool, slack, third_silent_round):
    crash_once_the_round_is_closed(store, third_silent_round)
    with pytest.raises(Crash):
        close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)
    leave(store.unit_of_work, pool, "U1", CLOSED)

    assert tick(store, slack, CLOSED + timedelta(minutes=1)) == 1
    assert asked(slack) == ["DU2"] and store.committed.stay == {}


def test_a_refused_question_is_settled_and_a_timed_out_one_retried_after_the_lease(
    store, pool, slack, third_silent_round
):
    slack.fail("open_direct", "user_disabled", "U1")
    slack.fail("ask_to_stay", "timeout", "DU2", times=1)
    close_round(store.unit_of_work, slack, pool, third_silent_round, CLOSED)
    assert asked(slack) == []

    assert tick(store, slack, CLOSED + timedelta(minutes=1)) == 0  # U2's claim holds until its lease ends
    assert tick(store, slack, AFTER_LEASE) == 1  # found nothing in the DM, so asked
    assert asked(slack) == ["DU2"]
    assert tick(store, slack, AFTER_LEASE + timedelta(hours=1)) == 0 and store.committed.stay == {}
