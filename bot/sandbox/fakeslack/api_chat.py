"""chat.* and the two-step external file upload (files.getUploadURLExternal / completeUploadExternal)."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from .blockkit import MESSAGE_TEXT, check_blocks
from .common import SlackError, as_bool, as_int, as_str
from .state import SlackState, UploadedFile
from .workspace import Channel

Args = dict[str, Any]
UNFURL_FLAGS = ("unfurl_links", "unfurl_media")


def postable(state: SlackState, ref: str) -> Channel:
    """The channel the bot may post to, or Slack's error for why it may not."""
    channel = state.readable_channel(ref)
    if state.workspace.bot_user_id not in channel.members:
        raise SlackError("not_in_channel")
    if channel.is_archived:
        raise SlackError("is_archived")
    return channel


def check_content(args: Args, need_content: bool = True) -> None:
    text = as_str(args.get("text"))
    if len(text) > MESSAGE_TEXT:
        raise SlackError("msg_too_long", violations=[f"text is {len(text)} chars (max {MESSAGE_TEXT})"])
    if "blocks" in args:
        problems = check_blocks(args["blocks"])
        if problems:
            raise SlackError("invalid_blocks", violations=problems)
    content = ("blocks", "attachments", "markdown_text")
    if need_content and not (text or any(args.get(key) for key in content)):
        raise SlackError("no_text")


def with_block_ids(blocks: list[dict[str, Any]], ts: str) -> list[dict[str, Any]]:
    """Slack fills in a block_id for every block that has none."""
    filled = json.loads(json.dumps(blocks))  # a deep copy of JSON, several times faster than copy.deepcopy
    for i, block in enumerate(filled):
        block.setdefault("block_id", f"fake{ts[-6:]}{i}")
    return filled


def _message(state: SlackState, args: Args, ts: str) -> Args:
    ws = state.workspace
    message: Args = {
        "user": ws.bot_user_id,
        "type": "message",
        "ts": ts,
        "bot_id": ws.bot_id,
        "app_id": ws.app_id,
        "text": as_str(args.get("text")),
        "team": ws.team_id,
        "bot_profile": {
            "id": ws.bot_id,
            "app_id": ws.app_id,
            "name": ws.bot.real_name,
            "deleted": False,
            "team_id": ws.team_id,
        },
    }
    if args.get("blocks"):
        message["blocks"] = with_block_ids(args["blocks"], ts)
    for key in ("thread_ts", "attachments", "metadata"):
        if args.get(key):
            message[key] = args[key]
    return message


def chat_post_message(state: SlackState, args: Args) -> Args:
    channel = postable(state, as_str(args.get("channel")))
    check_content(args)
    ts = state.next_ts()
    message = _message(state, args, ts)
    state.messages[channel.id].append(message)
    state.unfurls[(channel.id, ts)] = {flag: as_bool(args[flag]) for flag in UNFURL_FLAGS if flag in args}
    return {"channel": channel.id, "ts": ts, "message": message}


def chat_post_ephemeral(state: SlackState, args: Args) -> Args:
    channel = postable(state, as_str(args.get("channel")))
    user_id = as_str(args.get("user"))
    if user_id not in channel.members:
        raise SlackError("user_not_in_channel")
    check_content(args)
    ts = state.next_ts()
    state.ephemerals[channel.id].append({**_message(state, args, ts), "visible_to": user_id})
    return {"message_ts": ts}


def chat_update(state: SlackState, args: Args) -> Args:
    channel = state.readable_channel(as_str(args.get("channel")))
    message = state.find_message(channel.id, as_str(args.get("ts")))
    if message.get("bot_id") != state.workspace.bot_id:
        raise SlackError("cant_update_message")
    check_content(args, need_content=False)
    if "text" in args:
        message["text"] = as_str(args["text"])
    if "blocks" in args:
        message["blocks"] = with_block_ids(args["blocks"], message["ts"])
    message["edited"] = {"user": state.workspace.bot_user_id, "ts": state.next_ts()}
    return {"channel": channel.id, "ts": message["ts"], "text": message["text"], "message": message}


