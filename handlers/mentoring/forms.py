"""Mentoring's modals and how they are read back: the mentor's form, the mentee's goals, the ranking of the
best-fitting mentors, a decline's optional reason, and an admin's matching window.

Block IDs are the field names the domain's checks key their errors by, so an error lands under its
input. What comes back is untrusted: every value is read as a string and checked by the domain.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.domain.mentoring.forms import GOAL_LIMIT, REASON_LIMIT, TOPIC_LIMIT, WANTS_LIMIT
from bot.domain.mentoring.model import MAX_CAPACITY, MAX_CHOICES, MAX_GOALS, MIN_CAPACITY
from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import MenteeRecord
from bot.services.mentoring.preferences import Suggested
from bot.services.mentoring.volunteer import MentorForm
from handlers.blockkit import modal, plain_text, section, string_value, view_element, view_values
from handlers.buttons import record_number
from handlers.text import clip, safe

VOLUNTEER = "mentoring_volunteer_form"
GOALS = "mentoring_goals_form"
RANKING = "mentoring_ranking_form"
DECLINE_FORM = "mentoring_decline_form"
WINDOW = "admin_mentoring_window"  # admin_: the middleware refuses it from anyone else
ANY = "any"
NO_MENTOR_YET = (
    "No mentor has a free place yet: say *any* and I'll match you with the best fit when places open up "
    "or matching closes."
)
OPTION_TEXT = 75  # Slack's limit for an option's text
TOPICS_TEXT = 10 * (TOPIC_LIMIT + 2)


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain_text(clip(text, OPTION_TEXT)), "value": value}


def _input(
    block_id: str, label: str, element: dict[str, Any], optional: bool = False, hint: str = ""
) -> dict[str, Any]:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain_text(label),
        "optional": optional,
        "element": {"action_id": "value", **element},
    }
    if hint:
        block["hint"] = plain_text(hint)
    return block


def _text(max_length: int, initial: str = "", multiline: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": max_length, "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def volunteer_modal(form: MentorForm) -> dict[str, Any]:
    sizes = [
        _option(f"{n} mentee{'s' if n > 1 else ''}", str(n)) for n in range(MIN_CAPACITY, MAX_CAPACITY + 1)
    ]
    cadences = [_option(c.label.capitalize(), c.value) for c in Cadence]
    blocks = [
        _input(
            "capacity",
            "How many mentees can you take?",
            {
                "type": "static_select",
                "options": sizes,
                "initial_option": sizes[form.capacity - MIN_CAPACITY],
            },
        ),
        _input(
            "topics",
            "Topics you can help with",
            _text(TOPICS_TEXT, ", ".join(form.topics), multiline=True),
            hint="Comma-separated, up to 10: your profile's “ask me about” is filled in",
        ),
        _input(
            "cadence",
            "How often can you meet?",
            {
                "type": "radio_buttons",
                "options": cadences,
                "initial_option": cadences[list(Cadence).index(form.cadence)],
            },
        ),
    ]
    if form.mentees:
        blocks.insert(
            0, {"type": "context", "elements": [plain_text(f"You mentor {form.mentees} intern(s) now.")]}
        )
    return modal(VOLUNTEER, "Mentor an intern", "Save", blocks, {})


def read_volunteer(view: dict[str, Any]) -> tuple[str, str, str]:
    """(capacity, topics, cadence) as sent back."""
    values = view_values(view)
    return (
        _selected(view_element(values, "capacity")),
        string_value(view_element(values, "topics").get("value")),
        _selected(view_element(values, "cadence")),
    )


def goals_modal(record: MenteeRecord | None) -> dict[str, Any]:
    goals = "\n".join(record.goals) if record else ""
    blocks = [
        _input(
            "goals",
            f"Your goals (one a line, up to {MAX_GOALS})",
            _text(MAX_GOALS * (GOAL_LIMIT + 1) + 40, goals, multiline=True),
            hint="What would you like to learn or do? Only you, your mentor and the admins see them",
        ),
        _input(
            "wants",
            "What would you like in a mentor?",
            _text(WANTS_LIMIT, (record.wants or "") if record else "", multiline=True),
            optional=True,
        ),
    ]
    return modal(GOALS, "Find a mentor", "Next", blocks, {})


def read_goals(view: dict[str, Any]) -> tuple[str, str]:
    values = view_values(view)
    return string_value(view_element(values, "goals").get("value")), string_value(
        view_element(values, "wants").get("value")
    )


def ranking_view(suggested: Sequence[Suggested], record: MenteeRecord | None) -> dict[str, Any]:
    """The best-fitting mentors with a line each on why; rank up to 3 of them, or say any of these."""
    blocks: list[dict[str, Any]] = []
    if suggested:
        lines = [f"• <@{s.user_id}> — {safe(s.fit.why() or 'has room', 300)}" for s in suggested]
        blocks.append(section("*Mentors who fit you best*\n" + "\n".join(lines)))
        options = [_option(s.name, s.user_id) for s in suggested]
        chosen = record.choices if record else ()
        for n in range(MAX_CHOICES):
            element: dict[str, Any] = {"type": "static_select", "options": options}
            initial = next((o for o in options if n < len(chosen) and o["value"] == chosen[n]), None)
            if initial:
                element["initial_option"] = initial
            blocks.append(
                _input(f"choice{n + 1}", ("First", "Second", "Third")[n] + " choice", element, optional=True)
            )
    else:
        blocks.append(section(NO_MENTOR_YET))
    any_option = _option("Any of these is fine (after my choices)", ANY)
    checkbox: dict[str, Any] = {"type": "checkboxes", "options": [any_option]}
    if not suggested or (record is not None and record.open_to_any):
        checkbox["initial_options"] = [any_option]
    blocks.append(_input("any", "Or", checkbox, optional=True))
    return modal(RANKING, "Rank your mentors", "Done", blocks, {})


def read_ranking(view: dict[str, Any]) -> tuple[tuple[str | None, ...], bool]:
    values = view_values(view)
    picked = tuple(_selected(view_element(values, f"choice{n + 1}")) or None for n in range(MAX_CHOICES))
    ticked = view_element(values, "any").get("selected_options")
    said_any = isinstance(ticked, list) and any(isinstance(o, dict) and o.get("value") == ANY for o in ticked)
    return picked, said_any


def decline_modal(pair_id: int) -> dict[str, Any]:
    blocks = [
        _input(
            "reason",
            "Anything you'd like the program lead to know?",
            _text(REASON_LIMIT, multiline=True),
            optional=True,
            hint="Optional. Never shown to the intern.",
        ),
    ]
    return modal(DECLINE_FORM, "Decline", "Decline", blocks, {"pair_id": pair_id})


def read_reason(view: dict[str, Any]) -> str:
    return string_value(view_element(view_values(view), "reason").get("value"))


def pair_id_of(view: dict[str, Any]) -> int | None:
    """The pair a modal is about, from its private metadata; None when it is not a sane number."""
    try:
        value = json.loads(view.get("private_metadata") or "{}").get("pair_id")
    except (ValueError, AttributeError):
        return None
    return record_number(str(value)) if isinstance(value, int) else None


def window_modal(default_day: date) -> dict[str, Any]:
    blocks = [
        section(
            "Interns give their goals and rank mentors until the window closes; then everyone is matched at "
            "once. Mentors and interns are invited by DM."
        ),
        _input(
            "until",
            "Matching closes at the end of",
            {"type": "datepicker", "initial_date": default_day.isoformat()},
        ),
    ]
    return modal(WINDOW, "Mentor matching", "Open", blocks, {})


def read_until(view: dict[str, Any]) -> date | None:
    chosen = string_value(view_element(view_values(view), "until").get("selected_date"))
    try:
        return date.fromisoformat(chosen) if chosen else None
    except ValueError:
        return None


def _selected(element: dict[str, Any]) -> str:
    option = element.get("selected_option")
    return string_value(option.get("value")) if isinstance(option, dict) else ""
