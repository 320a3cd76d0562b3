"""views.open / views.push / views.update / views.publish."""

from __future__ import annotations

import copy
from typing import Any

from .blockkit import check_view
from .common import SlackError, as_str, invalid_arguments
from .state import SlackState

Args = dict[str, Any]
ECHOED = (
    "title",
    "submit",
    "close",
    "blocks",
    "private_metadata",
    "callback_id",
    "external_id",
    "clear_on_close",
    "notify_on_close",
    "submit_disabled",
)


def _checked_view(args: Args, kind: str) -> Args:
    view = args.get("view")
    problems = check_view(view)
    if not problems and view.get("type") != kind:
        problems = [f"view.type must be {kind!r} for this method"]
    if problems:
        raise invalid_arguments(problems, violations=problems)
    return view


def _use_trigger(state: SlackState, args: Args) -> None:
    """Trigger ids are single-use; views.open/push need one (or an interactivity_pointer)."""
    trigger = as_str(args.get("trigger_id") or args.get("interactivity_pointer"))
    if not trigger:
        raise invalid_arguments(
            ["missing required field: trigger_id"],
            violations=["trigger_id (or interactivity_pointer) is required"],
        )
    if trigger in state.used_triggers:
        raise SlackError("exchanged_trigger_id")
    state.used_triggers.add(trigger)


def _render(state: SlackState, view: Args, view_id: str, previous: Args | None = None) -> Args:
    ws = state.workspace
    rendered: Args = {
        "id": view_id,
        "team_id": ws.team_id,
        "type": view["type"],
        "title": None,
        "submit": None,
        "close": None,
        "blocks": [],
        "private_metadata": "",
        "callback_id": "",
        "external_id": "",
        "state": {"values": {}},
        "hash": state.next_ts(),
        "clear_on_close": False,
        "notify_on_close": False,
        "root_view_id": (previous or {}).get("root_view_id", view_id),
        "previous_view_id": (previous or {}).get("previous_view_id"),
        "app_id": ws.app_id,
        "app_installed_team_id": ws.team_id,
        "bot_id": ws.bot_id,
    }
    rendered.update({key: copy.deepcopy(view[key]) for key in ECHOED if key in view})
    for i, block in enumerate(rendered["blocks"]):
        block.setdefault("block_id", f"{view_id}b{i}")
    return rendered


def views_open(state: SlackState, args: Args) -> Args:
    view = _checked_view(args, "modal")
    _use_trigger(state, args)
    view_id = state.next_id("V")
    state.views[view_id] = _render(state, view, view_id)
    return {"view": state.views[view_id]}


def views_push(state: SlackState, args: Args) -> Args:
    return views_open(state, args)


def _existing_view(state: SlackState, args: Args) -> Args:
    if args.get("view_id"):
        found = state.views.get(as_str(args["view_id"]))
    elif args.get("external_id"):
        wanted = as_str(args["external_id"])
        found = next((v for v in state.views.values() if v.get("external_id") == wanted), None)
    else:
        raise invalid_arguments(
            ["view_id or external_id is required"], violations=["views.update needs view_id or external_id"]
        )
    if found is None:
        raise SlackError("not_found")
    if args.get("hash") and args["hash"] != found["hash"]:
        raise SlackError("hash_conflict")
    return found


def views_update(state: SlackState, args: Args) -> Args:
    current = _existing_view(state, args)
    view = _checked_view(args, current["type"])
    state.views[current["id"]] = _render(state, view, current["id"], current)
    for user_id, home in state.home_views.items():
        if home["id"] == current["id"]:
            state.home_views[user_id] = state.views[current["id"]]
    return {"view": state.views[current["id"]]}


def views_publish(state: SlackState, args: Args) -> Args:
    user_id = as_str(args.get("user_id"))
    user = state.workspace.users.get(user_id)
    if user is None or user.deleted or user.is_bot:
        raise invalid_arguments(["invalid `user_id`"])
    view = _checked_view(args, "home")
    current = state.home_views.get(user_id)
    if current and args.get("hash") and args["hash"] != current["hash"]:
        raise SlackError("hash_conflict")
    view_id = current["id"] if current else state.next_id("V")
    state.home_views[user_id] = state.views[view_id] = _render(state, view, view_id)
    return {"view": state.home_views[user_id]}


METHODS = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
