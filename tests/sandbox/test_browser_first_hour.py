"""Issue 25, "The first hour", in a real browser: what a program lead sees first must behave as Slack does.

Text reads as sentences (inline code, mentions and links stay in the line), event times are times in the
reader's zone, checkboxes are checkboxes, a modal's errors sit beneath their fields and a reload closes
it; buttons in answers only you see work; typed @names and #channels become mentions, with suggestions;
pickers offer names; the seeded workspace finds mentors, helpers and offers on the first try.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people.person import Role
from bot.sandbox.people import LEAD_ID
from bot.sandbox.server import SandboxServer
from tests.browser import pytestmark, severe_logs  # noqa: F401  (pytest reads pytestmark)
from tests.sandbox.browsing import Visitor

NOT_INLINE = """return [...document.querySelectorAll(
    '#panel .messages code, #panel .messages .mention, #panel .messages .text a')]
  .filter(e => getComputedStyle(e).display !== 'inline').map(e => e.textContent);"""


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    running = SandboxServer.start(people=12, seed=1)
    try:
        yield running
        assert running.sandbox.fake.violations == []
    finally:
        running.close()


def first(server: SandboxServer, role: Role) -> str:
    return next(p.id for p in server.sandbox.people if p.role is role)


def test_help_texts_read_as_sentences(browser, server: SandboxServer):
    me = Visitor(browser, server.url)
    me.be(first(server, Role.INTERN))
    me.open("#coffee-chats")  # the pool announcement is text only, with code in it
    me.command("/intro help", "finds a mentor")
    me.command("/event help", "shows what's coming up")
    me.command("/coffee history", "next one")
    assert len(me.script("return document.querySelectorAll('#panel .messages code')")) >= 8
    assert me.script(NOT_INLINE) == []  # a flex row would make each a column of its own
    assert severe_logs(browser) == []


def test_an_event_from_the_form_to_going(browser, server: SandboxServer):
    """The /event modal: an error beneath its field, a real checkbox, a channel picked by name; the
    announcement shows the time in each reader's zone; Going works in /event list's private answer."""
    by = Visitor.by()
    lead = Visitor(browser, server.url)
    lead.be(LEAD_ID)
    lead.open("#coffee-chats")
    lead.type("/event")
    lead.dialog()
    lead.script("location.reload()")  # Slack closes an open modal when its client reloads
    lead.wait.until(lambda d: d.find_elements(by.CSS_SELECTOR, "#panel") and not d.find_elements(
        by.CSS_SELECTOR, '[role="dialog"]'))  # fmt: skip
    lead.type("/event")
    lead.dialog().find_element(by.CSS_SELECTOR, "[data-submit]").click()
    lead.sees("Give the event a title.", '[data-block-id="title"] .field-error')
    assert lead.dialog().find_element(by.CSS_SELECTOR, ".errors").text == ""
    lead.field("title").send_keys("Intern mixer")
    mix = lead.field("mix", 'input[type="checkbox"]')
    mix.click()
    assert mix.is_selected()
    picker = lead.field("channel", "select")
    assert "#asks" in picker.text and "C0" not in picker.text  # names, never IDs
    from selenium.webdriver.support.ui import Select

    Select(picker).select_by_visible_text("#asks")
    lead.dialog().find_element(by.CSS_SELECTOR, "[data-submit]").click()
    lead.wait.until(lambda d: not d.find_elements(by.CSS_SELECTOR, '[role="dialog"]'))
    with server.sandbox.runtime.unit_of_work() as work:
        event = work.events.upcoming(server.sandbox.workspace.team_id, server.sandbox.clock())[0]
    assert event.mix and event.channel_id == "C0ASKS"

    intern = server.sandbox.workspace.users[first(server, Role.INTERN)]
    me = Visitor(browser, server.url)
    me.be(intern.id)
    me.open("#asks")
    local = event.starts_at.astimezone(ZoneInfo(intern.tz))
    today = server.sandbox.clock().astimezone(ZoneInfo(intern.tz)).date()
    day = {0: "today", 1: "tomorrow"}.get((local.date() - today).days, f"{local:%A}")
    shown = f"{day} at {local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    me.sees(shown)
    mentions = me.script("return [...document.querySelectorAll('#panel .mention')].map(e => e.textContent)")
    assert not [m for m in mentions if "date" in m]
    me.open("#coffee-chats")
    me.command("/event list", "Intern mixer")
    me.press("Going", "You're going to")
    with server.sandbox.runtime.unit_of_work() as work:
        assert intern.id in work.events.roll(event.id).going
    assert severe_logs(browser) == []


def test_typed_names_mentors_offers_and_asks(browser, server: SandboxServer):
    by = Visitor.by()
    sandbox = server.sandbox
    intern = first(server, Role.INTERN)
    other = sandbox.workspace.users[next(p.id for p in sandbox.people if p.role is Role.COLLEAGUE)]
    me = Visitor(browser, server.url)
    me.be(intern)
    me.open("#coffee-chats")

    # @ offers people by name; Tab writes the name out; Slack's client sends the mention
    box = me.type("/intro @" + other.real_name[:3], enter=False)
    me.sees(other.real_name, "#suggest")
    from selenium.webdriver.common.keys import Keys

    box.send_keys(Keys.TAB)
    assert box.get_attribute("value") == f"/intro @{other.real_name} "
    box.send_keys(Keys.ENTER)
    with sandbox.runtime.unit_of_work() as work:
        pitch = work.profiles.get(sandbox.workspace.team_id, other.id).pitch
    me.sees(pitch)  # their profile card, found by the mention Rapport was sent
    assert not browser.find_elements(by.CSS_SELECTOR, "#suggest:not([hidden])")

    # the seeded workspace: a mentor found at once, asked in one click; an offer booked; helpers asked
    me.command("/intro mentors career", "Ask for an introduction")
    me.press("Ask for an introduction", "If everyone agrees")
    me.command("/offer list", "Book a chat")
    me.press("Book a chat", "I opened a group DM")
    me.command("/ask how do I write a good sql query", "Your ask is posted in")
    me.sees("whose profile matches it")
    me.command(f"/kudos @{other.real_name} thanks for the code review", "Your thank-you to")
    me.sees("is posted in #kudos")
    assert severe_logs(browser) == []


def test_the_clock_answers_a_move_over_a_year_in_one_line(browser, server: SandboxServer):
    me = Visitor(browser, server.url)
    me.be(LEAD_ID)
    before = server.sandbox.clock()
    box = me.wait.until(lambda d: d.find_element(Visitor.by().CSS_SELECTOR, "#move input"))
    from selenium.webdriver.common.keys import Keys

    box.send_keys("+53 weeks", Keys.ENTER)
    me.sees("at most a year", "#note")
    assert server.sandbox.clock() == before and isinstance(before, datetime)
