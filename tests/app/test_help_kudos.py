"""/kudos and Post kudos publicly on a thank-you nudge, over signed requests against the fake Slack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bot.domain.help.kudos import DAILY_LIMIT
from tests.app.coffee_helpers import coffee
from tests.app.conftest import RunningApp
from tests.app.test_followups_nudges import first_nudge_times, nudges_to

AMARA, BEN, CHLOE, LIAM = "U01AMARA", "U01BEN", "U01CHLOE", "U02LIAM"
KUDOS = "C0GENERAL"


def kudos(app: RunningApp, text: str, user_id: str = AMARA) -> str:
    """Send /kudos and wait for its private answer; that answer's text."""
    answered = len(app.fake.calls_to("response_url"))
    reply = app.slack.command("/kudos", text, user_id=user_id)
    assert reply.status == 200, reply.body
    if reply.body:  # refused before any work: the answer is the acknowledgement itself
        return reply.body
    return app.fake.wait_for("response_url", lambda c: True, count=answered + 1)[-1].args["text"]


def counts(app: RunningApp, user_id: str):
    with app.runtime.unit_of_work() as work:
        return work.kudos.counts(app.fake.workspace.team_id, user_id)


def test_kudos_go_to_the_kudos_channel_escaped_and_count_for_both(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_KUDOS_CHANNEL=KUDOS)  # Rapport is not in it yet: it joins, then posts
    answer = kudos(app, f"<@{BEN}|ben> for the <!channel> SQL help & *patience*")
    assert f"posted in <#{KUDOS}>" in answer
    assert app.fake.calls_to("conversations.join")
    [post] = [m for m in app.fake.messages_in(KUDOS) if "thanked" in m.get("text", "")]
    assert f"<@{AMARA}> thanked <@{BEN}>" in post["text"]
    assert "<!channel>" not in str(post) and "&lt;!channel&gt;" in post["text"]
    assert "&amp;" in post["blocks"][0]["text"]["text"]
    assert (counts(app, BEN).received, counts(app, AMARA).given) == (1, 1)
    assert app.fake.take_violations() == []


def test_without_a_kudos_channel_the_person_gets_a_dm(running_app: RunningApp):
    answer = kudos(running_app, f"<@{BEN}|ben> great demo today with <@{CHLOE}|chloe> in <#C0COFFEE|coffee>")
    assert "as a DM" in answer
    [dm] = running_app.fake.messages_to(BEN)
    assert dm["text"].startswith(f"🙌 <@{AMARA}> thanked you")
    assert f"great demo today with <@{CHLOE}> in <#C0COFFEE>" in dm["text"]  # live, without the names
    with running_app.runtime.unit_of_work() as work:
        [stored] = work.kudos.all(running_app.fake.workspace.team_id)
    assert stored.text == f"great demo today with <@{CHLOE}> in <#C0COFFEE>"


def test_refusals_say_why_and_store_nothing(running_app: RunningApp):
    assert "`/kudos @someone what they did`" in kudos(running_app, "thanks everyone")
    assert "Say what they did" in kudos(running_app, f"<@{BEN}|ben>   ")
    assert "someone else" in kudos(running_app, f"<@{AMARA}|amara> being me")
    assert "is a bot" in kudos(running_app, "<@U03OTTERBOT|otterbot> beep boop")
    assert "isn't an active person" in kudos(running_app, "<@U09VICTOR|victor> old times")
    assert "isn't an active person" in kudos(running_app, "<@U0NOBODY> who?")
    assert counts(running_app, AMARA).given == 0
    assert running_app.fake.calls_to("chat.postMessage") == []


def test_twenty_a_day_then_a_clear_answer_and_the_next_day_again(running_app: RunningApp):
    for i in range(DAILY_LIMIT):
        assert "as a DM" in kudos(running_app, f"<@{BEN}|ben> thanks #{i}")
    assert f"{DAILY_LIMIT} kudos in the last 24 hours" in kudos(running_app, f"<@{BEN}|ben> one more")
    assert counts(running_app, AMARA).given == DAILY_LIMIT
    running_app.clock.advance(hours=24, minutes=1)
    assert "as a DM" in kudos(running_app, f"<@{BEN}|ben> a new day")


def test_long_text_is_clipped_to_the_limit(running_app: RunningApp):
    kudos(running_app, f"<@{BEN}|ben> " + "wonderful " * 200)
    [dm] = running_app.fake.messages_to(BEN)
    assert len(dm["blocks"][0]["text"]["text"]) < 700 and dm["blocks"][0]["text"]["text"].endswith("…")


def nudged(app: RunningApp) -> dict:
    """Chloé met Liam (/coffee met) and got her thank-you nudge the next morning."""
    app.clock.set(datetime(2026, 6, 3, 20, 0, tzinfo=UTC))
    coffee(app, f"met <@{LIAM}> careers chat", user_id=CHLOE, channel_id="C0GENERAL")
    first_nudge_times(app, [CHLOE], until=datetime(2026, 6, 4, 12, 0, tzinfo=UTC))
    [nudge] = nudges_to(app, CHLOE)
    return nudge


