"""slack_sdk's OAuth tables, declared with slack_sdk's own builders.

Alembic creates these tables (migration 0001), so the app never calls the
stores' `create_tables()`; it must pass the same table names to the stores.
Importing slack_sdk's SQLAlchemy stores needs `greenlet` (they import
sqlalchemy.ext.asyncio), which SQLAlchemy 2.1 no longer installs by default.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData

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


def oauth_state_store(engine: Engine, expiration_seconds: int = 600) -> SQLAlchemyOAuthStateStore:
    """An OAuth state store on the migrated table."""
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE
    )
