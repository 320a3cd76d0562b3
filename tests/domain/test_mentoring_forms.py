"""What mentors and mentees type: each bad field gets its own clear error, and nothing is half-accepted."""

from __future__ import annotations

import pytest

from bot.domain.mentoring.forms import (
    GOAL_LIMIT,
    VolunteerForm,
    check_goals,
    check_ranking,
    check_volunteer,
)
from bot.domain.mentoring.kickoff import AGREEMENT, first_agenda, kickoff
from bot.domain.mentoring.schedule import Cadence

MENTORS = {"UMAYA", "URAVI", "UKAVYA"}


def test_a_mentor_takes_one_to_three_mentees_with_topics_and_a_cadence():
    got, errors = check_volunteer(VolunteerForm("2", "Careers, SQL,  careers", "biweekly"))
    assert errors == {}
    assert got is not None and (got.capacity, got.topics, got.cadence) == (
        2,
        ("careers", "sql"),
        Cadence.BIWEEKLY,
    )


@pytest.mark.parametrize("capacity", ["0", "9", "-1", "1.5", "two", "", "²", "100"])
def test_a_capacity_outside_one_to_three_is_refused_beside_the_field(capacity: str):
    got, errors = check_volunteer(VolunteerForm(capacity, "careers", "weekly"))
    assert got is None and set(errors) == {"capacity"} and "1 to 3" in errors["capacity"]


def test_topics_and_cadence_are_checked_too():
    _, errors = check_volunteer(VolunteerForm("1", " , ", "monthly"))
    assert set(errors) == {"topics", "cadence"}
    _, errors = check_volunteer(VolunteerForm("1", ",".join(f"t{i}" for i in range(11)), "weekly"))
    assert "Up to 10 topics" in errors["topics"]


def test_goals_are_one_a_line_at_most_three():
    got, errors = check_goals("Learn SQL\n\n  Public speaking \nLearn SQL\n", "  someone patient ")
    assert errors == {} and got is not None
    assert got.goals == ("Learn SQL", "Public speaking") and got.wants == "someone patient"
    _, errors = check_goals("a\nb\nc\nd", "")
    assert errors == {"goals": "Up to 3 goals, one a line (you wrote 4)."}
    assert set(check_goals("   \n", "")[1]) == {"goals"}
    assert set(check_goals("x" * (GOAL_LIMIT + 1), "y" * 301)[1]) == {"goals", "wants"}


def test_a_ranking_names_mentors_with_room_once_each_and_never_the_mentee():
    got, errors = check_ranking("UANA", ("URAVI", "UMAYA", None), False, MENTORS)
    assert errors == {} and got is not None and got.choices == ("URAVI", "UMAYA")
    assert check_ranking("UANA", ("UMAYA", "UMAYA", None), False, MENTORS)[1] == {
        "choice2": "You chose this mentor already: choose each mentor once."
    }
    assert "yourself" in check_ranking("UANA", ("UANA", None, None), False, MENTORS | {"UANA"})[1]["choice1"]
    assert "not a mentor" in check_ranking("UANA", ("UNOBODY", None, None), False, MENTORS)[1]["choice1"]
    assert "in order" in check_ranking("UANA", (None, "UMAYA", None), False, MENTORS)[1]["choice1"]
    assert (
        "at most 3" in check_ranking("UANA", ("UMAYA", "URAVI", "UKAVYA", "UX"), False, MENTORS)[1]["choice1"]
    )


def test_any_of_these_alone_is_a_ranking_but_nothing_at_all_is_not():
    got, errors = check_ranking("UANA", (None, None, None), True, MENTORS)
    assert errors == {} and got is not None and got.choices == () and got.open_to_any
    assert "at least one" in check_ranking("UANA", (None, None, None), False, MENTORS)[1]["choice1"]


def test_the_first_agenda_takes_each_goal_and_ends_with_the_agreement():
    agenda = first_agenda(("Learn SQL", "Public speaking"))
    assert agenda[0].startswith("Get to know each other")
    assert agenda[1].startswith("Learn SQL: where you are now") and agenda[2].startswith("Public speaking")
    assert agenda[-1].startswith("Fill in the agreement")
    assert len(first_agenda(())) == 3
    assert kickoff(("x",), Cadence.WEEKLY).agreement == AGREEMENT and len(AGREEMENT) == 3
