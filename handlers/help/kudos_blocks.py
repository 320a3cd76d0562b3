"""Block Kit for kudos: the thank-you post, and the modal a thank-you nudge opens to post one."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.help.figures import help_lines
from bot.domain.help.kudos import TEXT_LIMIT, Kudos, KudosCounts, KudosFigures
from bot.domain.help.offers import OfferFigures
from handlers.blockkit import context, section
from handlers.text import safe, who, with_links

KUDOS_MODAL = "kudos_from_nudge"
POST_KUDOS = "nudge_kudos"  # the thank-you nudge's Post kudos publicly button
TEXT_FALLBACK = 300  # characters of what they did in the notification text


def kudos_text(kudos: Kudos, in_dm: bool) -> str:
    whom = "you" if in_dm else who(kudos.to_user_id)
    return f"🙌 {who(kudos.from_user_id)} thanked {whom}: {with_links(safe(kudos.text, TEXT_FALLBACK))}"


def kudos_blocks(kudos: Kudos, in_dm: bool) -> list[dict[str, Any]]:
    whom = "you" if in_dm else who(kudos.to_user_id)
    blocks = [
        section(
            f"🙌 *{who(kudos.from_user_id)} thanked {whom}*\n> {with_links(safe(kudos.text, 2 * TEXT_LIMIT))}"
        )
    ]
    if in_dm:
        blocks.append(context("Sent with `/kudos`. Thank someone yourself: `/kudos @someone what they did`."))
    return blocks


def counts_line(counts: KudosCounts) -> str:
    """App Home's kudos line."""
    return f"*Kudos:* {counts.describe()} · `/kudos @someone what they did` thanks someone in public"


def program_help_text(kudos: KudosFigures, offers: OfferFigures) -> str:
    """Kudos and offers in App Home's Program section and `/coffee stats`."""
    return "*Kudos and offers*\n" + "\n".join(help_lines(kudos, offers))


def kudos_button(value: str | None = None) -> dict[str, Any]:
    """Post kudos publicly, beside a thank-you nudge's Done; App Home puts the nudge's "channel|ts" in
    `value`."""
    button: dict[str, Any] = {
        "type": "button",
        "action_id": POST_KUDOS,
        "text": {"type": "plain_text", "text": "Post kudos publicly"},
    }
    if value is not None:
        button["value"] = value
    return button


def kudos_modal(people: list[str], line: str, channel: str, ts: str) -> dict[str, Any]:
    """Whom to thank (the first person met, changeable) and a thank-you line to edit; the nudge it came
    from rides in private_metadata so posting marks it done."""
    person: dict[str, Any] = {"type": "users_select", "action_id": "value"}
    if people:
        person["initial_user"] = people[0]
    words: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": TEXT_LIMIT,
    }
    if line:
        words["initial_value"] = line[:TEXT_LIMIT]
    return {
        "type": "modal",
        "callback_id": KUDOS_MODAL,
        "title": {"type": "plain_text", "text": "Post kudos"},
        "submit": {"type": "plain_text", "text": "Post"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"channel": channel, "ts": ts}),
        "blocks": [
            {"type": "input", "block_id": "person", "label": _plain("Thank"), "element": person},
            {"type": "input", "block_id": "text", "label": _plain("For what"), "element": words},
            context("Posted in the kudos channel (or sent to them as a DM when there is none)."),
        ],
    }


def read_kudos_modal(view: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    """(person, text, nudge channel, nudge ts) as sent: every one untrusted, checked by the caller."""
    values = view.get("state", {}).get("values", {}) if isinstance(view.get("state"), dict) else {}

    def element(block_id: str) -> dict[str, Any]:
        found = values.get(block_id) if isinstance(values, dict) else None
        first = next(iter(found.values()), {}) if isinstance(found, dict) and found else {}
        return first if isinstance(first, dict) else {}

    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        metadata = {}
    if not isinstance(metadata, dict):
        metadata = {}
    person = element("person").get("selected_user")
    text = element("text").get("value")
    return person, text, metadata.get("channel"), metadata.get("ts")


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}
