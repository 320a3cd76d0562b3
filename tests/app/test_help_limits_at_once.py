"""Limits hold when a member's requests arrive at the same moment: each is counted while the member's hold
row is locked, so on PostgreSQL (which locks rows, and cannot lock a row not yet inserted) no request slips
past the count of another still in flight. `database_url` runs each on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.help.kudos import DAILY_LIMIT
from bot.domain.help.offers import PER_PERSON
from tests.app.concurrency import at_once
from tests.app.conftest import RunningApp

AMARA, BEN = "U01AMARA", "U01BEN"
ASKS = "C0GENERAL"
WAIT = 60.0  # seconds for every answer to arrive: a condition, checked as each call lands


def answers_at_once(app: RunningApp, command: str, texts: list[str], user_id: str = AMARA) -> list[str]:
    """Send `command` with each text at once; every private answer (acknowledgement or response_url)."""
    before = len(app.fake.calls_to("response_url"))
    replies = at_once(len(texts), lambda i: app.slack.command(command, texts[i], user_id=user_id))
    assert all(reply.status == 200 for reply in replies)
    acknowledged = [reply.body for reply in replies if reply.body]
    later = app.fake.wait_for("response_url", count=before + len(texts) - len(acknowledged), timeout=WAIT)
    return acknowledged + [call.args.get("text", "") for call in later[before:]]


def test_thirty_kudos_at_once_store_twenty(running_app: RunningApp):
    app = running_app
    texts = [f"<@{BEN}|ben> thanks #{i}" for i in range(30)]
    answers = answers_at_once(app, "/kudos", texts)
    with app.runtime.unit_of_work() as work:
        given = work.kudos.counts(app.fake.workspace.team_id, AMARA).given
    assert given == DAILY_LIMIT
    assert sum("as a DM" in answer for answer in answers) == DAILY_LIMIT
    refused = [answer for answer in answers if f"{DAILY_LIMIT} kudos in the last 24 hours" in answer]
    assert len(refused) == 30 - DAILY_LIMIT
    assert len(app.fake.messages_to(BEN)) == DAILY_LIMIT


def test_twelve_offers_at_once_keep_five(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS)
    answers = answers_at_once(app, "/offer", [f"topic number {i}" for i in range(12)])
    with app.runtime.unit_of_work() as work:
        kept = work.offers.current(app.fake.workspace.team_id, AMARA)
    assert len(kept) == PER_PERSON
    assert sum("offers up already" in answer for answer in answers) == 12 - PER_PERSON
    posted = [m for m in app.fake.messages_in(ASKS) if "offer" in m.get("text", "")]
    assert len(posted) == PER_PERSON


def test_asks_at_once_stay_within_the_open_limit(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_ASKS_CHANNEL=ASKS, RAPPORT_ASKS_OPEN_LIMIT="3")
    answers = answers_at_once(app, "/ask", [f"How do I do thing number {i}?" for i in range(10)])
    with app.runtime.unit_of_work() as work:
        stored = work.asks.records(app.fake.workspace.team_id)
    assert len(stored) == 3
    assert sum("Your ask is posted" in answer for answer in answers) == 3
    assert sum("asks open already" in answer for answer in answers) == 7
