"""Per-member limits on what Rapport posts in public, each with its setting: open asks, offers added and
taken down in a day, updates shared in a week. Over one, the member gets one clear line and nothing is
stored or posted."""

from __future__ import annotations

from collections.abc import Callable

from tests.app.ask_helpers import ask, latest_ask
from tests.app.conftest import RunningApp
from tests.app.test_help_offers import offer, offers_of
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

AMARA, KAVYA = "U01AMARA", "U02KAVYA"
GENERAL = "C0GENERAL"


def posts_in(app: RunningApp, word: str) -> list[dict]:
    return [m for m in app.fake.messages_in(GENERAL) if word in m.get("text", "")]


def test_a_member_has_at_most_the_open_asks_the_setting_allows(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=GENERAL, RAPPORT_ASKS_OPEN_LIMIT="2")
    for topic in ("SQL joins", "pandas merges"):
        assert "Your ask is posted" in ask(app, f"How do I do {topic}?")
    refused = ask(app, "How do I write a good design doc?")
    assert refused.startswith("You have 2 asks open already, the most at once") and "\n" not in refused
    assert len(posts_in(app, "asks")) == 2
    assert "design doc" not in latest_ask(app).question
    assert "Your ask is posted" in ask(app, "Where is the office?", user_id=KAVYA)  # per member


def test_offers_added_and_taken_down_in_a_day_are_limited(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=GENERAL, RAPPORT_OFFERS_DAILY_LIMIT="2")
    for topic in ("SQL office hours", "résumé reviews"):
        assert "posted in" in offer(app, topic)
    refused = offer(app, "mock interviews")
    assert refused.startswith("You've added 2 offers in the last 24 hours, the most for a day")
    assert "\n" not in refused and len(offers_of(app)) == 2 and len(posts_in(app, "offer")) == 2

    app.clock.advance(hours=24, minutes=1)
    for topic in ("mock interviews", "Git help"):
        assert "posted in" in offer(app, topic)
    first, second, third, _ = offers_of(app)
    assert "is taken down" in offer(app, f"remove {first.id}")
    assert "is taken down" in offer(app, f"remove {second.id}")
    refused = offer(app, f"remove {third.id}")
    assert refused.startswith("You've taken down 2 offers in the last 24 hours, the most for a day")
    assert len(offers_of(app)) == 2


def test_an_intern_shares_at_most_the_updates_a_week_the_setting_allows(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS, RAPPORT_UPDATES_WEEKLY_LIMIT="1")
    rapport_in_intros(app)
    chloe_met(app, LIAM)
    app.clock.set(JUNE_MORNING)
    messenger = app.runtime.messengers.updates(app.fake.workspace.team_id)
    messenger.prompt_update(CHLOE, 1)
    write_update(app, CHLOE, text="First")
    wait_shared(app)
    messenger.prompt_update(CHLOE, 1)
    write_update(app, CHLOE, text="Second")
    [refusal] = app.fake.wait_for(
        "chat.postMessage", lambda c: "the most for a week" in c.args.get("text", "")
    )
    assert refusal.args["text"].startswith("You've shared 1 update in the last 7 days, the most for a week")
    [post] = posts_in_intros(app)
    assert post["blocks"][0]["text"]["text"].endswith("First")

    app.clock.advance(days=7, minutes=1)
    messenger.prompt_update(CHLOE, 1)
    write_update(app, CHLOE, text="A week later")
    wait_shared(app, count=2)
    assert len(posts_in_intros(app)) == 2
