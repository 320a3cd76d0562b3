"""Opening App Home and acting in it, through Slack's protocol."""

from __future__ import annotations

import json
from typing import Any

from tests.app.conftest import RunningApp


def publishes(app: RunningApp, user_id: str) -> int:
    return len(
        [c for c in app.fake.calls_to("views.publish", include_failed=True) if c.args["user_id"] == user_id]
    )


def wait_publish(app: RunningApp, user_id: str, before: int) -> dict[str, Any]:
    """The Home view published after `before` publishes for the user; fails if Slack refused it."""
    calls = app.fake.wait_for(
        "views.publish", lambda c: c.args["user_id"] == user_id, count=before + 1, include_failed=True
    )
    assert calls[-1].ok, f"views.publish refused: {calls[-1].error}"
    view = app.fake.home_view(user_id)
    assert view is not None
    return view


def open_home(app: RunningApp, user_id: str) -> dict[str, Any]:
    before = publishes(app, user_id)
    assert app.slack.event({"type": "app_home_opened", "user": user_id, "tab": "home"}).status == 200
    return wait_publish(app, user_id, before)


def act(
    app: RunningApp, user_id: str, action_id: str, shows: str | None = None, **kwargs: Any
) -> dict[str, Any]:
    """Press something in the member's current Home; returns the Home re-published after it.

    With `shows`, waits for the publish carrying that text: a refresh started before the press (after a
    command, say) may land after it, and would otherwise be taken for the press's own."""
    view = app.fake.home_view(user_id)
    before = publishes(app, user_id)
    assert app.slack.block_action(user_id, action_id, view=view, **kwargs).status == 200
    if shows is None:
        return wait_publish(app, user_id, before)
    call = app.fake.wait_for(
        "views.publish", lambda c: c.args["user_id"] == user_id and shows in str(c.args["view"])
    )[-1]
    return call.args["view"] if isinstance(call.args["view"], dict) else json.loads(call.args["view"])


def text_of(view: dict[str, Any]) -> str:
    """Every mrkdwn/plain text of the view, one block a line."""
    lines = []
    for block in view["blocks"]:
        if "text" in block:
            lines.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                lines.append(element["text"])
    return "\n".join(lines)


def element(view: dict[str, Any], action_id: str, block_id: str | None = None) -> dict[str, Any]:
    for block in view["blocks"]:
        if block_id is not None and block.get("block_id") != block_id:
            continue
        for found in block.get("elements", []):
            if found.get("action_id") == action_id:
                return {**found, "block_id": block["block_id"]}
    raise AssertionError(f"no {action_id} in the view")
