"""Calendar buttons stay within Slack's 3,000 characters a URL, whatever the event's text: an emoji is 12
characters once %-encoded, and Slack refuses a whole message with one URL over the limit."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.app.conftest import RunningApp
from tests.app.event_helpers import create, press, rapport_joins

BEN = "U01BEN"
URL_LIMIT = 3000  # Slack's limit on a button's url
EMOJI = "🎉"  # 4 bytes in UTF-8: %F0%9F%8E%89


def button_urls(blocks: list[dict]) -> list[str]:
    return [e["url"] for b in blocks if b["type"] == "actions" for e in b["elements"] if "url" in e]


def test_an_emoji_heavy_event_gets_calendar_buttons_within_slacks_url_limit(running_app: RunningApp):
    app = running_app
    rapport_joins(app)
    event = create(
        app, title="Party " + EMOJI * 140, where=EMOJI * 190, description="Bring 🍕 " + "✨🎈" * 400
    )

    press(app, BEN, "event_going", event)
    answer = app.fake.wait_for("response_url", lambda c: "You're going" in c.args.get("text", ""))[0]
    google, outlook = button_urls(answer.args["blocks"])
    assert len(google) <= URL_LIMIT and len(outlook) <= URL_LIMIT
    query = parse_qs(urlparse(google).query, strict_parsing=True)  # every %-escape is whole
    assert query["text"][0].startswith("Party " + EMOJI) and query["dates"]
    assert parse_qs(urlparse(outlook).query)["startdt"] == ["2026-06-03T21:00:00Z"]

    listing = app.slack.command("/event", "list", user_id=BEN)
    assert listing.status == 200
    listed = str(listing.json()["blocks"])
    assert "Party" in listed and button_urls(listing.json()["blocks"]) == []  # no details in a list (#24)
    assert app.fake.take_violations() == []
