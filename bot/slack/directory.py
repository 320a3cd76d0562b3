"""The workspace's people as Slack's users.* methods describe them."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.people.ports import DirectoryUser

_NOT_FOUND = {"users_not_found", "user_not_found"}


class SlackUserDirectory:
    """`UserDirectory` backed by users.info and users.lookupByEmail."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def by_email(self, email: str) -> DirectoryUser | None:
        return self._call(self._client.users_lookupByEmail, email=email)

    def by_id(self, user_id: str) -> DirectoryUser | None:
        return self._call(self._client.users_info, user=user_id)

    def _call(self, method: Any, **kwargs: str) -> DirectoryUser | None:
        try:
            user = method(**kwargs)["user"]
        except SlackApiError as error:
            if error.response.get("error") in _NOT_FOUND:
                return None
            raise
        return DirectoryUser(
            user_id=user["id"],
            email=(user.get("profile") or {}).get("email"),
            is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
            deleted=bool(user.get("deleted")),
        )
