"""What listeners and jobs share: settings, the clock and a way to open a unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Settings
from bot.services.ports import UnitOfWork


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    clock: Clock
    unit_of_work: Callable[[], UnitOfWork]
    check_database: Callable[[], None]
