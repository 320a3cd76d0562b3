"""The close-out's 1-5 buttons. The value ("pair_id:score") and the question in the action ID are untrusted:
the score must be 1-5 and the question one of three, and the use case binds the answer to the clicker (only
the person asked may answer, each question once)."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.mentoring.closeout import QUESTIONS, score_of
from bot.services.mentoring import closeout
from bot.services.mentoring.closeout import Answer
from handlers.buttons import record_number
from handlers.context import runtime_of
from handlers.mentoring.closeout_blocks import CLOSEOUT, closeout_blocks
from handlers.text import INVALID_VALUE

ACTION = re.compile(f"^{CLOSEOUT}({'|'.join(QUESTIONS)})_[1-5]$")
NOT_YOURS = "These questions aren't for you, so I did nothing."
ANSWERED = "You answered this one already. Thanks!"


def answer(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    question, pair_id, score = _parse(action)
    if question is None or pair_id is None or score is None:
        respond(text=INVALID_VALUE, response_type="ephemeral", replace_original=False)
        return
    runtime, team_id, user_id = runtime_of(context), context.team_id or "", body["user"]["id"]
    result = closeout.answer_closeout(
        runtime.unit_of_work,
        runtime.messengers.mentoring(team_id),
        team_id,
        pair_id,
        user_id,
        question,
        score,
        runtime.clock(),
    )
    if result.outcome is Answer.NOT_YOURS or result.closeout is None or result.pair is None:
        respond(text=NOT_YOURS, response_type="ephemeral", replace_original=False)
        return
    if result.outcome is Answer.ANSWERED:
        respond(text=ANSWERED, response_type="ephemeral", replace_original=False)
        return
    text, blocks = closeout_blocks(user_id, result.pair, result.closeout.scores)
    respond(text=text, blocks=blocks, replace_original=True)


def _parse(action: dict[str, Any]) -> tuple[str | None, int | None, int | None]:
    found = ACTION.match(str(action.get("action_id", "")))
    value = action.get("value")
    if found is None or not isinstance(value, str) or value.count(":") != 1:
        return None, None, None
    pair, score = value.split(":")
    return found.group(1), record_number(pair), score_of(score)


def register(app: App) -> None:
    app.action(re.compile(f"^{CLOSEOUT}"))(answer)
