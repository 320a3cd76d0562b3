"""`/coffee setup intros #channel`: an admin picks where profile cards are shared (`off` clears it)."""

from __future__ import annotations

import re

from bot.services.people.cards_channel import Joined, clear_intro_channel, set_intro_channel
from handlers.coffee.command import CoffeeRequest
from handlers.text import clip, escape

USAGE = "`/coffee setup intros #channel` (or `/coffee setup intros off`)"
# How Slack sends a channel in a slash command with should_escape: <#C123|name> or <#C123|>.
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|([CG][A-Z0-9]{8,})")


def mentioned_channel(text: str) -> str | None:
    """The channel ID when `text` is exactly one channel mention (or a bare channel ID), else None."""
    found = _CHANNEL.fullmatch(text.strip())
    return (found.group(1) or found.group(2)) if found else None


def setup_intros(request: CoffeeRequest, arguments: str) -> None:
    """Called by `/coffee setup` (which has checked that the caller is an admin)."""
    runtime = request.runtime
    if arguments.strip().lower() in ("off", "none"):
        clear_intro_channel(runtime.unit_of_work, request.team_id, request.user_id, runtime.clock())
        fallback = runtime.settings.intro_channel
        rest = f"cards go to <#{fallback}> (the server's setting)" if fallback else "cards are not shared"
        return request.ack(text=f"Done: no introductions channel is set here now, so {rest}.")
    channel = mentioned_channel(arguments)
    if channel is None:
        word = escape(clip(arguments, 40)) or "nothing"
        return request.ack(text=f"I need one channel, not `{word}`. Use {USAGE}.")
    result = set_intro_channel(
        runtime.unit_of_work,
        runtime.messengers.introductions(request.team_id),
        request.team_id,
        channel,
        request.user_id,
        runtime.clock(),
    )
    request.ack(text=_answer(channel, result.joined, result.error))


def _answer(channel: str, joined: Joined, error: str | None) -> str:
    done = f"Done: profile cards now go to <#{channel}>."
    if joined is Joined.JOINED:
        return f"{done} I've joined it so I can post there."
    if joined is Joined.MUST_INVITE:
        return (
            f"{done} It's a private channel, so I can't join it myself: invite me there with "
            "`/invite @Rapport` (if I'm not there already), or cards can't be posted."
        )
    if joined is Joined.ARCHIVED:
        return f"<#{channel}> is archived, so nothing can be posted there; pick another channel."
    return f"{done} But I couldn't join it ({error}): invite me there with `/invite @Rapport`."
