"""Bolt listeners: parse the payload, call a use case, render Block Kit. No SQL and no rules here.

The listener modules are imported inside `register()`, not here: the Slack adapters import Block Kit
builders from `handlers/<feature>/blocks.py`, and importing a package runs its `__init__`; this way
that never drags in every listener (and Bolt) behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.runtime import Runtime


def register(app: App, shared: Runtime) -> None:
    """Attach every listener family to `app`; middleware first, in the order it must run."""
    from handlers import context
    from handlers.coffee import buttons as coffee_buttons
    from handlers.coffee import checkin as coffee_checkin
    from handlers.coffee import command as coffee
    from handlers.events import buttons as event_buttons
    from handlers.events import command as events
    from handlers.followups import buttons as followup_buttons
    from handlers.help import asks, kudos, offers
    from handlers.help import updates as help_updates
    from handlers.home import actions as home_actions
    from handlers.home import view as home
    from handlers.introductions import listeners as introductions
    from handlers.keep_in_touch import listeners as keep_in_touch
    from handlers.membership import events as membership
    from handlers.membership import forget_me
    from handlers.mentoring import buttons as mentoring_buttons
    from handlers.mentoring import closeout_buttons as mentoring_closeout
    from handlers.mentoring import command as mentoring
    from handlers.mentoring import submissions as mentoring_forms
    from handlers.middleware import admins, dedup, errors
    from handlers.people import cards as people_cards
    from handlers.people import command as people
    from handlers.people import mentors as people_mentors
    from handlers.scheduling import buttons as scheduling_buttons

    context.install(app, shared)
    for family in (
        dedup,
        admins,
        coffee,
        coffee_checkin,
        coffee_buttons,
        scheduling_buttons,
        followup_buttons,
        errors,
        people,
        people_cards,
        people_mentors,
        introductions,
        keep_in_touch,
        events,
        event_buttons,
        asks,
        kudos,
        offers,
        help_updates,
        mentoring,
        mentoring_buttons,
        mentoring_closeout,
        mentoring_forms,
        home,
        home_actions,
        membership,
        forget_me,
    ):
        family.register(app)
