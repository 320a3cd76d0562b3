"""Profile cards: sharing one in the introductions channel, showing one, nudging someone to write one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.introductions import NUDGE_INTERVAL
from bot.domain.people.profile import Profile
from bot.services.introductions.ports import IntroMessenger
from bot.services.ports import SlackError, UnitOfWork


class Shared(StrEnum):
    POSTED = "posted"
    NO_CHANNEL = "no_channel"
    FAILED = "failed"


@dataclass(frozen=True)
class ShareResult:
    status: Shared
    error: str | None = None  # Slack's error code when posting failed


@dataclass(frozen=True)
class Lookup:
    """Someone's card, or whether they can be invited to write one."""

    profile: Profile | None
    reachable: bool  # a person in the workspace (not a bot, not deactivated) who can get a nudge


def share_card(messenger: IntroMessenger, channel_id: str | None, profile: Profile) -> ShareResult:
    """Post the card; when the bot is not in the channel, join it and try once more."""
    if channel_id is None:
        return ShareResult(Shared.NO_CHANNEL)
    try:
        messenger.post_card(channel_id, profile)
    except SlackError as error:
        if error.code != "not_in_channel":
            return ShareResult(Shared.FAILED, error.code)
        try:
            messenger.join(channel_id)
            messenger.post_card(channel_id, profile)
        except SlackError as retry_error:
            return ShareResult(Shared.FAILED, retry_error.code)
    return ShareResult(Shared.POSTED)


def look_up(
    uow_factory: Callable[[], UnitOfWork], messenger: IntroMessenger, team_id: str, user_id: str
) -> Lookup:
    with uow_factory() as uow:
        profile = uow.profiles.get(team_id, user_id)
    if profile is not None:
        return Lookup(profile, reachable=True)
    try:
        member = messenger.member(user_id)
    except SlackError:
        return Lookup(None, reachable=False)
    return Lookup(None, reachable=not (member.is_bot or member.deleted))


def nudge(
    uow_factory: Callable[[], UnitOfWork],
    messenger: IntroMessenger,
    team_id: str,
    user_id: str,
    nudged_by: str,
    now: datetime,
) -> datetime | None:
    """Invite `user_id` to introduce themselves; None when sent, else when the last nudge went."""
    with uow_factory() as uow:
        claimed = uow.profile_invites.claim(team_id, user_id, nudged_by, now, NUDGE_INTERVAL)
        last = None if claimed else uow.profile_invites.last(team_id, user_id)
        uow.commit()
    if claimed:
        messenger.invite(user_id, nudged_by)
        return None
    return last


def say_hi(messenger: IntroMessenger, clicker: str, member: str) -> bool:
    """Open a DM between the clicker and the card's member; False when they clicked their own card."""
    if clicker == member:
        return False
    messenger.say_hi(clicker, member)
    return True
