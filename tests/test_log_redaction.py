"""Log records are redacted as they are created: known secrets and anything shaped like a Slack token."""

from __future__ import annotations

import logging

from bot.log_redaction import REDACTED, redact_secrets


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
