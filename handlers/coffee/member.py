"""Member subcommands of /coffee: each answers privately with what changed."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.coffee.model import Frequency, ParticipationStatus, Pool
from bot.domain.coffee.schedule import PauseRefusal, pause_example, read_pause
from bot.services.coffee import members
from bot.services.coffee.pools import pool_of
from bot.services.ports import SlackError
from handlers.coffee.blocks import ANSWER_LABELS
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.text import clip, escape, mentioned, who

HISTORY_LIMIT = 10


def pool_here(request: CoffeeRequest) -> Pool | None:
    """The pool of the channel the command was run in; says how to find one otherwise."""
    pool = pool_of(request.runtime.unit_of_work, request.team_id, request.channel_id)
    if pool is None:
        request.ack(
            text="This channel isn't a coffee pool. Run `/coffee` in your coffee channel, or ask an admin to "
            "run `/coffee setup` in the channel that should become one."
        )
    return pool


def now_of(request: CoffeeRequest):
    return request.runtime.clock()


@subcommand("join", "", "take part in this channel's coffee rounds again", changes_home=True)
def join(request: CoffeeRequest) -> None:
    if pool := pool_here(request):
        members.join(request.runtime.unit_of_work, pool, request.user_id, now_of(request))
        request.ack(text=f"You're in: you'll be paired in the next round ({pool.schedule.describe()}).")


@subcommand("leave", "", "stop being paired in this channel", changes_home=True)
def leave(request: CoffeeRequest) -> None:
    if pool := pool_here(request):
        members.leave(request.runtime.unit_of_work, pool, request.user_id, now_of(request))
        request.ack(text="You've left this channel's coffee rounds. `/coffee join` brings you back any time.")


@subcommand(
    "pause",
    "[N weeks | until YYYY-MM-DD]",
    "sit out for a while; the pause ends by itself",
    changes_home=True,
)
def pause(request: CoffeeRequest) -> None:
    if not (pool := pool_here(request)):
        return
    today = now_of(request).astimezone(ZoneInfo(pool.schedule.timezone)).date()
    until = read_pause(request.arguments or "2 weeks", today)
    if isinstance(until, PauseRefusal):
        request.ack(text=pause_refused(until, request.arguments, today))
        return
    members.pause(request.runtime.unit_of_work, pool, request.user_id, until, now_of(request))
    request.ack(
        text=f"Paused until {until:%A %-d %B %Y}: you'll be paired again from then. "
        "`/coffee resume` ends it sooner."
    )


def pause_refused(refusal: PauseRefusal, typed: str, today: date) -> str:
    """Why the pause was refused, with examples that would work today."""
    examples = f"`/coffee pause 2 weeks` or `/coffee pause until {pause_example(today).isoformat()}`"
    if refusal is PauseRefusal.PASSED:
        day = " ".join(typed.split()).lower().removeprefix("until ")
        return f"{escape(clip(day, 20))} has passed: a pause ends on a later day. Try {examples}."
    if refusal is PauseRefusal.TODAY:
        return f"That's today: a pause ends on a later day. Try {examples}."
    if refusal is PauseRefusal.TOO_FAR:
        return f"That's more than a year ahead: a pause lasts a year at most. Try {examples}."
    return f"I couldn't read `{escape(clip(typed, 60))}`. Try {examples} (at most a year ahead)."


@subcommand("resume", "", "end a pause or a skip now", changes_home=True)
def resume(request: CoffeeRequest) -> None:
    if pool := pool_here(request):
        members.resume(request.runtime.unit_of_work, pool, request.user_id, now_of(request))
        request.ack(text="Welcome back: you'll be in the next round.")


@subcommand("frequency", "weekly|biweekly|monthly", "how often you want to be paired", changes_home=True)
def frequency(request: CoffeeRequest) -> None:
    if not (pool := pool_here(request)):
        return
    try:
        chosen = Frequency(request.arguments.lower())
    except ValueError:
        request.ack(
            text="Choose one of `weekly`, `biweekly` or `monthly`, e.g. `/coffee frequency biweekly`."
        )
        return
    if chosen.days < pool.schedule.frequency.days:
        request.ack(
            text=f"This channel meets {pool.schedule.frequency.value}, so you can't be paired more often."
        )
        return
    members.set_frequency(request.runtime.unit_of_work, pool, request.user_id, chosen, now_of(request))
    request.ack(text=f"Done: you'll be paired {chosen.value} in this channel.")


@subcommand("skip", "", "sit out only the next round", changes_home=True)
def skip(request: CoffeeRequest) -> None:
    if pool := pool_here(request):
        members.skip_next(request.runtime.unit_of_work, pool, request.user_id, now_of(request))
        request.ack(text="You'll sit out the next round only; after that you're back in.")


@subcommand("never", "@someone", "privately, never be paired with someone")
def never(request: CoffeeRequest) -> None:
    if not (pool := pool_here(request)):
        return
    other = mentioned(request.arguments)
    if other is None:
        request.ack(text="Name one person, e.g. `/coffee never @someone`. Nobody else will know.")
        return
    if other == request.user_id:
        request.ack(text="You're never paired with yourself anyway. 🙂")
        return
    try:
        person = request.runtime.messengers.coffee(request.team_id).member(other)
    except SlackError:
        request.ack(text="I can't find that person in this workspace.")
        return
    members.never_pair(request.runtime.unit_of_work, pool, request.user_id, person.user_id, now_of(request))
    request.ack(text=f"Noted, privately: you won't be paired with <@{other}>. They won't be told.")


@subcommand("history", "", "your past coffee groups in this channel", reads_only=True)
def history(request: CoffeeRequest) -> None:
    if not (pool := pool_here(request)):
        return
    with request.runtime.unit_of_work() as work:
        past = work.rounds.member_history(pool.id, request.user_id, HISTORY_LIMIT)
        status = work.participation.get(pool.id, request.user_id)
    if not past:
        request.ack(
            text="You haven't been in a round here yet. The next one is " + pool.schedule.describe() + "."
        )
        return
    tz = ZoneInfo(pool.schedule.timezone)
    lines = []
    for the_round, group in past:
        others = ", ".join(who(u) for u in group.members if u != request.user_id)
        outcome = ANSWER_LABELS[group.answer] if group.answer else "no answer"
        lines.append(f"• {the_round.scheduled_for.astimezone(tz):%-d %b %Y} — with {others} · {outcome}")
    note = "" if status.status is ParticipationStatus.ACTIVE else "\n_You've left this channel's rounds._"
    request.ack(text="*Your coffee chats here*\n" + "\n".join(lines) + note)
