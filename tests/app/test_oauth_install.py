"""OAuth mode: a workspace installs Rapport through /slack/install, and its requests are then served."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from sqlalchemy import func, select

from storage.slack_tables import oauth_states_table
from tests.app.coffee_helpers import tick


def http_get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_a_workspace_installs_rapport_and_its_commands_are_then_served(start_app, fake_slack):
    app = start_app(
        SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=fake_slack.client_id, SLACK_CLIENT_SECRET=fake_slack.client_secret
    )
    before = app.slack.command("/coffee", text="help", user_id="U01AMARA", channel_id="C0COFFEE")
    assert "/coffee help" not in before.body  # not installed yet: Bolt finds no token to answer with

    status, headers, page = http_get(app.url + "/slack/install")
    assert status == 200
    authorize = re.search(r'href="([^"]+/oauth/v2/authorize\?[^"]+)"', page)
    assert authorize, page
    assert authorize.group(1).startswith(fake_slack.root_url)
    assert "chat%3Awrite" in authorize.group(1) or "chat:write" in authorize.group(1)
    state = re.search(r"state=([^&\"]+)", authorize.group(1)).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]

    code = fake_slack.oauth_code(user_id=fake_slack.workspace.admin_id)
    status, _, page = http_get(f"{app.url}/slack/oauth_redirect?code={code}&state={state}", cookie=cookie)
    assert status == 200, page
    assert fake_slack.calls_to("oauth.v2.access")

    after = app.slack.command("/coffee", text="help", user_id="U01AMARA", channel_id="C0COFFEE")
    assert after.status == 200
    assert "/coffee help" in after.body


def test_a_forged_state_is_refused(start_app, fake_slack):
    app = start_app(
        SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=fake_slack.client_id, SLACK_CLIENT_SECRET=fake_slack.client_secret
    )
    code = fake_slack.oauth_code()
    status, _, _ = http_get(
        f"{app.url}/slack/oauth_redirect?code={code}&state=forged", cookie="slack-app-oauth-state=forged"
    )
    assert status >= 400
    assert fake_slack.calls_to("oauth.v2.access") == []


def test_anonymous_install_visits_leave_no_state_behind_once_expired(start_app, fake_slack):
    app = start_app(
        SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=fake_slack.client_id, SLACK_CLIENT_SECRET=fake_slack.client_secret
    )
    for _ in range(20):
        assert http_get(app.url + "/slack/install")[0] == 200
    assert stored_states(app) == 20
    assert tick(app)["expired OAuth states pruned"] == 0  # still usable for ten minutes
    app.clock.advance(minutes=11)
    assert tick(app)["expired OAuth states pruned"] == 20
    assert stored_states(app) == 0


def test_a_state_used_after_it_expired_is_refused(start_app, fake_slack):
    app = start_app(
        SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=fake_slack.client_id, SLACK_CLIENT_SECRET=fake_slack.client_secret
    )
    status, headers, page = http_get(app.url + "/slack/install")
    state = re.search(r"state=([^&\"]+)", page).group(1)
    app.clock.advance(minutes=11)
    code = fake_slack.oauth_code(user_id=fake_slack.workspace.admin_id)
    cookie = headers["Set-Cookie"].split(";")[0]
    status, _, _ = http_get(f"{app.url}/slack/oauth_redirect?code={code}&state={state}", cookie=cookie)
    assert status >= 400
    assert fake_slack.calls_to("oauth.v2.access") == []


def stored_states(app) -> int:
    with app.runtime.unit_of_work() as work:
        return work.session.execute(select(func.count()).select_from(oauth_states_table)).scalar_one()
