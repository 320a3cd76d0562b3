"""ProgramMessenger over a WebClient: the program lead's weekly digest."""

from __future__ import annotations

from bot.domain.program.figures import ProgramStats
from bot.slack.adapter import SlackAdapter
from handlers.program.blocks import digest_blocks, digest_text


class SlackProgramMessenger(SlackAdapter):
    def send_digest(self, user_id: str, stats: ProgramStats, timezone: str | None) -> None:
        self._post(user_id, digest_text(stats), digest_blocks(stats, timezone))
