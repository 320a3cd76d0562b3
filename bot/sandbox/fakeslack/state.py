"""Everything the fake remembers beyond the workspace: messages, views, files, one-time codes."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .common import SlackError
from .workspace import Channel, Workspace


@dataclass
class UploadedFile:
    id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str = ""
    channels: list[str] = field(default_factory=list)


def _no_socket_mode() -> str:
    raise SlackError("internal_error")


class SlackState:
    """Mutable server-side state; method implementations run under `lock`."""

    def __init__(self, workspace: Workspace, bot_token: str, page_size: int, root_url: str) -> None:
        self.workspace = workspace
        self.bot_token = bot_token
        self.app_token = "xapp-1-A0RAPPORT-1111-fakeslackrapport"
        self.open_socket: Callable[[], str] = _no_socket_mode  # FakeSlack installs its Socket Mode server
        self.page_size = page_size
        self.root_url = root_url  # "http://127.0.0.1:PORT/"
        self.lock = threading.RLock()
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.ephemerals: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # The unfurl_links / unfurl_media a message was posted with, by (channel, ts): Slack keeps them
        # out of the message, but whether a link in it is previewed depends on them.
        self.unfurls: dict[tuple[str, str], dict[str, bool]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, UploadedFile] = {}
        self.used_triggers: set[str] = set()
        self.oauth_codes: dict[str, str] = {}  # code -> installing user id
        self.client_id = "1111111111.2222222222"
        self.client_secret = "fake-client-secret"
        self.oauth_scopes = "commands,chat:write,users:read,users:read.email,channels:read,im:write"
        self._last_ts = 0.0
        self._counter = 0

    def next_ts(self) -> str:
        """Slack-style message ts, strictly increasing."""
        with self.lock:
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def next_id(self, prefix: str) -> str:
        with self.lock:
            self._counter += 1
            return f"{prefix}{self._counter:08d}"

    def resolve_channel(self, ref: str) -> Channel:
        """A channel by id, by name ("#coffee" or "coffee"), or a user id (the bot's IM with them)."""
        ws = self.workspace
        if ref in ws.channels:
            return ws.channels[ref]
        if ref in ws.users and not ws.users[ref].deleted and not ws.users[ref].is_bot:
            return ws.open_conversation([ref])
        channel = ws.channel_by_name(ref)
        if channel is None:
            raise SlackError("channel_not_found")
        return channel

    def readable_channel(self, ref: str) -> Channel:
        """Like resolve_channel, but private conversations the bot is not in do not exist for it."""
        channel = self.resolve_channel(ref)
        if not channel.is_public_channel and self.workspace.bot_user_id not in channel.members:
            raise SlackError("channel_not_found")
        return channel

    def find_message(self, channel_id: str, ts: str) -> dict[str, Any]:
        for message in self.messages.get(channel_id, []):
            if message["ts"] == ts:
                return message
        raise SlackError("message_not_found")
