"""Mentoring's buttons: Accept and Decline on a request, the session check-in, the fit question, and the
buttons that open the mentor's and the mentee's forms. Every value is a record number checked here and
then bound to the clicker by the use case (only the mentor answers a request, only the pair a check-in)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.services.mentoring import fit_check, preferences, proposals, sessions, volunteer
from bot.services.mentoring.fit_check import FitOutcome
from bot.services.mentoring.proposals import Answered
from handlers.buttons import Pressed, numbered_button, record_number
from handlers.context import runtime_of
from handlers.mentoring.blocks import (
    ACCEPT,
    ANSWER_LABELS,
    CHECKIN,
    DECLINE,
    FIND,
    FIT,
    FIT_CLOSED,
    VOLUNTEER,
)
from handlers.mentoring.forms import decline_modal, goals_modal, volunteer_modal
from handlers.text import INVALID_VALUE, who

NOT_YOURS = "This request isn't addressed to you, so I did nothing."
SETTLED = "This request was answered already (or it expired), so nothing changed."


def accept(pressed: Pressed) -> str | None:
    runtime = pressed.runtime
    outcome = proposals.accept(
        runtime.unit_of_work,
        runtime.messengers.mentoring(pressed.team_id),
        pressed.team_id,
        pressed.number,
        pressed.user_id,
        runtime.clock(),
    )
    return {Answered.NOT_YOURS: NOT_YOURS, Answered.SETTLED: SETTLED}.get(outcome.answered)


def decline(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    """Opens the form with the optional reason, if the request is the clicker's and still open."""
    ack()
    pair_id = record_number(action.get("value"))
    runtime = runtime_of(context)
    outcome = (
        proposals.open_request(runtime.unit_of_work, context.team_id or "", pair_id, body["user"]["id"])
        if pair_id is not None
        else None
    )
    if outcome is None or outcome.answered is not Answered.OPEN:
        text = (
            INVALID_VALUE
            if outcome is None
            else NOT_YOURS
            if outcome.answered is Answered.NOT_YOURS
            else SETTLED
        )
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    client.views_open(trigger_id=body["trigger_id"], view=decline_modal(outcome.pair.id))


def answer_checkin(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    pair_id, number = _pair_and_number(action.get("value"))
    answer = CHECKIN.get(action.get("action_id", ""))
    if pair_id is None or number is None or answer is None:
        respond(text=INVALID_VALUE, response_type="ephemeral", replace_original=False)
        return
    runtime, team_id = runtime_of(context), context.team_id or ""
    result = sessions.answer_checkin(
        runtime.unit_of_work,
        runtime.messengers.mentoring(team_id),
        runtime.messengers.followups(team_id),
        team_id,
        pair_id,
        number,
        body["user"]["id"],
        answer,
        runtime.clock(),
    )
    if result.checkin is None:
        text: str | None = "This check-in is for the mentor and mentee it was sent to, so I did nothing."
    elif not result.stored and result.checkin.answer is not None:
        label = ANSWER_LABELS[result.checkin.answer]
        text = f"{who(result.checkin.answered_by or '')} already answered *{label}* — thanks!"
    else:
        text = None  # the message itself now shows the answer
    if text:
        respond(text=text, response_type="ephemeral", replace_original=False)


def _pair_and_number(value: object) -> tuple[int | None, int | None]:
    if not isinstance(value, str) or value.count(":") != 1:
        return None, None
    pair, number = value.split(":")
    return record_number(pair), record_number(number)


def answer_fit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    pair_id = record_number(action.get("value"))
    answer = FIT.get(action.get("action_id", ""))
    if pair_id is None or answer is None:
        respond(text=INVALID_VALUE, response_type="ephemeral", replace_original=False)
        return
    runtime, team_id = runtime_of(context), context.team_id or ""
    outcome = fit_check.answer_fit(
        runtime.unit_of_work,
        runtime.messengers.mentoring(team_id),
        team_id,
        pair_id,
        body["user"]["id"],
        answer,
        runtime.clock(),
    )
    if outcome is FitOutcome.NOT_YOURS:
        respond(
            text="This question isn't for you, so I did nothing.",
            response_type="ephemeral",
            replace_original=False,
        )
    elif outcome is FitOutcome.ANSWERED:
        respond(text="You answered this already. Thanks!", response_type="ephemeral", replace_original=False)
    else:
        closed = FIT_CLOSED["ended"] if outcome is FitOutcome.ENDED_ALREADY else FIT_CLOSED[answer.value]
        respond(text=closed, replace_original=True)


def open_volunteer_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    form = volunteer.mentor_form(runtime.unit_of_work, context.team_id or "", body["user"]["id"])
    client.views_open(trigger_id=body["trigger_id"], view=volunteer_modal(form))


def open_goals_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", body["user"]["id"]
    if not preferences.may_be_mentee(runtime.unit_of_work, team_id, user_id):
        client.chat_postMessage(channel=user_id, text=preferences.NOT_AN_INTERN)
        return
    record = preferences.mentee_record(runtime.unit_of_work, team_id, user_id)
    client.views_open(trigger_id=body["trigger_id"], view=goals_modal(record))


def register(app: App) -> None:
    app.action(ACCEPT)(numbered_button(accept))
    app.action(DECLINE)(decline)
    app.action(re.compile("^mentoring_checkin_"))(answer_checkin)
    app.action(re.compile("^mentoring_fit_"))(answer_fit)
    app.action(VOLUNTEER)(open_volunteer_form)
    app.action(FIND)(open_goals_form)
