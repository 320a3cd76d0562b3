"""The program lead's weekly digest: claimed once per lead and week before it is sent."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from bot.domain.program.digest import candidate_week, digest_due
from bot.services.people import directory
from bot.services.ports import SlackError, UnitOfWorkFactory
from bot.services.program.figures import program_figures
from bot.services.program.ports import ProgramMessenger

log = logging.getLogger(__name__)


def send_weekly_digests(
    uow: UnitOfWorkFactory,
    messenger_for: Callable[[str], ProgramMessenger],
    leads: Iterable[str],
    now: datetime,
) -> int:
    """DM each lead who has not opted out their workspace's digest, on Monday from 09:00 their time.

    The week is claimed (a unique insert) before Slack is called, so a second tick or replica sends
    nothing; if Slack then refuses, that week's digest is skipped rather than risk sending it twice.
    """
    week = candidate_week(now)
    leads = sorted(set(leads))
    if week is None or not leads:
        return 0
    with uow() as work:
        teams = work.program.team_ids()
    sent = 0
    for team_id in teams:
        messenger = messenger_for(team_id)
        for lead in leads:
            with uow() as work:
                if not work.program.digest_enabled(team_id, lead):
                    continue
                if work.program.digest_claimed(team_id, lead, week):
                    continue
            try:
                member = directory.member(uow, messenger, team_id, lead, now)
            except SlackError:
                continue  # not a member of this workspace
            if member.deleted or member.is_bot or digest_due(now, member.tz) != week:
                continue
            with uow() as work:
                claimed = work.program.claim_digest(team_id, lead, week, now)
                work.commit()
            if not claimed:
                continue
            try:
                messenger.send_digest(lead, program_figures(uow, team_id, now), member.tz)
            except SlackError as error:
                log.warning("weekly digest to %s in %s refused by Slack: %s", lead, team_id, error.code)
                continue
            with uow() as work:
                work.program.mark_digest_sent(team_id, lead, week, now)
                work.commit()
            sent += 1
    return sent


def set_digest(uow: UnitOfWorkFactory, team_id: str, user_id: str, enabled: bool, now: datetime) -> None:
    with uow() as work:
        work.program.set_digest(team_id, user_id, enabled, now)
        work.commit()


def digest_enabled(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> bool:
    with uow() as work:
        return work.program.digest_enabled(team_id, user_id)
