"""Match health in the lead's App Home, through Slack's protocol: a pair that has not met for more than
1.5 times the mentor's cadence is listed as needing a check-in; the mentee's goals never appear there."""

from __future__ import annotations

from tests.app.conftest import RunningApp
from tests.app.home_helpers import open_home
from tests.app.mentoring_helpers import ADMIN, AMARA, KAVYA, press, tick
from tests.app.test_mentoring_flow import kicked_off


def program_section(view: dict) -> str:
    texts = [b.get("text", {}).get("text", "") for b in view["blocks"] if b["type"] == "section"]
    return next(t for t in texts if t.startswith("*Mentoring*\npairs on track"))


def test_the_leads_home_shows_each_pairs_health_and_no_goals(running_app: RunningApp):
    pair_id = kicked_off(running_app)  # Kavya meets every two weeks: too early for three weeks
    shown = program_section(open_home(running_app, ADMIN))
    assert "pairs too early to tell: 1" in shown and "pairs needing a check-in: 0" in shown
    assert "mentor places taken: 2/3 (67 %)" in shown  # Maya 1/1 (Ben, proposed), Kavya 1/2
    running_app.clock.advance(days=14)
    tick(running_app)  # the first check-in goes out and nobody answers it
    running_app.clock.advance(days=7, hours=1)  # 21 days and an hour since the kickoff
    shown = program_section(open_home(running_app, ADMIN))
    assert "pairs needing a check-in: 1" in shown
    assert f"• <@{AMARA}> with <@{KAVYA}> — needs a check-in (no session since the kickoff)" in shown
    assert "Learn SQL" not in shown and "patient" not in shown
    (checkin,) = [c for c in running_app.fake.calls_to("chat.postMessage") if "check-in" in c.args["text"]]
    press(running_app, KAVYA, "mentoring_checkin_met", f"{pair_id}:1", checkin.args["channel"])
    running_app.fake.wait_for("chat.update", lambda c: "answered *We met*" in c.args["text"])
    shown = program_section(open_home(running_app, ADMIN))
    assert "pairs on track: 1" in shown and "sessions per pair (median): 1" in shown
    assert "pairs on track" not in str(open_home(running_app, AMARA)["blocks"])  # admins only
    assert running_app.fake.take_violations() == []
