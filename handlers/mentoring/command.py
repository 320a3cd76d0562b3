"""/mentor: sign up as a mentor (a form), `find` a mentor (interns: goals, then a ranking), `stop` taking
new mentees; for admins `setup [YYYY-MM-DD]` (the matching window) and `capacity @someone N`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.mentoring.forms import CAPACITY_ERROR, check_capacity
from bot.domain.mentoring.schedule import default_close_day
from bot.runtime import Runtime
from bot.services.mentoring import matching, preferences, volunteer
from bot.services.mentoring.volunteer import CapacitySet
from bot.services.ports import SlackError
from handlers.context import runtime_of
from handlers.mentoring.forms import goals_modal, volunteer_modal, window_modal
from handlers.middleware.admins import REFUSAL, user_is_admin
from handlers.middleware.dedup import read_only_command
from handlers.text import mentioned, plain

USAGE = (
    "`/mentor` signs you up to mentor an intern (a form opens) · `/mentor find` finds you a mentor "
    "(interns) · `/mentor stop` takes no new mentees · admins: `/mentor setup [YYYY-MM-DD]` opens "
    "matching until that day, `/mentor capacity @someone 1-3`"
)


@dataclass(frozen=True)
class MentorCommand:
    ack: Ack
    client: WebClient
    trigger_id: str
    runtime: Runtime
    team_id: str
    user_id: str
    words: list[str]


def handle_mentor(
    ack: Ack, command: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    words = plain(command.get("text")).split()
    request = MentorCommand(
        ack,
        client,
        body.get("trigger_id", ""),
        runtime_of(context),
        context.team_id or "",
        context.user_id or "",
        words[1:],
    )
    first = words[0].lower() if words else ""
    SUBCOMMANDS.get(first, _usage)(request)


def open_volunteer_form(request: MentorCommand) -> None:
    request.ack()
    form = volunteer.mentor_form(request.runtime.unit_of_work, request.team_id, request.user_id)
    request.client.views_open(trigger_id=request.trigger_id, view=volunteer_modal(form))


def open_goals_form(request: MentorCommand) -> None:
    uow = request.runtime.unit_of_work
    if not preferences.may_be_mentee(uow, request.team_id, request.user_id):
        request.ack(text=preferences.NOT_AN_INTERN)
        return
    request.ack()
    record = preferences.mentee_record(uow, request.team_id, request.user_id)
    request.client.views_open(trigger_id=request.trigger_id, view=goals_modal(record))


def stop(request: MentorCommand) -> None:
    runtime = request.runtime
    if volunteer.stop_mentoring(runtime.unit_of_work, request.team_id, request.user_id, runtime.clock()):
        request.ack(
            text="Done: you take no new mentees. Your current mentees keep you. `/mentor` signs you up again."
        )
    else:
        request.ack(text="You're not taking new mentees already. `/mentor` signs you up.")


def setup(request: MentorCommand) -> None:
    runtime = request.runtime
    if not user_is_admin(runtime, request.team_id, request.user_id):
        request.ack(text=REFUSAL)
        return
    zone = timezone_of(runtime, request.team_id, request.user_id)
    if not request.words:
        request.ack()
        day = default_close_day(runtime.clock(), zone, runtime.settings.mentoring_window_days)
        request.client.views_open(trigger_id=request.trigger_id, view=window_modal(day))
        return
    try:
        until = date.fromisoformat(request.words[0])
    except ValueError:
        request.ack(
            text="Give the day matching closes like `/mentor setup 2026-06-12`, or just `/mentor setup`."
        )
        return
    request.ack(text=window_answer(runtime, request.team_id, request.user_id, until, zone)[1])


def window_answer(
    runtime: Runtime, team_id: str, user_id: str, until: date, zone: str | None
) -> tuple[bool, str]:
    """(opened or moved, what to tell the admin)."""
    change = matching.open_window(runtime.unit_of_work, team_id, user_id, until, zone, runtime.clock())
    if change.window is None:
        return False, change.refusal or "Nothing changed."
    verb = "now closes" if change.moved else "is open: it closes"
    return True, (
        f"Mentor matching {verb} at the end of {until:%A %-d %B} ({zone or 'UTC'}). Mentors on the roster "
        "and interns are invited by DM; everyone who ranked mentors by then is matched at once."
    )


def capacity(request: MentorCommand) -> None:
    runtime = request.runtime
    if not user_is_admin(runtime, request.team_id, request.user_id):
        request.ack(text=REFUSAL)
        return
    member = mentioned(request.words[0]) if len(request.words) == 2 else None
    number = check_capacity(request.words[1]) if len(request.words) == 2 else None
    if member is None or number is None:
        request.ack(text=f"Use `/mentor capacity @someone 2`. {CAPACITY_ERROR}")
        return
    done = volunteer.set_capacity(
        runtime.unit_of_work,
        runtime.messengers.mentoring(request.team_id),
        request.team_id,
        request.user_id,
        member,
        number,
        runtime.clock(),
    )
    if done is CapacitySet.NOT_A_PERSON:
        request.ack(
            text=f"<@{member}> isn't a person I can match (a bot, a deactivated account, or unknown)."
        )
        return
    became = (
        " They're a mentor now (every two weeks; they can change it with `/mentor`)."
        if done is CapacitySet.ADDED
        else ""
    )
    request.ack(text=f"Done: <@{member}> takes up to {number} mentee{'s' if number > 1 else ''}.{became}")


def _usage(request: MentorCommand) -> None:
    request.ack(text=USAGE)


def timezone_of(runtime: Runtime, team_id: str, user_id: str) -> str | None:
    """The member's Slack time zone, else the program's."""
    try:
        return runtime.messengers.mentoring(team_id).member(user_id).tz or runtime.settings.timezone.key
    except SlackError:
        return runtime.settings.timezone.key


SUBCOMMANDS: dict[str, Callable[[MentorCommand], None]] = {
    "": open_volunteer_form,
    "find": open_goals_form,
    "stop": stop,
    "setup": setup,
    "capacity": capacity,
}


def register(app: App) -> None:
    for first_word in ("", "find", "help"):  # they only open a form or show help: nothing to replay
        read_only_command("/mentor", first_word)
    app.command("/mentor")(handle_mentor)
