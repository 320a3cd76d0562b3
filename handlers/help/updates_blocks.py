"""Block Kit for sharing updates: the monthly prompt, the modal, the post, the weekly notice, the
recap's farewell draft and the two switches on App Home."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.domain.help.updates import (
    UPDATE_LIMIT,
    SharedUpdate,
    Sharer,
    UpdateKind,
    notice_line,
    shared_summary,
    sharer_line,
)
from handlers.blockkit import SECTION_LIMIT, section
from handlers.events.blocks import when
from handlers.text import clip, escape

UPDATE_CALLBACK = "update_share"
WRITE_UPDATE = "update_write"
FAREWELL_POST, FAREWELL_EDIT = "farewell_post", "farewell_edit"
PROMPTS_ON, PROMPTS_OFF = "home_update_prompts_on", "home_update_prompts_off"
NOTICES_ON, NOTICES_OFF = "home_update_notices_on", "home_update_notices_off"
SHARERS_IN_HOME = 5  # the most recent; `rapport stats` lists them all
_KEPT_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]{2,31})&gt;")


def with_mentions(text: str) -> str:
    """Escaped text in which only plain user mentions (<@U123>) stay mentions: no <!channel>, no links."""
    return _KEPT_MENTION.sub(r"<@\1>", escape(text))


def _button(action_id: str, label: str, value: str, primary: bool = False) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label},
        "value": value,
    }
    if primary:
        button["style"] = "primary"
    return button


def prompt_text(met: int) -> str:
    return f"Share an update with the {met} {'person' if met == 1 else 'people'} you've met"


def prompt_blocks(met: int) -> list[dict[str, Any]]:
    return [
        section(
            f"*{prompt_text(met)}* ✍️\nA few lines on what you've been working on keeps your new connections "
            "in the loop. I've drafted one from your profile for you to edit; it goes to #introductions."
        ),
        {
            "type": "actions",
            "block_id": "update_prompt",
            "elements": [_button(WRITE_UPDATE, "Write my update", UpdateKind.UPDATE.value, primary=True)],
        },
    ]


def update_modal(kind: UpdateKind, draft: str) -> dict[str, Any]:
    farewell = kind is UpdateKind.FAREWELL
    return {
        "type": "modal",
        "callback_id": UPDATE_CALLBACK,
        "private_metadata": kind.value,
        "title": {"type": "plain_text", "text": "Your farewell post" if farewell else "Share an update"},
        "submit": {"type": "plain_text", "text": "Post"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(
                "Edit it as you like: it is posted in the introductions channel, and the people you've met "
                "get a link to it. `<@…>` mentions stay mentions."
            ),
            {
                "type": "input",
                "block_id": "update",
                "label": {"type": "plain_text", "text": "Your update"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "max_length": UPDATE_LIMIT,
                    "initial_value": draft[:UPDATE_LIMIT],
                },
            },
        ],
    }


def read_update_form(view: dict[str, Any]) -> tuple[str, str]:
    """(the text typed, the kind the modal says) — both untrusted."""
    text = _dig(view, "state", "values", "update", "text", "value")
    kind = view.get("private_metadata")
    return (text if isinstance(text, str) else ""), (kind if isinstance(kind, str) else "")


def _dig(found: Any, *keys: str) -> Any:
    """found[k1][k2]…, or None as soon as something on the way is not a dict."""
    for key in keys:
        if not isinstance(found, dict):
            return None
        found = found.get(key)
    return found


def post_text(author: str, kind: UpdateKind) -> str:
    return f"Farewell from <@{author}>" if kind is UpdateKind.FAREWELL else f"An update from <@{author}>"


def post_blocks(author: str, kind: UpdateKind, text: str) -> list[dict[str, Any]]:
    icon = "👋" if kind is UpdateKind.FAREWELL else "📣"
    head = f"*{post_text(author, kind)}* {icon}\n"
    return [section(head + clip(with_mentions(text), SECTION_LIMIT - len(head)))]


def notices_blocks(updates: Sequence[SharedUpdate]) -> list[dict[str, Any]]:
    return [section(notice_line(updates))]


def farewell_blocks(draft: str) -> list[dict[str, Any]]:
    """The recap's drafted farewell, with its two buttons."""
    quoted = "\n".join(f"> {line}" for line in with_mentions(draft).splitlines())
    return [
        section(f"*Say goodbye in #introductions* — here is a farewell post drafted for you:\n{quoted}"),
        {
            "type": "actions",
            "block_id": "farewell",
            "elements": [
                _button(FAREWELL_POST, "Post it in #introductions", UpdateKind.FAREWELL.value, primary=True),
                _button(FAREWELL_EDIT, "Edit first", UpdateKind.FAREWELL.value),
            ],
        },
    ]


def updates_settings_blocks(prompts_on: bool, notices_on: bool, intern: bool) -> list[dict[str, Any]]:
    """App Home's two switches; the monthly prompt only for interns."""
    blocks = []
    if intern:
        blocks.append(
            _switch(
                "update_prompts",
                prompts_on,
                "*Monthly update reminder* is on: once a month I'll offer a drafted update to share.",
                "*Monthly update reminder* is off.",
                PROMPTS_OFF,
                PROMPTS_ON,
            )
        )
    blocks.append(
        _switch(
            "update_notices",
            notices_on,
            "*Updates from people I've met* are on: at most one message a week with links to them.",
            "*Updates from people I've met* are off.",
            NOTICES_OFF,
            NOTICES_ON,
        )
    )
    return blocks


def _switch(block_id: str, on: bool, on_text: str, off_text: str, off: str, on_action: str) -> dict[str, Any]:
    button = _button(off, "Turn off", "off") if on else _button(on_action, "Turn on", "on", primary=True)
    return {
        "type": "section",
        "block_id": block_id,
        "text": {"type": "mrkdwn", "text": on_text if on else off_text},
        "accessory": button,
    }


def program_updates_text(found: Sequence[Sharer]) -> str:
    """The Updates part of the admins' Program section: totals, then who shared most recently."""
    if not found:
        return "*Updates shared*\nNone yet: interns are asked once a month to share one."
    lines = ["*Updates shared*", shared_summary(found)]
    for sharer in found[:SHARERS_IN_HOME]:
        lines.append(f"<@{sharer.user_id}>: {sharer_line(sharer)} · latest {when(sharer.latest)}")
    more = len(found) - SHARERS_IN_HOME
    if more > 0:
        lines.append(f"…and {more} more: `rapport stats` lists them all")
    return clip("\n".join(lines), 3000)
