"""App Home and the bot's DM: where a member lands when they open Rapport."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext, Say
from slack_sdk import WebClient

from bot.domain.profile import Profile
from bot.services.profiles import profile_to_edit
from handlers.profile_modal import ROLE_LABELS
from handlers.runtime import runtime_of
from handlers.text import clip, escape

HELP_TEXT = (
    "Hi! I'm Rapport: I pair interns with colleagues for coffee chats and help you keep in touch.\n"
    "• `/intro` — introduce yourself (your matches see your profile)\n"
    "• `/coffee help` — coffee chats: join, pause, history"
)


def actions_block() -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": "main_actions",
        "elements": [
            {
                "type": "button",
                "action_id": "edit_profile",
                "text": {"type": "plain_text", "text": "Edit my profile"},
            },
        ],
    }


def home_view(profile: Profile | None, first_time: bool) -> dict[str, Any]:
    if first_time:
        status = "You haven't introduced yourself yet. It takes two minutes and every match will see it."
    else:
        assert profile is not None
        status = _profile_summary(profile)
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Welcome to Rapport ☕"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": HELP_TEXT}},
            {"type": "divider"},
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*Your profile*\n{status}"}},
            actions_block(),
        ],
    }


def _profile_summary(profile: Profile) -> str:
    parts = [ROLE_LABELS[profile.role]]
    if profile.team:
        parts.append(escape(profile.team))
    lines = [" · ".join(parts)]
    if profile.interests:
        lines.append("Ask me about: " + escape(", ".join(profile.interests)))
    if profile.pitch:
        lines.append(escape(profile.pitch))
    return clip("\n".join(lines), 2900)


def publish_home(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    runtime = runtime_of(context)
    profile, first_time = profile_to_edit(runtime.unit_of_work(), context.team_id or "", event["user"])
    client.views_publish(user_id=event["user"], view=home_view(profile, first_time))


def answer_direct_message(event: dict[str, Any], say: Say) -> None:
    """Any DM from a person gets the short help; Rapport keeps no message contents."""
    if event.get("bot_id") or event.get("subtype"):
        return
    say(
        text=HELP_TEXT,
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": HELP_TEXT}}, actions_block()],
    )


def register(app: App) -> None:
    app.event("app_home_opened")(publish_home)
    app.event({"type": "message", "channel_type": "im"})(answer_direct_message)
