"""Profile cards: shared after a save, shown by `/intro @someone`, and their Say hi / Nudge buttons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.people.profile import Profile
from bot.runtime import Runtime
from bot.services.help.offers import offers_of
from bot.services.people.cards import SayHi, Shared, look_up, nudge, say_hi, share_card
from bot.services.ports import ChannelPurpose, SlackError
from bot.services.workspace_channels import channel_for
from handlers.context import runtime_of
from handlers.introductions.blocks import card_blocks, card_text, not_yet_blocks
from handlers.text import INVALID_VALUE, user_id_value


def share_after_save(runtime: Runtime, profile: Profile) -> str:
    """Post the card to the introductions channel; a sentence for the member's confirmation."""
    channel = channel_for(
        runtime.unit_of_work, profile.team_id, ChannelPurpose.INTROS, runtime.settings.intro_channel
    )
    messenger = runtime.messengers.introductions(profile.team_id)
    result = share_card(runtime.unit_of_work, messenger, channel, profile, runtime.clock())
    if result.status is Shared.POSTED:
        replaced = " (your earlier card there was removed)" if result.replaced else ""
        return f"Your card is in <#{channel}> so people can say hi{replaced}."
    if result.status is Shared.NO_CHANNEL:
        return (
            "No introductions channel is set up yet, so your card was not shared anywhere. Once an admin "
            "picks one with `/coffee setup intros #channel`, cards go there: save again with “Share again” "
            "ticked to post yours."
        )
    return (
        f"Your profile is safe, but your card could not be posted in <#{channel}> ({result.error}). "
        "Ask an admin to invite me there, then save again with “Share again” ticked."
    )


def show_card(ack: Ack, runtime: Runtime, team_id: str, user_id: str) -> None:
    """`/intro @someone`: their card, privately; or an offer to nudge them."""
    found = look_up(runtime.unit_of_work, runtime.messengers.introductions(team_id), team_id, user_id)
    if found.profile is not None:
        offers = [offer.text for offer in offers_of(runtime.unit_of_work, team_id, user_id)]
        blocks = card_blocks(found.profile, offers=offers)
        ack(text=card_text(found.profile), blocks=blocks, response_type="ephemeral")
        return
    text = f"<@{user_id}> hasn't introduced themselves yet. (Run `/intro` to write your own profile.)"
    ack(text=text, blocks=not_yet_blocks(user_id, found.reachable), response_type="ephemeral")


def _private(respond: Respond, text: str) -> None:
    respond(text=text, replace_original=False, response_type="ephemeral")


SAY_HI_ANSWERS = {
    SayHi.OWN_CARD: "That's you! 😄 Others will use this button to say hi to you.",
    SayHi.NO_CARD: "That card's owner has no profile here any more, so there is nobody to say hi to.",
    SayHi.ALREADY_TODAY: "You already said hi to <@{member}> today: the DM is open, say more there.",
}


def press_say_hi(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    clicker, member = context.user_id or "", user_id_value(action.get("value"))
    if member is None:
        _private(respond, INVALID_VALUE)
        return
    team_id = context.team_id or ""
    messenger = runtime.messengers.introductions(team_id)
    try:
        said = say_hi(runtime.unit_of_work, messenger, team_id, clicker, member, runtime.clock())
    except SlackError as error:
        _private(
            respond, f"I couldn't open a DM with <@{member}> ({error.code}). Try messaging them directly."
        )
        return
    if said is not SayHi.SENT:
        _private(respond, SAY_HI_ANSWERS[said].format(member=member))


def press_nudge(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", user_id_value(action.get("value"))
    if user_id is None:
        _private(respond, INVALID_VALUE)
        return
    messenger = runtime.messengers.introductions(team_id)
    found = look_up(runtime.unit_of_work, messenger, team_id, user_id)
    if found.profile is not None or not found.reachable:
        why = "has already introduced themselves" if found.profile else "can't get a nudge from me"
        _private(respond, f"<@{user_id}> {why}, so I sent nothing.")
        return
    try:
        last = nudge(
            runtime.unit_of_work, messenger, team_id, user_id, context.user_id or "", runtime.clock()
        )
    except SlackError as error:
        _private(respond, f"I couldn't message <@{user_id}> ({error.code}).")
        return
    if last is None:
        _private(respond, f"I've invited <@{user_id}> to introduce themselves. Thanks for the nudge!")
    else:
        _private(respond, f"<@{user_id}> was last nudged on {_day(last)}; one nudge a week is plenty.")


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment:%b} {moment.day}"


def register(app: App) -> None:
    app.action("say_hi")(press_say_hi)
    app.action("nudge_intro")(press_nudge)
