"""The fake workspace's data model: users and channels, rendered in the shape Slack's API returns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

TZ_LABELS: dict[str, tuple[str, int]] = {
    # Labels/offsets as Slack reports them in late August (northern summer time).
    "America/Los_Angeles": ("Pacific Daylight Time", -25200),
    "America/New_York": ("Eastern Daylight Time", -14400),
    "Europe/London": ("British Summer Time", 3600),
    "Asia/Kolkata": ("India Standard Time", 19800),
}
CREATED = 1_700_000_000


@dataclass
class User:
    id: str
    name: str
    real_name: str
    display_name: str = ""
    email: str | None = None
    tz: str = "America/Los_Angeles"
    title: str = ""
    is_admin: bool = False
    is_owner: bool = False
    is_primary_owner: bool = False
    is_restricted: bool = False
    is_bot: bool = False
    bot_id: str | None = None
    app_id: str | None = None
    deleted: bool = False

    def to_json(self, team_id: str) -> dict[str, Any]:
        """A users.info-shaped object. Deleted users lose tz and role flags, as on Slack."""
        user: dict[str, Any] = {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "deleted": self.deleted,
            "color": _color(self.id),
            "real_name": self.real_name,
        }
        if not self.deleted:
            label, offset = TZ_LABELS.get(self.tz, (self.tz, 0))
            user.update(tz=self.tz, tz_label=label, tz_offset=offset)
        user["profile"] = self._profile(team_id)
        if not self.deleted:
            user.update(
                is_admin=self.is_admin,
                is_owner=self.is_owner,
                is_primary_owner=self.is_primary_owner,
                is_restricted=self.is_restricted,
                is_ultra_restricted=False,
            )
        user.update(is_bot=self.is_bot, is_app_user=False, updated=CREATED)
        if not self.is_bot and not self.deleted:
            user["has_2fa"] = False
        return user

    def _profile(self, team_id: str) -> dict[str, Any]:
        first, _, last = self.real_name.partition(" ")
        avatar = f"https://avatars.example.com/{self.id}"
        profile: dict[str, Any] = {
            "title": self.title,
            "phone": "",
            "skype": "",
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "display_name": self.display_name,
            "display_name_normalized": self.display_name,
            "first_name": first,
            "last_name": last,
            "status_text": "",
            "status_emoji": "",
            "avatar_hash": _color(self.id) * 2,
            "image_24": f"{avatar}_24.png",
            "image_48": f"{avatar}_48.png",
            "image_72": f"{avatar}_72.png",
            "image_192": f"{avatar}_192.png",
            "team": team_id,
        }
        if self.email:
            profile["email"] = self.email
        if self.is_bot:
            profile.update(bot_id=self.bot_id, api_app_id=self.app_id, always_active=True)
        return profile


@dataclass
class Channel:
    id: str
    name: str = ""
    members: list[str] = field(default_factory=list)
    is_private: bool = False
    is_im: bool = False
    is_mpim: bool = False
    is_archived: bool = False
    is_general: bool = False
    topic: str = ""
    purpose: str = ""
    creator: str = ""

    @property
    def is_public_channel(self) -> bool:
        return not (self.is_private or self.is_im or self.is_mpim)

    def to_json(self, team_id: str, viewer: str, num_members: bool = False) -> dict[str, Any]:
        """A conversations.info-shaped object as seen by the user `viewer` (the bot)."""
        if self.is_im:
            other = next((m for m in self.members if m != viewer), viewer)
            data: dict[str, Any] = {
                "id": self.id,
                "created": CREATED,
                "is_im": True,
                "is_org_shared": False,
                "user": other,
                "is_open": True,
                "last_read": "0000000000.000000",
                "priority": 0,
            }
        else:
            data = self._channel_json(team_id, viewer)
        if num_members:
            data["num_members"] = len(self.members)
        return data

    def _channel_json(self, team_id: str, viewer: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_normalized": self.name,
            "is_channel": self.is_public_channel,
            "is_group": self.is_private and not self.is_mpim,
            "is_im": False,
            "is_mpim": self.is_mpim,
            "is_private": self.is_private or self.is_mpim,
            "created": CREATED,
            "creator": self.creator,
            "is_archived": self.is_archived,
            "is_general": self.is_general,
            "unlinked": 0,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_pending_ext_shared": False,
            "pending_shared": [],
            "context_team_id": team_id,
            "shared_team_ids": [team_id],
            "is_member": viewer in self.members,
            "previous_names": [],
            "topic": self._about(self.topic),
            "purpose": self._about(self.purpose),
        }

    def _about(self, value: str) -> dict[str, Any]:
        return {"value": value, "creator": self.creator if value else "", "last_set": 0}


@dataclass
class Workspace:
    """Users and channels, plus seed facts Slack itself does not know (who is an intern)."""

    team_id: str = "T0RAPPORT"
    team_name: str = "Rapport Test"
    domain: str = "rapport-test"
    bot_user_id: str = "UBOTRAPPORT"
    bot_id: str = "BRAPPORT"
    app_id: str = "ARAPPORT"
    users: dict[str, User] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    interns: list[str] = field(default_factory=list)
    colleagues: list[str] = field(default_factory=list)
    admin_id: str = ""
    owner_id: str = ""

    @property
    def url(self) -> str:
        return f"https://{self.domain}.slack.com/"

    @property
    def bot(self) -> User:
        return self.users[self.bot_user_id]

    @property
    def humans(self) -> list[User]:
        """Active, non-bot users other than Slackbot."""
        return [u for u in self.users.values() if not (u.is_bot or u.deleted or u.id == "USLACKBOT")]

    def add_user(self, user: User) -> User:
        self.users[user.id] = user
        return user

    def add_channel(self, channel: Channel) -> Channel:
        self.channels[channel.id] = channel
        return channel

    def deactivate(self, user_id: str) -> None:
        self.users[user_id].deleted = True

    def user(self, user_id: str) -> User:
        return self.users[user_id]

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((u for u in self.users.values() if (u.email or "").lower() == wanted), None)

    def channel_by_name(self, name: str) -> Channel | None:
        bare = name.lstrip("#")
        return next((c for c in self.channels.values() if c.name == bare and not c.is_im), None)

    def open_conversation(self, user_ids: list[str]) -> Channel:
        """The bot's IM (one user) or group DM (several) with these users: same set, same id."""
        people = sorted(set(user_ids) - {self.bot_user_id})
        digest = hashlib.sha1(",".join(people).encode()).hexdigest()[:9].upper()
        channel_id = ("D" if len(people) == 1 else "G") + digest
        if channel_id not in self.channels:
            is_im = len(people) == 1
            name = "" if is_im else "mpdm-" + "--".join(self.users[p].name for p in people) + "-1"
            self.add_channel(
                Channel(
                    id=channel_id,
                    name=name,
                    members=[self.bot_user_id, *people],
                    is_im=is_im,
                    is_mpim=not is_im,
                    is_private=not is_im,
                    creator=self.bot_user_id,
                )
            )
        return self.channels[channel_id]


def _color(user_id: str) -> str:
    return hashlib.md5(user_id.encode()).hexdigest()[:6]
