"""Block Kit's interactive elements as HTML controls, each carrying its `action_id` and `block_id` for
the sandbox page to send back as Slack would: buttons, selects and overflow menus, checkboxes and radio
buttons, pickers of people and conversations (by name: nobody types an ID), text inputs, date and time
pickers. Links and images keep only safe URLs (`safe_url`)."""

from __future__ import annotations

import html
from typing import Any

from bot.sandbox.mrkdwn import IMAGE_SCHEMES, mrkdwn_to_html, safe_url
from bot.sandbox.reader import Reader

Element = dict[str, Any]
PEOPLE = ("users_select", "multi_users_select")
CONVERSATIONS = ("conversations_select", "multi_conversations_select")
CHANNELS = ("channels_select", "multi_channels_select")
INITIAL = {"users": ("initial_user", "initial_users"), "conversations": ("initial_conversation",
           "initial_conversations"), "channels": ("initial_channel", "initial_channels")}  # fmt: skip
TEXT_INPUTS = ("plain_text_input", "email_text_input", "url_text_input", "number_input")


def attrs(**values: object) -> str:
    return "".join(
        f' {k.replace("_", "-")}="{html.escape(str(v), quote=True)}"' for k, v in values.items() if v
    )


def text_html(obj: dict[str, Any] | None, reader: Reader) -> str:
    """A text object (plain_text or mrkdwn), or a rich text link (`type: link`)."""
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn_to_html(str(obj.get("text", "")), reader)
    if obj.get("type") == "link":
        label = html.escape(str(obj.get("text") or obj.get("url") or ""))
        url = safe_url(obj.get("url"))
        return f'<a{attrs(href=url)} rel="noopener noreferrer">{label}</a>' if url else label
    return html.escape(str(obj.get("text", "")))


def image_html(obj: dict[str, Any]) -> str:
    source = safe_url(obj.get("image_url"), IMAGE_SCHEMES)
    if source is None:  # not https: shown as its description, never loaded
        return f'<span class="image-alt">[{html.escape(str(obj.get("alt_text", "image")))}]</span>'
    return f"<img{attrs(src=source, alt=obj.get('alt_text', ''))}>"


def element_html(element: Element, block_id: str, reader: Reader, input_block: bool = False) -> str:
    kind = str(element.get("type"))
    common = attrs(data_action_id=element.get("action_id", ""), data_block_id=block_id, data_type=kind)
    if kind == "button":
        return _button(element, common, reader)
    if kind in ("static_select", "overflow"):
        return _select(element, common, reader)
    if kind in ("checkboxes", "radio_buttons"):
        return _choices(element, f"{block_id}/{element.get('action_id', '')}", common, reader)
    if kind in (*PEOPLE, *CONVERSATIONS, *CHANNELS):
        return _picker(element, common, reader)
    if kind in TEXT_INPUTS:
        value = element.get("initial_value", "")
        if element.get("multiline"):
            return f'<textarea class="text-input"{common}>{html.escape(str(value))}</textarea>'
        return f'<input class="text-input"{common}{attrs(value=value)}>'
    if kind in ("datepicker", "timepicker", "datetimepicker"):
        value = element.get("initial_date") or element.get("initial_time") or ""
        input_type = {"datepicker": "date", "timepicker": "time"}.get(kind, "datetime-local")
        return f'<input class="picker" type="{input_type}"{common}{attrs(value=value)}>'
    if kind == "image":
        return image_html(element)
    return f'<span class="unknown">[{html.escape(kind)}]</span>'


def _button(element: Element, common: str, reader: Reader) -> str:
    label = text_html(element.get("text"), reader)
    link = safe_url(element.get("url"))
    if link is not None:
        opens = ' target="_blank" rel="noopener noreferrer"'
        return f'<a class="button"{attrs(href=link)}{opens}>{label}</a>'
    style = f" {element['style']}" if element.get("style") in ("primary", "danger") else ""
    value = attrs(data_value=element.get("value", ""))
    return f'<button class="button{style}"{common}{value}>{label}</button>'


def options_of(element: Element) -> list[dict[str, Any]]:
    groups = element.get("option_groups") or []
    return element.get("options") or [o for g in groups for o in g.get("options", [])]


def _initial_values(element: Element) -> set[Any]:
    initial = {o.get("value") for o in element.get("initial_options") or []}
    if element.get("initial_option"):
        initial.add(element["initial_option"].get("value"))
    return initial


def _select(element: Element, common: str, reader: Reader) -> str:
    initial = _initial_values(element)
    placeholder = text_html(element.get("placeholder"), reader) if element.get("placeholder") else "…"
    items = "".join(
        f"<option{attrs(value=o.get('value', ''))}{' selected' if o.get('value') in initial else ''}>"
        f"{text_html(o.get('text'), reader)}</option>"
        for o in options_of(element)
    )
    return f'<select class="select"{common}><option value="">{placeholder}</option>{items}</select>'


def _choices(element: Element, group: str, common: str, reader: Reader) -> str:
    """Checkboxes and radio buttons as real ones, each option with its description beneath."""
    initial = _initial_values(element)
    kind = "checkbox" if element.get("type") == "checkboxes" else "radio"
    items = []
    for option in options_of(element):
        checked = " checked" if option.get("value") in initial else ""
        about = option.get("description")
        note = f'<span class="hint">{text_html(about, reader)}</span>' if about else ""
        box = f'<input type="{kind}"{attrs(value=option.get("value", ""), name=group)}{checked}>'
        label = f"<span>{text_html(option.get('text'), reader)}{note}</span>"
        items.append(f'<label class="choice">{box}{label}</label>')
    return f'<div class="choices"{common}>{"".join(items)}</div>'


def _picker(element: Element, common: str, reader: Reader) -> str:
    """A select of names, as Slack's pickers offer them: people, or the conversations its filter keeps."""
    kind = str(element.get("type"))
    multiple = kind.startswith("multi_")
    if kind in PEOPLE:
        choices, (one, many) = list(reader.people), INITIAL["users"]
    else:
        which = "conversations" if kind in CONVERSATIONS else "channels"
        choices, (one, many) = _conversations(element, reader), INITIAL[which]
    chosen = set(element.get(many) or []) | ({element[one]} if element.get(one) else set())
    placeholder = text_html(element.get("placeholder"), reader) if element.get("placeholder") else "Choose…"
    items = "".join(
        f"<option{attrs(value=key)}{' selected' if key in chosen else ''}>{html.escape(name)}</option>"
        for key, name in choices
    )
    head = "" if multiple else f'<option value="">{placeholder}</option>'
    size = f' multiple size="{min(6, max(2, len(choices)))}"' if multiple else ""
    return f'<select class="picker"{common}{size}>{head}{items}</select>'


def _conversations(element: Element, reader: Reader) -> list[tuple[str, str]]:
    """channels_select offers public channels; conversations_select what its filter includes."""
    if element.get("type") in CHANNELS:
        kinds = {"public"}
    else:
        kinds = set((element.get("filter") or {}).get("include") or ("public", "private", "im", "mpim"))
    return [(c.id, c.name) for c in reader.conversations if c.kind in kinds]
