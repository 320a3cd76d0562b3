"""ORM model of onboarding: who has been welcomed, so a retried team_join welcomes once.

It shares `storage.models.Base`; storage.membership.welcomes and the migration env import it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, UTCDateTime


class WelcomeRow(Base):
    """One welcome DM claimed for a new member; the unique key is the claim."""

    __tablename__ = "welcomes"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
