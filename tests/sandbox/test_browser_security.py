"""Issue 24 in a real browser: a page on another site could post a `javascript:` link through the fake
Slack, and the sandbox page ran it when clicked."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.sandbox.people import LEAD_ID
from bot.sandbox.server import SandboxServer
from bot.sandbox.world import COFFEE
from tests.browser import WAIT_SECONDS, pytestmark, severe_logs  # noqa: F401  (pytest reads pytestmark)

PLANTED = [{"type": "actions", "block_id": "x", "elements": [
    {"type": "button", "action_id": "x", "text": {"type": "plain_text", "text": "Open the planted link"},
     "url": "javascript:document.title='pwned'"}]}]  # fmt: skip


def attacker_page(api_url: str, token: str) -> bytes:
    """Another site's page: it posts a message with a script link through the fake Slack, as the bot."""
    form = {"token": token, "channel": COFFEE, "text": "planted", "blocks": json.dumps(PLANTED)}
    return f"""<!doctype html><title>elsewhere</title><script>
fetch({json.dumps(api_url + "chat.postMessage")}, {{method: 'POST', mode: 'no-cors',
      body: new URLSearchParams({json.dumps(form)})}})
  .then(() => {{ document.title = 'tried'; }}, () => {{ document.title = 'tried'; }});
</script>""".encode()


@pytest.fixture
def elsewhere() -> Iterator[tuple[ThreadingHTTPServer, dict[str, bytes]]]:
    """A web server on another origin (another port), serving whatever page the test sets."""
    served: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served.get("page", b"")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, served
    finally:
        server.shutdown()
        server.server_close()


def test_another_site_cannot_plant_a_link_and_a_script_link_never_runs(browser, elsewhere):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as shows
    from selenium.webdriver.support.ui import WebDriverWait

    site, served = elsewhere
    server = SandboxServer.start(people=8, seed=1)
    try:
        fake = server.sandbox.fake
        wait = WebDriverWait(browser, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))
        # Even holding the bot's token, another site's page gets nothing into the fake Slack.
        served["page"] = attacker_page(fake.url, fake.bot_token)
        browser.get(f"http://127.0.0.1:{site.server_address[1]}/")
        wait.until(shows.title_is("tried"))
        assert not any(m.get("text") == "planted" for m in fake.messages_in(COFFEE))

        # A script link in a message (whatever put it there) is shown, but is not a link.
        with fake.state.lock:
            fake.state.messages[COFFEE].append(
                {"type": "message", "ts": fake.state.next_ts(), "bot_id": fake.workspace.bot_id,
                 "text": "planted", "blocks": PLANTED}
            )  # fmt: skip
        browser.get(f"{server.url}/?as={LEAD_ID}")
        wait.until(shows.element_to_be_clickable((By.XPATH, "//nav/a[contains(., '#coffee-chats')]"))).click()
        wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "main h2"), "#coffee-chats"))
        shown = "//main//*[@data-action-id or @href][contains(., 'Open the planted link')]"
        planted = wait.until(shows.element_to_be_clickable((By.XPATH, shown)))
        assert browser.find_elements(By.CSS_SELECTOR, '[href^="javascript"], [src^="javascript"]') == []
        planted.click()  # a button now: the page sends the click to Rapport and shows the panel again
        wait.until(shows.staleness_of(planted))
        box = wait.until(shows.element_to_be_clickable((By.CSS_SELECTOR, "#composer input")))
        box.send_keys("/coffee help", Keys.ENTER)  # the page still answers, and the title is its own
        wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "#panel"), "Rapport pairs"))
        assert browser.title == "Rapport sandbox"
        assert [e for e in severe_logs(browser) if "Content Security Policy" in e["message"]] == []
    finally:
        server.close()
