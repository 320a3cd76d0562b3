"""What a visitor's Slack client knows of the workspace: names for IDs, whom and where its pickers offer,
what the composer suggests while typing, and how it turns typed @names and #channels into mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.reader import Pickable, Reader
from bot.sandbox.typing_names import Person, slack_text

if TYPE_CHECKING:
    from bot.sandbox.fakeslack import Channel
    from bot.sandbox.world import Sandbox


def reader_for(sandbox: Sandbox, who: str) -> Reader:
    """`who`'s client: people and conversations for pickers, their time zone, the sandbox's now."""
    user = sandbox.workspace.users.get(who)
    return Reader(
        names=sandbox.name,
        people=tuple((p.id, p.real_name) for p in _people(sandbox)),
        conversations=tuple(_pickable(sandbox, who)),
        zone=user.tz if user is not None else None,
        now=sandbox.clock(),
    )


def typed_as_slack(sandbox: Sandbox, who: str, typed: str) -> str:
    """A command's text as Slack sends it: `@Full Name` and `#channel` escaped as mentions."""
    people = [Person(p.id, p.name, (p.real_name, p.display_name)) for p in _people(sandbox)]
    channels = [(c.id, c.name) for c in _channels(sandbox, who)]
    return slack_text(typed, people, channels)


def suggestions(sandbox: Sandbox, who: str) -> dict[str, Any]:
    """What the composer offers after `@` and `#`: people by name, the channels `who` can see."""
    return {
        "people": [[p.real_name, p.name] for p in _people(sandbox)],
        "channels": sorted(c.name for c in _channels(sandbox, who)),
    }


def _people(sandbox: Sandbox) -> list[Any]:
    with sandbox.fake.state.lock:
        users = list(sandbox.workspace.users.values())
    return sorted((u for u in users if sandbox.is_person(u.id)), key=lambda u: u.real_name.lower())


def _channels(sandbox: Sandbox, who: str) -> list[Channel]:
    """Public channels and the private ones `who` is in (no DMs: they have no #name)."""
    with sandbox.fake.state.lock:
        channels = list(sandbox.workspace.channels.values())
    return [
        c for c in channels
        if not (c.is_im or c.is_mpim or c.is_archived) and (not c.is_private or who in c.members)
    ]  # fmt: skip


def _pickable(sandbox: Sandbox, who: str) -> list[Pickable]:
    found = [
        Pickable(c.id, "#" + c.name, "private" if c.is_private else "public") for c in _channels(sandbox, who)
    ]
    found.sort(key=lambda p: p.name)
    for c in sandbox.conversations(who):
        if c.kind == "group":
            found.append(Pickable(c.id, c.name, "mpim"))
    return found
