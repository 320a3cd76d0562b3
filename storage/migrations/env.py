"""Alembic environment for Rapport (used by storage.migrate and the alembic CLI)."""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context

from storage.base import UTCDateTime
from storage.db import make_engine
from storage.schema import metadata
from storage.slack_tables import installation_metadata, oauth_state_metadata

config = context.config

# Only the CLI (alembic.ini) configures logging; programmatic runs keep the app's.
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = [metadata, installation_metadata, oauth_state_metadata]


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Autogenerate writes UTCDateTime as the plain column type it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def database_url() -> str:
    """URL set by storage.migrate, else $DATABASE_URL, else the default SQLite file."""
    return (
        config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or "sqlite:///rapport.db"
    )


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
                render_item=render_item,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
