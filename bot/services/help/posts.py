"""What Rapport posted for a member in Slack (their asks, offers and updates), deleted when they are
forgotten, as their profile card is: the records of where those posts are go with the rest of their data."""

from __future__ import annotations

from collections.abc import Callable

from bot.services.help.ports import PostPlace
from bot.services.ports import SlackError, UnitOfWorkFactory


def delete_member_posts(
    uow_factory: UnitOfWorkFactory, delete: Callable[[str, str], None], team_id: str, user_id: str
) -> tuple[PostPlace, ...]:
    """Delete each post; the ones Slack would not delete (a post already gone counts as deleted)."""
    with uow_factory() as uow:
        places = [
            *uow.asks.posts_of(team_id, user_id),
            *uow.offers.posts_of(team_id, user_id),
            *uow.updates.posts_of(team_id, user_id),
        ]
    left = []
    for place in places:
        try:
            delete(place.channel_id, place.ts)
        except SlackError as error:
            if error.code != "message_not_found":
                left.append(place)
    return tuple(left)
