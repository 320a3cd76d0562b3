"""The welcome DM a new member of the workspace gets."""

from __future__ import annotations

MAX_CHANNELS = 10  # a short message; more pools than this are listed as "and N more"


def welcome_text(pool_channels: list[str]) -> str:
    """A short, friendly welcome: /intro, and the coffee channels as links (<#C…> renders as #name)."""
    lines = [
        "👋 *Welcome!* I'm Rapport: I help people here get to know each other.",
        "• Run `/intro` to write a short profile, so the people you meet know a little about you.",
    ]
    if pool_channels:
        shown = ", ".join(f"<#{channel}>" for channel in pool_channels[:MAX_CHANNELS])
        more = len(pool_channels) - MAX_CHANNELS
        if more > 0:
            shown += f" and {more} more"
        lines.append(
            f"• Join a coffee channel ({shown}) and I'll pair you with someone for a chat now and then."
        )
    else:
        lines.append("• When your team sets up a coffee channel, join it and I'll pair you for chats.")
    lines.append("That's all — no need to reply.")
    return "\n".join(lines)
