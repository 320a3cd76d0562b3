"""Insight queries and the weekly digest's opt-out and claims, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.coffee.model import CheckinAnswer, Participation, Schedule
from bot.services.followups.ports import MeetingSource, NudgeStatus
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
WEEK = date(2026, 6, 8)


def test_a_lead_gets_one_claim_per_week_and_can_opt_out_and_back_in(session_factory: sessionmaker[Session]):
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        assert work.program.digest_enabled("T1", "U1")
        assert work.program.claim_digest("T1", "U1", WEEK, T0)
        assert not work.program.claim_digest("T1", "U1", WEEK, T0)
        assert work.program.claim_digest("T1", "U1", WEEK + timedelta(days=7), T0)
        assert work.program.claim_digest("T2", "U1", WEEK, T0)
        work.program.set_digest("T1", "U1", False, T0)
        work.commit()
    with uow as work:
        assert work.program.digest_claimed("T1", "U1", WEEK)
        assert not work.program.digest_enabled("T1", "U1")
        assert work.program.digest_enabled("T2", "U1")
        work.program.set_digest("T1", "U1", True, T0)
        work.commit()
    with uow as work:
        assert work.program.digest_enabled("T1", "U1")


def test_groups_checkins_thanks_and_pools_of_a_member(session_factory: sessionmaker[Session]):
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        pool, _ = work.pools.create("T1", "C1", Schedule(), T0)
        other, _ = work.pools.create("T1", "C2", Schedule(), T0)
        work.participation.save(Participation(other.id, "U1"), T0)
        the_round = work.rounds.claim(pool, T0, 7, T0)
        met, waiting = work.rounds.add_groups(the_round.id, [(("U1", "U2"), "U1"), (("U3", "U4"), "U3")])
        work.rounds.stamp(met.id, conversation_id="G1", intro_ts="1.0", checkin_ts="2.0")
        work.rounds.stamp(waiting.id, conversation_id="G2", intro_ts="1.1", checkin_ts="2.1")
        work.rounds.record_answer(met.id, CheckinAnswer.MET, "U2", T0)
        meeting = work.followups.record_meeting(
            "T1", MeetingSource.COFFEE, str(met.id), ("U1", "U2"), T0, None
        )
        nudge = work.followups.add_nudge(meeting, "U1", T0)
        work.followups.mark_sent([nudge.id], "D1", "3.0", T0)
        work.commit()
    with uow as work:
        assert work.program.member_pool_ids("T1", "U1") == {pool.id, other.id}
        assert work.program.pending_checkins("T1", "U1") == []
        [pending] = work.program.pending_checkins("T1", "U3")
        assert (pending.group_id, pending.pool_channel, pending.others) == (waiting.id, "C1", ("U4",))
        [thanks] = work.program.open_thanks("T1", "U1")
        assert (thanks.channel, thanks.ts, thanks.others) == ("D1", "3.0", ("U2",))
        facts = {g.group_id: g for g in work.program.groups("T1", None)}
        assert (facts[met.id].answer, facts[waiting.id].answer) == ("met", None)
        assert work.program.groups("T1", ["C2"]) == []
        assert work.program.team_ids() == ["T1"]
        work.followups.set_status([nudge.id], NudgeStatus.DONE)
        work.commit()
    with uow as work:
        assert work.program.thank_yous_sent("T1", "U1") == 1
        assert work.program.open_thanks("T1", "U1") == []
        assert [(n.done, n.sent_at is not None) for n in work.program.nudges("T1")] == [(True, True)]
