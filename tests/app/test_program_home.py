"""App Home for every member: profile, coffee pools and their settings, pending answers, the network."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.coffee.model import Participation, ParticipationStatus, Schedule
from bot.services.followups.ports import MeetingSource, NudgeStatus
from tests.app.coffee_helpers import COFFEE, seed_roster, set_up_pool, start_round_now, tick
from tests.app.conftest import RunningApp
from tests.app.home_helpers import act, element, open_home, text_of

MEMBER = "U01AMARA"


def test_a_member_with_no_data_sees_a_welcome_and_an_empty_network(running_app: RunningApp):
    view = open_home(running_app, MEMBER)
    text = text_of(view)
    assert "haven't introduced yourself" in text
    assert "You're not in a coffee channel yet" in text
    assert "0 people · 0 teams · 0 thank-yous sent" in text
    assert "Program" not in text  # not an admin
    assert element(view, "edit_profile")


def seed_busy_member(app: RunningApp) -> None:
    """Twelve more pools the member has settings in, 30 people met and 8 thank-you nudges waiting."""
    team = app.fake.workspace.team_id
    now = app.clock()
    with app.runtime.unit_of_work() as work:
        for i in range(12):
            pool, _ = work.pools.create(team, f"C0EXTRA{i:02}", Schedule(), now)
            work.participation.save(Participation(pool.id, MEMBER), now)
        for i in range(30):
            meeting = work.followups.record_meeting(
                team, MeetingSource.MET, f"busy{i}", (MEMBER, f"U0PEER{i:02}"), now - timedelta(days=i), None
            )
            if i < 8:
                nudge = work.followups.add_nudge(meeting, MEMBER, now)
                work.followups.mark_sent([nudge.id], f"D0FAKE{i}", f"100{i}.0", now)
        work.commit()


def test_a_busy_member_sees_everything_within_slacks_limits(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    seed_busy_member(running_app)
    groups = start_round_now(running_app)
    running_app.clock.advance(days=3, minutes=1)
    tick(running_app)  # the check-ins go out
    mine = next(g for g in groups if MEMBER in g.members)
    view = open_home(running_app, MEMBER)
    text = text_of(view)
    assert len(view["blocks"]) <= 100
    assert "<#C0COFFEE> — weekly · you're in" in text
    assert "…and 5 more channels" in text  # 13 pools, 8 shown
    assert "30 people · 0 teams · 0 thank-yous sent" in text
    assert "…and 3 more in your messages with Rapport" in text  # 8 nudges, 5 shown
    checkin = element(view, "checkin_met", f"checkin_{mine.id}")
    assert checkin["value"] == str(mine.id)
    assert element(view, "nudge_done", "home_nudge_0")["value"] == "D0FAKE0|1000.0"


def test_a_check_in_answered_from_home_counts_for_the_group(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    groups = start_round_now(running_app)
    running_app.clock.advance(days=3, minutes=1)
    tick(running_app)
    mine = next(g for g in groups if MEMBER in g.members)
    open_home(running_app, MEMBER)
    after = act(running_app, MEMBER, "checkin_met", value=str(mine.id), block_id=f"checkin_{mine.id}")
    assert "your group's answer is *We met ☕*" in text_of(after)
    assert f"checkin_{mine.id}" not in str(after["blocks"])
    with running_app.runtime.unit_of_work() as work:
        assert work.rounds.group(mine.id).answer.value == "met"
    update = running_app.fake.wait_for("chat.update", lambda c: c.args["channel"] == mine.conversation_id)[0]
    assert f"<@{MEMBER}> answered" in update.args["text"]


def test_a_thank_you_done_from_home_closes_the_nudge_and_its_message(running_app: RunningApp):
    coffee_met = running_app.slack.command(
        "/coffee", text="met <@U02MAYA> lunch", user_id=MEMBER, channel_id="C0GENERAL"
    )
    assert "Noted" in coffee_met.body
    running_app.clock.advance(days=1)
    tick(running_app)  # the nudge goes out at 09:00 New York the next morning
    running_app.clock.advance(hours=5)
    tick(running_app)
    view = open_home(running_app, MEMBER)
    done = element(view, "nudge_done", "home_nudge_0")
    channel, ts = done["value"].split("|")
    after = act(
        running_app,
        MEMBER,
        "nudge_done",
        shows="Thank-you sent",
        value=done["value"],
        block_id="home_nudge_0",
    )
    assert "Thank-you sent" in text_of(after)
    assert "1 thank-you sent" in text_of(after)
    with running_app.runtime.unit_of_work() as work:
        assert [n.status for n in work.followups.nudges_in_message(channel, ts)] == [NudgeStatus.DONE]
    running_app.fake.wait_for("chat.update", lambda c: c.args["ts"] == ts)


def pool_id(app: RunningApp) -> int:
    with app.runtime.unit_of_work() as work:
        return work.pools.get(app.fake.workspace.team_id, COFFEE).id


def participation(app: RunningApp) -> Participation:
    with app.runtime.unit_of_work() as work:
        return work.participation.get(pool_id(app), MEMBER)


def test_settings_change_from_home_and_home_shows_them(running_app: RunningApp):
    set_up_pool(running_app)
    pid = pool_id(running_app)
    block = f"home_pool_{pid}"
    open_home(running_app, MEMBER)

    def choose(action_id: str, value: str) -> dict:
        option = {"text": {"type": "plain_text", "text": value}, "value": value}
        selected = {"type": "static_select", "selected_option": option}
        return act(running_app, MEMBER, action_id, block_id=block, action=selected)

    view = choose("home_pause", f"{pid}:2")
    assert "Paused in <#C0COFFEE> until Monday 15 June 2026" in text_of(view)
    assert participation(running_app).paused_until == date(2026, 6, 15)
    assert element(view, "home_resume", block)

    view = act(running_app, MEMBER, "home_resume", value=str(pid), block_id=block)
    assert participation(running_app).paused_until is None

    past = {"type": "datepicker", "selected_date": "2026-05-01"}
    view = act(running_app, MEMBER, "home_pause_until", block_id=block, action=past)
    assert "Pick a date after today" in text_of(view)
    later = {"type": "datepicker", "selected_date": "2026-07-01"}
    act(running_app, MEMBER, "home_pause_until", block_id=block, action=later)
    assert participation(running_app).paused_until == date(2026, 7, 1)

    view = choose("home_frequency", f"{pid}:monthly")
    assert "you'll be paired monthly" in text_of(view)
    assert element(view, "home_frequency", block)["initial_option"]["value"] == f"{pid}:monthly"

    view = act(running_app, MEMBER, "home_leave", value=str(pid), block_id=block)
    assert participation(running_app).status is ParticipationStatus.LEFT
    assert element(view, "home_join", block)
    act(running_app, MEMBER, "home_join", value=str(pid), block_id=block)
    assert participation(running_app).status is ParticipationStatus.ACTIVE


def test_a_setting_for_another_workspaces_pool_changes_nothing(running_app: RunningApp):
    now = running_app.clock()
    with running_app.runtime.unit_of_work() as work:
        foreign, _ = work.pools.create("T0OTHER", "C0THEIRS", Schedule(), now)
        work.commit()
    open_home(running_app, MEMBER)
    view = act(running_app, MEMBER, "home_leave", value=str(foreign.id), block_id=f"home_pool_{foreign.id}")
    assert "out of date" in text_of(view)
    with running_app.runtime.unit_of_work() as work:
        assert work.participation.in_pool(foreign.id) == {}


def test_catch_up_suggestions_switch_off_and_on_from_home(running_app: RunningApp):
    from bot.services.keep_in_touch.catch_ups import catch_ups_on

    def stored(app: RunningApp) -> bool:
        return catch_ups_on(app.runtime.unit_of_work, app.fake.workspace.team_id, MEMBER)

    view = open_home(running_app, MEMBER)
    assert "Catch-up suggestions* are on" in text_of(view)
    view = act(running_app, MEMBER, "home_catch_ups_off", block_id="catch_ups")
    assert "Catch-up suggestions are off." in text_of(view)  # the notice
    assert "Catch-up suggestions* are off" in text_of(view)  # the switch
    assert stored(running_app) is False
    view = act(running_app, MEMBER, "home_catch_ups_on", block_id="catch_ups")
    assert "Catch-up suggestions* are on" in text_of(view)
    assert stored(running_app) is True


def test_home_follows_a_change_made_with_a_coffee_command(running_app: RunningApp):
    from tests.app.coffee_helpers import coffee
    from tests.app.home_helpers import publishes, wait_publish

    set_up_pool(running_app)
    open_home(running_app, MEMBER)
    before = publishes(running_app, MEMBER)
    assert coffee(running_app, "pause 2 weeks", user_id=MEMBER).status == 200
    view = wait_publish(running_app, MEMBER, before)
    assert "paused until Mon 15 Jun" in text_of(view)
    before = publishes(running_app, MEMBER)
    assert coffee(running_app, "history", user_id=MEMBER).status == 200  # changes nothing: no publish
    assert coffee(running_app, "resume", user_id=MEMBER).status == 200
    view = wait_publish(running_app, MEMBER, before)
    assert "paused until" not in text_of(view)
    assert publishes(running_app, MEMBER) == before + 1


def test_home_follows_a_profile_save(running_app: RunningApp):
    from tests.app.home_helpers import publishes, wait_publish
    from tests.app.intro_helpers import save_profile

    assert "haven't introduced yourself" in text_of(open_home(running_app, MEMBER))
    before = publishes(running_app, MEMBER)
    save_profile(running_app, MEMBER, pitch="I build the payments ledger and love a good queue.")
    view = wait_publish(running_app, MEMBER, before)
    assert "payments ledger" in text_of(view) and "haven't introduced yourself" not in text_of(view)
