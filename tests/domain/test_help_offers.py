"""Offers: what may be offered, how many at once, and finding them by topic."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.help.offers import (
    DAILY_CHANGES,
    PER_PERSON,
    TEXT_LIMIT,
    Offer,
    booking_ref,
    check_offer,
    matching,
    offer_number,
    removal_limit_text,
)

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def offer(offer_id: int, text: str) -> Offer:
    return Offer(offer_id, "T1", "U01BEN", text, NOW)


def test_an_offer_is_one_tidy_line():
    assert check_offer("  résumé\n reviews ", 0) == ("résumé reviews", None)


def test_empty_long_and_one_too_many_are_refused_with_the_way_out():
    assert "Say what you can help with" in (check_offer(" ", 0)[1] or "")
    assert f"under {TEXT_LIMIT}" in (check_offer("x" * (TEXT_LIMIT + 1), 0)[1] or "")
    assert check_offer("x" * TEXT_LIMIT, 0)[1] is None
    line, why = check_offer("SQL office hours", PER_PERSON)
    assert line is None and "/offer remove" in (why or "")


def test_a_day_of_adds_is_limited_after_the_offers_up_at_once():
    assert check_offer("SQL office hours", 1, added_today=DAILY_CHANGES - 1) == ("SQL office hours", None)
    line, why = check_offer("SQL office hours", 1, added_today=3, daily_limit=3)
    assert (
        line is None
        and why == "You've added 3 offers in the last 24 hours, the most for a day: try tomorrow."
    )
    assert removal_limit_text(1).startswith("You've taken down 1 offer in the last 24 hours")


def test_topics_match_word_starts_like_intro_mentors():
    offers = [offer(1, "SQL office hours"), offer(2, "Résumé reviews"), offer(3, "How our ML pipeline works")]
    assert [o.id for o in matching(offers, "sql")] == [1]
    assert [o.id for o in matching(offers, "résumé")] == [2]
    assert [o.id for o in matching(offers, "ml pipe")] == [3]
    assert [o.id for o in matching(offers, "")] == [1, 2, 3]
    assert matching(offers, "python") == []


def test_offer_numbers_and_booking_refs():
    assert offer_number("3") == 3 and offer_number("#12") == 12
    assert offer_number("0") is None and offer_number("three") is None and offer_number("9" * 12) is None
    assert booking_ref(3, "U01AMARA") == "offer:3:U01AMARA"
