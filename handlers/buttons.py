"""Buttons whose value is the number of a record (an ask, an offer): one way to acknowledge them, refuse a
forged value, and answer privately."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.runtime import Runtime
from handlers.context import runtime_of
from handlers.text import INVALID_VALUE


def record_number(value: object) -> int | None:
    """The record ID a button carries, when it is a sane one (1 to 999,999,999)."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number > 0 else None


@dataclass(frozen=True)
class Pressed:
    """A numbered button, pressed: the record's number, who pressed it, where, and the runtime."""

    number: int
    user_id: str
    team_id: str
    runtime: Runtime


def numbered_button(listener: Callable[[Pressed], str | None]) -> Callable[..., None]:
    """A Bolt listener for `listener`: acknowledged at once, a value that is not a record number answered
    privately, else what `listener` returns answered privately (nothing when it returns None)."""

    def handle(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
    ) -> None:
        ack()
        number = record_number(action.get("value"))
        if number is None:
            text: str | None = INVALID_VALUE
        else:
            user_id = body["user"]["id"]
            text = listener(Pressed(number, user_id, context.team_id or "", runtime_of(context)))
        if text:
            respond(text=text, response_type="ephemeral", replace_original=False)

    handle.__name__ = listener.__name__
    return handle
