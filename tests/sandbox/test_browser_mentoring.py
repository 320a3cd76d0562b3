"""Mentoring in the sandbox, in a real browser: the seeded mentors are signed up and matching is open; an
intern's goals and ranking are in; the clock moves past the window's close, the mentor sees the request in
their DM with Rapport, presses Accept, and the pair's group DM opens with the kickoff."""

from __future__ import annotations

from bot.domain.mentoring.forms import Goals
from bot.domain.people.person import Role
from bot.sandbox.server import SandboxServer
from bot.services.mentoring import preferences
from bot.services.mentoring.ports import PairStatus
from tests.browser import pytestmark, severe_logs  # noqa: F401  (pytest reads pytestmark)
from tests.sandbox.browsing import Visitor


def test_a_mentor_accepts_a_request_in_the_sandbox(browser):
    server = SandboxServer.start(people=12, seed=1)
    try:
        sandbox = server.sandbox
        team_id, uow = sandbox.workspace.team_id, sandbox.runtime.unit_of_work
        intern = next(p for p in sandbox.people if p.role is Role.INTERN)
        mentor = next(p for p in sandbox.people if p.role is Role.MENTOR)
        with uow() as work:
            assert work.mentoring.mentor(team_id, mentor.id) is not None  # seeded: signed up
            assert work.mentoring.open_window_of(team_id) is not None  # seeded: matching is open
        now = sandbox.clock()
        assert preferences.save_goals(uow, team_id, intern.id, Goals(("Learn SQL",), None), now) is None
        ranking, errors = preferences.save_ranking(uow, team_id, intern.id, (mentor.id,), False, now)
        assert ranking is not None, errors

        me = Visitor(browser, server.url)
        me.be(mentor.id)
        box = me.wait.until(lambda d: d.find_element(me.by().CSS_SELECTOR, "#move input"))
        box.send_keys("+8 days\n")  # past the window's close: everyone is assigned, the mentor asked
        me.sees("It is now", "#note")
        me.open("Rapport")
        me.sees("would like you as their mentor")
        me.sees("Learn SQL")
        me.press("Accept", "You accepted")
        with uow() as work:
            (pair,) = work.mentoring.pairs_of(team_id, intern.id)
        assert (pair.mentor_id, pair.status) == (mentor.id, PairStatus.ACCEPTED)
        me.wait.until(lambda d: any("mentoring pair" in m.get("text", "") for m in _kickoffs(sandbox, pair)))
        assert severe_logs(browser) == []
        assert sandbox.fake.violations == []
    finally:
        server.close()


def _kickoffs(sandbox, pair) -> list[dict]:  # type: ignore[no-untyped-def]
    with sandbox.runtime.unit_of_work() as work:
        channel = work.mentoring.pair(sandbox.workspace.team_id, pair.id).kickoff_channel
    return sandbox.fake.messages_in(channel) if channel else []
