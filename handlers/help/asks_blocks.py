"""Block Kit of asks: the channel post, the private suggestion, the group DM's opener, the asker's
Solved / Thank buttons, the nudge, expiry, the thank-you and the modals.

Everything a person typed (the question, topics) is escaped and clipped, so a question cannot say
@channel or overflow a block.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.domain.help.asks import MAX_TAGS, QUESTION_LIMIT, AskFigures, AskStatus, describe_wait
from bot.domain.people.profile import TAG_LIMIT
from bot.services.help.ports import Ask
from handlers.blockkit import context, section
from handlers.scheduling.blocks import FIND_TIME_ASK, find_time_button
from handlers.text import clip, safe, who

HELP = "ask_help"  # I can help (the channel post and the private suggestion)
DECLINE = "ask_decline"  # Not this time
SOLVED = "ask_solved"
THANK = "ask_thank"
CREATE = "ask_create"  # the /ask modal
THANKS = "ask_thanks"  # the thank-you modal
THANKS_LIMIT = 1000
PUBLIC = "public"  # the thank-you modal's "post kudos publicly instead"
QUOTE = 1500  # the question, quoted in a message
SHORT = 200  # the question in a notification's fallback text
HELPERS_SHOWN = 5


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, 75)},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def quoted(ask: Ask, limit: int = QUOTE) -> str:
    return ">" + safe(ask.question, limit).replace("\n", "\n>")


def _details(ask: Ask) -> str:
    parts = []
    if ask.tags:
        parts.append("Topics: " + safe(", ".join(ask.tags[:MAX_TAGS]), 300))
    if ask.by_when:
        parts.append(f"By {ask.by_when:%a %d %b}")
    return " · ".join(parts)


def ask_post(ask: Ask) -> tuple[str, list[dict[str, Any]]]:
    """The channel message, updated in place as people offer help and when it closes."""
    text = f"{who(ask.asker_id)} asks: {safe(ask.question, SHORT)}"
    blocks = [section(f"*{who(ask.asker_id)} asks for help*\n{quoted(ask)}")]
    details = _details(ask)
    if details:
        blocks.append(context(details))
    if ask.helpers:
        names = ", ".join(who(u) for u in ask.helpers[:HELPERS_SHOWN])
        more = len(ask.helpers) - HELPERS_SHOWN
        blocks.append(context(f"Offered to help: {names}" + (f" and {more} more" if more > 0 else "")))
    if ask.status is AskStatus.SOLVED:
        blocks.append(section(":white_check_mark: *Solved.* Thanks, everyone who helped."))
        return f"Solved: {text}", blocks
    if ask.status is AskStatus.EXPIRED:
        blocks.append(context("This ask is closed: it was open for two weeks."))
        return f"Closed: {text}", blocks
    blocks.append(
        {
            "type": "actions",
            "block_id": f"ask_{ask.id}",
            "elements": [_button("I can help", HELP, str(ask.id), "primary")],
        }
    )
    blocks.append(context(f"Ask #{ask.id} · `/ask what you need help with` asks your own"))
    return text, blocks


def suggestion_blocks(ask: Ask) -> tuple[str, list[dict[str, Any]]]:
    text = f"{who(ask.asker_id)} asks for help with something you know about"
    blocks = [
        section(f"{text}:\n{quoted(ask)}"),
        *([context(_details(ask))] if _details(ask) else []),
        {
            "type": "actions",
            "block_id": f"ask_suggested_{ask.id}",
            "elements": [
                _button("I can help", HELP, str(ask.id), "primary"),
                _button("Not this time", DECLINE, str(ask.id)),
            ],
        },
        context(
            "You get this because your `/intro` profile matches and you chose to hear about asks "
            "(at most 3 a week). If you say Not this time, the asker isn't told."
        ),
    ]
    return text, blocks


def opener_text(ask: Ask, helper: str) -> str:
    return (
        f"{who(helper)} offered to help {who(ask.asker_id)} with:\n{quoted(ask, 1000)}\n"
        "Say hi and find a time, here or on a call."
    )


def opener_blocks(ask: Ask, helper: str) -> list[dict[str, Any]]:
    """The group DM's first message, with Find a time for the two of them."""
    find_time = find_time_button(str(ask.id), FIND_TIME_ASK)
    return [
        section(opener_text(ask, helper)),
        {"type": "actions", "block_id": "findtime", "elements": [find_time]},
    ]


