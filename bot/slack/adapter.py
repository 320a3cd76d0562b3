"""What every Slack adapter shares: Slack's errors as SlackError, people lookups, posting."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.request import Request, urlopen

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.ports import SlackError, SlackMember


@contextmanager
def slack_errors() -> Iterator[None]:
    """Slack's refusals reach the use cases as SlackError with Slack's error code.

    A 5xx that outlasted the client's retries becomes `slack_http_5xx`; a timeout or a dropped
    connection becomes `timeout` / `connection_error`, so one group's failure is recorded and the
    others still go out (a timed-out post may have reached Slack: resuming looks for it first).
    """
    try:
        yield
    except SlackApiError as error:
        status = error.response.status_code
        if status >= 500:
            raise SlackError(f"slack_http_{status}") from None
        raise SlackError(str(error.response.get("error") or "unknown_error")) from None
    except TimeoutError:
        raise SlackError("timeout") from None
    except OSError as error:
        raise SlackError(f"connection_error: {error.__class__.__name__}") from None


def slack_member(user: dict[str, Any]) -> SlackMember:
    """A user object as users.info and the team_join / user_change events carry it."""
    profile = user.get("profile") or {}
    offset = user.get("tz_offset")
    return SlackMember(
        user_id=user["id"],
        name=profile.get("display_name") or user.get("real_name") or user.get("name") or user["id"],
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        deleted=bool(user.get("deleted")),
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
        tz=user.get("tz"),
        utc_offset_minutes=None if offset is None else int(offset) // 60,
        email=profile.get("email") or None,
    )


NOT_A_USER = frozenset({"user_not_found", "users_not_found"})
NO_PREVIEWS = {"unfurl_links": False, "unfurl_media": False}
"""For posts that carry what people wrote (asks, offers, kudos, updates, events) in a channel: their links
get no preview, so nobody's link grows a card, or makes Slack fetch a page, in front of everyone.
chat.update takes no such flags: an edit keeps the post's."""
BULK_LOOKUP = 100  # from this many people on, one users.list walk beats users.info for each
USERS_PAGE = 200


class SlackAdapter:
    """One workspace's WebClient; people are cached so a round looks each person up once."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._people: dict[str, SlackMember] = {}

    def member(self, user_id: str) -> SlackMember:
        """Raises SlackError (e.g. "user_not_found")."""
        if user_id not in self._people:
            with slack_errors():
                self._people[user_id] = slack_member(self._client.users_info(user=user_id)["user"])
        return self._people[user_id]

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        """Many people at once; anyone Slack does not know is left out.

        users.info is Tier 4 (about 100 calls a minute), so a 2,000-person channel would take 20
        minutes to look up one by one. users.list is Tier 2 (about 20 pages of 200 a minute): for a
        large group, walk it until everyone wanted is found, then look up any stragglers singly.
        """
        wanted = [u for u in dict.fromkeys(user_ids) if u not in self._people]
        if len(wanted) >= BULK_LOOKUP:
            self._walk_users_list(set(wanted))
        found: dict[str, SlackMember] = {}
        for user_id in user_ids:
            try:
                found[user_id] = self.member(user_id)
            except SlackError as error:
                if error.code not in NOT_A_USER:
                    raise
        return found

    def _walk_users_list(self, wanted: set[str]) -> None:
        cursor: str | None = None
        with slack_errors():
            while wanted:
                page = self._client.users_list(limit=USERS_PAGE, cursor=cursor)
                for user in page["members"]:
                    self._people[user["id"]] = slack_member(user)
                    wanted.discard(user["id"])
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return

    def bot_user_id(self) -> str:
        with slack_errors():
            return self._client.auth_test()["user_id"]

    def join(self, channel_id: str) -> None:
        with slack_errors():
            self._client.conversations_join(channel=channel_id)

    def _post(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None,
        metadata: dict[str, Any] | None = None,
        previews: bool = True,
    ) -> str:
        flags = {} if previews else NO_PREVIEWS
        with slack_errors():
            return self._client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, metadata=metadata, **flags
            )["ts"]

    def _upload(self, channel: str, filename: str, content: str, comment: str) -> str:
        """Slack's external upload: ask for a URL, POST the bytes there, then share it into `channel`
        (a conversation ID); returns the file's ID."""
        data = content.encode("utf-8")
        with slack_errors():
            ticket = self._client.files_getUploadURLExternal(filename=filename, length=len(data))
        request = Request(ticket["upload_url"], data=data, method="POST")
        try:
            with urlopen(request, timeout=self._client.timeout, context=self._client.ssl) as answer:
                if answer.status != 200:
                    raise SlackError(f"upload_failed_{answer.status}")
        except OSError as error:
            raise SlackError("upload_failed") from error
        files = [{"id": ticket["file_id"], "title": filename}]
        with slack_errors():
            self._client.files_completeUploadExternal(
                files=files, channel_id=channel, initial_comment=comment
            )
        return ticket["file_id"]

    def _open(self, user_ids: list[str] | tuple[str, ...]) -> str:
        with slack_errors():
            return self._client.conversations_open(users=",".join(user_ids))["channel"]["id"]
