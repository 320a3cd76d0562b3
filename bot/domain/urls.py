"""Links Rapport builds from what people typed, fitted to Slack's limit on a URL.

Slack refuses a button whose `url` is over 3,000 characters, and with it the whole message. Encoded text
grows: an emoji is 4 bytes of UTF-8, 12 characters once %-escaped, so a 150-character title can need 1,800.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote_plus

URL_LIMIT = 3000
"""Characters in a button's or a link's URL, as Slack counts them."""

CUT = "…"


def _encoded(text: str) -> str:
    return quote_plus(text, errors="replace")  # a lone surrogate becomes "?", never an exception


def _query(params: Sequence[tuple[str, str]]) -> str:
    return "&".join(f"{_encoded(name)}={_encoded(value)}" for name, value in params)


def shortened(text: str, room: int) -> str:
    """The longest start of `text` whose encoding (with "…" when cut) takes at most `room` characters.

    Cut between characters of the text, so never inside a %-escape or a character's UTF-8 bytes.
    """
    if len(_encoded(text)) <= room:
        return text
    room -= len(_encoded(CUT))
    size = 0
    for index, char in enumerate(text):
        size += len(_encoded(char))
        if size > room:
            return text[:index] + CUT if index else ""
    return text  # not reached: the whole text did not fit


def fitted_url(
    base: str, params: Sequence[tuple[str, str]], give_way: Sequence[str], limit: int = URL_LIMIT
) -> str:
    """`base` + the encoded query, at most `limit` characters: the values named in `give_way` are
    shortened, in that order, until it fits (the others are short and fixed: dates, actions)."""
    values = dict(params)
    for name in give_way:
        over = len(base + _query(list(values.items()))) - limit
        if over <= 0:
            break
        values[name] = shortened(values[name], len(_encoded(values[name])) - over)
    return base + _query(list(values.items()))
