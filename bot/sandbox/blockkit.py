"""Block Kit as HTML, faithfully enough to judge Rapport's real messages without Slack.

Covers the blocks Slack documents for messages, modals and Home: header, section (text, fields,
accessory), context, divider, actions, image, input and rich_text, with buttons, selects, overflow
menus and date pickers as inert controls carrying their `action_id` and `value` for the sandbox page
to send back as a `block_actions` payload. All text is escaped; mrkdwn goes through `mrkdwn_to_html`.
"""

from __future__ import annotations

import html
from typing import Any

from bot.sandbox.mrkdwn import IMAGE_SCHEMES, Names, mrkdwn_to_html, safe_url

Block = dict[str, Any]


def blocks_to_html(blocks: list[Block], names: Names, fallback_text: str = "") -> str:
    """A message, modal or Home as HTML; a message without blocks shows its text as Slack does."""
    if not blocks:
        return f'<div class="block section">{mrkdwn_to_html(fallback_text, names)}</div>'
    return "".join(_block(block, names) for block in blocks)


def _text(obj: dict[str, Any] | None, names: Names) -> str:
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn_to_html(str(obj.get("text", "")), names)
    return html.escape(str(obj.get("text", "")))


def _attrs(**values: object) -> str:
    return "".join(
        f' {k.replace("_", "-")}="{html.escape(str(v), quote=True)}"' for k, v in values.items() if v
    )


def _block(block: Block, names: Names) -> str:
    kind = block.get("type")
    block_id = block.get("block_id", "")
    if kind == "header":
        return f'<h3 class="block header">{_text(block.get("text"), names)}</h3>'
    if kind == "divider":
        return '<hr class="block divider">'
    if kind == "section":
        body = f'<div class="text">{_text(block.get("text"), names)}</div>' if block.get("text") else ""
        if block.get("fields"):
            body += (
                '<div class="fields">'
                + "".join(f'<div class="field">{_text(f, names)}</div>' for f in block["fields"])
                + "</div>"
            )
        accessory = block.get("accessory")
        side = f'<div class="accessory">{_element(accessory, block_id, names)}</div>' if accessory else ""
        return f'<div class="block section">{body}{side}</div>'
    if kind == "context":
        parts = [
            _image(e) if e.get("type") == "image" else f"<span>{_text(e, names)}</span>"
            for e in block.get("elements") or []
        ]
        return f'<div class="block context">{"".join(parts)}</div>'
    if kind == "actions":
        controls = "".join(_element(e, block_id, names) for e in block.get("elements") or [])
        return f'<div class="block actions">{controls}</div>'
    if kind == "image":
        title = f'<div class="title">{_text(block.get("title"), names)}</div>' if block.get("title") else ""
        return f'<figure class="block image">{title}{_image(block)}</figure>'
    if kind == "input":
        label = _text(block.get("label"), names)
        optional = ' <span class="optional">(optional)</span>' if block.get("optional") else ""
        hint = f'<div class="hint">{_text(block.get("hint"), names)}</div>' if block.get("hint") else ""
        element = _element(block.get("element") or {}, block_id, names, input_block=True)
        head = f'<span class="label">{label}{optional}</span>'
        return f'<label class="block input"{_attrs(data_block_id=block_id)}>{head}{element}{hint}</label>'
    if kind == "rich_text":
        inner = "".join(_rich(e, names) for e in block.get("elements") or [])
        return f'<div class="block rich-text">{inner}</div>'
    return f'<div class="block unknown">[{html.escape(str(kind))} block]</div>'


def _image(obj: dict[str, Any]) -> str:
    source = safe_url(obj.get("image_url"), IMAGE_SCHEMES)
    if source is None:  # not https: shown as its description, never loaded
        return f'<span class="image-alt">[{html.escape(str(obj.get("alt_text", "image")))}]</span>'
    return f"<img{_attrs(src=source, alt=obj.get('alt_text', ''))}>"


