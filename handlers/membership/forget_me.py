"""/coffee forget-me: what Rapport keeps about you, then a confirmed button that forgets it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.services.membership import forget
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.context import runtime_of
from handlers.membership.forget_blocks import FORGET_ACTION, confirm_blocks, done_text


@subcommand("forget-me", "", "delete what Rapport keeps about you (asks first)", reads_only=True)
def forget_me(request: CoffeeRequest) -> None:
    report = forget.preview(request.runtime.unit_of_work, request.team_id, request.user_id)
    if not report.anything:
        request.ack(text=done_text(report))
        return
    request.ack(text="Forget what Rapport keeps about you?", blocks=confirm_blocks(report))


def confirm(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Only the person who clicks is forgotten: the button's value is never trusted for who."""
    ack()
    runtime = runtime_of(context)
    team_id = context.team_id or body["team"]["id"]
    report = forget.forget_member(
        runtime.unit_of_work,
        runtime.messengers.forgetting(team_id),
        team_id,
        body["user"]["id"],
        runtime.clock(),
    )
    respond(text=done_text(report), replace_original=True, response_type="ephemeral")


def register(app: App) -> None:
    app.action(FORGET_ACTION)(confirm)
