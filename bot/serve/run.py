"""`rapport run`: start-up, serving and a clean shutdown, in either Socket Mode or HTTP mode."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError, Mode, Settings
from bot.scheduler import start_scheduler
from bot.serve.after_answer import AfterAnswer
from bot.serve.app import create_app
from bot.serve.http_server import HttpServer
from bot.serve.web import RapportWsgi
from bot.slack.client import make_web_client, verify_bot_token
from bot.wiring import wire
from storage.migrate import upgrade

log = logging.getLogger("rapport")
FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 30.0


def serve(settings: Settings, stop: threading.Event, host: str = "0.0.0.0") -> None:
    """Run until `stop` is set; HTTP answers /healthz with 503 while the database is unreachable."""
    settings.require_run_settings()
    if settings.mode is not Mode.OAUTH:
        verify_bot_token(make_web_client(settings, token=settings.bot_token))
    wired = wire(settings)
    executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener")
    after_answer = AfterAnswer()
    runtime = replace(wired.runtime, after_answer=after_answer)
    app = create_app(settings, runtime, wired.engine, listener_executor=executor)
    wsgi = RapportWsgi(app, wired.runtime.check_database, settings.signing_secret)
    server = HttpServer(wsgi, host, settings.port) if settings.mode is not Mode.SOCKET else None
    if server:
        server.start()
    socket_mode = None
    scheduler = None
    try:
        if not _wait_for_database(wired.runtime.check_database, stop):
            return
        upgrade(settings.database_url)
        if settings.scheduler_enabled:
            scheduler = start_scheduler(wired.runtime)
        if settings.mode is Mode.SOCKET:
            socket_mode = SocketModeHandler(app, settings.app_token)
            try:
                socket_mode.connect()
            except SlackApiError as error:
                raise ConfigError(
                    f"Slack refused SLACK_APP_TOKEN ({error.response.get('error') or 'not a Slack answer'}): "
                    "create an App-Level Token with the connections:write scope on the app's Basic "
                    "Information page"
                ) from None
        wsgi.ready.set()
        log.info("Rapport is ready (%s mode, scheduler %s)", settings.mode, "on" if scheduler else "off")
        stop.wait()
    finally:
        log.info("shutting down")
        wsgi.ready.clear()
        if socket_mode:
            socket_mode.close()
        if server:
            server.stop()
        if scheduler:
            scheduler.shutdown(wait=True)  # a tick in progress finishes; anything unsent stays claimable
        executor.shutdown(wait=True)
        after_answer.shutdown()
        wired.engine.dispose()


def _wait_for_database(check: Callable[[], None], stop: threading.Event) -> bool:
    """Retry with backoff until the database answers; False when asked to stop meanwhile."""
    delay = FIRST_RETRY_SECONDS
    while True:
        try:
            check()
            return True
        except Exception as error:  # the driver's own errors vary; all mean "not yet"
            log.error("database unreachable (%s); retrying in %.0f s", _one_line(error), delay)
        if stop.wait(delay):
            return False
        delay = min(delay * 2, MAX_RETRY_SECONDS)


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"[:200]
