"""Slack's mrkdwn as the client shows it; nothing typed becomes markup."""

from __future__ import annotations

import pytest

from bot.sandbox.mrkdwn import mrkdwn_to_html

NAMES = {"U01AMARA": "Amara", "C0COFFEE": "coffee-chats"}


def show(text: str) -> str:
    return mrkdwn_to_html(text, lambda key: NAMES.get(key, key))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("*bold* _it_ ~gone~", "<b>bold</b> <i>it</i> <s>gone</s>"),
        ("a*b*c and snake_case_name", "a*b*c and snake_case_name"),
        ("`*not bold*`", "<code>*not bold*</code>"),
        ("hi <@U01AMARA>!", 'hi <span class="mention">@Amara</span>!'),
        ("in <#C0COFFEE>", 'in <span class="mention">#coffee-chats</span>'),
        ("<#C0COFFEE|general>", '<span class="mention">#general</span>'),
        ("<!here> look", '<span class="mention">@here</span> look'),
        ("*<@U01AMARA> organises:* go", '<b><span class="mention">@Amara</span> organises:</b> go'),
        ("<https://example.com/a?b=1&c=2|the page>", '<a href="https://example.com/a?b=1&amp;c=2" '
         'rel="noopener noreferrer">the page</a>'),
        (":wave: :not_an_emoji:", "👋 :not_an_emoji:"),
        ("one\ntwo", "one<br>two"),
        ("> quoted\nafter", "<blockquote>quoted</blockquote><br>after"),
        ("```x = *1*\n<b>```", "<pre>x = *1*\n&lt;b&gt;</pre>"),
    ],
)  # fmt: skip
def test_formatting_as_slack_shows_it(text, shown):
    assert show(text) == shown


def test_what_a_member_typed_never_becomes_markup():
    typed = '&lt;script&gt;alert(1)&lt;/script&gt; <javascript:alert(1)|click> " onload=x'
    shown = show(typed)
    assert "<script" not in shown and "javascript:" not in shown.split("&lt;javascript")[0]
    assert "<a " not in shown  # only http(s) and mailto links are links
    assert "&lt;script&gt;" in shown


def test_a_link_label_cannot_break_out_of_its_attribute():
    shown = show('<https://example.com/"onmouseover="x|label>')
    assert '"onmouseover' not in shown


def test_event_times_are_text_in_the_reader_s_zone_not_mentions():
    from datetime import UTC, datetime

    from bot.sandbox.reader import Reader

    starts = int(datetime(2026, 12, 8, 17, 0, tzinfo=UTC).timestamp())
    token = f"<!date^{starts}^{{date_long_pretty}} at {{time}}|Tue 08 Dec 2026 17:00 UTC>"
    now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    assert mrkdwn_to_html(token, Reader(str, zone="America/New_York", now=now)) == "tomorrow at 12:00 PM"
    assert mrkdwn_to_html(token, Reader(str, zone="Asia/Kolkata", now=now)) == "tomorrow at 10:30 PM"
    later = datetime(2026, 12, 1, tzinfo=UTC)
    assert mrkdwn_to_html(token, Reader(str, now=later)) == "Tuesday, December 8th, 2026 at 5:00 PM"
    short = f"<!date^{starts}^{{date_short}} {{date_num}}^https://calendar.example/e|x>"
    assert mrkdwn_to_html(short, Reader(str)) == (
        '<a href="https://calendar.example/e" rel="noopener noreferrer">Dec 8, 2026 2026-12-08</a>'
    )
    assert mrkdwn_to_html("<!date^soon^{date}|next Tuesday>", Reader(str)) == "next Tuesday"
    assert "mention" not in mrkdwn_to_html(token, Reader(str))
