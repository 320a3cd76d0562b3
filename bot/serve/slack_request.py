"""Reading a signed Slack request's body the way Slack means it, before Bolt routes it.

Bolt (1.30, `slack_bolt.request.internals.parse_body`) takes any form body holding the letters
`payload` anywhere for an interaction: `/ask how do I parse a payload?`, or a command sent from a
channel named #payload-team, became an empty request and a 404. Slack sends an interaction as one form
field named `payload` and a slash command as fields of its own (`command`, `text`, …), so the field's
name decides here, never the text. Socket Mode is not affected: its payloads arrive already parsed.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.context import BoltContext
from slack_bolt.request import BoltRequest
from slack_bolt.request.internals import build_context
from slack_bolt.response import BoltResponse


def slack_body(raw: str, content_type: str | None) -> dict[str, Any]:
    """A JSON body (events), an interaction's `payload` field, or a slash command's form fields.

    Raises ValueError for a body that is none of these, which the server answers with 400.
    """
    if not raw:
        return {}
    if content_type == "application/json" or raw.startswith("{"):
        body = json.loads(raw)
    else:
        form = dict(parse_qsl(raw, keep_blank_values=True))
        body = json.loads(form["payload"]) if "payload" in form else form
    if not isinstance(body, dict):
        raise ValueError("a Slack request body is a JSON object or form fields")
    return body


class SlackBoltRequest(BoltRequest):
    """Bolt's request over HTTP, with its body (and the context read from it) parsed by `slack_body`."""

    def __init__(self, *, body: str, query: Any = None, headers: Any = None, context: Any = None) -> None:
        super().__init__(body="", query=query, headers=headers, context=context)
        self.raw_body = body  # the bytes Bolt checks the signature of again
        self.body = slack_body(body, self.content_type)
        self.context = build_context(BoltContext(context or {}), self.body)

    def to_copyable(self) -> SlackBoltRequest:
        """The copy Bolt hands a lazy listener, parsed the same way."""
        return SlackBoltRequest(
            body=self.raw_body, query=self.query, headers=self.headers, context=self.context.to_copyable()
        )


class SlackHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, dispatching `SlackBoltRequest`s."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        body, query, headers = request.get_body(), request.query_string, request.get_headers()
        return self.app.dispatch(SlackBoltRequest(body=body, query=query, headers=headers))
