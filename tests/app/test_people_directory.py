"""The member directory follows Slack's events, and scheduled work reads it instead of asking Slack; a tick
with nothing due costs one read: no Slack call, no write."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event

from bot.domain.people.person import Person, Role
from bot.jobs import run_due_work
from bot.services.people.directory import next_refresh
from bot.services.ports import DirectoryMember
from tests.app.coffee_helpers import coffee, seed_roster, set_up_pool
from tests.app.conftest import RunningApp
from tests.app.test_membership_events import join_workspace

ZOE = "U02ZOE"


def wait_until(holds: Callable[[], bool], timeout: float = 5.0) -> None:
    """Event listeners run after the acknowledgement: look again until `holds`, for at most `timeout`."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not holds():
        assert time.monotonic() < deadline, "the condition never held"
        pause.wait(0.02)


def kept(app: RunningApp, user_id: str) -> DirectoryMember | None:
    with app.runtime.unit_of_work() as work:
        return work.directory.get(app.fake.workspace.team_id, [user_id]).get(user_id)


def test_user_change_updates_the_directory_and_the_next_nudge_follows_it(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    with app.runtime.unit_of_work() as work:
        paris = DirectoryMember(ZOE, "Zoe", "Europe/Paris", 60, False, False)
        work.directory.save(ws.team_id, [paris], app.clock())
        work.commit()
    ws.users[ZOE].tz = "Asia/Tokyo"  # Zoe moves; Slack tells Rapport
    change = {"type": "user_change", "user": ws.users[ZOE].to_json(ws.team_id)}
    assert app.slack.event(change, event_id="Ev0ZOETOKYO").status == 200
    wait_until(lambda: (found := kept(app, ZOE)) is not None and found.tz == "Asia/Tokyo")

    other = ws.colleagues[0]
    stranger = {"type": "user_change", "user": ws.users[other].to_json(ws.team_id)}
    assert app.slack.event(stranger, event_id="Ev0NOTKEPT").status == 200
    join_workspace(app, "U05NIA", "Ev0NIA")  # a new person is kept from team_join on
    wait_until(lambda: kept(app, "U05NIA") is not None)
    assert kept(app, other) is None  # a change to someone Rapport never needed is not stored

    assert "Noted" in coffee(app, f"met <@{other}> talked about trains", user_id=ZOE).body
    asked = [c.args["user"] for c in app.fake.calls_to("users.info")]
    assert ZOE not in asked and other in asked  # Zoe from the directory; the colleague asked of Slack once
    with app.runtime.unit_of_work() as work:
        [nudge] = [n for n in work.followups.due_nudges(app.clock() + timedelta(days=7)) if n.user_id == ZOE]
    assert nudge.due_at.astimezone(nudge.due_at.tzinfo).hour == 0  # 09:00 in Tokyo is midnight UTC


@contextmanager
def writes_to(app: RunningApp) -> Iterator[list[str]]:
    """Every statement that writes, and every commit, made while the block runs."""
    with app.runtime.unit_of_work() as work:
        engine = work.session.get_bind()
    seen: list[str] = []

    def statement(conn, cursor, text: str, *args: object) -> None:
        if text.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(text)

    def commit(conn) -> None:
        seen.append("COMMIT")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


def test_a_tick_with_nothing_due_makes_no_slack_call_and_no_write(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    intern, colleague = ws.interns[0], ws.colleagues[0]
    seed_roster(app)
    with app.runtime.unit_of_work() as work:  # an intern in the middle of the internship
        dates = {"internship_start": date(2026, 5, 4), "internship_end": date(2026, 8, 28)}
        work.members.upsert_roster([Person(ws.team_id, intern, Role.INTERN, **dates)], app.clock())
        work.commit()
    set_up_pool(app)
    assert "Noted" in coffee(app, f"met <@{colleague}> talked about Rust", user_id=intern).body
    run_due_work(app.runtime, app.clock())  # everything looks once: the prompt waits for her morning
    while next_refresh(app.runtime.unit_of_work) <= app.clock.advance(minutes=1):
        run_due_work(app.runtime, app.clock())  # the directory's first walk, a few pages a minute

    calls = len(app.fake.calls)
    with writes_to(app) as writes:
        done = run_due_work(app.runtime, app.clock())
    assert app.fake.calls[calls:] == []
    assert writes == []
    assert set(done.values()) == {0}
