"""Buttons on coffee notices: skip the next round, or stay / pause / leave after silent rounds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.coffee.model import Pool
from bot.runtime import Runtime
from bot.services.coffee import members
from handlers.context import runtime_of

PAUSE_DAYS = 28


def _skip(runtime: Runtime, pool: Pool, user_id: str) -> str:
    members.skip_next(runtime.unit_of_work, pool, user_id, runtime.clock())
    return "You'll sit out the next round only. See you the time after!"


def _stay(runtime: Runtime, pool: Pool, user_id: str) -> str:
    members.join(runtime.unit_of_work, pool, user_id, runtime.clock())
    return "Great — you stay in. See you next round ☕"


def _pause(runtime: Runtime, pool: Pool, user_id: str) -> str:
    today = runtime.clock().astimezone(ZoneInfo(pool.schedule.timezone)).date()
    until = today + timedelta(days=PAUSE_DAYS)
    members.pause(runtime.unit_of_work, pool, user_id, until, runtime.clock())
    return f"Paused until {until:%A %-d %B}. The pause ends by itself; `/coffee resume` ends it sooner."


def _leave(runtime: Runtime, pool: Pool, user_id: str) -> str:
    members.leave(runtime.unit_of_work, pool, user_id, runtime.clock())
    return "You've left this pool's coffee rounds. `/coffee join` in the channel brings you back."


ACTIONS: dict[str, Callable[[Runtime, Pool, str], str]] = {
    "coffee_skip_next": _skip,
    "coffee_stay": _stay,
    "coffee_pause_4w": _pause,
    "coffee_leave": _leave,
}


def press(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    runtime = runtime_of(context)
    value = str(action.get("value", ""))
    pool = None
    if value.isdigit():
        with runtime.unit_of_work() as work:
            pool = work.pools.get_by_id(int(value))
    if pool is None or pool.team_id != (context.team_id or pool.team_id):
        respond(text="That coffee pool no longer exists.", replace_original=False, response_type="ephemeral")
        return
    text = ACTIONS[action["action_id"]](runtime, pool, body["user"]["id"])
    respond(text=text, replace_original=False, response_type="ephemeral")


def register(app: App) -> None:
    for action_id in ACTIONS:
        app.action(action_id)(press)
