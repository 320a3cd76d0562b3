"""A running sandbox: the fake Slack, Rapport wired to it exactly as to real Slack, and seeded data.

Everything a visitor does goes through Slack's protocol: slash commands, events and interactivity are
signed requests to Rapport's /slack/events, and Rapport answers through its WebClient over HTTP to the
fake. Requests are made one at a time; after each, the sandbox waits until Rapport's listeners (and
the work they leave for after the answer) are done, so the page shows the result, not a race.
"""

from __future__ import annotations

import copy
import json
import random
import secrets
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.jobs import run_due_work
from bot.sandbox import clock as clocks
from bot.sandbox.directory import typed_as_slack
from bot.sandbox.due import due_moments
from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.fakeslack.api_chat import with_block_ids
from bot.sandbox.guard import foreign_database
from bot.sandbox.people import LEAD_ID, TEAM_ID, generate_people
from bot.sandbox.seed import ASKS, COFFEE, GENERAL, INTROS, KUDOS, build_workspace, roster_csv, seed_data

__all__ = ["ASKS", "COFFEE", "GENERAL", "INTROS", "KUDOS", "Sandbox", "build_workspace", "roster_csv"]
from bot.sandbox.slack_requests import Reply, SlackRequests
from bot.sandbox.view_state import state_values
from bot.scheduler import start_scheduler
from bot.serve.app import create_app
from bot.serve.http_server import HttpServer
from bot.serve.web import RapportWsgi
from bot.wiring import wire
from storage.migrate import upgrade

IDLE_TIMEOUT = 10.0
Json = dict[str, Any]


class Idle:
    """Counts Rapport's work in flight so the sandbox can wait for it to finish."""

    def __init__(self) -> None:
        self._busy = 0
        self._done = threading.Condition()

    def begin(self) -> None:
        with self._done:
            self._busy += 1

    def end(self) -> None:
        with self._done:
            self._busy -= 1
            self._done.notify_all()

    def wait(self, timeout: float = IDLE_TIMEOUT) -> bool:
        with self._done:
            return self._done.wait_for(lambda: self._busy == 0, timeout)


class TrackedExecutor(ThreadPoolExecutor):
    """Bolt's listener pool, counting each listener until it returns (work after `ack()` included)."""

    def __init__(self, idle: Idle, workers: int = 4) -> None:
        super().__init__(max_workers=workers, thread_name_prefix="sandbox-listener")
        self.idle = idle

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.idle.begin()
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(lambda _: self.idle.end())
        return future


@dataclass(frozen=True)
class Conversation:
    id: str
    name: str
    kind: str  # "channel", "dm" (with Rapport) or "group"


@dataclass
class Context:
    """Where a response_url points: who acted, in which conversation, on which message."""

    user_id: str
    channel_id: str
    message_ts: str | None = None
    ephemeral: bool = False  # the message was one only `user_id` sees


class Refused(ValueError):
    """The sandbox will not start on this database; the message is one line for the visitor."""


