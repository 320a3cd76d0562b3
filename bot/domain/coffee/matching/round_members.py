"""One round's members as indices, with the history looked up once and weights cached."""

from __future__ import annotations

import random
from collections.abc import Sequence

from bot.domain.coffee.matching.types import Candidate, MatchingHistory
from bot.domain.coffee.matching.weights import (
    EXCLUDED,
    FUTURE_POWER,
    NONE,
    W_FUTURE,
    W_NEW_TEAM,
    W_NEW_TEAM_PEER,
    base_score,
    next_round,
)
from bot.domain.people.person import Role

Pair = tuple[int, int]
COMPLETE_LIMIT = 400  # up to this many members every fresh pair is an edge (and structure is tracked)


def key(i: int, j: int) -> Pair:
    return (i, j) if i < j else (j, i)


class RoundMembers:
    """Members sorted by user id; pairs are (low index, high index)."""

    def __init__(self, candidates: Sequence[Candidate], history: MatchingHistory, rng: random.Random):
        unique = {c.user_id: c for c in reversed(candidates)}  # first occurrence wins
        self.people = sorted(unique.values(), key=lambda c: c.user_id)
        self.n = len(self.people)
        self.index = {c.user_id: i for i, c in enumerate(self.people)}
        self.traits = [(c.role == Role.INTERN, c.team, c.utc_offset_minutes) for c in self.people]
        self.interns = [i for i, t in enumerate(self.traits) if t[0]]
        self.others = [i for i, t in enumerate(self.traits) if not t[0]]
        self.teams_met = [history.teams_met.get(c.user_id, NONE) for c in self.people]
        self.new_team_bonus = [W_NEW_TEAM if t[0] else W_NEW_TEAM_PEER for t in self.traits]
        self.now = next_round(history)
        self.met = self._pairs_in_pool(history.last_met.items())
        self.excluded = set(self._pairs_in_pool((p, 0) for p in history.exclusions))
        self.fresh_sets = self._fresh_sets() if self.n <= COMPLETE_LIMIT else None
        self.scarcity = self._scarcity()
        self.salt = [rng.random() for _ in range(self.n)]
        self._cache: dict[Pair, float] = {}

    def _pairs_in_pool(self, items) -> dict[Pair, int]:
        found: dict[Pair, int] = {}
        for pair, value in items:
            ids = [self.index.get(u) for u in pair]
            if len(ids) == 2 and None not in ids:
                found[key(ids[0], ids[1])] = value
        return found

    def _fresh_sets(self) -> list[int]:
        """Each member's fresh partners as a bit set, to count shared fresh partners quickly."""
        full = (1 << self.n) - 1
        sets = [full ^ (1 << i) for i in range(self.n)]
        for i, j in (*self.met, *self.excluded):
            sets[i] &= ~(1 << j)
            sets[j] &= ~(1 << i)
        return sets

    def _scarcity(self) -> list[float]:
        """Each member's share of the pool they have already met or may not meet."""
        used = [0] * self.n
        for i, j in (*self.met, *self.excluded):
            used[i] += 1
            used[j] += 1
        return [u / max(self.n - 1, 1) for u in used]

    def allowed(self, i: int, j: int) -> bool:
        return i != j and key(i, j) not in self.excluded

    def fresh(self, i: int, j: int) -> bool:
        k = key(i, j)
        return i != j and k not in self.met and k not in self.excluded

    def weight(self, i: int, j: int) -> float:
        """Base score plus the future-friendly bonus and a pair jitter in [0, 1)."""
        k = (i, j) if i < j else (j, i)  # key(i, j), inlined: the hottest call of a round
        w = self._cache.get(k)
        if w is None:
            w = self._compute(k)
            self._cache[k] = w
        return w

    def _compute(self, k: Pair) -> float:
        i, j = k
        if k in self.excluded:
            return EXCLUDED
        a, b = self.traits[i], self.traits[j]
        score = base_score(a, b, self.met.get(k), self.now)
        team_a, team_b = a[1], b[1]
        if team_a is not None and team_b is not None and team_a != team_b:  # new_team_score, inlined
            if team_b not in self.teams_met[i]:
                score += self.new_team_bonus[i]
            if team_a not in self.teams_met[j]:
                score += self.new_team_bonus[j]
        salt, scarcity = self.salt, self.scarcity
        jitter = (salt[i] * salt[j] * 9973.0) % 1.0
        pressure = (scarcity[i] * scarcity[j]) ** FUTURE_POWER
        if pressure:  # skipped when zero: the sum is the same
            score += W_FUTURE * pressure * (0.5 if self.fresh_sets is None else self._closeness(i, j))
        return score + jitter

    def _closeness(self, i: int, j: int) -> float:
        """Share of fresh partners i and j have in common (1/2 on large pools, where it is not tracked).

        Pairing two members of the same dense patch of the not-yet-met graph keeps the rest of it
        evenly connected, so later rounds still find a repeat-free matching.
        """
        if self.fresh_sets is None:
            return 0.5
        a, b = self.fresh_sets[i], self.fresh_sets[j]
        smaller = min(a.bit_count(), b.bit_count())
        return (a & b).bit_count() / smaller if smaller else 0.0
