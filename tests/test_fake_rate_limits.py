"""The fake's opt-in rate limits: token buckets that answer 429 with a whole-second Retry-After."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.fakeslack.ratelimit import Limit, RateLimits


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_its_burst_then_one_call_per_interval():
    clock = Clock()
    limits = RateLimits({"conversations.open": Limit(60, 3)}, {}, clock=clock)
    assert [limits.retry_after("conversations.open", {}) for _ in range(3)] == [None] * 3
    assert limits.retry_after("conversations.open", {}) == 1
    clock.now += 1.0
    assert limits.retry_after("conversations.open", {}) is None
    assert limits.retry_after("users.info", {}) is None  # not limited


def test_post_message_is_limited_per_channel_and_per_workspace():
    clock = Clock()
    limits = RateLimits({"chat.postMessage": Limit(120, 3)}, {"chat.postMessage": Limit(60, 1)}, clock=clock)
    assert limits.retry_after("chat.postMessage", {"channel": "C1"}) is None
    assert limits.retry_after("chat.postMessage", {"channel": "C1"}) == 1  # one a second in a channel
    assert limits.retry_after("chat.postMessage", {"channel": "C2"}) is None
    assert limits.retry_after("chat.postMessage", {"channel": "C3"}) is None
    assert limits.retry_after("chat.postMessage", {"channel": "C4"}) == 1  # the workspace bucket is empty


def test_scale_multiplies_rates_and_bursts():
    limits = RateLimits({"conversations.open": Limit(50, 3)}, {}, scale=20)
    assert limits.workspace["conversations.open"] == Limit(1000, 60)


def test_over_http_the_fake_answers_429_with_retry_after():
    with FakeSlack() as fake:
        fake.enforce_rate_limits(RateLimits({"conversations.open": Limit(1, 1)}, {}))
        client = WebClient(token=fake.bot_token, base_url=fake.url, retry_handlers=[])
        client.conversations_open(users="U01AMARA")
        with pytest.raises(SlackApiError) as refused:
            client.conversations_open(users="U01BEN")
        assert refused.value.response.status_code == 429
        assert int(refused.value.response.headers["Retry-After"]) >= 1
        assert [c.status for c in fake.calls_to("conversations.open", include_failed=True)] == [200, 429]
