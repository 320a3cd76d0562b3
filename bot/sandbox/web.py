"""The sandbox's page: choose who you are, read their conversations, type commands, click, move the clock.

Server-rendered HTML; a small script posts what the visitor does to /do and swaps in the panel the
server renders afterwards. Nothing loads from another host. Every field of a request is checked: an
unknown person, conversation or view gets a one-line answer, never a stack trace.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from bot.sandbox.assets import PAGE_STYLE, SCRIPT
from bot.sandbox.blockkit import blocks_to_html
from bot.sandbox.clock import PHRASES
from bot.sandbox.directory import reader_for, suggestions
from bot.sandbox.page import STYLE, Shown, message_html
from bot.sandbox.people import LEAD_ID
from bot.sandbox.reader import Reader
from bot.sandbox.view_state import BadRequest, find_element, slack_action
from bot.sandbox.world import Sandbox

__all__ = ["BadRequest", "SandboxPage", "slack_action"]

log = logging.getLogger(__name__)
HOME = "home"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_BODY = 256 * 1024
Json = dict[str, Any]
StartResponse = Callable[..., Any]


class SandboxPage:
    """The WSGI app of the page, over one running `Sandbox`."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0]
        if host not in LOCAL_HOSTS:  # another site's page resolving its name to 127.0.0.1 (DNS rebinding)
            return _send(
                start_response, "403 Forbidden", "text/plain", "The sandbox answers on 127.0.0.1 only."
            )
        try:
            if method == "GET" and path == "/":
                query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
                nonce = secrets.token_urlsafe(16)
                page = self.shell(query.get("as", LEAD_ID), nonce)
                return _send(start_response, "200 OK", "text/html", page, page_policy(nonce))
            if method == "POST" and path == "/do":
                return _send(
                    start_response, "200 OK", "application/json", json.dumps(self.do(_body(environ)))
                )
            return _send(start_response, "404 Not Found", "text/plain", "Not found: try /")
        except BadRequest as problem:
            return _send(
                start_response, "400 Bad Request", "application/json", json.dumps({"note": str(problem)})
            )
        except Exception:
            log.exception("the sandbox page failed")
            body = json.dumps({"note": "Something went wrong in the sandbox; the details are in its log."})
            return _send(start_response, "500 Internal Server Error", "application/json", body)

    # --- pages -----------------------------------------------------------------------------------
    def shell(self, who: str, nonce: str = "") -> str:
        """The whole page, for a visit or a reload: like Slack's client, a reload closes an open modal."""
        sb = self.sandbox
        who = who if sb.is_person(who) else LEAD_ID
        sb.close_modals(who)
        options = "".join(
            f'<option value="{html.escape(p.id)}"{" selected" if p.id == who else ""}>'
            f"{html.escape(p.real_name)} ({p.role.value}, {html.escape(p.team)})</option>"
            for p in sb.people
        )
        chosen = " selected" if who == LEAD_ID else ""
        lead = f'<option value="{LEAD_ID}"{chosen}>Pat Lead (program lead)</option>'
        ticks = "".join(
            f'<button class="button" data-clock="{html.escape(p)}">{html.escape(p)}</button>' for p in PHRASES
        )
        first = sb.conversations(who)[0].id
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rapport sandbox</title>'
            '<link rel="icon" href="data:,">'
            f"<style>{STYLE}{PAGE_STYLE}</style></head>"
            f'<body data-who="{html.escape(who)}" data-conv="{html.escape(first)}">'
            "<header><h1>Rapport sandbox</h1>"
            f'<label>You are <select id="who">{lead}{options}</select></label>'
            f'<div class="clock"><span id="clock">{self._clock()}</span>{ticks}'
            '<form id="move"><input placeholder="+3 days" size="10" aria-label="move the clock"></form></div>'
            f'</header><div id="note"></div><div id="panel">{self.panel(who, first)}</div>'
            f'<script nonce="{html.escape(nonce)}">{SCRIPT}</script></body></html>'
        )

    def panel(self, who: str, conv: str) -> str:
        sb = self.sandbox
        conversations = sb.conversations(who)
        if conv != HOME and not sb.can_see(who, conv):
            conv = conversations[0].id
        nav = '<div class="kind">Apps</div>' + _nav_link(HOME, "Rapport · Home", conv)
        for kind, title in (("channel", "Channels"), ("dm", "Direct messages"), ("group", "Group DMs")):
            links = "".join(_nav_link(c.id, c.name, conv) for c in conversations if c.kind == kind)
            nav += f'<div class="kind">{title}</div>{links}' if links else ""
        reader = reader_for(sb, who)
        if conv == HOME:
            home = sb.home(who)
            body = "<h2>Rapport · Home</h2>" + (
                f'<div class="view home" data-view-id="{html.escape(home["id"])}">'
                f"{blocks_to_html(home.get('blocks') or [], reader)}</div>"
                if home
                else "<p>Rapport has not published a Home for you yet.</p>"
            )
        else:
            title = next((c.name for c in conversations if c.id == conv), conv)
            messages = "".join(self._message(m, reader) for m in sb.messages(who, conv))
            body = (
                f"<h2>{html.escape(title)}</h2>"
                f'<div class="messages">{messages or "<p>No messages yet.</p>"}</div>{self._composer(who)}'
            )
        return (
            f'<div class="layout" data-as="{html.escape(who)}" data-current="{html.escape(conv)}">'
            f"<nav>{nav}</nav><main>{body}</main></div>" + self._modal(who, reader)
        )

    def _composer(self, who: str) -> str:
        """The message box, with the people and channels it suggests after `@` and `#`."""
        offered = html.escape(json.dumps(suggestions(self.sandbox, who)), quote=True)
        return (
            f'<form id="composer" data-suggest="{offered}">'
            '<ul id="suggest" class="suggest" role="listbox" hidden></ul>'
            '<input name="text" autocomplete="off" aria-label="slash command" '
            'placeholder="Type a slash command: /coffee help, /intro @someone">'
            '<button class="button primary">Send</button></form>'
        )

    def _message(self, m: Json, reader: Reader) -> str:
        sb = self.sandbox
        sender = sb.name(m["user"]) if m.get("user") and not m.get("bot_id") else "Rapport"
        shown = Shown(
            sender, m.get("shown_at", ""), m.get("blocks") or [], m.get("text", ""), sender == "Rapport"
        )
        attrs = f' data-ts="{html.escape(m["ts"])}"'
        if m.get("ephemeral"):
            note = '<span class="only-you">Only visible to you</span>'
            return message_html(shown, reader, attrs + ' data-ephemeral="1"', note, "message ephemeral")
        return message_html(shown, reader, attrs)

    def _modal(self, who: str, reader: Reader) -> str:
        view = self.sandbox.open_modal(who)
        if view is None:
            return ""
        title = html.escape((view.get("title") or {}).get("text", ""))
        submit = (view.get("submit") or {}).get("text")
        close = (view.get("close") or {}).get("text") or "Cancel"
        submit_button = (
            f'<button class="button primary" data-submit="1">{html.escape(submit)}</button>' if submit else ""
        )
        return (
            f'<div class="overlay"><div class="modal" role="dialog" data-view-id="{html.escape(view["id"])}">'
            f'<h2>{title}</h2><div class="errors" role="alert"></div>'
            f"{blocks_to_html(view.get('blocks') or [], reader)}"
            f'<div class="foot"><button class="button" data-close="1">{html.escape(close)}</button>'
            f"{submit_button}"
            "</div></div></div>"
        )

    def _clock(self) -> str:
        return f"{self.sandbox.clock():%a %d %b %Y %H:%M} UTC"

    # --- actions -----------------------------------------------------------------------------------
    def do(self, body: Json) -> Json:
        sb = self.sandbox
        who, conv, op = str(body.get("as") or ""), str(body.get("c") or ""), body.get("op")
        if not sb.is_person(who):
            raise BadRequest("Choose who you are first: that person is not in the sandbox.")
        if conv != HOME and not sb.can_see(who, conv):
            conv = sb.conversations(who)[0].id
        note = ""
        if op == "look":
            pass
        elif op == "command":
            if conv == HOME:
                raise BadRequest("Slash commands are typed in a conversation, not in App Home.")
            note = sb.command(who, conv, _text(body, "text", 500)) or ""
        elif op == "home":
            conv = HOME
            sb.open_home(who)
        elif op == "action":
            where = {"channel": conv, "ts": body.get("ts"), "view_id": body.get("view_id")}
            where["values"] = _mapping(body.get("values"))
            note = sb.act(who, where, self._action(who, conv, body)) or ""
        elif op == "submit":
            found = sb.submit(who, _text(body, "view_id", 40), _mapping(body.get("values")))
            if found:  # by block_id: the page shows each beneath its field
                return {"errors": found, "note": "Rapport asks you to fix the form."}
        elif op == "close":
            sb.close_modal(who)
        elif op == "clock":
            note = sb.move_clock(_text(body, "phrase", 40))
        else:
            raise BadRequest("Unknown action.")
        return {"html": self.panel(who, conv), "note": note, "clock": self._clock()}

    def _action(self, who: str, conv: str, body: Json) -> Json:
        """The `actions[0]` Slack would send for this element, built from its definition."""
        body.setdefault("block_id", "")  # Slack generates one for a block without; older pages sent none
        block_id, action_id = _text(body, "block_id", 255), _text(body, "action_id", 255)
        if body.get("view_id"):
            view = self.sandbox.home(who) if conv == HOME else self.sandbox.open_modal(who)
            blocks = (view or {}).get("blocks") or []
        else:
            message = next((m for m in self.sandbox.messages(who, conv) if m["ts"] == body.get("ts")), None)
            blocks = (message or {}).get("blocks") or []
        element = find_element(blocks, block_id, action_id)
        if element is None:
            raise BadRequest("That button is no longer there.")
        return slack_action(element, block_id, body.get("selected"))


