"""Kudos: who may be thanked, for what, how often, and how the counts read."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.help.kudos import (
    DAILY_LIMIT,
    TEXT_LIMIT,
    KudosCounts,
    Recipient,
    Refusal,
    check_kudos,
    nudge_line,
    tidy,
    window_start,
)

BEN = Recipient("U01BEN", known=True)


def test_a_thank_you_to_a_person_with_words_may_go():
    assert check_kudos("U01AMARA", BEN, "fixed the build", 0) is None


def test_each_reason_to_refuse_is_named():
    assert check_kudos("U01AMARA", BEN, "  \n ", 0) is Refusal.NO_TEXT
    assert check_kudos("U01BEN", BEN, "me!", 0) is Refusal.SELF
    assert check_kudos("U01AMARA", Recipient("U03BOT", True, is_bot=True), "beep", 0) is Refusal.BOT
    assert check_kudos("U01AMARA", Recipient("U09GONE", True, deleted=True), "hi", 0) is Refusal.UNKNOWN
    assert check_kudos("U01AMARA", Recipient("U0NOBODY", known=False), "hi", 0) is Refusal.UNKNOWN


def test_the_daily_limit_counts_the_last_24_hours():
    assert check_kudos("U01AMARA", BEN, "thanks", DAILY_LIMIT - 1) is None
    assert check_kudos("U01AMARA", BEN, "thanks", DAILY_LIMIT) is Refusal.TOO_MANY
    now = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
    assert window_start(now) == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_text_is_one_line_and_clipped():
    assert tidy("  great\n\n pairing   session ") == "great pairing session"
    long = tidy("word " * 400)
    assert len(long) == TEXT_LIMIT and long.endswith("…")


def test_counts_read_naturally():
    assert KudosCounts(4, 6).describe() == "thanked 4 times · thanked others 6 times"
    assert KudosCounts(1, 0).describe() == "thanked once · thanked others 0 times"


def test_the_nudge_line_drops_the_greeting():
    draft = "Hi Ben, thanks for the chat about design systems! I really enjoyed it."
    assert nudge_line(draft) == "Thanks for the chat about design systems! I really enjoyed it."
    assert nudge_line("Great chat!") == "Great chat!"


def test_program_lines_count_kudos_and_offers():
    from bot.domain.help.figures import help_lines
    from bot.domain.help.kudos import KudosFigures
    from bot.domain.help.offers import OfferFigures

    lines = help_lines(KudosFigures(3, 2, 1), OfferFigures(made=4, current=3, people=2, booked=1))
    assert lines == [
        "Kudos: 3 given, by 1 person to 2 people",
        "Offers of help: 3 up now (4 made by 2 people) · 1 chat booked",
    ]
