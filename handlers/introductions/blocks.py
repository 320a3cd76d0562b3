"""Block Kit for profile cards and warm introductions. All user text goes through `safe`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.introductions import Introduction
from bot.domain.people.profile import Profile
from bot.services.introductions.ports import IntroSide, Standing
from handlers.blockkit import section
from handlers.help.offers_blocks import offers_section
from handlers.people.profile_blocks import ROLE_LABELS
from handlers.scheduling.blocks import FIND_TIME_INTRO, find_time_button
from handlers.text import safe

SECTION = 3000
Block = dict[str, Any]


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": text, "emoji": True},
    }
    if style:
        button["style"] = style
    return button


def facts_line(side: IntroSide) -> str:
    """ "<@U> · Intern · Payments · she/her", from the card or what the roster knows."""
    parts = [f"<@{side.user_id}>"]
    profile = side.profile
    if side.role is not None:
        parts.append(ROLE_LABELS[side.role])
    if profile is not None and profile.team:
        parts.append(safe(profile.team, 100))
    if profile is not None and profile.pronouns:
        parts.append(safe(profile.pronouns, 60))
    return " · ".join(parts)


def card_sections(side: IntroSide) -> list[Block]:
    """The card's fields, one section each so that none can outgrow Slack's limit."""
    blocks = [section(f"*{facts_line(side)}*")]
    profile = side.profile
    if profile is None:
        return [*blocks, section("_No profile yet._")]
    if profile.working_on:
        blocks.append(section("*Working on*\n" + safe(profile.working_on, SECTION - 20)))
    if profile.interests:
        blocks.append(section("*Ask me about*\n" + safe(", ".join(profile.interests), SECTION - 20)))
    if profile.pitch:
        blocks.append(section(safe(profile.pitch, SECTION)))
    if profile.linkedin_url:
        blocks.append(section("<" + safe(profile.linkedin_url, 250) + "|LinkedIn>"))
    return blocks


def card_blocks(profile: Profile, with_button: bool = True, offers: Sequence[str] = ()) -> list[Block]:
    """The card; `offers` (what they offer to help with) only where it is shown on request, as they change."""
    blocks = card_sections(IntroSide(profile.user_id, profile, profile.role)) + offers_section(offers)
    if with_button:
        say_hi = button("Say hi 👋", "say_hi", profile.user_id, "primary")
        blocks.append({"type": "actions", "block_id": "card_actions", "elements": [say_hi]})
    return blocks


def card_text(profile: Profile) -> str:
    return f"Meet <@{profile.user_id}> ({ROLE_LABELS[profile.role]})"


def say_hi_text(clicker: str, member: str) -> str:
    return (
        f"👋 <@{clicker}> saw <@{member}>'s introduction and wanted to say hi! "
        "This DM is all yours — how about a quick hello or a virtual coffee?"
    )


def not_yet_blocks(user_id: str, reachable: bool) -> list[Block]:
    if not reachable:
        return [section(f"<@{user_id}> can't introduce themselves here (not a person in this workspace).")]
    text = f"<@{user_id}> hasn't introduced themselves yet."
    nudge = button("Nudge them", "nudge_intro", user_id)
    return [section(text), {"type": "actions", "block_id": "nudge", "elements": [nudge]}]


def invite_text(nudged_by: str) -> str:
    return (
        f"Hi! <@{nudged_by}> would love to know more about you. Run `/intro` to write a short profile: "
        "it takes two minutes, and it is what your coffee matches and introductions will see."
    )


def consent_text(intro: Introduction, other: str) -> str:
    return f"<@{intro.proposer}> would like to introduce you to <@{other}>"


def consent_blocks(intro: Introduction, asked: str, other: IntroSide) -> list[Block]:
    if intro.proposer == other.user_id:
        lead = f"<@{other.user_id}> would like to be introduced to you."
    else:
        lead = f"<@{intro.proposer}> would like to introduce you to <@{other.user_id}>."
    blocks = [section(lead + " Only you see this; they hear nothing unless you both agree.")]
    blocks += card_sections(other)
    if intro.why:
        blocks.append(section("*Why:* " + safe(intro.why, SECTION - 10)))
    buttons = [
        button("Happy to meet", "intro_accept", str(intro.id), "primary"),
        button("Not now", "intro_decline", str(intro.id)),
    ]
    return [*blocks, {"type": "actions", "block_id": "intro_answer", "elements": buttons}]


def answered_blocks(standing: Standing, other: str) -> list[Block]:
    """What replaces a consent request's buttons, true for the one who answered; `other` is whom they
    would meet."""
    yes = "✅ You said you're happy to meet"
    texts = {
        Standing.DECLINED: "You said not now. Nobody will be told who said no.",
        Standing.WAITING: f"{yes}. If <@{other}> says yes too, I'll start a group DM.",
        Standing.INTRODUCED: f"{yes}, so I've started a group DM with <@{other}>.",
        Standing.NOT_OPENED: (
            f"{yes}, but Slack wouldn't let me open a group DM with <@{other}>. Send them a message yourself!"
        ),
    }
    return [section(texts[standing])]


def introduction_blocks(intro: Introduction, a: IntroSide, b: IntroSide) -> list[Block]:
    """The group DM's opening, read by everyone in it: it names who asked rather than saying "you"."""
    if intro.proposer in (a.user_id, b.user_id):
        asked = b.user_id if intro.proposer == a.user_id else a.user_id
        opening = f"🤝 <@{intro.proposer}> asked to meet <@{asked}>, who said yes, so here you both are!"
    else:
        opening = f"🤝 You both said yes, so here you are (<@{intro.proposer}> suggested it)!"
    blocks = [section(opening)]
    blocks += [section(_key_facts(a)), section(_key_facts(b))]
    if intro.why:
        blocks.append(section("*Why:* " + safe(intro.why, SECTION - 10)))
    first_step = (
        f"*A first step:* <@{b.user_id}>, press *Find a time* for three times that suit you both, or suggest "
        "two 20-minute slots this week."
    )
    find_time = find_time_button(str(intro.id), FIND_TIME_INTRO)
    return [
        *blocks,
        section(first_step),
        {"type": "actions", "block_id": "findtime", "elements": [find_time]},
    ]


def introduction_text(a: IntroSide, b: IntroSide) -> str:
    return f"Meet each other: <@{a.user_id}> and <@{b.user_id}>"


def _key_facts(side: IntroSide) -> str:
    lines = [facts_line(side)]
    profile = side.profile
    if profile is not None and profile.working_on:
        lines.append("Working on: " + safe(profile.working_on, 600))
    if profile is not None and profile.interests:
        lines.append("Ask me about: " + safe(", ".join(profile.interests), 600))
    return "\n".join(lines)


def not_this_time_text(intro: Introduction) -> str:
    """For the proposer only; it must not say who declined, nor even name the people."""
    day = _day(intro.created_at)
    reason = f" (“{safe(intro.why, 200)}”)" if intro.why else ""
    return (
        f"The introduction you asked for on {day}{reason} didn't work out this time. "
        "That's usually just timing — thank you for thinking of it."
    )


def _day(moment: datetime) -> str:
    return f"{moment:%b} {moment.day}"
