"""The whole flow for one program, through Slack's protocol: the lead opens matching, mentors volunteer,
interns give goals and rank the mentors shown, the window closes, a mentor declines and the intern moves
on, the kickoff group DM, a check-in recorded as a meeting, the fit question, and forget-me."""

from __future__ import annotations

from bot.services.followups.ports import MeetingSource
from bot.services.mentoring.ports import PairStatus
from bot.services.program.figures import program_figures
from tests.app.conftest import RunningApp
from tests.app.home_helpers import open_home, text_of
from tests.app.mentoring_helpers import (
    ADMIN,
    AMARA,
    BEN,
    CHLOE,
    KAVYA,
    LIAM,
    MAYA,
    dms,
    give_goals,
    mentor_command,
    opened_view,
    pairs_of,
    press,
    rank,
    ranking_shown,
    said,
    seed_program,
    submit,
    tick,
    volunteer,
    wait_until_kicked_off,
)


def open_matching(app: RunningApp) -> None:
    seed_program(app)
    answer = said(mentor_command(app, ADMIN, "setup 2026-06-02"))
    assert answer.startswith(
        "Mentor matching is open: it closes at the end of Tuesday 2 June (America/New_York)"
    )


def sign_up_mentors(app: RunningApp) -> None:
    for mentor, topics, capacity, cadence in (
        (MAYA, "careers, sql", "1", "weekly"),
        (KAVYA, "public speaking, sql", "2", "biweekly"),
    ):
        mentor_command(app, mentor)
        form = opened_view(app, "mentoring_volunteer_form", count=1 + (mentor == KAVYA))
        assert [b["block_id"] for b in form["blocks"]] == ["capacity", "topics", "cadence"]
        assert volunteer(app, mentor, capacity, topics, cadence).body == ""
        app.fake.wait_for(
            "chat.postMessage", lambda c, m=mentor: c.args["channel"] == m and "Thank you" in c.args["text"]
        )


def interns_rank(app: RunningApp) -> None:
    mentor_command(app, AMARA, "find")
    opened_view(app, "mentoring_goals_form")
    shown = ranking_shown(give_goals(app, AMARA, "Learn SQL\nPublic speaking", "someone patient"))
    listed = shown["blocks"][0]["text"]["text"]
    assert f"<@{KAVYA}> — shared topics: Learn SQL, Public speaking; another team: Platform" in listed
    assert f"<@{MAYA}> — shared topic: Learn SQL" in listed
    assert rank(app, AMARA, MAYA, KAVYA).body == ""
    ranking_shown(give_goals(app, BEN, "Careers"))
    assert rank(app, BEN, MAYA).body == ""


def matched(app: RunningApp) -> None:
    """Up to the window's close: Ben ranked only Maya, so he gets her and Amara her second choice."""
    open_matching(app)
    tick(app)  # invitations
    sign_up_mentors(app)
    interns_rank(app)
    app.clock.advance(days=2)  # Wednesday 15:00 UTC: the window closed at midnight in New York
    tick(app)
    assert [(p.mentor_id, p.choice, p.status) for p in pairs_of(app, BEN)] == [(MAYA, 1, PairStatus.PROPOSED)]
    assert [(p.mentor_id, p.choice) for p in pairs_of(app, AMARA)] == [(KAVYA, 2)]


def test_app_home_shows_mentoring_once_the_workspace_runs_it(running_app: RunningApp):
    seed_program(running_app)
    assert "Mentoring" not in text_of(open_home(running_app, AMARA))
    mentor_command(running_app, ADMIN, "setup 2026-06-02")
    assert "Would you like a mentor?" in text_of(open_home(running_app, AMARA))
    home = open_home(running_app, KAVYA)
    assert "Share what you know" in text_of(home) and "mentoring_volunteer" in str(home["blocks"])
    running_app.slack.block_action(KAVYA, "mentoring_volunteer", view=home)
    form = opened_view(running_app, "mentoring_volunteer_form")
    assert [b["block_id"] for b in form["blocks"]] == ["capacity", "topics", "cadence"]


