"""One round's members as indices, with the history looked up once and weights cached."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from bot.domain.coffee.matching.types import Candidate, MatchingHistory
from bot.domain.coffee.matching.weights import (
    EXCLUDED,
    FUTURE_POWER,
    NONE,
    W_FUTURE,
    W_NEW_TEAM,
    W_NEW_TEAM_PEER,
    Traits,
    base_score,
    next_round,
)
from bot.domain.people.person import Role

COMPLETE_LIMIT = 400  # up to this many members every fresh pair is an edge (and structure is tracked)


class RoundMembers:
    """Members sorted by user id; a pair (i, j) is stored under the number min * n + max."""

    def __init__(self, candidates: Sequence[Candidate], history: MatchingHistory, rng: random.Random):
        unique = {c.user_id: c for c in reversed(candidates)}  # first occurrence wins
        self.people = sorted(unique.values(), key=lambda c: c.user_id)
        self.n = len(self.people)
        self.index = {c.user_id: i for i, c in enumerate(self.people)}
        self.traits = [(c.role == Role.INTERN, c.team, c.utc_offset_minutes) for c in self.people]
        self.teams = [t[1] for t in self.traits]
        kinds: dict[Traits, int] = {}
        self.kinds = [kinds.setdefault(t, len(kinds)) for t in self.traits]  # members with equal traits
        self.kind_traits = list(kinds)
        self._bases: list[dict[int, float]] = [{} for _ in kinds]  # fresh base score per pair of kinds
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
        self._cache: dict[int, float] = {}

    def key(self, i: int, j: int) -> int:
        return i * self.n + j if i < j else j * self.n + i

    def _pairs_in_pool(self, items) -> dict[int, int]:
        found: dict[int, int] = {}
        for pair, value in items:
            ids = [self.index.get(u) for u in pair]
            if len(ids) == 2 and None not in ids:
                found[self.key(ids[0], ids[1])] = value
        return found

    def _stored_pairs(self) -> Iterable[tuple[int, int]]:
        """Every pair met or excluded (a pair both met and excluded comes twice)."""
        return (divmod(k, self.n) for k in (*self.met, *self.excluded))

    def _fresh_sets(self) -> list[int]:
        """Each member's fresh partners as a bit set, to count shared fresh partners quickly."""
        full = (1 << self.n) - 1
        sets = [full ^ (1 << i) for i in range(self.n)]
        for i, j in self._stored_pairs():
            sets[i] &= ~(1 << j)
            sets[j] &= ~(1 << i)
        return sets

    def _scarcity(self) -> list[float]:
        """Each member's share of the pool they have already met or may not meet."""
        used = [0] * self.n
        for i, j in self._stored_pairs():
            used[i] += 1
            used[j] += 1
        return [u / max(self.n - 1, 1) for u in used]

    def allowed(self, i: int, j: int) -> bool:
        return i != j and self.key(i, j) not in self.excluded

    def fresh(self, i: int, j: int) -> bool:
        k = self.key(i, j)
        return i != j and k not in self.met and k not in self.excluded

    def has_met(self, i: int, j: int) -> bool:
        return self.key(i, j) in self.met

    def weight(self, i: int, j: int) -> float:
        """Base score plus the future-friendly bonus and a pair jitter in [0, 1)."""
        if i > j:
            i, j = j, i
        k = i * self.n + j  # self.key, inlined: the hottest call of a round
        w = self._cache.get(k)
        if w is None:
            w = self._cache[k] = self._compute(i, j, k)
        return w

    def _compute(self, i: int, j: int, k: int) -> float:
        if k in self.excluded:
            return EXCLUDED
        last_met = self.met.get(k)
        if last_met is None:  # a fresh pair's base score depends only on the two members' kinds
            kinds = self.kinds
            score = self._bases[kinds[i]].get(kinds[j]) or self._fresh_base(kinds[i], kinds[j])
        else:
            score = base_score(self.traits[i], self.traits[j], last_met, self.now)
        teams, teams_met = self.teams, self.teams_met
        team_a, team_b = teams[i], teams[j]
        if team_a is not None and team_b is not None and team_a != team_b:  # new_team_score, inlined
            if team_b not in teams_met[i]:
                score += self.new_team_bonus[i]
            if team_a not in teams_met[j]:
                score += self.new_team_bonus[j]
        salt, scarcity = self.salt, self.scarcity
        jitter = (salt[i] * salt[j] * 9973.0) % 1.0
        pressure = (scarcity[i] * scarcity[j]) ** FUTURE_POWER
        if pressure:  # skipped when zero: the sum is the same
            score += W_FUTURE * pressure * (0.5 if self.fresh_sets is None else self._closeness(i, j))
        return score + jitter

    def _fresh_base(self, kind_a: int, kind_b: int) -> float:
        """base_score of a fresh pair, remembered per pair of kinds (a few hundred in a workspace).

        base_score is symmetric, term by term, so one row per kind serves both orders.
        """
        row = self._bases[kind_a]
        score = row.get(kind_b)
        if score is None:
            score = row[kind_b] = base_score(self.kind_traits[kind_a], self.kind_traits[kind_b], None, 0)
        return score

    def fresh_weights(self, i: int, js: Iterable[int]) -> list[tuple[float, int]]:
        """(weight(i, j), j) for each j fresh with i: large pools' candidate lists, the bulk of a round.

        The same sums as ``_compute`` in the same order (the lower index's terms first), with i's own
        terms read once: a call per pair cost more than the arithmetic. Nothing is cached: most of
        these pairs are never looked at again (``remember`` keeps the ones that are).
        """
        n, met, excluded, kinds, teams, teams_met, bonus, salt, scarcity = (
            self.n,
            self.met,
            self.excluded,
            self.kinds,
            self.teams,
            self.teams_met,
            self.new_team_bonus,
            self.salt,
            self.scarcity,
        )
        small = self.fresh_sets is not None
        bases, team_i, met_i, bonus_i, salt_i, scarce_i = (
            self._bases[kinds[i]],
            teams[i],
            teams_met[i],
            bonus[i],
            salt[i],
            scarcity[i],
        )
        found: list[tuple[float, int]] = []
        for j in js:
            k = i * n + j if i < j else j * n + i
            if i == j or k in met or k in excluded:
                continue
            w = bases.get(kinds[j])
            if w is None:
                w = self._fresh_base(kinds[i], kinds[j])
            team_j = teams[j]
            if team_i is not None and team_j is not None and team_i != team_j:
                mine = bonus_i if team_j not in met_i else 0.0
                theirs = bonus[j] if team_i not in teams_met[j] else 0.0
                w = w + mine + theirs if i < j else w + theirs + mine  # x + 0.0 is x
            if scarce_i:
                pressure = (scarce_i * scarcity[j]) ** FUTURE_POWER
                if pressure:
                    w += W_FUTURE * pressure * (self._closeness(i, j) if small else 0.5)
            found.append((w + (salt_i * salt[j] * 9973.0) % 1.0, j))
        return found

    def remember(self, weights: dict[int, float]) -> None:
        """Keep weights computed outside ``weight`` (by pair key), so later look-ups find them."""
        self._cache.update(weights)

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
