"""/intro: the profile modal and what the member submits; arguments go to cards and introductions."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.people.profile import check_profile
from bot.services.help.asks import set_wants_asks, wants_asks
from bot.services.people.profiles import profile_to_edit, save_profile
from handlers.context import runtime_of
from handlers.home.view import refresh_home_after
from handlers.introductions.listeners import USAGE, handle_proposal, mentioned
from handlers.people.cards import share_after_save, show_card
from handlers.people.mentors import show_mentors
from handlers.people.profile_blocks import CALLBACK_ID, hears_asks, profile_modal, read_profile_form
from handlers.text import plain


def open_profile_modal(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """`/intro` with no arguments, or an Edit profile button."""
    ack()
    runtime = runtime_of(context)
    user_id = context.user_id or body["user"]["id"]
    team_id = context.team_id or ""
    prefill, first_time = profile_to_edit(runtime.unit_of_work(), team_id, user_id)
    asks = wants_asks(runtime.unit_of_work, team_id, user_id)
    client.views_open(trigger_id=body["trigger_id"], view=profile_modal(prefill, first_time, asks))


def handle_intro(
    ack: Ack,
    command: dict[str, Any],
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
) -> None:
    """`/intro` (profile modal), `/intro @someone` (their card), `/intro @a @b why` (introduction),
    `/intro mentors [topic]` (mentors to ask for an introduction)."""
    text = plain(command.get("text")).strip()
    if not text:
        open_profile_modal(ack, body, client, context)
        return
    runtime = runtime_of(context)
    tokens = text.split()
    if len(tokens) == 1 and (user_id := mentioned(tokens[0])):
        show_card(ack, runtime, context.team_id or "", user_id)
    elif tokens[0].lower() == "mentors":
        show_mentors(ack, runtime, context.team_id or "", context.user_id or "", text[len("mentors") :])
    elif not handle_proposal(ack, respond, runtime, context, text):
        ack(text=USAGE)


def submit_profile(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Check every field; a wrong one gets an inline error and the member keeps what they typed."""
    runtime = runtime_of(context)
    form, share_again = read_profile_form(view)
    profile, errors = check_profile(context.team_id or "", context.user_id or "", form)
    if profile is None:
        ack(response_action="errors", errors=errors)
        return
    ack()
    first = save_profile(runtime.unit_of_work(), profile, runtime.clock())
    set_wants_asks(runtime.unit_of_work, profile.team_id, profile.user_id, hears_asks(view), runtime.clock())
    saved = "Your profile is saved" if first else "Your profile is updated"
    shared = f" {share_after_save(runtime, profile)}" if first or share_again else ""
    client.chat_postMessage(
        channel=profile.user_id,
        text=f"{saved}. Run `/intro` any time to change it; your coffee matches will see it.{shared}",
    )
    refresh_home_after(client, context, profile.user_id, "a profile save")


def register(app: App) -> None:
    app.command("/intro")(handle_intro)
    app.action("edit_profile")(open_profile_modal)
    app.view(CALLBACK_ID)(submit_profile)
