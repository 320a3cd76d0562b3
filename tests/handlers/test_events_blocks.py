"""The events' Block Kit that has rules of its own: the Program section's Events part and a moved event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.events.ports import Event, EventFigure, EventStatus
from handlers.events.blocks import EVENTS_IN_HOME, moved_blocks, program_events_text

START = datetime(2026, 6, 3, 21, 0, tzinfo=UTC)


def event(number: int, title: str = "Mixer", status: EventStatus = EventStatus.SCHEDULED) -> Event:
    return Event(
        id=number,
        team_id="T1",
        created_by="U1",
        title=title,
        description=None,
        starts_at=START + timedelta(days=number),
        duration_minutes=60,
        where=None,
        channel_id="C1",
        capacity=None,
        mix=False,
        table_size=4,
        status=status,
    )


def test_the_program_shows_the_latest_events_first_and_says_how_many_more():
    figures = [
        EventFigure(event(n), going=n, waitlisted=0, declined=1, answered=0, meetings=2) for n in range(1, 9)
    ]
    text = program_events_text(figures)
    shown = [n for n in range(1, 9) if f"#{n} *Mixer*" in text]
    assert shown == list(range(9 - EVENTS_IN_HOME, 9))
    assert text.index("#8 ") < text.index("#7 ")
    assert "…and 3 more: `rapport stats` lists them all" in text
    assert "8 going, 1 can't go · 0 said whom they met · 2 meetings" in text


def test_titles_are_escaped_and_cancelled_events_say_so():
    figures = [EventFigure(event(1, "<!channel> party", EventStatus.CANCELLED), 0, 2, 0, 0, 0)]
    text = program_events_text(figures)
    assert "<!channel>" not in text and "&lt;!channel&gt; party* (cancelled)" in text
    assert "0 going, 2 waitlisted, 0 can't go" in text
    assert program_events_text([]) == "*Events*\nNone yet: `/event` creates one."


def test_a_moved_event_names_the_new_and_the_old_time_with_calendar_links():
    text, blocks = moved_blocks(event(2), was=START)
    assert f"<!date^{int((START + timedelta(days=2)).timestamp())}^" in text
    assert f"not <!date^{int(START.timestamp())}^" in text
    assert [b["text"]["text"] for b in blocks[1]["elements"]] == ["Add to Google Calendar", "Add to Outlook"]