def _nav_link(conv_id: str, name: str, current: str) -> str:
    cls = ' class="current"' if conv_id == current else ""
    return f'<a href="#" data-c="{html.escape(conv_id)}"{cls}>{html.escape(name)}</a>'


def _body(environ: dict[str, Any]) -> Json:
    # JSON only: a form another site's page posts here cannot be JSON without asking first (CORS).
    if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        raise BadRequest("The sandbox page sends JSON.")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadRequest("Bad request.") from None
    if length > MAX_BODY:
        raise BadRequest("That request is too large.")
    try:
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except ValueError:
        raise BadRequest("The request is not JSON.") from None
    if not isinstance(body, dict):
        raise BadRequest("The request is not a JSON object.")
    return body


def _text(body: Json, key: str, limit: int) -> str:
    value = body.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise BadRequest(f"{key} must be text of at most {limit} characters.")
    return value


def _mapping(value: Any) -> Json:
    return value if isinstance(value, dict) else {}


def page_policy(nonce: str) -> str:
    """The page's Content-Security-Policy: its own script only (a `javascript:` link that slipped
    through would not run), its own origin to talk to, images over https, and never in a frame."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src https: data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _send(
    start_response: StartResponse, status: str, kind: str, text: str, policy: str = "frame-ancestors 'none'"
) -> list[bytes]:
    data = text.encode("utf-8")
    headers = [("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(data)))]
    headers += [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    # Another site may not show the page in a frame (clickjacking: its clicks would be the visitor's).
    headers += [("X-Frame-Options", "DENY"), ("Content-Security-Policy", policy)]
    headers += [("Referrer-Policy", "no-referrer")]
    start_response(status, headers)
    return [data]
