"""Forgetting a member: one transaction that asks every repository to forget them.

What belongs to the member is deleted; what they share with others (coffee groups, meetings,
introductions) keeps a random marker in their place (bot/domain/privacy.py), so others' history,
meeting counts and the matching's repeat-avoidance stay whole while nothing names them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.domain.privacy import is_anonymous, new_anonymous_id
from bot.services.help.ports import PostPlace
from bot.services.help.posts import delete_member_posts
from bot.services.introductions.ports import IntroMessenger
from bot.services.membership.departure import close_pending_introductions
from bot.services.mentoring.posts import delete_mentoring_posts
from bot.services.people.cards import delete_card
from bot.services.people.ports import CardPlace
from bot.services.ports import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class ForgetReport:
    """How many rows of each kind were (or would be) deleted or anonymised."""

    counts: Mapping[str, int]
    card_left: CardPlace | None = None  # the profile card Slack would not delete (the row is gone anyway)
    posts_left: tuple[
        PostPlace, ...
    ] = ()  # their asks, offers, updates or mentoring posts Slack would not delete

    @property
    def anything(self) -> bool:
        return any(self.counts.values())


def preview(uow_factory: UnitOfWorkFactory, team_id: str, user_id: str) -> ForgetReport:
    """What forgetting would remove: the same work, in a transaction that is rolled back."""
    with uow_factory() as uow:
        return _forget(uow, team_id, user_id, new_anonymous_id())


def forget_member(
    uow_factory: UnitOfWorkFactory,
    messenger: IntroMessenger,
    team_id: str,
    user_id: str,
    now: datetime,
    new_marker: Callable[[], str] = new_anonymous_id,
) -> ForgetReport:
    """Forget the member in this workspace; proposers of their pending introductions are told kindly.

    Their profile card, and what Rapport posted for them (asks, offers, updates), are deleted from Slack
    first, while their places are still stored.
    """
    close_pending_introductions(uow_factory, messenger, team_id, user_id, now)
    card_left = delete_card(uow_factory, messenger, team_id, user_id)
    posts_left = delete_member_posts(uow_factory, messenger.delete_message, team_id, user_id)
    posts_left += delete_mentoring_posts(uow_factory, messenger.delete_message, team_id, user_id)
    with uow_factory() as uow:
        report = _forget(uow, team_id, user_id, new_marker())
        uow.commit()
    return ForgetReport(report.counts, card_left, posts_left)


def _forget(uow: UnitOfWork, team_id: str, user_id: str, marker: str) -> ForgetReport:
    if not user_id or is_anonymous(user_id):
        raise ValueError(f"not a member's user ID: {user_id!r}")
    uow.followups.cancel_for_departed(team_id, user_id)  # nobody is nudged to thank someone forgotten
    counts: Counter[str] = Counter()
    for repository in uow.forgettable():
        counts.update(repository.forget(team_id, user_id, marker))
    return ForgetReport(dict(counts))
