"""/coffee: one command, many subcommands; anything unknown gets the usage, never silence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext

from handlers.text import clip, escape


@dataclass(frozen=True)
class Subcommand:
    name: str
    arguments: str
    summary: str
    run: Callable[[Ack, dict[str, Any], BoltContext, str], None]


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(name: str, arguments: str, summary: str):
    """Register a /coffee subcommand; the usage text lists every registered one."""

    def decorate(run: Callable[[Ack, dict[str, Any], BoltContext, str], None]):
        SUBCOMMANDS[name] = Subcommand(name, arguments, summary, run)
        return run

    return decorate


def usage_blocks(preface: str | None = None) -> list[dict[str, Any]]:
    lines = [
        f"• `/coffee {sub.name}{' ' + sub.arguments if sub.arguments else ''}` — {sub.summary}"
        for sub in SUBCOMMANDS.values()
    ]
    intro = (
        "*Rapport pairs interns with colleagues for coffee chats.*\n"
        "Introduce yourself with `/intro` so your matches know who they are meeting."
    )
    blocks: list[dict[str, Any]] = []
    if preface:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": preface}})
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": intro}})
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip("\n".join(lines), 3000)}})
    return blocks


@subcommand("help", "", "show this help")
def show_help(ack: Ack, command: dict[str, Any], context: BoltContext, arguments: str) -> None:
    ack(text="How to use /coffee", blocks=usage_blocks())


def handle_coffee(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    name, _, arguments = (command.get("text") or "").strip().partition(" ")
    sub = SUBCOMMANDS.get(name.lower() or "help")
    if sub is None:
        word = escape(clip(name, 40))
        ack(
            text=f"I don't know `{word}`.",
            blocks=usage_blocks(f"I don't know `/coffee {word}`. Here is what I do:"),
        )
        return
    sub.run(ack, command, context, arguments.strip())


def register(app: App) -> None:
    app.command("/coffee")(handle_coffee)
