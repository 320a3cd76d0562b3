"""Mentoring's part of App Home: a mentor's sign-up, mentees and waiting requests; an intern's goals (only
they see their Home), the window, and their mentor once one accepted."""

from __future__ import annotations

from typing import Any

from bot.domain.mentoring.health import MentoringHealth
from bot.domain.mentoring.health_report import health_lines
from bot.domain.time import zone
from bot.services.mentoring.home import MentoringHome
from handlers.blockkit import context, section
from handlers.events.blocks import when
from handlers.mentoring.blocks import FIND, VOLUNTEER, actions, button, goals_text
from handlers.text import clip, safe, who

Block = dict[str, Any]
HOME_NEEDING = 5  # pairs needing a check-in listed in App Home; `rapport stats` lists them all


def mentoring_home_blocks(home: MentoringHome) -> list[Block]:
    """Nothing in a workspace that does not run mentoring, for a member who never took part."""
    if not home.shown:
        return []
    blocks: list[Block] = [{"type": "divider"}, section("*Mentoring*")]
    if home.intern:
        blocks += _mentee(home)
    blocks += _mentor(home)
    return blocks


def _mentor(home: MentoringHome) -> list[Block]:
    mentor = home.mentor
    if mentor is None or not mentor.active:
        if home.intern:
            return []
        offer = "Share what you know: mentor an intern through their internship."
        if mentor is not None:
            offer = "You take no new mentees now (`/mentor stop`)."
        return [section(offer), actions("home_mentoring_mentor", button("Sign up as a mentor", VOLUNTEER))]
    places = (
        f"up to {mentor.capacity} mentee{'s' if mentor.capacity > 1 else ''}, meeting {mentor.cadence.label}"
    )
    lines = [f"You mentor {places}. Topics: {safe(', '.join(mentor.topics), 600)}"]
    if home.mentees:
        lines.append("Your mentees: " + ", ".join(who(m) for m in home.mentees))
    if home.requests:
        lines.append(
            f"{home.requests} request{'s' if home.requests > 1 else ''} waiting for your answer in your DMs."
        )
    return [section("\n".join(lines)), actions("home_mentoring_mentor", button("Change", VOLUNTEER))]


def _mentee(home: MentoringHome) -> list[Block]:
    if home.my_mentor is not None:
        state = f"Your mentor is {who(home.my_mentor)}."
    elif home.matching:
        state = "A mentor who fits you is looking at your request; I'll introduce you as soon as they accept."
    elif home.unmatched_at is not None:
        state = "Every mentor's places are taken for now; I'll match you as soon as one opens up."
    elif home.window is not None and home.window.closed_at is None:
        state = f"Matching closes {when(home.window.closes_at)}."
    else:
        state = "You'll be matched as soon as the program lead opens matching."
    if home.goals is None:
        ask = section("Would you like a mentor? Tell me up to three goals and I'll show you who fits best.")
        return [ask, actions("home_mentoring_mentee", button("Find a mentor", FIND, style="primary"))]
    blocks = [
        section(f"*Your goals* (only you, your mentor and admins see them)\n{goals_text(home.goals.goals)}")
    ]
    blocks.append(context(state))
    if home.my_mentor is None:
        blocks.append(actions("home_mentoring_mentee", button("Change my goals and choices", FIND)))
    return blocks


def program_mentoring_text(health: MentoringHealth, timezone: str | None) -> str:
    """The Mentoring part of the admins' Program section: match health (never anyone's goals)."""
    if not health.shown:
        return ""
    lines = health_lines(health, lambda user_id: f"<@{user_id}>", zone(timezone), limit=HOME_NEEDING)
    return clip("\n".join(["*Mentoring*", *lines]), 3000)
