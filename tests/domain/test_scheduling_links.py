"""Google Calendar and Outlook links for the confirmed slot: the right instant, within Slack's 3,000."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.scheduling.links import calendar_links
from bot.domain.urls import URL_LIMIT

START = datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("America/New_York"))  # the day after DST began: 13:00 UTC
END = START + timedelta(minutes=30)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query, keep_blank_values=True, errors="strict")


def test_google_link_carries_the_utc_times_title_and_details():
    google, _ = calendar_links("Coffee: Ana & Ben", "Found by Rapport", START, END)
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    q = query(google)
    assert q["text"] == ["Coffee: Ana & Ben"] and q["details"] == ["Found by Rapport"]
    assert q["dates"] == ["20260309T130000Z/20260309T133000Z"]


def test_outlook_link_opens_the_work_composer_at_the_utc_times():
    _, outlook = calendar_links("Coffee", "Say hi", START, END)
    assert outlook.startswith("https://outlook.office.com/calendar/0/deeplink/compose?")
    q = query(outlook)
    assert q["subject"] == ["Coffee"] and q["body"] == ["Say hi"]
    assert (q["startdt"], q["enddt"]) == (["2026-03-09T13:00:00Z"], ["2026-03-09T13:30:00Z"])
    assert datetime.fromisoformat(q["startdt"][0]) == START.astimezone(UTC)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # long text, on a busy machine
@given(st.text(max_size=400), st.text(max_size=3000))
def test_any_title_and_details_fit_slacks_limit_and_decode(title, details):
    for url in calendar_links(title, details, START, END):
        assert len(url) <= URL_LIMIT
        q = query(url)
        assert q.get("dates", q.get("startdt")) is not None


def test_emoji_details_give_way_before_the_title():
    google, outlook = calendar_links("Coffee ☕", "🎉" * 600, START, END)
    assert query(google)["text"] == ["Coffee ☕"] and query(outlook)["subject"] == ["Coffee ☕"]
    assert query(google)["details"][0].endswith("…")


def test_times_must_be_aware_and_in_order():
    with pytest.raises(ValueError):
        calendar_links("x", "y", datetime(2026, 3, 9, 9, 0), datetime(2026, 3, 9, 9, 30))
    with pytest.raises(ValueError):
        calendar_links("x", "y", END, START)
