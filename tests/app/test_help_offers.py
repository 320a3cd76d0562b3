"""/offer: adding (posted once in the help channel, or only saved), the limit, list by topic, remove, Book a
chat (a group DM and one interaction), and offers on profile cards and in /intro mentors."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.help.offers import PER_PERSON
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import intro, save_profile

AMARA, BEN, KAVYA = "U01AMARA", "U01BEN", "U02KAVYA"
ASKS = "C0GENERAL"


def offer(app: RunningApp, text: str, user_id: str = KAVYA) -> str:
    """Run /offer and return its private answer (the acknowledgement, or the answer sent after it)."""
    answered = len(app.fake.calls_to("response_url"))
    reply = app.slack.command("/offer", text, user_id=user_id)
    assert reply.status == 200, reply.body
    if reply.body:
        return reply.body
    return app.fake.wait_for("response_url", lambda c: True, count=answered + 1)[-1].args["text"]


def offers_of(app: RunningApp, user_id: str = KAVYA):
    with app.runtime.unit_of_work() as work:
        return work.offers.current(app.fake.workspace.team_id, user_id)


def posts(app: RunningApp, channel: str = ASKS) -> list[dict]:
    return [m for m in app.fake.messages_in(channel) if "offer" in m.get("text", "")]


def book(app: RunningApp, user_id: str, value: str, message: dict | None = None) -> str:
    answered = len(app.fake.calls_to("response_url"))
    reply = app.slack.block_action(
        user_id, "offer_book", value, message=message or {"ts": "1.000001", "text": "offer"}, channel_id=ASKS
    )
    assert reply.status == 200
    return app.fake.wait_for("response_url", lambda c: True, count=answered + 1)[-1].args["text"]


def test_an_offer_is_saved_and_posted_once_with_book_a_chat(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS)
    answer = offer(app, "SQL office hours <!channel>")
    [saved] = offers_of(app)
    assert f"Offer #{saved.id}" in answer and f"posted in <#{ASKS}>" in answer
    [post] = posts(app)
    assert "<!channel>" not in str(post) and "&lt;!channel&gt;" in post["text"]
    [button] = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["value"]) == ("offer_book", str(saved.id))
    offer(app, "résumé reviews")
    assert len(posts(app)) == 2  # each offer is posted once, when it is made
    assert app.fake.take_violations() == []


def test_without_a_help_channel_an_offer_is_only_saved_and_the_person_told(running_app: RunningApp):
    answer = offer(running_app, "how our ML pipeline works")
    assert "only saved" in answer and "/coffee setup asks" in answer
    assert len(offers_of(running_app)) == 1
    assert running_app.fake.calls_to("chat.postMessage") == []


def test_limits_empty_too_long_and_too_many(running_app: RunningApp):
    assert "`/offer list [topic]`" in offer(running_app, "")
    assert "under 200 characters" in offer(running_app, "x" * 201)
    for i in range(PER_PERSON):
        assert "is on your profile" in offer(running_app, f"topic {i}")
    assert "Take one down first" in offer(running_app, "one more")
    assert len(offers_of(running_app)) == PER_PERSON


def test_list_matches_topic_words_and_remove_takes_one_down(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS)
    offer(app, "SQL office hours")
    offer(app, "Résumé reviews", user_id=BEN)
    listing = app.slack.command("/offer", "list sql", user_id=AMARA).json()
    assert "SQL office hours" in str(listing["blocks"]) and "Résumé" not in str(listing["blocks"])
    everything = app.slack.command("/offer", "list", user_id=AMARA).json()
    assert "2 offers of help" in everything["blocks"][0]["text"]["text"]
    assert "No offer mentions" in app.slack.command("/offer", "list knitting", user_id=AMARA).body

    [sql] = offers_of(app)
    assert f"no offer #{sql.id}" in offer(app, f"remove {sql.id}", user_id=BEN)  # not Ben's to remove
    chooser = app.slack.command("/offer", "remove", user_id=KAVYA).json()
    [take_down] = [b["accessory"] for b in chooser["blocks"] if "accessory" in b]
    assert take_down["value"] == str(sql.id)
    assert "taken down" in offer(app, f"remove {sql.id}")
    assert offers_of(app) == []
    closed = app.fake.wait_for("chat.update", lambda c: "taken down" in c.args.get("text", ""))[-1].args
    assert closed["ts"] == sql.message_ts or closed["channel"] == ASKS
    assert "actions" not in str(closed["blocks"])
    assert "taken down already" in offer(app, f"remove {sql.id}")
    assert "Which offer?" in offer(app, "remove soon")
    assert "SQL" not in str(app.slack.command("/offer", "list", user_id=AMARA).json())
    assert "taken down" in book(app, AMARA, str(sql.id))


def test_book_a_chat_opens_a_group_dm_and_records_one_interaction(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS)
    offer(app, "SQL office hours")
    [sql] = offers_of(app)
    answer = book(app, AMARA, str(sql.id))
    assert f"group DM with <@{KAVYA}>" in answer
    opened = app.fake.calls_to("conversations.open")[-1].args
    assert set(opened["users"].split(",")) == {AMARA, KAVYA}
    assert "You booked a chat about this already" in book(app, AMARA, str(sql.id))
    assert len(app.fake.calls_to("conversations.open")) == 1
    assert "your own offer" in book(app, KAVYA, str(sql.id))
    with app.runtime.unit_of_work() as work:
        network = work.followups.network(app.fake.workspace.team_id, AMARA)
    assert [(e.other_user_id, e.how.value, e.times) for e in network] == [(KAVYA, "help", 1)]
    assert app.fake.take_violations() == []


def test_forged_book_values_get_a_clear_answer(running_app: RunningApp):
    assert "can't use" in book(running_app, AMARA, "<!channel>")
    assert "can't use" in book(running_app, AMARA, "")
    assert "taken down" in book(running_app, AMARA, "999999")
    answered = len(running_app.fake.calls_to("response_url"))
    running_app.slack.block_action(
        AMARA, "offer_remove", "1; drop table", message={"ts": "1.1"}, channel_id=ASKS
    )
    # the two forged Book values were answered "can't use" too: wait for this one's answer, the third
    running_app.fake.wait_for("response_url", lambda c: "can't use" in c.args.get("text", ""), count=3)
    assert len(running_app.fake.calls_to("response_url")) == answered + 1


def test_offers_show_on_the_profile_card_and_in_intro_mentors(running_app: RunningApp):
    save_profile(running_app, KAVYA, role="mentor", interests="Rust", working_on="Payments ledger")
    offer(running_app, "SQL office hours")
    card = intro(running_app, f"<@{KAVYA}|kavya>", AMARA).json()
    assert "Offers to help with:* SQL office hours" in str(card["blocks"])
    found = intro(running_app, "mentors sql", AMARA).json()  # the offer's words find the mentor
    assert "Offers to help with: SQL office hours" in str(found["blocks"])


def test_an_offer_that_starts_with_help_is_an_offer_not_the_help(running_app: RunningApp):
    assert "is on your profile" in offer(running_app, "help with SQL interviews")
    assert [o.text for o in offers_of(running_app)] == ["help with SQL interviews"]
