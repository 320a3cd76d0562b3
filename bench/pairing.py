"""Benchmark of the coffee-chat matching engine; prints a markdown table.

    .venv/bin/python bench/pairing.py [--quick]

--quick skips n = 50,000 and the exact optimum (which needs `pip install networkx`).
--exact N [N ...] sets the pool sizes compared with the exact optimum (default 100 and 1,000; the exact
solver takes about half an hour at 1,000 on a 2-core machine, seconds at 100).
--program prints only the program view (interns over one internship).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.coffee.matching import Candidate, Matching, MatchingHistory, match, next_round, pair_score
from bot.domain.coffee.matching.weights import W_AGE_STEP
from bot.domain.people.person import Role

ZONES = [-480, -300, 0, 60, 120, 330, 540]
Engine = Callable[[list[Candidate], MatchingHistory, random.Random], Matching]


def member(uid: int, rng: random.Random) -> Candidate:
    """25 % interns, 6 teams, a handful of time zones."""
    role = Role.INTERN if rng.random() < 0.25 else rng.choice([Role.COLLEAGUE] * 9 + [Role.MENTOR])
    return Candidate(f"u{uid:06d}", role, f"team{rng.randrange(6)}", rng.choice(ZONES))


def churn(pool: list[Candidate], rng: random.Random, next_id: int) -> tuple[list[Candidate], int]:
    """10 % leave, as many new people join."""
    leaving = max(1, len(pool) // 10)
    kept = rng.sample(pool, len(pool) - leaving)
    joined = [member(next_id + k, rng) for k in range(leaving)]
    return kept + joined, next_id + leaving


def shuffle_baseline(pool: list[Candidate], history: MatchingHistory, rng: random.Random) -> Matching:
    """Random pairs (the last three together when odd); ignores history and exclusions."""
    from bot.domain.coffee.matching import Group

    ids = sorted(c.user_id for c in pool)
    rng.shuffle(ids)
    chunks = [tuple(ids[k : k + 2]) for k in range(0, len(ids) - len(ids) % 2, 2)]
    if len(ids) % 2:
        chunks[-1] = (*chunks[-1], ids[-1])
    groups = []
    for members in chunks:
        repeats = sum(1 for p in combinations(members, 2) if frozenset(p) in history.last_met)
        groups.append(Group(members, members[0], repeats))
    return Matching(tuple(groups), ())


class Tally:
    """Quality counters over the rounds of one run."""

    def __init__(self) -> None:
        self.repeats = self.pairs = self.cross = self.interns = self.interns_mixed = 0

    def add(self, m: Matching, roles: dict[str, Candidate]) -> None:
        for g in m.groups:
            self.repeats += g.repeat_pairs
            for a, b in combinations(g.members, 2):
                self.pairs += 1
                self.cross += roles[a].team != roles[b].team
            for u in g.members:
                if roles[u].role == Role.INTERN:
                    self.interns += 1
                    self.interns_mixed += any(roles[v].role != Role.INTERN for v in g.members)


def record(last: dict, organised: dict, m: Matching, round_index: int) -> None:
    for g in m.groups:
        organised[g.organiser] = organised.get(g.organiser, 0) + 1
        for p in combinations(g.members, 2):
            last[frozenset(p)] = round_index


def simulate(engine: Engine, n: int, rounds: int, seed: int, static: bool = False) -> tuple[Tally, list]:
    """Play ``rounds`` rounds with churn; returns the tally and the final pool/history."""
    rng = random.Random(seed)
    pool = [member(k, rng) for k in range(n)]
    next_id, last, organised, tally = n, {}, {}, Tally()
    exclusions = frozenset(frozenset((pool[k].user_id, pool[k + 1].user_id)) for k in range(0, n - 1, 37))
    teams: dict[str, set[str]] = {}  # every group is taken to have met
    history = MatchingHistory(last, exclusions, organised)
    for r in range(rounds):
        history = MatchingHistory(dict(last), exclusions, dict(organised), frozen(teams))
        m = engine(pool, history, random.Random(seed * 7919 + r))
        by_id = {c.user_id: c for c in pool}
        tally.add(m, by_id)
        record(last, organised, m, r)
        for g in m.groups:
            for u in g.members:
                teams.setdefault(u, set()).update(by_id[v].team for v in g.members if v != u)
        if not static:
            pool, next_id = churn(pool, rng, next_id)
    return tally, [pool, MatchingHistory(dict(last), exclusions, dict(organised), frozen(teams))]


def frozen(teams: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {u: frozenset(t) for u, t in teams.items()}


def quality_rows(sizes: list[int], rounds: int) -> list[str]:
    rows = []
    for n in sizes:
        for name, engine in (("rapport", match), ("shuffle", shuffle_baseline)):
            t, _ = simulate(engine, n, rounds, seed=n)
            rows.append(
                f"| {n:,} | {name} | {t.repeats} | 0 | {100 * t.interns_mixed / max(t.interns, 1):.1f} % "
                f"| {100 * t.cross / max(t.pairs, 1):.1f} % |"
            )
    return rows


def objective(pairs, by_id: dict[str, Candidate], history: MatchingHistory) -> tuple[float, float]:
    """Sum of pair_score, and the same sum without the repeat tier (intern, team, time-zone parts)."""
    now = next_round(history)
    scores = [pair_score(by_id[a], by_id[b], history, now=now) for a, b in pairs]
    return sum(scores), sum(s % W_AGE_STEP for s in scores)


def pairs_in(m: Matching):
    return [p for g in m.groups for p in combinations(g.members, 2)]


def exact_rows(n: int) -> list[str]:
    try:
        import networkx as nx
    except ImportError:
        return [f"| n = {n} exact optimum skipped: `pip install networkx` |"]
    _, (pool, history) = simulate(match, n, 5, seed=11)
    now = next_round(history)
    graph = nx.Graph()
    for a, b in combinations(pool, 2):
        w = pair_score(a, b, history, now=now)
        if w != float("-inf"):
            graph.add_edge(a.user_id, b.user_id, weight=w)
    started = time.perf_counter()
    best_pairs = nx.max_weight_matching(graph, maxcardinality=True)
    exact_time = time.perf_counter() - started
    by_id = {c.user_id: c for c in pool}
    best, best_soft = objective(best_pairs, by_id, history)
    rows = []
    for name, engine in (("rapport", match), ("shuffle", shuffle_baseline)):
        got, soft = objective(pairs_in(engine(pool, history, random.Random(3))), by_id, history)
        rows.append(
            f"| {n} | {name} | {100 * got / best:.4f} % | {100 * soft / best_soft:.2f} % "
            f"| {exact_time:.1f} s |"
        )
    return rows


def timing_rows(sizes: list[int]) -> list[str]:
    """Median wall and CPU time of a round (5 rounds up to 10,000 members, else 1), and peak memory.

    CPU time is what the round costs; wall time adds whatever else the machine runs meanwhile.
    """
    rows = []
    for n in sizes:
        _, (pool, history) = simulate(match, n, 2, seed=n)  # a round with some history
        walls, cpus = [], []
        for r in range(5 if n <= 10_000 else 1):
            started, cpu = time.perf_counter(), time.process_time()
            match(pool, history, random.Random(r))
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        tracemalloc.start()
        match(pool, history, random.Random(0))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append(
            f"| {n:,} | {statistics.median(walls):.3f} s | {statistics.median(cpus):.3f} s "
            f"| {peak / 2**20:.1f} MiB |"
        )
    return rows


def static_rows(seeds: int = 10, n: int = 40) -> list[str]:
    reached = []
    for seed in range(seeds):
        rng = random.Random(seed)
        pool = [member(k, rng) for k in range(n)]
        last: dict = {}
        r = 0
        while r < n + 5:
            m = match(pool, MatchingHistory(dict(last), frozenset(), {}), random.Random(seed * 1000 + r))
            if any(g.repeat_pairs for g in m.groups):
                break
            record(last, {}, m, r)
            r += 1
        reached.append(r)
    return [
        f"| {n} | rapport, {seeds} seeds | min {min(reached)}, mean {sum(reached) / seeds:.1f}, "
        f"max {max(reached)} |",
        f"| {n} | upper bound | {ceiling(n)} |",
    ]


def ceiling(n: int) -> int:
    """Most repeat-free rounds possible: n - 1 (circle method) for even n; for odd n a round spends
    (n - 3) / 2 + 3 of the n(n - 1) / 2 pairs, since its group of three holds three pairs."""
    return n - 1 if n % 2 == 0 else (n * (n - 1) // 2) // ((n - 3) // 2 + 3)


PROGRAM_TEAMS = (0.25, 0.20, 0.15, 0.12, 0.10, 0.08, 0.06, 0.04)  # uneven, as real teams are
MEETS = 0.7  # share of groups that actually meet


def spread(count: int, prefix: str, role: Role, rng: random.Random) -> list[Candidate]:
    """`count` people over the program's teams in proportion to their sizes (largest remainder)."""
    exact = [w * count for w in PROGRAM_TEAMS]
    sizes = [int(x) for x in exact]
    for t in sorted(range(len(exact)), key=lambda t: sizes[t] - exact[t])[: count - sum(sizes)]:
        sizes[t] += 1
    teams = [f"team{t}" for t, size in enumerate(sizes) for _ in range(size)]
    rng.shuffle(teams)
    return [Candidate(f"{prefix}{k:03d}", role, team, rng.choice(ZONES)) for k, team in enumerate(teams)]


