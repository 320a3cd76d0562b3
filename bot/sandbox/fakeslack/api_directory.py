"""auth.*, users.*, conversations.* and oauth.v2.access."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .common import SlackError, as_bool, as_int, as_str
from .state import SlackState

Args = dict[str, Any]
MAX_GROUP_DM = 8


def _encode_cursor(key: str) -> str:
    return base64.b64encode(f"id:{key}".encode()).decode()


def _decode_cursor(cursor: str) -> str:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise SlackError("invalid_cursor") from exc
    if not text.startswith("id:"):
        raise SlackError("invalid_cursor")
    return text[3:]


def paginate(state: SlackState, keys: list[str], args: Args) -> tuple[list[str], str]:
    """Cursor pagination: page = min(limit, page_size) items; returns (page, next_cursor or "")."""
    limit = as_int(args.get("limit"))
    size = min(limit, state.page_size) if limit > 0 else state.page_size
    start = 0
    if args.get("cursor"):
        key = _decode_cursor(as_str(args["cursor"]))
        if key not in keys:
            raise SlackError("invalid_cursor")
        start = keys.index(key)
    page = keys[start : start + size]
    rest = keys[start + size :]
    return page, _encode_cursor(rest[0]) if rest else ""


def auth_test(state: SlackState, args: Args) -> Args:
    ws = state.workspace
    return {
        "url": ws.url,
        "team": ws.team_name,
        "user": ws.bot.name,
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def _user_json(state: SlackState, user_id: str, args: Args) -> Args:
    data = state.workspace.users[user_id].to_json(state.workspace.team_id)
    if as_bool(args.get("include_locale")):
        data["locale"] = "en-US"
    return data


def users_info(state: SlackState, args: Args) -> Args:
    user_id = as_str(args.get("user"))
    if user_id not in state.workspace.users:
        raise SlackError("user_not_found")
    return {"user": _user_json(state, user_id, args)}


def users_list(state: SlackState, args: Args) -> Args:
    page, cursor = paginate(state, list(state.workspace.users), args)
    return {
        "members": [_user_json(state, user_id, args) for user_id in page],
        "cache_ts": 1_700_000_000,
        "response_metadata": {"next_cursor": cursor},
    }


def users_lookup_by_email(state: SlackState, args: Args) -> Args:
    user = state.workspace.user_by_email(as_str(args.get("email")))
    if user is None or user.deleted:
        raise SlackError("users_not_found")
    return {"user": _user_json(state, user.id, args)}


def conversations_info(state: SlackState, args: Args) -> Args:
    channel = state.readable_channel(as_str(args.get("channel")))
    ws = state.workspace
    data = channel.to_json(ws.team_id, ws.bot_user_id, as_bool(args.get("include_num_members")))
    if as_bool(args.get("include_locale")):
        data["locale"] = "en-US"
    return {"channel": data}


def conversations_members(state: SlackState, args: Args) -> Args:
    channel = state.readable_channel(as_str(args.get("channel")))
    page, cursor = paginate(state, list(channel.members), args)
    return {"members": page, "response_metadata": {"next_cursor": cursor}}


def conversations_history(state: SlackState, args: Args) -> Args:
    """Newest first, like Slack; message metadata only with include_all_metadata."""
    channel = state.readable_channel(as_str(args.get("channel")))
    if state.workspace.bot_user_id not in channel.members:
        raise SlackError("not_in_channel")
    newest_first = list(reversed(state.messages.get(channel.id, [])))
    by_ts = {m["ts"]: m for m in newest_first}
    page, cursor = paginate(state, list(by_ts), args)
    with_metadata = as_bool(args.get("include_all_metadata"))
    messages = [{k: v for k, v in by_ts[ts].items() if with_metadata or k != "metadata"} for ts in page]
    return {"messages": messages, "has_more": bool(cursor), "response_metadata": {"next_cursor": cursor}}


def conversations_join(state: SlackState, args: Args) -> Args:
    channel = state.readable_channel(as_str(args.get("channel")))
    ws = state.workspace
    if not channel.is_public_channel:
        raise SlackError("method_not_supported_for_channel_type")
    if channel.is_archived:
        raise SlackError("is_archived")
    answer: Args = {}
    if ws.bot_user_id in channel.members:
        answer = {"warning": "already_in_channel", "response_metadata": {"warnings": ["already_in_channel"]}}
    else:
        channel.members.append(ws.bot_user_id)
    return {"channel": channel.to_json(ws.team_id, ws.bot_user_id), **answer}


def _dm_targets(state: SlackState, users: str) -> list[str]:
    ids = [u.strip() for u in users.split(",") if u.strip()]
    if not ids:
        raise SlackError("users_list_not_supplied")
    if len(ids) > MAX_GROUP_DM:
        raise SlackError("too_many_users")
    for user_id in ids:
        user = state.workspace.users.get(user_id)
        if user is None:
            raise SlackError("user_not_found")
        if user.deleted:
            raise SlackError("user_disabled")
        if user.is_bot and user_id != state.workspace.bot_user_id:
            raise SlackError("cannot_dm_bot")
    return ids


def conversations_open(state: SlackState, args: Args) -> Args:
    ws = state.workspace
    if args.get("channel"):
        channel = state.readable_channel(as_str(args["channel"]))
        if not (channel.is_im or channel.is_mpim):
            raise SlackError("channel_not_found")
        return {"no_op": True, "already_open": True, "channel": {"id": channel.id}}
    ids = _dm_targets(state, as_str(args.get("users")))
    existing = set(ws.channels)
    channel = ws.open_conversation(ids)
    answer: Args = {"channel": {"id": channel.id}}
    if channel.id in existing:
        answer = {"no_op": True, "already_open": True, **answer}
    if as_bool(args.get("return_im")):
        answer["channel"] = channel.to_json(ws.team_id, ws.bot_user_id)
    return answer


def oauth_v2_access(state: SlackState, args: Args) -> Args:
    if args.get("client_id") != state.client_id:
        raise SlackError("invalid_client_id")
    if args.get("client_secret") != state.client_secret:
        raise SlackError("bad_client_secret")
    installer = state.oauth_codes.pop(as_str(args.get("code")), None)
    if installer is None:
        raise SlackError("invalid_code")
    ws = state.workspace
    return {
        "access_token": state.bot_token,
        "token_type": "bot",
        "scope": state.oauth_scopes,
        "bot_user_id": ws.bot_user_id,
        "app_id": ws.app_id,
        "team": {"name": ws.team_name, "id": ws.team_id},
        "enterprise": None,
        "is_enterprise_install": False,
        "authed_user": {"id": installer},
    }


METHODS = {
    "auth.test": auth_test,
    "users.info": users_info,
    "users.list": users_list,
    "users.lookupByEmail": users_lookup_by_email,
    "conversations.info": conversations_info,
    "conversations.members": conversations_members,
    "conversations.join": conversations_join,
    "conversations.history": conversations_history,
    "conversations.open": conversations_open,
    "oauth.v2.access": oauth_v2_access,
}
