"""The composition root: turns Settings into a Runtime backed by the configured database."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from bot.calendars import CalendarSettingsError, calendar_from_settings
from bot.clock import Clock, system_clock
from bot.config import ConfigError, Mode, Settings
from bot.log_redaction import redact_settings
from bot.runtime import Messengers, Runtime
from bot.services.scheduling.ports import CalendarProvider
from bot.slack.channel_access import SlackChannelAccess
from bot.slack.client import make_web_client
from bot.slack.coffee import SlackCoffeeMessenger
from bot.slack.directory import SlackUserDirectory
from bot.slack.events import SlackEventMessenger
from bot.slack.followups import SlackFollowUpMessenger
from bot.slack.help import SlackAskMessenger, SlackKudosMessenger, SlackOfferMessenger, SlackUpdateMessenger
from bot.slack.introductions import SlackIntroMessenger
from bot.slack.keep_in_touch import SlackKeepInTouchMessenger
from bot.slack.membership import SlackMembershipMessenger
from bot.slack.mentoring import SlackMentoringMessenger
from bot.slack.program import SlackProgramMessenger
from bot.slack.scheduling import SlackSchedulingMessenger
from storage.db import make_engine, make_session_factory, ping
from storage.due_work import wakes_stored
from storage.slack_tables import installation_store
from storage.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True)
class Wired:
    runtime: Runtime
    engine: Engine


def fresh_seed() -> int:
    return random.SystemRandom().getrandbits(62)


MakeClient = Callable[[Settings, str], WebClient]  # settings, token -> a client for one workspace


def wire(
    settings: Settings,
    clock: Clock = system_clock,
    new_seed: Callable[[], int] = fresh_seed,
    make_client: MakeClient = make_web_client,
) -> Wired:
    """`make_client` is Slack's own over HTTP; the simulation passes one that stays in its process."""
    redact_settings(settings)
    calendar = _calendar(settings)
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)

    def client_for(team_id: str) -> WebClient:
        return make_client(settings, bot_token(settings, engine, team_id))

    runtime = Runtime(
        settings=settings,
        clock=clock,
        unit_of_work=lambda: SqlUnitOfWork(sessions),
        check_database=lambda: ping(engine),
        new_seed=new_seed,
        calendar=calendar,
        wakes=wakes_stored,
        channel_access=SlackChannelAccess(client_for, clock),
        messengers=Messengers(
            coffee=lambda team_id: SlackCoffeeMessenger(client_for(team_id)),
            introductions=lambda team_id: SlackIntroMessenger(client_for(team_id)),
            followups=lambda team_id: SlackFollowUpMessenger(client_for(team_id)),
            keep_in_touch=lambda team_id: SlackKeepInTouchMessenger(client_for(team_id)),
            program=lambda team_id: SlackProgramMessenger(client_for(team_id)),
            membership=lambda team_id: SlackMembershipMessenger(client_for(team_id)),
            events=lambda team_id: SlackEventMessenger(client_for(team_id)),
            asks=lambda team_id: SlackAskMessenger(client_for(team_id)),
            kudos=lambda team_id: SlackKudosMessenger(client_for(team_id)),
            offers=lambda team_id: SlackOfferMessenger(client_for(team_id)),
            updates=lambda team_id: SlackUpdateMessenger(client_for(team_id)),
            people=lambda team_id: SlackUserDirectory(client_for(team_id)),
            mentoring=lambda team_id: SlackMentoringMessenger(client_for(team_id)),
            scheduling=lambda team_id: SlackSchedulingMessenger(client_for(team_id)),
        ),
    )
    return Wired(runtime=runtime, engine=engine)


def _calendar(settings: Settings) -> CalendarProvider | None:
    """The calendar system for finding a time, built once: a key that cannot be used, or the extra not
    installed, stops startup with one line naming the setting."""
    try:
        return calendar_from_settings(settings.calendar)
    except CalendarSettingsError as error:
        raise ConfigError(str(error)) from None


def bot_token(settings: Settings, engine: Engine, team_id: str) -> str:
    """The single-workspace token, or the token stored when `team_id` installed Rapport (OAuth mode)."""
    if settings.mode is not Mode.OAUTH:
        return settings.require_bot_token()
    assert settings.client_id is not None
    bot = installation_store(settings.client_id, engine).find_bot(enterprise_id=None, team_id=team_id)
    if bot is None or not bot.bot_token:
        raise ConfigError(f"Rapport is not installed in workspace {team_id}: install it from /slack/install")
    return bot.bot_token
