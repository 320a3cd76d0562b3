"""Use-case tests: the real services over in-memory fakes (see fakes.py), so they run in seconds."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.domain.coffee.model import Pool, Schedule
from tests.services.fakes import FakeStore

MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a pool's slot: Monday 10:00 UTC
WEEKLY_ON_MONDAYS = Schedule(weekday=0, at=time(10, 0), timezone="UTC")


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def pool(store: FakeStore) -> Pool:
    return store.add_pool("C-COFFEE", WEEKLY_ON_MONDAYS, created_at=datetime(2026, 11, 1, tzinfo=UTC))
