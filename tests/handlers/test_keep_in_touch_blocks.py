"""The recap fits Slack's limits for any network size, and people's words cannot ping a channel."""

from __future__ import annotations

from datetime import date

from bot.domain.followups import NetworkRow
from bot.services.keep_in_touch.ports import Recap
from handlers.keep_in_touch.blocks import recap_blocks, recap_text

END = date(2026, 8, 28)


def recap_of(count: int, name: str = "Person", team: str | None = "Team") -> Recap:
    rows = tuple(
        NetworkRow(f"{name} {i}", f"U{i:08d}", team, "colleague", "coffee", date(2026, 6, 1), END, 1, None)
        for i in range(count)
    )
    return Recap("U1", rows, 1 if team else 0, (), END)


def texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if "text" in b]


def test_any_network_fits_in_one_message_and_the_rest_is_summarised():
    for count in (1, 30, 2000):
        blocks = recap_blocks(recap_of(count, name="Maximilian " * 5, team="Platform Engineering " * 3))
        assert len(blocks) <= 50 and all(len(text) <= 3000 for text in texts(blocks))
        shown = sum(text.count("• <@") for text in texts(blocks))
        summary = [t for t in texts(blocks) if "the CSV below lists everyone" in t]
        assert shown == count if not summary else f"…and {count - shown} more" in summary[0]
    assert any("more" in t for t in texts(recap_blocks(recap_of(2000))))


def test_names_and_teams_are_escaped():
    blocks = recap_blocks(recap_of(1, name="<!channel>", team="<https://evil.example|Payments>"))
    shown = " ".join(texts(blocks))
    assert "<!channel>" not in shown and "&lt;!channel&gt;" in shown and "<https://evil" not in shown


def test_an_empty_network_gets_encouragement_not_a_zero():
    assert "still a week to meet people" in recap_text(recap_of(0))
    assert "across" not in recap_text(recap_of(3, team=None))
