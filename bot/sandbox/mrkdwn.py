"""Slack's mrkdwn as HTML: what a message's text looks like in the Slack client.

Slack's own rules, as its formatting reference gives them: `*bold*`, `_italic_`, `~strike~`, `` `code` ``,
```` ```preformatted``` ````, `>` quotes, links `<url|label>`, mentions `<@U…>`, `<#C…>`, `<!here>`, and
emoji shortcodes. Everything else is text, escaped: nothing a member typed can become markup.
"""

from __future__ import annotations

import html
import re

from bot.sandbox.reader import Names, Reader, format_date, reader_of

__all__ = ["Names", "Reader", "mrkdwn_to_html", "safe_url"]

EMOJI = {
    "wave": "👋", "coffee": "☕", "tada": "🎉", "sparkles": "✨", "handshake": "🤝", "calendar": "📅",
    "white_check_mark": "✅", "x": "❌", "speech_balloon": "💬", "raised_hands": "🙌", "seedling": "🌱",
    "star": "⭐", "bulb": "💡", "memo": "📝", "clock9": "🕘", "pushpin": "📌", "smile": "😄",
    "slightly_smiling_face": "🙂", "thumbsup": "👍", "+1": "👍", "heart": "❤️", "rocket": "🚀",
    "busts_in_silhouette": "👥", "bust_in_silhouette": "👤", "hourglass": "⌛", "mailbox": "📫",
}  # fmt: skip


_TOKEN = re.compile(r"<([^<>\n]+)>")
_SPANS = [
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), "b"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), "i"),
    (re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])"), "s"),
]
_EMOJI = re.compile(r":([a-z0-9_+-]+):")
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_SCHEMES = ("https",)
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):[^\x00-\x20\x7f]+$")


def safe_url(url: object, schemes: tuple[str, ...] = LINK_SCHEMES) -> str | None:
    """`url` when it is one of `schemes` (http, https, mailto; images https), else None.

    A message's links, button URLs and image URLs come from whoever posted it: a `javascript:` or
    `data:` URL in an `href` runs in the page when clicked. Whitespace and control characters anywhere
    are refused too, since browsers skip them (`java\tscript:` is `javascript:` to them).
    """
    found = _URL.match(url) if isinstance(url, str) else None
    return url if found and found.group(1).lower() in schemes else None


def mrkdwn_to_html(text: str, names: Names | Reader) -> str:
    """The HTML a Slack client would show `names`' reader for `text` (one block's mrkdwn)."""
    reader = reader_of(names)
    blocks: list[str] = []
    parts = re.split(r"```", text)
    for index, part in enumerate(parts):
        if index % 2 == 1:  # inside ``` … ```
            blocks.append(f"<pre>{html.escape(part.strip(chr(10)))}</pre>")
        elif part:
            blocks.append(_lines(part, reader))
    return "".join(blocks)


def _lines(text: str, reader: Reader) -> str:
    out: list[str] = []
    quote: list[str] = []
    for line in text.split("\n"):
        if line.startswith("&gt;") or line.startswith(">"):
            quote.append(_inline(line.lstrip(">").removeprefix("&gt;").lstrip(), reader))
            continue
        if quote:
            out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
            quote = []
        out.append(_inline(line, reader))
    if quote:
        out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
    return "<br>".join(out)


def _inline(line: str, reader: Reader) -> str:
    """Code spans first (nothing inside them is formatted), then tokens, emphasis and emoji."""
    pieces = re.split(r"`([^`\n]+)`", line)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2 == 1:
            out.append(f"<code>{html.escape(_unescape(piece))}</code>")
        else:
            out.append(_formatted(piece, reader))
    return "".join(out)


def _formatted(text: str, reader: Reader) -> str:
    """Tokens become placeholders first, so emphasis may span them (`*<@U1> organises*` is bold)."""
    tokens: list[str] = []

    def hold(match: re.Match[str]) -> str:
        tokens.append(_token(match.group(1), reader))
        return f"\x00{len(tokens) - 1}\x00"

    held = _TOKEN.sub(hold, text.replace("\x00", ""))
    shown = _emphasis(html.escape(_unescape(held)))
    return re.sub(r"\x00(\d+)\x00", lambda m: tokens[int(m.group(1))], shown)


def _emphasis(escaped: str) -> str:
    for pattern, tag in _SPANS:
        escaped = pattern.sub(lambda m, t=tag: f"<{t}>{m.group(1)}</{t}>", escaped)
    return _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), escaped)


def _token(inner: str, reader: Reader) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return f'<span class="mention">@{html.escape(label or reader.names(target[1:]))}</span>'
    if target.startswith("#"):
        return f'<span class="mention">#{html.escape(label or reader.names(target[1:]))}</span>'
    if target.startswith("!date^"):
        return _date(target, label, reader)
    if target.startswith("!"):
        word = target[1:].split("^", 1)[0]
        return f'<span class="mention">@{html.escape(label or word)}</span>'
    return _link(target, label) or html.escape(f"<{inner}>")


def _date(target: str, fallback: str, reader: Reader) -> str:
    """`<!date^epoch^tokens^optional link|fallback>`: text in the reader's zone, not a mention."""
    _, epoch, tokens, link = (*target.split("^", 3), "")[:4]
    if not epoch.isdigit():
        return html.escape(_unescape(fallback))
    shown = format_date(int(epoch), _unescape(tokens), reader)
    return _link(link, shown) or html.escape(shown)


def _link(target: str, label: str) -> str | None:
    url = safe_url(_unescape(target))
    if url is None:
        return None
    href, text = html.escape(url, quote=True), html.escape(_unescape(label or target))
    return f'<a href="{href}" rel="noopener noreferrer">{text}</a>'


def _unescape(text: str) -> str:
    """Slack's own three entities (how `<`, `>` and `&` are written in mrkdwn) back to characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
