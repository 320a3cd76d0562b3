"""Block Kit for coffee rounds: the introduction, the check-in and its answered state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.coffee.group_intro import Intro, IntroPerson
from bot.domain.coffee.model import CheckinAnswer
from bot.domain.people.person import Role
from handlers.blockkit import section
from handlers.events.blocks import when
from handlers.scheduling.blocks import find_time_button
from handlers.text import clip, escape

ANSWER_LABELS = {
    CheckinAnswer.MET: "We met ☕",
    CheckinAnswer.SCHEDULED: "Scheduled 📅",
    CheckinAnswer.NOT_THIS_TIME: "Not this time",
}
CHECKIN_ACTIONS = {f"checkin_{answer.value}": answer for answer in CheckinAnswer}
ROLE_NAMES = {Role.INTERN: "intern", Role.COLLEAGUE: "colleague", Role.MENTOR: "mentor"}


def _who(person: IntroPerson) -> str:
    parts = [ROLE_NAMES[person.role]]
    if person.team:
        parts.append(escape(person.team))
    line = f"• <@{person.user_id}> — {' · '.join(parts)}"
    if person.working_on:
        line += f"\n   works on {escape(clip(person.working_on, 200))}"
    if person.interests:
        line += f"\n   ask about: {escape(', '.join(person.interests[:5]))}"
    return line


def intro_text(intro: Intro) -> str:
    names = ", ".join(f"<@{p.user_id}>" for p in intro.people)
    return f"☕ Coffee time: {names}, meet each other by {intro.meet_by:%A %-d %B}."


def intro_blocks(intro: Intro, group_id: int | None = None) -> list[dict[str, Any]]:
    blocks = [
        section(
            f"☕ *Coffee time!* {' and '.join(f'<@{p.user_id}>' for p in intro.people)}, meet each other."
        ),
        section("\n".join(_who(person) for person in intro.people)),
    ]
    if intro.shared_interests:
        blocks.append(section(f"You have things in common: *{escape(', '.join(intro.shared_interests))}*."))
    blocks.append(
        section(
            f"*<@{intro.organiser}> organises this one:* press *Find a time* for three times that suit "
            f"everyone's hours, or suggest your own (a 20-minute call or a real coffee). "
            f"*Meet by {intro.meet_by:%A %-d %B}*."
        )
    )
    if group_id is not None:
        blocks.append(
            {"type": "actions", "block_id": "findtime", "elements": [find_time_button(str(group_id))]}
        )
    blocks.append(section(f"*A question to get started:* {escape(intro.starter)}"))
    blocks.append(
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "I'll check in midway through the round, or an hour after the time you agree. "
                    "`/coffee skip` sits out the next one.",
                }
            ],
        }
    )
    return blocks


def checkin_blocks(group_id: int, reask: bool) -> list[dict[str, Any]]:
    question = (
        "Did your coffee chat happen? You'd scheduled it — let me know how it went."
        if reask
        else "Halfway through the round — did you meet?"
    )
    buttons = [
        {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": ANSWER_LABELS[answer]},
            "value": str(group_id),
            **({"style": "primary"} if answer is CheckinAnswer.MET else {}),
        }
        for action_id, answer in CHECKIN_ACTIONS.items()
    ]
    return [section(question), {"type": "actions", "block_id": f"checkin_{group_id}", "elements": buttons}]


def answered_blocks(
    answer: CheckinAnswer, user_id: str, agreed: datetime | None = None, again_after_slot: bool = False
) -> list[dict[str, Any]]:
    """The check-in once answered; Scheduled names the time agreed with Find a time, if there is one."""
    follow = {
        CheckinAnswer.MET: "Great! I've noted it.",
        CheckinAnswer.SCHEDULED: "Enjoy it — I'll ask again near the end of the round.",
        CheckinAnswer.NOT_THIS_TIME: "No worries — there's always the next round.",
    }[answer]
    if answer is CheckinAnswer.SCHEDULED and agreed is not None:
        again = "an hour after it" if again_after_slot else "near the end of the round"
        follow = f"Enjoy it on {when(agreed)} — I'll ask again {again}."
    return [section(f"<@{user_id}> answered *{ANSWER_LABELS[answer]}*. {follow}")]


def heads_up_blocks(pool_id: int, when: str) -> list[dict[str, Any]]:
    """`when`: "today at 10:00", "tomorrow (Monday at 10:00)", … (`starts_in_words`)."""
    skip = {
        "type": "button",
        "action_id": "coffee_skip_next",
        "text": {"type": "plain_text", "text": "Skip this one"},
        "value": str(pool_id),
    }
    return [
        section(f"☕ *New coffee round {when}*. Busy week? Sit this one out — no one will be told."),
        {"type": "actions", "block_id": "heads_up", "elements": [skip]},
    ]


def stay_blocks(pool_id: int, channel_id: str) -> list[dict[str, Any]]:
    def button(action_id: str, label: str) -> dict[str, Any]:
        return {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": label},
            "value": str(pool_id),
        }

    return [
        section(
            f"Your last three coffee chats in <#{channel_id}> went unanswered. Totally fine — do you want to "
            "keep being paired, take a break, or stop?"
        ),
        {
            "type": "actions",
            "block_id": "stay",
            "elements": [
                {**button("coffee_stay", "Keep me in"), "style": "primary"},
                button("coffee_pause_4w", "Pause 4 weeks"),
                button("coffee_leave", "Leave"),
            ],
        },
    ]
