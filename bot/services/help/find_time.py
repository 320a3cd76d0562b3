"""Help's group DMs as finding a time sees them: an "I can help" DM (the asker and the helper) and a Book a
chat DM (the booker and the person offering); the one who wants the help organises. A DM is found by its
channel (each helper has their own DM with the asker)."""

from __future__ import annotations

from bot.domain.scheduling.group import GroupDm, Source
from bot.services.ports import UnitOfWorkFactory


def ask_group_dm(
    uow: UnitOfWorkFactory, team_id: str, ask_id: int | None = None, conversation_id: str | None = None
) -> GroupDm | None:
    """The helper of the ask (when named) whose DM with the asker is this one; None for anything else."""
    if conversation_id is None:
        return None
    with uow() as work:
        found = work.asks.help_dm(team_id, conversation_id, ask_id)
    if found is None:
        return None
    members = (found.asker_id, found.helper_id)
    return GroupDm(team_id, found.channel_id, Source.ASK, str(found.id), members, found.asker_id)


def offer_group_dm(
    uow: UnitOfWorkFactory, team_id: str, offer_id: int | None = None, conversation_id: str | None = None
) -> GroupDm | None:
    """The Book a chat DM (of the offer, when named) that is this one: its booker and the person offering;
    the booker, who wants the help, organises. None for anything else."""
    if conversation_id is None:
        return None
    with uow() as work:
        found = work.offers.booking_dm(team_id, conversation_id, offer_id)
    if found is None:
        return None
    members = (found.booker_id, found.offerer_id)
    return GroupDm(team_id, found.channel_id, Source.OFFER, str(found.id), members, found.booker_id)
