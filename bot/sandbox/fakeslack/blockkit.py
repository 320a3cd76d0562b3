"""Block Kit limits Slack enforces (answers invalid_blocks / invalid_arguments). Table-driven."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANY_TEXT = frozenset({"plain_text", "mrkdwn"})
PLAIN = frozenset({"plain_text"})
MESSAGE_BLOCKS, VIEW_BLOCKS, MESSAGE_TEXT = 50, 100, 40_000


@dataclass(frozen=True)
class Rule:
    texts: dict[str, tuple[int, frozenset[str]]] = field(default_factory=dict)  # text objects
    strings: dict[str, int] = field(default_factory=dict)  # plain string fields: max length
    lists: dict[str, int] = field(default_factory=dict)  # list fields: max items
    required: tuple[str, ...] = ()


COMMON_BLOCK = Rule(strings={"block_id": 255})
BLOCKS: dict[str, Rule] = {
    "section": Rule(texts={"text": (3000, ANY_TEXT)}, lists={"fields": 10}),
    "header": Rule(texts={"text": (150, PLAIN)}, required=("text",)),
    "divider": Rule(),
    "context": Rule(lists={"elements": 10}, required=("elements",)),
    "actions": Rule(lists={"elements": 25}, required=("elements",)),
    "input": Rule(texts={"label": (2000, PLAIN), "hint": (2000, PLAIN)}, required=("label", "element")),
    "image": Rule(
        texts={"title": (2000, PLAIN)}, strings={"image_url": 3000, "alt_text": 2000}, required=("alt_text",)
    ),
    "markdown": Rule(strings={"text": 12_000}, required=("text",)),
    "rich_text": Rule(required=("elements",)),
    "file": Rule(),
    "video": Rule(),
}
COMMON_ELEMENT = Rule(strings={"action_id": 255}, texts={"placeholder": (150, PLAIN)})
_SELECT = Rule(lists={"options": 100, "option_groups": 100})
ELEMENTS: dict[str, Rule] = {
    "button": Rule(texts={"text": (75, PLAIN)}, strings={"value": 2000, "url": 3000}, required=("text",)),
    "static_select": _SELECT,
    "multi_static_select": _SELECT,
    "checkboxes": Rule(lists={"options": 10}),
    "radio_buttons": Rule(lists={"options": 10}),
    "overflow": Rule(lists={"options": 5}),
    "plain_text_input": Rule(strings={"initial_value": 3000}),
    **dict.fromkeys(
        [
            "external_select",
            "multi_external_select",
            "users_select",
            "multi_users_select",
            "conversations_select",
            "multi_conversations_select",
            "channels_select",
            "multi_channels_select",
            "datepicker",
            "timepicker",
            "datetimepicker",
            "email_text_input",
            "url_text_input",
            "number_input",
            "rich_text_input",
            "file_input",
            "workflow_button",
        ],
        Rule(),
    ),
}
CONTEXT_ITEMS = frozenset({"image", "plain_text", "mrkdwn"})
CONTEXT_IMAGE = Rule(strings={"image_url": 3000, "alt_text": 2000}, required=("alt_text",))
OPTION_TEXT_TYPES = {"checkboxes": ANY_TEXT, "radio_buttons": ANY_TEXT}  # others: plain_text only
MODAL = Rule(
    texts={"title": (24, PLAIN), "submit": (24, PLAIN), "close": (24, PLAIN)},
    strings={"private_metadata": 3000, "callback_id": 255, "external_id": 255},
    lists={"blocks": VIEW_BLOCKS},
    required=("title", "blocks"),
)
HOME = Rule(
    strings={"private_metadata": 3000, "callback_id": 255, "external_id": 255},
    lists={"blocks": VIEW_BLOCKS},
    required=("blocks",),
)


def check_text(obj: Any, where: str, limit: int, types: frozenset[str]) -> list[str]:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return [f"{where} must be a text object with a string `text`"]
    if obj.get("type") not in types:
        return [f"{where}.type is {obj.get('type')!r}, expected {' or '.join(sorted(types))}"]
    size = len(obj["text"])
    if size == 0 or size > limit:
        return [f"{where}.text is {size} chars (1..{limit} allowed)"]
    return []


def check_rule(obj: dict[str, Any], rule: Rule, where: str) -> list[str]:
    problems = [f"{where}.{name} is required" for name in rule.required if name not in obj]
    for name, (limit, types) in rule.texts.items():
        if name in obj:
            problems += check_text(obj[name], f"{where}.{name}", limit, types)
    for name, limit in rule.strings.items():
        value = obj.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            problems.append(f"{where}.{name} must be a string of at most {limit} chars")
    for name, limit in rule.lists.items():
        value = obj.get(name)
        if value is not None and (not isinstance(value, list) or len(value) > limit):
            problems.append(f"{where}.{name} must be a list of at most {limit} items")
    return problems


def check_options(element: dict[str, Any], where: str) -> list[str]:
    types = OPTION_TEXT_TYPES.get(element.get("type", ""), PLAIN)
    options = list(element.get("options") or []) + list(element.get("initial_options") or [])
    for group in element.get("option_groups") or []:
        options += group.get("options") or []
    problems: list[str] = []
    for i, option in enumerate(options):
        here = f"{where}.options[{i}]"
        problems += check_rule(
            option,
            Rule(
                texts={"text": (75, types), "description": (75, types)},
                strings={"value": 150},
                required=("text",),
            ),
            here,
        )
    return problems


def check_element(element: Any, where: str) -> list[str]:
    if not isinstance(element, dict) or element.get("type") not in ELEMENTS:
        kind = element.get("type") if isinstance(element, dict) else type(element).__name__
        return [f"{where} has unknown element type {kind!r}"]
    problems = check_rule(element, COMMON_ELEMENT, where)
    problems += check_rule(element, ELEMENTS[element["type"]], where)
    problems += check_options(element, where)
    max_length = element.get("max_length")
    if element["type"] == "plain_text_input" and max_length is not None and not 0 < max_length <= 3000:
        problems.append(f"{where}.max_length is {max_length} (1..3000 allowed)")
    return problems


def _check_children(block: dict[str, Any], where: str) -> list[str]:
    kind, problems = block["type"], []
    if kind == "section":
        if "text" not in block and "fields" not in block:
            problems.append(f"{where} needs `text` or `fields`")
        for i, item in enumerate(block.get("fields") or []):
            problems += check_text(item, f"{where}.fields[{i}]", 2000, ANY_TEXT)
        if "accessory" in block:
            problems += check_element(block["accessory"], f"{where}.accessory")
    elif kind == "actions":
        for i, item in enumerate(block.get("elements") or []):
            problems += check_element(item, f"{where}.elements[{i}]")
    elif kind == "input" and "element" in block:
        problems += check_element(block["element"], f"{where}.element")
    elif kind == "context":
        for i, item in enumerate(block.get("elements") or []):
            if not isinstance(item, dict) or item.get("type") not in CONTEXT_ITEMS:
                problems.append(f"{where}.elements[{i}] must be an image, plain_text or mrkdwn")
            elif item["type"] == "image":
                problems += check_rule(item, CONTEXT_IMAGE, f"{where}.elements[{i}]")
    return problems


def check_block(block: Any, where: str) -> list[str]:
    if not isinstance(block, dict) or block.get("type") not in BLOCKS:
        kind = block.get("type") if isinstance(block, dict) else type(block).__name__
        return [f"{where} has unknown block type {kind!r}"]
    problems = check_rule(block, COMMON_BLOCK, where)
    problems += check_rule(block, BLOCKS[block["type"]], where)
    return problems + _check_children(block, where)


def check_blocks(blocks: Any, limit: int = MESSAGE_BLOCKS, where: str = "blocks") -> list[str]:
    if not isinstance(blocks, list):
        return [f"{where} must be a JSON array"]
    problems = [f"{where} has {len(blocks)} blocks (max {limit})"] if len(blocks) > limit else []
    for i, block in enumerate(blocks):
        problems += check_block(block, f"{where}[{i}]")
    return problems


def check_view(view: Any) -> list[str]:
    """Checks a modal or home view (views.open/push/update/publish)."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return ["view.type must be 'modal' or 'home'"]
    problems = check_rule(view, MODAL if view["type"] == "modal" else HOME, "view")
    problems += check_blocks(view.get("blocks", []), VIEW_BLOCKS, "view.blocks")
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
    if view["type"] == "modal" and has_input and "submit" not in view:
        problems.append("view.submit is required when the modal has input blocks")
    return problems
