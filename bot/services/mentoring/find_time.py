"""A mentoring pair's kickoff group DM as finding a time sees it: the mentor and the mentee; the mentor,
whose calendar a confirmed session goes on, organises. Only a live (accepted) pair whose kickoff went out."""

from __future__ import annotations

from bot.domain.scheduling.group import GroupDm, Source
from bot.services.mentoring.ports import Pair, PairStatus
from bot.services.ports import UnitOfWorkFactory


def mentoring_group_dm(
    uow: UnitOfWorkFactory, team_id: str, pair_id: int | None = None, conversation_id: str | None = None
) -> GroupDm | None:
    """The pair (by ID, or the newest kicked off in this DM) while it lasts; None for anything else."""
    with uow() as work:
        if pair_id is not None:
            pair = work.mentoring.pair(team_id, pair_id)
        else:
            pair = None if conversation_id is None else work.mentoring.pair_in(team_id, conversation_id)
    if pair is None or pair.status is not PairStatus.ACCEPTED:
        return None
    return as_group_dm(pair)


def as_group_dm(pair: Pair) -> GroupDm | None:
    if pair.kickoff_channel is None or pair.kickoff_ts is None:
        return None
    members = (pair.mentor_id, pair.mentee_id)
    return GroupDm(
        pair.team_id, pair.kickoff_channel, Source.MENTORING, str(pair.id), members, pair.mentor_id
    )
