"""Calendar settings: one line naming the variable for anything half set up, and the adapter they name."""

from __future__ import annotations

import json
import logging
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.calendars import calendar_from_settings
from bot.calendars.google import GoogleCalendar
from bot.calendars.microsoft import MicrosoftCalendar
from bot.calendars.settings import CalendarSettingsError, GoogleSettings, MicrosoftSettings
from bot.config import ConfigError, Settings, unset_empty_settings
from bot.log_redaction import redact_settings
from bot.wiring import wire
from tests.calendars.conftest import CLIENT_ID, CLIENT_SECRET, TENANT
from tests.calendars.keys import pem

MS = {
    "RAPPORT_MS_TENANT_ID": TENANT,
    "RAPPORT_MS_CLIENT_ID": CLIENT_ID,
    "RAPPORT_MS_CLIENT_SECRET": CLIENT_SECRET,
}


@pytest.fixture
def key_file(tmp_path: Path, account_key) -> Path:
    path = tmp_path / "key.json"
    key = {
        "type": "service_account",
        "client_email": "rapport@p.iam.gserviceaccount.com",
        "private_key": pem(account_key),
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path.write_text(json.dumps(key))
    return path


def settings(**env: str) -> Settings:
    return Settings.from_env(env)


def test_no_calendar_is_the_default():
    assert settings().calendar is None
    assert calendar_from_settings(None) is None


def test_a_service_account_key_file_means_google(key_file):
    found = settings(RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file)).calendar
    assert isinstance(found, GoogleSettings) and found.api_url is None and found.timeout == 10
    assert found.key["client_email"] == "rapport@p.iam.gserviceaccount.com"
    assert "PRIVATE KEY" not in repr(found)
    assert isinstance(calendar_from_settings(found), GoogleCalendar)


def test_an_app_registration_means_microsoft():
    found = settings(**MS, RAPPORT_CALENDAR_TIMEOUT="5").calendar
    assert isinstance(found, MicrosoftSettings)
    assert (found.authority_url, found.graph_url, found.timeout) == (
        "https://login.microsoftonline.com",
        "https://graph.microsoft.com/v1.0",
        5.0,
    )
    assert CLIENT_SECRET not in repr(found)
    assert isinstance(calendar_from_settings(found), MicrosoftCalendar)


def test_national_clouds_and_the_tests_fakes_set_their_own_endpoints(key_file):
    ms = settings(
        **MS,
        RAPPORT_MS_AUTHORITY_URL="https://login.microsoftonline.us/",
        RAPPORT_MS_GRAPH_URL="https://graph.microsoft.us/v1.0/",
    ).calendar
    assert (ms.authority_url, ms.graph_url) == (
        "https://login.microsoftonline.us",
        "https://graph.microsoft.us/v1.0",
    )
    google = settings(
        RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file),
        RAPPORT_GOOGLE_CALENDAR_URL="http://127.0.0.1:8089/calendar/v3",
    ).calendar
    assert google.api_url == "http://127.0.0.1:8089/calendar/v3/"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"RAPPORT_MS_TENANT_ID": TENANT, "RAPPORT_MS_CLIENT_ID": CLIENT_ID},
            "RAPPORT_MS_CLIENT_SECRET is not set: Microsoft 365 calendars need",
        ),
        ({"RAPPORT_MS_CLIENT_SECRET": "s"}, "RAPPORT_MS_TENANT_ID is not set"),
        (MS | {"RAPPORT_MS_TENANT_ID": "../evil"}, "RAPPORT_MS_TENANT_ID must be the tenant's ID"),
        (MS | {"RAPPORT_MS_CLIENT_ID": "rapport"}, "RAPPORT_MS_CLIENT_ID must be the app registration's"),
        (
            MS | {"RAPPORT_MS_AUTHORITY_URL": "http://login.example"},
            "RAPPORT_MS_AUTHORITY_URL must be an https URL",
        ),
        (MS | {"RAPPORT_MS_GRAPH_URL": "http://127.0.0.1/v1.0"}, "RAPPORT_MS_GRAPH_URL must be an https URL"),
        (
            MS | {"RAPPORT_CALENDAR_TIMEOUT": "0"},
            "RAPPORT_CALENDAR_TIMEOUT must be a number of seconds from 1 to 60",
        ),
        (MS | {"RAPPORT_CALENDAR_TIMEOUT": "\uff11\uff10"}, "RAPPORT_CALENDAR_TIMEOUT must be a number"),
        (
            {"RAPPORT_MS_GRAPH_URL": "https://graph.microsoft.us/v1.0"},
            "RAPPORT_MS_GRAPH_URL is set but no calendar is",
        ),
        (
            {"RAPPORT_GOOGLE_CALENDAR_URL": "https://x.example/"},
            "RAPPORT_GOOGLE_CALENDAR_URL is set but no calendar",
        ),
        (
            {"RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE": "/nonexistent/key.json"},
            "RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE '/nonexistent/key.json' cannot be read (No such file",
        ),
    ],
)
def test_a_half_set_up_calendar_stops_with_one_line(env, message):
    with pytest.raises(ConfigError, match="^" + re.escape(message)) as caught:
        settings(**env)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not a JSON key file"),
        (json.dumps({"type": "authorized_user", "client_id": "x"}), "is not a service account key"),
        (
            json.dumps({"type": "service_account", "client_email": "a@b", "token_uri": "u"}),
            "has no private_key",
        ),
    ],
)
def test_a_key_file_that_is_not_a_service_accounts_key_stops_with_one_line(tmp_path, content, message):
    path = tmp_path / "key.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        settings(RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(path))


