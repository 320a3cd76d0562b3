"""/coffee: one command, many subcommands; anything unknown gets the usage, never silence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.runtime import Runtime
from handlers.blockkit import section
from handlers.context import runtime_of
from handlers.home.view import refresh_home_after
from handlers.middleware.dedup import read_only_command
from handlers.text import clip, escape, plain


@dataclass(frozen=True)
class CoffeeRequest:
    """One /coffee invocation, as a subcommand sees it."""

    ack: Ack
    respond: Respond
    runtime: Runtime
    team_id: str
    user_id: str
    channel_id: str
    arguments: str


@dataclass(frozen=True)
class Subcommand:
    name: str
    arguments: str
    summary: str
    run: Callable[[CoffeeRequest], None]
    admin_only: bool = False
    changes_home: bool = False  # App Home shows what it changes: re-publish it afterwards
    reads_only: bool = False  # changes nothing, so a replay needs no trigger_id claim


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(
    name: str,
    arguments: str,
    summary: str,
    admin_only: bool = False,
    changes_home: bool = False,
    reads_only: bool = False,
):
    """Register a /coffee subcommand; the usage text lists every registered one."""

    def decorate(run: Callable[[CoffeeRequest], None]) -> Callable[[CoffeeRequest], None]:
        SUBCOMMANDS[name] = Subcommand(name, arguments, summary, run, admin_only, changes_home, reads_only)
        if reads_only:
            read_only_command("/coffee", name)
        return run

    return decorate


def usage_blocks(preface: str | None = None) -> list[dict[str, Any]]:
    def line(sub: Subcommand) -> str:
        args = f" {sub.arguments}" if sub.arguments else ""
        return f"• `/coffee {sub.name}{args}` — {sub.summary}"

    members = [line(sub) for sub in SUBCOMMANDS.values() if not sub.admin_only]
    admins = [line(sub) for sub in SUBCOMMANDS.values() if sub.admin_only]
    intro = (
        "*Rapport pairs interns with colleagues for coffee chats.*\n"
        "Introduce yourself with `/intro` so your matches know who they are meeting."
    )
    blocks: list[dict[str, Any]] = []
    if preface:
        blocks.append(section(preface))
    blocks.append(section(intro))
    blocks.append(section(clip("\n".join(members), 3000)))
    if admins:
        blocks.append(section(clip("*For admins*\n" + "\n".join(admins), 3000)))
    return blocks


read_only_command("/coffee", "")  # plain /coffee is help


@subcommand("help", "", "show this help", reads_only=True)
def show_help(request: CoffeeRequest) -> None:
    request.ack(text="How to use /coffee", blocks=usage_blocks())


def handle_coffee(
    ack: Ack, respond: Respond, command: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    name, _, arguments = plain(command.get("text")).strip().partition(" ")
    sub = SUBCOMMANDS.get(name.lower() or "help")
    if sub is None:
        word = escape(clip(name, 40))
        ack(
            text=f"I don't know `{word}`.",
            blocks=usage_blocks(f"I don't know `/coffee {word}`. Here is what I do:"),
        )
        return
    request = CoffeeRequest(
        ack=ack,
        respond=respond,
        runtime=runtime_of(context),
        team_id=context.team_id or command.get("team_id", ""),
        user_id=command["user_id"],
        channel_id=command["channel_id"],
        arguments=arguments.strip(),
    )
    sub.run(request)
    if sub.changes_home:
        refresh_home_after(client, context, request.user_id, f"/coffee {sub.name}")


def register(app: App) -> None:
    from handlers.coffee import admin as coffee_admin  # noqa: F401
    from handlers.coffee import member as coffee_member  # noqa: F401
    from handlers.followups import network as coffee_network  # noqa: F401
    from handlers.keep_in_touch import catchups_setting as coffee_catchups  # noqa: F401
    from handlers.program import stats as coffee_stats  # noqa: F401
    from handlers.scheduling import command as coffee_time  # noqa: F401
    from handlers.scheduling import hours as coffee_hours  # noqa: F401

    app.command("/coffee")(handle_coffee)
