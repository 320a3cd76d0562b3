"""What another site, or a message, cannot do to the sandbox (issue 24): run script through a link, post
through the fake Slack, frame the page, or have the sandbox run a real workspace's due work."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.domain.help.asks import AskDraft
from bot.sandbox.blockkit import blocks_to_html
from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.guard import foreign_database
from bot.sandbox.mrkdwn import mrkdwn_to_html
from bot.sandbox.people import TEAM_ID
from bot.sandbox.world import Refused, Sandbox
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.sandbox.conftest import Page

SCRIPTS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x"]  # fmt: skip


def render(blocks: list[dict]) -> str:
    return blocks_to_html(blocks, lambda key: key)


def button(url: str) -> dict:
    return {"type": "button", "action_id": "go", "text": {"type": "plain_text", "text": "Go"}, "url": url}


@pytest.mark.parametrize("url", SCRIPTS)
def test_links_and_buttons_keep_only_http_https_and_mailto(url: str):
    link = {"type": "link", "url": url, "text": "open"}
    shown = [
        render([{"type": "actions", "block_id": "a", "elements": [button(url)]}]),
        render([{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [link]}]}]),
        mrkdwn_to_html(f"<{url}|open>", lambda key: key),
    ]
    for html in shown:
        assert "href" not in html, html


@pytest.mark.parametrize("url", ["http://avatars.example/a.png", *SCRIPTS])
def test_images_load_over_https_only(url: str):
    image = {"type": "image", "image_url": url, "alt_text": "a face"}
    shown = render([image, {"type": "context", "elements": [image]}])
    assert "src=" not in shown and "[a face]" in shown


def test_safe_links_stay_links():
    shown = render([
        {"type": "actions", "block_id": "a", "elements": [button("https://calendar.example/e?x=1&y=2")]},
        {"type": "image", "image_url": "https://images.example/a.png", "alt_text": "a"},
    ])  # fmt: skip
    assert 'href="https://calendar.example/e?x=1&amp;y=2"' in shown
    assert 'src="https://images.example/a.png"' in shown
    assert 'href="mailto:pat@example.com"' in mrkdwn_to_html("<mailto:pat@example.com|Pat>", lambda key: key)


def api(url: str, method: str, token: str, headers: dict[str, str] | None = None) -> tuple[int, dict | str]:
    body = f"token={token}&channel=C0GENERAL&text=hello".encode()
    request = urllib.request.Request(url + method, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def test_the_fake_slack_answers_its_app_only():
    with FakeSlack() as fake, FakeSlack() as other:
        assert fake.bot_token != other.bot_token and fake.app_token != other.app_token
        assert api(fake.url, "auth.test", fake.bot_token)[1]["ok"] is True
        assert api(fake.url, "auth.test", other.bot_token)[1] == {"ok": False, "error": "invalid_auth"}
        # another site's page: by a name of its own that resolves to 127.0.0.1, or straight from the browser
        port = fake.url.split(":")[2].split("/")[0]
        assert api(fake.url, "chat.postMessage", fake.bot_token, {"Host": f"evil.example:{port}"})[0] == 403
        assert api(fake.url, "chat.postMessage", fake.bot_token, {"Origin": "http://evil.example"})[0] == 403
        assert fake.messages_in("C0GENERAL") == []
        assert len({fake.response_url() for _ in range(3)}) == 3
        key = fake.response_url().rsplit("/", 1)[1]
        assert len(key) >= 20 and not key.startswith("R0")  # not a counter another page could walk


def test_the_page_is_never_shown_in_a_frame_and_runs_only_its_own_script(page: Page):
    with urllib.request.urlopen(page.server.url + "/", timeout=10) as response:
        headers, body = response.headers, response.read().decode()
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"script-src 'nonce-([^']+)'", policy).group(1)
    assert f'<script nonce="{nonce}">' in body and body.count("<script") == 1
    with urllib.request.urlopen(page.server.url + "/", timeout=10) as again:
        assert nonce not in again.headers["Content-Security-Policy"]  # a new nonce for every page


def real_workspace_database(path: Path) -> None:
    """A database `rapport run` kept for a real workspace, with an ask still open."""
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with SqlUnitOfWork(make_session_factory(engine)) as uow:
            asked = datetime(2026, 1, 5, tzinfo=UTC)
            uow.asks.add("T0REALTEAM", "U0REAL", AskDraft("Who knows Kafka?"), "C0ASKS", asked)
            uow.commit()
    finally:
        engine.dispose()


def test_a_database_holding_another_workspace_is_refused_in_one_line(tmp_path: Path, capsys):
    db = tmp_path / "rapport.db"
    real_workspace_database(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    empty_env = tmp_path / "empty.env"
    empty_env.write_text("")
    assert main(["--env-file", str(empty_env), "sandbox", "--port", "0", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rapport sandbox: ") and err.count("\n") == 1 and "T0REALTEAM" in err
    with pytest.raises(Refused, match="T0REALTEAM"):
        Sandbox(people_count=4, db=db)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # nothing ran: the ask is still open


def test_only_a_new_file_or_the_sandbox_s_own_database_is_used(tmp_path: Path):
    assert foreign_database(tmp_path / "new.sqlite", TEAM_ID) is None
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert foreign_database(tmp_path / "empty.sqlite", TEAM_ID) is None
    (tmp_path / "notes.txt").write_text("not a database, but my notes\n" * 100)
    assert "not a SQLite database" in foreign_database(tmp_path / "notes.txt", TEAM_ID)
    assert "not a file" in foreign_database(tmp_path, TEAM_ID)
