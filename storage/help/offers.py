"""Offers: the table and its queries. A taken-down offer keeps its row (removed_at), so the program's
figures still count it and a Book a chat press on its old post gets a clear answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.domain.help.offers import Offer, OfferFigures
from bot.services.followups.ports import MeetingSource
from bot.services.help.ports import OfferDm, PostPlace
from storage.followups.models import MeetingRow
from storage.help.models import OfferBookingRow, OfferRow
from storage.queries import posted_by, run_delete, run_update

F, B = OfferRow, OfferBookingRow


def _offer(row: OfferRow) -> Offer:
    return Offer(
        id=row.id,
        team_id=row.team_id,
        user_id=row.user_id,
        text=row.text,
        created_at=row.created_at,
        removed=row.removed_at is not None,
        channel_id=row.channel_id,
        message_ts=row.message_ts,
    )


class SqlOfferRepository:
    """Offers of one session; the caller (unit of work) commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, team_id: str, user_id: str, text: str, now: datetime) -> Offer:
        row = F(team_id=team_id, user_id=user_id, text=text, created_at=now)
        self._session.add(row)
        self._session.flush()
        return _offer(row)

    def set_message(self, offer_id: int, channel_id: str, ts: str) -> None:
        run_update(self._session, update(F).where(F.id == offer_id), channel_id=channel_id, message_ts=ts)

    def get(self, team_id: str, offer_id: int) -> Offer | None:
        row = self._session.scalar(select(F).where(F.team_id == team_id, F.id == offer_id))
        return _offer(row) if row else None

    def current(self, team_id: str, user_id: str | None = None) -> list[Offer]:
        """Offers not taken down, oldest first; only the member's when `user_id` is given."""
        where = [F.team_id == team_id, F.removed_at.is_(None)]
        if user_id is not None:
            where.append(F.user_id == user_id)
        return [_offer(row) for row in self._session.scalars(select(F).where(*where).order_by(F.id))]

    def changes_since(self, team_id: str, user_id: str, since: datetime) -> tuple[int, int]:
        """(offers added, offers taken down) by the member after `since`."""
        mine = (F.team_id == team_id) & (F.user_id == user_id)
        added = self._session.scalar(select(func.count()).where(mine, F.created_at > since))
        removed = self._session.scalar(select(func.count()).where(mine, F.removed_at > since))
        return added or 0, removed or 0

    def remove(self, offer_id: int, now: datetime) -> bool:
        """Take it down; False when it was down already (so its post is updated once)."""
        statement = update(F).where(F.id == offer_id, F.removed_at.is_(None))
        return run_update(self._session, statement, removed_at=now) == 1

    def all(self, team_id: str) -> list[Offer]:
        """Every offer, taken down or not, oldest first (the export)."""
        return [
            _offer(row) for row in self._session.scalars(select(F).where(F.team_id == team_id).order_by(F.id))
        ]

    def bookings(self, team_id: str) -> dict[int, int]:
        """Chats booked per offer (meetings of source 'help' whose source_ref is "offer:<id>:<booker>")."""
        refs = self._session.scalars(
            select(MeetingRow.source_ref).where(
                MeetingRow.team_id == team_id,
                MeetingRow.source == MeetingSource.HELP.value,
                MeetingRow.source_ref.startswith("offer:"),
            )
        )
        counts: dict[int, int] = {}
        for ref in refs:
            number = ref.split(":")[1]
            if number.isdigit():
                counts[int(number)] = counts.get(int(number), 0) + 1
        return counts

    def record_booking(self, team_id: str, offer_id: int, booker: str, channel: str, now: datetime) -> None:
        row = B(offer_id=offer_id, team_id=team_id, user_id=booker, channel_id=channel, created_at=now)
        self._session.add(row)
        self._session.flush()

    def booking_dm(self, team_id: str, channel_id: str, offer_id: int | None = None) -> OfferDm | None:
        where = [B.team_id == team_id, B.channel_id == channel_id, F.id == B.offer_id]
        where += [] if offer_id is None else [B.offer_id == offer_id]
        statement = select(B.id, B.offer_id, B.user_id, F.user_id.label("offerer")).where(*where)
        row = self._session.execute(statement.order_by(B.id.desc()).limit(1)).one_or_none()
        return None if row is None else OfferDm(row.id, row.offer_id, row.user_id, row.offerer, channel_id)

    def figures(self, team_id: str) -> OfferFigures:
        made, people = self._session.execute(
            select(func.count(), func.count(F.user_id.distinct())).where(F.team_id == team_id)
        ).one()
        up = self._session.scalar(select(func.count()).where(F.team_id == team_id, F.removed_at.is_(None)))
        booked = sum(self.bookings(team_id).values())
        return OfferFigures(made=made, current=up or 0, people=people, booked=booked)

    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        return [PostPlace(*place) for place in posted_by(self._session, F, F.user_id, team_id, user_id)]

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The member's offers are theirs alone: deleted, with the chats booked from them and the chats
        the member booked from others' offers."""
        mine = select(F.id).where(F.team_id == team_id, F.user_id == user_id)
        booked = run_delete(
            self._session,
            delete(B).where(B.team_id == team_id, (B.user_id == user_id) | B.offer_id.in_(mine)),
        )
        gone = run_delete(self._session, delete(F).where(F.team_id == team_id, F.user_id == user_id))
        return {"offers": gone, "offer_bookings": booked}
