"""What the visitor's clicks and entries become in Slack's payloads: a view's `state.values`, and the
`actions[0]` of a `block_actions`, each shaped as Slack shapes them from the element's definition."""

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


class BadRequest(ValueError):
    """A request the page cannot act on; its message is shown to the visitor."""


def find_element(blocks: list[Json], block_id: str, action_id: str) -> Json | None:
    for block in blocks:
        if block.get("block_id", "") != block_id:
            continue
        for element in [block.get("accessory"), block.get("element"), *(block.get("elements") or [])]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element
    return None


def slack_action(element: Json, block_id: str, selected: Any) -> Json:
    """An element of `block_actions.actions`, shaped for its type as Slack shapes it."""
    kind = element.get("type", "button")
    action: Json = {"type": kind, "action_id": element["action_id"], "block_id": block_id}
    if kind == "button":
        action["text"] = element.get("text")
        if "value" in element:
            action["value"] = element["value"]
        return action
    key = SELECTED.get(kind)
    options = element.get("options") or [
        o for g in element.get("option_groups") or [] for o in g.get("options", [])
    ]
    if key is None:
        action["value"] = str(selected or "")
    elif key == "selected_option":
        option = next((o for o in options if o.get("value") == selected), None)
        if option is None:
            raise BadRequest("Choose one of the options.")
        action[key] = option
    elif key == "selected_options":
        chosen = selected if isinstance(selected, list) else []
        action[key] = [o for o in options if o.get("value") in chosen]
    elif key.endswith("s"):  # selected_users, selected_conversations, selected_channels
        chosen = selected if isinstance(selected, list) else [selected] if selected else []
        action[key] = [str(item).strip() for item in chosen if str(item).strip()]
    else:
        action[key] = str(selected or "").strip()
    return action
