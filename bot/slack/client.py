"""Web API clients that survive Slack's rate limits, 5xx answers and dropped connections."""

from __future__ import annotations

import copy
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryHandler, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import ConfigError, Settings

REQUEST_TIMEOUT_SECONDS = 15
RETRY_JITTER_SECONDS = 0.1
SHORT_WAIT = 5.0  # seconds: a rate limit's burst refilling; a longer Retry-After is Slack's next minute


class RetryAfterHandler(RateLimitErrorRetryHandler):
    """A 429 waits what Retry-After says plus at most 0.1 s (slack_sdk's own adds up to a whole second);
    with `longest_wait`, a longer Retry-After is not waited out: the call fails at once."""

    def __init__(
        self,
        max_retry_count: int,
        sleep: Callable[[float], None] = time.sleep,
        longest_wait: float | None = None,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.sleep = sleep
        self.longest_wait = longest_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        assert response is not None
        return self.longest_wait is None or retry_after_seconds(response) <= self.longest_wait

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("a 429 retry without a response")
        state.next_attempt_requested = True
        self.sleep(retry_after_seconds(response) + random.uniform(0, RETRY_JITTER_SECONDS))
        state.increment_current_attempt()


def retry_after_seconds(response: HttpResponse) -> float:
    """Slack's Retry-After in seconds (1 when missing or unreadable)."""
    for name, value in response.headers.items():
        if name.lower() == "retry-after":
            text = value[0] if isinstance(value, list) and value else value
            try:
                return max(0.0, float(str(text)))
            except ValueError:
                break
    return 1.0


def retry_handlers() -> list[RetryHandler]:
    """Bounded retries: 429 waits for Retry-After, 5xx and connection errors back off briefly."""
    return [
        RetryAfterHandler(max_retry_count=5),
        ServerErrorRetryHandler(max_retry_count=2),
        ConnectionErrorRetryHandler(max_retry_count=2),
    ]


def impatient(client: WebClient) -> WebClient:
    """The same client, except that a 429 asking to wait more than SHORT_WAIT comes back at once (an error
    "ratelimited"): for bulk work that does what Slack allows this minute and leaves the rest to the next
    tick, instead of holding up every other due job until Slack's next minute."""
    handlers = [
        RetryAfterHandler(h.max_retry_count, h.sleep, SHORT_WAIT) if isinstance(h, RetryAfterHandler) else h
        for h in client.retry_handlers
    ]
    clone = copy.copy(client)  # of the same class: the simulation's client stays in its process
    clone.retry_handlers = handlers
    return clone


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A client for `settings.slack_api_url`; Bolt copies its base URL and retry handlers per request."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=REQUEST_TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


@contextmanager
def _quiet_sdk() -> Iterator[None]:
    """slack_sdk logs each failed attempt at ERROR; the operator gets one line from us instead."""
    logger = logging.getLogger("slack_sdk")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def verify_bot_token(client: WebClient) -> str:
    """Check the token with auth.test and return its team ID; a refusal is a ConfigError for the operator."""
    try:
        with _quiet_sdk():
            return client.auth_test()["team_id"]
    except SlackApiError as error:
        code = error.response.get("error")
        if error.response.status_code != 200 or not code or " " in code:  # a proxy's or web server's page
            raise ConfigError(
                f"{client.base_url} answered HTTP {error.response.status_code} without Slack's JSON: check "
                "SLACK_API_URL (leave it unset for Slack's own API) and any proxy in between"
            ) from None
        raise ConfigError(
            f"Slack refused SLACK_BOT_TOKEN ({code}): copy the Bot User OAuth Token again from the app's "
            "OAuth & Permissions page"
        ) from None
    except OSError as error:
        raise ConfigError(
            f"cannot reach Slack at {client.base_url} ({error.__class__.__name__}): check the network "
            "and SLACK_API_URL"
        ) from None
