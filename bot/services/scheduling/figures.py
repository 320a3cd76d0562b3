"""Find a time's figures for `rapport stats` and the lead's view: stored facts only, no Slack."""

from __future__ import annotations

from datetime import datetime

from bot.domain.scheduling.figures import CoffeeGroup, FindTimeFigures, find_time_figures
from bot.domain.scheduling.group import Source
from bot.services.ports import UnitOfWorkFactory


def find_time_figures_of(
    uow: UnitOfWorkFactory, team_id: str, since: datetime | None = None
) -> FindTimeFigures:
    with uow() as work:
        groups = [
            CoffeeGroup(str(g.group_id), g.scheduled_for, g.delivered, g.answer)
            for g in work.program.groups(team_id, None)
        ]
        used = work.scheduling.used(team_id, Source.COFFEE)
    return find_time_figures(groups, used, since)