def chat_delete(state: SlackState, args: Args) -> Args:
    """A bot may delete only its own messages; a second delete finds nothing."""
    channel = state.readable_channel(as_str(args.get("channel")))
    message = state.find_message(channel.id, as_str(args.get("ts")))
    if message.get("bot_id") != state.workspace.bot_id:
        raise SlackError("cant_delete_message")
    state.messages[channel.id].remove(message)
    return {"channel": channel.id, "ts": message["ts"]}


def chat_get_permalink(state: SlackState, args: Args) -> Args:
    """A message's permalink, as Slack builds it: the workspace URL, archives, channel, p + ts digits;
    a thread reply adds its thread and channel."""
    channel = state.readable_channel(as_str(args.get("channel")))
    message = state.find_message(channel.id, as_str(args.get("message_ts")))
    link = f"{state.workspace.url}archives/{channel.id}/p{message['ts'].replace('.', '')}"
    thread = message.get("thread_ts")
    if thread and thread != message["ts"]:
        link += f"?thread_ts={thread}&cid={channel.id}"
    return {"channel": channel.id, "permalink": link}


def files_get_upload_url_external(state: SlackState, args: Args) -> Args:
    length = as_int(args.get("length"), -1)
    if length <= 0:
        raise SlackError("invalid_arguments", violations=[f"length must be a positive integer, got {length}"])
    file_id = state.next_id("F")
    state.files[file_id] = UploadedFile(id=file_id, filename=as_str(args.get("filename")), length=length)
    return {"upload_url": f"{state.root_url}upload/v1/{file_id}", "file_id": file_id}


def _file_json(state: SlackState, upload: UploadedFile) -> Args:
    mimetype = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
    return {
        "id": upload.id,
        "created": 1_700_000_000,
        "timestamp": 1_700_000_000,
        "name": upload.filename,
        "title": upload.title or upload.filename,
        "mimetype": mimetype,
        "filetype": upload.filename.rpartition(".")[2] or "binary",
        "user": state.workspace.bot_user_id,
        "size": len(upload.content or b""),
        "channels": list(upload.channels),
        "url_private": f"{state.root_url}files/{upload.id}/{upload.filename}",
    }


def _uploads(state: SlackState, files: Any) -> list[UploadedFile]:
    if not isinstance(files, list) or not files:
        raise SlackError("invalid_arguments", violations=["files must be a non-empty JSON list"])
    uploads = []
    for item in files:
        upload = state.files.get(as_str(item.get("id")) if isinstance(item, dict) else "")
        if upload is None or upload.content is None:
            raise SlackError("file_not_found")
        upload.title = as_str(item.get("title")) or upload.title
        uploads.append(upload)
    return uploads


def _channel_id(state: SlackState, ref: str) -> str:
    """channel_id takes a conversation ID only (a DM's D…, not a user ID or a name), unlike `channels`."""
    if ref not in state.workspace.channels:
        raise SlackError("channel_not_found", violations=[f"channel_id {ref!r} is not a conversation ID"])
    return ref


def files_complete_upload_external(state: SlackState, args: Args) -> Args:
    uploads = _uploads(state, args.get("files"))
    refs = [_channel_id(state, as_str(args["channel_id"]))] if args.get("channel_id") else []
    refs += [c for c in as_str(args.get("channels")).split(",") if c]  # these may be user IDs
    channels = [postable(state, ref) for ref in refs]
    for channel in channels:
        for upload in uploads:
            upload.channels.append(channel.id)
        share = {"text": as_str(args.get("initial_comment")), "thread_ts": args.get("thread_ts")}
        message = _message(state, {k: v for k, v in share.items() if v}, state.next_ts())
        message.update(upload=True, files=[_file_json(state, u) for u in uploads])
        state.messages[channel.id].append(message)
    return {"files": [_file_json(state, u) for u in uploads]}


METHODS = {
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "chat.delete": chat_delete,
    "chat.getPermalink": chat_get_permalink,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
}
