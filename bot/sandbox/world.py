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
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.jobs import run_due_work
from bot.sandbox import clock as clocks
from bot.sandbox.fakeslack import Channel, FakeSlack, User, Workspace
from bot.sandbox.guard import foreign_database
from bot.sandbox.people import LEAD_ID, TEAM_ID, SandboxPerson, generate_people
from bot.sandbox.slack_requests import Reply, SlackRequests
from bot.scheduler import start_scheduler
from bot.serve.app import create_app
from bot.serve.http_server import HttpServer
from bot.serve.web import RapportWsgi
from bot.services.people.profiles import save_profile
from bot.services.people.roster_import import import_roster
from bot.slack.client import make_web_client
from bot.slack.directory import SlackUserDirectory
from bot.wiring import wire
from storage.migrate import upgrade

GENERAL, COFFEE, INTROS = "C0GENERAL", "C0COFFEECHATS", "C0INTRODUCTIONS"
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


def build_workspace(people: list[SandboxPerson]) -> Workspace:
    ws = Workspace(team_id=TEAM_ID, team_name="Sandbox Inc.", domain="sandbox")
    ws.add_user(User(id="USLACKBOT", name="slackbot", real_name="Slackbot"))
    ws.add_user(User(id=ws.bot_user_id, name="rapport", real_name="Rapport", is_bot=True,
                     bot_id=ws.bot_id, app_id=ws.app_id))  # fmt: skip
    lead = User(id=LEAD_ID, name="lead", real_name="Pat Lead", display_name="Pat (program lead)",
                email="lead@sandbox.example", tz="Europe/London", title="Intern Program Lead",
                is_admin=True)  # fmt: skip
    ws.add_user(lead)
    for p in people:
        ws.add_user(User(id=p.id, name=p.handle, real_name=p.real_name, display_name=p.real_name.split()[0],
                         email=f"{p.handle}@sandbox.example", tz=p.tz, title=p.title))  # fmt: skip
    ws.interns = [p.id for p in people if p.role is Role.INTERN]
    ws.colleagues = [p.id for p in people if p.role is not Role.INTERN]
    ws.admin_id = ws.owner_id = LEAD_ID
    everyone = [LEAD_ID, *(p.id for p in people)]
    ws.add_channel(Channel(id=GENERAL, name="general", members=list(everyone), is_general=True,
                           creator=LEAD_ID, purpose="Company-wide announcements"))  # fmt: skip
    ws.add_channel(Channel(id=COFFEE, name="coffee-chats", members=[*everyone, ws.bot_user_id],
                           creator=LEAD_ID, topic="Random coffee chats for the intern program"))  # fmt: skip
    ws.add_channel(Channel(id=INTROS, name="introductions", members=[*everyone, ws.bot_user_id],
                           creator=LEAD_ID, purpose="Say hello!"))  # fmt: skip
    return ws


