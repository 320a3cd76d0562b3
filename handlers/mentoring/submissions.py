"""Mentoring's forms, submitted: a bad field gets its error beside it and nothing is stored; the mentee's
goals lead to the ranking of the mentors who fit best, in the same modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.domain.mentoring.forms import VolunteerForm, check_goals, check_volunteer
from bot.services.mentoring import preferences, proposals, volunteer
from bot.services.mentoring.proposals import Answered
from handlers.context import runtime_of
from handlers.home.view import refresh_home_after
from handlers.mentoring.buttons import NOT_YOURS, SETTLED
from handlers.mentoring.command import timezone_of, window_answer
from handlers.mentoring.forms import (
    DECLINE_FORM,
    GOALS,
    RANKING,
    VOLUNTEER,
    WINDOW,
    pair_id_of,
    ranking_view,
    read_goals,
    read_ranking,
    read_reason,
    read_until,
    read_volunteer,
)
from handlers.text import INVALID_VALUE


def submit_volunteer(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", context.user_id or ""
    given, errors = check_volunteer(VolunteerForm(*read_volunteer(view)))
    if given is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    first = volunteer.volunteer(runtime.unit_of_work, team_id, user_id, given, runtime.clock())
    places = (
        f"up to {given.capacity} intern{'s' if given.capacity > 1 else ''}, meeting {given.cadence.label}"
    )
    lead = "Thank you for volunteering!" if first else "Saved."
    client.chat_postMessage(
        channel=user_id,
        text=f"{lead} You mentor {places}. Each intern who'd like you is proposed to you first, and you can "
        "decline. `/mentor stop` takes no new mentees.",
    )
    refresh_home_after(client, context, user_id, "mentor sign-up")


def submit_goals(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """Store the goals, then show the mentors who fit best to rank (the modal is updated in place)."""
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", context.user_id or ""
    goals, errors = check_goals(*read_goals(view))
    if goals is None:
        ack(response_action="errors", errors=errors)
        return
    refused = preferences.save_goals(runtime.unit_of_work, team_id, user_id, goals, runtime.clock())
    if refused:
        ack(response_action="errors", errors={"goals": refused})
        return
    messenger = runtime.messengers.mentoring(team_id)
    suggested = preferences.suggestions_for(runtime.unit_of_work, messenger, team_id, user_id)
    record = preferences.mentee_record(runtime.unit_of_work, team_id, user_id)
    ack(response_action="update", view=ranking_view(suggested, record))


def submit_ranking(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", context.user_id or ""
    picked, said_any = read_ranking(view)
    ranking, errors = preferences.save_ranking(
        runtime.unit_of_work, team_id, user_id, picked, said_any, runtime.clock()
    )
    if ranking is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    ranked = len(ranking.choices)
    what = f"your {ranked} choice{'s' if ranked > 1 else ''}" if ranked else "any mentor who fits"
    client.chat_postMessage(
        channel=user_id,
        text=f"Thanks! I'll match you with {what} — you'll hear from me once a mentor has accepted. "
        "`/mentor find` changes your goals and choices until then.",
    )
    refresh_home_after(client, context, user_id, "mentee ranking")


def submit_decline(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", context.user_id or ""
    pair_id = pair_id_of(view)
    if pair_id is None:
        ack(response_action="errors", errors={"reason": INVALID_VALUE})
        return
    still = proposals.open_request(runtime.unit_of_work, team_id, pair_id, user_id)
    if still.answered is not Answered.OPEN:
        ack(
            response_action="errors",
            errors={"reason": NOT_YOURS if still.answered is Answered.NOT_YOURS else SETTLED},
        )
        return
    ack()
    outcome = proposals.decline(
        runtime.unit_of_work,
        runtime.messengers.mentoring(team_id),
        team_id,
        pair_id,
        user_id,
        read_reason(view),
        runtime.clock(),
        runtime.settings.mentoring_answer_days,
    )
    if outcome.answered is not Answered.DECLINED:  # answered elsewhere in the meantime
        client.chat_postMessage(channel=user_id, text=SETTLED)


def submit_window(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Admins only: the middleware refuses the `admin_` callback from anyone else."""
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", context.user_id or ""
    until = read_until(view)
    if until is None:
        ack(response_action="errors", errors={"until": "Choose the day matching closes."})
        return
    zone = timezone_of(runtime, team_id, user_id)
    done, text = window_answer(runtime, team_id, user_id, until, zone)
    if not done:
        ack(response_action="errors", errors={"until": text})
        return
    ack()
    client.chat_postMessage(channel=user_id, text=text)


def register(app: App) -> None:
    app.view(VOLUNTEER)(submit_volunteer)
    app.view(GOALS)(submit_goals)
    app.view(RANKING)(submit_ranking)
    app.view(DECLINE_FORM)(submit_decline)
    app.view(WINDOW)(submit_window)
