"""Google Calendar and Outlook "add event" links for the confirmed slot: public templates, no credentials.

Outlook's is the work-account composer (outlook.office.com), as Rapport lives in a workplace; events'
links (bot/domain/events.py) use the consumer one. Each fits Slack's limit on a URL (bot/domain/urls.py):
the details give way first, then the title.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.scheduling.model import Interval
from bot.domain.urls import fitted_url

DETAILS_LIMIT = 500  # characters of the description a link carries before fitting

GOOGLE = "https://calendar.google.com/calendar/render?"
OUTLOOK = "https://outlook.office.com/calendar/0/deeplink/compose?"


def calendar_links(title: str, details: str, start: datetime, end: datetime) -> tuple[str, str]:
    """(Google Calendar, Outlook) links that open a new event at this time, in UTC."""
    span = Interval(start, end)  # aware, and in order
    utc_start, utc_end = span.start.astimezone(UTC), span.end.astimezone(UTC)
    stamp = "%Y%m%dT%H%M%SZ"
    google = fitted_url(
        GOOGLE,
        [
            ("action", "TEMPLATE"),
            ("text", title),
            ("dates", f"{utc_start:{stamp}}/{utc_end:{stamp}}"),
            ("details", details[:DETAILS_LIMIT]),
        ],
        ("details", "text"),
    )
    outlook = fitted_url(
        OUTLOOK,
        [
            ("path", "/calendar/action/compose"),
            ("rru", "addevent"),
            ("subject", title),
            ("startdt", f"{utc_start:%Y-%m-%dT%H:%M:%SZ}"),
            ("enddt", f"{utc_end:%Y-%m-%dT%H:%M:%SZ}"),
            ("body", details[:DETAILS_LIMIT]),
        ],
        ("body", "subject"),
    )
    return google, outlook
