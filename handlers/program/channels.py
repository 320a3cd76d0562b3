"""`/coffee setup intros|asks|kudos #channel`: an admin picks where profile cards, asks and offers, or kudos
are posted (`off` clears it, and the server's setting applies again)."""

from __future__ import annotations

import re

from bot.services.ports import ChannelPurpose
from bot.services.workspace_channels import NOT_READABLE, Joined, clear_channel, set_channel
from handlers.coffee.command import CoffeeRequest
from handlers.text import clip, escape

# How Slack sends a channel in a slash command with should_escape: <#C123|name> or <#C123|>.
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|([CG][A-Z0-9]{8,})")
WHAT = {
    ChannelPurpose.INTROS: "profile cards",
    ChannelPurpose.ASKS: "asks and offers",
    ChannelPurpose.KUDOS: "kudos",
}
PURPOSES = {purpose.value: purpose for purpose in ChannelPurpose}


def mentioned_channel(text: str) -> str | None:
    """The channel ID when `text` is exactly one channel mention (or a bare channel ID), else None."""
    found = _CHANNEL.fullmatch(text.strip())
    return (found.group(1) or found.group(2)) if found else None


def fallback_channel(request: CoffeeRequest, purpose: ChannelPurpose) -> str | None:
    settings = request.runtime.settings
    return {
        ChannelPurpose.INTROS: settings.intro_channel,
        ChannelPurpose.ASKS: settings.asks_channel,
        ChannelPurpose.KUDOS: settings.kudos_channel,
    }[purpose]


def setup_channel(request: CoffeeRequest, purpose: ChannelPurpose, arguments: str) -> None:
    """Called by `/coffee setup` (which has checked that the caller is an admin)."""
    runtime = request.runtime
    usage = f"`/coffee setup {purpose.value} #channel` (or `/coffee setup {purpose.value} off`)"
    if arguments.strip().lower() in ("off", "none"):
        clear_channel(runtime.unit_of_work, request.team_id, purpose, request.user_id, runtime.clock())
        fallback = fallback_channel(request, purpose)
        rest = f"{WHAT[purpose]} go to <#{fallback}> (the server's setting)" if fallback else _unset(purpose)
        return request.ack(text=f"Done: no {purpose.value} channel is set here now, so {rest}.")
    channel = mentioned_channel(arguments)
    if channel is None:
        word = escape(clip(arguments, 40)) or "nothing"
        return request.ack(text=f"I need one channel, not `{word}`. Use {usage}.")
    join = runtime.messengers.introductions(request.team_id).join
    result = set_channel(
        runtime.unit_of_work,
        join,
        runtime.channel_access,
        request.team_id,
        purpose,
        channel,
        request.user_id,
        runtime.clock(),
    )
    request.ack(text=_answer(purpose, channel, result.joined, result.error))


def _unset(purpose: ChannelPurpose) -> str:
    return {
        ChannelPurpose.INTROS: "cards are not shared",
        ChannelPurpose.ASKS: "asks and offers can't be posted",
        ChannelPurpose.KUDOS: "kudos go to the person thanked, by DM",
    }[purpose]


def _answer(purpose: ChannelPurpose, channel: str, joined: Joined, error: str | None) -> str:
    done = f"Done: {WHAT[purpose]} now go to <#{channel}>."
    if joined is Joined.JOINED:
        return f"{done} I've joined it so I can post there."
    if joined is Joined.PRIVATE_MEMBER:
        return done
    if joined is Joined.MUST_INVITE:
        return (
            f"{done} It's a private channel, so I can't join it myself: invite me there with "
            f"`/invite @Rapport` (if I'm not there already), or {WHAT[purpose]} can't be posted."
        )
    if joined is Joined.NOT_READABLE:
        return NOT_READABLE
    if joined is Joined.ARCHIVED:
        return f"<#{channel}> is archived, so nothing can be posted there; pick another channel."
    return f"{done} But I couldn't join it ({error}): invite me there with `/invite @Rapport`."
