"""The close-out's messages: what people typed is escaped, links only when they are Slack's own."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.help.updates import SharedUpdate, UpdateKind
from bot.domain.mentoring.closeout import Scores
from bot.sandbox.fakeslack.blockkit import check_blocks
from bot.services.mentoring.ports import Drafts, Pair, PairStatus
from handlers.mentoring.closeout_blocks import closeout_blocks, drafts_blocks

PAIR = Pair(7, "T1", "U1MENTEE", "U2MENTOR", 1, 3, PairStatus.ACCEPTED, datetime(2026, 6, 1, tzinfo=UTC))


def text_of(blocks: list[dict]) -> str:
    return "\n".join(b.get("text", {}).get("text", "") for b in blocks)


def test_goals_typed_with_mentions_are_escaped_in_both_drafts():
    goals = ("<!channel> & friends", "Learn *SQL*")
    for for_mentee in (True, False):
        _, blocks = drafts_blocks(Drafts(PAIR, for_mentee, goals, 3))
        assert check_blocks(blocks) == []
        assert "<!channel>" not in text_of(blocks) and "&lt;!channel&gt; &amp; friends" in text_of(blocks)


def test_only_slack_permalinks_become_links():
    updates = (
        SharedUpdate("U1MENTEE", UpdateKind.UPDATE, "https://acme.slack.com/archives/C1/p1", "C1"),
        SharedUpdate("U1MENTEE", UpdateKind.FAREWELL, "https://evil.example/|<!here>", "C1"),
    )
    _, blocks = drafts_blocks(Drafts(PAIR, False, (), 0, updates))
    shared = text_of(blocks)
    assert "<https://acme.slack.com/archives/C1/p1|update>" in shared and "farewell in <#C1>" in shared
    assert "<!here>" not in shared


def test_answered_questions_lose_their_buttons():
    _, blocks = closeout_blocks("U1MENTEE", PAIR, Scores(useful=4))
    assert check_blocks(blocks) == []
    actions = [b["block_id"] for b in blocks if b["type"] == "actions"]
    assert actions == ["mentoring_closeout_again", "mentoring_closeout_recommend"]
    assert "Your answer: 4 out of 5" in text_of(blocks) and "your mentor never sees" in text_of(blocks)