def program_people(rng: random.Random) -> list[Candidate]:
    """60 interns, 240 colleagues and 20 mentors over 8 teams of uneven size, one pool."""
    return (
        spread(60, "i", Role.INTERN, rng)
        + spread(240, "c", Role.COLLEAGUE, rng)
        + spread(20, "m", Role.MENTOR, rng)
    )


def program_run(rounds: int, seed: int) -> tuple[list[int], list[int], list[int], Tally]:
    """Play one internship; only a meeting teaches a member the teams of the people in it.

    Whether a group meets is one coin per member and round (the intern's when the group has one), so
    every engine gets the same luck: an intern meets in the same weeks whoever they are paired with.
    Returns, per intern, the meetings, the colleagues/mentors met and the other teams reached, and
    the tally of all rounds.
    """
    rng = random.Random(seed)
    pool = program_people(rng)
    by_id = {c.user_id: c for c in pool}
    coins = [{c.user_id: rng.random() < MEETS for c in pool} for _ in range(rounds)]
    last: dict = {}
    organised: dict = {}
    met: dict[str, set[str]] = {c.user_id: set() for c in pool}
    meetings = dict.fromkeys(by_id, 0)
    tally = Tally()
    for r in range(rounds):
        teams_met = {u: frozenset(by_id[v].team for v in others) for u, others in met.items() if others}
        history = MatchingHistory(dict(last), frozenset(), dict(organised), teams_met)
        m = match(pool, history, random.Random(seed * 7919 + r))
        tally.add(m, by_id)
        record(last, organised, m, r)
        for g in m.groups:
            decider = min(g.members, key=lambda u: (by_id[u].role != Role.INTERN, u))
            if coins[r][decider]:
                for u in g.members:
                    meetings[u] += 1
                    met[u].update(v for v in g.members if v != u)
    interns = [c for c in pool if c.role == Role.INTERN]
    colleagues = [sum(by_id[v].role != Role.INTERN for v in met[c.user_id]) for c in interns]
    teams = [len({by_id[v].team for v in met[c.user_id]} - {c.team}) for c in interns]
    return [meetings[c.user_id] for c in interns], colleagues, teams, tally


