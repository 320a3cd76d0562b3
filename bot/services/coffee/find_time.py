"""A coffee group's DM as finding a time sees it: the group named by the intro's button, or the latest
group in the DM where `/coffee time` was typed."""

from __future__ import annotations

from bot.domain.coffee.model import RoundGroup
from bot.domain.scheduling.group import GroupDm, Source
from bot.services.ports import UnitOfWorkFactory


def coffee_group_dm(
    uow: UnitOfWorkFactory, team_id: str, group_id: int | None = None, conversation_id: str | None = None
) -> GroupDm | None:
    """The group (by ID, or the DM's latest), once its intro went out; None for anything else."""
    with uow() as work:
        group = work.rounds.group_in(team_id, group_id=group_id, conversation_id=conversation_id)
    if group is None or group.conversation_id is None or group.intro_ts is None:
        return None
    return as_group_dm(team_id, group)


def as_group_dm(team_id: str, group: RoundGroup) -> GroupDm:
    assert group.conversation_id is not None
    return GroupDm(
        team_id, group.conversation_id, Source.COFFEE, str(group.id), group.members, group.organiser
    )
