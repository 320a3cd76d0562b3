"""Links people write in public posts are not previewed: asks, offers, kudos, shared updates and event
announcements are posted with unfurl_links and unfurl_media false, so nobody's link grows a preview card
(or fetches a page) in a channel everyone reads."""

from __future__ import annotations

from collections.abc import Callable

from tests.app.ask_helpers import ask
from tests.app.conftest import RunningApp
from tests.app.event_helpers import create, rapport_joins
from tests.app.keep_in_touch_helpers import tick_at
from tests.app.test_help_kudos import kudos
from tests.app.test_help_offers import offer
from tests.app.update_helpers import (
    CHLOE,
    INTROS,
    JUNE_MORNING,
    LIAM,
    chloe_met,
    posts_in_intros,
    rapport_in_intros,
    wait_shared,
    write_update,
)

GENERAL, BEN = "C0GENERAL", "U01BEN"
LINK = "https://example.com/slides"
NO_PREVIEWS = {"unfurl_links": False, "unfurl_media": False}


def flags_of(app: RunningApp, channel: str, containing: str) -> list[dict[str, bool]]:
    posts = [m for m in app.fake.messages_in(channel) if containing in str(m.get("blocks"))]
    assert posts, f"nothing in {channel} says {containing!r}"
    return [app.fake.unfurl_flags(channel, m["ts"]) for m in posts]


def test_asks_offers_kudos_and_events_with_links_are_posted_without_previews(
    start_app: Callable[..., RunningApp],
):
    app = start_app(RAPPORT_ASKS_CHANNEL=GENERAL, RAPPORT_KUDOS_CHANNEL=GENERAL)
    rapport_joins(app)
    assert "posted" in ask(app, f"Can someone review {LINK}/ask ?")
    assert "posted" in offer(app, f"SQL office hours, see {LINK}/offer")
    assert "posted" in kudos(app, f"<@{BEN}|ben> for {LINK}/kudos")
    create(app, title="Demo day", description=f"Agenda: {LINK}/event", where=f"{LINK}/room")
    for what in ("/ask", "/offer", "/kudos", "/event"):
        assert flags_of(app, GENERAL, LINK + what) == [NO_PREVIEWS], what
    assert app.fake.take_violations() == []


def test_a_shared_update_with_a_link_is_posted_without_a_preview(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM)
    tick_at(app, JUNE_MORNING)
    write_update(app, CHLOE, text=f"Shipped it: {LINK}/update")
    wait_shared(app)
    [post] = posts_in_intros(app)
    assert f"{LINK}/update" in str(post["blocks"])
    assert app.fake.unfurl_flags(INTROS, post["ts"]) == NO_PREVIEWS
