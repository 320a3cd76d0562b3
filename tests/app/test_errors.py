"""An unexpected failure still gets the member a clear, private answer, and Slack never sees a 500."""

from __future__ import annotations

import logging

from handlers.middleware.errors import APOLOGY
from tests.app.conftest import RunningApp


def test_a_failure_after_the_acknowledgement_is_apologised_for_privately(running_app: RunningApp, caplog):
    running_app.fake.fail_next("views.open", error="internal_error", status=200)
    with caplog.at_level(logging.ERROR, logger="rapport.errors"):
        reply = running_app.slack.command("/intro", text="", user_id="U01AMARA", channel_id="C0GENERAL")
        assert reply.status == 200
        apology = running_app.fake.wait_for("response_url", lambda c: c.args.get("text") == APOLOGY)[0]
    assert apology.args["response_type"] == "ephemeral"
    assert any("a listener for /intro failed" in record.getMessage() for record in caplog.records)
