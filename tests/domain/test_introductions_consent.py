"""The rules of warm introductions: who must agree, the outcome, expiry, limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.domain.introductions import (
    DAILY_LIMIT,
    REASON_LIMIT,
    Answer,
    Introducee,
    Introduction,
    Outcome,
    Refusal,
    clean_reason,
    initial_answers,
    is_expired,
    may_nudge,
    outcome_of,
    refusal,
)
from handlers.text import safe

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
BOT = "UBOT"


def person(user_id: str, **facts: bool) -> Introducee:
    return Introducee(user_id, found=True, **facts)


def intro(**changes) -> Introduction:
    return replace(Introduction(1, "T1", "UCALLER", "UA", "UB", "why", NOW), **changes)


def check(a: Introducee, b: Introducee, pending: bool = False, today: int = 0, proposer: str = "UCALLER"):
    return refusal(proposer, (a, b), BOT, pending, today)


def test_a_fine_proposal_is_not_refused():
    assert check(person("UA"), person("UB")) is None


def test_self_bot_deactivated_and_missing_people_are_refused():
    assert check(person("UA"), person("UA")) is Refusal.SAME_PERSON
    assert check(person("UA"), person("UX", is_bot=True)) is Refusal.BOT
    assert check(person("UA"), person(BOT)) is Refusal.BOT
    assert check(person("UA"), person("UX", deleted=True)) is Refusal.DEACTIVATED
    assert check(person("UA"), Introducee("UX", found=False)) is Refusal.NOT_IN_WORKSPACE


def test_a_pending_pair_and_the_daily_limit_are_refused():
    assert check(person("UA"), person("UB"), pending=True) is Refusal.ALREADY_PENDING
    assert check(person("UA"), person("UB"), today=DAILY_LIMIT - 1) is None
    assert check(person("UA"), person("UB"), today=DAILY_LIMIT) is Refusal.DAILY_LIMIT


def test_asking_for_yourself_needs_only_the_other_side():
    assert initial_answers("UA", "UA", "UB") == (Answer.ACCEPTED, None)
    assert intro(proposer="UA").consenting == ("UB",)
    assert intro().consenting == ("UA", "UB")


def test_one_no_declines_and_two_yeses_introduce():
    assert outcome_of(intro(a_answer=Answer.ACCEPTED)) is Outcome.PENDING
    assert outcome_of(intro(a_answer=Answer.ACCEPTED, b_answer=Answer.DECLINED)) is Outcome.DECLINED
    assert outcome_of(intro(b_answer=Answer.DECLINED)) is Outcome.DECLINED
    assert outcome_of(intro(a_answer=Answer.ACCEPTED, b_answer=Answer.ACCEPTED)) is Outcome.INTRODUCED


def test_an_unanswered_introduction_expires_after_seven_days():
    assert not is_expired(intro(), NOW + timedelta(days=7) - timedelta(seconds=1))
    assert is_expired(intro(), NOW + timedelta(days=7))
    assert not is_expired(intro(outcome=Outcome.DECLINED), NOW + timedelta(days=30))


def test_one_nudge_a_week():
    assert may_nudge(None, NOW)
    assert not may_nudge(NOW, NOW + timedelta(days=6))
    assert may_nudge(NOW, NOW + timedelta(days=7))


def test_a_long_reason_is_cut_and_user_text_is_escaped_within_the_limit():
    assert len(clean_reason("word " * 300)) == REASON_LIMIT
    cut = safe("<!channel> & " * 100, 50)
    assert len(cut) <= 50 and cut.endswith("…") and "<" not in cut
    assert not cut[:-1].endswith(("&", "&l", "&lt", "&am", "&amp"))
