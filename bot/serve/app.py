"""Building the Bolt app for the configured mode."""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from urllib.parse import urljoin

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from sqlalchemy.engine import Engine

import handlers
from bot.config import Mode, Settings
from bot.runtime import Runtime
from bot.slack.client import make_web_client
from bot.slack.scopes import BOT_SCOPES
from storage.slack_tables import installation_store, oauth_state_store

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
OAUTH_STATE_SECONDS = 600


def create_app(
    settings: Settings, runtime: Runtime, engine: Engine, listener_executor: Executor | None = None
) -> App:
    """A Bolt app with every listener registered; OAuth mode keeps installations in `engine`."""
    client = make_web_client(settings, token=settings.bot_token if settings.mode is not Mode.OAUTH else None)
    logger = logging.getLogger("rapport.bolt")
    logger.addFilter(_BoltTokenNoticeFilter())
    if settings.mode is Mode.OAUTH:
        app = App(
            signing_secret=settings.signing_secret,
            client=client,
            logger=logger,
            listener_executor=listener_executor,
            oauth_settings=_oauth_settings(settings, engine, runtime),
        )
    else:
        app = App(  # the client carries the bot token, already checked by verify_bot_token
            signing_secret=settings.signing_secret or "",
            client=client,
            token_verification_enabled=False,
            logger=logger,
            listener_executor=listener_executor,
            request_verification_enabled=settings.mode is not Mode.SOCKET,
        )
    handlers.register(app, runtime)
    return app


def authorization_url(api_url: str) -> str:
    """Slack's consent page beside its Web API: slack.com/api/ → slack.com/oauth/v2/authorize."""
    return urljoin(api_url, "../oauth/v2/authorize")


class _BoltTokenNoticeFilter(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that our client's token wins; that is intended."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _oauth_settings(settings: Settings, engine: Engine, runtime: Runtime) -> OAuthSettings:
    assert settings.client_id is not None
    return OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=sorted(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=authorization_url(settings.slack_api_url),
        installation_store=installation_store(settings.client_id, engine),
        state_store=oauth_state_store(engine, runtime.clock, expiration_seconds=OAUTH_STATE_SECONDS),
    )
