"""App Home and the bot's DM: where a member lands when they open Rapport."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import App, BoltContext, Say
from slack_sdk import WebClient

from bot.domain.people.profile import Profile
from bot.domain.program.figures import ProgramStats
from bot.domain.time import zone
from bot.runtime import Runtime
from bot.services.events.manage import figures_for
from bot.services.help.asks import ask_figures_of
from bot.services.help.kudos import kudos_counts, kudos_figures
from bot.services.help.offers import offer_figures
from bot.services.help.updates import shared_by, update_switches
from bot.services.keep_in_touch.catch_ups import catch_ups_on
from bot.services.mentoring.health import mentoring_health
from bot.services.mentoring.home import mentoring_home
from bot.services.ports import SlackError
from bot.services.program.digest import digest_enabled
from bot.services.program.figures import MemberHome, member_home, people_in_channel, program_figures
from bot.services.scheduling.figures import find_time_figures_of
from handlers.blockkit import section
from handlers.context import runtime_of
from handlers.events.blocks import program_events_text
from handlers.help.asks_blocks import program_asks_text
from handlers.help.kudos_blocks import counts_line, program_help_text
from handlers.help.updates_blocks import program_updates_text, updates_settings_blocks
from handlers.home.blocks import coffee_blocks, fit, network_blocks, notice_block, pending_blocks
from handlers.mentoring.home_blocks import mentoring_home_blocks, program_mentoring_text
from handlers.people.profile_blocks import ROLE_LABELS
from handlers.program.blocks import digest_button, program_blocks
from handlers.scheduling.blocks import program_find_time_text
from handlers.text import clip, escape

log = logging.getLogger(__name__)

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


CATCH_UPS_ON, CATCH_UPS_OFF = "home_catch_ups_on", "home_catch_ups_off"


def catch_ups_block(on: bool) -> dict[str, Any]:
    """Whether Rapport suggests catching up with people you met, and the button that flips it."""
    if on:
        text = "*Catch-up suggestions* are on: at most one a week, with someone you haven't talked to lately."
        button = {
            "type": "button",
            "action_id": CATCH_UPS_OFF,
            "text": {"type": "plain_text", "text": "Turn off"},
        }
    else:
        text = "*Catch-up suggestions* are off."
        button = {
            "type": "button",
            "action_id": CATCH_UPS_ON,
            "style": "primary",
            "text": {"type": "plain_text", "text": "Turn on"},
        }
    return {
        "type": "section",
        "block_id": "catch_ups",
        "text": {"type": "mrkdwn", "text": text},
        "accessory": button,
    }


@dataclass(frozen=True)
class ProgramView:
    """What only admins see: the program's figures, then other features' parts (mrkdwn: events, asks,
    kudos and offers, updates); `lead` (is the weekly digest on?) only for program leads."""

    stats: ProgramStats
    parts: Sequence[str] = ()
    lead: bool | None = None


def home_view(
    home: MemberHome,
    timezone: str | None,
    now: datetime,
    notice: str | None = None,
    catch_ups: bool = True,
    mine: Sequence[dict[str, Any]] = (),
    program: ProgramView | None = None,
) -> dict[str, Any]:
    """The member's Home; `mine` are other features' blocks about the member (kudos, update switches)."""
    if home.first_time:
        status = "You haven't introduced yourself yet. It takes two minutes and every match will see it."
    else:
        assert home.profile is not None
        status = _profile_summary(home.profile)
    local = zone(timezone)
    today = now.astimezone(local).date()
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Welcome to Rapport ☕"}},
        *([notice_block(notice)] if notice else []),
        {"type": "section", "text": {"type": "mrkdwn", "text": HELP_TEXT}},
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Your profile*\n{status}"}},
        actions_block(),
        *coffee_blocks(home, local, today),
        *pending_blocks(home),
        *network_blocks(home, local),
        catch_ups_block(catch_ups),
        *mine,
    ]
    if program is not None:
        button = None if program.lead is None else digest_button(program.lead)
        blocks += program_blocks(program.stats, timezone, button, program.parts)
    return {"type": "home", "blocks": fit(blocks)}


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
    refresh_home(client, context, event["user"])


def refresh_home(client: WebClient, context: BoltContext, user_id: str, notice: str | None = None) -> None:
    """Publish the member's Home as it is now (after any change they made from it)."""
    runtime = runtime_of(context)
    team_id = context.team_id or ""
    now = runtime.clock()
    messenger = runtime.messengers.coffee(team_id)
    home = member_home(runtime.unit_of_work, messenger, team_id, user_id, now)
    try:
        member = messenger.member(user_id)
    except SlackError:
        member = None
    program = None
    if member is not None and runtime.is_admin(member):
        program = _program_view(runtime, team_id, user_id, now, member.tz)
    catch_ups = catch_ups_on(runtime.unit_of_work, team_id, user_id)
    updates, intern = update_switches(runtime.unit_of_work, team_id, user_id, now)
    mine = [
        section(counts_line(kudos_counts(runtime.unit_of_work, team_id, user_id))),
        *updates_settings_blocks(updates.prompts_on, updates.notices_on, intern),
        *mentoring_home_blocks(mentoring_home(runtime.unit_of_work, team_id, user_id)),
    ]
    timezone = member.tz if member else None
    view = home_view(home, timezone, now, notice, catch_ups, mine, program)
    client.views_publish(user_id=user_id, view=view)


def _program_view(
    runtime: Runtime, team_id: str, user_id: str, now: datetime, timezone: str | None
) -> ProgramView:
    uow = runtime.unit_of_work
    parts = [
        program_events_text(figures_for(uow, runtime.channel_access, team_id, user_id)),
        program_asks_text(ask_figures_of(uow, team_id)),
        program_help_text(kudos_figures(uow, team_id), offer_figures(uow, team_id)),
        program_updates_text(shared_by(uow, team_id)),
        program_mentoring_text(mentoring_health(uow, team_id, now), timezone),
        program_find_time_text(find_time_figures_of(uow, team_id)),
    ]
    lead = digest_enabled(uow, team_id, user_id) if user_id in runtime.settings.admin_ids else None
    in_channel = people_in_channel(runtime.messengers.coffee(team_id))  # asked only before a first round
    return ProgramView(program_figures(uow, team_id, now, in_channel=in_channel), parts, lead)


def refresh_home_after(client: WebClient, context: BoltContext, user_id: str, what: str) -> None:
    """Re-publish Home after a change made elsewhere (a command, a form); the member's answer went
    out already, so a failure is only logged: Home is rebuilt whenever it is opened anyway."""

    def refresh() -> None:
        try:
            refresh_home(client, context, user_id)
        except Exception:
            log.warning("App Home not refreshed after %s", what, exc_info=True)

    runtime_of(context).after_answer(("home", context.team_id, user_id), refresh)


def from_home(body: dict[str, Any]) -> bool:
    """Whether an action was taken in App Home (its buttons have no message to update)."""
    return (body.get("view") or {}).get("type") == "home"


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
