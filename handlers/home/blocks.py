"""Block Kit for a member's App Home: profile, coffee pools and settings, pending answers, network."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.coffee.model import Frequency, ParticipationStatus
from bot.services.program.figures import MemberHome, PoolStanding
from handlers.blockkit import context, section
from handlers.coffee.blocks import ANSWER_LABELS, checkin_blocks
from handlers.followups.blocks import nudge_actions

MAX_BLOCKS = 100  # Slack's limit for a Home view
POOLS_SHOWN, CHECKINS_SHOWN, THANKS_SHOWN = 8, 5, 5
PAUSE_WEEKS = (1, 2, 4, 8)
POOL_BLOCK = "home_pool_"  # + pool id: the block of a pool's settings (the datepicker reads it)
HOW = {
    "coffee": "coffee",
    "met": "met",
    "introduction": "introduced",
    "event": "event",
    "help": "helped",
    "mentoring": "mentoring",
}


def people(user_ids: tuple[str, ...]) -> str:
    return ", ".join(f"<@{u}>" for u in user_ids) or "nobody"


def coffee_blocks(home: MemberHome, zone: ZoneInfo, today: date) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [{"type": "divider"}, section("*Coffee chats*")]
    if not home.pools:
        blocks.append(
            context("You're not in a coffee channel yet. Join one where Rapport runs coffee chats.")
        )
    for standing in home.pools[:POOLS_SHOWN]:
        blocks.append(section(_standing_text(standing, zone, today)))
        blocks.append(_settings(standing, today))
    if len(home.pools) > POOLS_SHOWN:
        hidden = len(home.pools) - POOLS_SHOWN
        blocks.append(context(f"…and {hidden} more channels: run `/coffee settings` in them."))
    return blocks


def _standing_text(standing: PoolStanding, zone: ZoneInfo, today: date) -> str:
    pool, mine = standing.pool, standing.participation
    if mine.status is ParticipationStatus.LEFT:
        state = "you've left"
    elif mine.paused_until and mine.paused_until > today:
        state = f"paused until {mine.paused_until:%a %-d %b}"
    elif mine.skip_next:
        state = "sitting out the next round"
    else:
        state = "you're in"
    own = f" · you: {mine.frequency.value}" if mine.frequency else ""
    lines = [f"<#{pool.channel_id}> — {pool.schedule.frequency.value} · {state}{own}"]
    group, the_round = standing.latest_group, standing.latest_round
    if group is not None and the_round is not None:
        if group.failed:
            outcome = "the introduction could not be delivered"
        elif group.answer:
            outcome = ANSWER_LABELS[group.answer]
        else:
            outcome = "no answer yet"
        others = tuple(u for u in group.members if u != mine.user_id)
        when = the_round.scheduled_for.astimezone(zone)
        lines.append(f"Latest group ({when:%-d %b}): with {people(others)} · {outcome}")
    lines.append(f"Next round: {standing.next_round.astimezone(zone):%a %-d %b %H:%M}")
    return "\n".join(lines)


def _settings(standing: PoolStanding, today: date) -> dict[str, Any]:
    pool, mine = standing.pool, standing.participation
    elements: list[dict[str, Any]] = []
    if mine.status is ParticipationStatus.LEFT:
        elements.append({**_button("home_join", "Join", pool.id), "style": "primary"})
    else:
        paused = (mine.paused_until and mine.paused_until > today) or mine.skip_next
        if paused:
            elements.append({**_button("home_resume", "Resume", pool.id), "style": "primary"})
        elements.append(_pause_select(pool.id))
        elements.append(
            {
                "type": "datepicker",
                "action_id": "home_pause_until",
                "placeholder": {"type": "plain_text", "text": "Pause until…"},
            }
        )
        elements.append(_frequency_select(standing))
        elements.append(_button("home_leave", "Leave", pool.id))
    return {"type": "actions", "block_id": f"{POOL_BLOCK}{pool.id}", "elements": elements}


def _pause_select(pool_id: int) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": "home_pause",
        "placeholder": {"type": "plain_text", "text": "Pause for…"},
        "options": [
            _option(f"{weeks} week{'s' if weeks > 1 else ''}", f"{pool_id}:{weeks}") for weeks in PAUSE_WEEKS
        ],
    }


def _frequency_select(standing: PoolStanding) -> dict[str, Any]:
    pool = standing.pool
    chosen = standing.participation.frequency or pool.schedule.frequency
    allowed = [f for f in Frequency if f.days >= pool.schedule.frequency.days]
    options = [_option(f.value.title(), f"{pool.id}:{f.value}") for f in allowed]
    return {
        "type": "static_select",
        "action_id": "home_frequency",
        "placeholder": {"type": "plain_text", "text": "How often"},
        "options": options,
        "initial_option": options[allowed.index(chosen)] if chosen in allowed else options[0],
    }


def pending_blocks(home: MemberHome) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if home.checkins or home.thanks:
        blocks += [{"type": "divider"}, section("*Waiting for you*")]
    for checkin in home.checkins[:CHECKINS_SHOWN]:
        blocks.append(context(f"<#{checkin.pool_channel}> with {people(checkin.others)}"))
        blocks += checkin_blocks(checkin.group_id, checkin.reask)
    for i, thanks in enumerate(home.thanks[:THANKS_SHOWN]):
        blocks.append(section(f"You met {people(thanks.others)} — a short thank-you goes a long way."))
        blocks.append(nudge_actions(f"home_nudge_{i}", f"{thanks.channel}|{thanks.ts}"))
    hidden = max(0, len(home.checkins) - CHECKINS_SHOWN) + max(0, len(home.thanks) - THANKS_SHOWN)
    if hidden:
        blocks.append(context(f"…and {hidden} more in your messages with Rapport."))
    return blocks


def network_blocks(home: MemberHome, zone: ZoneInfo) -> list[dict[str, Any]]:
    lines = [f"*Your network:* {home.network.describe()}"]
    for entry in home.recent:
        lines.append(
            f"• <@{entry.other_user_id}> — {HOW[entry.how.value]} {entry.last_met.astimezone(zone):%-d %b %Y}"
        )
    if home.network.people > len(home.recent):
        lines.append("`/coffee network` lists everyone.")
    return [{"type": "divider"}, section("\n".join(lines))]


def fit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most Slack's 100 blocks: whatever is beyond is summarised in one last line."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    return [*blocks[: MAX_BLOCKS - 1], context("There's more than fits here: `/coffee stats` has it all.")]


def notice_block(notice: str) -> dict[str, Any]:
    """What the member's last action did; Rapport's own words (with channel mentions), never user text."""
    return section(f":information_source: {notice}")


def _button(action_id: str, label: str, pool_id: int) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label},
        "value": str(pool_id),
    }


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label}, "value": value}
