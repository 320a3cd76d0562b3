"""Which requests are keyed by trigger_id (handlers/middleware/dedup.py)."""

from __future__ import annotations

import handlers.coffee.command  # declares the read-only /coffee subcommands
import handlers.followups.network  # noqa: F401  (and `network`)
from handlers.middleware.dedup import trigger_of

TRIGGER = "13345224609.738474920.8088930838d88f008e0"


def test_state_changing_commands_and_interactions_are_keyed() -> None:
    assert trigger_of({"command": "/coffee", "text": "leave", "trigger_id": TRIGGER}) == TRIGGER
    assert trigger_of({"command": "/intro", "text": "@a @b why", "trigger_id": TRIGGER}) == TRIGGER
    assert trigger_of({"command": "/coffee", "text": "no-such-thing", "trigger_id": TRIGGER}) == TRIGGER
    for kind in ("block_actions", "view_submission", "shortcut", "message_action"):
        assert trigger_of({"type": kind, "trigger_id": TRIGGER}) == TRIGGER


def test_read_only_commands_and_other_requests_are_not() -> None:
    for text in ("", "help", "HELP", "  network 2", "\x00help"):
        assert trigger_of({"command": "/coffee", "text": text, "trigger_id": TRIGGER}) is None, text
    assert trigger_of({"type": "block_suggestion", "trigger_id": TRIGGER}) is None
    assert trigger_of({"type": "event_callback", "event_id": "Ev1"}) is None


def test_a_missing_or_unusable_trigger_id_is_not_a_key() -> None:
    for trigger_id in (None, "", 42, ["x"], "x" * 63):
        assert trigger_of({"type": "block_actions", "trigger_id": trigger_id}) is None


def test_help_alone_is_read_only_for_every_command_but_a_text_that_starts_with_help_is_not() -> None:
    for command in ("/ask", "/offer", "/kudos", "/intro", "/event"):
        assert trigger_of({"command": command, "text": " Help ", "trigger_id": TRIGGER}) is None, command
        keyed = {"command": command, "text": "help with SQL interviews", "trigger_id": TRIGGER}
        assert trigger_of(keyed) == TRIGGER, command
