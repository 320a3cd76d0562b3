"""`/offer what you can help with`, `/offer list [topic]`, `/offer remove [number]`, and the Book a chat and
Take down buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.help.offers import offer_number
from bot.runtime import Runtime
from bot.services.help.offers import (
    Added,
    Booked,
    Booking,
    add_offer,
    book_chat,
    list_offers,
    offers_of,
    remove_offer,
)
from bot.services.ports import ChannelPurpose
from bot.services.workspace_channels import channel_for
from handlers.buttons import Pressed, numbered_button
from handlers.context import runtime_of
from handlers.help.offers_blocks import BOOK, REMOVE, list_blocks, nothing_text, offer_words, remove_blocks
from handlers.middleware.dedup import read_only_command
from handlers.text import asks_for_help, plain, without_names

USAGE = (
    "`/offer what you can help with` adds an offer to your profile (e.g. `/offer résumé reviews`) · "
    "`/offer list [topic]` shows who offers what · `/offer remove 3` takes your offer #3 down"
)


def added_text(added: Added) -> str:
    """What the member is told after `/offer …`."""
    offer = added.offer
    if offer is None:
        return added.why_not or USAGE
    mine = f"Offer #{offer.id} (“{offer_words(offer.text)}”) is on your profile"
    if added.channel_id is not None:
        return f"{mine} and posted in <#{added.channel_id}>, where people can book a chat with you. 🤝"
    if added.post_error is not None:
        return (
            f"{mine}, but I couldn't post it in the help channel ({added.post_error}): ask an admin to check."
        )
    return (
        f"{mine}. No help channel is set up yet, so it was only saved: people find it with `/offer list` "
        "and on your profile. (An admin picks a channel with `/coffee setup asks #channel`.)"
    )


def booked_text(booked: Booked) -> str:
    offer = booked.offer
    if booked.status is Booking.GONE or offer is None:
        return "That offer was taken down, so there is nothing to book. `/offer list` shows the current ones."
    if booked.status is Booking.OWN:
        return "That's your own offer! 😄 Others use this button to book a chat with you."
    if booked.status is Booking.AGAIN:
        return (
            f"You booked a chat about this already: your group DM with <@{offer.user_id}> is in your sidebar."
        )
    if booked.error is not None:
        return f"I couldn't open a group DM with <@{offer.user_id}> ({booked.error}). Try messaging them."
    return f"I opened a group DM with <@{offer.user_id}>: say hi and find a time. 🤝"


def handle_offer(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    runtime = runtime_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    words = plain(command.get("text")).split(maxsplit=1)
    first, rest = (words[0].lower(), words[1] if len(words) > 1 else "") if words else ("", "")
    if not first or asks_for_help(command.get("text")):
        ack(text=USAGE)
    elif first == "list":
        topic = " ".join(rest.split())
        listing = list_offers(runtime.unit_of_work, team_id, topic)
        if not listing.found:
            ack(text=nothing_text(listing.total, topic))
        else:
            ack(text="Offers of help", blocks=list_blocks(listing.found, listing.total, topic))
    elif first == "remove":
        _remove(ack, respond, runtime, team_id, user_id, rest)
    else:
        ack()
        channel = channel_for(
            runtime.unit_of_work, team_id, ChannelPurpose.ASKS, runtime.settings.asks_channel
        )
        added = add_offer(
            runtime.unit_of_work,
            runtime.messengers.offers(team_id),
            channel,
            team_id,
            user_id,
            without_names(" ".join(words)),
            runtime.clock(),
            runtime.settings.offers_daily_limit,
        )
        respond(text=added_text(added), response_type="ephemeral")


def _remove(ack: Ack, respond: Respond, runtime: Runtime, team_id: str, user_id: str, rest: str) -> None:
    if not rest.strip():
        mine = offers_of(runtime.unit_of_work, team_id, user_id)
        if not mine:
            ack(text="You have no offers up. `/offer what you can help with` adds one.")
        else:
            ack(text="Your offers", blocks=remove_blocks(mine))
        return
    number = offer_number(rest)
    if number is None:
        ack(text="Which offer? `/offer remove 3` — `/offer remove` alone lists yours.")
        return
    ack()
    text = remove_offer(
        runtime.unit_of_work, runtime.messengers.offers(team_id), team_id, user_id, number, runtime.clock(),
        runtime.settings.offers_daily_limit,
    )  # fmt: skip
    respond(text=text, response_type="ephemeral")


@numbered_button
def press_book(pressed: Pressed) -> str:
    runtime, team_id = pressed.runtime, pressed.team_id
    booked = book_chat(
        runtime.unit_of_work, runtime.messengers.offers(team_id), team_id, pressed.user_id, pressed.number,
        runtime.clock(),
    )  # fmt: skip
    return booked_text(booked)


@numbered_button
def press_remove(pressed: Pressed) -> str:
    runtime, team_id = pressed.runtime, pressed.team_id
    return remove_offer(
        runtime.unit_of_work, runtime.messengers.offers(team_id), team_id, pressed.user_id, pressed.number,
        runtime.clock(), runtime.settings.offers_daily_limit,
    )  # fmt: skip


def register(app: App) -> None:
    read_only_command("/offer", "list")
    read_only_command("/offer", "")
    app.command("/offer")(handle_offer)
    app.action(BOOK)(press_book)
    app.action(REMOVE)(press_remove)
