"""A member has at most RAPPORT_EVENTS_UPCOMING_LIMIT upcoming events they created; one more is refused in
one line, and nothing is stored or announced — also when the forms are submitted at the same moment."""

from __future__ import annotations

from collections.abc import Callable

from tests.app.concurrency import at_once
from tests.app.conftest import RunningApp
from tests.app.event_helpers import AMARA, GENERAL, create, rapport_joins, submit

REFUSED = "You have 2 upcoming events already, the most at once"


def created_by(app: RunningApp, user_id: str) -> list:
    with app.runtime.unit_of_work() as work:
        events = work.events.upcoming(app.fake.workspace.team_id, app.clock())
    return [event for event in events if event.created_by == user_id]


def announcements(app: RunningApp) -> list[dict]:
    return [m for m in app.fake.messages_in(GENERAL) if m.get("text", "").startswith("Event:")]


def refusals(app: RunningApp) -> list[str]:
    told = app.fake.calls_to("chat.postMessage")
    return [c.args["text"] for c in told if c.args["channel"] == AMARA and REFUSED in c.args["text"]]


def test_one_more_upcoming_event_than_the_setting_allows_is_refused(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_EVENTS_UPCOMING_LIMIT="2")
    rapport_joins(app)
    create(app, title="Mixer one")
    create(app, title="Mixer two")
    assert submit(app, title="Mixer three").status == 200
    app.fake.wait_for("chat.postMessage", lambda c: REFUSED in c.args.get("text", ""))
    [line] = refusals(app)
    assert "`/event cancel" in line and "\n" not in line
    assert [e.title for e in created_by(app, AMARA)] == ["Mixer one", "Mixer two"]
    assert len(announcements(app)) == 2
    create(app, "U01BEN", title="Ben's lunch")  # per member


def test_forms_submitted_at_once_create_no_more_than_the_limit(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_EVENTS_UPCOMING_LIMIT="2")
    rapport_joins(app)
    replies = at_once(6, lambda i: submit(app, title=f"Mixer {i}"))
    assert all(reply.status == 200 for reply in replies)
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == AMARA, count=6, timeout=60)
    assert len(created_by(app, AMARA)) == 2 and len(announcements(app)) == 2
    assert len(refusals(app)) == 4
