"""Bolt listeners: parse the payload, call a use case, render Block Kit. No SQL and no rules here."""

from __future__ import annotations

from slack_bolt import App

from bot.runtime import Runtime
from handlers import (
    admins,
    coffee,
    coffee_buttons,
    coffee_checkin,
    dedup,
    errors,
    followup_buttons,
    forget_me,
    home,
    home_actions,
    intro,
    intro_cards,
    intro_mentors,
    introductions,
    keep_in_touch,
    lifecycle,
    runtime,
)


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
