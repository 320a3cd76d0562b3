"""Microsoft 365 calendars through an Entra app registration with an application permission.

msal gets the app's token with its client credentials (`acquire_token_for_client`, cached until it
expires); the Graph calls are plain REST over `requests`, as msal only gets tokens. Each request has
`timeout` seconds, msal's included. Every failure becomes a CalendarError of one line.

msal is told `instance_discovery=False`: the authority comes from the operator's settings (Microsoft's
own by default), so msal does not ask login.microsoftonline.com whether it knows it, which also lets the
tests point it at a local fake authority.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import msal
import requests

from bot.calendars.answers import interval, one_line
from bot.domain.scheduling.model import Interval
from bot.services.scheduling.ports import BusyTimes, CalendarError, CalendarEvent

SCHEDULES_PER_CALL = 20  # addresses asked for in one getSchedule
BUSY = frozenset({"busy", "oof", "tentative"})  # free, workingElsewhere and unknown count as free
REMINDER_MINUTES = 10
_ADVICE = {
    401: "check RAPPORT_MS_TENANT_ID, RAPPORT_MS_CLIENT_ID and RAPPORT_MS_CLIENT_SECRET (docs/calendars.md)",
    403: "check the Calendars.ReadWrite application permission, its admin consent and the application access "
    "policy (docs/calendars.md)",
    404: "the organiser has no mailbox in this tenant",
    429: "Microsoft Graph is throttling Rapport",
}


class _Session:
    """A requests.Session whose every request has the timeout and the certificate check (msal calls get and
    post on it). `verify` is passed with each request: a session's own is overridden by REQUESTS_CA_BUNDLE."""

    def __init__(self, timeout: float, verify: bool | str) -> None:
        self._session = requests.Session()
        self._defaults: dict[str, Any] = {"timeout": timeout, "verify": verify}

    def get(self, url: str, **options: Any) -> requests.Response:
        return self._session.get(url, **self._defaults | options)

    def post(self, url: str, **options: Any) -> requests.Response:
        return self._session.post(url, **self._defaults | options)

    def close(self) -> None:
        self._session.close()


