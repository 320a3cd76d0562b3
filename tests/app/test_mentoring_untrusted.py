"""Every button value and form field of mentoring is untrusted: forged values and bad input each get a
clear answer, and nothing changes."""

from __future__ import annotations

import pytest

from bot.services.mentoring.ports import PairStatus
from tests.app.conftest import RunningApp
from tests.app.mentoring_helpers import (
    ADMIN,
    AMARA,
    BEN,
    KAVYA,
    MAYA,
    answers,
    errors_of,
    give_goals,
    mentor_command,
    pairs_of,
    press,
    rank,
    ranking_shown,
    said,
    seed_program,
    submit,
    tick,
    volunteer,
)
from tests.app.test_mentoring_flow import matched

INVALID = "That button carried something I can't use"


@pytest.mark.parametrize("capacity", ["0", "9", "", "three"])
def test_a_capacity_outside_one_to_three_is_refused_beside_the_field(running_app: RunningApp, capacity: str):
    seed_program(running_app)
    errors = errors_of(volunteer(running_app, MAYA, capacity=capacity))
    assert errors == {"capacity": "Choose how many mentees: a whole number from 1 to 3."}
    with running_app.runtime.unit_of_work() as work:
        assert work.mentoring.mentor(running_app.fake.workspace.team_id, MAYA) is None


def test_bad_topics_and_cadence_are_refused_beside_their_fields(running_app: RunningApp):
    seed_program(running_app)
    assert set(errors_of(volunteer(running_app, MAYA, topics=" ", cadence="daily"))) == {"topics", "cadence"}


def test_four_goals_are_refused_and_only_interns_are_mentees(running_app: RunningApp):
    seed_program(running_app)
    errors = errors_of(give_goals(running_app, AMARA, "one\ntwo\nthree\nfour"))
    assert errors == {"goals": "Up to 3 goals, one a line (you wrote 4)."}
    assert "for interns" in errors_of(give_goals(running_app, MAYA, "Learn SQL"))["goals"]
    assert "for interns" in said(mentor_command(running_app, MAYA, "find"))


def test_a_ranking_twice_the_same_of_oneself_or_of_a_non_mentor_is_refused(running_app: RunningApp):
    seed_program(running_app)
    volunteer(running_app, MAYA)
    volunteer(running_app, KAVYA)
    ranking_shown(give_goals(running_app, AMARA, "Learn SQL"))
    assert "choose each mentor once" in errors_of(rank(running_app, AMARA, MAYA, MAYA))["choice2"]
    assert "yourself" in errors_of(rank(running_app, AMARA, AMARA))["choice1"]
    assert "not a mentor" in errors_of(rank(running_app, AMARA, BEN))["choice1"]
    assert "not a mentor" in errors_of(rank(running_app, AMARA, "<!channel>"))["choice1"]
    assert "in order" in errors_of(rank(running_app, AMARA, None, MAYA))["choice1"]
    assert "at least one" in errors_of(rank(running_app, AMARA))["choice1"]
    with running_app.runtime.unit_of_work() as work:
        assert work.mentoring.waiting(running_app.fake.workspace.team_id) == []  # nothing was ranked


@pytest.mark.parametrize("value", ["abc", "1,2", "-1", "0", "9999999999", "<@U02MAYA>"])
def test_a_forged_accept_or_decline_value_is_refused(running_app: RunningApp, value: str):
    matched(running_app)
    for action_id in ("mentoring_accept", "mentoring_decline", "mentoring_fit_good"):
        press(running_app, MAYA, action_id, value)
    running_app.fake.wait_for("response_url", lambda c: INVALID in c.args.get("text", ""), count=3)
    assert [p.status for p in pairs_of(running_app, BEN)] == [PairStatus.PROPOSED]


def test_only_the_mentor_asked_may_answer_a_request(running_app: RunningApp):
    matched(running_app)
    (ben_pair,) = pairs_of(running_app, BEN)
    press(running_app, KAVYA, "mentoring_accept", str(ben_pair.id))
    press(running_app, BEN, "mentoring_decline", str(ben_pair.id))
    running_app.fake.wait_for(
        "response_url", lambda c: "isn't addressed to you" in c.args.get("text", ""), count=2
    )
    reply = submit(running_app, KAVYA, "mentoring_decline_form", {}, {"pair_id": ben_pair.id})
    assert "isn't addressed to you" in errors_of(reply)["reason"]
    assert (
        INVALID
        in errors_of(submit(running_app, MAYA, "mentoring_decline_form", {}, {"pair_id": "1"}))["reason"]
    )
    assert [p.status for p in pairs_of(running_app, BEN)] == [PairStatus.PROPOSED]


@pytest.mark.parametrize("value", ["1", "1:", "x:1", "1:2:3", "", "99999:1"])
def test_a_forged_checkin_value_is_refused(running_app: RunningApp, value: str):
    matched(running_app)
    press(running_app, AMARA, "mentoring_checkin_met", value)
    expected = "for the mentor and mentee" if value == "99999:1" else INVALID
    running_app.fake.wait_for("response_url", lambda c: expected in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        assert work.followups.network(running_app.fake.workspace.team_id, AMARA) == []


def test_admin_commands_and_the_window_form_are_for_admins(running_app: RunningApp):
    seed_program(running_app)
    assert "Only workspace admins" in said(mentor_command(running_app, AMARA, "setup 2026-06-05"))
    assert "Only workspace admins" in said(mentor_command(running_app, AMARA, f"capacity <@{MAYA}> 2"))
    reply = submit(running_app, AMARA, "admin_mentoring_window", {})
    assert reply.json()["response_action"] == "update" and "Only workspace admins" in reply.body
    with running_app.runtime.unit_of_work() as work:
        assert work.mentoring.latest_window(running_app.fake.workspace.team_id) is None


def test_an_admin_sets_capacity_and_bad_arguments_get_the_usage(running_app: RunningApp):
    seed_program(running_app)
    assert "a whole number from 1 to 3" in said(mentor_command(running_app, ADMIN, f"capacity <@{MAYA}> 9"))
    assert "isn't a person" in said(mentor_command(running_app, ADMIN, "capacity <@U03OTTERBOT> 2"))
    assert "takes up to 2 mentees" in said(mentor_command(running_app, ADMIN, f"capacity <@{MAYA}> 2"))
    assert "Give the day" in said(mentor_command(running_app, ADMIN, "setup tomorrow"))
    assert "over already" in said(mentor_command(running_app, ADMIN, "setup 2026-05-01"))
    assert "`/mentor find`" in said(mentor_command(running_app, ADMIN, "please"))


def test_the_admins_window_form_opens_with_the_default_close_and_is_checked(running_app: RunningApp):
    seed_program(running_app)
    mentor_command(running_app, ADMIN, "setup")
    call = running_app.fake.wait_for(
        "views.open", lambda c: c.args["view"]["callback_id"] == "admin_mentoring_window"
    )
    picker = call[-1].args["view"]["blocks"][1]["element"]
    assert picker["initial_date"] == "2026-06-08"  # RAPPORT_MENTORING_WINDOW_DAYS: 7 days on
    assert (
        errors_of(submit(running_app, ADMIN, "admin_mentoring_window", {}))["until"]
        == "Choose the day matching closes."
    )
    date_value = {"until": {"value": {"type": "datepicker", "selected_date": "2026-06-05"}}}
    assert submit(running_app, ADMIN, "admin_mentoring_window", date_value).body == ""
    running_app.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args["channel"] == ADMIN and "Mentor matching is open" in c.args["text"],
    )
    tick(running_app)
    assert answers(running_app, INVALID) == []
