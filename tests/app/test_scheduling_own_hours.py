"""A member's own working hours through Slack's protocol: `/coffee hours` changes which slots Find a time
proposes, bad input is refused in one line with nothing stored, and forget-me deletes them."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.scheduling.model import WorkingHours
from bot.domain.scheduling.picks import parse_slot_value
from tests.app.coffee_helpers import coffee
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import BERLIN, coffee_pair, find_time, slot_buttons

GENERAL = "C0GENERAL"


def _local_starts(slots: dict, zone: str) -> list[time]:
    starts = [parse_slot_value(b["value"].partition("|")[2]) for b in slot_buttons(slots)]
    assert starts and all(start is not None for start in starts)
    return [start.astimezone(ZoneInfo(zone)).time() for start in starts if start is not None]


def _stored(app: RunningApp, user_id: str) -> dict[str, WorkingHours]:
    with app.runtime.unit_of_work() as work:
        return work.working_hours.of(app.fake.workspace.team_id, [user_id])


def _hours(app: RunningApp, text: str, user_id: str) -> str:
    reply = coffee(app, f"hours {text}".strip(), user_id=user_id, channel_id=GENERAL)
    assert reply.status == 200
    return reply.body


def test_by_default_slots_spread_over_the_working_day(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app, (BERLIN,))
    starts = _local_starts(find_time(app, group), BERLIN)
    assert all(time(9, 0) <= start <= time(16, 30) for start in starts)
    assert any(start > time(9, 0) for start in starts)  # spread across times of day, not all at nine


def test_a_members_own_hours_change_which_slots_are_proposed(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app, (BERLIN,))
    early = group.members[0]
    answer = _hours(app, "07:00-09:30", early)
    assert answer.startswith("Done: Find a time proposes slots within 07:00-09:30, Monday to Friday")
    assert "07:00-09:30, Monday to Friday (your own)" in _hours(app, "", early)
    starts = _local_starts(find_time(app, group), BERLIN)
    assert starts == [time(9, 0)] * 3  # the only half hour inside both members' hours


def test_own_days_are_kept_and_default_goes_back(running_app: RunningApp) -> None:
    app = running_app
    me = app.fake.workspace.interns[0]
    assert "10:00-18:30, Monday to Thursday" in _hours(app, "10:00-18:30 mon-thu", me)
    assert _stored(app, me)[me] == WorkingHours(time(10, 0), time(18, 30), frozenset({0, 1, 2, 3}))
    assert _hours(app, "default", me).startswith("Back to the default")
    assert _stored(app, me) == {}
    assert "09:00-17:00, Monday to Friday (the default)" in _hours(app, "", me)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("16:00-08:00", "the end (08:00) is not after the start (16:00)"),
        ("09:00-09:20", "under 30 minutes"),
        ("09:00-17:00 mon-funday", "I don't know the day `funday`"),
        ("lunchtime <!channel>", "I can't read the times `lunchtime`"),
        ("25:00-26:00", "between 00:00 and 23:59"),
    ],
)
def test_bad_hours_are_refused_in_one_line_and_nothing_is_stored(
    running_app: RunningApp, typed: str, named: str
) -> None:
    app = running_app
    me = app.fake.workspace.interns[0]
    _hours(app, "08:00-16:00", me)
    answer = _hours(app, typed, me)
    assert answer.startswith("I didn't change your working hours: ") and named in answer
    assert "\n" not in answer and "<!channel>" not in answer
    assert _stored(app, me)[me] == WorkingHours(time(8, 0), time(16, 0))


def test_help_lists_hours(running_app: RunningApp) -> None:
    assert "/coffee hours" in str(coffee(running_app, "help").json()["blocks"])


def test_forget_me_deletes_a_members_hours(running_app: RunningApp) -> None:
    app = running_app
    me, other = app.fake.workspace.interns[0], app.fake.workspace.interns[1]
    _hours(app, "08:00-16:00", me)
    _hours(app, "10:00-18:00", other)
    shown = coffee(app, "forget-me", user_id=me, channel_id=GENERAL).json()
    assert "your working hours for Find a time" in str(shown["blocks"])
    app.slack.block_action(me, "forget_me_confirm", value="forget", channel_id=GENERAL)
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    assert _stored(app, me) == {}
    assert other in _stored(app, other)  # only theirs
