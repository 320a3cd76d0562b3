"""The coffee tables as migration 0002 creates them: checks, cascades, downgrade."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.coffee.models import ParticipationRow, PoolRow, RoundGroupMemberRow, RoundGroupRow, RoundRow
from storage.migrate import current_revision, downgrade, upgrade
from tests.storage.test_migrations import APP_TABLES, table_names, tables_at

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def pool_row(**changes: object) -> PoolRow:
    values: dict[str, object] = {
        "team_id": "T1",
        "channel_id": "C1",
        "frequency": "weekly",
        "weekday": 0,
        "at_time": time(10, 0),
        "timezone": "UTC",
        "checkin_after_days": 3,
        "created_at": T0,
    }
    return PoolRow(**{**values, **changes})


@pytest.mark.parametrize("bad", [{"frequency": "daily"}, {"weekday": 7}, {"weekday": -1}])
def test_the_database_rejects_a_bad_schedule(session_factory: sessionmaker[Session], bad: dict) -> None:
    with session_factory() as session:
        session.add(pool_row(**bad))
        with pytest.raises(IntegrityError):
            session.flush()


@pytest.mark.parametrize("bad", [{"status": "paused"}, {"frequency": "daily"}])
def test_the_database_rejects_bad_participation_values(
    session_factory: sessionmaker[Session], bad: dict
) -> None:
    with session_factory() as session:
        pool = pool_row()
        session.add(pool)
        session.flush()
        values: dict[str, object] = {"status": "active", "skip_next": False, "ignored_rounds": 0}
        session.add(
            ParticipationRow(team_id="T1", pool_id=pool.id, user_id="U1", updated_at=T0, **{**values, **bad})
        )
        with pytest.raises(IntegrityError):
            session.flush()


def test_the_database_rejects_an_unknown_answer(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        pool = pool_row()
        session.add(pool)
        session.flush()
        the_round = RoundRow(team_id="T1", pool_id=pool.id, scheduled_for=T0, seed=1, started_at=T0)
        session.add(the_round)
        session.flush()
        group = RoundGroupRow(
            team_id="T1", round_id=the_round.id, organiser="U1", attempts=0, failed=False, answer="maybe"
        )
        session.add(group)
        with pytest.raises(IntegrityError):
            session.flush()


def test_deleting_a_pool_deletes_its_settings_rounds_and_groups(engine: Engine) -> None:
    with Session(engine) as session:
        pool = pool_row()
        session.add(pool)
        session.flush()
        the_round = RoundRow(team_id="T1", pool_id=pool.id, scheduled_for=T0, seed=1, started_at=T0)
        session.add_all(
            [
                the_round,
                ParticipationRow(
                    team_id="T1",
                    pool_id=pool.id,
                    user_id="U1",
                    status="active",
                    skip_next=False,
                    ignored_rounds=0,
                    updated_at=T0,
                ),
            ]
        )
        session.flush()
        group = RoundGroupRow(team_id="T1", round_id=the_round.id, organiser="U1", attempts=0, failed=False)
        session.add(group)
        session.flush()
        session.add(RoundGroupMemberRow(team_id="T1", round_id=the_round.id, group_id=group.id, user_id="U1"))
        session.commit()
        session.execute(text("DELETE FROM pools"))
        session.commit()
        for model in (ParticipationRow, RoundRow, RoundGroupRow, RoundGroupMemberRow):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model


def test_downgrade_to_0001_drops_only_the_coffee_tables(migrated_url: str, engine: Engine) -> None:
    with Session(engine) as session:
        session.add(pool_row())
        session.commit()
    engine.dispose()
    downgrade(migrated_url, "0001")
    assert current_revision(migrated_url) == "0001"
    assert table_names(migrated_url) == tables_at("0001") | {"alembic_version"}
    upgrade(migrated_url)
    assert table_names(migrated_url) == APP_TABLES | {"alembic_version"}
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(PoolRow)) == 0
    names = {
        constraint["name"] for constraint in inspect(engine).get_unique_constraints("round_group_members")
    }
    assert names == {"uq_round_group_members_round_id_user_id"}
    engine.dispose()