class MicrosoftCalendar:
    """The CalendarProvider for Microsoft 365."""

    name = "Microsoft 365"

    def __init__(
        self,
        tenant_id: str,
        client_id: str,
        client_secret: str,
        *,
        authority_url: str = "https://login.microsoftonline.com",
        graph_url: str = "https://graph.microsoft.com/v1.0",
        timeout: float = 10,
        verify: bool | str = True,  # a CA bundle's path for a private authority (the tests' fake)
    ) -> None:
        self._tenant, self._client, self._secret = tenant_id, client_id, client_secret
        self._authority = f"{authority_url.rstrip('/')}/{tenant_id}"
        self._graph = graph_url.rstrip("/")
        graph_root = urlsplit(self._graph)
        self._scope = f"{graph_root.scheme}://{graph_root.netloc}/.default"
        self._timeout = timeout
        self._session = _Session(timeout, verify)
        self._app: msal.ConfidentialClientApplication | None = None
        self._lock = threading.Lock()

    def busy(self, organiser: str, emails: Sequence[str], start: datetime, end: datetime) -> BusyTimes:
        busy: dict[str, tuple[Interval, ...]] = {}
        unread: dict[str, str] = {}
        for first in range(0, len(emails), SCHEDULES_PER_CALL):
            chunk = list(emails[first : first + SCHEDULES_PER_CALL])
            body = {
                "schedules": chunk,
                "startTime": _graph_time(start),
                "endTime": _graph_time(end),
                "availabilityViewInterval": 30,
            }
            answer = self._post(f"/users/{_user(organiser)}/calendar/getSchedule", body)
            _read_schedules(answer, chunk, busy, unread)
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
            "subject": title,
            "body": {"contentType": "text", "content": description},
            "start": _graph_time(start),
            "end": _graph_time(end),
            "attendees": [{"emailAddress": {"address": email}, "type": "required"} for email in attendees],
            "isReminderOn": True,
            "reminderMinutesBeforeStart": REMINDER_MINUTES,
        }
        answer = self._post(f"/users/{_user(organiser)}/events", body)
        if not isinstance(answer.get("id"), str):
            raise CalendarError("Microsoft Graph created an event without an id")
        link = answer.get("webLink")
        return CalendarEvent(answer["id"], link if isinstance(link, str) else None)

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token()}", "Prefer": 'outlook.timezone="UTC"'}
        try:
            response = self._session.post(
                self._graph + path, json=body, headers=headers, timeout=self._timeout
            )
        except requests.Timeout:
            raise CalendarError(f"no answer from Microsoft Graph within {self._timeout:g} seconds") from None
        except requests.RequestException as error:
            raise CalendarError(f"cannot reach Microsoft Graph ({type(error).__name__})") from None
        if response.status_code >= 400:
            raise CalendarError(_graph_error(response))
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise CalendarError(f"Microsoft Graph answered {response.status_code} without a JSON object")
        return answer

    def _token(self) -> str:
        try:
            result = self._application().acquire_token_for_client(scopes=[self._scope])
        except requests.Timeout:
            raise CalendarError(
                f"no answer from the Microsoft authority within {self._timeout:g} seconds"
            ) from None
        except (requests.RequestException, ValueError, RuntimeError) as error:
            raise CalendarError(f"cannot get a token ({type(error).__name__}: {one_line(error)})") from None
        if not isinstance(result, dict) or not isinstance(result.get("access_token"), str):
            found = result if isinstance(result, dict) else {}
            description = str(found.get("error_description", "")).splitlines()[:1]
            reason = one_line(f"{found.get('error', 'no token')}: {' '.join(description)}")
            raise CalendarError(f"the token was refused ({reason}): {_ADVICE[401]}")
        return result["access_token"]

    def _application(self) -> msal.ConfidentialClientApplication:
        """msal's app, made on first use (it reads the authority's OpenID configuration), then kept with
        its token cache; a failure is not kept, so the next meeting tries again."""
        with self._lock:
            if self._app is None:
                self._app = msal.ConfidentialClientApplication(
                    self._client,
                    client_credential=self._secret,
                    authority=self._authority,
                    http_client=self._session,
                    instance_discovery=False,
                )
            return self._app


def _user(email: str) -> str:
    return quote(email, safe="@")


def _graph_time(moment: datetime) -> dict[str, str]:
    return {"dateTime": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"), "timeZone": "UTC"}


def _graph_error(response: requests.Response) -> str:
    try:
        error = response.json().get("error", {})
    except (ValueError, AttributeError):
        error = {}
    code = error.get("code", "") if isinstance(error, dict) else ""
    status = response.status_code
    advice = _ADVICE.get(status, "")
    if status == 429:
        advice += f" (Retry-After: {one_line(response.headers.get('Retry-After', '?'), 10)})"
    return one_line(f"Microsoft Graph answered {status} {code}: {advice}".rstrip(": "))


def _read_schedules(
    answer: dict[str, Any], emails: list[str], busy: dict[str, tuple[Interval, ...]], unread: dict[str, str]
) -> None:
    """getSchedule's `value: [{scheduleId, scheduleItems: [{status, start, end}], error?}]`, per email."""
    value = answer.get("value")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise CalendarError("getSchedule answered without a list of schedules")
    by_email = {str(item.get("scheduleId", "")).lower(): item for item in value}
    for email in emails:
        found = by_email.get(email.lower())
        if found is None:
            unread[email] = "missing"
        elif isinstance(found.get("error"), dict):
            unread[email] = one_line(found["error"].get("responseCode", "error"), 40)
        else:
            busy[email] = _busy_items(found.get("scheduleItems", []))


def _busy_items(items: Any) -> tuple[Interval, ...]:
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise CalendarError("getSchedule answered schedule items that are not a list")
    found = []
    for item in items:
        if str(item.get("status", "")).lower() not in BUSY:
            continue
        start, end = item.get("start"), item.get("end")
        if not isinstance(start, dict) or not isinstance(end, dict):
            raise CalendarError("getSchedule answered an item without start and end")
        found.append(interval(start.get("dateTime"), end.get("dateTime"), start.get("timeZone")))
    return tuple(i for i in found if i)
