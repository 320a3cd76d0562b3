"""Typed @names and #channels become the mentions Slack's client sends (commands' should_escape)."""

from __future__ import annotations

import pytest

from bot.sandbox.typing_names import Person, slack_text

PEOPLE = [
    Person("U01BRUNO", "bruno.rossi", ("Bruno Rossi", "Bruno")),
    Person("U02BRUNO", "bruno.kim", ("Bruno Kim", "Bruno")),
    Person("U03AMARA", "amara", ("Amara Okafor", "Amara")),
]
CHANNELS = [("C0GENERAL", "general"), ("C0COFFEE", "coffee-chats")]


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("@Bruno Rossi @amara why", "<@U01BRUNO|bruno.rossi> <@U03AMARA|amara> why"),
        ("@bruno rossi, hi", "<@U01BRUNO|bruno.rossi>, hi"),
        ("@bruno.kim", "<@U02BRUNO|bruno.kim>"),
        ("#general and #coffee-chats!", "<#C0GENERAL|general> and <#C0COFFEE|coffee-chats>!"),
        ("@Bruno hi", "@Bruno hi"),  # two Brunos: Slack would have asked which
        ("@Bruno Rossiya", "@Bruno Rossiya"),  # not a whole name
        ("mail me at a@amara.example", "mail me at a@amara.example"),
        ("#gen, @nobody", "#gen, @nobody"),
    ],
)  # fmt: skip
def test_names_become_mentions_as_slack_sends_them(typed: str, sent: str):
    assert slack_text(typed, PEOPLE, CHANNELS) == sent
