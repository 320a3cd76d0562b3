"""The fakes stay honest: the ports' parameters, transactions that roll back, no silent stubs."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest

from bot.domain.coffee.model import Participation, Pool
from bot.services.coffee.ports import (
    CoffeeMessenger,
    ParticipationRepository,
    PoolRepository,
    RoundRepository,
)
from bot.services.followups.ports import FollowUpMessenger, FollowUpRepository
from bot.services.introductions.ports import IntroductionRepository, IntroMessenger
from bot.services.people.ports import MemberRepository, ProfileRepository
from bot.services.ports import SlackError
from tests.services import fakes

PAIRS = [
    (fakes.FakePoolRepository, PoolRepository),
    (fakes.FakeParticipationRepository, ParticipationRepository),
    (fakes.FakeRoundRepository, RoundRepository),
    (fakes.FakeMemberRepository, MemberRepository),
    (fakes.FakeProfileRepository, ProfileRepository),
    (fakes.FakeFollowUpRepository, FollowUpRepository),
    (fakes.FakeIntroductionRepository, IntroductionRepository),
    (fakes.FakeCoffeeMessenger, CoffeeMessenger),
    (fakes.FakeFollowUpMessenger, FollowUpMessenger),
    (fakes.FakeIntroMessenger, IntroMessenger),
]


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for klass in cls.__mro__
        if klass not in (object, fakes.Partial)
        for name, member in vars(klass).items()
        if callable(member) and not name.startswith("_")
    }


@pytest.mark.parametrize(("fake", "port"), PAIRS, ids=lambda c: c.__name__)
def test_every_port_method_a_fake_implements_has_the_ports_parameters(fake: type, port: type):
    theirs = public_methods(port)
    ours = {
        name: sig
        for name, sig in public_methods(fake).items()
        if name not in ("fail", "crash_after", "sent")  # the messengers' own test controls
    }
    assert set(ours) <= set(theirs), f"{fake.__name__} has methods its port lacks"
    assert {n: list(s.parameters) for n, s in ours.items()} == {n: list(theirs[n].parameters) for n in ours}


def test_what_is_not_committed_is_rolled_back(store: fakes.FakeStore, pool: Pool):
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with store.unit_of_work() as work:
        work.participation.save(Participation(pool.id, "U1", skip_next=True), now)
    assert store.committed.participation == {}

    with store.unit_of_work() as work:
        work.participation.save(Participation(pool.id, "U1", skip_next=True), now)
        work.commit()
    assert store.committed.participation[pool.id, "U1"].skip_next
    assert store.commits == 1


def test_a_method_the_fakes_do_not_implement_says_which(store: fakes.FakeStore):
    with store.unit_of_work() as work:
        with pytest.raises(NotImplementedError, match=r"FakeFollowUpRepository\.network"):
            work.followups.network("T1", "U1")
        with pytest.raises(NotImplementedError, match=r"FakeUnitOfWork\.welcomes"):
            work.welcomes.get("T1", "U1")


def test_a_messenger_refuses_only_the_calls_it_was_told_to():
    slack = fakes.FakeFollowUpMessenger([fakes.slack_member("U1"), fakes.slack_member("U2")])
    slack.fail("member", "user_not_found", "U2")

    assert slack.member("U1").user_id == "U1"
    with pytest.raises(SlackError, match="user_not_found"):
        slack.member("U2")
    assert slack.calls == [("member", "U1")]
