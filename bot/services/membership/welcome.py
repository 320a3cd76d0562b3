"""Welcoming a new member of the workspace, once, however often Slack retries team_join."""

from __future__ import annotations

from datetime import datetime

from bot.services.membership.ports import WelcomeMessenger
from bot.services.ports import SlackMember, UnitOfWorkFactory, best_effort


def welcome_new_member(
    uow_factory: UnitOfWorkFactory,
    messenger: WelcomeMessenger,
    team_id: str,
    user: SlackMember,
    now: datetime,
) -> bool:
    """Claim the welcome, then DM it; True when this call sent it. Bots and deleted users get none."""
    if user.is_bot or user.deleted:
        return False
    with uow_factory() as uow:
        if not uow.welcomes.claim(team_id, user.user_id, now):
            return False
        channels = sorted(pool.channel_id for pool in uow.pools.all() if pool.team_id == team_id)
        uow.commit()
    with best_effort():  # claimed first: a welcome Slack refuses is not retried into a duplicate
        messenger.welcome(user.user_id, channels)
    return True
