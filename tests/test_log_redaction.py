"""Log records are redacted as they are created: known secrets and anything shaped like a Slack token."""

from __future__ import annotations

import logging

from bot.log_redaction import REDACTED, loggable, redact_secrets


def test_secrets_and_slack_tokens_never_reach_a_handler(caplog):
    redact_secrets(["s3cret-signing-value", None, ""])
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger("rapport.test")
    log.debug("answer: %s", {"access_token": "xoxb-123-456-abcDEF", "app": "xapp-1-A1-2-ff"})
    log.warning("verifying with s3cret-signing-value and xoxp-9-9-9")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "xoxb-" not in text and "xapp-" not in text and "xoxp-" not in text
    assert "s3cret-signing-value" not in text
    assert text.count(REDACTED) == 4
    assert "access_token" in text  # the rest of the line is kept


def test_a_logged_traceback_is_redacted_too(caplog):
    redact_secrets(["another-secret-value"])
    caplog.set_level(logging.ERROR)
    try:
        raise RuntimeError("connect failed with another-secret-value and xoxb-77-88-zz")
    except RuntimeError:
        logging.getLogger("rapport.test").exception("startup failed")
    formatted = logging.Formatter("%(message)s").format(caplog.records[-1])
    assert (
        "RuntimeError" in formatted and "another-secret-value" not in formatted and "xoxb-" not in formatted
    )


def test_loggable_escapes_control_characters_so_no_line_is_forged():
    assert loggable("/coffee\n2026-06-01 ERROR forged") == "/coffee\\n2026-06-01 ERROR forged"
    assert loggable("a\r\x1b[31mb\u2028") == "a\\r\\x1b[31mb\\u2028"
    assert loggable(None) == ""


def test_loggable_keeps_a_line_short():
    assert loggable("x" * 500, limit=10) == "x" * 10 + "…"
