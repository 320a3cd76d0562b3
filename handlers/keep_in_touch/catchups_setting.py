"""/coffee catchups off|on: whether Rapport suggests catching up with people you met."""

from __future__ import annotations

from bot.services.keep_in_touch.catch_ups import catch_ups_on, set_catch_ups
from handlers.coffee.command import CoffeeRequest, subcommand

CHOICES = {"on": True, "off": False}


@subcommand(
    "catchups", "off|on", "turn catch-up suggestions with people you've met off or on", changes_home=True
)
def catchups(request: CoffeeRequest) -> None:
    uow, team_id, user_id = request.runtime.unit_of_work, request.team_id, request.user_id
    choice = request.arguments.lower()
    if choice not in CHOICES:
        now = "on" if catch_ups_on(uow, team_id, user_id) else "off"
        request.ack(
            text=f"Catch-up suggestions are {now} for you: `/coffee catchups off` or `/coffee catchups on`."
        )
        return
    set_catch_ups(uow, team_id, user_id, CHOICES[choice])
    if CHOICES[choice]:
        request.ack(
            text="Catch-ups are on: at most once a week I'll suggest catching up with someone you've met."
        )
    else:
        request.ack(text="Catch-ups are off: no more suggestions. `/coffee catchups on` brings them back.")
