"""Database fixtures: every test that takes `database_url` runs on SQLite and PostgreSQL.

PostgreSQL runs when RAPPORT_TEST_POSTGRES_URL names a server (an admin URL such
as postgresql+psycopg://postgres@127.0.0.1:5432/postgres); each test gets a
fresh database. Without it the PostgreSQL case is skipped, except under CI=true,
where it fails: CI must never silently skip PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.fakeslack import FakeSlack, seeded_workspace
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from tests import browser as browsers

POSTGRES_URL_VAR = "RAPPORT_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of an empty database, on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'rapport.db'}"
        return
    admin_url = os.environ.get(POSTGRES_URL_VAR)
    if not admin_url:
        message = f"PostgreSQL tests need {POSTGRES_URL_VAR} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI=true, so it must be set", pytrace=False)
        pytest.skip(message)
    yield from _fresh_postgres_database(admin_url)


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    name = f"rapport_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def migrated_url(database_url: str) -> str:
    """URL of a database upgraded to the latest migration."""
    upgrade(database_url)
    return database_url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A fake Slack Web API on 127.0.0.1; any call that breaks Slack's method reference fails the test."""
    fake = FakeSlack(workspace=seeded_workspace(), page_size=2)
    try:
        yield fake
    finally:
        fake.close()
    assert fake.violations == [], "calls that real Slack would refuse:\n" + "\n".join(fake.violations)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browsers.CHROMIUM or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(browsers.CHROMEDRIVER or "chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()
