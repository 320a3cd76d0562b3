"""Web API clients that survive Slack's rate limits, 5xx answers and dropped connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import ConfigError, Settings

REQUEST_TIMEOUT_SECONDS = 15


def retry_handlers() -> list[RetryHandler]:
    """Bounded retries: 429 waits for Retry-After, 5xx and connection errors back off briefly."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=5),
        ServerErrorRetryHandler(max_retry_count=2),
        ConnectionErrorRetryHandler(max_retry_count=2),
    ]


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A client for `settings.slack_api_url`; Bolt copies its base URL and retry handlers per request."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=REQUEST_TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


def verify_bot_token(client: WebClient) -> str:
    """Check the token with auth.test and return its team ID; a refusal is a ConfigError for the operator."""
    try:
        return client.auth_test()["team_id"]
    except SlackApiError as error:
        code = error.response.get("error")
        raise ConfigError(
            f"Slack refused SLACK_BOT_TOKEN ({code}): copy the Bot User OAuth Token again from the app's "
            "OAuth & Permissions page"
        ) from None
    except OSError as error:
        raise ConfigError(
            f"cannot reach Slack at {client.base_url} ({error.__class__.__name__}): check the network "
            "and SLACK_API_URL"
        ) from None
