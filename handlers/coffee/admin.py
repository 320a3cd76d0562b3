"""Pool subcommands of /coffee: setup and now are for admins; settings are shown to anyone."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.coffee.model import Frequency, Schedule
from bot.domain.coffee.schedule import parse_time, parse_weekday
from bot.services.coffee.pools import pool_of, set_autoschedule, set_up_pool
from bot.services.coffee.rounds import deliver_round, start_round
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.coffee.member import pool_here
from handlers.middleware.admins import user_is_admin
from handlers.program.channels import PURPOSES, setup_channel
from handlers.text import clip, escape

SETUP_USAGE = (
    "`/coffee setup [weekly|biweekly|monthly] [monday..friday] [HH:MM]`, "
    "e.g. `/coffee setup weekly tuesday 14:30`"
)


def is_admin(request: CoffeeRequest) -> bool:
    """Checked on the server for every admin path; hiding a button is not a permission."""
    return user_is_admin(request.runtime, request.team_id, request.user_id)


def refuse(request: CoffeeRequest, what: str) -> None:
    request.ack(text=f"Only workspace admins and Rapport's admins can {what}. Ask your program lead.")


def parse_schedule(arguments: str, base: Schedule) -> Schedule | str:
    """The schedule the words describe, starting from `base`; or a sentence saying what is wrong."""
    schedule = base
    for word in arguments.lower().split():
        if word in Frequency._value2member_map_:
            schedule = replace(schedule, frequency=Frequency(word))
        elif (weekday := parse_weekday(word)) is not None:
            if weekday > 4:
                return "Rounds start on a working day, Monday to Friday."
            schedule = replace(schedule, weekday=weekday)
        elif (at := parse_time(word)) is not None:
            schedule = replace(schedule, at=at)
        else:
            return f"I don't understand `{escape(clip(word, 30))}`. Use {SETUP_USAGE}."
    return schedule


@subcommand(
    "setup",
    "[weekly|biweekly|monthly] [day] [HH:MM]  ·  setup intros|asks|kudos #channel|off  ·  "
    "setup autoschedule on|off",
    "make this channel a coffee pool, or choose where /intro cards, asks and offers, or kudos are posted",
    admin_only=True,
)
def setup(request: CoffeeRequest) -> None:
    if not is_admin(request):
        return refuse(request, "set up a coffee pool")
    what, _, rest = request.arguments.partition(" ")
    if what.lower() in PURPOSES:
        return setup_channel(request, PURPOSES[what.lower()], rest)
    if what.lower() == "autoschedule":
        return setup_autoschedule(request, rest.strip().lower())
    existing = pool_of(request.runtime.unit_of_work, request.team_id, request.channel_id)
    base = existing.schedule if existing else Schedule(timezone=request.runtime.settings.timezone.key)
    schedule = parse_schedule(request.arguments, base)
    if isinstance(schedule, str):
        return request.ack(text=schedule)
    request.ack(text="Setting up this channel…")
    result = set_up_pool(
        request.runtime.unit_of_work,
        request.runtime.messengers.coffee(request.team_id),
        request.team_id,
        request.channel_id,
        schedule,
        request.runtime.clock(),
    )
    if result.joined_error:
        request.respond(
            text=f"I saved the schedule ({schedule.describe()}), but I couldn't join this channel "
            f"({result.joined_error}). Invite me with `/invite @Rapport` so I can see who is here."
        )
    else:
        request.respond(text=f"Done: rounds run {schedule.describe()}.")


def setup_autoschedule(request: CoffeeRequest, choice: str) -> None:
    """Pencil it in for this channel's pool: at mid-round, a time for groups that have none."""
    if choice not in ("on", "off"):
        return request.ack(text="Say `/coffee setup autoschedule on` or `/coffee setup autoschedule off`.")
    if not (pool := pool_here(request)):
        return None
    set_autoschedule(request.runtime.unit_of_work, pool, choice == "on", request.runtime.clock())
    if choice == "on":
        return request.ack(
            text="Done: halfway through each round, groups here that haven't found a time get one pencilled "
            "in, to Accept or pick another."
        )
    return request.ack(text="Done: no more pencilled-in times in this channel.")


@subcommand("settings", "", "show this channel's coffee settings", reads_only=True)
def settings(request: CoffeeRequest) -> None:
    if not (pool := pool_here(request)):
        return
    with request.runtime.unit_of_work() as work:
        latest = work.rounds.latest(pool.id)
    last = (
        f" The last round started {latest.scheduled_for:%-d %b %Y}." if latest else " No round has run yet."
    )
    request.ack(
        text=f"*Coffee in this channel:* rounds run {pool.schedule.describe()}; check-ins "
        f"{pool.checkin_after_days} days in; Pencil it in is {'on' if pool.autoschedule else 'off'}.{last}\n"
        f"Admins change it with {SETUP_USAGE} or `/coffee setup autoschedule on|off`."
    )


@subcommand("now", "", "close the current round and start a new one now", admin_only=True)
def now(request: CoffeeRequest) -> None:
    if not is_admin(request):
        return refuse(request, "start a round")
    if not (pool := pool_here(request)):
        return
    request.ack(text="Starting a new round…")
    moment = request.runtime.clock().replace(second=0, microsecond=0)
    messenger = request.runtime.messengers.coffee(request.team_id)
    started = start_round(
        request.runtime.unit_of_work,
        messenger,
        pool,
        moment,
        request.runtime.clock(),
        request.runtime.new_seed(),
    )
    if started.round is None or started.matching is None:
        return request.respond(text="A round already started this minute; I left it as it is.")
    sent = deliver_round(request.runtime.unit_of_work, messenger, started.round.id, request.runtime.clock())
    groups = len(started.matching.groups)
    left_out = len(started.matching.unmatched)
    summary = f"Round started: {groups} group{'s' if groups != 1 else ''}, {sent} introduced so far."
    if left_out:
        summary += f" {left_out} could not be paired and were told why."
    request.respond(text=summary)
