"""The calendar settings, checked: Google Workspace (a service account key file) or Microsoft 365 (an Entra
app registration), or neither. bot/config.py reads the environment and calls `calendar_settings`.

Every problem is a `CalendarSettingsError` whose message is one line naming the variable and what to do.
This module imports no calendar library: the settings are checked whether or not `rapport[calendar]` is
installed (bot/calendars/__init__.py says so when it is not).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

GOOGLE_FILE = "RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE"
GOOGLE_URL = "RAPPORT_GOOGLE_CALENDAR_URL"
MS_TENANT = "RAPPORT_MS_TENANT_ID"
MS_CLIENT = "RAPPORT_MS_CLIENT_ID"
MS_SECRET = "RAPPORT_MS_CLIENT_SECRET"
MS_AUTHORITY = "RAPPORT_MS_AUTHORITY_URL"
MS_GRAPH = "RAPPORT_MS_GRAPH_URL"
TIMEOUT = "RAPPORT_CALENDAR_TIMEOUT"
NAMES = (GOOGLE_FILE, GOOGLE_URL, MS_TENANT, MS_CLIENT, MS_SECRET, MS_AUTHORITY, MS_GRAPH, TIMEOUT)

DEFAULT_AUTHORITY = "https://login.microsoftonline.com"
DEFAULT_GRAPH = "https://graph.microsoft.com/v1.0"
DEFAULT_TIMEOUT = 10  # seconds for each request to a calendar system
HIGHEST_TIMEOUT = 60

_TENANT = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$"
)  # a GUID or a domain such as contoso.onmicrosoft.com
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_KEY_FIELDS = ("client_email", "private_key", "token_uri")


class CalendarSettingsError(ValueError):
    """A calendar setting is missing or malformed; the message is one line for the operator."""


@dataclass(frozen=True)
class GoogleSettings:
    """A service account with domain-wide delegation: `key` is its JSON key file, read and checked."""

    key_file: Path
    key: dict[str, str] = field(repr=False)
    api_url: str | None  # the Calendar API's base (".../calendar/v3/"); None is Google's own
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class MicrosoftSettings:
    """An Entra app registration with the Calendars.ReadWrite application permission."""

    tenant_id: str
    client_id: str
    client_secret: str = field(repr=False)
    authority_url: str = DEFAULT_AUTHORITY  # the tenant is added to it
    graph_url: str = DEFAULT_GRAPH
    timeout: float = DEFAULT_TIMEOUT


CalendarSettings = GoogleSettings | MicrosoftSettings


def calendar_settings(get: Callable[[str], str | None]) -> CalendarSettings | None:
    """The calendar system set up in the environment, or None for none (slots from working hours only)."""
    google = get(GOOGLE_FILE)
    microsoft = [name for name in (MS_TENANT, MS_CLIENT, MS_SECRET) if get(name)]
    if google and microsoft:
        raise CalendarSettingsError(
            f"{GOOGLE_FILE} and {microsoft[0]} are both set: Rapport uses one calendar system, "
            "so unset either the Google or the Microsoft settings"
        )
    timeout = _timeout(get(TIMEOUT))
    if google:
        return GoogleSettings(
            Path(google), _key(google), _url(get(GOOGLE_URL), GOOGLE_URL, loopback_http=True), timeout
        )
    if microsoft:
        return _microsoft(get, microsoft, timeout)
    for name in (GOOGLE_URL, MS_AUTHORITY, MS_GRAPH):
        if get(name):
            raise CalendarSettingsError(f"{name} is set but no calendar is: {_what_for(name)}")
    return None


def _microsoft(get: Callable[[str], str | None], present: list[str], timeout: float) -> MicrosoftSettings:
    for name in (MS_TENANT, MS_CLIENT, MS_SECRET):
        if name not in present:
            raise CalendarSettingsError(
                f"{name} is not set: Microsoft 365 calendars need {MS_TENANT}, {MS_CLIENT} and {MS_SECRET} "
                "from the app registration (docs/calendars.md)"
            )
    tenant, client, secret = get(MS_TENANT) or "", get(MS_CLIENT) or "", get(MS_SECRET) or ""
    if not _TENANT.match(tenant):
        raise CalendarSettingsError(
            f"{MS_TENANT} must be the tenant's ID (a GUID) or its domain, not {tenant!r}"
        )
    if not _GUID.match(client):
        raise CalendarSettingsError(
            f"{MS_CLIENT} must be the app registration's Application (client) ID, a GUID, not {client!r}"
        )
    return MicrosoftSettings(
        tenant,
        client,
        secret,
        _url(get(MS_AUTHORITY), MS_AUTHORITY) or DEFAULT_AUTHORITY,
        _url(get(MS_GRAPH), MS_GRAPH) or DEFAULT_GRAPH,
        timeout,
    )


def _key(path: str) -> dict[str, str]:
    """The key file's fields; one line when it is missing, unreadable or not a service account's key."""
    try:
        key = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CalendarSettingsError(f"{GOOGLE_FILE} {path!r} cannot be read ({error.strerror})") from None
    except ValueError:
        raise CalendarSettingsError(f"{GOOGLE_FILE} {path!r} is not a JSON key file") from None
    if not isinstance(key, dict) or key.get("type") != "service_account":
        raise CalendarSettingsError(
            f"{GOOGLE_FILE} {path!r} is not a service account key: create a JSON key for the service account "
            "(docs/calendars.md)"
        )
    missing = [name for name in _KEY_FIELDS if not isinstance(key.get(name), str) or not key[name]]
    if missing:
        raise CalendarSettingsError(f"{GOOGLE_FILE} {path!r} has no {missing[0]}: download the key again")
    return key


def _url(value: str | None, name: str, loopback_http: bool = False) -> str | None:
    """An https URL; plain http only to this machine (the tests' fake endpoints): no token in clear."""
    if value is None:
        return None
    parts = urlsplit(value)
    local = parts.hostname is not None and _loopback(parts.hostname)
    if parts.scheme != "https" and not (loopback_http and parts.scheme == "http" and local):
        raise CalendarSettingsError(f"{name} must be an https URL, not {value!r}: {_what_for(name)}")
    if not parts.hostname:
        raise CalendarSettingsError(f"{name} has no host ({value!r}): {_what_for(name)}")
    return value.rstrip("/") + "/" if name == GOOGLE_URL else value.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _timeout(value: str | None) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= HIGHEST_TIMEOUT:
        raise CalendarSettingsError(
            f"{TIMEOUT} must be a number of seconds from 1 to {HIGHEST_TIMEOUT}, not {value!r}"
        )
    return float(value)


def _what_for(name: str) -> str:
    return {
        GOOGLE_URL: "leave it unset for Google's own Calendar API",
        MS_AUTHORITY: "leave it unset for login.microsoftonline.com (national clouds have their own)",
        MS_GRAPH: "leave it unset for graph.microsoft.com/v1.0 (national clouds have their own)",
    }[name]
