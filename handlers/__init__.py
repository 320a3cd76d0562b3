"""Bolt listeners: parse the payload, call a use case, render Block Kit. No SQL and no rules here."""

from __future__ import annotations

from slack_bolt import App

from bot.runtime import Runtime
from handlers import context as runtime
from handlers.coffee import buttons as coffee_buttons
from handlers.coffee import checkin as coffee_checkin
from handlers.coffee import command as coffee
from handlers.followups import buttons as followup_buttons
from handlers.home import actions as home_actions
from handlers.home import view as home
from handlers.introductions import listeners as introductions
from handlers.keep_in_touch import listeners as keep_in_touch
from handlers.membership import events as lifecycle
from handlers.membership import forget_me
from handlers.middleware import admins, dedup, errors
from handlers.people import cards as intro_cards
from handlers.people import command as intro
from handlers.people import mentors as intro_mentors


def register(app: App, shared: Runtime) -> None:
    """Attach every listener family to `app`."""
    runtime.install(app, shared)
    for family in (
        dedup,
        admins,
        coffee,
        coffee_checkin,
        coffee_buttons,
        followup_buttons,
        errors,
        intro,
        intro_cards,
        intro_mentors,
        introductions,
        keep_in_touch,
        home,
        home_actions,
        lifecycle,
        forget_me,
    ):
        family.register(app)
