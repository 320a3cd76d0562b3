"""When a member's held thank-you nudges can next go: the scheduler sleeps until then (bot/jobs.py)."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.followups import PendingNudge, fold_due_nudges, next_fold_at

ZONES = [
    "UTC",
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]
START = datetime(2026, 3, 1, tzinfo=UTC)  # a month with DST switches in both hemispheres' zones
QUARTER = timedelta(minutes=15)


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def pending(due_at: datetime) -> PendingNudge:
    return PendingNudge(meeting_id=1, other_user_id="U2", met_on=date(2026, 2, 27), due_at=due_at)


def test_a_nudge_held_because_one_went_today_goes_next_working_morning():
    friday_noon_london = datetime(2026, 6, 5, 11, 0, tzinfo=UTC)
    sent_this_morning = friday_noon_london - timedelta(hours=3)
    first = next_fold_at(
        [pending(friday_noon_london)], friday_noon_london, sent_this_morning, "Europe/London"
    )
    assert first == datetime(2026, 6, 8, 7, 0, tzinfo=UTC)  # Monday 08:00 London (BST)


def test_nothing_pending_is_never_due():
    assert next_fold_at([], START, None, "UTC") is None


@settings(max_examples=150, deadline=None)
@given(
    due=st.lists(st.integers(0, 8 * 24 * 60), min_size=1, max_size=3),
    now=st.integers(0, 8 * 24 * 60),
    sent_before=st.none() | st.integers(0, 3 * 24 * 60),
    timezone=st.sampled_from(ZONES),
)
def test_the_moment_given_is_the_first_quarter_hour_that_sends(
    due: list[int], now: int, sent_before: int | None, timezone: str
):
    nudges = [pending(at(minutes)) for minutes in due]
    last = None if sent_before is None else at(now) - timedelta(minutes=sent_before)
    first = next_fold_at(nudges, at(now), last, timezone)
    assert first is not None and first >= at(now)
    assert fold_due_nudges(nudges, first, last, timezone)
    moment = at(now)
    while moment < first:  # nothing is sent earlier: every zone's hours begin on a quarter hour
        assert not fold_due_nudges(nudges, moment, last, timezone), moment
        moment = (moment - timedelta(minutes=moment.minute % 15, seconds=moment.second)) + QUARTER
