"""The member directory: scheduled work reads who someone is from the database instead of asking Slack.

Names, time zones and the deleted and bot flags of the people Rapport deals with are kept per workspace,
so every job and every replica shares them. Someone not kept yet is looked up in Slack once (users.info,
or one walk of users.list for a hundred or more at once) and kept; a walk of users.list at most daily, a
few pages a tick, refreshes everyone kept; team_join and user_change keep them current in between.
Permission checks (admins, channel membership) never read it: they ask Slack when they are made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta

from bot.services.people.ports import DirectoryWalk, UserDirectory
from bot.services.ports import (
    BulkMemberLookup,
    DirectoryMember,
    MemberLookup,
    SlackError,
    UnitOfWorkFactory,
)

REFRESH_EVERY = timedelta(days=1)
PAGES_PER_TICK = 5  # users.list is Tier 2 (about 20 calls a minute): a quarter, for 1,000 people a tick
AT_ONCE = datetime.min.replace(tzinfo=UTC)
log = logging.getLogger(__name__)


def member(
    uow: UnitOfWorkFactory, slack: MemberLookup, team_id: str, user_id: str, now: datetime
) -> DirectoryMember:
    """Who `user_id` is; raises SlackError (e.g. "user_not_found") when Slack does not know them either."""
    with uow() as work:
        kept = work.directory.get(team_id, [user_id]).get(user_id)
    if kept is not None:
        return kept
    found = DirectoryMember.of(slack.member(user_id))
    _keep(uow, team_id, [found], now)
    return found


def members(
    uow: UnitOfWorkFactory, slack: BulkMemberLookup, team_id: str, user_ids: Sequence[str], now: datetime
) -> dict[str, DirectoryMember]:
    """Many people at once, in one read; anyone Slack does not know either is left out."""
    with uow() as work:
        kept = work.directory.get(team_id, user_ids)
    missing = [u for u in dict.fromkeys(user_ids) if u not in kept]
    if missing:
        found = [DirectoryMember.of(m) for m in slack.members(missing).values()]
        _keep(uow, team_id, found, now)
        kept.update((m.user_id, m) for m in found)
    return {u: kept[u] for u in user_ids if u in kept}


def names(
    uow: UnitOfWorkFactory, slack: MemberLookup, team_id: str, user_ids: Sequence[str], now: datetime
) -> dict[str, str]:
    """Each person's name in one read, Slack asked only about people not kept; their ID when Slack cannot
    say (for a message, a missing name is no reason to stop)."""
    kept = people(uow, slack, team_id, user_ids, now)
    return {user_id: kept[user_id].name if user_id in kept else user_id for user_id in user_ids}


def people(
    uow: UnitOfWorkFactory, slack: MemberLookup, team_id: str, user_ids: Sequence[str], now: datetime
) -> dict[str, DirectoryMember]:
    """Many people in one read; each not kept is asked of Slack (users.info) and kept; anyone Slack does not
    know either is left out. For the few a job meets that the roster import did not bring."""
    with uow() as work:
        kept = work.directory.get(team_id, user_ids)
    found = []
    for user_id in dict.fromkeys(u for u in user_ids if u not in kept):
        with suppress(SlackError):
            found.append(DirectoryMember.of(slack.member(user_id)))
    _keep(uow, team_id, found, now)
    kept.update((m.user_id, m) for m in found)
    return kept


def timezones(
    uow: UnitOfWorkFactory, slack: MemberLookup | None, team_id: str, user_ids: Sequence[str], now: datetime
) -> dict[str, str | None]:
    """Each person's time zone in one read; someone not kept is asked of `slack` (and kept), or left out
    without it (a job working out when it is next due asks nobody)."""
    if slack is None:
        with uow() as work:
            kept = work.directory.get(team_id, user_ids)
    else:
        kept = people(uow, slack, team_id, user_ids, now)
    return {user_id: kept[user_id].tz for user_id in user_ids if user_id in kept}


def timezone_of(
    uow: UnitOfWorkFactory, slack: MemberLookup, team_id: str, user_id: str, now: datetime
) -> str | None:
    """The member's time zone; None (UTC then) when Slack cannot say."""
    try:
        return member(uow, slack, team_id, user_id, now).tz
    except SlackError:
        return None


def remember(uow: UnitOfWorkFactory, team_id: str, said: DirectoryMember, now: datetime, add: bool) -> None:
    """What a team_join (`add`) or user_change event says about a person; a change to someone not kept is
    not stored (they are looked up when Rapport first needs them)."""
    _keep(uow, team_id, [said], now, add)


def _keep(
    uow: UnitOfWorkFactory, team_id: str, found: Sequence[DirectoryMember], now: datetime, add: bool = True
) -> None:
    if not found:
        return
    with uow() as work:
        work.directory.save(team_id, found, now, add)
        work.commit()


def refresh_directories(
    uow: UnitOfWorkFactory, slack_for: Callable[[str], UserDirectory], now: datetime
) -> int:
    """Walk users.list a few pages on for each workspace due a refresh; returns how many people changed."""
    with uow() as work:
        walks = [walk for walk in work.directory.walks() if _refresh_at(walk) <= now]
    return sum(_walk(uow, slack_for(walk.team_id), walk, now) for walk in walks)


def next_refresh(uow: UnitOfWorkFactory) -> datetime | None:
    """When a workspace's directory is next due a walk (or a walk's next pages); None with nobody kept."""
    with uow() as work:
        walks = work.directory.walks()
    return min((_refresh_at(walk) for walk in walks), default=None)


def _refresh_at(walk: DirectoryWalk) -> datetime:
    """At once for a walk under way or never made, else a day after the last one ended."""
    if walk.cursor is not None or walk.finished_at is None:
        return AT_ONCE
    return walk.finished_at + REFRESH_EVERY


def _walk(uow: UnitOfWorkFactory, slack: UserDirectory, walk: DirectoryWalk, now: datetime) -> int:
    changed = 0
    for _ in range(PAGES_PER_TICK):
        try:
            users, next_cursor = slack.page(walk.cursor)
        except SlackError as error:  # an expired cursor ends this walk: the next one starts afresh
            log.warning("directory walk of %s stopped: %s", walk.team_id, error.code)
            next_cursor, users = None, []
            if error.code != "invalid_cursor":
                return changed
        with uow() as work:
            if not work.directory.step_walk(walk, next_cursor, now):
                return changed  # another process walks this workspace
            changed += work.directory.save(
                walk.team_id, [u.directory_member() for u in users], now, add=False
            )
            work.commit()
        if next_cursor is None:
            return changed
        walk = DirectoryWalk(walk.team_id, next_cursor, walk.finished_at)
    return changed
