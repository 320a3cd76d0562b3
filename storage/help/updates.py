"""Shared updates, the notices owed about them, the weekly notice DMs and the members' switches.

Claims are inserts against a unique constraint (in a savepoint) or single conditional UPDATEs, so two
ticks, two replicas or a double click settle each step once.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.help.updates import SharedUpdate, UpdateKind
from bot.services.help.ports import PostPlace, PromptState, UpdateFigure, UpdateSettings
from storage.help.models import UpdateDigestRow, UpdateNoticeRow, UpdateRow, UpdateSettingsRow
from storage.queries import posted_by, run_delete, run_update

S, U, D, N = UpdateSettingsRow, UpdateRow, UpdateDigestRow, UpdateNoticeRow


class SqlUpdateRepository:
    """Sharing updates of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # Switches and the monthly prompt

    def settings(self, team_id: str, user_id: str) -> UpdateSettings:
        row = self._session.execute(
            select(S.prompts_on, S.notices_on).where(S.team_id == team_id, S.user_id == user_id)
        ).one_or_none()
        return UpdateSettings(True, True) if row is None else UpdateSettings(row.prompts_on, row.notices_on)

    def set_prompts(self, team_id: str, user_id: str, on: bool) -> None:
        run_update(self._session, update(S).where(*self._settings_row(team_id, user_id)), prompts_on=on)

    def set_notices(self, team_id: str, user_id: str, on: bool) -> None:
        run_update(self._session, update(S).where(*self._settings_row(team_id, user_id)), notices_on=on)

    def notices_off(self, team_id: str, user_ids: Collection[str]) -> set[str]:
        if not user_ids:
            return set()
        off = select(S.user_id).where(S.team_id == team_id, S.user_id.in_(user_ids), S.notices_on.is_(False))
        return set(self._session.scalars(off))

    def claim_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> bool:
        """Stamp `month` if prompts are on and the stamp is still `previous`; True if this call won."""
        key = self._settings_row(team_id, user_id)
        still = S.prompted_month.is_(None) if previous is None else S.prompted_month == previous
        mine = update(S).where(*key, S.prompts_on.is_(True), still)
        return month != previous and run_update(self._session, mine, prompted_month=month) == 1

    def release_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> None:
        mine = update(S).where(S.team_id == team_id, S.user_id == user_id, S.prompted_month == month)
        run_update(self._session, mine, prompted_month=previous)

    def prompts(self) -> dict[tuple[str, str], PromptState]:
        found = self._session.execute(select(S.team_id, S.user_id, S.prompts_on, S.prompted_month))
        return {(team, user): PromptState(on, month) for team, user, on, month in found}

    def _settings_row(self, team_id: str, user_id: str) -> tuple[Any, ...]:
        key = (S.team_id == team_id, S.user_id == user_id)
        self._insert_once(S(team_id=team_id, user_id=user_id, prompts_on=True, notices_on=True), *key)
        return key

    # Shared updates

    def claim_share(
        self, team_id: str, user_id: str, kind: UpdateKind, share_key: str, channel_id: str, now: datetime
    ) -> int | None:
        """The new update's id, or None when this share (same key) was claimed already."""
        row = U(
            team_id=team_id,
            user_id=user_id,
            kind=kind.value,
            share_key=share_key,
            claimed_at=now,
            channel_id=channel_id,
        )
        if not self._insert_once(row, U.team_id == team_id, U.user_id == user_id, U.share_key == share_key):
            return None
        return row.id

    def shared_since(self, team_id: str, user_id: str, kind: UpdateKind, since: datetime) -> int:
        """Shares of this kind the member claimed after `since` (posted, or being posted)."""
        mine = (U.team_id == team_id) & (U.user_id == user_id) & (U.kind == kind.value)
        return self._session.scalar(select(func.count()).where(mine, U.claimed_at > since)) or 0

    def release_share(self, update_id: int) -> None:
        """Forget a claim whose post Slack refused, so the member may try again."""
        run_delete(self._session, delete(U).where(U.id == update_id, U.message_ts.is_(None)))

    def mark_posted(
        self, update_id: int, ts: str, permalink: str | None, recipients: Collection[str], now: datetime
    ) -> None:
        """Stamp the post, and owe each recipient a line about it."""
        run_update(
            self._session,
            update(U).where(U.id == update_id),
            message_ts=ts,
            permalink=permalink,
            posted_at=now,
        )
        team_id = self._session.scalar(select(U.team_id).where(U.id == update_id))
        for recipient in sorted(set(recipients)):
            self._session.add(N(update_id=update_id, team_id=team_id, user_id=recipient))
        self._session.flush()

    def shared(self, team_id: str, user_id: str, share_key: str) -> SharedUpdate | None:
        """A posted update of the member by its key (the farewell is "farewell")."""
        row = self._session.scalar(
            select(U).where(
                U.team_id == team_id,
                U.user_id == user_id,
                U.share_key == share_key,
                U.message_ts.is_not(None),
            )
        )
        return None if row is None else _shared(row)

    def posted(self, team_id: str) -> list[UpdateFigure]:
        """Every update posted in the workspace, oldest first."""
        rows = self._session.execute(
            select(U.user_id, U.kind, U.posted_at)
            .where(U.team_id == team_id, U.posted_at.is_not(None))
            .order_by(U.posted_at, U.id)
        )
        return [UpdateFigure(user_id, UpdateKind(kind), posted_at) for user_id, kind, posted_at in rows]

    def shared_of(self, team_id: str, user_id: str) -> list[SharedUpdate]:
        """The member's posted updates and farewell, oldest first (links for their mentor's reference)."""
        rows = self._session.scalars(
            select(U)
            .where(U.team_id == team_id, U.user_id == user_id, U.posted_at.is_not(None))
            .order_by(U.posted_at, U.id)
        )
        return [_shared(row) for row in rows]

    # Weekly notices

    def waiting(self) -> list[tuple[str, str]]:
        """(team_id, user_id) of everyone owed a line not yet in any notice DM."""
        rows = self._session.execute(
            select(N.team_id, N.user_id)
            .where(N.digest_id.is_(None))
            .distinct()
            .order_by(N.team_id, N.user_id)
        )
        return [(team_id, recipient) for team_id, recipient in rows]

    def claim_digest(
        self, team_id: str, user_id: str, week: date, now: datetime, lease_seconds: int
    ) -> int | None:
        """The week's notice DM for the recipient, claimed by this call (with the waiting notices in it),
        or None when it was claimed already (sent, or being sent)."""
        key = (D.team_id == team_id, D.user_id == user_id, D.week_start == week)
        row = D(team_id=team_id, user_id=user_id, week_start=week, claimed_at=now)
        if not self._insert_once(row, *key):
            stale = now - timedelta(seconds=lease_seconds)
            retake = update(D).where(*key, D.sent_at.is_(None), D.claimed_at < stale)
            if run_update(self._session, retake, claimed_at=now) != 1:
                return None
        digest_id = self._session.scalar(select(D.id).where(*key))
        waiting = update(N).where(N.team_id == team_id, N.user_id == user_id, N.digest_id.is_(None))
        run_update(self._session, waiting, digest_id=digest_id)
        return digest_id

    def digest_updates(self, digest_id: int) -> list[SharedUpdate]:
        rows = self._session.scalars(
            select(U).join(N, N.update_id == U.id).where(N.digest_id == digest_id).order_by(U.posted_at, U.id)
        )
        return [_shared(row) for row in rows]

    def mark_digest_sent(self, digest_id: int, now: datetime) -> None:
        run_update(self._session, update(D).where(D.id == digest_id), sent_at=now)

    # Forgetting

    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        return [PostPlace(*place) for place in posted_by(self._session, U, U.user_id, team_id, user_id)]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The member's switches, updates (and the notices about them), and notices and DMs to them."""
        mine = select(U.id).where(U.team_id == team_id, U.user_id == user_id)
        notices = run_delete(
            self._session,
            delete(N).where(N.team_id == team_id, or_(N.user_id == user_id, N.update_id.in_(mine))),
        )
        digests = run_delete(self._session, delete(D).where(D.team_id == team_id, D.user_id == user_id))
        updates = run_delete(self._session, delete(U).where(U.team_id == team_id, U.user_id == user_id))
        settings = run_delete(self._session, delete(S).where(S.team_id == team_id, S.user_id == user_id))
        return {"updates": updates, "update_notices": notices + digests, "update_settings": settings}

    def _insert_once(self, row: Any, *key: Any) -> bool:
        """Insert `row` unless its unique key exists; True when this call inserted it."""
        if self._session.scalar(select(type(row).id).where(*key)) is not None:
            return False
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return False
        return True


def _shared(row: UpdateRow) -> SharedUpdate:
    return SharedUpdate(row.user_id, UpdateKind(row.kind), row.permalink, row.channel_id)