def test_google_and_microsoft_together_are_refused(key_file):
    with pytest.raises(ConfigError, match="are both set: Rapport uses one calendar system"):
        settings(RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file), **MS)


def test_plain_http_to_another_host_is_refused_for_google_too(key_file):
    with pytest.raises(ConfigError, match="RAPPORT_GOOGLE_CALENDAR_URL must be an https URL"):
        settings(
            RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file), RAPPORT_GOOGLE_CALENDAR_URL="http://10.0.0.5/"
        )


def test_a_key_google_auth_cannot_read_stops_at_startup(key_file):
    found = settings(RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file)).calendar
    broken = GoogleSettings(
        found.key_file, found.key | {"private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n"}, None
    )
    with pytest.raises(
        CalendarSettingsError, match="RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE: the key cannot be used"
    ):
        calendar_from_settings(broken)


def test_without_the_calendar_extra_the_operator_is_told_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "msal", None)  # as if `rapport[calendar]` were not installed
    monkeypatch.delitem(sys.modules, "bot.calendars.microsoft", raising=False)
    with pytest.raises(
        CalendarSettingsError,
        match=r"calendar libraries are not installed \(msal\): pip install 'rapport\[calendar\]'",
    ):
        calendar_from_settings(settings(**MS).calendar)


def test_empty_calendar_settings_are_unset_and_the_secret_is_redacted(caplog):
    env = {"RAPPORT_MS_TENANT_ID": "", "RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE": " "}
    unset_empty_settings(env)
    assert env == {}
    redact_settings(settings(**MS))
    caplog.set_level(logging.INFO)
    logging.getLogger("rapport.test").info("token request with %s", CLIENT_SECRET)
    assert CLIENT_SECRET not in caplog.records[-1].getMessage()


def test_startup_builds_the_calendar_once_and_an_unusable_key_is_a_config_error(key_file, tmp_path):
    database = f"sqlite:///{tmp_path / 'rapport.db'}"
    good = settings(RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE=str(key_file), DATABASE_URL=database)
    wired = wire(good)
    try:
        assert isinstance(wired.runtime.calendar, GoogleCalendar)
    finally:
        wired.engine.dispose()
    plain = wire(settings(DATABASE_URL=database))
    plain.engine.dispose()
    assert plain.runtime.calendar is None
    found = good.calendar
    broken = replace(good, calendar=GoogleSettings(found.key_file, found.key | {"private_key": "x"}, None))
    with pytest.raises(ConfigError, match="RAPPORT_GOOGLE_SERVICE_ACCOUNT_FILE: the key cannot be used"):
        wire(broken)
