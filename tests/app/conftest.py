"""The real app in HTTP mode on 127.0.0.1, talking to the fake Slack Web API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import pytest

from bot.config import Settings
from bot.runtime import Runtime
from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests
from bot.serve.after_answer import AfterAnswer
from bot.serve.app import create_app
from bot.serve.http_server import HttpLimits, HttpServer
from bot.serve.web import RapportWsgi
from bot.services.scheduling.ports import CalendarProvider
from bot.wiring import wire
from storage.migrate import upgrade
from tests.clock import FakeClock

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"


@dataclass
class RunningApp:
    fake: FakeSlack
    slack: SlackRequests
    clock: FakeClock
    runtime: Runtime
    url: str


def app_settings(fake: FakeSlack, database_url: str, **extra: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.url,
        "DATABASE_URL": database_url,
        "RAPPORT_SCHEDULER": "off",
        **extra,
    }
    return Settings.from_env(env)


@pytest.fixture
def start_app(fake_slack: FakeSlack, database_url: str) -> Iterator[Callable[..., RunningApp]]:
    """Start the app with extra settings (e.g. OAuth credentials), to test them small HTTP limits, and a
    calendar provider (a fake) in place of the one the settings build; stopped at the end of the test."""
    stops: list[Callable[[], None]] = []

    def start(
        limits: HttpLimits | None = None, calendar: CalendarProvider | None = None, **extra: str
    ) -> RunningApp:
        settings = app_settings(fake_slack, database_url, **extra)
        upgrade(database_url)
        clock = FakeClock()
        wired = wire(settings, clock)
        # Listener work that goes on after the ack (as in `rapport run`) finishes before the database goes.
        listeners = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener")
        after_answer = AfterAnswer()
        runtime = replace(
            wired.runtime, after_answer=after_answer, calendar=calendar or wired.runtime.calendar
        )
        app = create_app(settings, runtime, wired.engine, listener_executor=listeners)
        wsgi = RapportWsgi(app, wired.runtime.check_database, settings.signing_secret)
        server = HttpServer(wsgi, "127.0.0.1", 0, limits or HttpLimits())
        server.start()
        stops.append(
            lambda: (
                server.stop(),
                listeners.shutdown(wait=True),
                after_answer.shutdown(),
                wired.engine.dispose(),
            )
        )
        wsgi.ready.set()
        url = f"http://127.0.0.1:{server.port}"
        slack = SlackRequests(
            base_url=url,
            signing_secret=SIGNING_SECRET,
            team_id=fake_slack.workspace.team_id,
            response_url_factory=fake_slack.response_url,
            answer_check=fake_slack.check_answer,
        )
        return RunningApp(fake=fake_slack, slack=slack, clock=clock, runtime=runtime, url=url)

    try:
        yield start
    finally:
        for stop in reversed(stops):
            stop()


@pytest.fixture
def running_app(start_app: Callable[..., RunningApp]) -> RunningApp:
    """The app in single-workspace HTTP mode."""
    return start_app()
