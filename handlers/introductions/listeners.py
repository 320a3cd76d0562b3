"""`/intro @a @b [why]` and `/intro me @b [why]`: propose a warm introduction; its consent buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.introductions import Answer, Refusal
from bot.runtime import Runtime
from bot.services.introductions.proposals import ConsentAnswerResult, Proposal, answer, propose
from handlers.context import runtime_of
from handlers.text import mentioned

USAGE = (
    "`/intro` edits your profile · `/intro @someone` shows their card · "
    "`/intro @a @b why` suggests that two people meet · `/intro me @someone why` asks to meet someone · "
    "`/intro mentors [topic]` finds a mentor"
)
REFUSALS = {
    Refusal.SAME_PERSON: "Pick two different people: nobody needs an introduction to themselves.",
    Refusal.BOT: "Bots can't be introduced; pick people instead.",
    Refusal.DEACTIVATED: "One of them is no longer active in this workspace (their account is deactivated).",
    Refusal.NOT_IN_WORKSPACE: "I can't find one of them in this workspace.",
    Refusal.ALREADY_PENDING: "These two already have an introduction waiting for answers; give it time.",
    Refusal.DAILY_LIMIT: "You've suggested {limit} introductions in the last 24 hours; try tomorrow.",
}
ANSWERS = {
    ConsentAnswerResult.NOT_YOURS: "This request is for someone else, so nothing was recorded.",
    ConsentAnswerResult.CLOSED: "This introduction is already settled; there is nothing left to answer.",
    ConsentAnswerResult.UNKNOWN: "I can't find this introduction any more.",
}


def parse_pair(caller: str, tokens: list[str]) -> tuple[tuple[str, str], str] | None:
    """((a, b), why) from `@a @b why…` or `me @b why…`; None when it is neither."""
    if len(tokens) < 2:
        return None
    first = caller if tokens[0].lower() == "me" else mentioned(tokens[0])
    second = mentioned(tokens[1])
    if first is None or second is None:
        return None
    return (first, second), " ".join(tokens[2:])


def handle_proposal(ack: Ack, respond: Respond, runtime: Runtime, context: BoltContext, text: str) -> bool:
    """Propose the introduction `text` describes; False when `text` is not a proposal."""
    caller = context.user_id or ""
    parsed = parse_pair(caller, text.split())
    if parsed is None:
        return False
    ack()
    (a, b), why = parsed
    team_id = context.team_id or ""
    result = propose(
        runtime.unit_of_work,
        runtime.messengers.introductions(team_id),
        team_id,
        caller,
        (a, b),
        why,
        runtime.clock(),
        runtime.settings.intro_daily_limit,
    )
    respond(
        text=proposal_reply(result, caller, (a, b), runtime.settings.intro_daily_limit),
        response_type="ephemeral",
    )
    return True


def proposal_reply(result: Proposal, caller: str, pair: tuple[str, str], daily_limit: int) -> str:
    """What the proposer is told: why it was refused, or whom I asked."""
    if result.refused is not None:
        return REFUSALS[result.refused].format(limit=daily_limit)
    asked = " and ".join(f"<@{user_id}>" for user_id in pair if user_id != caller)
    return (
        f"Done: I've asked {asked} privately. If everyone agrees I'll start a group DM; "
        "if not, I'll let you know within a week (without saying who said no)."
    )


def press_answer(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    given = Answer.ACCEPTED if action["action_id"] == "intro_accept" else Answer.DECLINED
    try:
        intro_id = int(action.get("value") or "")
    except ValueError:
        intro_id = 0
    messenger = runtime.messengers.introductions(context.team_id or "")
    result, before = answer(
        runtime.unit_of_work, messenger, intro_id, context.user_id or "", given, runtime.clock()
    )
    if result is ConsentAnswerResult.RECORDED:
        return
    if result is ConsentAnswerResult.ALREADY_ANSWERED:
        said = "happy to meet" if before is Answer.ACCEPTED else "not now"
        text = f"You already answered “{said}”; that answer stands."
    else:
        text = ANSWERS[result]
    respond(text=text, replace_original=False, response_type="ephemeral")


def register(app: App) -> None:
    app.action("intro_accept")(press_answer)
    app.action("intro_decline")(press_answer)
