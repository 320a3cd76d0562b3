"""Block Kit for follow-up nudges."""

from __future__ import annotations

from typing import Any

from bot.domain.followups import NudgeMessage
from handlers.blockkit import section
from handlers.help.kudos_blocks import kudos_button
from handlers.text import escape

NUDGE_ACTIONS = ("nudge_done", "nudge_later", "nudge_skip")


def nudge_text(message: NudgeMessage) -> str:
    names = ", ".join(f"<@{t.person.user_id}>" for t in message.thank_yous)
    return f"You met {names} — a short thank-you goes a long way."


def nudge_blocks(message: NudgeMessage) -> list[dict[str, Any]]:
    blocks = [section(f"*{nudge_text(message)}*\nHere's a note you could send or make your own:")]
    for i, thank_you in enumerate(message.thank_yous):
        person = thank_you.person
        accessory = None
        if person.linkedin_url:
            accessory = {
                "type": "button",
                "action_id": f"open_linkedin_{i}",
                "text": {"type": "plain_text", "text": "Connect on LinkedIn"},
                "url": person.linkedin_url,
            }
        blocks.append(section(f"To <@{person.user_id}>:\n> {escape(thank_you.draft)}", accessory))
    blocks.append(nudge_actions())
    return blocks


def nudge_actions(block_id: str = "nudge", value: str | None = None) -> dict[str, Any]:
    """Done, Post kudos publicly, Remind me tomorrow, Skip; App Home puts the nudge message's "channel|ts"
    in `value`."""
    buttons = [
        _button("nudge_done", "Done ✓", primary=True),
        kudos_button(),
        _button("nudge_later", "Remind me tomorrow"),
        _button("nudge_skip", "Skip"),
    ]
    if value is not None:
        buttons = [{**button, "value": value} for button in buttons]
    return {"type": "actions", "block_id": block_id, "elements": buttons}


def _button(action_id: str, label: str, primary: bool = False) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label},
    }
    if primary:
        button["style"] = "primary"
    return button


def closed_blocks(text: str) -> list[dict[str, Any]]:
    return [section(text)]
