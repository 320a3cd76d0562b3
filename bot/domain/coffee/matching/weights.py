"""Edge weights: how much we want two people in the same group this round.

The tiers differ by orders of magnitude so that each priority only breaks ties of the one above:
fresh pair >> how long ago a repeat pair met >> intern with a colleague >> a partner from a team the
intern has not met yet >> (a team a colleague has not met yet) > different teams >> overlapping hours
>> jitter (< 1). The unmet-team tier is what spreads an intern's chats over the company: without it an
intern can spend a whole internship meeting the two biggest teams. The future-friendly bonus (added per
round by the pool) grows with the cube of both members' share of already-met partners: below the team
tier while they have met under a fifth of the pool, above the intern tier once they have met half of it,
when keeping the not-yet-met graph matchable matters more than this round's niceties.
"""

from __future__ import annotations

from bot.domain.coffee.matching.types import Candidate, MatchingHistory
from bot.domain.people.person import Role

W_FRESH = 1e10  # the pair has never met in this pool
W_AGE_STEP = 1e6  # per round since a repeat pair last met (capped below W_FRESH)
AGE_CAP = 1000
W_MIXED = 1e5  # an intern with a colleague or mentor
W_NEW_TEAM = 1e4  # per intern whose partner is from a team they have not met yet
W_NEW_TEAM_PEER = 1e3  # the same for a colleague or mentor: counts a little, below the intern tier
W_CROSS_TEAM = 1e3
W_TIME_ZONE = 1e2  # times the share of a half day the two clocks agree on
W_FUTURE = 1e7  # times (product of both members' used-partner shares) ** FUTURE_POWER and their closeness
FUTURE_POWER = 3  # silent early (< W_CROSS_TEAM below 20 % used), decisive once half the pool is used
EXCLUDED = float("-inf")

_DAY = 24 * 60
_HALF_DAY = _DAY // 2


def next_round(history: MatchingHistory) -> int:
    """The index the coming round gets: one past the most recent recorded round."""
    return max(history.last_met.values(), default=-1) + 1


def pair_score(a: Candidate, b: Candidate, history: MatchingHistory, *, now: int | None = None) -> float:
    """The weight of grouping a with b; -inf for an excluded pair.

    Pass ``now`` (see ``next_round``) when scoring many pairs against the same history.
    Excludes the per-round parts (future bonus, jitter) that ``match`` adds.
    """
    pair = frozenset((a.user_id, b.user_id))
    if pair in history.exclusions:
        return EXCLUDED
    if now is None:
        now = next_round(history)
    a_traits = (a.role == Role.INTERN, a.team, a.utc_offset_minutes)
    b_traits = (b.role == Role.INTERN, b.team, b.utc_offset_minutes)
    met = history.teams_met
    return base_score(a_traits, b_traits, history.last_met.get(pair), now) + new_team_score(
        a_traits, b_traits, met.get(a.user_id, NONE), met.get(b.user_id, NONE)
    )


Traits = tuple[bool, str | None, int | None]  # (is intern, team, utc offset)


def base_score(a: Traits, b: Traits, last_met: int | None, now: int) -> float:
    """The deterministic weight of a non-excluded pair."""
    score = W_FRESH if last_met is None else W_AGE_STEP * min(max(now - last_met, 1), AGE_CAP)
    if a[0] != b[0]:
        score += W_MIXED
    if a[1] is None or b[1] is None:
        score += W_CROSS_TEAM / 2
    elif a[1] != b[1]:
        score += W_CROSS_TEAM
    return score + _time_zone_score(a[2], b[2])


NONE: frozenset[str] = frozenset()


def new_team_score(a: Traits, b: Traits, a_met: frozenset[str], b_met: frozenset[str]) -> float:
    """Each side whose partner comes from another team it has not met yet: W_NEW_TEAM for an intern,
    W_NEW_TEAM_PEER for anyone else. An unknown team is never new."""
    return _new_team(a, b[1], a_met) + _new_team(b, a[1], b_met)


def _new_team(me: Traits, their_team: str | None, met: frozenset[str]) -> float:
    if their_team is None or their_team == me[1] or their_team in met:
        return 0.0
    return W_NEW_TEAM if me[0] else W_NEW_TEAM_PEER


_TZ_SCORES: dict[tuple[int | None, int | None], float] = {}
_TZ_CACHE_LIMIT = 20_000  # real offsets are a few dozen values; the cache is bounded all the same


def _time_zone_score(a: int | None, b: int | None) -> float:
    """Remembered per pair of offsets: a hot path on large pools, with few distinct offsets."""
    score = _TZ_SCORES.get((a, b))
    if score is None:
        score = _time_zone_gap_score(a, b)
        if len(_TZ_SCORES) < _TZ_CACHE_LIMIT:
            _TZ_SCORES[(a, b)] = score
    return score


def _time_zone_gap_score(a: int | None, b: int | None) -> float:
    """Closer clocks share more working hours; unknown offsets score halfway."""
    if a is None or b is None:
        return W_TIME_ZONE / 2
    gap = abs(a - b) % _DAY
    gap = min(gap, _DAY - gap)
    return W_TIME_ZONE * (1 - gap / _HALF_DAY)
