"""Block Kit for program figures: the admins' Program section, /coffee stats and the weekly digest."""

from __future__ import annotations

from typing import Any

from bot.domain.program.figures import ProgramStats
from bot.domain.program.report import Section, Style, headline, report
from bot.domain.time import zone
from handlers.blockkit import section
from handlers.text import escape

HOME_LIMIT = 15  # rows per list in Home and the digest; /coffee stats shows up to STATS_LIMIT
STATS_LIMIT = 100
MESSAGE_BLOCKS = 50
DIGEST_STOP, DIGEST_START = "digest_stop", "digest_start"


def slack_style(timezone: str | None, more: str, limit: int = HOME_LIMIT) -> Style:
    return Style(
        person=lambda user_id: f"<@{user_id}>",
        channel=lambda channel_id: f"<#{channel_id}>",
        zone=zone(timezone),
        text=escape,
        limit=limit,
        more=more,
    )


def report_blocks(sections: list[Section]) -> list[dict[str, Any]]:
    """Each report section as section blocks: its title in bold, then its lines, split at Slack's 3000."""
    blocks = []
    for part in sections:
        text = f"*{part.title}*"
        for line in part.lines:
            if len(text) + 1 + len(line) > 3000:
                blocks.append(section(text))
                text = ""
            text = f"{text}\n{line}" if text else line
        blocks.append(section(text))
    return blocks


def program_blocks(
    stats: ProgramStats,
    timezone: str | None,
    lead_button: dict[str, Any] | None,
    events: str | None = None,
    updates: str | None = None,
) -> list[dict[str, Any]]:
    """The admins' Program section of App Home; `events` and `updates` are its Events and Updates parts,
    as mrkdwn."""
    blocks: list[dict[str, Any]] = [
        {"type": "divider"},
        {"type": "header", "text": {"type": "plain_text", "text": "Program"}},
        *report_blocks(report(stats, slack_style(timezone, ": `/coffee stats` lists all"))),
        *([section(events)] if events else []),
        *([section(updates)] if updates else []),
    ]
    if lead_button:
        blocks.append({"type": "actions", "block_id": "digest", "elements": [lead_button]})
    return blocks


def digest_button(enabled: bool) -> dict[str, Any]:
    if enabled:
        return _button(DIGEST_STOP, "Stop weekly digest")
    return {**_button(DIGEST_START, "Send me the weekly digest"), "style": "primary"}


def digest_text(stats: ProgramStats) -> str:
    return "Your weekly Rapport digest: " + headline(stats)


def digest_blocks(stats: ProgramStats, timezone: str | None) -> list[dict[str, Any]]:
    sections = report(stats, slack_style(timezone, ": `/coffee stats` lists all"), digest=True)
    return [
        {"type": "header", "text": {"type": "plain_text", "text": "Your weekly Rapport digest"}},
        *report_blocks(sections),
        {"type": "actions", "block_id": "digest", "elements": [digest_button(True)]},
    ]


def stats_blocks(stats: ProgramStats, timezone: str) -> list[dict[str, Any]]:
    style = slack_style(timezone, ": `rapport stats` lists all", STATS_LIMIT)
    blocks = report_blocks(report(stats, style))
    if len(blocks) > MESSAGE_BLOCKS:
        blocks = [
            *blocks[: MESSAGE_BLOCKS - 1],
            section("…more than a message holds: `rapport stats` lists all."),
        ]
    return blocks


def _button(action_id: str, label: str) -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": label}}
