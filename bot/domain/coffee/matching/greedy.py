"""Build the fresh-pair graph (complete, or per-member candidate lists), match greedily, polish."""

from __future__ import annotations

import random

from bot.domain.coffee.matching.round_members import COMPLETE_LIMIT, RoundMembers

CANDIDATES_KEPT = 8  # best fresh partners kept per member on large pools
CANDIDATES_DRAWN = 16  # random draws per member those are chosen from
TWO_OPT_NEIGHBOURS = 12
TWO_OPT_PASSES = 2
_EPS = 1e-9

Edge = tuple[float, int, int]


def fresh_edges(pool: RoundMembers, rng: random.Random) -> list[Edge]:
    """Fresh, allowed edges, heaviest first."""
    edges = _complete_edges(pool) if pool.n <= COMPLETE_LIMIT else _candidate_edges(pool, rng)
    edges.sort(reverse=True)
    return edges


def _complete_edges(pool: RoundMembers) -> list[Edge]:
    n, fresh, weight = pool.n, pool.fresh, pool.weight
    return [(weight(i, j), i, j) for i in range(n) for j in range(i + 1, n) if fresh(i, j)]


def _candidate_edges(pool: RoundMembers, rng: random.Random) -> list[Edge]:
    """Each member's best few of a random sample; interns draw from colleagues and mentors."""
    chosen: dict[tuple[int, int], float] = {}
    everyone = list(range(pool.n))
    for i in range(pool.n):
        source = pool.others if pool.traits[i][0] and pool.others else everyone
        draws = {source[int(rng.random() * len(source))] for _ in range(CANDIDATES_DRAWN)}
        scored = sorted(((pool.weight(i, j), j) for j in draws if pool.fresh(i, j)), reverse=True)
        for w, j in scored[:CANDIDATES_KEPT]:
            chosen[(i, j) if i < j else (j, i)] = w
    return [(w, i, j) for (i, j), w in chosen.items()]


def adjacency(n: int, edges: list[Edge]) -> list[list[int]]:
    """Neighbour lists, each heaviest first when edges come sorted."""
    adj: list[list[int]] = [[] for _ in range(n)]
    for _, i, j in edges:
        adj[i].append(j)
        adj[j].append(i)
    return adj


def greedy(n: int, edges: list[Edge]) -> list[int]:
    """Take edges heaviest first while both ends are free; mate[i] is -1 for the unmatched."""
    mate = [-1] * n
    for _, i, j in edges:
        if mate[i] < 0 and mate[j] < 0:
            mate[i], mate[j] = j, i
    return mate


def two_opt(pool: RoundMembers, mate: list[int], adj: list[list[int]]) -> None:
    """Swap partners between two pairs (a,b),(c,d) -> (a,c),(b,d) while that raises the total.

    A gain needs w(a,c) > w(a,b) from one of the four ends, so each scan stops at the current partner.
    """
    weight = pool.weight
    for _ in range(TWO_OPT_PASSES):
        improved = False
        for a in range(pool.n):
            b = mate[a]
            if b < 0:
                continue
            for c in adj[a][:TWO_OPT_NEIGHBOURS]:
                if c == b or weight(a, c) <= weight(a, b):
                    break
                d = mate[c]
                if d >= 0 and weight(a, c) + weight(b, d) - weight(a, b) - weight(c, d) > _EPS:
                    mate[a], mate[c], mate[b], mate[d] = c, a, d, b
                    b = c
                    improved = True
        if not improved:
            return
