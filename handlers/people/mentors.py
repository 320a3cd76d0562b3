"""`/intro mentors [topic]`: matching mentors, each with an Ask for an introduction button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.domain.people.mentors import LIST_LIMIT, Mentor
from bot.runtime import Runtime
from bot.services.introductions.ports import IntroSide
from bot.services.introductions.proposals import propose
from bot.services.people.mentors import MentorSearch, search_mentors
from handlers.blockkit import section
from handlers.context import runtime_of
from handlers.introductions.blocks import SECTION, button, facts_line
from handlers.introductions.listeners import proposal_reply
from handlers.text import INVALID_VALUE, clip, safe, user_id_value

ACTION = "intro_ask_mentor"
TOPIC_LIMIT = 100


def show_mentors(ack: Ack, runtime: Runtime, team_id: str, caller: str, topic: str) -> None:
    topic = " ".join(topic.split())
    search = search_mentors(runtime.unit_of_work, team_id, caller, topic)
    if not search.found:
        ack(text=nobody_text(search, topic), response_type="ephemeral")
        return
    count = len(search.found)
    text = f"{count} mentor{'s' if count != 1 else ''}"
    ack(text=text, blocks=mentor_blocks(search, topic), response_type="ephemeral")


def nobody_text(search: MentorSearch, topic: str) -> str:
    if search.total == 0:
        return (
            "There are no other mentors here yet: a mentor is anyone whose `/intro` profile (or the program "
            "roster) says mentor. Meanwhile, `/intro @a @b why` suggests any two people meet."
        )
    text = f"No mentor lists “{safe(topic, TOPIC_LIMIT)}” yet."
    everyone = f"`/intro mentors` for all {search.total}"
    if not search.suggestions:
        return f"{text} Try {everyone}."
    listed = ", ".join(f"`{safe(t, 40)}`" for t in search.suggestions)
    return (
        f"{text} Mentors here can talk about {listed}; try `/intro mentors` with one of those, or {everyone}."
    )


def mentor_blocks(search: MentorSearch, topic: str) -> list[dict[str, Any]]:
    about = f" for “{safe(topic, TOPIC_LIMIT)}”" if topic else ""
    count = len(search.found)
    lead = f"*{count} mentor{'s' if count != 1 else ''}{about}.* Ask for an introduction: "
    lead += "the mentor is asked privately, and you hear back either way."
    blocks = [section(lead)]
    blocks += [_mentor(mentor, topic) for mentor in search.found[:LIST_LIMIT]]
    if count > LIST_LIMIT:
        more = f"…and {count - LIST_LIMIT} more — narrow with a topic, e.g. `/intro mentors design`."
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
    return blocks


def _mentor(mentor: Mentor, topic: str) -> dict[str, Any]:
    profile = mentor.profile
    lines = [f"*{facts_line(IntroSide(mentor.user_id, profile, profile.role if profile else None))}*"]
    if profile is None:
        lines.append("_No profile yet._")
    else:
        if profile.interests:
            lines.append("Ask me about: " + safe(", ".join(profile.interests), 1000))
        if profile.working_on:
            lines.append("Working on: " + safe(profile.working_on, 800))
    if mentor.offers:
        lines.append("Offers to help with: " + safe(" · ".join(mentor.offers), 1000))
    block = section(clip("\n".join(lines), SECTION))
    value = f"{mentor.user_id}|{clip(topic, TOPIC_LIMIT)}"
    block["accessory"] = button("Ask for an introduction", ACTION, value)
    return block


def press_ask(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Starts `/intro me @mentor`: only the mentor's consent is needed; the same checks apply."""
    ack()
    runtime = runtime_of(context)
    team_id, caller = context.team_id or "", context.user_id or ""
    given, _, topic = str(action.get("value") or "").partition("|")
    mentor = user_id_value(given)
    if mentor is None:
        respond(text=INVALID_VALUE, replace_original=False, response_type="ephemeral")
        return
    topic = clip(" ".join(topic.split()), TOPIC_LIMIT)
    why = f"Looking for a mentor on {topic}." if topic else "Looking for a mentor."
    result = propose(
        runtime.unit_of_work,
        runtime.messengers.introductions(team_id),
        team_id,
        caller,
        (caller, mentor),
        why,
        runtime.clock(),
        runtime.settings.intro_daily_limit,
    )
    text = proposal_reply(result, caller, (caller, mentor), runtime.settings.intro_daily_limit)
    respond(text=text, replace_original=False, response_type="ephemeral")


def register(app: App) -> None:
    app.action(ACTION)(press_ask)
