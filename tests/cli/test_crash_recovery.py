"""kill -9 in the middle of delivering a round, then restart: every group gets exactly one intro."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from bot.domain.coffee.model import Schedule
from bot.domain.people.person import Person, Role
from bot.sandbox.fakeslack import FakeSlack
from bot.services.coffee.pools import set_up_pool
from bot.services.coffee.rounds import start_round
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
COFFEE = "C0COFFEE"


def tick_command(now: datetime) -> list[str]:
    return [sys.executable, "-m", "tests.cli.tick_at", now.isoformat()]


def tick(env: dict[str, str], now: datetime, cwd) -> None:
    result = subprocess.run(tick_command(now), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def stored_round(fake: FakeSlack, database_url: str):
    """A pool with a round whose groups are stored and nothing sent, as the app leaves it before delivery."""
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": fake.url, "DATABASE_URL": database_url}
    )
    upgrade(database_url)
    wired = wire(settings, clock=lambda: START)
    runtime = wired.runtime
    ws = fake.workspace
    with runtime.unit_of_work() as work:
        work.members.upsert_roster(
            [
                Person(ws.team_id, u, Role.INTERN if u in ws.interns else Role.COLLEAGUE)
                for u in ws.interns + ws.colleagues
            ],
            START,
        )
        work.commit()
    messenger = runtime.messengers.coffee(ws.team_id)
    pool = set_up_pool(runtime.unit_of_work, messenger, ws.team_id, COFFEE, Schedule(), START).pool
    started = start_round(runtime.unit_of_work, messenger, pool, START, START, seed=11)
    wired.engine.dispose()
    return started


def test_kill_9_mid_delivery_then_restart_sends_each_intro_once(
    tmp_path, fake_slack: FakeSlack, database_url
):
    started = stored_round(fake_slack, database_url)
    groups = started.matching.groups
    env = clean_env(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    fake_slack.take_violations()
    posts_before = len(fake_slack.calls_to("chat.postMessage"))

    reached, release = fake_slack.stall_next("chat.postMessage")  # Slack posts the first intro, then hangs
    process = subprocess.Popen(
        tick_command(START), cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    assert reached.wait(timeout=60)
    process.kill()  # SIGKILL: no cleanup, the intro is posted but not stamped
    process.wait()
    release.set()
    assert len(fake_slack.calls_to("chat.postMessage")) == posts_before + 1

    tick(env, START + timedelta(minutes=1), tmp_path)  # restarted at once: that group's claim still holds
    tick(env, START + timedelta(minutes=10), tmp_path)  # after the lease: resumed, found in history

    for group in groups:
        conversation = fake_slack.workspace.open_conversation(list(group.members)).id
        intros = [m for m in fake_slack.messages_in(conversation) if "Coffee time" in m.get("text", "")]
        assert len(intros) == 1, f"group {group.members} got {len(intros)} intros"
