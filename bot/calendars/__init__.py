"""Calendar adapters: Google Workspace and Microsoft 365 behind bot/services/scheduling/ports.py.

Like bot/slack for Slack, this package is the far side of a port: only the composition root imports
it (`calendar_from_settings`, at startup); the domain and the services never do. The official client
libraries are the optional extra `rapport[calendar]`, imported only when a calendar is set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.calendars.settings import (
    GOOGLE_FILE,
    MS_TENANT,
    CalendarSettings,
    CalendarSettingsError,
    GoogleSettings,
)

if TYPE_CHECKING:
    from bot.services.scheduling.ports import CalendarProvider


def calendar_from_settings(settings: CalendarSettings | None) -> CalendarProvider | None:
    """The calendar the settings name, or None. Raises CalendarSettingsError (one line) when the extra
    is not installed or the key cannot be used; call it at startup, so an operator sees it at once."""
    if settings is None:
        return None
    name = GOOGLE_FILE if isinstance(settings, GoogleSettings) else MS_TENANT
    try:
        if isinstance(settings, GoogleSettings):
            from bot.calendars.google import GoogleCalendar

            return GoogleCalendar(settings.key, api_url=settings.api_url, timeout=settings.timeout)
        from bot.calendars.microsoft import MicrosoftCalendar

        return MicrosoftCalendar(
            settings.tenant_id,
            settings.client_id,
            settings.client_secret,
            authority_url=settings.authority_url,
            graph_url=settings.graph_url,
            timeout=settings.timeout,
        )
    except ImportError as error:
        raise CalendarSettingsError(
            f"{name} is set but the calendar libraries are not installed ({error.name}): "
            "pip install 'rapport[calendar]'"
        ) from None
    except ValueError as error:  # google-auth could not read the private key
        raise CalendarSettingsError(f"{name}: the key cannot be used ({str(error)[:120]})") from None
