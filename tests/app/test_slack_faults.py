"""Slack failing during a round: bounded retries, nothing sent twice, the rest delivered, failures kept."""

from __future__ import annotations

import pytest

import bot.slack.client
from bot.domain.coffee.model import RoundGroup
from bot.services.coffee.rounds import MAX_ATTEMPTS, start_round
from tests.app.coffee_helpers import COFFEE, seed_roster, set_up_pool, tick
from tests.app.conftest import RunningApp


def stored_round(app: RunningApp) -> list[RoundGroup]:
    """A round stored with nothing sent yet; the next tick delivers it."""
    seed_roster(app)
    set_up_pool(app)
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(app.fake.workspace.team_id, COFFEE)
    messenger = app.runtime.messengers.coffee(pool.team_id)
    started = start_round(app.runtime.unit_of_work, messenger, pool, app.clock(), app.clock(), 3)
    assert started.round is not None
    return groups_of(app, started.round.id)


def groups_of(app: RunningApp, round_id: int) -> list[RoundGroup]:
    with app.runtime.unit_of_work() as work:
        return work.rounds.groups(round_id)


def intro_counts(app: RunningApp, groups: list[RoundGroup]) -> dict[int, int]:
    """How many intros each group's DM holds (conversations.open finds the same DM again)."""
    counts = {}
    for group in groups:
        conversation = app.fake.workspace.open_conversation(list(group.members)).id
        counts[group.id] = sum(
            1
            for m in app.fake.messages_in(conversation)
            if (m.get("metadata") or {}).get("event_payload", {}).get("group_id") == group.id
        )
    return counts


def once_each(groups: list[RoundGroup]) -> dict[int, int]:
    return {g.id: 1 for g in groups}


def test_5xx_answers_within_the_retries_lose_and_duplicate_nothing(running_app: RunningApp):
    groups = stored_round(running_app)
    running_app.fake.fail_next("chat.postMessage", error="internal_error", status=500, times=1)
    running_app.fake.fail_next("conversations.open", error="service_unavailable", status=503, times=2)
    tick(running_app)
    assert intro_counts(running_app, groups) == once_each(groups)
    failed_posts = [c for c in running_app.fake.calls_to("chat.postMessage", include_failed=True) if not c.ok]
    assert len(failed_posts) == 1


def test_a_5xx_that_outlasts_the_retries_fails_one_group_and_the_next_tick_sends_it(running_app: RunningApp):
    groups = stored_round(running_app)
    running_app.fake.fail_next("conversations.open", error="internal_error", status=500, times=3)
    tick(running_app)
    after = groups_of(running_app, groups[0].round_id)
    assert [g.last_error for g in after if g.intro_ts is None] == ["slack_http_500"]
    assert sum(1 for g in after if g.intro_ts) == len(groups) - 1
    assert len(running_app.fake.calls_to("conversations.open", include_failed=True)) == len(groups) + 2
    tick(running_app)
    assert intro_counts(running_app, groups) == once_each(groups)


def test_a_429_waits_for_retry_after_and_sends_once(running_app: RunningApp):
    groups = stored_round(running_app)
    running_app.fake.fail_next("chat.postMessage", status=429, retry_after=1, times=2)
    tick(running_app)
    assert intro_counts(running_app, groups) == once_each(groups)
    limited = [c for c in running_app.fake.calls_to("chat.postMessage", include_failed=True) if not c.ok]
    assert [c.status for c in limited] == [429, 429]


def test_a_post_that_times_out_is_recorded_and_found_instead_of_resent(
    running_app: RunningApp, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(bot.slack.client, "REQUEST_TIMEOUT_SECONDS", 1)
    groups = stored_round(running_app)
    reached, release = running_app.fake.stall_next("chat.postMessage")  # Slack posts, the answer never comes
    try:
        tick(running_app)
    finally:
        release.set()
    assert reached.is_set()
    after = groups_of(running_app, groups[0].round_id)
    stalled = [g for g in after if g.intro_ts is None]
    assert [g.last_error for g in stalled] == ["timeout"]
    assert all(g.intro_ts for g in after if g not in stalled)  # the others went out in the same tick
    tick(running_app)  # finds the intro Slack did post, in the DM's history
    assert intro_counts(running_app, groups) == once_each(groups)
    intro_posts = [c for c in running_app.fake.calls_to("chat.postMessage") if "metadata" in c.args]
    assert len(intro_posts) == len(groups)


def deactivate(app: RunningApp, user_id: str) -> None:
    with app.fake.state.lock:
        app.fake.workspace.users[user_id].deleted = True


def remove(app: RunningApp, user_id: str) -> None:
    with app.fake.state.lock:
        del app.fake.workspace.users[user_id]


@pytest.mark.parametrize(("error", "change"), [("user_disabled", deactivate), ("user_not_found", remove)])
def test_a_member_slack_refuses_fails_only_their_group_after_bounded_attempts(
    running_app: RunningApp, error: str, change
):
    groups = stored_round(running_app)
    change(running_app, groups[2].members[0])  # gone after the round was matched
    for _ in range(MAX_ATTEMPTS + 2):
        tick(running_app)
    after = groups_of(running_app, groups[0].round_id)
    failed = [g for g in after if g.failed]
    assert [g.id for g in failed] == [groups[2].id]
    assert failed[0].last_error == error and failed[0].attempts == MAX_ATTEMPTS and failed[0].intro_ts is None
    assert all(g.intro_ts for g in after if not g.failed)
    opens = running_app.fake.calls_to("conversations.open", include_failed=True)
    assert len(opens) == len(groups) - 1 + MAX_ATTEMPTS  # given up: not tried again
    delivered = [g for g in groups if g.id != failed[0].id]
    assert intro_counts(running_app, delivered) == once_each(delivered)
