""" "Still in?" over HTTP against the fake Slack: posted in the member's IM with metadata naming the pool and
the close, so a resumed send finds it there (and only that one) instead of asking twice."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.sandbox.fakeslack import FakeSlack
from bot.slack.coffee import SlackCoffeeMessenger


def test_a_question_posted_in_the_dm_is_found_by_its_pool_and_close():
    with FakeSlack() as fake:
        member = fake.workspace.colleagues[0]
        slack = SlackCoffeeMessenger(WebClient(token=fake.bot_token, base_url=fake.url))
        dm = slack.open_direct(member)
        assert slack.find_stay_question(dm, 3, 17) is None

        ts = slack.ask_to_stay(dm, 3, "C0COFFEE", 17)

        assert slack.open_direct(member) == dm == fake.dm_channel(member)
        assert slack.find_stay_question(dm, 3, 17) == ts
        assert slack.find_stay_question(dm, 3, 18) is None  # another close's question is another message
        assert slack.find_stay_question(dm, 4, 17) is None
        [message] = fake.messages_to(member)
        assert message["text"] == "Still up for coffee chats?" and message["blocks"]
