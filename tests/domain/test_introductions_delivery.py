"""When a refused consent request is abandoned, and the pair key behind one pending introduction per pair."""

from __future__ import annotations

from bot.domain.introductions import MAX_SEND_ATTEMPTS, gives_up, pair_key


def test_the_pair_key_ignores_order() -> None:
    assert pair_key("U2", "U1") == pair_key("U1", "U2") == "U1:U2"


def test_passing_failures_are_retried_until_the_last_attempt() -> None:
    assert not gives_up("ratelimited", 1)
    assert not gives_up("internal_error", MAX_SEND_ATTEMPTS - 1)
    assert gives_up("internal_error", MAX_SEND_ATTEMPTS)


def test_failures_no_retry_can_fix_give_up_at_once() -> None:
    for code in ("cannot_dm_bot", "user_disabled", "account_inactive", "user_not_found"):
        assert gives_up(code, 1), code
