"""Finding mentors by topic: word-prefix matching over tags and work, and topics to suggest."""

from __future__ import annotations

from bot.domain.people.mentors import Mentor, find, matches, suggestions, topic_words
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile


def mentor(user_id: str, interests: tuple[str, ...] = (), working_on: str | None = None) -> Mentor:
    return Mentor(user_id, Profile("T1", user_id, Role.MENTOR, interests=interests, working_on=working_on))


RUST = mentor("U1", ("rust", "distributed systems"), "Payments ledger")
DATA = mentor("U2", ("data science", "c++"), "Fraud models")
BARE = Mentor("U3", None)


def test_every_topic_word_must_start_one_of_the_mentors_words() -> None:
    assert matches(RUST, ["distrib"]) and matches(RUST, ["sys", "dist"])
    assert matches(RUST, ["ledger"])  # what they work on counts
    assert not matches(RUST, ["systems", "data"])
    assert not matches(RUST, ["tems"])  # a prefix, not any substring


def test_topics_are_lower_cased_words_and_keep_language_names() -> None:
    assert topic_words("  Data-Science, C++ ") == ["data-science", "c++"]
    assert matches(DATA, topic_words("C++"))
    assert not matches(RUST, topic_words("c++"))


def test_no_topic_lists_every_mentor_with_profiles_first() -> None:
    assert find([BARE, RUST, DATA], "") == [RUST, DATA, BARE]
    assert find([BARE, RUST, DATA], "rust") == [RUST]
    assert find([BARE], "anything") == []


def test_suggestions_are_the_most_common_tags_then_alphabetical() -> None:
    other = mentor("U4", ("rust", "climbing"))
    assert suggestions([RUST, DATA, other, BARE], limit=3) == ["rust", "c++", "climbing"]


def test_what_a_mentor_offers_to_help_with_matches_too() -> None:
    offering = Mentor("U5", RUST.profile, offers=("SQL office hours",))
    assert matches(offering, ["sql"]) and not matches(RUST, ["sql"])
