"""App Home's settings: join, leave, pause, resume and frequency per pool, catch-ups, and the lead's digest.

Each answer re-publishes Home, with a line saying what changed or what was wrong.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.coffee.model import Frequency, Pool
from bot.domain.coffee.schedule import pause_until
from bot.services.coffee import members
from bot.services.keep_in_touch.catch_ups import set_catch_ups
from bot.services.program.digest import set_digest
from bot.services.program.figures import pool_in_workspace
from handlers.context import runtime_of
from handlers.home.blocks import POOL_BLOCK
from handlers.home.view import CATCH_UPS_OFF, CATCH_UPS_ON, from_home, refresh_home
from handlers.program.blocks import DIGEST_START, DIGEST_STOP

STALE = "That setting is out of date; here is your Home as it is now."


def _pool(context: BoltContext, pool_id: str) -> Pool | None:
    if not pool_id.isdigit():
        return None
    return pool_in_workspace(runtime_of(context).unit_of_work, context.team_id or "", int(pool_id))


def _split(value: str) -> tuple[str, str]:
    pool_id, _, choice = value.partition(":")
    return pool_id, choice


def _today(context: BoltContext, pool: Pool) -> date:
    return runtime_of(context).clock().astimezone(ZoneInfo(pool.schedule.timezone)).date()


def change(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Every pool setting of Home: find the pool, apply the change, re-publish Home with what happened."""
    ack()
    user_id = body["user"]["id"]
    notice = _apply(context, user_id, action)
    refresh_home(client, context, user_id, notice)


def _apply(context: BoltContext, user_id: str, action: dict[str, Any]) -> str:
    kind = action["action_id"]
    if kind in ("home_pause", "home_frequency"):
        pool_id, choice = _split((action.get("selected_option") or {}).get("value", ""))
    elif kind == "home_pause_until":
        pool_id, choice = (
            action.get("block_id", "").removeprefix(POOL_BLOCK),
            action.get("selected_date") or "",
        )
    else:
        pool_id, choice = str(action.get("value", "")), ""
    pool = _pool(context, pool_id)
    if pool is None:
        return STALE
    runtime = runtime_of(context)
    uow, now = runtime.unit_of_work, runtime.clock()
    where = f"<#{pool.channel_id}>"
    if kind == "home_join":
        members.join(uow, pool, user_id, now)
        return f"You're in {where}: you'll be paired in the next round."
    if kind == "home_leave":
        members.leave(uow, pool, user_id, now)
        return f"You've left {where}'s coffee rounds. Join again here any time."
    if kind == "home_resume":
        members.resume(uow, pool, user_id, now)
        return f"Welcome back: you'll be in {where}'s next round."
    if kind == "home_frequency":
        return _frequency(context, pool, user_id, choice)
    return _pause(context, pool, user_id, kind, choice)


def _pause(context: BoltContext, pool: Pool, user_id: str, kind: str, choice: str) -> str:
    runtime = runtime_of(context)
    today = _today(context, pool)
    if kind == "home_pause":
        until = today + timedelta(weeks=int(choice)) if choice.isdigit() and 0 < int(choice) <= 52 else None
    else:
        until = pause_until(choice, today)
    if until is None:
        return "Pick a date after today and at most a year ahead to pause until."
    members.pause(runtime.unit_of_work, pool, user_id, until, runtime.clock())
    return f"Paused in <#{pool.channel_id}> until {until:%A %-d %B %Y}; you'll be paired again from then."


def _frequency(context: BoltContext, pool: Pool, user_id: str, choice: str) -> str:
    runtime = runtime_of(context)
    try:
        chosen = Frequency(choice)
    except ValueError:
        return STALE
    if chosen.days < pool.schedule.frequency.days:
        return (
            f"<#{pool.channel_id}> meets {pool.schedule.frequency.value}, so you can't be paired more often."
        )
    members.set_frequency(runtime.unit_of_work, pool, user_id, chosen, runtime.clock())
    return f"Done: you'll be paired {chosen.value} in <#{pool.channel_id}>."


def digest(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Stop weekly digest (in the digest DM or Home) and turn it back on (Home); leads only."""
    ack()
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    enabled = action["action_id"] == DIGEST_START
    if user_id not in runtime.settings.admin_ids:
        notice = "The weekly digest is for program leads (RAPPORT_ADMIN_IDS)."
    else:
        set_digest(runtime.unit_of_work, context.team_id or "", user_id, enabled, runtime.clock())
        notice = (
            "The weekly digest is on: every Monday at 09:00 your time."
            if enabled
            else "No more weekly digests. Turn them back on here any time."
        )
    if not from_home(body):
        client.chat_postMessage(channel=user_id, text=notice)
    refresh_home(client, context, user_id, notice)


def catch_ups(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Home's catch-up switch, the same setting as `/coffee catchups off|on`."""
    ack()
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    on = action["action_id"] == CATCH_UPS_ON
    set_catch_ups(runtime.unit_of_work, context.team_id or "", user_id, on)
    notice = (
        "Catch-up suggestions are on."
        if on
        else "Catch-up suggestions are off. Turn them back on here any time."
    )
    refresh_home(client, context, user_id, notice)


def register(app: App) -> None:
    for action_id in (
        "home_join",
        "home_leave",
        "home_resume",
        "home_pause",
        "home_pause_until",
        "home_frequency",
    ):
        app.action(action_id)(change)
    app.action(DIGEST_STOP)(digest)
    app.action(DIGEST_START)(digest)
    app.action(CATCH_UPS_ON)(catch_ups)
    app.action(CATCH_UPS_OFF)(catch_ups)
