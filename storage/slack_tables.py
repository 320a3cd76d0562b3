"""slack_sdk's OAuth tables, declared with slack_sdk's own builders.

Alembic creates these tables (migration 0001), so the app never calls the
stores' `create_tables()`; it must pass the same table names to the stores.
Importing slack_sdk's SQLAlchemy stores needs `greenlet` (they import
sqlalchemy.ext.asyncio), which SQLAlchemy 2.1 no longer installs by default.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, delete
from sqlalchemy.orm import Session

from storage.queries import run_delete

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"

installation_metadata = MetaData()
installations_table = SQLAlchemyInstallationStore.build_installations_table(
    installation_metadata, INSTALLATIONS_TABLE
)
bots_table = SQLAlchemyInstallationStore.build_bots_table(installation_metadata, BOTS_TABLE)

oauth_state_metadata = MetaData()
oauth_states_table = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    oauth_state_metadata, OAUTH_STATES_TABLE
)


def installation_store(client_id: str, engine: Engine) -> SQLAlchemyInstallationStore:
    """An installation store on the migrated tables."""
    return SQLAlchemyInstallationStore(
        client_id=client_id,
        engine=engine,
        bots_table_name=BOTS_TABLE,
        installations_table_name=INSTALLATIONS_TABLE,
    )


def _naive_utc(moment: datetime) -> datetime:
    """slack_sdk stores expire_at as naive UTC (a column without time zone)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class ClockedOAuthStateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store, reading Rapport's clock instead of time.time(), so expiry is testable."""

    def __init__(self, expiration_seconds: int, engine: Engine, clock: Callable[[], datetime]) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE)
        self._clock = clock

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = str(uuid4())
        expire_at = _naive_utc(self._clock() + timedelta(seconds=self.expiration_seconds))
        with self.engine.begin() as conn:
            conn.execute(self.oauth_states.insert(), {"state": state, "expire_at": expire_at})
        return state

    def consume(self, state: str) -> bool:
        """True once for a state issued and not yet expired; the row is deleted either way it is found."""
        c = self.oauth_states.c
        with self.engine.begin() as conn:
            found = conn.execute(
                self.oauth_states.delete().where(c.state == state, c.expire_at > _naive_utc(self._clock()))
            )
            return found.rowcount == 1


def oauth_state_store(
    engine: Engine, clock: Callable[[], datetime], expiration_seconds: int = 600
) -> ClockedOAuthStateStore:
    """An OAuth state store on the migrated table."""
    return ClockedOAuthStateStore(expiration_seconds, engine, clock)


class SqlOAuthStateRepository:
    """The OAuth states of anonymous visits to /slack/install, pruned once expired."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def prune(self, now: datetime) -> int:
        """Delete states that expired by `now`; returns how many."""
        c = oauth_states_table.c
        return run_delete(self._session, delete(oauth_states_table).where(c.expire_at <= _naive_utc(now)))
