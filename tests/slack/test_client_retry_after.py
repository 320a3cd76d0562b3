"""A 429 waits what Slack's Retry-After says, with a little jitter and no whole extra second."""

from __future__ import annotations

from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryState

from bot.slack.client import RETRY_JITTER_SECONDS, RetryAfterHandler


def waits_for(headers: dict[str, list[str]]) -> float:
    slept: list[float] = []
    handler = RetryAfterHandler(max_retry_count=5, sleep=slept.append)
    state = RetryState()
    request = HttpRequest(method="POST", url="https://slack.test/api/chat.postMessage", headers={})
    response = HttpResponse(status_code=429, headers=headers)
    assert handler.can_retry(state=state, request=request, response=response)
    handler.prepare_for_next_attempt(state=state, request=request, response=response)
    assert state.next_attempt_requested and state.current_attempt == 1
    return slept[0]


def test_retry_after_is_respected_without_over_waiting():
    assert 3 <= waits_for({"Retry-After": ["3"]}) <= 3 + RETRY_JITTER_SECONDS
    assert 1 <= waits_for({"retry-after": ["1"]}) <= 1 + RETRY_JITTER_SECONDS


def test_a_missing_or_unreadable_retry_after_waits_a_second():
    assert 1 <= waits_for({}) <= 1 + RETRY_JITTER_SECONDS
    assert 1 <= waits_for({"Retry-After": ["soon"]}) <= 1 + RETRY_JITTER_SECONDS
