"""One coffee-chat round: who meets whom, who organises, and who we could not place."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from bot.domain.coffee.matching.greedy import COMPLETE_LIMIT, adjacency, fresh_edges, greedy, two_opt
from bot.domain.coffee.matching.repair import augment_all
from bot.domain.coffee.matching.round_members import RoundMembers
from bot.domain.coffee.matching.types import Candidate, Group, Matching, MatchingHistory, Unmatched

SEARCH_LIMIT = 200_000  # neighbour checks one augmenting search may spend on large pools
TRIO_NEWCOMERS = 4  # odd pools with a repeat: newcomers tried for an all-fresh group of three
TRIO_ATTEMPTS = 40  # ... and trios tried in all

ALONE = "You're the only one in this coffee round, so there's nobody to pair you with this time."
ALL_EXCLUDED = (
    "Everyone else in this round is on a do-not-match list with you, so there was nobody we could "
    "pair you with this time."
)
CROWDED_OUT = (
    "Everyone you could be paired with was already in a group this round, so we couldn't fit you in "
    "this time."
)


def match(candidates: Sequence[Candidate], history: MatchingHistory, rng: random.Random) -> Matching:
    """Pair everyone (one group of three when the count is odd); the same seed gives the same round."""
    pool = RoundMembers(candidates, history, rng)
    if pool.n == 0:
        return Matching(groups=(), unmatched=())
    mate, triple = _pair_up(pool, rng)
    if pool.n % 2 and pool.n <= COMPLETE_LIMIT and _repeats(pool, mate, triple):
        mate, triple = _with_fresh_trio(pool, rng, mate, triple)
    groups = _groups(pool, mate, triple)
    return Matching(
        groups=tuple(_finish(pool, g, history, rng) for g in groups),
        unmatched=tuple(_unmatched(pool, mate, triple)),
    )


Trio = tuple[int, int, int]


def _pair_up(
    pool: RoundMembers, rng: random.Random, trio: Trio | None = None
) -> tuple[list[int], Trio | None]:
    """Fresh pairs first (greedy, then augmenting paths), repeats only for whoever is still free.

    A given `trio` is placed first and the others are paired around it.
    """
    placed = set(trio or ())
    edges = fresh_edges(pool, rng)
    if placed:
        edges = [e for e in edges if e[1] not in placed and e[2] not in placed]
    adj, weights = adjacency(pool.n, edges)
    mate = greedy(pool.n, edges)
    if trio is not None:
        a, b, _ = trio
        mate[a], mate[b] = b, a
    keep = pool.n % 2
    augment_all(mate, adj.__getitem__, keep)
    large = pool.n > COMPLETE_LIMIT
    if large:
        augment_all(mate, _scan(pool, pool.fresh), keep, SEARCH_LIMIT)
    augment_all(mate, _by_weight(pool, placed), keep, SEARCH_LIMIT if large else None)
    two_opt(pool, mate, adj, weights)
    return mate, trio or add_third(pool, mate)


def _repeats(pool: RoundMembers, mate: list[int], triple: Trio | None) -> int:
    pairs = [(a, mate[a]) for a in range(pool.n) if a < mate[a]]
    if triple is not None:
        a, b, x = triple
        pairs += [(a, x), (b, x)]
    return sum(1 for a, b in pairs if not pool.fresh(a, b))


def _with_fresh_trio(
    pool: RoundMembers, rng: random.Random, mate: list[int], triple: Trio | None
) -> tuple[list[int], Trio | None]:
    """When the round has a repeat in an odd pool, try forming the group of three first.

    Whoever joins a pair spends two fresh partners at once; after many rounds the trio that is
    formed last often has no fresh pair left to join. Placing an all-fresh trio first (newcomers
    with the most fresh partners left tried first) and pairing the rest around it usually finds
    a round without repeats; the fewest repeats found wins.
    """
    best = (_repeats(pool, mate, triple), mate, triple)
    for trio in _fresh_trios(pool):
        found = _pair_up(pool, rng, trio)
        repeats = _repeats(pool, *found)
        if repeats < best[0]:
            best = (repeats, *found)
        if repeats == 0:
            break
    return best[1], best[2]


def _fresh_trios(pool: RoundMembers) -> Iterator[Trio]:
    """Up to TRIO_ATTEMPTS all-fresh trios (a, b, newcomer), best-weighted first per newcomer."""
    newcomers = sorted(range(pool.n), key=lambda v: (pool.scarcity[v], pool.salt[v]))
    for x in newcomers[:TRIO_NEWCOMERS]:
        near = [u for u in range(pool.n) if pool.fresh(x, u)]
        trios = sorted(
            ((a, b) for k, a in enumerate(near) for b in near[k + 1 :] if pool.fresh(a, b)),
            key=lambda ab: -(pool.weight(x, ab[0]) + pool.weight(x, ab[1]) + pool.weight(*ab)),
        )
        for a, b in trios[: TRIO_ATTEMPTS // TRIO_NEWCOMERS]:
            yield (a, b, x)


def _scan(pool: RoundMembers, ok):
    """Neighbours as every member the predicate accepts, in index order, found lazily."""
    return lambda v: (u for u in range(pool.n) if ok(v, u))


def _by_weight(pool: RoundMembers, placed: set[int]):
    """Allowed partners (repeats included) best first, so a repeat goes to whoever met longest ago."""
    cache: dict[int, list[int]] = {}

    def neighbours(v: int) -> list[int]:
        if v not in cache:
            allowed = (u for u in range(pool.n) if u not in placed and pool.allowed(v, u))
            others = [] if v in placed else list(allowed)
            cache[v] = sorted(others, key=lambda u: -pool.weight(v, u))
        return cache[v]

    return neighbours


def add_third(pool: RoundMembers, mate: list[int]) -> tuple[int, int, int] | None:
    """Put one free member into the pair that welcomes them best; None if nobody fits anywhere."""
    best: tuple[float, int, int, int] | None = None
    for x in (v for v in range(pool.n) if mate[v] < 0):
        for a in range(pool.n):
            b = mate[a]
            if a < b and pool.allowed(x, a) and pool.allowed(x, b):
                score = pool.weight(x, a) + pool.weight(x, b)
                if best is None or score > best[0]:
                    best = (score, x, a, b)
    if best is None:
        return None
    _, x, a, b = best
    return (a, b, x)


def _groups(
    pool: RoundMembers, mate: list[int], triple: tuple[int, int, int] | None
) -> list[tuple[int, ...]]:
    pairs = [(a, mate[a]) for a in range(pool.n) if a < mate[a]]
    groups: list[tuple[int, ...]] = [p for p in pairs if triple is None or p != triple[:2]]
    if triple is not None:
        groups.append(tuple(sorted(triple)))
    return sorted(groups)


def _finish(
    pool: RoundMembers, members: tuple[int, ...], history: MatchingHistory, rng: random.Random
) -> Group:
    """Name the organiser: whoever organised least, ties by the rng."""
    ids = tuple(pool.people[i].user_id for i in members)
    counts = {u: history.organiser_counts.get(u, 0) for u in ids}
    fewest = min(counts.values())
    organiser = rng.choice([u for u in ids if counts[u] == fewest])
    repeats = sum(1 for k, i in enumerate(members) for j in members[k + 1 :] if pool.has_met(i, j))
    return Group(members=ids, organiser=organiser, repeat_pairs=repeats)


def _unmatched(pool: RoundMembers, mate: list[int], triple: tuple[int, int, int] | None):
    placed = set(triple or ())
    for v in range(pool.n):
        if mate[v] < 0 and v not in placed:
            yield Unmatched(user_id=pool.people[v].user_id, reason=_reason(pool, v))


def _reason(pool: RoundMembers, v: int) -> str:
    if pool.n == 1:
        return ALONE
    if not any(pool.allowed(v, u) for u in range(pool.n)):
        return ALL_EXCLUDED
    return CROWDED_OUT