class Sandbox:
    """Start with `Sandbox(...)`; `close()` stops everything and removes the temporary folder.

    The clock starts at `start`, or on the coming Monday at 08:00 UTC (pictures pass a fixed date).
    """

    def __init__(
        self, people_count: int = 40, seed: int = 1, db: Path | None = None, start: datetime | None = None
    ) -> None:
        problem = foreign_database(db, TEAM_ID) if db is not None else None
        if problem:
            raise Refused(problem)
        self.people = generate_people(people_count, seed)
        self.seed = seed
        self.clock = clocks.SandboxClock(start or clocks.start_of_sandbox(datetime.now(UTC)))
        self._folder = tempfile.TemporaryDirectory(prefix="rapport-sandbox-") if db is None else None
        path = db if db is not None else Path(self._folder.name) / "rapport.sqlite"  # type: ignore[union-attr]
        self.database_url = f"sqlite:///{path.resolve()}"
        self.fake = FakeSlack(build_workspace(self.people))
        self.workspace = self.fake.workspace
        self.fake.on_response_url = self._response_url_used
        self.ephemerals: list[Json] = []  # answers only their user sees: acks and response_url posts
        self.modals: dict[str, list[str]] = {}  # user -> stack of open view ids
        self._contexts: dict[str, Context] = {}
        self._context: Context | None = None
        self._shown_at: dict[str, str] = {}
        self._lock = threading.RLock()
        self.idle = Idle()
        self._stops: list[Callable[[], None]] = [self.fake.close]
        try:
            self._start_rapport()
            seed_data(self)
            self.run_due_work()  # the first tick, before the page answers anyone; then one a minute
            scheduler = start_scheduler(self.runtime, self.run_due_work, first_in=timedelta(minutes=1))
            self._stops.append(lambda: scheduler.shutdown(wait=True))
            self.scheduler = scheduler
        except BaseException:
            self.close()
            raise

    # --- start and stop ------------------------------------------------------------------------
    def _start_rapport(self) -> None:
        secret = secrets.token_hex(16)
        self.settings = Settings.from_env({
            "SLACK_BOT_TOKEN": self.fake.bot_token, "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": self.fake.url, "DATABASE_URL": self.database_url,
            "RAPPORT_SCHEDULER": "off", "RAPPORT_ADMIN_IDS": LEAD_ID,  # Sandbox starts its own, after seeding
        })  # fmt: skip
        upgrade(self.database_url)
        rounds = random.Random(self.seed)  # the same seed makes the same rounds, hence stable pictures
        wired = wire(self.settings, self.clock, lambda: rounds.getrandbits(62))
        listeners = TrackedExecutor(self.idle)
        self.runtime = replace(wired.runtime, after_answer=lambda key, work: listeners.submit(work))
        app = create_app(self.settings, self.runtime, wired.engine, listener_executor=listeners)
        wsgi = RapportWsgi(app, wired.runtime.check_database, secret)
        server = HttpServer(wsgi, "127.0.0.1", 0)
        server.start()
        wsgi.ready.set()
        self._stops += [server.stop, lambda: listeners.shutdown(wait=True), wired.engine.dispose]
        self.engine = wired.engine
        self.rapport_url = f"http://127.0.0.1:{server.port}"
        self.slack = SlackRequests(
            base_url=self.rapport_url, signing_secret=secret, team_id=self.workspace.team_id,
            response_url_factory=self._new_response_url,
        )  # fmt: skip

    def close(self) -> None:
        for stop in reversed(self._stops):
            stop()
        self._stops.clear()
        if self._folder is not None:
            self._folder.cleanup()

    # --- what a person sees ----------------------------------------------------------------------
    def is_person(self, user_id: str) -> bool:
        user = self.workspace.users.get(user_id)
        return user is not None and not (user.is_bot or user.deleted or user_id == "USLACKBOT")

    def name(self, some_id: str) -> str:
        if some_id in self.workspace.users:
            return self.workspace.users[some_id].real_name
        channel = self.workspace.channels.get(some_id)
        return channel.name if channel is not None else some_id

    def conversations(self, user_id: str) -> list[Conversation]:
        found = []
        with self.fake.state.lock:
            channels = list(self.workspace.channels.values())
        for c in channels:
            if user_id not in c.members or c.is_archived:
                continue
            if c.is_im:
                found.append(Conversation(c.id, "Rapport", "dm"))
            elif c.is_mpim:
                others = [
                    self.name(m).split()[0]
                    for m in c.members
                    if m not in (user_id, self.workspace.bot_user_id)
                ]
                found.append(Conversation(c.id, ", ".join(others) + " + Rapport", "group"))
            else:
                found.append(Conversation(c.id, "#" + c.name, "channel"))
        order = {"channel": 0, "dm": 1, "group": 2}
        return sorted(found, key=lambda c: (order[c.kind], c.name))

    def can_see(self, user_id: str, channel_id: str) -> bool:
        channel = self.workspace.channels.get(channel_id)
        return channel is not None and user_id in channel.members

    def messages(self, user_id: str, channel_id: str) -> list[Json]:
        """The conversation as `user_id` sees it: messages, and the answers only they see."""
        with self.fake.state.lock:
            shown = [copy.deepcopy(m) for m in self.fake.state.messages.get(channel_id, [])]
            shown += [
                {**copy.deepcopy(m), "ephemeral": True}
                for m in self.fake.state.ephemerals.get(channel_id, [])
                if m.get("visible_to") == user_id
            ]
        shown += [
            {**m, "ephemeral": True} for m in self.ephemerals
            if m["visible_to"] == user_id and m["channel"] == channel_id
        ]  # fmt: skip
        shown.sort(key=lambda m: float(m.get("ts", 0)))
        for m in shown:
            m["shown_at"] = self._shown_at.setdefault(m["ts"], f"{self.clock():%a %d %b %H:%M}")
        return shown

    def home(self, user_id: str) -> Json | None:
        with self.fake.state.lock:
            return copy.deepcopy(self.fake.state.home_views.get(user_id))

    def open_modal(self, user_id: str) -> Json | None:
        stack = self.modals.get(user_id) or []
        with self.fake.state.lock:
            return copy.deepcopy(self.fake.state.views.get(stack[-1])) if stack else None

    # --- what a person does ----------------------------------------------------------------------
    def command(self, user_id: str, channel_id: str, text: str) -> str | None:
        """Send `/command args` as `user_id` in `channel_id`; returns a problem, or None when sent."""
        command, _, arguments = text.strip().partition(" ")
        if not command.startswith("/") or len(command) < 2:
            return "Type a slash command, like /coffee help."
        channel = self.workspace.channels[channel_id]
        arguments = typed_as_slack(self, user_id, arguments.strip())  # @Name, #channel: as Slack sends them
        with self._acting(user_id, channel_id):
            reply = self.slack.command(command, arguments, user_id=user_id, channel_id=channel_id,
                                       channel_name=channel.name or "directmessage")  # fmt: skip
            self._show_answer(user_id, channel_id, reply)
        return None

    def open_home(self, user_id: str) -> None:
        dm = self.workspace.open_conversation([user_id])
        event = {"type": "app_home_opened", "user": user_id, "channel": dm.id, "tab": "home"}
        current = self.home(user_id)
        if current is not None:
            event["view"] = current
        with self._acting(user_id, dm.id):
            self.slack.event(event)

    def act(self, user_id: str, where: Json, action: Json) -> str | None:
        """A block_actions payload for a click or choice on a message (`ts`) or a view (`view_id`)."""
        channel_id, ts, view_id = str(where.get("channel") or ""), str(where.get("ts")), where.get("view_id")
        with self._lock:
            if view_id:
                return self._act_in_view(user_id, str(view_id), channel_id, where.get("values") or {}, action)
            if not channel_id or not self.can_see(user_id, channel_id):
                return "You are not in that conversation."
            with self.fake.state.lock:
                ephemeral = self._ephemerals_holding(user_id, channel_id, ts) is not None
            if ephemeral:  # Slack sends no `message` for these: the container says it was ephemeral
                container = {
                    "type": "message",
                    "message_ts": ts,
                    "channel_id": channel_id,
                    "is_ephemeral": True,
                }
                with _Acting(self, Context(user_id, channel_id, ts, ephemeral=True)):
                    self.slack.block_action(user_id, action["action_id"], action.get("value"),
                                            action.get("block_id", ""), channel_id=channel_id,
                                            container=container, action=action)  # fmt: skip
                return None
            message = self._message(channel_id, ts)
            if message is None:
                return "That message is gone."
            with self._acting(user_id, channel_id, message["ts"]):
                self.slack.block_action(user_id, action["action_id"], action.get("value"),
                                        action.get("block_id", ""), message=message,
                                        channel_id=channel_id, action=action)  # fmt: skip
        return None

    def _act_in_view(
        self, user_id: str, view_id: str, channel_id: str, raw: Json, action: Json
    ) -> str | None:
        view = self._view_of(user_id, view_id)
        if view is None:
            return "That view is no longer open."
        view["state"] = {"values": state_values(view, raw)}
        with self._acting(user_id, channel_id):
            self.slack.block_action(user_id, action["action_id"], action.get("value"),
                                    action.get("block_id", ""), view=view, action=action)  # fmt: skip
        return None

    def submit(self, user_id: str, view_id: str, raw: Json) -> dict[str, str]:
        """Submit the open modal; returns the errors Rapport answered with, by block_id."""
        with self._lock:
            view = self._view_of(user_id, view_id)
            if view is None or view.get("type") != "modal":
                return {"": "That modal is no longer open."}
            view["state"] = {"values": state_values(view, raw)}
            with self._acting(user_id, ""):
                reply = self.slack.view_submission(user_id, view)
            answer = reply.json() if reply.body.strip() else None
            stack = self.modals.get(user_id, [])
            if isinstance(answer, dict) and answer.get("response_action") == "errors":
                return {str(k): str(v) for k, v in (answer.get("errors") or {}).items()}
            if isinstance(answer, dict) and answer.get("response_action") in ("update", "push"):
                self._answered_view(user_id, answer)
                return {}
            if isinstance(answer, dict) and answer.get("response_action") == "clear":
                stack.clear()
            elif view_id in stack:
                stack.remove(view_id)
            return {}

    def close_modal(self, user_id: str) -> None:
        with self._lock:
            stack = self.modals.get(user_id, [])
            if stack:
                stack.pop()

    def close_modals(self, user_id: str) -> None:
        """A reload of Slack's client closes whatever modal was open."""
        with self._lock:
            self.modals.pop(user_id, None)

    def run_due_work(self) -> dict[str, int]:
        """What the scheduler runs every minute, and a clock move at once: the work due by the sandbox's
        time, finished (listeners included) before the next visitor action is carried out."""
        with self._lock:
            done = run_due_work(self.runtime, self.clock())
            self.idle.wait()
        return done

    def move_clock(self, phrase: str) -> str:
        """Move the clock, running the due work at each moment it falls due on the way, as `rapport run`
        would have (every minute); says what happened."""
        with self._lock:
            target = clocks.move(phrase, self.clock())
            if isinstance(target, str):
                return target
            done = self._step_to(target)
        did = ", ".join(f"{name}: {count}" for name, count in done.items())
        return f"It is now {target:%a %d %b %H:%M} UTC." + (f" Done: {did}." if did else "")

    def _step_to(self, target: datetime) -> dict[str, int | str]:
        zones = {u.id: u.tz for u in self.workspace.users.values()}
        done: dict[str, int | str] = {}
        moments = due_moments(self.runtime, self.engine, zones, self.clock(), target)
        while moments:
            moment = moments.pop(0)
            self.clock.set(moment)
            ran = self.run_due_work()
            for name, count in ran.items():
                if count < 0:
                    done[name] = "failed"
                elif count and done.get(name) != "failed":
                    done[name] = int(done.get(name, 0)) + count
            if any(ran.values()):  # what it did may fall due again on the way (a nudge, a check-in)
                moments = due_moments(self.runtime, self.engine, zones, moment, target)
        return done

    # --- plumbing ---------------------------------------------------------------------------------
    def _acting(self, user_id: str, channel_id: str, ts: str | None = None) -> _Acting:
        return _Acting(self, Context(user_id, channel_id, ts))

    def _view_of(self, user_id: str, view_id: str) -> Json | None:
        with self.fake.state.lock:
            view = self.fake.state.views.get(view_id)
            home = self.fake.state.home_views.get(user_id)
        mine = view_id in self.modals.get(user_id, []) or (home is not None and home["id"] == view_id)
        return copy.deepcopy(view) if view is not None and mine else None

    def _message(self, channel_id: str, ts: str) -> Json | None:
        with self.fake.state.lock:
            for m in self.fake.state.messages.get(channel_id, []):
                if m["ts"] == ts:
                    return copy.deepcopy(m)
        return None

    def _ephemerals_holding(self, user_id: str, channel_id: str, ts: str | None) -> list[Json] | None:
        """The list holding the answer only `user_id` sees with this ts: the sandbox's own (command
        acknowledgements, response_url posts) or chat.postEphemeral's. Call under the fake's lock."""
        for holder in (self.ephemerals, self.fake.state.ephemerals.get(channel_id, [])):
            for m in holder:
                if (
                    m["ts"] == ts
                    and m["visible_to"] == user_id
                    and m.get("channel", channel_id) == channel_id
                ):
                    return holder
        return None

    def _new_response_url(self) -> str:
        url = self.fake.response_url()
        if self._context is not None:
            self._contexts[url.rsplit("/", 1)[-1]] = self._context
        return url

    def _show_answer(self, user_id: str, channel_id: str, reply: Reply) -> None:
        """A command's acknowledgement body is an answer only its sender sees (or, in_channel, everyone)."""
        body = reply.body.strip()
        if reply.status != 200:
            self._ephemeral(user_id, channel_id, {"text": f"Rapport answered HTTP {reply.status}."})
        elif body.startswith("{"):
            answer = json.loads(body)
            if answer.get("text") or answer.get("blocks"):
                self._ephemeral(user_id, channel_id, answer)
        elif body:
            self._ephemeral(user_id, channel_id, {"text": body})

    def _ephemeral(self, user_id: str, channel_id: str, answer: Json) -> None:
        ts, bot = self.fake.state.next_ts(), self.workspace.bot_id
        self.ephemerals.append(
            {"visible_to": user_id, "channel": channel_id, "ts": ts, "bot_id": bot, **_shown(answer, ts)}
        )

    def _response_url_used(self, key: str, payload: Json) -> None:
        context = self._contexts.get(key)
        if context is None:
            return
        state = self.fake.state
        with state.lock:
            if context.ephemeral:
                held = self._ephemerals_holding(context.user_id, context.channel_id, context.message_ts)
                messages = held if held is not None else []
            else:
                messages = state.messages.get(context.channel_id, [])
            original = next((m for m in messages if m["ts"] == context.message_ts), None)
            if payload.get("delete_original") and original is not None:
                messages.remove(original)
            elif payload.get("replace_original") and original is not None:
                original.update(_shown(payload, original["ts"]))
            elif payload.get("response_type") == "in_channel":
                ts = state.next_ts()
                messages = state.messages[context.channel_id]
                messages.append(
                    {"type": "message", "ts": ts, "bot_id": self.workspace.bot_id, **_shown(payload, ts)}
                )
            else:
                self._ephemeral(context.user_id, context.channel_id, payload)

    def _answered_view(self, user_id: str, answer: Json) -> None:
        """response_action update/push: Slack shows the view the app answered with."""
        state = self.fake.state
        with state.lock:
            view_id = state.next_id("V")
            state.views[view_id] = {"id": view_id, "type": "modal", **answer.get("view", {})}
        stack = self.modals.setdefault(user_id, [])
        if answer.get("response_action") == "update" and stack:
            stack.pop()
        stack.append(view_id)


def _shown(answer: Json, ts: str) -> Json:
    """What a message shows; Slack gives every block without a block_id one of its own."""
    return {"text": answer.get("text", ""), "blocks": with_block_ids(answer.get("blocks") or [], ts)}


class _Acting:
    """One request at a time: remember who acts where, send, wait for Rapport, note new modals."""

    def __init__(self, sandbox: Sandbox, context: Context) -> None:
        self.sandbox, self.context = sandbox, context

    def __enter__(self) -> None:
        self.sandbox._lock.acquire()
        self.sandbox._context = self.context
        with self.sandbox.fake.state.lock:
            self.before = set(self.sandbox.fake.state.views)

    def __exit__(self, *exc: object) -> None:
        sandbox = self.sandbox
        try:
            sandbox.idle.wait()
            with sandbox.fake.state.lock:
                homes = {v["id"] for v in sandbox.fake.state.home_views.values()}
                opened = [v for v in sandbox.fake.state.views if v not in self.before and v not in homes]
            sandbox.modals.setdefault(self.context.user_id, []).extend(opened)
        finally:
            sandbox._context = None
            sandbox._lock.release()
