"""The composition root: turns Settings into a Runtime backed by the configured database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.runtime import Runtime
from storage.db import make_engine, make_session_factory, ping
from storage.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True)
class Wired:
    runtime: Runtime
    engine: Engine


def wire(settings: Settings, clock: Clock = system_clock) -> Wired:
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    runtime = Runtime(
        settings=settings,
        clock=clock,
        unit_of_work=lambda: SqlUnitOfWork(sessions),
        check_database=lambda: ping(engine),
    )
    return Wired(runtime=runtime, engine=engine)
