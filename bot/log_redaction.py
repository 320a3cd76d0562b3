"""Secrets never reach a log line: every record's message and traceback are redacted as they are created.

slack_sdk logs whole Web API answers at DEBUG, oauth.v2.access's included (it carries the new
workspace's token), and a library or a traceback may quote a setting. A record factory sees
every record before any handler, ours or a test's, so one place covers them all.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Settings

REDACTED = "[redacted]"
# Slack tokens: bot, user, app-level, refresh, configuration (xoxb-, xoxp-, xapp-, xoxe-, …).
_TOKEN = re.compile(r"\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")

_secrets: tuple[str, ...] = ()  # longest first; replaced whole, so readers never see it change
_lock = threading.Lock()
_installed = False


def redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return _TOKEN.sub(REDACTED, text)


def redact_secrets(secrets: Iterable[str | None]) -> None:
    """Hide these values (and anything shaped like a Slack token) in every log record from now on."""
    global _installed, _secrets
    with _lock:
        known = set(_secrets) | {s for s in secrets if s and len(s) >= 6}
        _secrets = tuple(sorted(known, key=len, reverse=True))
        if _installed:
            return
        _installed = True
        make_record = logging.getLogRecordFactory()

    def redacting_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the handler, which reports it
            return record
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:  # formatters reuse exc_text: redact the traceback too
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(redacting_record)


def redact_settings(settings: Settings) -> None:
    """Hide the tokens and secrets `settings` carries."""
    calendar = getattr(settings.calendar, "client_secret", None)  # Microsoft 365's app secret
    slack = [settings.bot_token, settings.signing_secret, settings.app_token, settings.client_secret]
    redact_secrets([*slack, calendar])


def loggable(value: object, limit: int = 80) -> str:
    """A request field fit for a log line: control characters escaped (no forged lines), and short."""
    text = "" if value is None else str(value)
    escaped = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit]
    )
    return escaped + ("…" if len(text) > limit else "")
