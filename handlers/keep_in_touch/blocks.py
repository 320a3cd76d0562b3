"""Block Kit for keeping in touch: catch-up suggestions, the internship recap, the alumni contact modal."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from bot.domain.keep_in_touch import AlumniContact
from bot.services.keep_in_touch.ports import Recap
from handlers.blockkit import SECTION_LIMIT, section
from handlers.help.updates_blocks import farewell_blocks
from handlers.text import clip, escape, safe

CATCH_UP_ACTIONS = {"catchup_yes": "catch_up", "catchup_later": "later", "catchup_stop": "stop"}
ALUMNI_CALLBACK = "alumni_contact"

PEOPLE_SECTIONS = 4  # 100 to 300 people; everyone beyond is summarised, the CSV has them all
BUTTON_LIMIT = 75


def _button(action_id: str, label: str, value: str = "", primary: bool = False) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": clip(label, BUTTON_LIMIT)},
    }
    if value:
        button["value"] = value
    if primary:
        button["style"] = "primary"
    return button


# Catch-ups


def catch_up_text(other: str, weeks: int) -> str:
    return f"It's been {weeks} weeks since you last connected with <@{other}> — how about a catch-up?"


def catch_up_blocks(other: str, other_name: str, weeks: int) -> list[dict[str, Any]]:
    return [
        section(f"*{catch_up_text(other, weeks)}*\nA quick coffee or a message keeps a connection warm."),
        {
            "type": "actions",
            "block_id": "catch_up",
            "elements": [
                _button("catchup_yes", "Let's catch up", other, primary=True),
                _button("catchup_later", "Later", other),
                _button("catchup_stop", f"Stop suggesting @{other_name}", other),
            ],
        },
    ]


def catch_up_opener(user_id: str, other: str) -> str:
    return (
        f"👋 <@{other}>, <@{user_id}> would love to catch up! It's been a while — "
        "how about a coffee or a quick call this week?"
    )


# The recap


def recap_text(recap: Recap) -> str:
    if not recap.rows:
        return "Your network recap: there's still a week to meet people — try `/coffee met` or `/intro`."
    people = f"{len(recap.rows)} {'person' if len(recap.rows) == 1 else 'people'}"
    if not recap.teams:
        return f"Your network recap: you met {people} during your internship."
    teams = f"{recap.teams} {'team' if recap.teams == 1 else 'teams'}"
    return f"Your network recap: you met {people} across {teams} during your internship."


def recap_blocks(recap: Recap) -> list[dict[str, Any]]:
    ends = f"{recap.end:%-d %B}"
    lead = " Here is who you met:" if recap.rows else ""
    blocks = [section(f"*{recap_text(recap)}* 🎓\nYour internship ends on {ends}.{lead}")]
    shown, sections = _people_sections(recap)
    blocks += [section(text) for text in sections]
    if shown < len(recap.rows):
        more = len(recap.rows) - shown
        blocks.append(section(f"…and {more} more — the CSV below lists everyone."))
    if recap.thanks:
        blocks.append(
            section("*Say thank you to the people who helped most* — here are notes to start from:")
        )
        for thanks in recap.thanks:
            blocks.append(section(f"To <@{thanks.person.user_id}>:\n> {escape(thanks.draft)}"))
    if recap.farewell:
        blocks += farewell_blocks(recap.farewell)
    blocks.append(
        section(
            "Want the people you met to be able to reach you after you leave? Share a personal email or "
            "LinkedIn; they'll get one reminder to check in with you three months from now."
        )
    )
    blocks.append(
        {
            "type": "actions",
            "block_id": "alumni",
            "elements": [_button("alumni_share", "Share alumni contact")],
        }
    )
    return blocks


def _people_sections(recap: Recap) -> tuple[int, list[str]]:
    """Lines packed into at most PEOPLE_SECTIONS sections; returns how many people fit and the texts."""
    sections: list[str] = []
    current = ""
    shown = 0
    for row in recap.rows:
        line = _person_line(row)
        if current and len(current) + 1 + len(line) > SECTION_LIMIT:
            sections.append(current)
            current = ""
            if len(sections) == PEOPLE_SECTIONS:
                return shown, sections
        current = f"{current}\n{line}" if current else line
        shown += 1
    if current:
        sections.append(current)
    return shown, sections


HOW = {
    "coffee": "coffee chat",
    "met": "met",
    "introduction": "introduced",
    "event": "met at an event",
    "help": "helped",
    "mentoring": "mentoring",
}


def _person_line(row: Any) -> str:
    parts = [f"• <@{row.user_id}> ({safe(row.name, 60)})"]
    if row.team:
        parts.append(safe(row.team, 60))
    when = f"{HOW.get(row.how, row.how)} {row.first_met:%-d %b}"
    parts.append(when + (f", {row.times} times" if row.times > 1 else ""))
    if row.linkedin_url:
        parts.append(f"<{quote(row.linkedin_url, safe=':/%')}|LinkedIn>")
    return " · ".join(parts)


# Alumni contact


def _input(
    block_id: str, label: str, initial: str | None, max_length: int, placeholder: str
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "max_length": max_length,
        "placeholder": {"type": "plain_text", "text": placeholder},
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    label_text = {"type": "plain_text", "text": label}
    return {"type": "input", "block_id": block_id, "label": label_text, "optional": True, "element": element}


def alumni_modal(contact: AlumniContact | None) -> dict[str, Any]:
    consent_option = {
        "text": {"type": "plain_text", "text": "Share this with the colleagues I met through Rapport"},
        "value": "yes",
    }
    consent: dict[str, Any] = {"type": "checkboxes", "action_id": "value", "options": [consent_option]}
    if contact is not None:
        consent["initial_options"] = [consent_option]
    return {
        "type": "modal",
        "callback_id": ALUMNI_CALLBACK,
        "title": {"type": "plain_text", "text": "Stay in touch"},
        "submit": {"type": "plain_text", "text": "Share"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(
                "After you leave, the colleagues you met get *one* reminder to check in with you, with this."
            ),
            _input("email", "Personal email", contact.email if contact else None, 254, "you@example.com"),
            _input(
                "linkedin",
                "LinkedIn profile",
                contact.linkedin_url if contact else None,
                200,
                "https://www.linkedin.com/in/your-name",
            ),
            {
                "type": "input",
                "block_id": "consent",
                "label": {"type": "plain_text", "text": "Consent"},
                "optional": True,
                "element": consent,
            },
        ],
    }


def read_alumni_form(view: dict[str, Any]) -> tuple[str, str, bool]:
    values = (view.get("state") or {}).get("values") or {}

    def element(block_id: str) -> dict[str, Any]:
        return (values.get(block_id) or {}).get("value") or {}

    consent = [o.get("value") for o in element("consent").get("selected_options") or []]
    return element("email").get("value") or "", element("linkedin").get("value") or "", "yes" in consent


def contact_lines(contact: AlumniContact) -> str:
    lines = []
    if contact.email:
        lines.append(f"• Email: {escape(contact.email)}")
    if contact.linkedin_url:
        lines.append(f"• LinkedIn: <{quote(contact.linkedin_url, safe=':/%')}>")
    return "\n".join(lines)


def shared_blocks(contact: AlumniContact) -> list[dict[str, Any]]:
    return [
        section(
            "*Thanks — you're reachable after you leave.* The colleagues you met will see:\n"
            + contact_lines(contact)
        ),
        {
            "type": "actions",
            "block_id": "alumni",
            "elements": [_button("alumni_withdraw", "Withdraw my contact")],
        },
    ]


def reminder_text(intern: str) -> str:
    return f"About three months ago <@{intern}> finished their internship — a good moment to check in!"


def reminder_blocks(intern: str, contact: AlumniContact) -> list[dict[str, Any]]:
    return [
        section(
            f"*{reminder_text(intern)}* 👋\nThey asked to stay in touch; you can reach them here:\n"
            + contact_lines(contact)
        )
    ]
