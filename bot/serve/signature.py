"""Slack's request signature, checked before anything reads a request: unsigned requests never act.

Slack signs each request with the app's signing secret: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}`.
The check here is strict where Slack's SDK is not (its verifier raises on a timestamp that is not a
number, and Bolt then hands the *unverified* request to the error handler): the timestamp must be
ASCII digits within five minutes of now, and the signature ASCII and equal in constant time.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_WINDOW_SECONDS = 300  # Slack's own replay window
MAX_TIMESTAMP_DIGITS = 12


def signature_refusal(
    signing_secret: str | None, timestamp: str | None, signature: str | None, body: bytes, now: float
) -> str | None:
    """Why the request must be refused, or None when Slack signed it (no detail of the secret leaks)."""
    if not signing_secret:
        return "no signing secret is configured"
    if (
        not timestamp
        or not (timestamp.isascii() and timestamp.isdigit())
        or len(timestamp) > MAX_TIMESTAMP_DIGITS
    ):
        return "missing or malformed timestamp"
    if abs(now - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
        return "timestamp outside the five-minute window"
    if not signature or not signature.isascii():
        return "missing or malformed signature"
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return "signature does not match"
    return None
