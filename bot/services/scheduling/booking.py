"""Put a confirmed meeting on the organiser's calendar, with the others invited, when a calendar is set up.

The group gets the .ics file and the Google and Outlook links either way; an event that cannot be
created is one log line, never a failed confirmation.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.domain.scheduling.model import Slot
from bot.services.scheduling.ports import CalendarError, CalendarEvent, CalendarProvider

log = logging.getLogger(__name__)


def put_on_calendar(
    calendar: CalendarProvider,
    organiser: str,
    attendees: Sequence[str],
    slot: Slot,
    title: str,
    description: str,
) -> CalendarEvent | None:
    """The event created on `organiser`'s calendar (an email address), or None if it could not be."""
    others = [email for email in dict.fromkeys(attendees) if email and email != organiser]
    try:
        return calendar.create_event(organiser, others, slot.start, slot.end, title, description)
    except CalendarError as error:
        log.warning("%s: the meeting was not put on the calendar: %s", calendar.name, error)
    except Exception as error:  # an adapter's bug must not fail the confirmation either
        log.warning("%s: the meeting was not put on the calendar (%s)", calendar.name, type(error).__name__)
    return None
