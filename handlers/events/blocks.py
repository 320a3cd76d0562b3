"""Block Kit of events' messages: the announcement, confirmations, reminders, tables, "who did you meet?".

Everything a person typed (title, description, where) is escaped, so a title cannot say @channel; the
header is plain text and clipped to Slack's 150 characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.events import TITLE_LIMIT, calendar_links
from bot.domain.plural import plural
from bot.services.events.ports import Briefing, Event, EventFigure, EventStatus, Roll
from handlers.blockkit import context, section
from handlers.text import clip, safe, who

GOING = "event_going"
DECLINE = "event_decline"
CALENDAR = "event_calendar"  # URL buttons still send block_actions: acknowledged, nothing else
EDIT_PITCH = "event_edit_pitch"
ADD_PEOPLE = "event_add_people"
NOBODY_NEW = "event_nobody_new"
NAMES_SHOWN = 5
EVENTS_LISTED = 15  # by `/event list`, soonest first
EVENTS_IN_HOME = 5  # the latest by start; `rapport stats` lists them all
TEXT_LIMIT = 300  # a title in a notification's fallback text


def when(moment: datetime, fallback_format: str = "%a %d %b %Y %H:%M UTC") -> str:
    """A date Slack shows in each reader's own time zone."""
    epoch = int(moment.timestamp())
    fallback = moment.strftime(fallback_format)
    return f"<!date^{epoch}^{{date_long_pretty}} at {{time}}|{fallback}>"


def _title(event: Event) -> str:
    return safe(event.title, TEXT_LIMIT)


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, TITLE_LIMIT)}}


def _button(
    text: str, action_id: str, value: str | None = None, style: str | None = None, url: str | None = None
) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
    }
    if value is not None:
        button["value"] = value
    if style:
        button["style"] = style
    if url:
        button["url"] = url
    return button


def details(event: Event) -> str:
    lines = [f"*When:* {when(event.starts_at)} ({event.duration_minutes} min)"]
    if event.where:
        lines.append(f"*Where:* {safe(event.where, 300)}")
    if event.capacity:
        lines.append(f"*Places:* {event.capacity}")
    if event.mix:
        lines.append(f"*Tables:* at the start, Rapport seats people at tables of {event.table_size}")
    if event.description:
        lines.append(safe(event.description, 1500))
    return "\n".join(lines)


def who_is_going(roll: Roll) -> str:
    if not roll.going:
        text = "Nobody has said they're going yet."
    else:
        names = ", ".join(who(u) for u in roll.going[:NAMES_SHOWN])
        more = len(roll.going) - NAMES_SHOWN
        text = f"*Going ({len(roll.going)}):* {names}" + (f" and {more} more" if more > 0 else "")
    if roll.waitlist:
        text += f"\n*Waitlist:* {len(roll.waitlist)}"
    return text


def announcement(event: Event, roll: Roll) -> tuple[str, list[dict[str, Any]]]:
    """The channel message, updated in place as answers arrive."""
    if event.status is EventStatus.CANCELLED:
        text = f"Cancelled: {_title(event)}"
        return text, [
            _header(f"Cancelled: {event.title}"),
            section(details(event)),
            context("This event is cancelled."),
        ]
    value = str(event.id)
    blocks = [
        _header(event.title),
        section(details(event)),
        section(who_is_going(roll)),
        {
            "type": "actions",
            "block_id": f"event_rsvp_{event.id}",
            "elements": [_button("Going", GOING, value, "primary"), _button("Can't go", DECLINE, value)],
        },
        context(f"Event #{event.id} by {who(event.created_by)} · `/event list` shows what's coming up"),
    ]
    return f"Event: {_title(event)}", blocks


def calendar_buttons(event: Event) -> dict[str, Any]:
    google, outlook = calendar_links(
        event.title, event.description or "", event.where or "", event.starts_at, event.ends_at
    )
    return {
        "type": "actions",
        "elements": [
            _button("Add to Google Calendar", f"{CALENDAR}_google", url=google),
            _button("Add to Outlook", f"{CALENDAR}_outlook", url=outlook),
        ],
    }


def going_blocks(event: Event, waitlisted: bool) -> tuple[str, list[dict[str, Any]]]:
    if waitlisted:
        text = f"*{_title(event)}* is full, so you're on the waitlist. If a place frees up, I'll DM you."
        return text, [section(text)]
    text = f"You're going to *{_title(event)}*, {when(event.starts_at)}. I'll remind you the day before."
    return text, [section(text), calendar_buttons(event)]


def promoted_blocks(event: Event) -> tuple[str, list[dict[str, Any]]]:
    text = f"A place freed up: you're going to *{_title(event)}*, {when(event.starts_at)}."
    return text, [section(text), calendar_buttons(event)]


