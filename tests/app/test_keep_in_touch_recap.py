"""The internship recap, the alumni contact an intern shares, and the reminder colleagues get later."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from bot.domain.keep_in_touch import AlumniContact
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.services.followups.ports import MeetingSource
from bot.services.ports import Due
from tests.app.conftest import RunningApp
from tests.app.keep_in_touch_helpers import meet, press, roster, tick_at

CHLOE, ELENA = "U01CHLOE", "U01ELENA"  # interns in London
VICTOR = "U09VICTOR"  # a deactivated account
LIAM, OLIVIA, SAM, MAYA = "U02LIAM", "U02OLIVIA", "U02SAM", "U02MAYA"  # London, London, London, Los Angeles
END = date(2026, 8, 28)  # a Friday: the recap is due Friday 21 August, five working days before
RECAP_MORNING = datetime(2026, 8, 21, 8, 30, tzinfo=UTC)  # 09:30 in London
REMINDER_MONDAY = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)  # 28 Nov is a Saturday: Monday, 09:30 London
RECAP = "Your network recap"
TEAMS = {LIAM: "Platform", OLIVIA: "Data", SAM: "Support", MAYA: "Design"}


def recaps_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if m.get("text", "").startswith(RECAP)]


def uploaded_rows(app: RunningApp, user_id: str) -> list[dict[str, str]]:
    [upload] = app.fake.calls_to("files.completeUploadExternal")
    assert upload.args["channel_id"] == app.fake.dm_channel(user_id)
    content = app.fake.uploaded_file(upload.args["files"][0]["id"]).content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def give_linkedin(app: RunningApp, user_id: str, url: str) -> None:
    profile = Profile(
        app.fake.workspace.team_id, user_id, Role.COLLEAGUE, team=TEAMS[user_id], linkedin_url=url
    )
    with app.runtime.unit_of_work() as work:
        work.profiles.save(profile, app.clock())
        work.commit()


def chloe_met_four_people(app: RunningApp) -> None:
    roster(app, interns={CHLOE: END}, teams=TEAMS)
    give_linkedin(app, LIAM, "https://www.linkedin.com/in/liam-obrien")
    meet(app, datetime(2026, 6, 3, 12, tzinfo=UTC), CHLOE, LIAM, "platform careers")
    meet(app, datetime(2026, 7, 8, 12, tzinfo=UTC), CHLOE, LIAM, "follow-up")
    meet(app, datetime(2026, 6, 10, 12, tzinfo=UTC), CHLOE, OLIVIA)
    meet(app, datetime(2026, 6, 17, 12, tzinfo=UTC), CHLOE, SAM)
    meet(app, datetime(2026, 6, 24, 12, tzinfo=UTC), CHLOE, MAYA)


def test_the_recap_arrives_five_working_days_before_the_end_with_everyone_met_and_a_csv(
    running_app: RunningApp,
):
    chloe_met_four_people(running_app)
    tick_at(running_app, RECAP_MORNING - timedelta(days=1))
    tick_at(running_app, RECAP_MORNING - timedelta(hours=1))  # 08:30 in London
    assert recaps_to(running_app, CHLOE) == []
    tick_at(running_app, RECAP_MORNING)
    tick_at(running_app, RECAP_MORNING)  # run twice: still one recap, one file
    tick_at(running_app, RECAP_MORNING + timedelta(days=1))
    [recap] = recaps_to(running_app, CHLOE)
    assert "you met 4 people across 4 teams" in recap["text"]
    shown = str(recap["blocks"])
    for user_id in (LIAM, OLIVIA, SAM, MAYA):
        assert f"<@{user_id}>" in shown
    assert "https://www.linkedin.com/in/liam-obrien|LinkedIn" in shown
    assert "met 3 Jun, 2 times" in shown
    assert "Say thank you" in shown and "To <@U02LIAM>" in shown  # met most often
    rows = uploaded_rows(running_app, CHLOE)
    assert {row["slack_id"] for row in rows} == {LIAM, OLIVIA, SAM, MAYA}
    liam = next(row for row in rows if row["slack_id"] == LIAM)
    assert (liam["times"], liam["first_met"], liam["last_met"], liam["how"]) == (
        "2",
        "2026-06-03",
        "2026-07-08",
        "met",
    )
    assert liam["linkedin"] == "https://www.linkedin.com/in/liam-obrien" and liam["team"] == "Platform"
    assert len(running_app.fake.calls_to("files.getUploadURLExternal")) == 1
    # posted to her ID, her DM with the app: no conversation opened (Tier 3) and none read for it
    assert running_app.fake.calls_to("conversations.open") == []
    assert running_app.fake.calls_to("conversations.history") == []


def test_a_network_too_big_for_one_message_is_summarised_and_the_csv_has_everyone(running_app: RunningApp):
    roster(running_app, interns={CHLOE: END})
    with running_app.runtime.unit_of_work() as work:
        for i in range(400):
            when = datetime(2026, 6, 1, tzinfo=UTC) + timedelta(hours=i)
            people = (CHLOE, f"U9{i:07d}")
            work.followups.record_meeting(
                running_app.fake.workspace.team_id, MeetingSource.MET, str(i), people, when, None
            )
        work.commit()
    tick_at(running_app, RECAP_MORNING)
    [recap] = recaps_to(running_app, CHLOE)
    assert len(recap["blocks"]) <= 50
    assert "more — the CSV below lists everyone" in str(recap["blocks"])
    assert len(uploaded_rows(running_app, CHLOE)) == 400


def share(app: RunningApp, user_id: str, email: str = "", linkedin: str = "", consent: bool = True):
    values = {
        "email": {"value": {"type": "plain_text_input", "value": email or None}},
        "linkedin": {"value": {"type": "plain_text_input", "value": linkedin or None}},
        "consent": {
            "value": {"type": "checkboxes", "selected_options": [{"value": "yes"}] if consent else []}
        },
    }
    return app.slack.view_submission(user_id, {"callback_id": "alumni_contact", "state": {"values": values}})


def test_the_alumni_form_answers_bad_fields_inline_and_keeps_the_form(running_app: RunningApp):
    chloe_met_four_people(running_app)
    tick_at(running_app, RECAP_MORNING)
    [recap] = recaps_to(running_app, CHLOE)
    channel = running_app.fake.dm_channel(CHLOE)
    running_app.slack.block_action(
        CHLOE, "alumni_share", block_id="alumni", message=recap, channel_id=channel
    )
    [opened] = running_app.fake.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "alumni_contact"
    checks = [
        (share(running_app, CHLOE, email="not-an-email"), "email"),
        (share(running_app, CHLOE, linkedin="https://example.com/me"), "linkedin"),
        (share(running_app, CHLOE), "email"),  # nothing to share
        (share(running_app, CHLOE, email="chloe@example.org", consent=False), "consent"),
    ]
    for reply, field in checks:
        assert reply.json()["response_action"] == "errors" and field in reply.json()["errors"]
    with running_app.runtime.unit_of_work() as work:
        assert work.keep_in_touch.contact(running_app.fake.workspace.team_id, CHLOE) is None
    ok = share(running_app, CHLOE, email="chloe@example.org", linkedin="linkedin.com/in/chloe-d")
    assert ok.status == 200 and not ok.body  # an empty acknowledgement closes the modal
    with running_app.runtime.unit_of_work() as work:
        contact = work.keep_in_touch.contact(running_app.fake.workspace.team_id, CHLOE)
    assert contact == AlumniContact("chloe@example.org", "https://www.linkedin.com/in/chloe-d")


def test_colleagues_are_reminded_once_three_months_on_even_after_the_account_is_gone(running_app: RunningApp):
    chloe_met_four_people(running_app)
    with running_app.runtime.unit_of_work() as work:  # and someone who has left since
        team_id, when = running_app.fake.workspace.team_id, datetime(2026, 7, 1, tzinfo=UTC)
        work.followups.record_meeting(team_id, MeetingSource.MET, "victor", (CHLOE, VICTOR), when, None)
        work.commit()
    tick_at(running_app, RECAP_MORNING)
    assert share(running_app, CHLOE, email="chloe@example.org").status == 200
    running_app.fake.workspace.users[CHLOE].deleted = True  # she left: Slack now says deleted
    tick_at(running_app, REMINDER_MONDAY - timedelta(days=3))  # Friday 27 November
    assert reminders(running_app) == {}
    tick_at(running_app, REMINDER_MONDAY)
    asked_about_victor = len(looked_up(running_app, VICTOR))
    tick_at(running_app, REMINDER_MONDAY)
    assert reminders(running_app) == {LIAM: 1, OLIVIA: 1, SAM: 1}  # Maya is in Los Angeles: 01:30 there
    assert len(looked_up(running_app, VICTOR)) == asked_about_victor  # his account is gone: settled
    tick_at(running_app, REMINDER_MONDAY + timedelta(hours=8))
    tick_at(running_app, REMINDER_MONDAY + timedelta(days=1))
    assert reminders(running_app) == {LIAM: 1, OLIVIA: 1, SAM: 1, MAYA: 1}
    [message] = [m for m in running_app.fake.messages_to(LIAM) if "three months ago" in m["text"]]
    assert "<@U01CHLOE>" in message["text"] and "chloe@example.org" in str(message["blocks"])


def test_no_reminder_without_a_shared_contact_or_after_withdrawing_it(running_app: RunningApp):
    roster(running_app, interns={CHLOE: END, ELENA: END}, teams=TEAMS)
    meet(running_app, datetime(2026, 6, 3, 12, tzinfo=UTC), CHLOE, LIAM)
    meet(running_app, datetime(2026, 6, 3, 12, tzinfo=UTC), ELENA, OLIVIA)
    tick_at(running_app, RECAP_MORNING)
    share(running_app, ELENA, linkedin="https://www.linkedin.com/in/elena-rossi")
    running_app.fake.wait_for("chat.postMessage", lambda c: "contact is shared" in c.args["text"])
    [confirmation] = [m for m in running_app.fake.messages_to(ELENA) if "contact is shared" in m["text"]]
    assert "Withdrawn" in press(running_app, ELENA, "alumni_withdraw", confirmation)["text"]
    tick_at(running_app, REMINDER_MONDAY)
    tick_at(running_app, REMINDER_MONDAY + timedelta(days=1))
    assert reminders(running_app) == {}


def looked_up(app: RunningApp, user_id: str) -> list:
    return [c for c in app.fake.calls_to("users.info", include_failed=True) if c.args.get("user") == user_id]


def reminders(app: RunningApp) -> dict[str, int]:
    found: dict[str, int] = {}
    for call in app.fake.calls_to("chat.postMessage"):
        if "three months ago" in call.args.get("text", ""):
            found[call.args["channel"]] = found.get(call.args["channel"], 0) + 1
    return found


def forget_that_it_was_sent(app: RunningApp, user_id: str) -> None:
    """What a run leaves behind when it stops after posting (and maybe uploading) but before recording it."""
    from sqlalchemy import update

    from storage.keep_in_touch.models import RecapRow

    with app.runtime.unit_of_work() as work:
        mine = RecapRow.user_id == user_id
        work.session.execute(update(RecapRow).where(mine).values(sent_at=None, file_id=None))
        work.due_work.wake(Due.RECAPS, app.clock())  # a run that stopped never said when it is next due
        work.commit()


def test_a_recap_posted_by_a_run_that_then_stopped_is_not_posted_again(running_app: RunningApp):
    chloe_met_four_people(running_app)
    running_app.fake.fail_next("files.getUploadURLExternal", error="internal_error", status=200)
    tick_at(running_app, RECAP_MORNING)  # the recap is posted, its CSV fails
    forget_that_it_was_sent(running_app, CHLOE)
    tick_at(running_app, RECAP_MORNING + timedelta(minutes=5))  # still claimed: nothing happens
    assert len(recaps_to(running_app, CHLOE)) == 1
    # the claim has lapsed (ten minutes on): the job's next look, at the quarter hour, resumes it
    tick_at(running_app, RECAP_MORNING + timedelta(minutes=15))
    assert len(recaps_to(running_app, CHLOE)) == 1  # found in the DM, not posted twice ...
    assert {row["slack_id"] for row in uploaded_rows(running_app, CHLOE)} == {LIAM, OLIVIA, SAM, MAYA}
    forget_that_it_was_sent(running_app, CHLOE)  # ... and once the CSV is there too
    tick_at(running_app, RECAP_MORNING + timedelta(minutes=30))
    assert len(recaps_to(running_app, CHLOE)) == 1
    assert len(running_app.fake.calls_to("files.completeUploadExternal")) == 1
