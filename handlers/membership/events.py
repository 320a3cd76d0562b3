"""Workspace events: the bot invited to a channel makes it a pool; a new member is welcomed; a
deactivated member leaves every pool; the member directory keeps up with joins and changes.

Slack counts any non-2xx answer to an event as a failure, retries it, and eventually turns the
subscription off, so each subscribed event gets a listener. Retries are safe: the welcome is claimed
in the database before it is sent, and a departure changes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.context.context import BoltContext

from bot.domain.coffee.model import Schedule
from bot.services.coffee.pools import adopt_channel
from bot.services.membership.departure import member_departed
from bot.services.membership.welcome import welcome_new_member
from bot.services.people import directory
from bot.services.ports import DirectoryMember
from bot.slack.adapter import slack_member
from handlers.context import runtime_of


def bot_joined_channel(event: dict[str, Any], context: BoltContext) -> None:
    """Inviting Rapport to a channel makes it a pool with the default schedule, announced there."""
    if event.get("user") != context.bot_user_id:
        return
    runtime = runtime_of(context)
    team_id = event.get("team") or context.team_id or ""
    adopt_channel(
        runtime.unit_of_work,
        runtime.messengers.coffee(team_id),
        team_id,
        event["channel"],
        Schedule(timezone=runtime.settings.timezone.key),
        runtime.clock(),
    )


def member_joined_team(event: dict[str, Any], context: BoltContext) -> None:
    """One short welcome DM to a new person (never to bots or deactivated accounts); the member directory
    keeps who they are."""
    runtime = runtime_of(context)
    team_id = context.team_id or event["user"].get("team_id", "")
    member = slack_member(event["user"])
    directory.remember(runtime.unit_of_work, team_id, DirectoryMember.of(member), runtime.clock(), add=True)
    welcome_new_member(
        runtime.unit_of_work, runtime.messengers.membership(team_id), team_id, member, runtime.clock()
    )


def user_changed(event: dict[str, Any], context: BoltContext) -> None:
    """The member directory takes the change (a new name or time zone); on deactivation the member also
    leaves every pool and their pending things close."""
    user = event.get("user") or {}
    if not user.get("id"):
        return
    runtime = runtime_of(context)
    team_id = context.team_id or user.get("team_id", "")
    said = DirectoryMember.of(slack_member(user))
    directory.remember(runtime.unit_of_work, team_id, said, runtime.clock(), add=False)
    if not user.get("deleted"):
        return
    messenger = runtime.messengers.introductions(team_id)
    mentoring = runtime.messengers.mentoring(team_id)
    member_departed(runtime.unit_of_work, messenger, mentoring, team_id, user["id"], runtime.clock())


def register(app: App) -> None:
    app.event("member_joined_channel")(bot_joined_channel)
    app.event("team_join")(member_joined_team)
    app.event("user_change")(user_changed)
