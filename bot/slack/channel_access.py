"""Who can read a channel, as Slack says (conversations.info, then conversations.members), remembered briefly.

A public channel can be read by anyone in the workspace; a private channel by its members. When Slack does
not answer, or does not know the channel (a private channel Rapport is not in is `channel_not_found` to it),
nobody can: the caller then shows nothing, and one line is logged. Each answer, a failure too, is kept for
READERS_KEPT_FOR per workspace and channel, so a list of events or a tick's reminders asks Slack once per
channel, and someone who leaves a channel stops seeing what was posted there within that time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.log_redaction import loggable
from bot.services.ports import SlackError
from bot.slack.adapter import slack_errors

READERS_KEPT_FOR = timedelta(seconds=60)
CHANNELS_KEPT = 500  # at most this many channels remembered at once: a forged form can name any channel
MEMBERS_PAGE = 200

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Readers:
    """Who can read a channel: everyone in the workspace, or its members."""

    everyone: bool
    members: frozenset[str] = frozenset()


NOBODY = Readers(everyone=False)


def is_public(channel: dict[str, Any]) -> bool:
    """A public channel, as conversations.info describes it (not private, not a DM or group DM)."""
    private = channel.get("is_private") or channel.get("is_im") or channel.get("is_mpim")
    return bool(channel.get("is_channel")) and not private


def readers_of(client: WebClient, channel_id: str) -> Readers:
    """Ask Slack; raises SlackError when it refuses."""
    with slack_errors():
        channel = client.conversations_info(channel=channel_id)["channel"]
        if is_public(channel):
            return Readers(everyone=True)
        if channel.get("is_im"):
            return NOBODY  # Rapport posts nothing members answer in a DM
        members: set[str] = set()
        cursor: str | None = None
        while True:
            page = client.conversations_members(channel=channel_id, limit=MEMBERS_PAGE, cursor=cursor)
            members.update(page["members"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return Readers(everyone=False, members=frozenset(members))


class SlackChannelAccess:
    """`ChannelAccess` for every workspace, with one short-lived memory shared by all requests and jobs."""

    def __init__(
        self,
        client_for: Callable[[str], WebClient],
        clock: Callable[[], datetime],
        kept_for: timedelta = READERS_KEPT_FOR,
    ) -> None:
        self._client_for = client_for
        self._clock = clock
        self._kept_for = kept_for
        self._kept: dict[tuple[str, str], tuple[datetime, Readers]] = {}  # when asked; oldest first
        self._lock = threading.Lock()

    def can_read(self, team_id: str, channel_id: str, user_id: str) -> bool:
        readers = self.readers(team_id, channel_id)
        return readers.everyone or user_id in readers.members

    def is_public(self, team_id: str, channel_id: str) -> bool:
        return self.readers(team_id, channel_id).everyone

    def readers(self, team_id: str, channel_id: str) -> Readers:
        key, now = (team_id, channel_id), self._clock()
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] <= now < kept[0] + self._kept_for:
            return kept[1]
        try:
            readers = readers_of(self._client_for(team_id), channel_id)
        except SlackError as error:
            log.warning(
                "Could not tell who can read channel %s of workspace %s (%s): it is shown to nobody for %d s",
                loggable(channel_id),
                loggable(team_id),
                loggable(error.code),
                self._kept_for.total_seconds(),
            )
            readers = NOBODY
        self._keep(key, now, readers)
        return readers

    def _keep(self, key: tuple[str, str], asked_at: datetime, readers: Readers) -> None:
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = (asked_at, readers)
            while len(self._kept) > CHANNELS_KEPT:
                del self._kept[next(iter(self._kept))]
