"""A warm introduction's group DM as finding a time sees it: the two people introduced; the second, whom
the introduction asks to suggest times, organises."""

from __future__ import annotations

from bot.domain.scheduling.group import GroupDm, Source
from bot.services.ports import UnitOfWorkFactory


def introduction_group_dm(
    uow: UnitOfWorkFactory, team_id: str, intro_id: int | None = None, conversation_id: str | None = None
) -> GroupDm | None:
    """The introduction (by ID, or the DM's latest) once its group DM is open; None for anything else."""
    with uow() as work:
        found = work.introductions.in_group(team_id, intro_id=intro_id, channel_id=conversation_id)
    if found is None:
        return None
    intro, channel = found
    return GroupDm(team_id, channel, Source.INTRODUCTION, str(intro.id), (intro.a, intro.b), intro.b)
