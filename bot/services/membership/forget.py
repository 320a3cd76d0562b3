"""Forgetting a member: one transaction that asks every repository to forget them.

What belongs to the member is deleted; what they share with others (coffee groups, meetings,
introductions) keeps a random marker in their place (bot/domain/privacy.py), so others' history,
meeting counts and the matching's repeat-avoidance stay whole while nothing names them. In Slack, the posts
Rapport made for them are deleted, and others' posts that named them are redrawn without them; kudos posts
stay as they are (a thank-you belongs to both people).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.domain.privacy import is_anonymous, new_anonymous_id
from bot.services.help.ports import PostPlace
from bot.services.help.posts import delete_member_posts
from bot.services.membership.departure import close_pending_introductions
from bot.services.membership.ports import ForgetMessengers
from bot.services.membership.redraw import posts_naming, redraw
from bot.services.mentoring.posts import delete_mentoring_posts
from bot.services.people.cards import delete_card
from bot.services.people.ports import CardPlace
from bot.services.ports import Due, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class ForgetReport:
    """How many rows of each kind were (or would be) deleted or anonymised."""

    counts: Mapping[str, int]
    card_left: CardPlace | None = None  # the profile card Slack would not delete (the row is gone anyway)
    posts_left: tuple[PostPlace, ...] = ()  # their own posts Slack would not delete
    redrawn: int = 0  # others' posts that named them: event announcements and asks, redrawn without them
    posts_not_redrawn: tuple[PostPlace, ...] = ()  # of those, the ones Slack would not update

    @property
    def anything(self) -> bool:
        return any(self.counts.values())


def preview(uow_factory: UnitOfWorkFactory, team_id: str, user_id: str) -> ForgetReport:
    """What forgetting would remove: the same work, in a transaction that is rolled back."""
    with uow_factory() as uow:
        naming = posts_naming(uow, team_id, user_id)
        report = _forget(uow, team_id, user_id, new_anonymous_id())
    return ForgetReport(report.counts, redrawn=naming.count)


def forget_member(
    uow_factory: UnitOfWorkFactory,
    slack: ForgetMessengers,
    team_id: str,
    user_id: str,
    now: datetime,
    new_marker: Callable[[], str] = new_anonymous_id,
) -> ForgetReport:
    """Forget the member in this workspace; proposers of their pending introductions are told kindly.

    Their profile card, and what Rapport posted for them (asks, offers, updates, mentoring), are
    deleted from Slack first, while their places are still stored; the posts that named them are found
    in the transaction that forgets, and redrawn once it is committed.
    """
    close_pending_introductions(uow_factory, slack.introductions, team_id, user_id, now)
    card_left = delete_card(uow_factory, slack.introductions, team_id, user_id)
    posts_left = delete_member_posts(uow_factory, slack.introductions.delete_message, team_id, user_id)
    posts_left += delete_mentoring_posts(uow_factory, slack.introductions.delete_message, team_id, user_id)
    with uow_factory() as uow:
        naming = posts_naming(uow, team_id, user_id)
        report = _forget(uow, team_id, user_id, new_marker())
        uow.due_work.wake(Due.LATE_MATCHES, now)  # a mentee whose mentor was forgotten is matched again
        uow.commit()
    not_redrawn = redraw(uow_factory, slack, team_id, naming)
    return ForgetReport(report.counts, card_left, posts_left, naming.count, not_redrawn)


def _forget(uow: UnitOfWork, team_id: str, user_id: str, marker: str) -> ForgetReport:
    if not user_id or is_anonymous(user_id):
        raise ValueError(f"not a member's user ID: {user_id!r}")
    uow.followups.cancel_for_departed(team_id, user_id)  # nobody is nudged to thank someone forgotten
    counts: Counter[str] = Counter()
    for repository in uow.forgettable():
        counts.update(repository.forget(team_id, user_id, marker))
    return ForgetReport(dict(counts))
