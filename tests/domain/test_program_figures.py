"""Program figures and the attention list, from facts."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.cli.progress import Progress, working
from bot.domain.coffee.model import Frequency
from bot.domain.program.digest import candidate_week, digest_due
from bot.domain.program.figures import (
    GroupFact,
    InternFact,
    MeetingFact,
    NudgeFact,
    ProgramFacts,
    attention_list,
    network_numbers,
    pace_of,
    program_stats,
    round_rates,
)
from bot.domain.program.report import Style, headline, report
from bot.domain.spreadsheet import csv_lines
from handlers.home.blocks import fit

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
WEEKLY_QUIET = "met nobody for 2 weekly rounds (14 days)"
MISSED = "last 2 coffee groups did not meet"


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def group(
    gid: int, members: tuple[str, ...], answer: str | None, when: int, closed: bool = True
) -> GroupFact:
    return GroupFact(gid, "C0COFFEE", days_ago(when), members, answer, round_closed=closed)


def seeded_history() -> tuple[list[InternFact], list[GroupFact], list[MeetingFact]]:
    """Six interns: two isolated in different ways, one new, three fine."""
    interns = [InternFact(u) for u in ("U1ACTIVE", "U2QUIET", "U3MISSES", "U4FINE", "U5ROOKIE", "U6LATE")]
    interns[2] = InternFact("U3MISSES", pace=Frequency.BIWEEKLY)
    interns[4] = InternFact("U5ROOKIE", internship_start=(NOW - timedelta(days=5)).date())
    groups = [
        # U3MISSES: two finished groups in a row without a meeting, and their last meeting 16 days ago
        group(1, ("U3MISSES", "U9COL"), "met", 35),
        group(2, ("U3MISSES", "U8COL"), "not_this_time", 21),
        group(3, ("U3MISSES", "U7COL"), "scheduled", 7),
        # U4FINE: missed twice, then met: not two in a row
        group(4, ("U4FINE", "U9COL"), None, 21),
        group(5, ("U4FINE", "U8COL"), "not_this_time", 14),
        group(6, ("U4FINE", "U7COL"), "met", 7),
        # U6LATE: two misses, but they met someone 10 days ago (and the open round is not finished)
        group(7, ("U6LATE", "U9COL"), None, 21),
        group(8, ("U6LATE", "U8COL"), None, 14),
        group(9, ("U6LATE", "U7COL"), None, 1, closed=False),
    ]
    meetings = [
        MeetingFact(("U1ACTIVE", "U9COL"), days_ago(3)),
        MeetingFact(("U2QUIET", "U9COL"), days_ago(20)),  # last met 20 days ago
        MeetingFact(("U3MISSES", "U1ACTIVE"), days_ago(16)),
        MeetingFact(("U4FINE", "U7COL"), days_ago(6)),
        MeetingFact(("U6LATE", "U7COL"), days_ago(10)),
    ]
    return interns, groups, meetings


def test_the_attention_list_names_exactly_the_isolated_interns():
    interns, groups, meetings = seeded_history()
    found = {a.user_id: a.reasons for a in attention_list(interns, groups, meetings, NOW)}
    assert found == {
        "U2QUIET": ("met nobody in 14 days",),  # in no pool: 14 days
        "U3MISSES": ("last 2 coffee groups did not meet",),  # biweekly: 16 days is not yet two rounds
    }


def test_an_intern_who_never_met_anyone_comes_first_with_both_reasons():
    interns = [InternFact("U1", pace=Frequency.WEEKLY), InternFact("U2")]
    groups = [group(i, ("U1", f"UC{i}"), None, 30 - i * 7) for i in range(3)]
    meetings = [MeetingFact(("U2", "UC9"), days_ago(15))]
    found = attention_list(interns, groups, meetings, NOW)
    assert [(a.user_id, a.last_met) for a in found] == [("U1", None), ("U2", days_ago(15))]
    assert found[0].reasons == (
        "met nobody for 2 weekly rounds (14 days)",
        "last 2 coffee groups did not meet",
    )


@pytest.mark.parametrize(
    ("pace", "quiet_days", "flagged"),
    [
        (Frequency.WEEKLY, 15, "met nobody for 2 weekly rounds (14 days)"),
        (Frequency.BIWEEKLY, 15, None),  # one missed biweekly round is not a lead's worry
        (Frequency.BIWEEKLY, 27, None),
        (Frequency.BIWEEKLY, 28, "met nobody for 2 biweekly rounds (28 days)"),
        (Frequency.MONTHLY, 40, None),
        (Frequency.MONTHLY, 56, "met nobody for 2 monthly rounds (56 days)"),
        (None, 14, "met nobody in 14 days"),
    ],
)
def test_how_long_an_intern_may_meet_nobody_follows_their_pace(pace, quiet_days, flagged):
    found = attention_list(
        [InternFact("U1", pace=pace)], [], [MeetingFact(("U1", "UC"), days_ago(quiet_days))], NOW
    )
    assert [a.reasons for a in found] == ([(flagged,)] if flagged else [])


def test_nobody_is_flagged_within_14_days_of_a_meeting_or_of_starting():
    missed = [group(1, ("U1", "UC1"), "not_this_time", 10), group(2, ("U1", "UC2"), None, 3)]
    met_lately = attention_list([InternFact("U1")], missed, [MeetingFact(("U1", "UC"), days_ago(13))], NOW)
    started_lately = attention_list([InternFact("U1", days_ago(13).date())], missed, [], NOW)
    assert met_lately == [] and started_lately == []
    long_ago = attention_list([InternFact("U1", days_ago(60).date(), Frequency.WEEKLY)], missed, [], NOW)
    assert long_ago[0].reasons == (
        "met nobody for 2 weekly rounds (14 days)",
        "last 2 coffee groups did not meet",
    )


def test_the_pace_is_the_slower_of_pool_and_member_in_a_pool_and_the_fastest_over_pools():
    weekly, biweekly, monthly = Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.MONTHLY
    assert pace_of([]) is None
    assert pace_of([(weekly, None)]) is weekly
    assert pace_of([(weekly, monthly)]) is monthly  # they chose to be paired less often
    assert pace_of([(biweekly, weekly)]) is biweekly  # never more often than the pool meets
    assert pace_of([(monthly, None), (weekly, biweekly)]) is biweekly


def test_meeting_rate_is_per_round_newest_first():
    rates = round_rates(
        [group(1, ("a", "b"), "met", 14), group(2, ("c", "d"), None, 14), group(3, ("e", "f"), "met", 7)]
    )
    assert [(r.met, r.groups) for r in rates] == [(1, 1), (1, 2)]


def test_program_stats_count_follow_ups_and_network_sizes_since_a_day():
    interns, groups, meetings = seeded_history()
    facts = ProgramFacts(
        interns=tuple(interns),
        pools=(),
        groups=tuple(groups),
        meetings=tuple(meetings),
        nudges=(NudgeFact(days_ago(2), True), NudgeFact(days_ago(2), False), NudgeFact(None, False)),
    )
    stats = program_stats(facts, NOW)
    assert (stats.nudges_done, stats.nudges_sent) == (1, 2)
    # network sizes: ACTIVE 2, QUIET 1, MISSES 1, FINE 1, ROOKIE 0, LATE 1
    assert (stats.network_median, stats.network_lowest) == (1, 0)
    assert (stats.groups_met, stats.groups) == (2, 9)
    recent = program_stats(facts, NOW, since=days_ago(8))
    assert (recent.groups_met, recent.groups) == (1, 3)
    assert [a.user_id for a in recent.attention] == [a.user_id for a in stats.attention]
    assert "1/2 done (50 %)" in headline(stats)


def test_an_intern_no_mentor_had_room_for_needs_attention_even_in_their_first_days():
    rookie = InternFact("UROOKIE", internship_start=NOW.date())
    facts = ProgramFacts(
        (rookie, InternFact("UFINE", NOW.date())), (), (), (), (), without_mentor=frozenset({"UROOKIE"})
    )
    (flagged,) = program_stats(facts, NOW).attention
    assert (flagged.user_id, flagged.reasons) == ("UROOKIE", ("no mentor had room for them",))


def test_long_lists_are_cut_with_a_count_of_the_rest():
    interns = tuple(InternFact(f"U{i:03}") for i in range(40))
    stats = program_stats(ProgramFacts(interns, (), (), (), ()), NOW)
    style = Style(person=lambda u: f"<@{u}>", channel=str, zone=UTC, limit=10, more=": see all")
    attention = next(s for s in report(stats, style) if s.title == "Needs attention")
    assert len(attention.lines) == 11
    assert attention.lines[-1] == "…and 30 more: see all"
    assert [s.title for s in report(stats, style, digest=True)] == ["Headline", "Needs attention"]


def test_network_in_numbers_counts_people_teams_and_thank_yous():
    numbers = network_numbers(["Payments", "payments ", None, "Design", "Data", "Data", "Ops"], 3)
    assert numbers.describe() == "7 people · 4 teams · 3 thank-yous sent"
    assert network_numbers([], 1).describe() == "0 people · 0 teams · 1 thank-you sent"


def test_the_digest_is_due_on_monday_from_nine_local():
    monday_9_la = datetime(2026, 6, 8, 16, 0, tzinfo=UTC)  # 09:00 in Los Angeles (UTC-7)
    assert digest_due(monday_9_la, "America/Los_Angeles") == date(2026, 6, 8)
    assert digest_due(monday_9_la - timedelta(minutes=1), "America/Los_Angeles") is None
    assert digest_due(datetime(2026, 6, 9, 10, 0, tzinfo=UTC), "Europe/London") is None  # Tuesday
    assert digest_due(datetime(2026, 6, 7, 23, 0, tzinfo=UTC), "Pacific/Kiritimati") == date(2026, 6, 8)


def test_outside_the_worldwide_monday_window_no_week_is_a_candidate():
    assert candidate_week(datetime(2026, 6, 7, 19, 0, tzinfo=UTC)) == date(2026, 6, 8)  # Sunday, UTC+14
    assert candidate_week(datetime(2026, 6, 9, 11, 59, tzinfo=UTC)) == date(2026, 6, 8)  # Tuesday, UTC-12
    assert candidate_week(datetime(2026, 6, 9, 12, 0, tzinfo=UTC)) is None
    assert candidate_week(datetime(2026, 6, 11, 9, 0, tzinfo=UTC)) is None
    assert candidate_week(datetime(2026, 6, 7, 18, 59, tzinfo=UTC)) is None


def test_csv_cells_that_look_like_formulas_are_defused():
    lines = list(csv_lines(("a", "b"), [("=HYPERLINK(1)", None), ("@x", 3), ("plain, text", "-1")]))
    assert lines == [
        '"a","b"\r\n',
        '"\'=HYPERLINK(1)",""\r\n',
        '"\'@x","3"\r\n',
        '"plain, text","\'-1"\r\n',
    ]


def test_progress_shows_only_on_a_terminal_after_a_moment():
    ticks = iter([0.0, 0.2, 0.7, 0.9])
    out = io.StringIO()
    progress = Progress("writing", 3, stream=out, after=0.5, clock=lambda: next(ticks), is_tty=True)
    progress.step()  # 0.2 s: too soon
    progress.step()  # 0.7 s: shown
    progress.step()  # 0.9 s: redrawn
    progress.finish()
    assert out.getvalue() == "\rwriting: 2/3\rwriting: 3/3\rwriting: 3/3\n"
    quiet = io.StringIO()
    silent = Progress("writing", 1, stream=quiet, after=0.0, is_tty=False)
    silent.step()
    silent.finish()
    assert quiet.getvalue() == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_single_long_step_is_announced_on_a_terminal_and_erased_after():
    out = Terminal()
    with working("reading meetings", stream=out):
        out.write("<work>")
    assert out.getvalue() == "reading meetings…<work>\r" + " " * 17 + "\r"
    quiet = io.StringIO()
    with working("reading meetings", stream=quiet):
        pass
    assert quiet.getvalue() == ""


def test_a_view_beyond_slacks_100_blocks_ends_with_a_line_saying_so():
    blocks = [{"type": "divider"}] * 130
    fitted = fit(blocks)
    assert len(fitted) == 100
    assert "There's more than fits here" in fitted[-1]["elements"][0]["text"]
    assert fit(blocks[:100]) == blocks[:100]
