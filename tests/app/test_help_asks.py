"""/ask through Slack's protocol: the post, private suggestions within a weekly limit, I can help (once,
even pressed twice at once), Not this time, Solved, Thank @helper, the nudge and expiry on a moved clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.services.followups.ports import MeetingSource
from handlers.text import INVALID_VALUE, plain
from tests.app.ask_helpers import (
    AMARA,
    ASKS,
    action_ids,
    ask,
    last_answer,
    latest_ask,
    opt_in,
    post_of,
    press,
    stored_ask,
    suggestions_to,
    text_of,
)
from tests.app.coffee_helpers import tick
from tests.app.conftest import RunningApp
from tests.app.test_input_properties import OVER_HTTP, assert_clear_private_answer, recording_response_urls
from tests.strategies import short_text, slack_text

BEN, CHLOE, DEV, ELENA, FARID = "U01BEN", "U01CHLOE", "U01DEV", "U01ELENA", "U01FARID"
KAVYA, LIAM, OLIVIA = "U02KAVYA", "U02LIAM", "U02OLIVIA"
NO_CHANNEL = "/coffee setup asks #channel"


@pytest.fixture
def app(start_app: Callable[..., RunningApp]) -> RunningApp:
    return start_app(RAPPORT_ASKS_CHANNEL=ASKS)


def modal_values(question: str, tags: str = "", by_when: str | None = None) -> dict:
    return {
        "question": {"value": {"type": "plain_text_input", "value": question}},
        "tags": {"value": {"type": "plain_text_input", "value": tags}},
        "by_when": {"value": {"type": "datepicker", "selected_date": by_when}},
    }


def submit_modal(app: RunningApp, user_id: str, **fields: str | None):
    view = {
        "callback_id": "ask_create",
        "private_metadata": "{}",
        "state": {"values": modal_values(**fields)},
    }
    return app.slack.view_submission(user_id, view)


def dm_of(app: RunningApp, user_id: str) -> str:
    channel = app.fake.dm_channel(user_id)
    assert channel is not None
    return channel


def help_meetings(app: RunningApp, user_id: str) -> list:
    with app.runtime.unit_of_work() as work:
        entries = work.followups.network(app.fake.workspace.team_id, user_id)
    return [e for e in entries if e.how is MeetingSource.HELP]


def test_without_an_asks_channel_the_asker_is_told_and_nothing_is_stored(running_app: RunningApp):
    reply = running_app.slack.command("/ask", "How do I write a design doc?", user_id=AMARA)
    assert NO_CHANNEL in reply.body
    assert NO_CHANNEL in running_app.slack.command("/ask", "", user_id=AMARA).body
    assert (
        NO_CHANNEL in submit_modal(running_app, AMARA, question="Design docs?").json()["errors"]["question"]
    )
    with running_app.runtime.unit_of_work() as work:
        assert work.asks.records(running_app.fake.workspace.team_id) == []
    assert running_app.fake.calls_to("views.open") == []
    assert running_app.fake.calls_to("chat.postMessage") == []


def test_ask_alone_opens_the_form_and_bad_answers_are_inline_errors(app: RunningApp):
    assert app.slack.command("/ask", "", user_id=AMARA).status == 200
    view = app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert view["callback_id"] == "ask_create"
    assert [b["block_id"] for b in view["blocks"]] == ["question", "tags", "by_when"]
    bad = submit_modal(app, AMARA, question="  ", tags="a, b, c, d, e, f", by_when="2026-05-31")
    assert set(bad.json()["errors"]) == {"question", "tags", "by_when"}
    with app.runtime.unit_of_work() as work:
        assert work.asks.records(app.fake.workspace.team_id) == []
    assert app.fake.take_violations() == []


def test_the_ask_is_posted_escaped_with_i_can_help_and_the_asker_told_where(app: RunningApp):
    reply = submit_modal(
        app, AMARA, question="<!channel> how do I profile SQL?", tags="SQL, Postgres", by_when="2026-06-05"
    )
    assert reply.status == 200 and not reply.body
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == AMARA)
    post = post_of(app, latest_ask(app))
    assert "<!channel>" not in text_of(post) and "&lt;!channel&gt;" in text_of(post)
    assert "Topics: sql, postgres" in text_of(post) and "By Fri 05 Jun" in text_of(post)
    assert action_ids(post) == ["ask_help"]
    told = app.fake.messages_to(AMARA)[-1]["text"]
    assert f"posted in <#{ASKS}>" in told and "Nobody who chose to hear about asks matches" in told
    assert app.fake.take_violations() == []


def test_up_to_three_matching_people_who_opted_in_are_asked_privately_never_the_asker(app: RunningApp):
    opt_in(app, BEN, "sql, postgres")
    opt_in(app, CHLOE, "sql")
    opt_in(app, KAVYA, "databases", working_on="Postgres upgrades")
    opt_in(app, OLIVIA, "sql")  # matches as well as Chloé, but three are enough
    opt_in(app, LIAM, "sql", on=False)  # matches, but did not opt in
    opt_in(app, DEV, "design")  # opted in, matches nothing
    opt_in(app, AMARA, "sql, postgres")  # the asker
    answer = ask(app, "Why is my SQL query slow on Postgres?")
    assert "I also asked 3 people whose profile matches it, privately" in answer
    asked = {u for u in (BEN, CHLOE, KAVYA, OLIVIA, LIAM, DEV, AMARA) if suggestions_to(app, u)}
    assert asked == {BEN, CHLOE, KAVYA}  # Ben matches both words; then the order of their IDs
    dm = suggestions_to(app, BEN)[0]
    assert action_ids(dm) == ["ask_help", "ask_decline"] and "slow on Postgres" in text_of(dm)
    assert app.fake.take_violations() == []


def test_nobody_gets_more_than_three_suggestions_in_seven_days(app: RunningApp):
    opt_in(app, BEN, "sql")
    for asker in (AMARA, CHLOE, DEV):
        assert "I also asked 1 person" in ask(app, "Any SQL tips?", user_id=asker)
        app.clock.advance(days=2)
    assert "Nobody who chose" in ask(app, "SQL again?", user_id=ELENA)  # day 6: Ben had 3 this week
    app.clock.advance(days=1, hours=1)  # the first one is now more than 7 days old
    assert "I also asked 1 person" in ask(app, "SQL once more?", user_id=FARID)
    assert len(suggestions_to(app, BEN)) == 4


def test_i_can_help_pressed_twice_at_once_opens_one_group_dm_and_records_the_help_once(app: RunningApp):
    opt_in(app, BEN, "sql")
    ask(app, "Any SQL tips?")
    the_ask = latest_ask(app)
    channel = dm_of(app, BEN)
    before = len(app.fake.calls_to("response_url"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(
            pool.map(
                lambda _: app.slack.block_action(
                    BEN, "ask_help", str(the_ask.id), message={"ts": "1.000001"}, channel_id=channel
                ),
                range(2),
            )
        )
    assert [r.status for r in replies] == [200, 200]
    answers = app.fake.wait_for("response_url", lambda c: True, count=before + 2)[before:]
    texts = sorted(c.args["text"] for c in answers)
    assert texts[0].startswith("Thank you! I opened a group DM with <@U01AMARA>")
    assert texts[1].startswith("You offered to help already")
    assert len(help_meetings(app, AMARA)) == 1 and help_meetings(app, BEN)[0].other_user_id == AMARA
    opened = [c for c in app.fake.calls_to("conversations.open") if "," in c.args.get("users", "")]
    assert len(opened) == 1 and set(opened[0].args["users"].split(",")) == {AMARA, BEN}
    group = app.fake.wait_for("chat.postMessage", lambda c: "offered to help <@U01AMARA>" in c.args["text"])
    assert len(group) == 1
    offer = app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "offered" in c.args["text"]
    )
    assert action_ids(offer[0].args) == ["ask_solved", "ask_thank"]
    assert "Thank benc" in text_of(offer[0].args)  # Ben's display name
    app.fake.wait_for("chat.update", lambda c: "You offered to help" in c.args["text"])
    assert "Offered to help: <@U01BEN>" in text_of(post_of(app, the_ask))
    assert app.fake.take_violations() == []


def test_not_this_time_closes_the_dm_and_the_asker_never_hears_of_it(app: RunningApp):
    opt_in(app, BEN, "sql")
    ask(app, "Any SQL tips?")
    the_ask = latest_ask(app)
    press(app, BEN, "ask_decline", str(the_ask.id), channel_id=dm_of(app, BEN), wait=False)
    app.fake.wait_for("chat.update", lambda c: "No problem" in c.args["text"])
    press(app, BEN, "ask_decline", str(the_ask.id), channel_id=dm_of(app, BEN))
    assert "answered that one already" in last_answer(app)
    assert all(BEN not in text_of(m) for m in app.fake.messages_to(AMARA))
    assert all(BEN not in text_of(m) for m in app.fake.messages_in(ASKS))


def test_only_the_asker_marks_it_solved_and_the_post_is_updated_in_place(app: RunningApp):
    ask(app, "Who knows our deploy pipeline?")
    the_ask = latest_ask(app)
    press(app, BEN, "ask_help", str(the_ask.id))  # from the channel post
    press(app, AMARA, "ask_help", str(the_ask.id))
    assert "your own ask" in last_answer(app)
    press(app, CHLOE, "ask_solved", str(the_ask.id), channel_id=dm_of(app, AMARA))
    assert "Only the person who asked" in last_answer(app)
    press(app, AMARA, "ask_solved", str(the_ask.id), channel_id=dm_of(app, AMARA))
    assert "Marked solved" in last_answer(app)
    updated = app.fake.wait_for("chat.update", lambda c: c.args["text"].startswith("Solved"))[-1]
    assert updated.args["ts"] == stored_ask(app, the_ask.id).message_ts
    post = post_of(app, the_ask)
    assert "Solved." in text_of(post) and action_ids(post) == []
    press(app, AMARA, "ask_solved", str(the_ask.id), channel_id=dm_of(app, AMARA))
    assert "closed already" in last_answer(app)
    press(app, CHLOE, "ask_help", str(the_ask.id))
    assert "closed already" in last_answer(app)
    assert len(help_meetings(app, AMARA)) == 1


def test_thank_helper_sends_the_askers_note_to_the_helper_only_from_the_asker(app: RunningApp):
    ask(app, "Who knows our deploy pipeline?")
    the_ask = latest_ask(app)
    press(app, BEN, "ask_help", str(the_ask.id))
    app.slack.block_action(
        AMARA, "ask_thank", f"{the_ask.id}:{BEN}", message={"ts": "1.1"}, channel_id=dm_of(app, AMARA)
    )
    view = app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert view["callback_id"] == "ask_thanks"
    metadata = view["private_metadata"]
    note = {"note": {"value": {"type": "plain_text_input", "value": "<!here> you saved my day"}}}
    submission = {"callback_id": "ask_thanks", "private_metadata": metadata, "state": {"values": note}}
    refused = app.slack.view_submission(CHLOE, submission)  # someone else replaying the form
    assert "Only the person who asked" in refused.json()["errors"]["note"]
    assert app.slack.view_submission(AMARA, submission).status == 200
    thanks = app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == BEN and "thanks you" in c.args["text"]
    )
    assert (
        "&lt;!here&gt; you saved my day" in thanks[0].args["text"] and "<!here>" not in thanks[0].args["text"]
    )
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "Your thanks went" in c.args["text"]
    )
    empty = {"note": {"value": {"type": "plain_text_input", "value": "   "}}}
    blank = app.slack.view_submission(AMARA, {**submission, "state": {"values": empty}})
    assert "Write a few words" in blank.json()["errors"]["note"]
    forged = {**submission, "private_metadata": json.dumps({"ask_id": the_ask.id, "helper": "C0GENERAL"})}
    assert app.slack.view_submission(AMARA, forged).json()["errors"]["note"] == INVALID_VALUE
    press(
        app, AMARA, "ask_thank", f"{the_ask.id}:{CHLOE}", channel_id=dm_of(app, AMARA)
    )  # Chloé did not help
    assert "Only the person who asked can thank someone who offered" in last_answer(app)


def test_an_unanswered_ask_gets_one_nudge_after_three_working_days_and_expires_after_fourteen(
    app: RunningApp,
):
    ask(app, "How do I get started with Rust?")  # Monday 1 June, 05:00 in New York (Amara's zone)
    the_ask = latest_ask(app)
    ask(app, "Who can review my CV?", user_id=CHLOE)
    answered = latest_ask(app)
    press(app, BEN, "ask_help", str(answered.id))

    def nudges(user_id: str) -> list[dict]:
        return [m for m in app.fake.messages_to(user_id) if "Nobody has offered" in m["text"]]

    app.clock.set(datetime(2026, 6, 4, 12, 59, tzinfo=UTC))  # Thursday 08:59 in New York
    tick(app)
    assert nudges(AMARA) == []
    app.clock.set(datetime(2026, 6, 4, 13, 0, tzinfo=UTC))  # 09:00 there: three working days on
    tick(app)
    tick(app)
    assert len(nudges(AMARA)) == 1 and "`/intro mentors topic`" in text_of(nudges(AMARA)[0])
    assert nudges(CHLOE) == []  # Ben offered to help with hers
    app.clock.set(datetime(2026, 6, 15, 8, 59, tzinfo=UTC))
    tick(app)
    assert stored_ask(app, the_ask.id).status.value == "open"
    app.clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))  # two weeks on
    tick(app)
    tick(app)
    assert stored_ask(app, the_ask.id).status.value == "expired"
    assert stored_ask(app, answered.id).status.value == "expired"
    told = [m for m in app.fake.messages_to(AMARA) if "open for two weeks" in m["text"]]
    assert len(told) == 1
    post = post_of(app, the_ask)
    assert text_of(post).startswith("Closed") and action_ids(post) == []


@pytest.mark.parametrize("action_id", ["ask_help", "ask_decline", "ask_solved", "ask_thank"])
def test_forged_button_values_get_a_clear_answer_and_do_nothing(app: RunningApp, action_id: str):
    ask(app, "Anything?")
    before = len(app.fake.calls_to("chat.postMessage"))
    for count, value in enumerate(["<!channel>", "", "0", "-1", "x" * 300, "1:<@U01BEN>"], start=1):
        press(app, BEN, action_id, value)
        assert last_answer(app) == INVALID_VALUE, (value, count)
    assert len(app.fake.calls_to("chat.postMessage")) == before
    assert app.fake.calls_to("views.open") == []
    if action_id == "ask_help":
        press(app, BEN, action_id, "999999")
        assert "doesn't exist" in last_answer(app)


def test_the_profile_form_has_the_asks_opt_in_prefilled_and_unticking_it_stops_suggestions(app: RunningApp):
    def opt_in_block() -> dict:
        before = len(app.fake.calls_to("views.open"))
        app.slack.command("/intro", "", user_id=BEN)
        view = app.fake.wait_for("views.open", lambda c: True, count=before + 1)[-1].args["view"]
        return next(b for b in view["blocks"] if b["block_id"] == "asks_opt_in")

    assert "initial_options" not in opt_in_block()
    opt_in(app, BEN, "sql")
    block = opt_in_block()
    assert block["element"]["initial_options"][0]["value"] == "asks_opt_in"
    assert "Tell me about asks that match what I know" in block["element"]["options"][0]["text"]["text"]
    opt_in(app, BEN, "sql", on=False)
    assert "initial_options" not in opt_in_block()
    assert "Nobody who chose" in ask(app, "Any SQL tips?")
    assert suggestions_to(app, BEN) == []
    assert app.fake.take_violations() == []


def test_admins_see_asks_opened_answered_and_the_median_wait_in_stats_and_home(app: RunningApp):
    admin = app.fake.workspace.admin_id
    ask(app, "Who knows our deploy pipeline?")
    app.clock.advance(minutes=90)
    press(app, BEN, "ask_help", str(latest_ask(app).id))
    ask(app, "Anyone up for a code review?", user_id=CHLOE)
    stats = app.slack.command("/coffee", "stats", user_id=admin).json()
    texts = "\n".join(b["text"]["text"] for b in stats["blocks"] if b["type"] == "section")
    assert "*Asks*\n2 opened · 1 answered · 0 solved · 0 expired" in texts
    assert "median time to a first helper: 1 h 30 min" in texts
    app.slack.event({"type": "app_home_opened", "user": admin, "tab": "home", "channel": "D0ADMIN"})
    home = app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == admin)[-1].args["view"]
    assert any("*Asks*\n2 opened" in (b.get("text") or {}).get("text", "") for b in home["blocks"])
    app.slack.event({"type": "app_home_opened", "user": BEN, "tab": "home", "channel": "D0BEN"})
    member = app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == BEN)[-1].args["view"]
    assert not any("*Asks*" in (b.get("text") or {}).get("text", "") for b in member["blocks"])


def test_any_ask_text_gets_a_clear_private_answer(app: RunningApp):
    urls = recording_response_urls(app)

    @OVER_HTTP
    @given(slack_text)
    def check(text: str) -> None:
        assume(plain(text).strip())  # only control characters is a bare /ask: the form
        reply = app.slack.command("/ask", text, user_id=AMARA, channel_id=ASKS)
        assert_clear_private_answer(app, reply, urls[-1])

    check()


def test_any_ask_form_is_posted_or_answered_beside_its_fields(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS, RAPPORT_ASKS_OPEN_LIMIT="50")  # more than the examples

    @OVER_HTTP
    @given(
        st.one_of(st.none(), short_text, slack_text),
        st.one_of(st.none(), short_text, slack_text),
        st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), slack_text),
    )
    def check(question: str | None, tags: str | None, by_when: str | None) -> None:
        def told() -> list:
            return [c for c in app.fake.calls_to("chat.postMessage") if c.args["channel"] == AMARA]

        before = len(told())
        reply = submit_modal(app, AMARA, question=question or "", tags=tags or "", by_when=by_when)
        assert reply.status == 200
        if reply.body:
            errors = reply.json()["errors"]
            assert errors and set(errors) <= {"question", "tags", "by_when"}
            assert all(message.strip() for message in errors.values())
        else:
            app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == AMARA, count=before + 1)
            assert "Your ask is posted" in told()[-1].args["text"]
        assert app.fake.take_violations() == []

    check()


def test_an_ask_slack_refuses_to_post_is_not_kept_and_the_asker_is_told_why(start_app):
    app = start_app(RAPPORT_ASKS_CHANNEL="C0GONE")  # no such channel any more
    opt_in(app, BEN, "sql")
    answer = ask(app, "Any SQL tips?")
    assert "Slack refused to post your ask in <#C0GONE> (channel_not_found), so nothing was kept" in answer
    with app.runtime.unit_of_work() as work:
        assert work.asks.records(app.fake.workspace.team_id) == []
    assert suggestions_to(app, BEN) == []


KUDOS = "C0INTROS"  # public: Rapport joins it to post


def test_thank_helper_can_post_kudos_publicly_instead(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS, RAPPORT_KUDOS_CHANNEL=KUDOS)
    ask(app, "Who knows our deploy pipeline?")
    the_ask = latest_ask(app)
    press(app, BEN, "ask_help", str(the_ask.id))
    app.slack.block_action(
        AMARA, "ask_thank", f"{the_ask.id}:{BEN}", message={"ts": "1.1"}, channel_id=dm_of(app, AMARA)
    )
    view = app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    public = next(b for b in view["blocks"] if b.get("block_id") == "public")
    assert public["optional"] and public["element"]["type"] == "checkboxes"
    values = {
        "note": {"value": {"type": "plain_text_input", "value": "for untangling the deploy pipeline"}},
        "public": {"value": {"type": "checkboxes", "selected_options": [{"value": "public"}]}},
    }
    submission = {"callback_id": "ask_thanks", "private_metadata": view["private_metadata"]}
    assert app.slack.view_submission(AMARA, {**submission, "state": {"values": values}}).status == 200
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "posted in" in c.args["text"]
    )
    [posted] = [m for m in app.fake.messages_in(KUDOS) if "untangling the deploy pipeline" in m["text"]]
    assert f"<@{BEN}>" in posted["text"] or any(
        f"<@{BEN}>" in json.dumps(b) for b in posted.get("blocks", [])
    )
    assert [c for c in app.fake.calls_to("chat.postMessage") if "thanks you" in c.args.get("text", "")] == []
    with app.runtime.unit_of_work() as work:
        counts = work.kudos.counts(app.fake.workspace.team_id, BEN)
    assert counts.received == 1


def test_forgetting_a_member_deletes_their_ask_and_offer_posts_from_slack(app: RunningApp):
    ask(app, "Who knows our deploy pipeline?")
    the_ask = latest_ask(app)
    app.slack.command("/offer", "SQL office hours", user_id=AMARA)
    # the answer comes once the post's place is stored (the post itself lands a moment before)
    app.fake.wait_for("response_url", lambda c: "SQL office hours" in c.args.get("text", ""))
    with app.runtime.unit_of_work() as work:
        offer = work.offers.all(app.fake.workspace.team_id)[0]
    posts = {stored_ask(app, the_ask.id).message_ts, offer.message_ts}
    assert None not in posts and len(posts) == 2
    app.slack.command("/coffee", "forget-me", user_id=AMARA, channel_id=ASKS)
    app.slack.block_action(AMARA, "forget_me_confirm", value="forget", channel_id=ASKS)
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    deleted = {c.args["ts"] for c in app.fake.calls_to("chat.delete") if c.args["channel"] == ASKS}
    assert deleted == posts
    assert [m for m in app.fake.messages_in(ASKS) if m.get("ts") in posts] == []
