"""The /intro profile modal: rendering it prefilled, and reading its answers back."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.domain.people.person import Role
from bot.domain.people.profile import (
    PITCH_LIMIT,
    PRONOUNS_LIMIT,
    TEAM_LIMIT,
    WORKING_ON_LIMIT,
    Profile,
    ProfileForm,
)
from handlers.text import plain

CALLBACK_ID = "intro_profile"
ASKS_OPT_IN = "asks_opt_in"
ROLE_LABELS = {Role.INTERN: "Intern", Role.COLLEAGUE: "Colleague", Role.MENTOR: "Mentor"}


def profile_modal(profile: Profile | None, first_time: bool, hears_asks: bool = False) -> dict[str, Any]:
    """A modal prefilled with what we know (a saved profile, or the roster's role, team and dates);
    `hears_asks`: whether the member chose to hear about asks that match what they know."""
    p = profile
    blocks = [
        _role_select(p.role if p else None),
        _text("team", "Team", p.team if p else None, TEAM_LIMIT, "e.g. Payments, Design, Data"),
        _text(
            "pronouns", "Pronouns", p.pronouns if p else None, PRONOUNS_LIMIT, "e.g. she/her", optional=True
        ),
        _text("working_on", "What I work on", p.working_on if p else None, WORKING_ON_LIMIT, multiline=True),
        _text(
            "interests",
            "Ask me about",
            ", ".join(p.interests) if p else None,
            400,
            "Short tags, comma-separated: career switch, climbing, Rust",
        ),
        _text("pitch", "A short pitch", p.pitch if p else None, PITCH_LIMIT, multiline=True),
        _text(
            "linkedin_url", "LinkedIn", p.linkedin_url if p else None, 200, "https://www.linkedin.com/in/…"
        ),
        _date("internship_start", "Internship starts (interns)", p.internship_start if p else None),
        _date("internship_end", "Internship ends (interns)", p.internship_end if p else None),
        _asks_opt_in(hears_asks),
    ]
    if not first_time:
        blocks.append(_share_again())
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": {"type": "plain_text", "text": "Introduce yourself"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps({"first_time": first_time}),
        "blocks": blocks,
    }


def read_profile_form(view: dict[str, Any]) -> tuple[ProfileForm, bool]:
    """The modal's answers, and whether the member asked to share their card again."""
    values = view.get("state", {}).get("values", {})

    def element(block_id: str) -> dict[str, Any]:
        return next(iter(values.get(block_id, {}).values()), {})

    def text(block_id: str) -> str:
        return plain(element(block_id).get("value"))

    def day(block_id: str) -> date | None:
        chosen = element(block_id).get("selected_date")
        try:
            return date.fromisoformat(chosen) if chosen else None
        except ValueError:
            return None

    role = (element("role").get("selected_option") or {}).get("value")
    share_again = bool(element("share_again").get("selected_options"))
    form = ProfileForm(
        role=role,
        team=text("team"),
        pronouns=text("pronouns"),
        working_on=text("working_on"),
        interests=text("interests"),
        pitch=text("pitch"),
        linkedin_url=text("linkedin_url"),
        internship_start=day("internship_start"),
        internship_end=day("internship_end"),
    )
    return form, share_again


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _role_select(role: Role | None) -> dict[str, Any]:
    options = [{"text": _plain(label), "value": value.value} for value, label in ROLE_LABELS.items()]
    element: dict[str, Any] = {"type": "static_select", "action_id": "value", "options": options}
    if role is not None:
        element["initial_option"] = options[list(ROLE_LABELS).index(role)]
    return {"type": "input", "block_id": "role", "label": _plain("I am"), "element": element}


def _text(
    block_id: str,
    label: str,
    initial: str | None,
    max_length: int,
    placeholder: str | None = None,
    multiline: bool = False,
    optional: bool = True,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = _plain(placeholder)
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": optional,
        "element": element,
    }


def _date(block_id: str, label: str, initial: date | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": "value"}
    if initial:
        element["initial_date"] = initial.isoformat()
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": True,
        "element": element,
    }


def _asks_opt_in(on: bool) -> dict[str, Any]:
    option = {"text": _plain("Tell me about asks that match what I know"), "value": ASKS_OPT_IN}
    element: dict[str, Any] = {"type": "checkboxes", "action_id": "value", "options": [option]}
    if on:
        element["initial_options"] = [option]
    return {
        "type": "input",
        "block_id": ASKS_OPT_IN,
        "label": _plain("Asks for help"),
        "optional": True,
        "element": element,
        "hint": _plain("At most 3 private messages a week, when someone's /ask matches your tags or work"),
    }


def hears_asks(view: dict[str, Any]) -> bool:
    """Whether the submitted modal ticks "tell me about asks that match what I know"."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    block = values.get(ASKS_OPT_IN) if isinstance(values, dict) else None
    element = next(iter(block.values()), None) if isinstance(block, dict) else None
    chosen = element.get("selected_options") if isinstance(element, dict) else None
    return isinstance(chosen, list) and any(
        isinstance(option, dict) and option.get("value") == ASKS_OPT_IN for option in chosen
    )


def _share_again() -> dict[str, Any]:
    option = {"text": _plain("Share my updated card in the introductions channel"), "value": "share_again"}
    return {
        "type": "input",
        "block_id": "share_again",
        "label": _plain("Share again"),
        "optional": True,
        "element": {"type": "checkboxes", "action_id": "value", "options": [option]},
    }
