"""Hypothesis strategies for whatever a person can type into Slack."""

from __future__ import annotations

from hypothesis import strategies as st

# Pieces Slack really sends inside slash-command text and modal fields.
SLACK_PIECES = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U99UNKNOWN>",
    "<@U01AMARA>",
    "<@U01AMARA|amara>",
    "<@W0ENTERPRISE>",
    "<@UBOTRAPPORT>",
    "<@U03OTTERBOT>",
    "<@U03GONE>",
    "<#C0COFFEE|coffee>",
    "<https://evil.example|click>",
    "&amp;",
    "&lt;",
    "`",
    "*bold*",
    "me",
    "until",
    "2026-13-45",
    "2026-07-01",
    "99999999999999999999",
    "²",
    "٣",
    "weeks",
    "weekly",
    "monday",
    "25:99",
    "10:00",
    "\u0000",
    "\u202e",
    "\r\n",
    "\t",
    "🙂",
    "\U0001d518\U0001d52b\u0131",
    " ",
]

piece = st.one_of(st.sampled_from(SLACK_PIECES), st.text(max_size=20))
# Mostly short, sometimes up to ~4,000 characters (Slack's slash-command text limit).
short_text = st.lists(piece, max_size=8).map(" ".join)
long_text = st.tuples(st.text(min_size=1, max_size=40), st.integers(1, 400)).map(
    lambda t: (t[0] * t[1])[:4000]
)
slack_text = st.one_of(short_text, short_text, short_text, long_text)
