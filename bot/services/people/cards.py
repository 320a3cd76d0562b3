"""Profile cards: sharing one in the introductions channel, showing one, nudging someone to write one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.domain.introductions import NUDGE_INTERVAL
from bot.domain.people.profile import Profile
from bot.services.introductions.ports import IntroMessenger
from bot.services.people.ports import CardPlace
from bot.services.ports import SlackError, UnitOfWork


class Shared(StrEnum):
    POSTED = "posted"
    NO_CHANNEL = "no_channel"
    FAILED = "failed"


@dataclass(frozen=True)
class ShareResult:
    status: Shared
    error: str | None = None  # Slack's error code when posting failed
    replaced: bool = False  # the member's earlier card was deleted from Slack


@dataclass(frozen=True)
class Lookup:
    """Someone's card, or whether they can be invited to write one."""

    profile: Profile | None
    reachable: bool  # a person in the workspace (not a bot, not deactivated) who can get a nudge


def share_card(
    uow_factory: Callable[[], UnitOfWork],
    messenger: IntroMessenger,
    channel_id: str | None,
    profile: Profile,
    now: datetime,
) -> ShareResult:
    """Post the card, remember where, and delete the member's earlier card so only one is up."""
    if channel_id is None:
        return ShareResult(Shared.NO_CHANNEL)
    try:
        ts = _post(messenger, channel_id, profile)
    except SlackError as error:
        return ShareResult(Shared.FAILED, error.code)
    with uow_factory() as uow:
        earlier = uow.profile_cards.get(profile.team_id, profile.user_id)
        uow.profile_cards.remember(profile.team_id, profile.user_id, CardPlace(channel_id, ts), now)
        uow.commit()
    return ShareResult(Shared.POSTED, replaced=earlier is not None and _deleted(messenger, earlier))


def _deleted(messenger: IntroMessenger, card: CardPlace) -> bool:
    """Delete an earlier card; False when Slack refused, or it was deleted by hand already."""
    try:
        messenger.delete_message(card.channel_id, card.ts)
    except SlackError:
        return False
    return True


def _post(messenger: IntroMessenger, channel_id: str, profile: Profile) -> str:
    """Post the card; when the bot is not in the channel, join it and try once more."""
    try:
        return messenger.post_card(channel_id, profile)
    except SlackError as error:
        if error.code != "not_in_channel":
            raise
    messenger.join(channel_id)
    return messenger.post_card(channel_id, profile)


def delete_card(
    uow_factory: Callable[[], UnitOfWork], messenger: IntroMessenger, team_id: str, user_id: str
) -> CardPlace | None:
    """Delete the member's card in Slack; the card's place when Slack refused (None when gone or none).

    The row itself is removed with the rest of the member's data (forgetting).
    """
    with uow_factory() as uow:
        card = uow.profile_cards.get(team_id, user_id)
    if card is None:
        return None
    try:
        messenger.delete_message(card.channel_id, card.ts)
    except SlackError as error:
        if error.code != "message_not_found":  # not found: deleted by hand already
            return card
    return None


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


class SayHi(StrEnum):
    SENT = "sent"
    OWN_CARD = "own_card"
    NO_CARD = "no_card"  # nobody with a profile by that ID here: not a card anyone was shown
    ALREADY_TODAY = "already_today"


def say_hi(
    uow_factory: Callable[[], UnitOfWork],
    messenger: IntroMessenger,
    team_id: str,
    clicker: str,
    member: str,
    now: datetime,
) -> SayHi:
    """Open a DM between the clicker and the card's member: once per pair and UTC day, however often."""
    if clicker == member:
        return SayHi.OWN_CARD
    with uow_factory() as uow:
        if uow.profiles.get(team_id, member) is None:
            return SayHi.NO_CARD
        claimed = uow.profile_cards.claim_say_hi(team_id, clicker, member, now.astimezone(UTC).date(), now)
        uow.commit()
    if not claimed:
        return SayHi.ALREADY_TODAY
    messenger.say_hi(clicker, member)
    return SayHi.SENT


SAY_HI_KEPT = timedelta(days=2)  # a claim matters on its own UTC day; two days cover every clock skew


def forget_old_say_hi_claims(uow_factory: Callable[[], UnitOfWork], now: datetime) -> int:
    with uow_factory() as uow:
        pruned = uow.profile_cards.prune_say_hi((now - SAY_HI_KEPT).astimezone(UTC).date())
        uow.commit()
    return pruned
