"""Kudos: thank someone in public (`/kudos`, or Post kudos publicly on a thank-you nudge).

The thank-you is stored before it is posted, so the daily limit counts it whatever happens next (counted
while the sender's hold row is locked, so kudos sent at the same moment are counted one by one); when
Slack refuses both the kudos channel and the DM, the row goes again and the sender is told why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.help.kudos import (
    Kudos,
    KudosCounts,
    KudosFigures,
    Recipient,
    Refusal,
    check_kudos,
    nudge_line,
    tidy,
    window_start,
)
from bot.services.followups.nudges import answer_nudge, thank_you_drafts
from bot.services.followups.ports import FollowUpMessenger, NudgeStatus
from bot.services.help.ports import KudosMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory, best_effort


@dataclass(frozen=True)
class Sent:
    """What became of a thank-you: where it went, or why it did not go."""

    kudos: Kudos | None
    refusal: Refusal | None = None
    channel_id: str | None = None  # the kudos channel it is in; None when it went as a DM
    channel_error: str | None = None  # why the kudos channel refused it (it went as a DM instead)
    error: str | None = None  # Slack refused the DM too: nothing was posted


def recipient(messenger: KudosMessenger, user_id: str) -> Recipient:
    try:
        member = messenger.member(user_id)
    except SlackError:
        return Recipient(user_id, known=False)
    return Recipient(user_id, known=True, is_bot=member.is_bot, deleted=member.deleted)


def send_kudos(
    uow: UnitOfWorkFactory,
    messenger: KudosMessenger,
    channel_id: str | None,
    team_id: str,
    sender: str,
    to_user_id: str,
    text: str,
    now: datetime,
) -> Sent:
    """Check, store, then post in the kudos channel (or as a DM to the person when none is set)."""
    text = tidy(text)
    who = recipient(messenger, to_user_id) if to_user_id != sender and text else Recipient(to_user_id, True)
    with uow() as work:
        work.member_holds.hold(team_id, sender, now)  # their other kudos wait here until this one is in
        sent_today = work.kudos.sent_since(team_id, sender, window_start(now))
        refusal = check_kudos(sender, who, text, sent_today)
        if refusal is not None:
            return Sent(None, refusal)
        kudos = work.kudos.add(team_id, sender, to_user_id, text, now)
        work.commit()
    channel_error = None
    if channel_id is not None:
        try:
            channel, ts = messenger.post_kudos(channel_id, kudos, in_dm=False)
            return _posted(uow, kudos, channel, ts, channel_id)
        except SlackError as error:
            channel_error = error.code
    try:
        channel, ts = messenger.post_kudos(to_user_id, kudos, in_dm=True)
    except SlackError as error:
        with uow() as work:
            work.kudos.remove(kudos.id)
            work.commit()
        return Sent(None, channel_error=channel_error, error=error.code)
    sent = _posted(uow, kudos, channel, ts, None)
    return Sent(sent.kudos, channel_error=channel_error)


def _posted(uow: UnitOfWorkFactory, kudos: Kudos, channel: str, ts: str, where: str | None) -> Sent:
    with uow() as work:
        work.kudos.set_message(kudos.id, channel, ts)
        work.commit()
    return Sent(kudos, channel_id=where)


def kudos_counts(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> KudosCounts:
    with uow() as work:
        return work.kudos.counts(team_id, user_id)


def kudos_figures(uow: UnitOfWorkFactory, team_id: str) -> KudosFigures:
    with uow() as work:
        return work.kudos.figures(team_id)


@dataclass(frozen=True)
class NudgeKudos:
    """What the Post kudos publicly modal starts with: whom the member met, and a line to edit."""

    people: list[str]
    line: str


def kudos_from_nudge(
    uow: UnitOfWorkFactory, followups: FollowUpMessenger, team_id: str, user_id: str, channel: str, ts: str
) -> NudgeKudos:
    """The people of the member's open nudge message, the first one's drafted thank-you as the line."""
    drafts = thank_you_drafts(uow, followups, team_id, user_id, channel, ts)
    return NudgeKudos([d.person.user_id for d in drafts], nudge_line(drafts[0].draft) if drafts else "")


def post_from_nudge(
    uow: UnitOfWorkFactory,
    messenger: KudosMessenger,
    followups: FollowUpMessenger,
    channel_id: str | None,
    team_id: str,
    sender: str,
    to_user_id: str,
    text: str,
    nudge: tuple[str, str] | None,
    now: datetime,
) -> Sent:
    """Post the kudos like /kudos; once it is out, the nudge it came from is done (and says so)."""
    sent = send_kudos(uow, messenger, channel_id, team_id, sender, to_user_id, text, now)
    if sent.kudos is None or nudge is None:
        return sent
    nudge_channel, nudge_ts = nudge
    if answer_nudge(uow, followups, sender, nudge_channel, nudge_ts, NudgeStatus.DONE, now):
        with best_effort():  # the kudos is out and the nudge done; at worst its buttons stay
            followups.close_nudge(nudge_channel, nudge_ts, f"Kudos posted for <@{to_user_id}> — nice! ✓")
    return sent
