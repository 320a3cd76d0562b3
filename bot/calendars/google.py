"""Google Workspace calendars through a service account with domain-wide delegation.

google-auth signs a JWT with the key file's private key and trades it at the key file's `token_uri` for
a token acting as the organiser (`subject=`); google-api-python-client calls the Calendar API from the
discovery document it ships (`static_discovery=True`: no discovery request), at `api_url` when set.
Each request has `timeout` seconds (httplib2). Every failure becomes a CalendarError of one line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import google_auth_httplib2
import httplib2
from google.auth.exceptions import GoogleAuthError, RefreshError
from google.oauth2 import service_account
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from bot.calendars.answers import interval, one_line
from bot.domain.scheduling.model import Interval
from bot.services.scheduling.ports import BusyTimes, CalendarError, CalendarEvent

SCOPES = (
    "https://www.googleapis.com/auth/calendar.freebusy",  # busy times of anyone in the domain
    "https://www.googleapis.com/auth/calendar.events",  # the meeting on the organiser's calendar
)
FREEBUSY_CALENDARS = 50  # freeBusy.query's calendarExpansionMax
REMINDER_MINUTES = 10
_KEPT_SUBJECTS = 256  # delegated credentials kept (each holds its token for an hour)


class _OneLine(logging.Filter):
    """googleapiclient warns of every 403 before raising it; Rapport logs its own one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Encountered 403 Forbidden")


logging.getLogger("googleapiclient.http").addFilter(_OneLine())


class GoogleCalendar:
    """The CalendarProvider for Google Workspace."""

    name = "Google Calendar"

    def __init__(self, key: Mapping[str, str], *, api_url: str | None = None, timeout: float = 10) -> None:
        self._credentials = service_account.Credentials.from_service_account_info(dict(key), scopes=SCOPES)
        self._options = {"api_endpoint": api_url} if api_url else None
        self._timeout = timeout
        self._delegated: dict[str, service_account.Credentials] = {}
        self._lock = threading.Lock()

    def busy(self, organiser: str, emails: Sequence[str], start: datetime, end: datetime) -> BusyTimes:
        busy: dict[str, tuple[Interval, ...]] = {}
        unread: dict[str, str] = {}
        for first in range(0, len(emails), FREEBUSY_CALENDARS):
            chunk = list(emails[first : first + FREEBUSY_CALENDARS])
            body = {"timeMin": _rfc3339(start), "timeMax": _rfc3339(end), "items": [{"id": e} for e in chunk]}
            answer = self._call(organiser, lambda api, body=body: api.freebusy().query(body=body).execute())
            _read_calendars(answer, chunk, busy, unread)
        return BusyTimes(busy, unread)

    def create_event(
        self,
        organiser: str,
        attendees: Sequence[str],
        start: datetime,
        end: datetime,
        title: str,
        description: str,
    ) -> CalendarEvent:
        body = {
            "summary": title,
            "description": description,
            "start": {"dateTime": _rfc3339(start), "timeZone": "UTC"},
            "end": {"dateTime": _rfc3339(end), "timeZone": "UTC"},
            "attendees": [{"email": email} for email in attendees],
            "reminders": {
                "useDefault": False,
                "overrides": [{"method": "popup", "minutes": REMINDER_MINUTES}],
            },
        }
        answer = self._call(
            organiser,
            lambda api: api.events().insert(calendarId="primary", body=body, sendUpdates="all").execute(),
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("id"), str):
            raise CalendarError("events.insert answered without an event id")
        link = answer.get("htmlLink")
        return CalendarEvent(answer["id"], link if isinstance(link, str) else None)

    def _call(self, organiser: str, request: Callable[[Any], Any]) -> Any:
        """Run one API request acting as `organiser`; every failure is a CalendarError."""
        try:
            http = google_auth_httplib2.AuthorizedHttp(
                self._as(organiser), http=httplib2.Http(timeout=self._timeout)
            )
            api = build(
                "calendar",
                "v3",
                http=http,
                static_discovery=True,
                cache_discovery=False,
                client_options=self._options,
            )
            return request(api)
        except RefreshError as error:
            raise CalendarError(f"the token was refused ({one_line(error.args[0])}): {_ADVICE}") from None
        except HttpError as error:
            raise CalendarError(
                f"the Calendar API answered {error.status_code}: {one_line(error.reason)}"
            ) from None
        except TimeoutError:
            raise CalendarError(f"no answer within {self._timeout:g} seconds") from None
        except (GoogleAuthError, httplib2.HttpLib2Error, OSError) as error:
            raise CalendarError(f"cannot reach Google ({type(error).__name__}: {one_line(error)})") from None
        finally:
            http.close()  # httplib2 keeps connections open otherwise

    def _as(self, organiser: str) -> service_account.Credentials:
        """Credentials acting as `organiser`, kept so that their token is reused until it expires."""
        with self._lock:
            if organiser not in self._delegated:
                if len(self._delegated) >= _KEPT_SUBJECTS:
                    self._delegated.clear()
                self._delegated[organiser] = self._credentials.with_subject(organiser)
            return self._delegated[organiser]


_ADVICE = "check the key file and the scopes granted to the service account's client ID (docs/calendars.md)"


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_calendars(
    answer: Any, emails: list[str], busy: dict[str, tuple[Interval, ...]], unread: dict[str, str]
) -> None:
    """freeBusy's `calendars: {id: {busy: [{start, end}], errors: [{domain, reason}]}}`, per email asked."""
    calendars = answer.get("calendars") if isinstance(answer, dict) else None
    if not isinstance(calendars, dict):
        raise CalendarError("freeBusy.query answered without calendars")
    by_email = {str(key).lower(): value for key, value in calendars.items()}
    for email in emails:
        found = by_email.get(email.lower())
        if not isinstance(found, dict):
            unread[email] = "missing"
        elif found.get("errors"):
            errors = found["errors"]
            first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
            unread[email] = str(first.get("reason", "error"))[:40]
        else:
            times = found.get("busy", [])
            if not isinstance(times, list) or not all(isinstance(t, dict) for t in times):
                raise CalendarError("freeBusy.query answered busy times that are not a list of periods")
            busy[email] = tuple(i for i in (interval(t.get("start"), t.get("end")) for t in times) if i)