def spread_of(values: list[int]) -> str:
    ordered = sorted(values)
    return f"{ordered[0]} / {ordered[len(ordered) // 10]} / {statistics.median(ordered):g}"


def program_rows(seeds: range = range(5)) -> list[str]:
    rows = []
    for schedule, rounds in (("weekly", 12), ("biweekly", 6)):
        for seed in seeds:
            meetings, colleagues, teams, t = program_run(rounds, seed)
            rows.append(
                f"| {schedule} | {seed} | {rounds} | {spread_of(meetings)} | {spread_of(colleagues)} "
                f"| {spread_of(teams)} "
                f"| {t.repeats} | {100 * t.interns_mixed / max(t.interns, 1):.1f} % |"
            )
    return rows


def print_program() -> None:
    print("\n### Program view: 60 interns, 240 colleagues, 20 mentors, 8 teams, 12 weeks, 70 % meet\n")
    print(
        "| schedule | seed | rounds | meetings per intern (min / p10 / median) "
        "| colleagues met per intern (min / p10 / median) "
        "| other teams reached per intern, of 7 (min / p10 / median) | repeats "
        "| interns with a colleague/mentor |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(program_rows()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip n = 50,000 and the exact optimum")
    parser.add_argument("--program", action="store_true", help="print only the program view")
    parser.add_argument("--exact", type=int, nargs="+", default=[100, 1_000], metavar="N")
    args = parser.parse_args()
    quick = args.quick
    if args.program:
        print_program()
        return
    print("### Quality over 20 rounds (10 % churn per round, 25 % interns, 6 teams)\n")
    print("| n | engine | repeats | minimum possible | interns with a colleague/mentor | cross-team pairs |")
    print("|---|---|---|---|---|---|")
    print("\n".join(quality_rows([100, 1_000], 20)))
    if not quick:
        print("\n### Objective (sum of `pair_score`) against the exact optimum (networkx)\n")
        print("| n | engine | of optimum | of optimum, lower tiers only | exact solver time |")
        print("|---|---|---|---|---|")
        print("\n".join(row for n in args.exact for row in exact_rows(n)))
    print(f"\n### Time and peak memory per round (load average {os.getloadavg()[0]:.1f} at the start)\n")
    print("| n | time per round (median) | CPU per round (median) | peak memory (tracemalloc) |")
    print("|---|---|---|---|")
    print("\n".join(timing_rows([100, 1_000, 10_000] + ([] if quick else [50_000]))))
    print("\n### Static pool: rounds until the first forced repeat\n")
    print("| n | schedule | rounds |")
    print("|---|---|---|")
    print("\n".join(static_rows() + static_rows(n=41)))
    print_program()


if __name__ == "__main__":
    main()
