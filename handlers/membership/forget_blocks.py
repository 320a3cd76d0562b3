"""Telling a member (or an admin at the CLI) what forgetting removes, and asking to confirm."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.services.help.ports import PostPlace
from bot.services.membership.forget import ForgetReport
from handlers.blockkit import section

FORGET_ACTION = "forget_me_confirm"

DELETED = {
    "profile": "your /intro profile",
    "profile_card": "your profile card in the introductions channel (deleted there too)",
    "roster": "your roster entry (role, team, internship dates)",
    "directory": "your name and time zone as Rapport last read them from Slack",
    "pool_settings": "coffee settings (per pool)",
    "never_choices": "“never pair” choices you made or that name you",
    "thank_you_nudges": "thank-you reminders",
    "intro_nudges": "“introduce yourself” nudges you got",
    "welcome": "the record of your welcome message",
    "digest": "your weekly digest choice and the weeks it was sent",
    "catch_up_choices": "catch-up choices (yours, and others' about you)",
    "recap": "the record of your internship recap",
    "alumni_contact": "the alumni contact you shared",
    "alumni_reminders": "alumni reminders about you or sent to you",
    "introductions_proposed": "introductions you proposed",
    "event_answers": "your answers to events and the event reminders you got",
    "asks": "your asks for help (and who was asked about them; their posts are deleted too)",
    "ask_answers": "your offers to help and the asks you were asked about",
    "offers": "your offers of help (`/offer`; their posts are deleted too)",
    "offer_bookings": "the chats booked from your offers, and the ones you booked (Book a chat)",
    "updates": "the updates you shared (their posts are deleted too)",
    "update_notices": "lines owed about your updates, and the weekly update DMs you got",
    "update_settings": "your update switches",
    "mentoring": "your mentor sign-up, mentoring goals and choices, invitations and fit answers",
    "scheduling_votes": "your Find a time presses (which times suited you) and places in groups' proposals",
    "working_hours": "your working hours for Find a time (`/coffee hours`)",
}
ANONYMISED = {
    "coffee_groups": "coffee groups you were in",
    "meetings": "meetings you were part of",
    "introductions_anonymised": "introductions others proposed that include you",
    "settings_changed": "workspace settings you last changed (the settings stay)",
    "events_created": "events you created (the events stay; their announcements no longer name you)",
    "kudos": "kudos you gave or got (the kudos posts stay in Slack as they are)",
    "mentor_pairs": "mentorships you were part of (ended if still going)",
    "mentoring_settings": "matching windows and mentor places you set (they stay)",
    "scheduling_organised": "Find a time proposals in groups you organised",
}
REDRAWN = "posts in channels that name you (event announcements, asks you offered to help with), redrawn"


def report_lines(report: ForgetReport, about_them: bool = False) -> tuple[list[str], list[str]]:
    """(deleted, kept without the name) as "label: count" lines, leaving out kinds with nothing.

    The labels speak to the member (`/coffee forget-me`), or about them to an admin (`rapport forget`).
    """

    def lines(labels: dict[str, str], keys: list[str]) -> list[str]:
        worded = [labels.get(key, key.replace("_", " ")) for key in keys]
        return [
            f"{_them(w) if about_them else w}: {report.counts[k]}" for w, k in zip(worded, keys, strict=True)
        ]

    present = [key for key, count in report.counts.items() if count]
    kept = [key for key in present if key in ANONYMISED]
    deleted = [key for key in present if key not in ANONYMISED]
    redrawn = [f"{_them(REDRAWN) if about_them else REDRAWN}: {report.redrawn}"] if report.redrawn else []
    return lines(DELETED, deleted), lines(ANONYMISED, kept) + redrawn


def _them(label: str) -> str:
    """A label written to "you", reworded about "them"."""
    label = re.sub(r"\byours\b", "theirs", label)
    label = re.sub(r"\byour\b", "their", label)
    label = re.sub(r"\byou (made|got|proposed|were|shared|last|offered|gave|created)\b", r"they \1", label)
    return re.sub(r"(?<![-\w])you\b", "them", label)  # not "thank-you"


def _summary(report: ForgetReport, deleted_title: str, kept_title: str) -> str:
    deleted, kept = report_lines(report)
    parts = []
    if deleted:
        parts.append(f"*{deleted_title}*\n" + "\n".join(f"• {line}" for line in deleted))
    if kept:
        parts.append(f"*{kept_title}*\n" + "\n".join(f"• {line}" for line in kept))
    return "\n\n".join(parts)


def confirm_blocks(report: ForgetReport) -> list[dict[str, Any]]:
    """What will go, and a red button behind Slack's own "are you sure?" dialog."""
    summary = _summary(
        report,
        "Deleted",
        "Kept for the others, with your name replaced by “a former member”",
    )
    button = {
        "type": "button",
        "action_id": FORGET_ACTION,
        "style": "danger",
        "text": {"type": "plain_text", "text": "Forget me"},
        "value": "forget",
        "confirm": {
            "title": {"type": "plain_text", "text": "Forget you?"},
            "text": {
                "type": "plain_text",
                "text": "This cannot be undone: Rapport will not know you any more.",
            },
            "confirm": {"type": "plain_text", "text": "Forget me"},
            "deny": {"type": "plain_text", "text": "Cancel"},
            "style": "danger",
        },
    }
    return [
        section("*This is what Rapport keeps about you in this workspace, and what forgetting does:*"),
        section(summary),
        {"type": "actions", "elements": [button]},
    ]


def done_text(report: ForgetReport) -> str:
    if not report.anything:
        return "Rapport keeps nothing about you here — there was nothing to forget."
    summary = _summary(report, "Deleted", "Kept for the others, without your name")
    return (
        f"Done: Rapport has forgotten you.\n\n{summary}\n\n{card_left_text(report)}"
        "If you stay in a coffee channel, you'll be paired there again as someone new; "
        "leave the channel to stop that."
    )


def card_left_text(report: ForgetReport) -> str:
    """A sentence for each kind of post Slack would not delete (the profile card, asks, offers or updates)
    or update (others' posts that name the member), else nothing."""
    text = ""
    if report.card_left is not None:
        text += (
            f"Your profile card in <#{report.card_left.channel_id}> could not be deleted: "
            "ask an admin of that channel to delete it.\n\n"
        )
    if report.posts_left:
        text += (
            f"{len(report.posts_left)} of your asks, offers or updates in {_channels(report.posts_left)} "
            "could not be deleted: ask an admin of that channel to delete them.\n\n"
        )
    if report.posts_not_redrawn:
        one = len(report.posts_not_redrawn) == 1
        posts = "a post" if one else f"{len(report.posts_not_redrawn)} posts"
        text += (
            f"Slack would not let me update {posts} in {_channels(report.posts_not_redrawn)} that "
            f"named you: ask an admin of that channel to delete {'it' if one else 'them'}.\n\n"
        )
    return text


def _channels(places: Sequence[PostPlace]) -> str:
    return ", ".join(f"<#{c}>" for c in dict.fromkeys(p.channel_id for p in places))
