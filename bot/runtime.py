"""What listeners and jobs share: settings, the clock, a way to open a unit of work, and Slack.

`runtime.messengers.<feature>(team_id)` is that feature's Slack side for one workspace, named like the
feature's ports (`bot/services/<feature>/ports.py`) and adapters (`bot/slack/<feature>.py`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import Settings
from bot.services.coffee.ports import CoffeeMessenger
from bot.services.events.ports import EventMessenger
from bot.services.followups.ports import FollowUpMessenger
from bot.services.help.ports import AskMessenger, KudosMessenger, OfferMessenger, UpdateMessenger
from bot.services.introductions.ports import IntroMessenger
from bot.services.keep_in_touch.ports import KeepInTouchMessenger
from bot.services.membership.ports import ForgetMessengers, WelcomeMessenger
from bot.services.mentoring.ports import MentoringMessenger
from bot.services.people.ports import UserDirectory
from bot.services.ports import ChannelAccess, SlackMember, UnitOfWork
from bot.services.program.ports import ProgramMessenger
from bot.services.scheduling.ports import CalendarProvider, SchedulingMessenger
from bot.services.scheduling.proposals import Finding


@dataclass(frozen=True)
class Messengers:
    """Each feature's Slack side, for a workspace (team ID)."""

    coffee: Callable[[str], CoffeeMessenger]  # also who someone is (member lookups)
    introductions: Callable[[str], IntroMessenger]  # profile cards and warm introductions
    followups: Callable[[str], FollowUpMessenger]  # thank-you nudges
    keep_in_touch: Callable[[str], KeepInTouchMessenger]  # catch-ups, recaps, alumni reminders
    program: Callable[[str], ProgramMessenger]  # the weekly digest
    membership: Callable[[str], WelcomeMessenger]  # the welcome DM
    events: Callable[[str], EventMessenger]  # announcements, reminders, tables, who met whom
    asks: Callable[[str], AskMessenger]  # asks: the post, suggestions, group DMs, nudges
    kudos: Callable[[str], KudosMessenger]  # thank-yous in the kudos channel or by DM
    offers: Callable[[str], OfferMessenger]  # offers of help, and the group DM a booking opens
    updates: Callable[[str], UpdateMessenger]  # interns' updates: the prompt, the post, the weekly line
    people: Callable[[str], UserDirectory]  # users.list and users.info: the member directory's walk
    mentoring: Callable[[str], MentoringMessenger]  # invitations, requests, the pair's DM, check-ins, fit
    scheduling: Callable[[str], SchedulingMessenger]  # Find a time: slots, the agreed time, .ics, reminder

    def forgetting(self, team_id: str) -> ForgetMessengers:
        """What forgetting a member talks to: cards and posts deleted, announcements and asks redrawn."""
        return ForgetMessengers(self.introductions(team_id), self.events(team_id), self.asks(team_id))


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    clock: Clock
    unit_of_work: Callable[[], UnitOfWork]
    check_database: Callable[[], None]
    messengers: Messengers
    channel_access: ChannelAccess  # who can read a channel (Slack's members, remembered a minute)
    new_seed: Callable[[], int]  # a round's random seed, stored with it so the round can be replayed
    # Google Workspace or Microsoft 365 for finding a time, built once at startup; None: working hours only
    calendar: CalendarProvider | None = None
    # Courtesies after an answer already sent (App Home refreshes); `rapport run` gives them their own
    # threads (bot/serve/after_answer.py), elsewhere they run at once.
    after_answer: Callable[[Hashable, Callable[[], None]], None] = field(default=lambda key, work: work())
    # A number that changes when this process wakes a scheduled job (storage's count); by default one that
    # always changes, so a tick reads the due table again after every job that ran.
    wakes: Callable[[], int] = field(default_factory=lambda: itertools.count().__next__)

    def finding(self, team_id: str) -> Finding:
        """What finding a time needs in a workspace: its Slack side, the calendar, the default zone."""
        return Finding(self.messengers.scheduling(team_id), self.calendar, self.settings.timezone.key)

    def is_admin(self, member: SlackMember) -> bool:
        """Workspace admins and owners, and the people named in RAPPORT_ADMIN_IDS."""
        return member.is_admin or member.user_id in self.settings.admin_ids
