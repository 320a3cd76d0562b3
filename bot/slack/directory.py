"""The workspace's people as Slack's users.* methods describe them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.people.ports import DirectoryUser
from bot.slack.adapter import slack_errors, slack_member

_NOT_FOUND = {"users_not_found", "user_not_found"}
PAGE_SIZE = 200  # users.list: Slack recommends no more than 200 a page


class SlackUserDirectory:
    """`UserDirectory` backed by users.info, users.lookupByEmail and users.list (the roster import, and the
    member directory's walk)."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def by_email(self, email: str) -> DirectoryUser | None:
        return self._call(self._client.users_lookupByEmail, email=email)

    def by_id(self, user_id: str) -> DirectoryUser | None:
        return self._call(self._client.users_info, user=user_id)

    def pages(self) -> Iterator[list[DirectoryUser]]:
        cursor = ""
        while True:
            users, cursor = self._page(cursor or None)
            yield users
            if not cursor:
                return

    def page(self, cursor: str | None) -> tuple[list[DirectoryUser], str | None]:
        with slack_errors():
            return self._page(cursor)

    def _page(self, cursor: str | None) -> tuple[list[DirectoryUser], str | None]:
        answer = self._client.users_list(limit=PAGE_SIZE, cursor=cursor)
        users = [_user(member) for member in answer.get("members") or []]
        return users, (answer.get("response_metadata") or {}).get("next_cursor") or None

    def _call(self, method: Any, **kwargs: str) -> DirectoryUser | None:
        try:
            user = method(**kwargs)["user"]
        except SlackApiError as error:
            if error.response.get("error") in _NOT_FOUND:
                return None
            raise
        return _user(user)


def _user(user: dict[str, Any]) -> DirectoryUser:
    member = slack_member(user)
    return DirectoryUser(
        user_id=member.user_id,
        email=(user.get("profile") or {}).get("email"),
        is_bot=member.is_bot,
        deleted=member.deleted,
        name=member.name,
        tz=member.tz,
        utc_offset_minutes=member.utc_offset_minutes,
    )
