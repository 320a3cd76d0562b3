"""Slack's v0 signature, checked strictly before anything reads a request."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.serve.signature import SIGNATURE_WINDOW_SECONDS, signature_refusal

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = 1_780_000_000
BODY = b"command=%2Fcoffee&text=help"


def sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    return "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


def test_slacks_own_example_is_accepted():
    assert signature_refusal(SECRET, str(NOW), sign(BODY, str(NOW)), BODY, NOW) is None


@pytest.mark.parametrize("timestamp", [None, "", "x", " 1", "1.5", "-1", "\u00b2", "9" * 13])
def test_a_timestamp_that_is_not_plain_digits_is_refused(timestamp):
    assert (
        signature_refusal(SECRET, timestamp, sign(BODY, str(NOW)), BODY, NOW)
        == "missing or malformed timestamp"
    )


@pytest.mark.parametrize("skew", [SIGNATURE_WINDOW_SECONDS + 1, -SIGNATURE_WINDOW_SECONDS - 1])
def test_a_timestamp_outside_five_minutes_is_refused_even_when_signed(skew):
    ts = str(NOW + skew)
    assert (
        signature_refusal(SECRET, ts, sign(BODY, ts), BODY, NOW) == "timestamp outside the five-minute window"
    )


def test_the_window_edge_is_inside():
    ts = str(NOW - SIGNATURE_WINDOW_SECONDS)
    assert signature_refusal(SECRET, ts, sign(BODY, ts), BODY, NOW) is None


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "v0=é",
        sign(BODY + b"x", str(NOW)),
        sign(BODY, str(NOW), "another-secret"),
        sign(BODY, str(NOW))[:-1],
    ],
    ids=["missing", "empty", "not-ascii", "other-body", "other-secret", "truncated"],
)
def test_a_wrong_or_malformed_signature_is_refused(signature):
    assert signature_refusal(SECRET, str(NOW), signature, BODY, NOW) is not None


def test_without_a_signing_secret_nothing_is_accepted():
    assert (
        signature_refusal(None, str(NOW), sign(BODY, str(NOW), ""), BODY, NOW)
        == "no signing secret is configured"
    )