def test_the_nudge_offers_post_kudos_publicly_with_a_prefilled_modal(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_KUDOS_CHANNEL=KUDOS)
    nudge = nudged(app)
    buttons = [e["action_id"] for b in nudge["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "nudge_kudos" in buttons
    dm = app.fake.dm_channel(CHLOE)
    app.slack.block_action(CHLOE, "nudge_kudos", message=nudge, channel_id=dm)
    view = app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert view["callback_id"] == "kudos_from_nudge"
    person = next(b for b in view["blocks"] if b["block_id"] == "person")["element"]
    line = next(b for b in view["blocks"] if b["block_id"] == "text")["element"]["initial_value"]
    assert person["initial_user"] == LIAM
    assert line.startswith("Thanks for the chat about careers chat") and not line.startswith("Hi")

    submitted = {
        "callback_id": "kudos_from_nudge",
        "private_metadata": view["private_metadata"],
        "state": {
            "values": {
                "person": {"value": {"type": "users_select", "selected_user": LIAM}},
                "text": {"value": {"type": "plain_text_input", "value": line}},
            }
        },
    }
    reply = app.slack.view_submission(CHLOE, submitted)
    assert reply.status == 200 and not reply.body
    posts = [m for m in app.fake.messages_in(KUDOS) if "thanked" in m.get("text", "")]
    assert len(posts) == 1 and f"<@{CHLOE}> thanked <@{LIAM}>" in posts[0]["text"]
    closed = app.fake.wait_for("chat.update", lambda c: c.args["ts"] == nudge["ts"])[-1].args
    assert "Kudos posted" in closed["text"]
    with app.runtime.unit_of_work() as work:
        [done] = work.followups.nudges_in_message(dm, nudge["ts"])
    assert done.status.value == "done"
    assert app.fake.take_violations() == []


def test_the_modal_refuses_inline_and_forged_metadata_touches_no_nudge(running_app: RunningApp):
    nudge = nudged(running_app)

    def submit(person: str | None, text: str, metadata: str) -> dict:
        view = {
            "callback_id": "kudos_from_nudge",
            "private_metadata": metadata,
            "state": {
                "values": {
                    "person": {"value": {"type": "users_select", "selected_user": person}},
                    "text": {"value": {"type": "plain_text_input", "value": text}},
                }
            },
        }
        return running_app.slack.view_submission(CHLOE, view).json() or {}

    assert submit(CHLOE, "me", "{}")["errors"] == {"person": "Choose someone other than yourself."}
    assert "bot" in submit("U03OTTERBOT", "beep", "{}")["errors"]["person"]
    assert submit(LIAM, " ", "{}")["errors"] == {"text": "Say what they did."}
    assert "person" in submit(None, "thanks", "not json")["errors"]
    forged = '{"channel": "<!channel>", "ts": "1.2"}'
    assert (
        running_app.slack.view_submission(
            CHLOE,
            {
                "callback_id": "kudos_from_nudge",
                "private_metadata": forged,
                "state": {
                    "values": {
                        "person": {"value": {"type": "users_select", "selected_user": LIAM}},
                        "text": {"value": {"type": "plain_text_input", "value": "thanks!"}},
                    }
                },
            },
        ).status
        == 200
    )
    running_app.fake.wait_for("chat.postMessage", lambda c: "got your thank-you" in c.args.get("text", ""))
    assert [m for m in running_app.fake.messages_to(LIAM) if "thanked you" in m["text"]]
    dm = running_app.fake.dm_channel(CHLOE)
    with running_app.runtime.unit_of_work() as work:
        [still] = work.followups.nudges_in_message(dm, nudge["ts"])
    assert still.status.value == "sent"


def test_app_home_counts_kudos_both_ways(running_app: RunningApp):
    kudos(running_app, f"<@{BEN}|ben> for the review")
    kudos(running_app, f"<@{AMARA}|amara> right back at you", user_id=BEN)
    kudos(running_app, f"<@{CHLOE}|chloe> for the notebook", user_id=BEN)
    running_app.slack.event({"type": "app_home_opened", "user": BEN, "tab": "home"})
    view = running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == BEN)[-1].args["view"]
    assert "thanked once · thanked others 2 times" in str(view["blocks"])


def test_admins_see_kudos_and_offers_in_coffee_stats_and_the_program_section(running_app: RunningApp):
    admin = running_app.fake.workspace.admin_id
    kudos(running_app, f"<@{BEN}|ben> for the review")
    running_app.slack.command("/offer", "SQL office hours", user_id=BEN)
    running_app.fake.wait_for("response_url", lambda c: "is on your profile" in c.args.get("text", ""))
    stats = coffee(running_app, "stats", user_id=admin, channel_id="C0GENERAL").json()
    text = str(stats["blocks"])
    assert "Kudos: 1 given, by 1 person to 1 person" in text
    assert "Offers of help: 1 up now (1 made by 1 person) · 0 chats booked" in text
    running_app.slack.event({"type": "app_home_opened", "user": admin, "tab": "home"})
    view = running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == admin)[-1].args["view"]
    assert "*Kudos and offers*" in str(view["blocks"])


def test_app_homes_copy_of_the_nudge_opens_the_same_modal_and_a_forged_value_is_refused(
    running_app: RunningApp,
):
    from tests.app.home_helpers import element, open_home, text_of

    nudge = nudged(running_app)
    view = open_home(running_app, CHLOE)
    button = element(view, "nudge_kudos", "home_nudge_0")
    assert button["value"] == f"{running_app.fake.dm_channel(CHLOE)}|{nudge['ts']}"
    running_app.slack.block_action(
        CHLOE, "nudge_kudos", value=button["value"], view=view, block_id="home_nudge_0"
    )
    modal = running_app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert modal["callback_id"] == "kudos_from_nudge"
    forged = running_app.slack.block_action(
        CHLOE, "nudge_kudos", value="<!channel>|1.2", view=view, block_id="home_nudge_0"
    )
    assert forged.status == 200
    # the Home is published again with the notice (wait for that one: an earlier refresh may land first)
    running_app.fake.wait_for(
        "views.publish", lambda c: c.args["user_id"] == CHLOE and "can't use" in text_of(c.args["view"])
    )
    assert len(running_app.fake.calls_to("views.open")) == 1
