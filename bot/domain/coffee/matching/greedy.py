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
    chosen: dict[int, float] = {}  # pair key (see RoundMembers.key) -> weight
    n, everyone = pool.n, list(range(pool.n))
    draw, scored_from = rng.random, pool.fresh_weights
    for i in range(n):
        source = pool.others if pool.traits[i][0] and pool.others else everyone
        size = len(source)
        draws = {source[int(draw() * size)] for _ in range(CANDIDATES_DRAWN)}
        for w, j in sorted(scored_from(i, draws), reverse=True)[:CANDIDATES_KEPT]:
            chosen[i * n + j if i < j else j * n + i] = w
    pool.remember(chosen)
    return [(w, k // n, k % n) for k, w in chosen.items()]


def adjacency(n: int, edges: list[Edge]) -> tuple[list[list[int]], list[list[float]]]:
    """Neighbour lists, each heaviest first when edges come sorted, and their weights beside them."""
    adj: list[list[int]] = [[] for _ in range(n)]
    weights: list[list[float]] = [[] for _ in range(n)]
    for w, i, j in edges:
        adj[i].append(j)
        adj[j].append(i)
        weights[i].append(w)
        weights[j].append(w)
    return adj, weights


def greedy(n: int, edges: list[Edge]) -> list[int]:
    """Take edges heaviest first while both ends are free; mate[i] is -1 for the unmatched."""
    mate = [-1] * n
    for _, i, j in edges:
        if mate[i] < 0 and mate[j] < 0:
            mate[i], mate[j] = j, i
    return mate


def two_opt(pool: RoundMembers, mate: list[int], adj: list[list[int]], weights: list[list[float]]) -> None:
    """Swap partners between two pairs (a,b),(c,d) -> (a,c),(b,d) while that raises the total.

    A gain needs w(a,c) > w(a,b) from one of the four ends, so each scan stops at the current partner.
    Each member's weight with their partner is kept in ``held``, so a scan looks up one new pair.
    """
    weight = pool.weight
    held = [weight(v, mate[v]) if mate[v] >= 0 else 0.0 for v in range(pool.n)]
    for _ in range(TWO_OPT_PASSES):
        improved = False
        for a in range(pool.n):
            b = mate[a]
            if b < 0:
                continue
            for c, w_ac in zip(adj[a][:TWO_OPT_NEIGHBOURS], weights[a], strict=False):  # the first is shorter
                if c == b or w_ac <= held[a]:
                    break
                d = mate[c]
                if d < 0:
                    continue
                w_bd = weight(b, d)
                if w_ac + w_bd - held[a] - held[c] > _EPS:
                    mate[a], mate[c], mate[b], mate[d] = c, a, d, b
                    held[a] = held[c] = w_ac
                    held[b] = held[d] = w_bd
                    b = c
                    improved = True
        if not improved:
            return
