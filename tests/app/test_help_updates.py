"""Sharing updates: the monthly prompt, the drafted update posted in #introductions, the weekly line to
the people the intern met, and the recap's farewell post — through signed requests and a moved clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.jobs import run_due_work
from tests.app.conftest import RunningApp
from tests.app.home_helpers import open_home, text_of
from tests.app.keep_in_touch_helpers import meet, tick_at
from tests.app.update_helpers import (
    CHLOE,
    ELENA,
    INTROS,
    ISABEL,
    JUNE_MORNING,
    LIAM,
    OLIVIA,
    SAM,
    chloe_met,
    notices_to,
    posts_in_intros,
    prompts_to,
    rapport_in_intros,
    wait_shared,
    write_update,
)


def test_an_intern_is_asked_once_a_month_on_a_working_morning_during_the_internship(running_app: RunningApp):
    chloe_met(running_app, LIAM, OLIVIA)
    tick_at(running_app, JUNE_MORNING - timedelta(hours=1))  # 08:30 in London: too early
    assert prompts_to(running_app, CHLOE) == []
    tick_at(running_app, JUNE_MORNING)
    tick_at(running_app, JUNE_MORNING + timedelta(days=3))  # later the same month: not again
    [prompt] = prompts_to(running_app, CHLOE)
    assert prompt["text"] == "Share an update with the 2 people you've met"
    assert prompts_to(running_app, ELENA) == []  # an intern who has met nobody yet
    tick_at(running_app, datetime(2026, 7, 1, 8, 30, tzinfo=UTC))  # a new month
    assert len(prompts_to(running_app, CHLOE)) == 2
    tick_at(running_app, datetime(2026, 8, 3, 8, 30, tzinfo=UTC))  # August's (1-2 Aug is a weekend)
    tick_at(running_app, datetime(2026, 9, 1, 8, 30, tzinfo=UTC))  # the internship has ended
    assert len(prompts_to(running_app, CHLOE)) == 3


def test_two_ticks_at_once_send_one_prompt_and_an_opted_out_intern_gets_none(running_app: RunningApp):
    chloe_met(running_app, LIAM)
    meet(running_app, datetime(2026, 6, 2, 12, tzinfo=UTC), ELENA, SAM)
    home = running_app.fake
    running_app.slack.block_action(ELENA, "home_update_prompts_off", value="off", view={"type": "home"})
    home.wait_for("views.publish", lambda c: c.args["user_id"] == ELENA)
    running_app.clock.set(JUNE_MORNING)
    threads = [
        threading.Thread(target=run_due_work, args=(running_app.runtime, JUNE_MORNING)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(prompts_to(running_app, CHLOE)) == 1
    assert prompts_to(running_app, ELENA) == []


def test_the_update_is_drafted_edited_posted_escaped_and_linked(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM, OLIVIA)
    tick_at(app, JUNE_MORNING)
    shared = write_update(app, CHLOE, text="Shipped the churn model <!channel> thanks <@U02LIAM>!")
    assert "working on lately: a churn model for the <!channel> billing team" in shared["draft"]
    assert shared["reply"].status == 200 and "errors" not in (shared["reply"].json() or {})
    app.fake.wait_for("chat.getPermalink")
    [post] = posts_in_intros(app)
    body = str(post["blocks"])
    assert "&lt;!channel&gt;" in body and "<!channel>" not in body  # escaped
    assert "<@U02LIAM>" in body  # a plain user mention stays one
    told = app.fake.wait_for("chat.postMessage", lambda c: "Shared in" in c.args.get("text", ""))
    digits = post["ts"].replace(".", "")
    assert f"archives/{INTROS}/p{digits}" in told[-1].args["text"]


def test_without_an_introductions_channel_the_intern_is_told_in_the_form(running_app: RunningApp):
    chloe_met(running_app, LIAM)
    tick_at(running_app, JUNE_MORNING)
    shared = write_update(running_app, CHLOE, text="Hello!")
    errors = shared["reply"].json()["errors"]
    assert "no introductions channel" in errors["update"]
    assert running_app.fake.calls_to("chat.getPermalink") == []


def test_connections_get_one_line_a_week_with_several_updates_folded(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM, OLIVIA)
    meet(app, datetime(2026, 6, 5, 12, tzinfo=UTC), ELENA, LIAM)
    app.slack.block_action(OLIVIA, "home_update_notices_off", value="off", view={"type": "home"})
    app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == OLIVIA)
    app.clock.set(JUNE_MORNING - timedelta(hours=2))  # Monday 07:30 in London: shared before Liam's morning
    for intern in (CHLOE, ELENA):
        app.runtime.messengers.updates(app.fake.workspace.team_id).prompt_update(intern, 1)
        write_update(app, intern, text=f"Update from {intern}")
    wait_shared(app, count=2)
    tick_at(app, JUNE_MORNING)
    tick_at(app, JUNE_MORNING + timedelta(days=1))
    [line] = notices_to(app, LIAM)
    assert line["text"].startswith("<@U01CHLOE> and <@U01ELENA>, whom you've met, shared updates:")
    assert line["text"].count("read it") == 2
    assert notices_to(app, OLIVIA) == []  # she turned them off
    # A third update the same week waits for next week's message.
    app.clock.set(JUNE_MORNING + timedelta(days=1))
    write_update(app, CHLOE, text="Another one")
    wait_shared(app, count=3)
    tick_at(app, JUNE_MORNING + timedelta(days=2))
    assert len(notices_to(app, LIAM)) == 1
    tick_at(app, JUNE_MORNING + timedelta(days=7))
    later = notices_to(app, LIAM)
    assert len(later) == 2 and later[-1]["text"].startswith("<@U01CHLOE>, whom you've met, shared an update")


def test_an_admins_home_counts_the_updates_shared_and_a_members_does_not(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM)
    assert "None yet: interns are asked once a month" in text_of(open_home(app, ISABEL))
    app.clock.set(JUNE_MORNING)
    for text in ("First", "Second"):
        app.runtime.messengers.updates(app.fake.workspace.team_id).prompt_update(CHLOE, 1)
        write_update(app, CHLOE, text=text)
    wait_shared(app, count=2)
    program = text_of(open_home(app, ISABEL))
    assert "*Updates shared*\n2 updates and 0 farewells by 1 intern\n" in program
    assert f"<@{CHLOE}>: 2 updates · latest <!date^{int(JUNE_MORNING.timestamp())}^" in program
    assert "Updates shared" not in text_of(open_home(app, LIAM))


def test_two_ticks_at_once_send_the_weekly_line_once(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM, OLIVIA)
    app.clock.set(JUNE_MORNING - timedelta(hours=2))  # shared before Liam's and Olivia's morning
    app.runtime.messengers.updates(app.fake.workspace.team_id).prompt_update(CHLOE, 2)
    write_update(app, CHLOE, text="Shipped it")
    wait_shared(app)
    app.clock.set(JUNE_MORNING)
    threads = [threading.Thread(target=run_due_work, args=(app.runtime, JUNE_MORNING)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(notices_to(app, LIAM)) == 1 and len(notices_to(app, OLIVIA)) == 1
    tick_at(app, JUNE_MORNING + timedelta(days=1))  # and no later tick sends it again
    assert len(notices_to(app, LIAM)) == 1 and len(notices_to(app, OLIVIA)) == 1


def test_forgetting_the_intern_deletes_their_update_post(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    rapport_in_intros(app)
    chloe_met(app, LIAM)
    tick_at(app, JUNE_MORNING)
    write_update(app, CHLOE, text="Shipped the churn model")
    wait_shared(app)
    [post] = posts_in_intros(app)
    app.slack.command("/coffee", "forget-me", user_id=CHLOE, channel_id=INTROS)
    app.slack.block_action(CHLOE, "forget_me_confirm", value="forget", channel_id=INTROS)
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    assert [c.args["ts"] for c in app.fake.calls_to("chat.delete")] == [post["ts"]]
    assert posts_in_intros(app) == []
