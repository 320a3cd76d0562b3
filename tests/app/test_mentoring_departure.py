"""A member deactivated in Slack (user_change, deleted), through Slack's protocol: their mentorship ends, the
other person is told gently once (Slack's retry tells nobody again), a request about an intern who left is
closed, and whoever left is never matched again."""

from __future__ import annotations

from bot.services.mentoring.ports import PairStatus
from tests.app.conftest import RunningApp
from tests.app.mentoring_helpers import AMARA, BEN, KAVYA, MAYA, dms, pairs_of, tick
from tests.app.test_mentoring_flow import kicked_off


def deactivate(app: RunningApp, user_id: str, event_id: str) -> None:
    ws = app.fake.workspace
    ws.users[user_id].deleted = True
    event = {"type": "user_change", "user": ws.users[user_id].to_json(ws.team_id), "event_ts": "1.2"}
    assert app.slack.event(event, event_id=event_id).status == 200
    assert app.slack.event(event, event_id=event_id, retry_num=1).status == 200


def test_a_mentor_who_leaves_ends_the_mentorship_and_the_mentee_hears_it_gently_once(running_app: RunningApp):
    app = running_app
    kicked_off(app)  # Amara with Kavya; Ben proposed to Maya
    deactivate(app, KAVYA, "Ev0KAVYAGONE")
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "ends here" in c.args["text"]
    )
    deactivate(app, BEN, "Ev0BENGONE")
    app.fake.wait_for("chat.update", lambda c: "has left the workspace" in c.args["text"])
    tick(app)
    assert [(p.mentor_id, p.status) for p in pairs_of(app, AMARA)] == [
        (KAVYA, PairStatus.ENDED),
        (MAYA, PairStatus.PROPOSED),  # Ben's place with Maya came free when he left
    ]
    (told,) = dms(app, AMARA, "ends here")
    assert "nobody's fault" in told["text"] and "left" not in told["text"]
    assert [p.status for p in pairs_of(app, BEN)] == [PairStatus.EXPIRED]
    with app.runtime.unit_of_work() as work:
        team_id = app.fake.workspace.team_id
        assert BEN not in {m.user_id for m in work.mentoring.waiting(team_id)}  # never matched again
        assert not work.mentoring.mentor(team_id, KAVYA).active  # takes no new mentees
    assert app.fake.take_violations() == []
