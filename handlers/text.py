"""Making user text safe and short enough for Slack, and checking values Slack sends back to us."""

from __future__ import annotations

import re

from bot.domain.privacy import FORMER_MEMBER, is_anonymous

# C0 control characters but tab, newline and carriage return, and DEL: never meant; PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# How Slack sends a mention in a slash command with should_escape: <@U123> or <@U123|name>.
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


# Button and select values come back from the client: whoever can sign a request can put anything there.
USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")
CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,31}")
MESSAGE_TS = re.compile(r"\d{1,12}\.\d{1,8}")
INVALID_VALUE = "That button carried something I can't use, so I did nothing. Try the command again."


def user_id_value(value: object) -> str | None:
    """The value when it is a Slack user ID (U… or W…), else None."""
    return value if isinstance(value, str) and USER_ID.fullmatch(value) else None


def channel_id_value(value: object) -> str | None:
    """The value when it is a Slack conversation ID (C…, G… or D…), else None."""
    return value if isinstance(value, str) and CHANNEL_ID.fullmatch(value) else None


def message_ts_value(value: object) -> str | None:
    """The value when it looks like a message ts ("1712345678.000100"), else None."""
    return value if isinstance(value, str) and MESSAGE_TS.fullmatch(value) else None


def plain(text: str | None) -> str:
    """What a person typed, without control characters (a NUL would even fail to store)."""
    return _CONTROL.sub("", text or "")


def asks_for_help(text: str | None) -> bool:
    """The whole text is `help` (any case, spaces around): every command then shows its help privately
    and changes nothing (`/ask help` is not an ask, nor `/offer help` an offer)."""
    return plain(text).strip().casefold() == "help"


def escape(text: str) -> str:
    """Escape mrkdwn control characters so user text cannot mention @channel or fake a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut text to `limit` characters, ending with an ellipsis when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe(text: str, limit: int) -> str:
    """`escape(text)` cut to `limit` characters without splitting an escape like `&amp;`."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    out: list[str] = []
    size = 0
    for char in text:
        piece = escape(char)
        if size + len(piece) > limit - 1:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out) + "…"


def mentioned(text: str) -> str | None:
    """The user ID when `text` is exactly one mention, else None."""
    found = _MENTION.fullmatch(text.strip())
    return found.group(1) if found else None


def leading_mention(text: str) -> tuple[str, str] | None:
    """(user ID, the rest) when `text` starts with a mention, else None."""
    found = _MENTION.match(text.strip())
    return (found.group(1), text.strip()[found.end() :].strip()) if found else None


_NAMED_REF = re.compile(r"<([@#][UWC][A-Z0-9]{2,31})\|[^>]*>")
_ESCAPED_REF = re.compile(r"&lt;([@#][UWC][A-Z0-9]{2,31})&gt;")


def without_names(text: str) -> str:
    """Mentions and channel links as Slack escapes them in a command (`<@U1|ben>`, `<#C1|general>`) without
    the name part (`<@U1>`, `<#C1>`): what is stored, so forgetting finds the ID and names stay current."""
    return _NAMED_REF.sub(r"<\1>", text)


def with_links(escaped: str) -> str:
    """Text `escape`d for Slack, with its people and channel mentions live again (never @channel or links)."""
    return _ESCAPED_REF.sub(r"<\1>", escaped)


def who(user_id: str) -> str:
    """A mention of the member, or "a former member" where someone forgotten used to be."""
    return FORMER_MEMBER if is_anonymous(user_id) else f"<@{user_id}>"
