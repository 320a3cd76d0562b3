"""Block Kit for mentoring's messages: invitations, the request to a mentor, the kickoff, check-ins and the
fit question. Every goal and wish a mentee typed goes through `safe`; the Slack adapter imports these."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.mentoring.kickoff import Kickoff
from bot.services.mentoring.ports import CheckinAnswer, FitAnswer, Pair, Request
from handlers.blockkit import context, section
from handlers.events.blocks import when
from handlers.scheduling.blocks import FIND_TIME_MENTORING, find_time_button
from handlers.text import safe, who

Block = dict[str, Any]
ACCEPT, DECLINE = "mentoring_accept", "mentoring_decline"
VOLUNTEER, FIND = "mentoring_volunteer", "mentoring_find"
FIT = {"mentoring_fit_good": FitAnswer.GOOD, "mentoring_fit_not_good": FitAnswer.NOT_GOOD}
CHECKIN = {
    "mentoring_checkin_met": CheckinAnswer.MET,
    "mentoring_checkin_scheduled": CheckinAnswer.SCHEDULED,
    "mentoring_checkin_not_this_time": CheckinAnswer.NOT_THIS_TIME,
}
ANSWER_LABELS = {
    CheckinAnswer.MET: "We met",
    CheckinAnswer.SCHEDULED: "Scheduled",
    CheckinAnswer.NOT_THIS_TIME: "Not this time",
}
GOAL_SHOWN = 200


def button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> Block:
    block: Block = {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": text}}
    if value is not None:
        block["value"] = value
    if style:
        block["style"] = style
    return block


def actions(block_id: str, *elements: Block) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def goals_text(goals: Sequence[str]) -> str:
    if not goals:
        return "_No goals given yet: ask about them in your first session._"
    return "\n".join(f"• {safe(goal, GOAL_SHOWN)}" for goal in goals)


def invite_mentor_blocks() -> tuple[str, list[Block]]:
    text = "Would you mentor an intern this program?"
    blocks = [
        section(
            "🌱 *Would you mentor an intern this program?* You choose how many (1 to 3), what you can help "
            "with and how often you can meet. Each intern who'd like you is proposed to you first, and you "
            "can say no."
        ),
        actions("mentoring_invite", button("Sign up as a mentor", VOLUNTEER, style="primary")),
    ]
    return text, blocks


def invite_mentee_blocks(closes_at: datetime | None) -> tuple[str, list[Block]]:
    text = "Would you like a mentor?"
    deadline = f" Matching closes {when(closes_at)}." if closes_at else ""
    blocks = [
        section(
            "🌱 *Would you like a mentor for your internship?* Tell me up to three goals and what you'd "
            "like in a mentor; I'll show you the mentors who fit best, and you rank the ones you'd like."
            f"{deadline}"
        ),
        actions("mentoring_invite", button("Tell Rapport your goals", FIND, style="primary")),
    ]
    return text, blocks


def request_blocks(request: Request, reminder: bool = False) -> tuple[str, list[Block]]:
    pair = request.pair
    text = f"{'Reminder: ' if reminder else ''}{who(pair.mentee_id)} would like you as their mentor"
    lead = "⏰ *A reminder:* " if reminder else "🌱 "
    blocks = [
        section(f"{lead}{who(pair.mentee_id)} would like you as their mentor. *Their goals:*"),
        section(goals_text(request.goals)),
    ]
    if request.wants:
        blocks.append(section("*What they'd like in a mentor:* " + safe(request.wants, 400)))
    blocks += [
        context(
            f"Please answer by {when(request.due_at)}. If you decline, they're matched with someone else."
        ),
        actions(
            f"mentoring_request_{pair.id}",
            button("Accept", ACCEPT, str(pair.id), "primary"),
            button("Decline", DECLINE, str(pair.id)),
        ),
    ]
    return text, blocks


REQUEST_CLOSED = {
    "accepted": "✅ You accepted. I've opened a group DM with both of you to get started.",
    "declined": "Thanks for letting me know. I'll find them another mentor; they won't hear you declined.",
    "expired": "This request expired without an answer, so I've asked someone else. Thanks anyway!",
    "left": "This intern has left the workspace, so there's nothing to answer. Thank you for offering!",
}


def closed_blocks(text: str) -> list[Block]:
    return [section(text)]


def kickoff_text(pair: Pair) -> str:
    return f"Welcome, {who(pair.mentee_id)} and {who(pair.mentor_id)}: you're a mentoring pair!"


def kickoff_blocks(pair: Pair, plan: Kickoff) -> list[Block]:
    agreement = "\n".join(f"{n}. {item}: …" for n, item in enumerate(plan.agreement, start=1))
    agenda = "\n".join(f"• {safe(item, GOAL_SHOWN + 80)}" for item in plan.agenda)
    return [
        section(
            f"🌱 *{kickoff_text(pair)}* {who(pair.mentor_id)} mentors {who(pair.mentee_id)} through the "
            f"internship, meeting {plan.cadence.label}."
        ),
        section(f"*{who(pair.mentee_id)}'s goals*\n{goals_text(plan.goals)}"),
        section(f"*Your agreement* — fill it in together here, in your own words:\n{agreement}"),
        section(f"*A first-session agenda* (about 45 minutes)\n{agenda}"),
        context(f"I'll check in here {plan.cadence.label}. Rapport keeps no messages from this chat."),
        actions("findtime", find_time_button(str(pair.id), FIND_TIME_MENTORING)),
    ]


def checkin_blocks(pair_id: int, number: int) -> list[Block]:
    value = f"{pair_id}:{number}"
    buttons = [
        button(ANSWER_LABELS[answer], action_id, value, "primary" if answer is CheckinAnswer.MET else None)
        for action_id, answer in CHECKIN.items()
    ]
    return [
        section("📅 *Mentoring check-in:* did you meet since the last one?"),
        actions(f"mentoring_checkin_{pair_id}_{number}", *buttons),
    ]


def checkin_answered_blocks(answer: CheckinAnswer, user_id: str) -> list[Block]:
    follow = {
        CheckinAnswer.MET: "Great! I've noted it.",
        CheckinAnswer.SCHEDULED: "Enjoy it: you can still answer We met here.",
        CheckinAnswer.NOT_THIS_TIME: "No worries: there's always the next one.",
    }[answer]
    return [section(f"{who(user_id)} answered *{ANSWER_LABELS[answer]}*. {follow}")]


def fit_blocks(user_id: str, pair: Pair) -> tuple[str, list[Block]]:
    other = pair.mentor_id if user_id == pair.mentee_id else pair.mentee_id
    text = f"Is mentoring with {who(other)} a good fit?"
    blocks = [
        section(
            f"🤝 You've had your first session with {who(other)}. *Is this a good fit?* Only you see this "
            "answer; if it isn't, the mentorship ends kindly and nobody is told who said so, or why."
        ),
        actions(
            f"mentoring_fit_{pair.id}",
            button("A good fit", "mentoring_fit_good", str(pair.id), "primary"),
            button("Not a good fit", "mentoring_fit_not_good", str(pair.id)),
        ),
    ]
    return text, blocks


FIT_CLOSED = {
    FitAnswer.GOOD.value: "Glad to hear it! Enjoy your sessions.",
    FitAnswer.NOT_GOOD.value: "Thanks for telling me. The mentorship ends here; nobody is told who said so.",
    "ended": "This mentorship has ended, so there's nothing to answer.",
}


def unmatched_text() -> str:
    return (
        "🌱 Thanks for telling me your goals. Every mentor's places are taken for now, so I couldn't match "
        "you yet — I'll keep trying as places open up, and your program lead knows. Meanwhile, "
        "`/intro mentors topic` finds mentors you can ask for a chat."
    )


def ended_text(other: str, mentee: bool) -> str:
    if mentee:
        return (
            f"Your mentorship with {who(other)} ends here — these things happen, and it's nobody's fault. "
            "I'm finding you another mentor and will introduce you as soon as they accept."
        )
    return f"Your mentorship with {who(other)} ends here. Thank you for your time with them!"