def _element(element: dict[str, Any], block_id: str, names: Names, input_block: bool = False) -> str:
    kind = element.get("type")
    common = _attrs(data_action_id=element.get("action_id", ""), data_block_id=block_id, data_type=kind)
    if kind == "button":
        label = _text(element.get("text"), names)
        link = safe_url(element.get("url"))
        if link is not None:
            opens = ' target="_blank" rel="noopener noreferrer"'
            return f'<a class="button"{_attrs(href=link)}{opens}>{label}</a>'
        style = f" {element['style']}" if element.get("style") in ("primary", "danger") else ""
        value = _attrs(data_value=element.get("value", ""))
        return f'<button class="button{style}"{common}{value}>{label}</button>'
    if kind in ("static_select", "overflow", "radio_buttons", "checkboxes"):
        options = element.get("options") or [
            o for g in element.get("option_groups") or [] for o in g.get("options", [])
        ]
        initial = {o.get("value") for o in element.get("initial_options") or []}
        if element.get("initial_option"):
            initial.add(element["initial_option"].get("value"))
        placeholder = _text(element.get("placeholder"), names) if element.get("placeholder") else "…"
        multiple = " multiple" if kind == "checkboxes" else ""
        head = "" if kind == "checkboxes" else f'<option value="">{placeholder}</option>'
        items = "".join(
            f"<option{_attrs(value=o.get('value', ''))}{' selected' if o.get('value') in initial else ''}>"
            f"{_text(o.get('text'), names)}</option>"
            for o in options
        )
        return f'<select class="select"{common}{multiple}>{head}{items}</select>'
    if kind in ("users_select", "multi_users_select", "conversations_select", "channels_select",
                "multi_conversations_select", "multi_channels_select"):  # fmt: skip
        initial = element.get("initial_users") or element.get("initial_conversations") or []
        single = (
            element.get("initial_user")
            or element.get("initial_conversation")
            or element.get("initial_channel")
        )
        chosen = [single] if single else initial
        value = ",".join(chosen)
        shown = ", ".join(names(i) for i in chosen)
        placeholder = _text(element.get("placeholder"), names) if element.get("placeholder") else "Choose…"
        return f'<input class="picker"{common}{_attrs(value=value, placeholder=placeholder, title=shown)}>'
    if kind in ("plain_text_input", "email_text_input", "url_text_input", "number_input"):
        value = element.get("initial_value", "")
        if element.get("multiline"):
            return f'<textarea class="text-input"{common}>{html.escape(str(value))}</textarea>'
        return f'<input class="text-input"{common}{_attrs(value=value)}>'
    if kind in ("datepicker", "timepicker", "datetimepicker"):
        value = element.get("initial_date") or element.get("initial_time") or ""
        input_type = {"datepicker": "date", "timepicker": "time"}.get(kind, "datetime-local")
        return f'<input class="picker" type="{input_type}"{common}{_attrs(value=value)}>'
    if kind == "image":
        return _image(element)
    return f'<span class="unknown">[{html.escape(str(kind))}]</span>'


def _rich(element: dict[str, Any], names: Names) -> str:
    kind = element.get("type")
    inner = "".join(_rich_piece(e, names) for e in element.get("elements") or [])
    if kind == "rich_text_section":
        return f"<div>{inner}</div>"
    if kind == "rich_text_list":
        tag = "ol" if element.get("style") == "ordered" else "ul"
        items = "".join(f"<li>{''.join(_rich_piece(p, names) for p in e.get('elements') or [])}</li>"
                        for e in element.get("elements") or [])  # fmt: skip
        return f"<{tag}>{items}</{tag}>"
    if kind == "rich_text_quote":
        return f"<blockquote>{inner}</blockquote>"
    if kind == "rich_text_preformatted":
        return f"<pre>{inner}</pre>"
    return ""


def _rich_piece(piece: dict[str, Any], names: Names) -> str:
    kind = piece.get("type")
    if kind == "text":
        text = html.escape(str(piece.get("text", ""))).replace("\n", "<br>")
        style = piece.get("style") or {}
        for flag, tag in (("bold", "b"), ("italic", "i"), ("strike", "s"), ("code", "code")):
            if style.get(flag):
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "user":
        return f'<span class="mention">@{html.escape(names(str(piece.get("user_id", ""))))}</span>'
    if kind == "channel":
        return f'<span class="mention">#{html.escape(names(str(piece.get("channel_id", ""))))}</span>'
    if kind == "link":
        label = html.escape(str(piece.get("text") or piece.get("url", "")))
        link = safe_url(piece.get("url"))
        return f'<a{_attrs(href=link)} rel="noopener noreferrer">{label}</a>' if link else label
    if kind == "emoji":
        code = str(piece.get("unicode") or "")
        return "".join(chr(int(part, 16)) for part in code.split("-")) if code else f":{piece.get('name')}:"
    if kind == "rich_text_section":
        return _rich(piece, names)
    return ""
