"""Close-out through Slack's protocol: in the mentee's last week each side is asked three private questions
at a working morning of theirs, answers once, and then gets drafts (the mentee a thank-you and a request for
a reference; the mentor the mentee's goals to write one). Forged values are refused; forget-me covers it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from bot.domain.people.person import Person, Role
from bot.services.mentoring.closeout import next_closeout_due
from bot.services.mentoring.ports import Closeout
from bot.services.program.export import export_table
from handlers.text import INVALID_VALUE
from tests.app.conftest import RunningApp
from tests.app.mentoring_helpers import AMARA, KAVYA, TEAMS, dms, press, tick
from tests.app.test_mentoring_flow import kicked_off

LAST_DAY = date(2026, 7, 31)  # a Friday: the last week starts Friday 24 July (five working days before)


def ends_on(app: RunningApp, day: date) -> None:
    team_id = app.fake.workspace.team_id
    amara = Person(team_id, AMARA, Role.INTERN, team=TEAMS[AMARA], internship_end=day)
    with app.runtime.unit_of_work() as work:
        work.members.upsert_roster([amara], app.clock())
        work.commit()


def questions(app: RunningApp, user_id: str) -> list[dict]:
    return dms(app, user_id, "three quick questions")


def drafts_stamped(app: RunningApp, pair_id: int, user_id: str, timeout: float = 5.0) -> Closeout:
    """The listener stamps the drafts DM just after Slack took it: wait for that condition."""
    deadline = time.monotonic() + timeout
    while True:
        with app.runtime.unit_of_work() as work:
            found = work.mentoring.closeout(pair_id, user_id)
        if found is not None and found.drafts_ts is not None and found.channel_id and found.message_ts:
            return found
        assert time.monotonic() < deadline, "the drafts DM was never stamped"
        time.sleep(0.01)


def test_each_side_is_asked_in_the_last_week_and_gets_drafts_once(running_app: RunningApp):
    app = running_app
    pair_id = kicked_off(app)
    ends_on(app, LAST_DAY)
    app.clock.set(datetime(2026, 7, 23, 13, 0, tzinfo=UTC))  # Thursday 09:00 in New York: a day early
    assert next_closeout_due(app.runtime.unit_of_work, app.clock()) == datetime(2026, 7, 23, 19, tzinfo=UTC)
    tick(app)
    assert questions(app, AMARA) == []
    app.clock.set(datetime(2026, 7, 24, 13, 0, tzinfo=UTC))  # Friday 09:00 in New York, 18:30 in Kolkata
    tick(app)
    tick(app)
    assert (len(questions(app, AMARA)), len(questions(app, KAVYA))) == (1, 0)
    actions = [
        e["action_id"]
        for b in questions(app, AMARA)[0]["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert actions[:5] == [f"mentoring_closeout_useful_{n}" for n in range(1, 6)] and len(actions) == 15

    press(app, KAVYA, "mentoring_closeout_useful_1", f"{pair_id}:1")  # not asked yet: not hers to answer
    app.fake.wait_for("response_url", lambda c: "aren't for you" in c.args.get("text", ""))
    for forged in (f"{pair_id}:9", f"{pair_id}:0", "x:5", f"{pair_id}"):
        press(app, AMARA, "mentoring_closeout_useful_5", forged)
    press(app, AMARA, "mentoring_closeout_trust_5", f"{pair_id}:5")
    app.fake.wait_for("response_url", lambda c: c.args.get("text") == INVALID_VALUE, count=5)

    press(app, AMARA, "mentoring_closeout_useful_5", f"{pair_id}:5")
    app.fake.wait_for("response_url", lambda c: "Your answer: 5 out of 5" in str(c.args.get("blocks")))
    press(app, AMARA, "mentoring_closeout_useful_1", f"{pair_id}:1")  # a second press changes nothing
    app.fake.wait_for("response_url", lambda c: "answered this one already" in c.args.get("text", ""))
    press(app, AMARA, "mentoring_closeout_again_4", f"{pair_id}:4")
    press(app, AMARA, "mentoring_closeout_recommend_5", f"{pair_id}:5")
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "Two drafts" in c.args["text"]
    )
    (drafts,) = dms(app, AMARA, "Two drafts")
    text = "\n".join(b.get("text", {}).get("text", "") for b in drafts["blocks"])
    assert f"Hi <@{KAVYA}>, thank you for mentoring me" in text and "Learn SQL and Public speaking" in text
    assert "recommendation" in text and "reference" in text
    with app.runtime.unit_of_work() as work:
        mine = work.mentoring.closeout(pair_id, AMARA)
    assert mine is not None and (mine.scores.useful, mine.scores.again, mine.scores.recommend) == (5, 4, 5)

    app.clock.set(datetime(2026, 7, 27, 4, 0, tzinfo=UTC))  # Monday 09:30 in Kolkata
    tick(app)
    tick(app)
    assert (len(questions(app, AMARA)), len(questions(app, KAVYA))) == (1, 1)
    assert len(dms(app, AMARA, "Two drafts")) == 1  # the tick owes her nothing more
    for question, score in (("useful", 4), ("again", 5), ("recommend", 4)):
        press(app, KAVYA, f"mentoring_closeout_{question}_{score}", f"{pair_id}:{score}")
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == KAVYA and "ends soon" in c.args["text"]
    )
    (reminder,) = dms(app, KAVYA, "ends soon")
    text = "\n".join(b.get("text", {}).get("text", "") for b in reminder["blocks"])
    assert f"<@{AMARA}>'s internship ends soon" in text and "• Learn SQL" in text
    assert next_closeout_due(app.runtime.unit_of_work, app.clock()) is None

    table = export_table(app.runtime.unit_of_work, app.fake.workspace.team_id, "mentoring", app.clock())
    assert table.header[-3:] == ("closeout_useful", "closeout_again", "closeout_recommend")
    assert [tuple(row[-3:]) for row in table.rows] == [(4.5, 4.5, 4.5)]
    assert app.fake.take_violations() == []


def test_forget_me_deletes_the_closeout_answers_and_its_posts(running_app: RunningApp):
    app = running_app
    pair_id = kicked_off(app)
    ends_on(app, LAST_DAY)
    app.clock.set(datetime(2026, 7, 24, 13, 0, tzinfo=UTC))
    tick(app)
    for question in ("useful", "again", "recommend"):
        press(app, AMARA, f"mentoring_closeout_{question}_3", f"{pair_id}:3")
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "Two drafts" in c.args["text"]
    )
    mine = drafts_stamped(app, pair_id, AMARA)
    press(app, AMARA, "forget_me_confirm", "forget")
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    deleted = {(c.args["channel"], c.args["ts"]) for c in app.fake.calls_to("chat.delete")}
    assert {(mine.channel_id, mine.message_ts), (mine.channel_id, mine.drafts_ts)} <= deleted
    with app.runtime.unit_of_work() as work:
        assert work.mentoring.closeout(pair_id, AMARA) is None
        assert work.mentoring.closeout_scores(app.fake.workspace.team_id) == {}


def test_what_slack_refuses_is_sent_again_by_the_next_tick_and_only_once(running_app: RunningApp):
    app = running_app
    pair_id = kicked_off(app)
    ends_on(app, LAST_DAY)
    app.clock.set(datetime(2026, 7, 24, 12, 0, tzinfo=UTC))
    tick(app)  # the other due work of the weeks skipped (the pair's check-in): 08:00 in New York, too early
    app.clock.set(datetime(2026, 7, 24, 13, 0, tzinfo=UTC))
    app.fake.fail_next("chat.postMessage", error="fatal_error", status=200, retry_after=None)
    tick(app)
    assert questions(app, AMARA) == []  # refused: the claim was released
    tick(app)
    assert (
        questions(app, AMARA) == []
    )  # people are asked at a quarter hour of their morning, not every minute
    app.clock.set(datetime(2026, 7, 24, 13, 15, tzinfo=UTC))
    tick(app)
    assert len(questions(app, AMARA)) == 1
    press(app, AMARA, "mentoring_closeout_useful_4", f"{pair_id}:4")
    press(app, AMARA, "mentoring_closeout_again_4", f"{pair_id}:4")
    app.fake.wait_for(
        "response_url", lambda c: "Your answer: 4 out of 5" in str(c.args.get("blocks")), count=2
    )
    app.fake.fail_next("chat.postMessage", error="fatal_error", status=200, retry_after=None)
    press(app, AMARA, "mentoring_closeout_recommend_4", f"{pair_id}:4")
    app.fake.wait_for("response_url", lambda c: "Thank you!" in str(c.args.get("blocks")))  # after the drafts
    refused = [c for c in app.fake.calls_to("chat.postMessage", include_failed=True) if not c.ok]
    assert len(refused) == 2 and dms(app, AMARA, "Two drafts") == []
    tick(app)
    tick(app)
    assert len(dms(app, AMARA, "Two drafts")) == 1
