"""Block Kit for finding a time: the Find a time button, the slots, the agreed time, the reminder."""

from __future__ import annotations

from typing import Any

from bot.domain.scheduling.figures import FindTimeFigures
from bot.services.scheduling.ports import ConfirmedMessage, SlotsMessage
from handlers.blockkit import context, section

FIND_TIME = "findtime_start"  # on a coffee intro: the value is the coffee group's ID
FIND_TIME_INTRO = "findtime_intro"  # on a warm introduction: the value is the introduction's ID
FIND_TIME_MENTORING = "findtime_mentoring"  # on a mentoring kickoff: the value is the pair's ID
FIND_TIME_ASK = "findtime_ask"  # on an "I can help" DM's opener: the value is the ask's ID
FIND_TIME_OFFER = "findtime_offer"  # on a Book a chat DM's opener: the value is the offer's ID
PICK = "findtime_pick"  # one action ID per slot: findtime_pick_0, _1, _2
NONE_OF_THESE = "findtime_more"
PICK_PATTERN = r"^findtime_pick_\d$"
URL_LIMIT = 3000  # Slack's limit on a button's url


def find_time_button(value: str, action_id: str = FIND_TIME) -> dict[str, Any]:
    """The Find a time button; `value` names the group in its feature (a coffee group's ID)."""
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": "Find a time 📅"},
        "value": value,
    }


PENCILLED_TEXT = "Nobody has proposed a time yet, so I've pencilled one in"


def slots_text(message: SlotsMessage) -> str:
    if message.pencilled:
        return f"{PENCILLED_TEXT}: press Accept if it suits you."
    return "Three times that could work — press every one that suits you."


def slots_blocks(message: SlotsMessage) -> list[dict[str, Any]]:
    if message.pencilled:
        head = f"📅 *{PENCILLED_TEXT}.* When everyone accepts, it's a date; or pick another."
    else:
        head = f"📅 *Find a time.* {slots_text(message)} The first everyone presses is the one."
    blocks = [section(head)]
    label = "Accept" if message.pencilled else "Works for me"
    for index, (value, line) in enumerate(message.slots):
        button = {
            "type": "button",
            "action_id": f"{PICK}_{index}",
            "text": {"type": "plain_text", "text": label},
            "value": value,
        }
        blocks.append(section(f"*{index + 1}.* {line}", accessory=button))
    blocks += [context(note) for note in message.notes]
    if message.more:
        more = {
            "type": "button",
            "action_id": NONE_OF_THESE,
            "text": {"type": "plain_text", "text": "Pick another" if message.pencilled else "None of these"},
            "value": str(message.proposal_id),
        }
        blocks.append({"type": "actions", "block_id": "findtime_more", "elements": [more]})
    return blocks


def confirmed_text(message: ConfirmedMessage) -> str:
    return f"📅 It's a date: {message.when}."


def confirmed_blocks(message: ConfirmedMessage) -> list[dict[str, Any]]:
    links = [
        {
            "type": "button",
            "action_id": f"findtime_link_{name}",
            "text": {"type": "plain_text", "text": label},
            "url": url,
        }
        for name, label, url in (
            ("google", "Google Calendar", message.google),
            ("outlook", "Outlook", message.outlook),
        )
        if len(url) <= URL_LIMIT
    ]
    note = "I'll remind you here 10 minutes before."
    if message.on_calendar:
        note = "It's on the organiser's calendar with everyone invited. " + note
    blocks = [section(f"📅 *It's a date:* {message.when}"), context(note)]
    if links:
        blocks.insert(1, {"type": "actions", "block_id": "findtime_links", "elements": links})
    return blocks


def reminder_text(when: str) -> str:
    return f"⏰ In 10 minutes: your chat, {when}."


def program_find_time_text(figures: FindTimeFigures) -> str:
    """The Find a time lines of the lead's Program section and of /coffee stats."""
    return "*Find a time*\n" + "\n".join(figures.lines())
