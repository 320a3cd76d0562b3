"""A warm introduction's consent: both sides asked, one "not now" settles it, all agreeing opens the DM."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.introductions import Answer, Introduction, Outcome, Refusal
from bot.services.introductions.ports import Standing
from bot.services.introductions.proposals import ConsentAnswerResult, answer, propose
from tests.services.fakes import FakeIntroMessenger, FakeStore, slack_member

NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


@pytest.fixture
def slack() -> FakeIntroMessenger:
    return FakeIntroMessenger([slack_member(u) for u in ("UP", "UA", "UB")])


@pytest.fixture
def intro(store: FakeStore, slack: FakeIntroMessenger) -> Introduction:
    proposal = propose(store.unit_of_work, slack, "T1", "UP", ("UA", "UB"), "both into sailing", NOW)
    assert proposal.intro is not None
    return proposal.intro


def test_both_sides_are_asked_privately_once(
    store: FakeStore, slack: FakeIntroMessenger, intro: Introduction
):
    assert slack.sent("ask_consent") == [("UA", intro.id, "UB"), ("UB", intro.id, "UA")]
    assert store.introduction(intro.id).outcome is Outcome.PENDING
    assert store.committed.introductions[intro.id].requests == {
        "UA": ("DUA", "1700000000.000001"),
        "UB": ("DUB", "1700000000.000002"),
    }


def test_a_second_proposal_for_the_pending_pair_is_refused(
    store: FakeStore, slack: FakeIntroMessenger, intro
):
    again = propose(store.unit_of_work, slack, "T1", "UA", ("UB", "UP"), "", NOW)
    reversed_pair = propose(store.unit_of_work, slack, "T1", "UP", ("UB", "UA"), "", NOW)

    assert again.intro is not None  # a different pair
    assert (reversed_pair.intro, reversed_pair.refused) == (None, Refusal.ALREADY_PENDING)


def test_one_not_now_declines_it_and_tells_only_the_proposer(
    store: FakeStore, slack: FakeIntroMessenger, intro: Introduction
):
    result = answer(store.unit_of_work, slack, intro.id, "UA", Answer.DECLINED, LATER)

    assert result == (ConsentAnswerResult.RECORDED, Answer.DECLINED)
    assert store.introduction(intro.id).outcome is Outcome.DECLINED
    assert slack.sent("tell_not_this_time") == [("UP", intro.id)]  # the port is given no "who"
    assert slack.sent("show_consent_answer") == [("DUA", "1700000000.000001", Standing.DECLINED, "UB")]
    assert slack.sent("introduce") == []

    late = answer(store.unit_of_work, slack, intro.id, "UB", Answer.ACCEPTED, LATER)
    assert late == (ConsentAnswerResult.CLOSED, None)
    assert len(slack.sent("tell_not_this_time")) == 1


def test_everyone_agreeing_opens_the_group_dm_once(
    store: FakeStore, slack: FakeIntroMessenger, intro: Introduction
):
    first = answer(store.unit_of_work, slack, intro.id, "UA", Answer.ACCEPTED, LATER)
    assert first == (ConsentAnswerResult.RECORDED, Answer.ACCEPTED)
    assert slack.sent("introduce") == [] and store.introduction(intro.id).outcome is Outcome.PENDING

    answer(store.unit_of_work, slack, intro.id, "UB", Answer.ACCEPTED, LATER)
    twice = answer(store.unit_of_work, slack, intro.id, "UB", Answer.DECLINED, LATER)

    assert twice == (ConsentAnswerResult.ALREADY_ANSWERED, Answer.ACCEPTED)
    assert slack.sent("introduce") == [(intro.id, "UA", "UB")]
    assert store.introduction(intro.id).outcome is Outcome.INTRODUCED
    assert store.committed.introductions[intro.id].group_channel == "G-UA-UB-UP"
    assert slack.sent("tell_not_this_time") == []
    assert slack.sent("show_consent_answer") == [
        ("DUA", "1700000000.000001", Standing.WAITING, "UB"),
        ("DUB", "1700000000.000002", Standing.INTRODUCED, "UA"),  # told once the group DM is open
    ]


def test_a_yes_whose_group_dm_slack_refused_is_not_told_it_opened(
    store: FakeStore, slack: FakeIntroMessenger, intro: Introduction
):
    slack.fail("introduce", "ratelimited")
    answer(store.unit_of_work, slack, intro.id, "UA", Answer.ACCEPTED, LATER)
    answer(store.unit_of_work, slack, intro.id, "UB", Answer.ACCEPTED, LATER)

    assert slack.sent("show_consent_answer")[-1] == ("DUB", "1700000000.000002", Standing.NOT_OPENED, "UA")


def test_only_the_sides_may_answer(store: FakeStore, slack: FakeIntroMessenger, intro: Introduction):
    by_proposer = answer(store.unit_of_work, slack, intro.id, "UP", Answer.ACCEPTED, LATER)
    unknown = answer(store.unit_of_work, slack, intro.id + 100, "UA", Answer.ACCEPTED, LATER)

    assert by_proposer == (ConsentAnswerResult.NOT_YOURS, None)
    assert unknown == (ConsentAnswerResult.UNKNOWN, None)
    assert store.introduction(intro.id).a_answer is None


def test_a_proposer_introducing_themselves_needs_only_the_others_yes(
    store: FakeStore, slack: FakeIntroMessenger
):
    proposal = propose(store.unit_of_work, slack, "T1", "UA", ("UA", "UB"), "", NOW)
    assert proposal.intro is not None
    assert slack.sent("ask_consent") == [("UB", proposal.intro.id, "UA")]

    answer(store.unit_of_work, slack, proposal.intro.id, "UB", Answer.ACCEPTED, LATER)
    assert slack.sent("introduce") == [(proposal.intro.id, "UA", "UB")]
