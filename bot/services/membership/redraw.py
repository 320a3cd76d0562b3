"""Others' posts that named a forgotten member, redrawn from the cleaned rows with `chat.update`: event
announcements they were going to, waiting for or created, and asks they offered to help with, or whose text
mentioned them. Their own asks, offers and updates are deleted instead (bot/services/help/posts.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from bot.services.help.ports import PostPlace
from bot.services.membership.ports import ForgetMessengers
from bot.services.ports import SlackError, UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Naming:
    """The posts to redraw, found in the transaction that forgets (afterwards nothing says who was there)."""

    events: tuple[int, ...] = ()
    asks: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.events) + len(self.asks)


def posts_naming(uow: UnitOfWork, team_id: str, user_id: str) -> Naming:
    return Naming(tuple(uow.events.naming(team_id, user_id)), tuple(uow.asks.naming(team_id, user_id)))


def redraw(
    uow_factory: UnitOfWorkFactory, slack: ForgetMessengers, team_id: str, naming: Naming
) -> tuple[PostPlace, ...]:
    """Redraw each post as it reads now; the ones Slack would not update (one deleted already is fine)."""
    updates: list[tuple[PostPlace, Callable[[], None]]] = []
    with uow_factory() as uow:
        for event in filter(None, (uow.events.get(team_id, i) for i in naming.events)):
            update = partial(slack.events.update_announcement, event, uow.events.roll(event.id))
            updates.append((PostPlace(event.channel_id, event.message_ts or ""), update))
        for ask in filter(None, (uow.asks.get(team_id, i) for i in naming.asks)):
            updates.append(
                (PostPlace(ask.channel_id, ask.message_ts or ""), partial(slack.asks.update_ask, ask))
            )
    return tuple(place for place, update in updates if not _updated(update))


def _updated(update: Callable[[], None]) -> bool:
    try:
        update()
    except SlackError as error:
        return error.code == "message_not_found"
    return True
