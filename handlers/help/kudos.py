"""`/kudos @someone what they did`, and Post kudos publicly on a thank-you nudge (its modal)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain.help.kudos import DAILY_LIMIT, Refusal
from bot.runtime import Runtime
from bot.services.help.kudos import Sent, kudos_from_nudge, post_from_nudge, send_kudos
from bot.services.ports import ChannelPurpose
from bot.services.workspace_channels import channel_for
from handlers.context import runtime_of
from handlers.followups.buttons import nudge_message
from handlers.help.kudos_blocks import KUDOS_MODAL, POST_KUDOS, kudos_modal, read_kudos_modal
from handlers.home.view import from_home, refresh_home
from handlers.text import (
    INVALID_VALUE,
    channel_id_value,
    leading_mention,
    message_ts_value,
    plain,
    user_id_value,
    without_names,
)

USAGE = "Thank someone in public: `/kudos @someone what they did`, e.g. `/kudos @ben for the SQL help`."

REFUSALS = {
    Refusal.NO_TEXT: "Say what they did, e.g. `/kudos @someone for the great pairing session`.",
    Refusal.SELF: "Kudos are for thanking someone else — but well done, whatever it was! 😄",
    Refusal.BOT: "<@{person}> is a bot: kudos are for people.",
    Refusal.UNKNOWN: "<@{person}> isn't an active person in this workspace, so no kudos went out.",
    Refusal.TOO_MANY: (
        f"You've sent {DAILY_LIMIT} kudos in the last 24 hours, the most in a day, so this one didn't go. "
        "Save it for tomorrow!"
    ),
}

MODAL_ERRORS = {  # plain text: a modal's errors show no mentions
    Refusal.NO_TEXT: "Say what they did.",
    Refusal.SELF: "Choose someone other than yourself.",
    Refusal.BOT: "That's a bot: kudos are for people.",
    Refusal.UNKNOWN: "That person isn't active in this workspace.",
}


def kudos_channel(runtime: Runtime, team_id: str) -> str | None:
    return channel_for(runtime.unit_of_work, team_id, ChannelPurpose.KUDOS, runtime.settings.kudos_channel)


def outcome_text(sent: Sent, person: str) -> str:
    """What the sender is told: where the thank-you went, or why it did not."""
    if sent.refusal is not None:
        return REFUSALS[sent.refusal].format(person=person)
    if sent.kudos is None:
        return f"Slack refused the thank-you ({sent.error}), so nothing was posted. Try again later."
    if sent.channel_id is not None:
        return f"Your thank-you to <@{person}> is posted in <#{sent.channel_id}>. 🙌"
    if sent.channel_error is not None:
        return f"I couldn't post in the kudos channel ({sent.channel_error}), so <@{person}> got it as a DM."
    return f"No kudos channel is set up, so <@{person}> got your thank-you as a DM. 🙌"


def handle_kudos(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    found = leading_mention(plain(command.get("text")))
    if found is None:
        ack(text=USAGE)
        return
    person, words = found[0], without_names(found[1])
    ack()
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    sent = send_kudos(
        runtime.unit_of_work,
        runtime.messengers.kudos(team_id),
        kudos_channel(runtime, team_id),
        team_id,
        user_id,
        person,
        words,
        runtime.clock(),
    )
    respond(text=outcome_text(sent, person), response_type="ephemeral")


def press_post_kudos(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Open the modal, pre-filled from the nudge the button belongs to."""
    ack()
    runtime = runtime_of(context)
    user_id = body["user"]["id"]
    channel, ts = nudge_message(body, action)
    if not (channel and ts):
        refresh_home(client, context, user_id, INVALID_VALUE)
        return
    team_id = context.team_id or ""
    start = kudos_from_nudge(
        runtime.unit_of_work, runtime.messengers.followups(team_id), team_id, user_id, channel, ts
    )
    if not start.people:
        closed = "That reminder is closed already. `/kudos @someone what they did` thanks anyone."
        if from_home(body):
            refresh_home(client, context, user_id, closed)
        else:
            client.chat_postMessage(channel=user_id, text=closed)
        return
    client.views_open(trigger_id=body["trigger_id"], view=kudos_modal(start.people, start.line, channel, ts))


def submit_kudos(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Inline errors for whom and what; else the kudos is posted and the nudge marked done."""
    given_person, given_text, given_channel, given_ts = read_kudos_modal(view)
    person = user_id_value(given_person)
    text = plain(given_text if isinstance(given_text, str) else "")
    if person is None:
        ack(response_action="errors", errors={"person": "Choose whom to thank."})
        return
    channel, ts = channel_id_value(given_channel), message_ts_value(given_ts)
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    sent = post_from_nudge(
        runtime.unit_of_work,
        runtime.messengers.kudos(team_id),
        runtime.messengers.followups(team_id),
        kudos_channel(runtime, team_id),
        team_id,
        user_id,
        person,
        text,
        (channel, ts) if channel and ts else None,
        runtime.clock(),
    )
    if sent.kudos is None:
        field = "text" if sent.refusal in (Refusal.NO_TEXT, Refusal.TOO_MANY, None) else "person"
        ack(
            response_action="errors", errors={field: MODAL_ERRORS.get(sent.refusal) or outcome_text(sent, "")}
        )
        return
    ack()
    client.chat_postMessage(channel=user_id, text=outcome_text(sent, person))


def register(app: App) -> None:
    app.command("/kudos")(handle_kudos)
    app.action(POST_KUDOS)(press_post_kudos)
    app.view(KUDOS_MODAL)(submit_kudos)