def test_invitations_go_once_to_roster_mentors_and_interns(running_app: RunningApp):
    open_matching(running_app)
    tick(running_app)
    tick(running_app)
    for mentor in (MAYA, KAVYA, LIAM):
        assert len(dms(running_app, mentor, "Would you mentor an intern")) == 1
    for intern in (AMARA, BEN, CHLOE):
        assert len(dms(running_app, intern, "Would you like a mentor")) == 1
    assert dms(running_app, ADMIN, "mentor") == []


def test_the_window_assigns_everyone_and_each_mentor_is_asked_with_the_goals(running_app: RunningApp):
    matched(running_app)
    (request,) = dms(running_app, KAVYA, "would like you as their mentor")
    text = "\n".join(b.get("text", {}).get("text", "") for b in request["blocks"])
    assert (
        f"<@{AMARA}> would like you as their mentor" in text
        and "• Learn SQL" in text
        and "someone patient" in text
    )
    actions = [e["action_id"] for b in request["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["mentoring_accept", "mentoring_decline"]
    assert dms(running_app, AMARA, KAVYA) == [] and dms(running_app, AMARA, MAYA) == []  # not told yet


def test_a_decline_moves_the_intern_on_and_a_late_joiner_with_no_room_is_told_kindly(running_app: RunningApp):
    matched(running_app)
    (ben_pair,) = pairs_of(running_app, BEN)
    press(running_app, MAYA, "mentoring_decline", str(ben_pair.id))
    form = opened_view(running_app, "mentoring_decline_form")
    reply = submit(
        running_app,
        MAYA,
        "mentoring_decline_form",
        {"reason": {"value": {"value": "On leave"}}},
        {"pair_id": ben_pair.id},
    )
    assert reply.body == "" and form["private_metadata"] == f'{{"pair_id": {ben_pair.id}}}'
    running_app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == KAVYA and f"<@{BEN}>" in c.args["text"]
    )
    assert [(p.mentor_id, p.status) for p in pairs_of(running_app, BEN)] == [
        (MAYA, PairStatus.DECLINED),
        (KAVYA, PairStatus.PROPOSED),  # the best fit left; never Maya again
    ]
    assert dms(running_app, BEN, "declined") == [] and dms(running_app, BEN, "On leave") == []

    assert said(mentor_command(running_app, MAYA, "stop")).startswith("Done: you take no new mentees")
    ranking_shown(give_goals(running_app, CHLOE, "Data science"))
    assert "not a mentor with room" in rank(running_app, CHLOE, KAVYA).json()["errors"]["choice1"]  # full
    rank(running_app, CHLOE, any_of_these=True)
    tick(running_app)
    (kind,) = dms(running_app, CHLOE, "places are taken")
    assert "`/intro mentors topic`" in kind["text"]
    attention = program_figures(
        running_app.runtime.unit_of_work, running_app.fake.workspace.team_id, running_app.clock()
    ).attention
    assert [a.user_id for a in attention if "no mentor had room for them" in a.reasons] == [CHLOE]


def kicked_off(app: RunningApp) -> int:
    matched(app)
    (pair,) = pairs_of(app, AMARA)
    press(app, KAVYA, "mentoring_accept", str(pair.id))
    app.fake.wait_for("chat.postMessage", lambda c: "you're a mentoring pair" in c.args["text"])
    wait_until_kicked_off(app, pair.id)
    return pair.id


def test_accepting_opens_a_group_dm_with_goals_agreement_and_agenda(running_app: RunningApp):
    pair_id = kicked_off(running_app)
    press(running_app, KAVYA, "mentoring_accept", str(pair_id))  # again: nothing more
    running_app.fake.wait_for("response_url", lambda c: "answered already" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        pair = work.mentoring.pair(running_app.fake.workspace.team_id, pair_id)
    channel = running_app.fake.workspace.channels[pair.kickoff_channel]
    assert channel.is_mpim and {AMARA, KAVYA} <= set(channel.members)
    (kickoff,) = [m for m in running_app.fake.messages_in(channel.id) if "mentoring pair" in m["text"]]
    text = "\n".join(b.get("text", {}).get("text", "") for b in kickoff["blocks"])
    assert "• Learn SQL" in text and "How to reach each other" in text
    assert "Learn SQL: where you are now, and one small next step" in text and "every two weeks" in text
    (request,) = dms(running_app, KAVYA, "You accepted")
    assert "actions" not in [b["type"] for b in request["blocks"]]


def test_a_checkin_at_the_mentors_cadence_is_a_meeting_then_each_is_asked_about_fit(running_app: RunningApp):
    pair_id = kicked_off(running_app)
    running_app.clock.advance(days=13)
    tick(running_app)
    assert [c for c in running_app.fake.calls_to("chat.postMessage") if "check-in" in c.args["text"]] == []
    running_app.clock.advance(days=1)  # two weeks on: Kavya meets every two weeks
    tick(running_app)
    (checkin,) = [c for c in running_app.fake.calls_to("chat.postMessage") if "check-in" in c.args["text"]]
    press(running_app, AMARA, "mentoring_checkin_met", f"{pair_id}:1", checkin.args["channel"])
    running_app.fake.wait_for("chat.update", lambda c: "answered *We met*" in c.args["text"])
    with running_app.runtime.unit_of_work() as work:
        entries = work.followups.network(running_app.fake.workspace.team_id, AMARA)
    assert [(e.other_user_id, e.how) for e in entries] == [(KAVYA, MeetingSource.MENTORING)]
    tick(running_app)  # 11:00 in New York, 20:30 in Kolkata: Kavya is asked in her morning
    assert (len(dms(running_app, AMARA, "a good fit?")), len(dms(running_app, KAVYA, "a good fit?"))) == (
        1,
        0,
    )
    running_app.clock.advance(hours=13)
    tick(running_app)
    assert (len(dms(running_app, AMARA, "a good fit?")), len(dms(running_app, KAVYA, "a good fit?"))) == (
        1,
        1,
    )
    press(running_app, AMARA, "mentoring_fit_good", str(pair_id))
    running_app.fake.wait_for("response_url", lambda c: "Glad to hear it" in c.args.get("text", ""))
    home = text_of(open_home(running_app, AMARA))
    assert f"Your mentor is <@{KAVYA}>" in home and "• Learn SQL" in home
    assert "coffee chats" in text_of(open_home(running_app, KAVYA)).lower()


def test_forget_me_deletes_mentoring_posts_and_ends_the_pair(running_app: RunningApp):
    pair_id = kicked_off(running_app)
    press(running_app, AMARA, "forget_me_confirm", "forget")
    running_app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    deleted = {(c.args["channel"], c.args["ts"]) for c in running_app.fake.calls_to("chat.delete")}
    with running_app.runtime.unit_of_work() as work:
        pair = work.mentoring.pair(running_app.fake.workspace.team_id, pair_id)
        assert work.mentoring.mentee(running_app.fake.workspace.team_id, AMARA) is None
    assert (pair.kickoff_channel, pair.kickoff_ts) in deleted and (
        pair.request_channel,
        pair.request_ts,
    ) in deleted
    assert pair.status is PairStatus.ENDED and pair.mentee_id.startswith("former-")
    assert dms(running_app, KAVYA, f"<@{AMARA}>") == []
    assert running_app.fake.take_violations() == []


def test_the_reminder_and_the_timeout_come_in_the_mentors_working_days(running_app: RunningApp):
    matched(running_app)  # Wednesday 15:00 UTC, 08:00 in Los Angeles: Maya was asked; three working days
    running_app.clock.advance(days=1, hours=1)  # Thursday
    tick(running_app)
    assert dms(running_app, MAYA, "Reminder") == []
    running_app.clock.advance(days=1)  # Friday: a working day before the deadline
    tick(running_app)
    tick(running_app)
    assert len(dms(running_app, MAYA, "Reminder")) == 1
    running_app.clock.advance(days=2, hours=22)  # Monday 14:00 UTC, 07:00 in Los Angeles: not yet
    tick(running_app)
    assert [p.status for p in pairs_of(running_app, BEN)] == [PairStatus.PROPOSED]
    running_app.clock.advance(hours=1)  # 08:00 in Los Angeles: three working days after Wednesday 08:00
    tick(running_app)
    assert [(p.mentor_id, p.status) for p in pairs_of(running_app, BEN)] == [
        (MAYA, PairStatus.EXPIRED),
        (KAVYA, PairStatus.PROPOSED),  # moved on in the same tick, and Kavya is asked
    ]
    assert len(dms(running_app, MAYA, "expired")) == 1 and len(dms(running_app, KAVYA, f"<@{BEN}>")) == 1
