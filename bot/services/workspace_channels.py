"""The channels an admin chooses from Slack (profile cards, asks, kudos), stored per workspace, each with a
fallback setting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.services.ports import ChannelAccess, ChannelPurpose, SlackError, UnitOfWork

NOT_READABLE = (
    "I can only use a channel you're in. If it's a private channel, invite Rapport to it first "
    "(/invite @Rapport), then try again."
)
"""Said of a channel the member cannot read (or Rapport cannot see): never whether Rapport is in it."""

PRIVATE = frozenset({"method_not_supported_for_channel_type", "channel_not_found"})
"""Joining fails like this for a private channel: only a member can invite the bot."""


class Joined(StrEnum):
    JOINED = "joined"  # a public channel: the bot is in it now
    PRIVATE_MEMBER = "private_member"  # a private channel the bot is in (else the admin's check fails)
    MUST_INVITE = "must_invite"  # private (or hidden from the bot): someone must /invite it
    FAILED = "failed"  # stored, but joining failed for another reason (see `error`)
    ARCHIVED = "archived"  # not stored: nobody can post in an archived channel
    NOT_READABLE = "not_readable"  # not stored: the admin can't read it, or Rapport can't see it


@dataclass(frozen=True)
class ChannelSet:
    joined: Joined
    error: str | None = None


def set_channel(
    uow_factory: Callable[[], UnitOfWork],
    join: Callable[[str], None],
    access: ChannelAccess,
    team_id: str,
    purpose: ChannelPurpose,
    channel_id: str,
    by: str,
    now: datetime,
) -> ChannelSet:
    """Join the channel if it is public, then store it as the workspace's channel for `purpose`; nothing
    for a channel the admin can't read (named in a command, so anything).

    A private channel the admin can read is one Slack describes to Rapport, so Rapport is in it already:
    there is nothing to join."""
    if not access.can_read(team_id, channel_id, by):
        return ChannelSet(Joined.NOT_READABLE)
    if not access.is_public(team_id, channel_id):
        _store(uow_factory, team_id, purpose, channel_id, by, now)
        return ChannelSet(Joined.PRIVATE_MEMBER)
    result = ChannelSet(Joined.JOINED)
    try:
        join(channel_id)
    except SlackError as error:
        if error.code == "is_archived":
            return ChannelSet(Joined.ARCHIVED)
        result = ChannelSet(Joined.MUST_INVITE if error.code in PRIVATE else Joined.FAILED, error.code)
    _store(uow_factory, team_id, purpose, channel_id, by, now)
    return result


def clear_channel(
    uow_factory: Callable[[], UnitOfWork], team_id: str, purpose: ChannelPurpose, by: str, now: datetime
) -> None:
    _store(uow_factory, team_id, purpose, None, by, now)


def channel_for(
    uow_factory: Callable[[], UnitOfWork], team_id: str, purpose: ChannelPurpose, fallback: str | None
) -> str | None:
    """The channel an admin chose in Slack, else the server's setting (`fallback`), else None."""
    with uow_factory() as uow:
        return uow.workspace_settings.channel(team_id, purpose) or fallback


def _store(
    uow_factory: Callable[[], UnitOfWork],
    team_id: str,
    purpose: ChannelPurpose,
    channel_id: str | None,
    by: str,
    now: datetime,
) -> None:
    with uow_factory() as uow:
        uow.workspace_settings.set_channel(team_id, purpose, channel_id, by, now)
        uow.commit()
