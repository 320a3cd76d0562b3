"""`/coffee hours`: a member's own working hours, which Find a time proposes slots within."""

from __future__ import annotations

from bot.domain.scheduling.own_hours import Refusal, describe, read_hours
from bot.services.scheduling.own_hours import hours_of, reset_hours, set_hours
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.text import escape

EXAMPLES = "`/coffee hours 08:00-16:00` or `/coffee hours 10:00-18:30 mon-thu`"
DEFAULT_WORD = "default"


@subcommand("hours", "[HH:MM-HH:MM [days] | default]", "your working hours, when Find a time proposes slots")
def working_hours(request: CoffeeRequest) -> None:
    runtime, team_id, user_id = request.runtime, request.team_id, request.user_id
    typed = request.arguments
    if not typed:
        hours, own = hours_of(runtime.unit_of_work, team_id, user_id)
        kind = "your own" if own else "the default"
        request.ack(
            text=f"Find a time proposes slots within {describe(hours)} ({kind}), in your Slack time zone. "
            f"Change them with {EXAMPLES}; `/coffee hours default` goes back to 09:00-17:00 on weekdays."
        )
        return
    if typed.lower() == DEFAULT_WORD:
        reset_hours(runtime.unit_of_work, team_id, user_id)
        request.ack(
            text="Back to the default: Find a time proposes slots within 09:00-17:00, Monday to Friday."
        )
        return
    hours = read_hours(typed)
    if isinstance(hours, Refusal):
        request.ack(text=escape(f"I didn't change your working hours: {hours.reason}. Try ") + EXAMPLES + ".")
        return
    set_hours(runtime.unit_of_work, team_id, user_id, hours, runtime.clock())
    request.ack(
        text=f"Done: Find a time proposes slots within {describe(hours)}, in your Slack time zone. "
        "`/coffee hours default` goes back to 09:00-17:00 on weekdays."
    )
