"""Block Kit as HTML, faithfully enough to judge Rapport's real messages without Slack.

Covers the blocks Slack documents for messages, modals and Home: header, section (text, fields,
accessory), context, divider, actions, image, input and rich_text; their interactive elements are in
`bot/sandbox/elements.py`. All text is escaped; mrkdwn goes through `mrkdwn_to_html`, shown to a
`Reader` (names, pickers' choices, time zone).
"""

from __future__ import annotations

import html
from typing import Any

from bot.sandbox.elements import attrs, element_html, image_html, text_html
from bot.sandbox.reader import Names, Reader, reader_of

Block = dict[str, Any]


def blocks_to_html(blocks: list[Block], names: Names | Reader, fallback_text: str = "") -> str:
    """A message, modal or Home as HTML; a message without blocks shows its text as Slack does."""
    reader = reader_of(names)
    if not blocks:
        text = {"type": "mrkdwn", "text": fallback_text}
        return f'<div class="block section"><div class="text">{text_html(text, reader)}</div></div>'
    return "".join(_block(block, reader) for block in blocks)


def _block(block: Block, reader: Reader) -> str:
    kind = block.get("type")
    block_id = str(block.get("block_id", ""))
    if kind == "header":
        return f'<h3 class="block header">{text_html(block.get("text"), reader)}</h3>'
    if kind == "divider":
        return '<hr class="block divider">'
    if kind == "section":
        return _section(block, block_id, reader)
    if kind == "context":
        parts = [
            image_html(e) if e.get("type") == "image" else f"<span>{text_html(e, reader)}</span>"
            for e in block.get("elements") or []
        ]
        return f'<div class="block context">{"".join(parts)}</div>'
    if kind == "actions":
        controls = "".join(element_html(e, block_id, reader) for e in block.get("elements") or [])
        return f'<div class="block actions">{controls}</div>'
    if kind == "image":
        title = (
            f'<div class="title">{text_html(block.get("title"), reader)}</div>' if block.get("title") else ""
        )
        return f'<figure class="block image">{title}{image_html(block)}</figure>'
    if kind == "input":
        return _input(block, block_id, reader)
    if kind == "rich_text":
        inner = "".join(_rich(e, reader) for e in block.get("elements") or [])
        return f'<div class="block rich-text">{inner}</div>'
    return f'<div class="block unknown">[{html.escape(str(kind))} block]</div>'


def _section(block: Block, block_id: str, reader: Reader) -> str:
    """Text above fields, the accessory beside both, as Slack lays a section out."""
    body = f'<div class="text">{text_html(block.get("text"), reader)}</div>' if block.get("text") else ""
    if block.get("fields"):
        fields = "".join(f'<div class="field">{text_html(f, reader)}</div>' for f in block["fields"])
        body += f'<div class="fields">{fields}</div>'
    accessory = block.get("accessory")
    side = f'<div class="accessory">{element_html(accessory, block_id, reader)}</div>' if accessory else ""
    return f'<div class="block section"><div class="body">{body}</div>{side}</div>'


def _input(block: Block, block_id: str, reader: Reader) -> str:
    """A labelled input; its error, when Rapport answers with one, is shown beneath it, as in Slack."""
    label = text_html(block.get("label"), reader)
    optional = ' <span class="optional">(optional)</span>' if block.get("optional") else ""
    hint = f'<div class="hint">{text_html(block.get("hint"), reader)}</div>' if block.get("hint") else ""
    element = element_html(block.get("element") or {}, block_id, reader, input_block=True)
    head = f'<span class="label">{label}{optional}</span>'
    error = '<div class="field-error" role="alert"></div>'
    return f'<div class="block input"{attrs(data_block_id=block_id)}>{head}{element}{hint}{error}</div>'


def _rich(element: dict[str, Any], reader: Reader) -> str:
    kind = element.get("type")
    inner = "".join(_rich_piece(e, reader) for e in element.get("elements") or [])
    if kind == "rich_text_section":
        return f"<div>{inner}</div>"
    if kind == "rich_text_list":
        tag = "ol" if element.get("style") == "ordered" else "ul"
        items = "".join(f"<li>{''.join(_rich_piece(p, reader) for p in e.get('elements') or [])}</li>"
                        for e in element.get("elements") or [])  # fmt: skip
        return f"<{tag}>{items}</{tag}>"
    if kind == "rich_text_quote":
        return f"<blockquote>{inner}</blockquote>"
    if kind == "rich_text_preformatted":
        return f"<pre>{inner}</pre>"
    return ""


def _rich_piece(piece: dict[str, Any], reader: Reader) -> str:
    kind = piece.get("type")
    if kind == "text":
        text = html.escape(str(piece.get("text", ""))).replace("\n", "<br>")
        style = piece.get("style") or {}
        for flag, tag in (("bold", "b"), ("italic", "i"), ("strike", "s"), ("code", "code")):
            if style.get(flag):
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "user":
        return f'<span class="mention">@{html.escape(reader.names(str(piece.get("user_id", ""))))}</span>'
    if kind == "channel":
        return f'<span class="mention">#{html.escape(reader.names(str(piece.get("channel_id", ""))))}</span>'
    if kind == "link":
        return text_html({**piece, "type": "link"}, reader)
    if kind == "emoji":
        code = str(piece.get("unicode") or "")
        return "".join(chr(int(part, 16)) for part in code.split("-")) if code else f":{piece.get('name')}:"
    if kind == "rich_text_section":
        return _rich(piece, reader)
    return ""
