"""A view's `state.values`, built as Slack builds them from what the visitor entered on the page."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

SELECTED = {
    "static_select": "selected_option", "radio_buttons": "selected_option", "overflow": "selected_option",
    "checkboxes": "selected_options", "users_select": "selected_user", "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation", "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel", "multi_channels_select": "selected_channels",
    "datepicker": "selected_date", "timepicker": "selected_time",
}  # fmt: skip


def state_values(view: Json, raw: Json) -> Json:
    """view.state.values as Slack builds them, from the page's inputs ({block_id: {action_id: value}}).

    Every input and actions element of the view gets an entry, with its initial value when the page
    sent nothing for it, as Slack does; values are shaped by the element's type.
    """
    values: Json = {}
    for block in view.get("blocks") or []:
        elements = [block.get("element")] if block.get("type") == "input" else []
        elements += [block.get("accessory")] if block.get("type") == "section" else []
        elements += block.get("elements") or [] if block.get("type") == "actions" else []
        for element in elements:
            if not isinstance(element, dict) or not element.get("action_id"):
                continue
            sent = (raw.get(block.get("block_id", "")) or {}).get(element["action_id"])
            entry = _element_value(element, sent)
            if entry is not None:
                values.setdefault(block.get("block_id", ""), {})[element["action_id"]] = entry
    return values


def _element_value(element: Json, sent: Any) -> Json | None:
    kind = element.get("type", "")
    if kind == "button":
        return None
    entry: Json = {"type": kind}
    if kind in ("plain_text_input", "email_text_input", "url_text_input", "number_input"):
        entry["value"] = str(sent) if sent is not None else element.get("initial_value")
        return entry
    key = SELECTED.get(kind)
    if key is None:
        return entry
    options = element.get("options") or [
        o for g in element.get("option_groups") or [] for o in g.get("options", [])
    ]
    by_value = {o.get("value"): o for o in options}
    chosen = sent if sent is not None else None
    if key == "selected_option":
        entry[key] = by_value.get(chosen) if chosen else element.get("initial_option")
    elif key == "selected_options":
        wanted = chosen if isinstance(chosen, list) else ([] if chosen is None else [chosen])
        entry[key] = (
            [by_value[v] for v in wanted if v in by_value]
            if chosen is not None
            else element.get("initial_options", [])
        )
    elif key.endswith("s"):
        items = chosen if isinstance(chosen, list) else [i for i in str(chosen or "").split(",") if i.strip()]
        initial = (
            element.get("initial_users")
            or element.get("initial_conversations")
            or element.get("initial_channels")
            or []
        )
        entry[key] = [i.strip() for i in items] if chosen is not None else initial
    else:
        initial = (
            element.get("initial_user")
            or element.get("initial_conversation")
            or element.get("initial_channel")
            or element.get("initial_date")
            or element.get("initial_time")
        )
        entry[key] = (str(chosen).strip() or None) if chosen is not None else initial
    return entry
