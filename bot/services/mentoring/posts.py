"""What Rapport posted about a member for mentoring (the request DM naming a mentee and their goals, the
pair's kickoff and check-ins, fit questions, invitations), deleted when they are forgotten, before the rows
that say where those posts are go with the rest of their data."""

from __future__ import annotations

from collections.abc import Callable

from bot.services.help.ports import PostPlace
from bot.services.ports import SlackError, UnitOfWorkFactory


def delete_mentoring_posts(
    uow_factory: UnitOfWorkFactory, delete: Callable[[str, str], None], team_id: str, user_id: str
) -> tuple[PostPlace, ...]:
    """Delete each post; the ones Slack would not delete (a post already gone counts as deleted)."""
    with uow_factory() as uow:
        places = uow.mentoring.posts_of(team_id, user_id)
    left = []
    for place in places:
        try:
            delete(place.channel_id, place.ts)
        except SlackError as error:
            if error.code != "message_not_found":
                left.append(place)
    return tuple(left)
