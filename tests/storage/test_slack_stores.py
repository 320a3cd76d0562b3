"""slack_sdk's SQLAlchemy stores work on the migrated schema (no create_tables)."""

from __future__ import annotations

import time

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, func, select

from storage.db import make_session_factory
from storage.slack_tables import installation_store, oauth_state_store, oauth_states_table
from storage.unit_of_work import SqlUnitOfWork
from tests.clock import FakeClock


def make_installation(team_id: str, bot_token: str) -> Installation:
    return Installation(
        app_id="A111",
        enterprise_id=None,
        team_id=team_id,
        team_name="Acme",
        bot_token=bot_token,
        bot_id="B111",
        bot_user_id="UBOT",
        bot_scopes=["chat:write", "users:read"],
        user_id="U111",
        user_token="xoxp-user",
        installed_at=time.time(),
    )


def test_installation_store_save_and_find(engine: Engine) -> None:
    store = SQLAlchemyInstallationStore(
        client_id="111.222",
        engine=engine,
        bots_table_name="slack_bots",
        installations_table_name="slack_installations",
    )
    store.save(make_installation("T1", "xoxb-first"))

    bot = store.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None
    assert bot.bot_token == "xoxb-first"
    assert bot.bot_scopes == ["chat:write", "users:read"]
    installation = store.find_installation(enterprise_id=None, team_id="T1")
    assert installation is not None
    assert installation.user_token == "xoxp-user"
    assert store.find_bot(enterprise_id=None, team_id="T2") is None


def test_installation_store_helper_uses_the_migrated_tables(engine: Engine) -> None:
    store = installation_store("111.222", engine)
    store.save(make_installation("T9", "xoxb-helper"))
    bot = store.find_bot(enterprise_id=None, team_id="T9")
    assert bot is not None
    assert bot.bot_token == "xoxb-helper"


def test_oauth_state_store_issue_and_consume(engine: Engine) -> None:
    store = SQLAlchemyOAuthStateStore(expiration_seconds=300, engine=engine, table_name="slack_oauth_states")
    state = store.issue()
    assert store.consume(state) is True
    assert store.consume(state) is False
    clock = FakeClock()
    assert oauth_state_store(engine, clock).consume(oauth_state_store(engine, clock).issue()) is True


def test_oauth_states_expire_by_rapports_clock_and_are_pruned(engine: Engine) -> None:
    clock = FakeClock()
    store = oauth_state_store(engine, clock, expiration_seconds=600)
    late = store.issue()
    clock.advance(minutes=5)
    kept = store.issue()
    clock.advance(minutes=6)  # the first expired a minute ago, the second has four minutes left
    assert store.consume(late) is False
    with SqlUnitOfWork(make_session_factory(engine)) as work:
        assert work.oauth_states.prune(clock()) == 1
        work.commit()
    assert store.consume(kept) is True
    store.issue()
    clock.advance(minutes=10)
    with SqlUnitOfWork(make_session_factory(engine)) as work:
        assert work.oauth_states.prune(clock()) == 1
        work.commit()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(oauth_states_table)).scalar() == 0
