import random
from datetime import date

import pytest

from bot.domain.coffee import starters
from bot.domain.coffee.group_intro import IntroPerson, compose_intro, shared_interests
from bot.domain.people.person import Role

MEET_BY = date(2026, 6, 14)


def person(user_id: str, role: Role = Role.COLLEAGUE, *interests: str) -> IntroPerson:
    return IntroPerson(user_id=user_id, role=role, interests=interests)


def starters_seen(people, seeds=range(200)) -> set[str]:
    return {compose_intro(people, people[0].user_id, MEET_BY, random.Random(seed)).starter for seed in seeds}


def test_the_intro_carries_the_group_organiser_and_meet_by_date():
    people = [person("U1", Role.INTERN), person("U2", Role.MENTOR)]
    intro = compose_intro(people, "U2", MEET_BY, random.Random(1))
    assert intro.people == tuple(people)
    assert intro.organiser == "U2"
    assert intro.meet_by == MEET_BY


def test_shared_interests_are_tags_two_or_more_listed_sorted_and_at_most_three():
    people = [
        person("U1", Role.INTERN, "rust", "climbing", "jazz", "chess", "baking"),
        person("U2", Role.INTERN, "climbing", "rust", "chess", "baking"),
        person("U3", Role.INTERN, "jazz"),
    ]
    assert shared_interests(people) == ("baking", "chess", "climbing")


def test_a_tag_listed_by_only_one_person_is_not_shared():
    people = [person("U1", Role.INTERN, "rust", "rust"), person("U2", Role.INTERN, "go")]
    assert shared_interests(people) == ()


def test_tags_match_whatever_their_case_or_spacing():
    people = [person("U1", Role.INTERN, "Rust "), person("U2", Role.INTERN, "rust")]
    assert shared_interests(people) == ("rust",)


def test_an_intern_meeting_a_colleague_gets_career_and_advice_starters():
    assert starters_seen([person("U1", Role.INTERN), person("U2", Role.COLLEAGUE)]) <= set(starters.MENTORING)
    assert starters_seen([person("U1", Role.MENTOR), person("U2", Role.INTERN)]) <= set(starters.MENTORING)


def test_interns_meeting_each_other_get_peer_starters():
    assert starters_seen([person("U1", Role.INTERN), person("U2", Role.INTERN)]) <= set(starters.PEER)


def test_colleagues_without_an_intern_get_colleague_starters():
    assert starters_seen([person("U1", Role.MENTOR), person("U2", Role.COLLEAGUE)]) <= set(starters.COLLEAGUE)


def test_the_starter_varies_between_groups():
    assert len(starters_seen([person("U1", Role.INTERN), person("U2", Role.MENTOR)])) > 3


def test_a_shared_interest_sometimes_sets_the_starter():
    people = [person("U1", Role.INTERN, "climbing"), person("U2", Role.MENTOR, "climbing")]
    seen = starters_seen(people)
    about_climbing = {s for s in seen if "climbing" in s}
    assert about_climbing
    assert all(s.startswith("You both listed climbing") for s in about_climbing)
    assert seen - about_climbing <= set(starters.MENTORING)
    assert seen - about_climbing


def test_a_shared_interest_in_a_trio_names_who_shares_it():
    trio = [person("U1", Role.INTERN, "chess"), person("U2", Role.INTERN, "chess"), person("U3", Role.INTERN)]
    assert any(s.startswith("Two of you listed chess") for s in starters_seen(trio))
    everyone = [person(u, Role.INTERN, "chess") for u in ("U1", "U2", "U3")]
    assert any(s.startswith("You all listed chess") for s in starters_seen(everyone))


def test_the_same_rng_gives_the_same_intro():
    people = [person("U1", Role.INTERN, "go", "jazz"), person("U2", Role.MENTOR, "go", "jazz")]
    first = compose_intro(people, "U1", MEET_BY, random.Random(42))
    assert compose_intro(people, "U1", MEET_BY, random.Random(42)) == first


def test_the_organiser_must_be_in_the_group():
    with pytest.raises(ValueError):
        compose_intro([person("U1"), person("U2")], "U9", MEET_BY, random.Random(0))


def test_there_are_enough_well_formed_starters():
    every = starters.MENTORING + starters.PEER + starters.COLLEAGUE
    assert len(every) >= 20
    assert len(set(every)) == len(every)
    assert all(s.strip() == s and s.endswith("?") for s in every)
    for template in starters.SHARED_INTEREST:
        assert template.format(who="You both", interest="chess").startswith("You both listed chess")