def roster_csv(people: list[SandboxPerson], start: datetime) -> str:
    begins = start.date().replace(day=1).isoformat()
    ends = start.date().replace(month=min(start.month + 3, 12), day=28).isoformat()
    rows = ["slack_id,email,role,team,internship_start,internship_end"]
    for p in people:
        dates = f"{begins},{ends}" if p.role is Role.INTERN else ","
        rows.append(f"{p.id},,{p.role.value},{p.team},{dates}")
    return "\n".join(rows) + "\n"


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
            self._seed()
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
        self.rapport_url = f"http://127.0.0.1:{server.port}"
        self.slack = SlackRequests(
            base_url=self.rapport_url, signing_secret=secret, team_id=self.workspace.team_id,
            response_url_factory=self._new_response_url,
        )  # fmt: skip

    def _seed(self) -> None:
        """The roster imported, profiles filled in, #coffee-chats a pool, #introductions the card channel."""
        now = self.clock()
        client = make_web_client(self.settings, token=self.fake.bot_token)
        result = import_roster(roster_csv(self.people, now), self.workspace.team_id,
                               SlackUserDirectory(client), self.runtime.unit_of_work(), now)  # fmt: skip
        if result.problems:
            raise RuntimeError(f"the sandbox roster did not import: {result.problems[0]}")
        for p in self.people:
            with self.runtime.unit_of_work() as uow:
                if uow.profiles.get(self.workspace.team_id, p.id) is not None:
                    continue  # a kept database (--db) keeps the profiles visitors edited
                member = uow.members.get(self.workspace.team_id, p.id)
            profile = Profile(
                team_id=self.workspace.team_id, user_id=p.id, role=p.role, team=p.team,
                working_on=p.working_on, interests=p.interests,
                pitch=f"{p.real_name.split()[0]}, {p.title.lower()}, into {p.interests[0]}.",
                # a profile carries the internship's dates: keep the roster's
                internship_start=member.internship_start if member else None,
                internship_end=member.internship_end if member else None,
            )  # fmt: skip
            save_profile(self.runtime.unit_of_work(), profile, now)
        self.command(LEAD_ID, COFFEE, "/coffee setup weekly monday 10:00")
        self.command(LEAD_ID, COFFEE, f"/coffee setup intros <#{INTROS}|introductions>")
        self.ephemerals.clear()

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
        with self._acting(user_id, channel_id):
            reply = self.slack.command(command, arguments.strip(), user_id=user_id, channel_id=channel_id,
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
        channel_id, ts, view_id = where.get("channel"), where.get("ts"), where.get("view_id")
        with self._lock:
            if view_id:
                view = self._view_of(user_id, str(view_id))
                if view is None:
                    return "That view is no longer open."
                view["state"] = {"values": state_values(view, where.get("values") or {})}
                with self._acting(user_id, channel_id or ""):
                    self.slack.block_action(user_id, action["action_id"], action.get("value"),
                                            action.get("block_id", ""), view=view, action=action)  # fmt: skip
                return None
            if not channel_id or not self.can_see(user_id, channel_id):
                return "You are not in that conversation."
            message = self._message(str(channel_id), str(ts))
            if message is None:
                return "That message is gone."
            with self._acting(user_id, channel_id, message["ts"]):
                self.slack.block_action(user_id, action["action_id"], action.get("value"),
                                        action.get("block_id", ""), message=message,
                                        channel_id=channel_id, action=action)  # fmt: skip
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

    def run_due_work(self) -> dict[str, int]:
        """What the scheduler runs every minute, and a clock move at once: the work due by the sandbox's
        time, finished (listeners included) before the next visitor action is carried out."""
        with self._lock:
            done = run_due_work(self.runtime, self.clock())
            self.idle.wait()
        return done

    def move_clock(self, phrase: str) -> str:
        """Move the clock and run the work due by then; says what happened."""
        with self._lock:
            target = clocks.move(phrase, self.clock())
            if isinstance(target, str):
                return target
            self.clock.set(target)
            done = self.run_due_work()
        did = ", ".join(f"{name}: {count}" for name, count in done.items() if count)
        return f"It is now {target:%a %d %b %H:%M} UTC." + (f" Done: {did}." if did else "")

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
        shown = {"text": answer.get("text", ""), "blocks": answer.get("blocks") or []}
        ts, bot = self.fake.state.next_ts(), self.workspace.bot_id
        self.ephemerals.append(
            {"visible_to": user_id, "channel": channel_id, "ts": ts, "bot_id": bot, **shown}
        )

    def _response_url_used(self, key: str, payload: Json) -> None:
        context = self._contexts.get(key)
        if context is None:
            return
        state = self.fake.state
        with state.lock:
            messages = state.messages.get(context.channel_id, [])
            original = next((m for m in messages if m["ts"] == context.message_ts), None)
            if payload.get("delete_original") and original is not None:
                messages.remove(original)
            elif payload.get("replace_original") and original is not None:
                original.update(text=payload.get("text", ""), blocks=payload.get("blocks") or [])
            elif payload.get("response_type") == "in_channel":
                shown = {"text": payload.get("text", ""), "blocks": payload.get("blocks") or []}
                messages.append(
                    {"type": "message", "ts": state.next_ts(), "bot_id": self.workspace.bot_id, **shown}
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
