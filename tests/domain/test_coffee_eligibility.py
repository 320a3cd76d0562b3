from datetime import UTC, date, datetime, timedelta

from bot.domain.coffee.eligibility import (
    SILENT_ROUNDS_BEFORE_ASKING,
    Decision,
    decide,
    silent_rounds_after,
    time_to_ask_whether_to_stay,
)
from bot.domain.coffee.model import Frequency, Participation, ParticipationStatus

TODAY = date(2026, 6, 8)
SLOT = datetime(2026, 6, 8, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def member(**changes) -> Participation:
    return Participation(pool_id=1, user_id="U1", **changes)


def test_an_active_member_with_the_pools_defaults_takes_part():
    assert decide(member(), Frequency.WEEKLY, TODAY, SLOT - WEEK, SLOT) == Decision(True)


def test_a_member_who_left_does_not_take_part():
    decision = decide(member(status=ParticipationStatus.LEFT), Frequency.WEEKLY, TODAY, None, SLOT)
    assert not decision.takes_part
    assert decision.reason == "You've left coffee chats in this channel."


def test_a_paused_member_is_told_until_when():
    decision = decide(member(paused_until=date(2026, 7, 14)), Frequency.WEEKLY, TODAY, None, SLOT)
    assert decision == Decision(False, "You're paused until 14 July.")


def test_a_pause_into_next_year_names_the_year():
    decision = decide(member(paused_until=date(2027, 1, 4)), Frequency.WEEKLY, TODAY, None, SLOT)
    assert decision.reason == "You're paused until 4 January 2027."


def test_pause_ends_by_itself():
    assert decide(member(paused_until=TODAY), Frequency.WEEKLY, TODAY, None, SLOT).takes_part
    assert decide(member(paused_until=TODAY - WEEK), Frequency.WEEKLY, TODAY, None, SLOT).takes_part


def test_skipping_the_next_round_sits_out_this_one_and_is_used_up():
    decision = decide(member(skip_next=True), Frequency.WEEKLY, TODAY, None, SLOT)
    assert decision == Decision(False, "You asked to skip this round.", consumes_skip=True)


def test_a_skip_is_kept_while_paused():
    decision = decide(member(skip_next=True, paused_until=TODAY + WEEK), Frequency.WEEKLY, TODAY, None, SLOT)
    assert not decision.takes_part
    assert not decision.consumes_skip


def test_a_fortnightly_member_sits_out_every_other_weekly_round():
    fortnightly = member(frequency=Frequency.BIWEEKLY)
    resting = decide(fortnightly, Frequency.WEEKLY, TODAY, SLOT - WEEK, SLOT)
    assert resting == Decision(False, "You meet every two weeks, so you're sitting this round out.")
    assert decide(fortnightly, Frequency.WEEKLY, TODAY, SLOT - 2 * WEEK, SLOT).takes_part


def test_a_rest_round_tolerates_the_hour_a_dst_change_moves_the_slot():
    fortnightly = member(frequency=Frequency.BIWEEKLY)
    assert decide(fortnightly, Frequency.WEEKLY, TODAY, SLOT - 2 * WEEK + timedelta(hours=1), SLOT).takes_part


def test_a_monthly_member_joins_one_weekly_round_in_four():
    monthly = member(frequency=Frequency.MONTHLY)
    weeks_since = (1, 2, 3, 4)
    taking_part = [
        decide(monthly, Frequency.WEEKLY, TODAY, SLOT - n * WEEK, SLOT).takes_part for n in weeks_since
    ]
    assert taking_part == [False, False, False, True]


def test_a_slower_member_who_was_never_grouped_takes_part():
    assert decide(member(frequency=Frequency.MONTHLY), Frequency.WEEKLY, TODAY, None, SLOT).takes_part


def test_a_faster_personal_frequency_than_the_pools_changes_nothing():
    weekly = member(frequency=Frequency.WEEKLY)
    assert decide(weekly, Frequency.BIWEEKLY, TODAY, SLOT - 2 * WEEK, SLOT).takes_part


def test_a_skip_is_not_spent_on_a_rest_round():
    decision = decide(
        member(frequency=Frequency.BIWEEKLY, skip_next=True), Frequency.WEEKLY, TODAY, SLOT - WEEK, SLOT
    )
    assert not decision.takes_part
    assert not decision.consumes_skip


def test_an_answer_resets_the_silent_streak_and_silence_extends_it():
    assert silent_rounds_after(2, answered=True) == 0
    assert silent_rounds_after(2, answered=False) == 3
    assert silent_rounds_after(0, answered=False) == 1


def test_a_silent_member_is_asked_once_per_streak_when_it_reaches_three():
    streak, asked = 0, []
    for _ in range(6):
        streak = silent_rounds_after(streak, answered=False)
        asked.append(time_to_ask_whether_to_stay(streak))
    assert asked == [False, False, True, False, False, False]
    assert SILENT_ROUNDS_BEFORE_ASKING == 3
