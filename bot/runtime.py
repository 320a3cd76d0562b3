"""What listeners and jobs share: settings, the clock and a way to open a unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Settings
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.introductions.ports import IntroMessenger
from bot.services.keep_in_touch.ports import KeepInTouchMessenger
from bot.services.ports import SlackMember, UnitOfWork
from bot.services.program.ports import ProgramMessenger


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    clock: Clock
    unit_of_work: Callable[[], UnitOfWork]
    check_database: Callable[[], None]
    messenger_for: Callable[[str], CoffeeMessenger]  # the Slack side of coffee, for a workspace (team ID)
    new_seed: Callable[[], int]  # a round's random seed, stored with it so the round can be replayed
    intro_messenger_for: Callable[[str], IntroMessenger]  # the Slack side of /intro, for a workspace
    program_messenger_for: Callable[[str], ProgramMessenger]  # the weekly digest, for a workspace
    keep_in_touch_for: Callable[[str], KeepInTouchMessenger]  # catch-ups, recaps, alumni reminders

    def is_admin(self, member: SlackMember) -> bool:
        """Workspace admins and owners, and the people named in RAPPORT_ADMIN_IDS."""
        return member.is_admin or member.user_id in self.settings.admin_ids
