"""How well a mentor fits a mentee, the "why" line, and the five mentors a mentee is shown."""

from __future__ import annotations

import pytest

from bot.domain.mentoring.fit import FIT_MAX, fit, overlap_hours, shared_goals, suggest
from bot.domain.mentoring.model import Mentee, Mentor

PARIS, NEW_YORK, TOKYO, LOS_ANGELES = 60, -300, 540, -480


def test_a_goal_is_shared_when_its_words_start_the_topics_words_either_way():
    topics = ("Data science", "careers")
    assert shared_goals(["data", "career", "rust"], topics) == ["data", "career"]
    assert shared_goals(["machine learning"], ("machine",)) == ["machine learning"]
    assert shared_goals(["ta"], ("data",)) == []  # a prefix, not any substring
    assert shared_goals(["  ", "!!"], ("data",)) == []


def test_the_score_adds_topics_another_team_and_overlapping_hours_with_reasons():
    mentee = Mentee("E", goals=("data", "rust"), team="Payments", utc_offset=PARIS)
    mentor = Mentor("M", topics=("data science", "rust"), team="Platform", utc_offset=PARIS)
    got = fit(mentee, mentor)
    assert got.score == 2 * 4 + 2 + 2
    assert got.why() == "shared topics: data, rust; another team: Platform; 8 overlapping hours"


def test_the_same_team_and_unknown_time_zones_add_nothing():
    mentee = Mentee("E", goals=("design",), team="Payments")
    assert fit(mentee, Mentor("M", team="payments", utc_offset=0)) == fit(mentee, Mentor("M"))
    assert fit(mentee, Mentor("M")).score == 0 and fit(mentee, Mentor("M")).why() == ""


def test_a_perfect_fit_scores_the_maximum():
    mentee = Mentee("E", goals=("a", "b", "c"), team="X", utc_offset=0)
    assert fit(mentee, Mentor("M", topics=("a", "b", "c"), team="Y", utc_offset=0)).score == FIT_MAX


@pytest.mark.parametrize(
    ("a", "b", "hours"),
    [
        (PARIS, PARIS, 8),
        (PARIS, NEW_YORK, 2),  # 08-16 and 14-22 UTC
        (NEW_YORK, PARIS, 2),
        (TOKYO, LOS_ANGELES, 1),  # 00-08 and 17-01 UTC: the hour after midnight
        (TOKYO, NEW_YORK, 0),  # 00-08 and 14-22 UTC
        (330, PARIS, 3),  # India 03:30-11:30, Paris 08-16 UTC: 3 h 30 min counts as 3
    ],
)
def test_overlapping_hours_are_counted_in_utc_across_midnight(a, b, hours):
    assert overlap_hours(Mentee("E", utc_offset=a), Mentor("M", utc_offset=b)) == hours


def test_overlap_wraps_around_midnight():
    late = Mentee("E", utc_offset=0, hours=(20, 24))  # 20-24 UTC
    early = Mentor("M", utc_offset=-120, hours=(18, 24))  # 20-02 UTC
    assert overlap_hours(late, early) == 4
    tokyo = Mentor("M", utc_offset=TOKYO, hours=(8, 17))  # 23-08 UTC
    assert overlap_hours(Mentee("E", utc_offset=0, hours=(22, 24)), tokyo) == 1


def test_one_overlapping_hour_is_one_point_and_four_are_two():
    one = fit(Mentee("E", utc_offset=0, hours=(16, 24)), Mentor("M", utc_offset=0, hours=(9, 17)))
    assert (one.score, one.why()) == (1, "1 overlapping hour")
    four = fit(Mentee("E", utc_offset=0, hours=(13, 24)), Mentor("M", utc_offset=0, hours=(9, 17)))
    assert four.score == 2


def test_suggestions_are_the_five_best_with_room_never_self_or_a_decliner():
    mentee = Mentee("U0", goals=("rust",), team="A")
    staff = [Mentor("U0", topics=("rust",)), Mentor("U9", topics=("rust",), team="B")]
    staff += [Mentor(f"U{k}", team="B" if k % 2 else "A") for k in range(1, 9)]
    shown = suggest(mentee, staff, taken={"U1": 1}, declined={"U3"})
    assert [s.mentor.user_id for s in shown] == ["U9", "U5", "U7", "U2", "U4"]
    assert shown[0].fit.why() == "shared topic: rust; another team: B"
    assert suggest(mentee, staff, limit=0) == []


def test_a_mentee_gives_at_most_three_choices_and_goals_and_a_mentor_takes_one_to_three():
    with pytest.raises(ValueError, match="at most 3"):
        Mentee("E", ("A", "B", "C", "D"))
    with pytest.raises(ValueError, match="twice"):
        Mentee("E", ("A", "A"))
    with pytest.raises(ValueError, match="themselves"):
        Mentee("E", ("E",))
    with pytest.raises(ValueError, match="at most 3"):
        Mentee("E", goals=("a", "b", "c", "d"))
    for capacity in (0, 4):
        with pytest.raises(ValueError, match="capacity"):
            Mentor("M", capacity)
    with pytest.raises(ValueError, match="working hours"):
        Mentor("M", hours=(17, 9))
