"""The sandbox page over HTTP: every action reaches Rapport as a signed Slack request and shows its result."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import timedelta

import pytest

from bot.sandbox.people import LEAD_ID
from bot.sandbox.world import COFFEE, INTROS
from tests.sandbox.conftest import Page, message_ts


def test_choosing_a_person_shows_their_name_and_conversations(page: Page):
    intern = page.server.sandbox.people[0]
    status, body = page.get(f"/?as={intern.id}")
    assert status == 200
    assert f'<option value="{intern.id}" selected>' in body
    assert "#coffee-chats" in body and "#introductions" in body
    # an unknown person falls back to the program lead rather than failing
    status, body = page.get("/?as=UNOBODY")
    assert status == 200 and f'<option value="{LEAD_ID}" selected>' in body


def test_coffee_help_is_answered_to_its_sender_only(page: Page):
    intern, other = page.server.sandbox.people[0], page.server.sandbox.people[5]
    answer = page.do(intern.id, COFFEE, "command", text="/coffee help")
    shown = answer["html"]
    assert "Rapport pairs interns with colleagues" in shown and "Only visible to you" in shown
    assert "<code>/coffee help</code>" in shown  # rendered from the answer's Block Kit mrkdwn
    assert "Rapport pairs interns" not in page.do(other.id, COFFEE, "look")["html"]


def test_moving_the_clock_starts_a_round_and_the_group_dm_appears(page: Page):
    intern = page.server.sandbox.people[0]
    before = page.do(intern.id, COFFEE, "look")
    assert "Group DMs" not in before["html"]
    moved = page.do(intern.id, COFFEE, "clock", phrase="+2 hours")
    assert "coffee rounds started: 1" in moved["note"] and "10:00 UTC" in moved["clock"]
    after = page.do(intern.id, COFFEE, "look")["html"]
    assert "Group DMs" in after
    group = page.server.sandbox.conversations(intern.id)[-1]
    assert group.kind == "group"
    assert "Coffee time" in page.do(intern.id, group.id, "look")["html"]


def test_we_met_in_the_check_in_changes_the_message(page: Page):
    intern = page.server.sandbox.people[0]
    page.do(intern.id, COFFEE, "clock", phrase="+2 hours")
    page.do(intern.id, COFFEE, "clock", phrase="+4 days")
    group = page.server.sandbox.conversations(intern.id)[-1].id
    panel = page.do(intern.id, group, "look")["html"]
    ts = message_ts(panel, 'data-action-id="checkin_met"')
    block_id = page.server.sandbox._message(group, ts)["blocks"][-1]["block_id"]
    clicked = page.do(intern.id, group, "action", ts=ts, block_id=block_id, action_id="checkin_met")
    changed = page.server.sandbox._message(group, ts)
    assert 'data-action-id="checkin_met"' not in json.dumps(changed["blocks"])
    assert (
        'data-action-id="checkin_met"' not in clicked["html"].split(f'data-ts="{ts}"')[1].split("data-ts=")[0]
    )


def test_app_home_then_the_profile_modal_is_filled_and_submitted(page: Page):
    intern = page.server.sandbox.people[0]
    home = page.do(intern.id, COFFEE, "home")["html"]
    assert 'data-current="home"' in home and 'data-action-id="edit_profile"' in home
    view_id = page.server.sandbox.home(intern.id)["id"]
    opened = page.do(intern.id, "home", "action", view_id=view_id, block_id="main_actions",
                     action_id="edit_profile")["html"]  # fmt: skip
    assert 'role="dialog"' in opened
    modal = page.server.sandbox.open_modal(intern.id)
    values = {
        b["block_id"]: {b["element"]["action_id"]: None} for b in modal["blocks"] if b["type"] == "input"
    }
    pitch = next(b for b in modal["blocks"] if b["type"] == "input" and "pitch" in b["block_id"])
    values[pitch["block_id"]][pitch["element"]["action_id"]] = "x" * 2000
    values = {b: {a: v for a, v in actions.items() if v is not None} for b, actions in values.items()}
    refused = page.do(intern.id, "home", "submit", view_id=modal["id"], values=values)
    assert refused["errors"] and "html" not in refused
    values[pitch["block_id"]][pitch["element"]["action_id"]] = "I build <b>checkout</b> & love chess"
    saved = page.do(intern.id, "home", "submit", view_id=modal["id"], values=values)
    assert "errors" not in saved and 'role="dialog"' not in saved["html"]
    with page.server.sandbox.runtime.unit_of_work() as uow:
        profile = uow.profiles.get(page.server.sandbox.workspace.team_id, intern.id)
    assert profile.pitch == "I build <b>checkout</b> & love chess"


def test_messages_are_escaped_not_run(page: Page):
    lead = LEAD_ID
    answer = page.do(lead, INTROS, "command", text="/coffee <script>alert(1)</script>")
    assert "<script>alert(1)" not in answer["html"]
    assert "&lt;script&gt;alert(1)" in answer["html"]  # Rapport quoted it back; the page shows it as text


def test_bad_requests_get_one_clear_line(page: Page):
    intern = page.server.sandbox.people[0]
    assert page.raw(b"{not json")[0] == 400
    assert page.raw(b"[1, 2]")[0] == 400
    status, answer = page.raw(json.dumps({"as": "UNOBODY", "op": "look"}).encode())
    assert status == 400 and "not in the sandbox" in answer["note"]
    status, answer = page.raw(json.dumps({"as": intern.id, "c": COFFEE, "op": "dance"}).encode())
    assert status == 400 and answer["note"] == "Unknown action."
    status, answer = page.raw(json.dumps({"as": intern.id, "c": COFFEE, "op": "action", "ts": "1.0",
                                          "block_id": "b", "action_id": "nope"}).encode())  # fmt: skip
    assert status == 400 and "no longer there" in answer["note"]
    status, answer = page.raw(json.dumps({"as": intern.id, "c": COFFEE, "op": "command", "text": 5}).encode())
    assert status == 400 and "text must be text" in answer["note"]
    assert "Type a slash command" in page.do(intern.id, COFFEE, "command", text="hello")["note"]
    assert page.get("/nowhere")[0] == 404


def test_someone_else_s_conversation_is_not_shown(page: Page):
    sandbox = page.server.sandbox
    first = sandbox.people[0]
    page.do(first.id, COFFEE, "clock", phrase="+2 hours")
    group = sandbox.conversations(first.id)[-1].id
    outsider = next(p for p in sandbox.people if not sandbox.can_see(p.id, group))
    shown = page.do(outsider.id, group, "look")["html"]
    assert f'data-current="{group}"' not in shown and "Coffee time" not in shown


def test_other_sites_cannot_drive_the_page(page: Page):
    """A form on another site posts text/plain without asking; a rebound DNS name sends its own Host."""
    body = json.dumps({"as": LEAD_ID, "c": COFFEE, "op": "command", "text": "/coffee now"}).encode()
    status, answer = page.raw(body, {"Content-Type": "text/plain"})
    assert status == 400 and "JSON" in answer["note"]
    request = urllib.request.Request(page.server.url + "/", headers={"Host": "evil.example:8080"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    refused.value.close()
    assert refused.value.code == 403
    assert "Round started" not in page.do(LEAD_ID, COFFEE, "look")["html"]


def test_the_scheduler_runs_the_work_due_at_the_sandbox_time_as_rapport_run_does(page: Page):
    sandbox = page.server.sandbox
    job = sandbox.scheduler.get_job("due-work")
    assert job is not None and job.trigger.interval.total_seconds() == 60
    assert job.func == sandbox.run_due_work  # each minute: the due work at the sandbox's time, in its lock
    sandbox.clock.set(sandbox.clock() + timedelta(hours=2))  # the Monday 10:00 slot, nothing run yet
    assert sandbox.fake.calls_to("conversations.open") == []
    assert job.func()["coffee rounds started"] == 1  # what the next minute's tick does
    assert not any(job.func().values())  # and the one after finds nothing left
    intern = sandbox.people[0]
    group = page.server.sandbox.conversations(intern.id)[-1]
    assert group.kind == "group" and "Coffee time" in page.do(intern.id, group.id, "look")["html"]


def test_seeded_interns_keep_the_internship_dates_the_roster_gave_them(page: Page):
    sandbox = page.server.sandbox
    with sandbox.runtime.unit_of_work() as uow:
        for person in sandbox.people:
            member = uow.members.get(sandbox.workspace.team_id, person.id)
            profile = uow.profiles.get(sandbox.workspace.team_id, person.id)
            assert member is not None and profile is not None
            dated = member.internship_start is not None and member.internship_end is not None
            assert dated == (person.role.value == "intern"), person
            assert profile.internship_end == member.internship_end
