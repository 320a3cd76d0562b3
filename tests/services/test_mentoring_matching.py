"""Mentors opt in, mentees say what they want, and one assignment for everyone when the window closes;
late joiners one by one against the places left."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Person, Role
from bot.services.mentoring import matching, preferences, volunteer
from bot.services.mentoring.volunteer import CapacitySet
from tests.services.fakes import TEAM, FakeStore, slack_member
from tests.services.mentoring_program import (
    ADMIN,
    ANA,
    BEN,
    CHLOE,
    DEV,
    KAVYA,
    MAYA,
    MONDAY,
    NEW_YORK,
    RAVI,
    TOPICS,
    close_window,
    pairs,
    roster,
    sign_up,
    slack,
    wants,
)


def test_the_form_starts_from_the_profile_then_from_the_sign_up(store: FakeStore):
    roster(store)
    form = volunteer.mentor_form(store.unit_of_work, TEAM, MAYA)
    assert (form.capacity, form.cadence, form.signed_up) == (1, Cadence.BIWEEKLY, False)
    sign_up(store, {MAYA: 2})
    form = volunteer.mentor_form(store.unit_of_work, TEAM, MAYA)
    assert (form.capacity, form.topics, form.signed_up) == (2, ("sql", "careers"), True)
    assert volunteer.stop_mentoring(store.unit_of_work, TEAM, MAYA, MONDAY) is True
    assert volunteer.stop_mentoring(store.unit_of_work, TEAM, MAYA, MONDAY) is False
    assert volunteer.mentor_form(store.unit_of_work, TEAM, MAYA).signed_up is False


def test_an_admin_sets_anyones_capacity_but_not_a_bots(store: FakeStore):
    roster(store)
    messenger = slack()
    messenger.people["UBOT"] = slack_member("UBOT", is_bot=True)
    set_it = volunteer.set_capacity
    assert set_it(store.unit_of_work, messenger, TEAM, ADMIN, RAVI, 3, MONDAY) is CapacitySet.ADDED
    assert set_it(store.unit_of_work, messenger, TEAM, ADMIN, RAVI, 1, MONDAY) is CapacitySet.SET
    assert set_it(store.unit_of_work, messenger, TEAM, ADMIN, "UBOT", 1, MONDAY) is CapacitySet.NOT_A_PERSON
    assert (
        set_it(store.unit_of_work, messenger, TEAM, ADMIN, "UNOBODY", 1, MONDAY) is CapacitySet.NOT_A_PERSON
    )
    with store.unit_of_work() as work:
        assert work.mentoring.mentor(TEAM, RAVI).capacity == 1


def test_only_interns_give_goals(store: FakeStore):
    roster(store)
    from bot.domain.mentoring.forms import Goals

    refused = preferences.save_goals(store.unit_of_work, TEAM, MAYA, Goals(("x",), None), MONDAY)
    assert refused == preferences.NOT_AN_INTERN
    assert preferences.may_be_mentee(store.unit_of_work, TEAM, ANA) is True


def test_the_five_best_mentors_with_room_are_suggested_with_why(store: FakeStore):
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 1, KAVYA: 1})
    wants(store, BEN, (MAYA,))
    close_window(store, slack())  # Ben takes Maya's only place
    wants(store, ANA, any_of_these=True, goals=("sql", "public speaking"))
    found = preferences.suggestions_for(store.unit_of_work, slack(), TEAM, ANA)
    assert [(s.user_id, s.name) for s in found] == [(KAVYA, f"Name{KAVYA}"), (RAVI, f"Name{RAVI}")]
    assert found[0].fit.why().startswith("shared topics: sql, public speaking; another team: Platform")


def test_only_mentors_who_could_make_the_five_best_are_looked_up(store: FakeStore, monkeypatch):
    """Overlapping hours add at most 2 points: a mentor more than 2 points behind the fifth best without
    them can never make the list, so is never looked up (the form must answer within 3 seconds)."""
    roster(store)
    for n in range(8):
        monkeypatch.setitem(TOPICS, f"UM{n}", ("sql", "careers") if n < 5 else ("knitting",))
        store.add_member(Person(TEAM, f"UM{n}", Role.MENTOR, team="Platform" if n < 7 else "Payments"))
    sign_up(store, {f"UM{n}": 1 for n in range(8)})
    wants(store, ANA, any_of_these=True, goals=("sql", "careers"))
    messenger = slack()
    found = preferences.suggestions_for(store.unit_of_work, messenger, TEAM, ANA)
    assert [s.user_id for s in found] == [f"UM{n}" for n in range(5)]
    assert messenger.sent("members") == [((ANA, "UM0", "UM1", "UM2", "UM3", "UM4"),)]


def test_a_ranking_names_mentors_with_room_once_each(store: FakeStore):
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 1})
    wants(store, ANA, (MAYA,))
    save = preferences.save_ranking
    _, errors = save(store.unit_of_work, TEAM, ANA, (MAYA, MAYA, None), False, MONDAY)
    assert errors == {"choice2": "You chose this mentor already: choose each mentor once."}
    _, errors = save(store.unit_of_work, TEAM, ANA, (ANA, None, None), False, MONDAY)
    assert "yourself" in errors["choice1"]
    _, errors = save(store.unit_of_work, TEAM, ANA, (BEN, None, None), False, MONDAY)
    assert "not a mentor" in errors["choice1"]
    _, errors = save(store.unit_of_work, TEAM, CHLOE, (MAYA, None, None), False, MONDAY)
    assert "goals first" in errors["choice1"]


def test_the_window_assigns_everyone_at_once_by_the_rule(store: FakeStore):
    """Ana ranks Maya then Ravi, Ben ranks only Maya, each mentor takes one: Ben gets Maya and Ana Ravi
    (first come, first served would leave Ben without a mentor); Chloe finds no place left."""
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 1})
    wants(store, ANA, (MAYA, RAVI))
    wants(store, BEN, (MAYA,))
    wants(store, CHLOE, any_of_these=True)
    assert close_window(store, slack()) == 2
    assert pairs(store) == {ANA: (RAVI, "proposed"), BEN: (MAYA, "proposed")}
    with store.unit_of_work() as work:
        assert work.mentoring.unmatched(TEAM) == [CHLOE]
    later = MONDAY + timedelta(days=2)
    assert matching.close_due_windows(store.unit_of_work, lambda _: slack(), later) == 0  # closed once


def test_opening_a_window_again_moves_its_close_and_a_past_day_is_refused(store: FakeStore):
    open_window = matching.open_window
    first = open_window(store.unit_of_work, TEAM, ADMIN, date(2026, 6, 5), NEW_YORK, MONDAY)
    moved = open_window(store.unit_of_work, TEAM, ADMIN, date(2026, 6, 8), NEW_YORK, MONDAY)
    assert first.window is not None and moved.moved and moved.window.id == first.window.id
    assert (
        "over already"
        in open_window(store.unit_of_work, TEAM, ADMIN, date(2026, 5, 31), NEW_YORK, MONDAY).refusal
    )
    assert (
        "under 90 days"
        in open_window(store.unit_of_work, TEAM, ADMIN, date(2026, 12, 1), None, MONDAY).refusal
    )


def test_late_joiners_are_matched_one_by_one_against_the_places_left(store: FakeStore):
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 2})
    wants(store, ANA, (MAYA,))
    close_window(store, slack())
    wants(store, BEN, (RAVI,))
    wants(store, CHLOE, (RAVI,))
    wants(store, DEV, any_of_these=True)  # Ravi's two places go to the two who ranked him
    messenger = slack()
    later = MONDAY + timedelta(days=2)
    assert matching.match_late(store.unit_of_work, lambda _: messenger, later) == 2
    assert pairs(store) == {ANA: (MAYA, "proposed"), BEN: (RAVI, "proposed"), CHLOE: (RAVI, "proposed")}
    with store.unit_of_work() as work:
        assert work.mentoring.unmatched(TEAM) == [DEV]
    lookups = len(messenger.sent("members"))
    assert matching.match_late(store.unit_of_work, lambda _: messenger, later) == 0
    assert len(messenger.sent("members")) == lookups  # nobody can be matched: no Slack lookups either


def test_nobody_is_matched_late_while_a_window_is_open(store: FakeStore):
    roster(store)
    sign_up(store, {MAYA: 1})
    wants(store, ANA, (MAYA,))
    matching.open_window(store.unit_of_work, TEAM, ADMIN, date(2026, 6, 5), NEW_YORK, MONDAY)
    assert matching.match_late(store.unit_of_work, lambda _: slack(), MONDAY) == 0
    assert pairs(store) == {}
