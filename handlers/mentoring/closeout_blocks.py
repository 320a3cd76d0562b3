"""Block Kit for mentoring's close-out: the three private questions (1-5 buttons each), and the drafts DM that
follows (the mentee's thank-you and reference request, the mentor's reminder). Goals go through `safe`."""

from __future__ import annotations

from typing import Any

from bot.domain.help.updates import SharedUpdate
from bot.domain.mentoring.closeout import (
    ASKED,
    HIGHEST,
    LOWEST,
    QUESTIONS,
    Scores,
    reference_request,
    thank_you,
)
from bot.services.mentoring.ports import Drafts, Pair
from handlers.blockkit import context, section
from handlers.mentoring.blocks import GOAL_SHOWN, actions, button, goals_text
from handlers.text import safe, who

Block = dict[str, Any]
CLOSEOUT = "mentoring_closeout_"  # + question + "_" + score; the value is "pair_id:score"
UPDATES_SHOWN = 10
LINK_LIMIT = 500


def closeout_blocks(user_id: str, pair: Pair, scores: Scores | None = None) -> tuple[str, list[Block]]:
    """The questions, each with 1-5 buttons until it is answered, then the answer given."""
    scores = scores or Scores()
    other = pair.mentor_id if user_id == pair.mentee_id else pair.mentee_id
    text = f"Your mentorship with {who(other)} is ending: three quick questions"
    blocks: list[Block] = [
        section(
            f"🌱 Your mentorship with {who(other)} is coming to an end. Three quick questions, from 1 (not "
            f"at all) to 5 (very much). Your answers are private: your {_role_of(other, pair)} never sees "
            "them, and the program lead sees only averages."
        )
    ]
    for question in QUESTIONS:
        given = scores.of(question)
        if given is not None:
            blocks.append(section(f"*{ASKED[question]}*\nYour answer: {given} out of {HIGHEST}"))
            continue
        blocks.append(section(f"*{ASKED[question]}*"))
        blocks.append(
            actions(
                f"mentoring_closeout_{question}",
                *[
                    button(str(n), f"{CLOSEOUT}{question}_{n}", f"{pair.id}:{n}")
                    for n in range(LOWEST, HIGHEST + 1)
                ],
            )
        )
    if scores.complete:
        blocks.append(context("Thank you! I've sent you something to help you close the mentorship well."))
    return text, blocks


def drafts_blocks(drafts: Drafts) -> tuple[str, list[Block]]:
    return _mentee_drafts(drafts) if drafts.for_mentee else _mentor_reminder(drafts)


def _mentee_drafts(drafts: Drafts) -> tuple[str, list[Block]]:
    mentor = who(drafts.pair.mentor_id)
    goals = [safe(goal, GOAL_SHOWN) for goal in drafts.goals]
    text = f"Two drafts for {mentor}: a thank-you and a request for a reference"
    blocks = [
        section(f"✉️ *Two drafts for {mentor}*, to copy, change as you like and send yourself."),
        section("*A thank-you*\n" + _quoted(thank_you(mentor, goals, drafts.sessions))),
        section(
            "*A request for a recommendation or a reference*\n" + _quoted(reference_request(mentor, goals))
        ),
        context("Rapport sends neither: they're yours to send, or not."),
    ]
    return text, blocks


def _mentor_reminder(drafts: Drafts) -> tuple[str, list[Block]]:
    mentee = who(drafts.pair.mentee_id)
    text = f"{mentee}'s internship ends soon: a recommendation from you would help them"
    sessions = (
        f"You met {drafts.sessions} time{'s' if drafts.sessions != 1 else ''}. " if drafts.sessions else ""
    )
    blocks = [
        section(
            f"🙏 *{mentee}'s internship ends soon.* {sessions}A short recommendation (on LinkedIn, say) or "
            "being a reference would help them a lot; they may ask you. What they came to work on:"
        ),
        section(goals_text(drafts.goals)),
    ]
    links = [_link(update) for update in drafts.updates[-UPDATES_SHOWN:]]
    if links:
        blocks.append(section("*What they shared during the internship:* " + " · ".join(links)))
    return text, blocks


def _role_of(user_id: str, pair: Pair) -> str:
    return "mentee" if user_id == pair.mentee_id else "mentor"


def _quoted(draft: str) -> str:
    return "\n".join(f">{line}" for line in draft.splitlines())


def _link(update: SharedUpdate) -> str:
    link = update.permalink or ""
    if link.startswith("https://") and len(link) <= LINK_LIMIT and not any(c in link for c in "<>| "):
        return f"<{link}|{update.kind.value}>"
    return f"{update.kind.value} in <#{update.channel_id}>"
