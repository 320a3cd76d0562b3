"""Keeping in touch: catch-up settings and choices, internship recaps, alumni contacts and reminders.

Each table's unique key is what makes its step happen once: one catch-up row per member (its
last_suggested_at is the weekly claim), one choice per (member, person), one recap per intern,
one shared contact per intern, one reminder per (intern, colleague).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("alumni_contacts", "alumni_reminders", "catch_up_members", "catch_up_people", "recaps")


def _ids() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
    ]


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user(name: str) -> sa.Column:
    return sa.Column(name, sa.String(length=32), nullable=False)


def _keys(table: str, *unique: str) -> list[sa.Constraint]:
    return [
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("team_id", *unique, name=op.f(f"uq_{table}_team_id_{'_'.join(unique)}")),
    ]


def upgrade() -> None:
    op.create_table(
        "alumni_contacts",
        *_ids(),
        _user("user_id"),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("linkedin_url", sa.String(length=200), nullable=True),
        _when("shared_at", nullable=False),
        *_keys("alumni_contacts", "user_id"),
    )
    op.create_table(
        "alumni_reminders",
        *_ids(),
        _user("intern_id"),
        _user("colleague_id"),
        _when("claimed_at", nullable=False),
        _when("sent_at"),
        *_keys("alumni_reminders", "intern_id", "colleague_id"),
    )
    op.create_table(
        "catch_up_members",
        *_ids(),
        _user("user_id"),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        _when("last_suggested_at"),
        _when("not_before"),
        *_keys("catch_up_members", "user_id"),
    )
    op.create_table(
        "catch_up_people",
        *_ids(),
        _user("user_id"),
        _user("other_user_id"),
        _when("suggested_at"),
        _when("snoozed_until"),
        _when("caught_up_at"),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        *_keys("catch_up_people", "user_id", "other_user_id"),
    )
    op.create_table(
        "recaps",
        *_ids(),
        _user("user_id"),
        sa.Column("internship_end", sa.Date(), nullable=False),
        _when("claimed_at", nullable=False),
        _when("sent_at"),
        sa.Column("message_channel", sa.String(length=32), nullable=True),
        sa.Column("file_id", sa.String(length=32), nullable=True),
        *_keys("recaps", "user_id"),
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