def asker_blocks(
    ask: Ask, helper: str, channel_id: str, helper_name: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """The asker's DM when someone offers: Solved, and Thank <name> (a button's text cannot mention)."""
    where = f" I opened a group DM: <#{channel_id}>." if channel_id else ""
    text = f"{who(helper)} offered to help with your ask.{where}"
    return text, [
        section(f"{text}\n{quoted(ask, 500)}"),
        {
            "type": "actions",
            "block_id": f"ask_asker_{ask.id}",
            "elements": [
                _button("Solved", SOLVED, str(ask.id), "primary"),
                _button(f"Thank {helper_name or 'them'}", THANK, f"{ask.id}:{helper}"),
            ],
        },
    ]


def nudge_blocks(ask: Ask) -> tuple[str, list[dict[str, Any]]]:
    topic = ask.tags[0] if ask.tags else ""
    mentors = f"`/intro mentors {safe(topic, TAG_LIMIT)}`" if topic else "`/intro mentors topic`"
    text = "Nobody has offered to help with your ask yet."
    return text, [
        section(
            f"{text}\n{quoted(ask, 500)}\nIt can help to say it another way, more concretely, in a new "
            f"`/ask`, or to find a mentor who knows the topic: try {mentors}."
        )
    ]


def expired_text(ask: Ask) -> str:
    return (
        f"Your ask has been open for two weeks, so I closed it:\n{quoted(ask, 500)}\n"
        "Still need help? `/ask` again, perhaps worded differently."
    )


def thanks_text(ask: Ask, helper: str, note: str) -> str:
    return (
        f"{who(ask.asker_id)} thanks you for helping with:\n{quoted(ask, 500)}\n"
        f"*Their note:* {safe(note, THANKS_LIMIT)}"
    )


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": optional,
        "element": {"action_id": "value", **element},
    }


def ask_modal(today: date) -> dict[str, Any]:
    blocks = [
        _input(
            "question",
            "What do you need help with?",
            {"type": "plain_text_input", "multiline": True, "max_length": QUESTION_LIMIT},
        ),
        _input(
            "tags",
            "Topics",
            {
                "type": "plain_text_input",
                "max_length": 200,
                "placeholder": _plain("Comma-separated: SQL, interviews, React"),
            },
            optional=True,
        ),
        _input(
            "by_when", "By when", {"type": "datepicker", "initial_date": today.isoformat()}, optional=True
        ),
    ]
    return {
        "type": "modal",
        "callback_id": CREATE,
        "title": _plain("Ask for help"),
        "submit": _plain("Ask"),
        "close": _plain("Cancel"),
        "private_metadata": "{}",
        "blocks": blocks,
    }


def thanks_modal(ask: Ask, helper: str) -> dict[str, Any]:
    public = {"text": _plain("Post kudos publicly instead (in the kudos channel)"), "value": PUBLIC}
    blocks = [
        section(f"A thank-you to {who(helper)}, sent as a DM from Rapport with your note."),
        _input(
            "note",
            "Your note",
            {
                "type": "plain_text_input",
                "multiline": True,
                "max_length": THANKS_LIMIT,
                "initial_value": "Thank you for your help!",
            },
        ),
        _input("public", "Kudos", {"type": "checkboxes", "options": [public]}, optional=True),
    ]
    return {
        "type": "modal",
        "callback_id": THANKS,
        "title": _plain("Say thanks"),
        "submit": _plain("Send"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps({"ask_id": ask.id, "helper": helper}),
        "blocks": blocks,
    }


def program_asks_text(figures: AskFigures) -> str:
    """The Asks line of the admins' Program section and of /coffee stats."""
    if not figures.opened:
        return "*Asks*\nNone yet: `/ask` asks for help."
    return (
        f"*Asks*\n{figures.opened} opened · {figures.answered} answered · {figures.solved} solved · "
        f"{figures.expired} expired · median time to a first helper: "
        f"{describe_wait(figures.median_to_first_helper)}"
    )