def moved_blocks(event: Event, was: datetime) -> tuple[str, list[dict[str, Any]]]:
    text = (
        f"*{_title(event)}* has moved: it now starts {when(event.starts_at)} ({event.duration_minutes} min),"
        f" not {when(was)}. Your answer still stands."
    )
    return text, [section(text), calendar_buttons(event)]


def cancelled_text(event: Event) -> str:
    return f"*{_title(event)}* on {when(event.starts_at)} is cancelled. Sorry!"


def list_blocks(events: Sequence[tuple[Event, Roll]]) -> list[dict[str, Any]]:
    """`/event list`: title, time and places of each, never the description or the place (calendar links
    carry both, so they come with the answer to Going)."""
    if not events:
        return [section("No upcoming events. Create one with `/event`.")]
    blocks: list[dict[str, Any]] = [section("*Upcoming events*")]
    for event, roll in events[:EVENTS_LISTED]:
        places = (
            f" · {len(roll.going)}/{event.capacity} going"
            if event.capacity
            else f" · {len(roll.going)} going"
        )
        blocks.append(section(f"*#{event.id} {_title(event)}*\n{when(event.starts_at)}{places}"))
        blocks.append(
            {
                "type": "actions",
                "block_id": f"event_list_{event.id}",
                "elements": [
                    _button("Going", GOING, str(event.id), "primary"),
                    _button("Can't go", DECLINE, str(event.id)),
                ],
            }
        )
    return blocks


def day_before_blocks(event: Event, briefing: Briefing) -> tuple[str, list[dict[str, Any]]]:
    text = f"Tomorrow: *{_title(event)}*, {when(event.starts_at)}."
    blocks = [section(text + (f"\n*Where:* {safe(event.where, 300)}" if event.where else ""))]
    if briefing.pitch is not None:
        blocks.append(section(f"*Your elevator pitch* (about 30 seconds):\n>{safe(briefing.pitch, 600)}"))
        blocks.append({"type": "actions", "elements": [_button("Edit my pitch", EDIT_PITCH, str(event.id))]})
    if briefing.look_for:
        lines = [
            f"• {who(p.user_id)}" + (f" — {safe(p.line, 200)}" if p.line else "") for p in briefing.look_for
        ]
        blocks.append(section("*People to look for:*\n" + "\n".join(lines)))
    return text, blocks


def hour_before_text(event: Event) -> str:
    where = f" {safe(event.where, 300)}." if event.where else ""
    return f"*{_title(event)}* starts in an hour ({when(event.starts_at)}).{where}"


def table_text(event: Event, number: int, people: Sequence[str], newcomer: str | None = None) -> str:
    names = ", ".join(who(u) for u in people)
    greeting = f"{who(newcomer)} just joined: say hello!" if newcomer else "Say hello before you sit down!"
    return f"*Your table at {_title(event)}* (table {number}): {names}. {greeting}"


def who_met_blocks(event: Event) -> tuple[str, list[dict[str, Any]]]:
    text = f"Who did you meet at *{_title(event)}*?"
    value = str(event.id)
    return text, [
        section(text + " I'll add them to your network and remind you to say thanks."),
        {
            "type": "actions",
            "block_id": f"event_who_met_{event.id}",
            "elements": [
                _button("Add people", ADD_PEOPLE, value, "primary"),
                _button("Nobody new", NOBODY_NEW, value),
            ],
        },
    ]


def answered_blocks(text: str) -> list[dict[str, Any]]:
    return [section(text)]


def program_events_text(figures: Sequence[EventFigure]) -> str:
    """The Events part of the admins' Program section: the latest events, newest first, with their answers
    and the meetings they made."""
    if not figures:
        return "*Events*\nNone yet: `/event` creates one."
    lines = ["*Events*"]
    for figure in sorted(figures, key=lambda f: f.event.starts_at, reverse=True)[:EVENTS_IN_HOME]:
        event = figure.event
        cancelled = " (cancelled)" if event.status is EventStatus.CANCELLED else ""
        waitlist = f", {figure.waitlisted} waitlisted" if figure.waitlisted else ""
        answers = f"{figure.going} going{waitlist}, {figure.declined} can't go"
        after = f"{figure.answered} said whom they met · {plural(figure.meetings, 'meeting')}"
        name = f"#{event.id} *{_title(event)}*{cancelled}"
        lines.append(f"{name} · {when(event.starts_at)}: {answers} · {after}")
    more = len(figures) - EVENTS_IN_HOME
    if more > 0:
        lines.append(f"…and {more} more: `rapport stats` lists them all")
    return clip("\n".join(lines), 3000)
