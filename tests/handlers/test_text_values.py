"""Button values used as Slack IDs are checked in one place (handlers/text.py)."""

from __future__ import annotations

import pytest

from handlers.text import channel_id_value, message_ts_value, user_id_value


@pytest.mark.parametrize("value", ["U01AMARA", "W0ENTERPRISE", "U12"])
def test_user_ids_pass(value: str) -> None:
    assert user_id_value(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        42,
        ["U01AMARA"],
        "C0GENERAL",  # a channel is not a person: a nudge must never be posted there
        "D0DM",
        "U1",
        "u01amara",
        "U01AMARA,U02KAVYA",  # two people joined into conversations.open(users=…)
        "U01AMARA ",
        "U01AMARA\n",
        "<@U01AMARA>",
        "U" + "A" * 40,
    ],
)
def test_anything_else_is_not_a_user_id(value: object) -> None:
    assert user_id_value(value) is None


def test_channel_ids_and_timestamps() -> None:
    assert channel_id_value("C0GENERAL") == "C0GENERAL" and channel_id_value("D024BE91L") == "D024BE91L"
    assert channel_id_value("U01AMARA") is None and channel_id_value("C0GENERAL|1.2") is None
    assert message_ts_value("1712345678.000100") == "1712345678.000100"
    assert message_ts_value("1712345678") is None and message_ts_value("1.2.3") is None
    assert message_ts_value("../../x") is None


def test_named_mentions_are_stored_without_names_and_shown_live_but_never_at_channel():
    from handlers.text import escape, with_links, without_names

    typed = "thanks <@U02LIAM|liam> in <#C0COFFEE|coffee> <!channel> <https://x.example|click>"
    stored = without_names(typed)
    assert stored == "thanks <@U02LIAM> in <#C0COFFEE> <!channel> <https://x.example|click>"
    shown = with_links(escape(stored))
    assert shown.startswith("thanks <@U02LIAM> in <#C0COFFEE> &lt;!channel&gt; &lt;https://")
