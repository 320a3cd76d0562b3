"""Rapport answers at a response_url only when Slack will receive it, and logs fields escaped."""

from __future__ import annotations

import logging

import pytest
from slack_bolt import BoltContext, BoltResponse

from handlers.context import RUNTIME_KEY
from handlers.middleware.errors import report_error
from handlers.middleware.response_url import answer_privately, answerable
from tests.app.listener import recording_listener

SLACK_API = "https://slack.com/api/"


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.slack.com/commands/T1/2/abc",
        "https://hooks.slack.com:443/actions/T1/2/abc",
        "https://hooks.slack-gov.com/commands/T1/2/abc",
    ],
)
def test_slacks_response_hosts_are_answerable(url):
    assert answerable(url, SLACK_API)


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.slack.com/commands/T1/2/abc",  # not https
        "https://hooks.slack.com.evil.example/x",
        "https://evil.example/?h=hooks.slack.com",
        "https://hooks.slack.com:8443/x",
        "http://127.0.0.1:8080/internal",
        "http://169.254.169.254/latest/meta-data/",
        "https://user@hooks.slack.com@evil.example/",
        "https://[::1/x",  # unparseable
        "",
    ],
)
def test_anything_else_is_not(url):
    assert not answerable(url, SLACK_API)


def test_the_configured_slack_api_host_is_answerable_for_test_and_sandbox_slacks():
    assert answerable("http://127.0.0.1:8123/response/abc", "http://127.0.0.1:8123/api/")
    assert not answerable("http://127.0.0.1:9999/response/abc", "http://127.0.0.1:8123/api/")


def test_a_url_outside_slack_is_never_called():
    with recording_listener() as (url, seen):
        assert not answer_privately(f"{url}/internal", "hello", SLACK_API)
    assert seen == []


class _Settings:
    slack_api_url = SLACK_API


class _Runtime:
    settings = _Settings()


def test_the_error_handler_logs_fields_escaped_and_calls_no_foreign_url(caplog):
    context = BoltContext()
    context[RUNTIME_KEY] = _Runtime()
    with recording_listener() as (url, seen), caplog.at_level(logging.ERROR, logger="rapport.errors"):
        body = {"command": "/coffee\nERROR forged line", "response_url": f"{url}/internal"}
        answer = report_error(RuntimeError("boom"), body, BoltResponse(status=500, body=""), context)
    assert answer is not None and answer.status == 200
    assert seen == []
    [record] = [r for r in caplog.records if r.name == "rapport.errors"]
    assert "\n" not in record.getMessage()
    assert "/coffee\\nERROR forged line" in record.getMessage()


@pytest.mark.parametrize(
    "body",
    [
        {"event": "not-an-object", "response_urls": ["not-an-object", 5]},
        {"type": "view_submission", "response_urls": "not-a-list"},
        {"response_url": ["https://hooks.slack.com/x"]},
    ],
)
def test_the_error_handler_survives_fields_of_the_wrong_shape(body):
    context = BoltContext()
    context[RUNTIME_KEY] = _Runtime()
    answer = report_error(RuntimeError("boom"), body, BoltResponse(status=500, body=""), context)
    assert answer is not None and answer.status == 200
