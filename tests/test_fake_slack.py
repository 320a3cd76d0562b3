"""Tests of the fake Slack Web API itself (bot/sandbox/fakeslack) and of the signed-request helper."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from bot.sandbox.fakeslack import Channel, FakeSlack, User, seeded_workspace
from bot.sandbox.fakeslack.blockkit import check_blocks, check_view
from bot.sandbox.slack_requests import Reply, SlackRequests

COFFEE, GENERAL = "C0COFFEE", "C0GENERAL"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(workspace=seeded_workspace(), page_size=2) as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(base_url=fake.url, token=fake.bot_token, timeout=5)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_seeded_workspace_has_the_people_later_tests_rely_on() -> None:
    ws = seeded_workspace()
    assert len(ws.interns) == 8 and len(ws.colleagues) == 13 and len(ws.humans) == 21
    assert {u.id for u in ws.humans} == set(ws.interns + ws.colleagues)
    assert ws.users[ws.admin_id].is_admin and not ws.users[ws.admin_id].is_owner
    assert ws.users[ws.owner_id].is_primary_owner
    assert {u.tz for u in ws.humans} == {
        "America/Los_Angeles",
        "Europe/London",
        "Asia/Kolkata",
        "America/New_York",
    }
    coffee = ws.channels[COFFEE].members
    assert set(ws.interns + ws.colleagues) < set(coffee) and ws.bot_user_id not in coffee
    assert ws.user_by_email("AMARA@example.com").id == "U01AMARA"


def test_users_list_pages_through_every_member(fake: FakeSlack, client: WebClient) -> None:
    members = [m for page in client.users_list(limit=200) for m in page["members"]]
    assert [m["id"] for m in members] == list(fake.workspace.users)
    assert len(fake.calls_to("users.list")) == (len(members) + 1) // 2
    assert {m["id"] for m in members if m["deleted"]} == {"U09VICTOR"}
    assert {m["id"] for m in members if m["is_bot"]} == {"UBOTRAPPORT", "U03OTTERBOT"}
    amara = next(m for m in members if m["id"] == "U01AMARA")
    assert amara["profile"]["email"] == "amara@example.com" and amara["tz_offset"] == -14400
    assert fake.violations == []


def test_conversations_members_pages_with_cursor(fake: FakeSlack, client: WebClient) -> None:
    members, cursors = [], []
    for page in client.conversations_members(channel=COFFEE):  # slack_sdk reuses one response object
        members += page["members"]
        cursors.append(page["response_metadata"]["next_cursor"])
    assert members == fake.workspace.channels[COFFEE].members and len(members) == 23
    assert len(cursors) == 12 and cursors[-1] == "" and all(cursors[:-1])
    one = client.conversations_members(channel=COFFEE, limit=1)
    assert len(one["members"]) == 1
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.conversations_members(channel="C0NOPE")
    with pytest.raises(SlackApiError, match="invalid_cursor"):
        client.conversations_members(channel=COFFEE, cursor="garbage!")


def test_a_private_channel_exists_for_the_bot_only_when_it_is_a_member(
    fake: FakeSlack, client: WebClient
) -> None:
    ws = fake.workspace
    ws.add_channel(Channel(id="G0TEAM", name="team", members=["U01AMARA", "U01BEN"], is_private=True))
    for call in (client.conversations_info, client.conversations_members):
        with pytest.raises(SlackApiError, match="channel_not_found"):
            call(channel="G0TEAM")
    ws.channels["G0TEAM"].members.append(ws.bot_user_id)
    info = client.conversations_info(channel="G0TEAM")["channel"]
    assert info["is_private"] and not info["is_channel"] and info["is_member"]
    members = [m for page in client.conversations_members(channel="G0TEAM") for m in page["members"]]
    assert members == ["U01AMARA", "U01BEN", ws.bot_user_id]  # two pages of two
    public = client.conversations_info(channel=COFFEE)["channel"]
    assert public["is_channel"] and not public["is_private"] and not public["is_member"]
    assert fake.violations == []


def test_unknown_argument_is_a_violation_but_answers_like_slack(fake: FakeSlack, client: WebClient) -> None:
    client.conversations_join(channel=COFFEE)
    params = {"channel": COFFEE, "text": "x", "colour": "red"}
    assert client.api_call("chat.postMessage", params=params)["ok"]
    assert fake.violations == ["chat.postMessage: argument 'colour' is not in the reference"]


def test_team_id_default_param_is_accepted_and_dropped(fake: FakeSlack) -> None:
    bolt_like = WebClient(base_url=fake.url, token=fake.bot_token, team_id="T0RAPPORT")
    bolt_like.users_info(user="U01BEN")
    assert fake.calls_to("users.info")[0].args == {"user": "U01BEN"} and fake.violations == []
    WebClient(base_url=fake.url, token=fake.bot_token, team_id="T0OTHER").users_info(user="U01BEN")
    assert fake.take_violations() == ["users.info: team_id 'T0OTHER' is not this workspace (T0RAPPORT)"]


def test_unknown_method_is_refused(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("chat.postMesage", params={"channel": COFFEE})
    assert fake.violations == ["chat.postMesage: no such Slack Web API method"]


def test_missing_required_argument(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.api_call("chat.postMessage", params={"text": "where to?"})
    assert fake.violations == ["chat.postMessage: missing required field: channel"]
    assert fake.calls_to("chat.postMessage", include_failed=True)[0].error == "invalid_arguments"


def test_rate_limit_then_success_with_retry_handler(
    fake: FakeSlack, client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin_handlers.random, "random", lambda: 0.0)  # no jitter: keep it fast
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    fake.fail_next("users.info", retry_after=0)
    assert client.users_info(user="U01BEN")["user"]["real_name"] == "Ben Carter"
    calls = fake.calls_to("users.info", include_failed=True)
    assert [(c.ok, c.status, c.error) for c in calls] == [(False, 429, "ratelimited"), (True, 200, None)]


def test_server_error_and_error_faults(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("auth.test", status=503, error="service_unavailable")
    with pytest.raises(SlackApiError):
        client.auth_test()
    fake.fail_next("conversations.open", status=200, error="user_disabled")
    with pytest.raises(SlackApiError, match="user_disabled"):
        client.conversations_open(users="U01BEN")
    assert client.auth_test()["user_id"] == "UBOTRAPPORT"


def test_block_kit_limits(fake: FakeSlack, client: WebClient) -> None:
    client.conversations_join(channel=COFFEE)
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=COFFEE, text="x", blocks=[section("hi")] * 51)
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=COFFEE, text="x", blocks=[section("a" * 3001)])
    with pytest.raises(SlackApiError, match="msg_too_long"):
        client.chat_postMessage(channel=COFFEE, text="a" * 40_001)
    assert fake.take_violations() == [
        "chat.postMessage: blocks has 51 blocks (max 50)",
        "chat.postMessage: blocks[0].text.text is 3001 chars (1..3000 allowed)",
        "chat.postMessage: text is 40001 chars (max 40000)",
    ]
    assert fake.messages_in(COFFEE) == []


@pytest.mark.parametrize(
    ("blocks", "fragment"),
    [
        ([{"type": "header", "text": {"type": "mrkdwn", "text": "x"}}], "expected plain_text"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}], "(1..150 allowed)"),
        ([{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}], "at most 10 items"),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}], "at most 10 items"),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "text": {"type": "plain_text", "text": "b" * 76}, "action_id": "a"}
                    ],
                }
            ],
            "(1..75 allowed)",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "b"},
                            "action_id": "a" * 256,
                        }
                    ],
                }
            ],
            "action_id must be",
        ),
        ([{"type": "section", "block_id": "b" * 256, "text": {"type": "mrkdwn", "text": "t"}}], "block_id"),
        ([{"type": "carousel"}], "unknown block type"),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "b"},
                            "url": "https://x.test/?q=" + "%F0%9F%8E%89" * 250,  # 3,018 characters
                        }
                    ],
                }
            ],
            "url must be a string of at most 3000 chars",
        ),
        (
            [
                {
                    "type": "context",
                    "elements": [{"type": "image", "image_url": "https://x.test/" + "i" * 2990}],
                }
            ],
            "alt_text is required",
        ),
        (
            [
                {
                    "type": "context",
                    "elements": [
                        {"type": "image", "alt_text": "a", "image_url": "https://x.test/" + "i" * 2990}
                    ],
                }
            ],
            "image_url must be a string of at most 3000 chars",
        ),
        (
            [
                {
                    "type": "input",
                    "label": {"type": "plain_text", "text": "l"},
                    "element": {"type": "plain_text_input", "action_id": "a", "max_length": 3001},
                }
            ],
            "max_length",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "static_select",
                            "action_id": "s",
                            "options": [{"text": {"type": "plain_text", "text": "o"}, "value": "v"}] * 101,
                        }
                    ],
                }
            ],
            "at most 100 items",
        ),
    ],
)
def test_block_kit_table(blocks: list[dict[str, Any]], fragment: str) -> None:
    problems = check_blocks(blocks)
    assert problems and fragment in problems[0]


def test_view_limits() -> None:
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "t" * 25},
        "blocks": [],
        "private_metadata": "m" * 3001,
    }
    problems = check_view(modal)
    assert any("title.text" in p for p in problems) and any("private_metadata" in p for p in problems)
    assert check_view({"type": "home", "blocks": [section("ok")] * 100}) == []
    assert check_view({"type": "home", "blocks": [section("no")] * 101}) != []


def test_an_acknowledgement_slack_would_refuse_is_a_violation(fake: FakeSlack) -> None:
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": "b"},
        "url": "https://x.test/" + "u" * 3000,
    }
    refused = {"text": "x", "blocks": [{"type": "actions", "elements": [button]}]}
    fake.check_answer(Reply(200, {}, json.dumps(refused)))
    fake.check_answer(Reply(200, {}, json.dumps({"response_action": "update", "view": {"type": "modal"}})))
    fake.check_answer(Reply(200, {}, json.dumps({"text": "fine", "blocks": [section("ok")]})))
    fake.check_answer(Reply(200, {}, ""))
    fake.check_answer(Reply(401, {}, json.dumps(refused)))  # Slack never sees what a refused request got
    problems = fake.take_violations()
    assert problems[0] == "answer: blocks[0].elements[0].url must be a string of at most 3000 chars"
    assert any(p.startswith("answer: view.title") for p in problems[1:]) and len(problems) == 3


def test_wrong_or_missing_token(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(base_url=fake.url, token="xoxb-wrong").auth_test()
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=fake.url).auth_test()
    assert fake.violations == []


def test_wait_for_wakes_when_another_thread_calls(fake: FakeSlack, client: WebClient) -> None:
    worker = threading.Thread(target=lambda: client.users_lookupByEmail(email="grace@example.com"))
    worker.start()
    [call] = fake.wait_for("users.lookupByEmail", lambda c: c.args["email"] == "grace@example.com")
    worker.join()
    assert call.ok
    with pytest.raises(AssertionError, match=r"users\.lookupByEmail ok=True"):
        fake.wait_for("chat.postMessage", timeout=0.05)


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    url = fake.response_url()
    hook = WebhookClient(url, timeout=5)
    assert hook.send(text="Saved!", response_type="ephemeral").status_code == 200
    assert hook.send(blocks=[section("x" * 3001)]).status_code == 400
    ok, bad = fake.wait_for("response_url", include_failed=True, count=2)
    assert ok.args == {"text": "Saved!", "response_type": "ephemeral"} and ok.url == url
    assert bad.error == "invalid_blocks" and fake.take_violations()


def test_files_upload_round_trip(fake: FakeSlack, client: WebClient) -> None:
    client.conversations_join(channel=GENERAL)
    result = client.files_upload_v2(
        channel=GENERAL, filename="roster.csv", content="a,b\n1,2\n", initial_comment="Here it is"
    )
    file_id = result["file"]["id"]
    assert fake.uploaded_file(file_id).content == b"a,b\n1,2\n"
    [message] = fake.messages_in(GENERAL)
    assert message["text"] == "Here it is" and message["files"][0]["id"] == file_id
    assert fake.violations == []


def test_posting_needs_membership_and_dms_are_stable(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="not_in_channel"):
        client.chat_postMessage(channel=COFFEE, text="hello")
    assert client.conversations_join(channel=COFFEE)["channel"]["is_member"]
    posted = client.chat_postMessage(channel=COFFEE, text="hello")
    client.chat_update(channel=COFFEE, ts=posted["ts"], text="edited")
    assert fake.messages_in(COFFEE)[0]["text"] == "edited"
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_update(channel=COFFEE, ts="1.000", text="nope")
    first = client.conversations_open(users="U01AMARA,U02KAVYA")["channel"]["id"]
    again = client.conversations_open(users="U02KAVYA,U01AMARA")
    assert first.startswith("G") and again["channel"]["id"] == first and again["already_open"]
    dm = client.conversations_open(users="U01DEV", return_im=True)["channel"]
    assert dm["id"].startswith("D") and dm["user"] == "U01DEV"
    with pytest.raises(SlackApiError, match="user_disabled"):
        client.conversations_open(users="U09VICTOR")
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.conversations_open(users="UNOBODY")
    as_json = client.api_call("chat.postMessage", json={"channel": "U01DEV", "blocks": [section("json")]})
    assert as_json["channel"] == dm["id"] and fake.messages_to("U01DEV")[0]["blocks"][0]["block_id"]
    with pytest.raises(SlackApiError, match="user_not_in_channel"):
        client.chat_postEphemeral(channel=COFFEE, user="UNOBODY", text="psst")


def test_the_unfurl_flags_a_message_was_posted_with_are_recorded(fake: FakeSlack, client: WebClient) -> None:
    quiet = client.chat_postMessage(
        channel="U01DEV", text="<https://x.test>", unfurl_links=False, unfurl_media=False
    )
    loud = client.chat_postMessage(channel="U01DEV", text="<https://x.test>")
    as_form = client.api_call(
        "chat.postMessage", data={"channel": "U01DEV", "text": "t", "unfurl_links": "true"}
    )
    assert fake.unfurl_flags(quiet["channel"], quiet["ts"]) == {"unfurl_links": False, "unfurl_media": False}
    assert fake.unfurl_flags(loud["channel"], loud["ts"]) == {}
    assert fake.unfurl_flags(as_form["channel"], as_form["ts"]) == {"unfurl_links": True}


def test_workspace_is_mutable_and_directory_errors(fake: FakeSlack, client: WebClient) -> None:
    fake.workspace.add_user(User(id="U05NEW", name="nia", real_name="Nia Lowe", email="nia@example.com"))
    assert client.users_lookupByEmail(email="nia@example.com")["user"]["id"] == "U05NEW"
    fake.workspace.deactivate("U05NEW")
    with pytest.raises(SlackApiError, match="users_not_found"):
        client.users_lookupByEmail(email="nia@example.com")
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="UNOBODY")
    info = client.conversations_info(channel=COFFEE, include_num_members=True)["channel"]
    assert info["name"] == "coffee" and info["num_members"] == 23 and not info["is_member"]


def test_views(fake: FakeSlack, client: WebClient) -> None:
    modal = {
        "type": "modal",
        "callback_id": "profile",
        "title": {"type": "plain_text", "text": "Profile"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [section("hi")],
    }
    view = client.views_open(trigger_id="123.456.abc", view=modal)["view"]
    assert view["id"] and view["callback_id"] == "profile"
    with pytest.raises(SlackApiError, match="exchanged_trigger_id"):
        client.views_open(trigger_id="123.456.abc", view=modal)
    client.views_update(view_id=view["id"], view={**modal, "private_metadata": "x"})
    assert fake.view(view["id"])["private_metadata"] == "x"
    client.views_publish(user_id="U01AMARA", view={"type": "home", "blocks": [section("home")]})
    assert fake.home_view("U01AMARA")["blocks"][0]["text"]["text"] == "home"
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_open(trigger_id="t2", view={**modal, "title": {"type": "plain_text", "text": "t" * 25}})
    assert fake.take_violations() == ["views.open: view.title.text is 25 chars (1..24 allowed)"]


def test_oauth_v2_access(fake: FakeSlack) -> None:
    code = fake.oauth_code()
    client = WebClient(base_url=fake.url)
    install = client.oauth_v2_access(client_id=fake.client_id, client_secret=fake.client_secret, code=code)
    assert install["access_token"] == fake.bot_token and install["team"]["id"] == "T0RAPPORT"
    with pytest.raises(SlackApiError, match="invalid_code"):
        client.oauth_v2_access(client_id=fake.client_id, client_secret=fake.client_secret, code=code)


class _Capture(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_slack_requests_are_signed_like_slack(fake: FakeSlack) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        slack = SlackRequests(
            f"http://127.0.0.1:{server.server_address[1]}", "s3cret", response_url_factory=fake.response_url
        )
        assert slack.command("/coffee", text="help", user_id="U01AMARA").status == 200
        slack.event({"type": "app_home_opened", "user": "U01AMARA"}, retry_num=1)
    finally:
        server.shutdown()
        server.server_close()
    verifier = SignatureVerifier("s3cret")
    (command_headers, command_body), (event_headers, event_body) = _Capture.seen[-2:]
    assert verifier.is_valid_request(command_body, command_headers)
    assert verifier.is_valid_request(event_body, event_headers)
    form = {k: v[0] for k, v in parse_qs(command_body.decode()).items()}
    assert form["command"] == "/coffee" and form["response_url"].startswith(fake.root_url)
    assert json.loads(event_body)["event"]["type"] == "app_home_opened"
    assert event_headers["X-Slack-Retry-Num"] == "1"
    assert not SignatureVerifier("other").is_valid_request(command_body, command_headers)


def test_an_upload_is_shared_into_a_dm_by_its_conversation_id_only(
    fake: FakeSlack, client: WebClient
) -> None:
    dm = client.chat_postMessage(channel="U01CHLOE", text="your file follows")["channel"]
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.files_upload_v2(channel="U01CHLOE", filename="network.csv", content="a\n")
    assert fake.take_violations()
    result = client.files_upload_v2(channel=dm, filename="network.csv", content="name\nLiam\n")
    [shared] = [m for m in fake.messages_in(dm) if m.get("files")]
    assert shared["files"][0]["id"] == result["file"]["id"]
    assert fake.uploaded_file(result["file"]["id"]).content == b"name\nLiam\n"


def test_chat_delete_removes_only_the_bots_own_messages(fake: FakeSlack, client: WebClient) -> None:
    client.conversations_join(channel=COFFEE)
    posted = client.chat_postMessage(channel=COFFEE, text="card")
    human = {"type": "message", "user": "U01AMARA", "ts": "9.000001", "text": "hi"}
    fake.state.messages[COFFEE].append(human)
    assert client.chat_delete(channel=COFFEE, ts=posted["ts"])["ts"] == posted["ts"]
    assert [m["text"] for m in fake.messages_in(COFFEE)] == ["hi"]
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_delete(channel=COFFEE, ts=posted["ts"])
    with pytest.raises(SlackApiError, match="cant_delete_message"):
        client.chat_delete(channel=COFFEE, ts="9.000001")


def test_chat_get_permalink_links_to_a_message_that_exists(fake: FakeSlack, client: WebClient) -> None:
    client.conversations_join(channel=COFFEE)
    posted = client.chat_postMessage(channel=COFFEE, text="hello")
    reply = client.chat_postMessage(channel=COFFEE, text="in a thread", thread_ts=posted["ts"])
    digits = posted["ts"].replace(".", "")
    answer = client.chat_getPermalink(channel=COFFEE, message_ts=posted["ts"])
    assert answer["channel"] == COFFEE
    assert answer["permalink"] == f"https://rapport-test.slack.com/archives/{COFFEE}/p{digits}"
    threaded = client.chat_getPermalink(channel=COFFEE, message_ts=reply["ts"])["permalink"]
    assert threaded.endswith(f"?thread_ts={posted['ts']}&cid={COFFEE}")
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_getPermalink(channel=COFFEE, message_ts="1.000001")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        client.chat_getPermalink(channel="C0NOWHERE", message_ts=posted["ts"])
    assert fake.violations == []
