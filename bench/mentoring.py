"""Benchmark of the mentoring assignment against first come, first served and a greedy pass.

    .venv/bin/python bench/mentoring.py [--mentees 500] [--mentors 150] [--seed 1] [--repeat 3]

A made-up program, the same for every seed: mentors take 1-3 mentees and some are far more popular than
others (popularity falls as a power of their rank, as in real forms); a mentee ranks 3 mentors (5 % only
one or two) drawn by popularity and fit, or says "any of these" (10 %). Prints a markdown table; times
are CPU seconds (the machine is shared, so wall clock says more about the neighbours), the median of
--repeat runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.mentoring.assignment import assign, assign_one
from bot.domain.mentoring.fit import fit
from bot.domain.mentoring.model import Assignment, Mentee, Mentor, Plan

TOPICS = ["data", "security", "design", "careers", "frontend", "backend", "mobile", "ml", "product",
          "infrastructure", "research", "writing"]  # fmt: skip
ZONES = [-480, -300, 0, 60, 120, 330, 540]
TEAMS = [f"team{k}" for k in range(10)]
ANY_SHARE, SHORT_SHARE = 0.10, 0.05
Rule = Callable[[list[Mentee], list[Mentor]], Plan]


def program(mentees: int, mentors: int, seed: int) -> tuple[list[Mentee], list[Mentor]]:
    """Mentees in the order they answered the form, and the mentors."""
    rng = random.Random(seed)
    staff = []
    for k in range(mentors):
        topics = tuple(rng.sample(TOPICS, rng.randint(1, 3)))
        staff.append(Mentor(f"M{k:04d}", rng.randint(1, 3), topics, rng.choice(TEAMS), rng.choice(ZONES)))
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(mentors)]
    rng.shuffle(popularity)
    people = []
    for k in range(mentees):
        me = Mentee(f"E{k:04d}", goals=tuple(rng.sample(TOPICS, rng.randint(1, 3))), team=rng.choice(TEAMS),
                    utc_offset=rng.choice(ZONES))  # fmt: skip
        if rng.random() < ANY_SHARE:
            people.append(Mentee(me.user_id, (), True, me.goals, me.team, me.utc_offset))
            continue
        weights = [p * (1 + fit(me, m).score) for p, m in zip(popularity, staff, strict=True)]
        count = rng.randint(1, 2) if rng.random() < SHORT_SHARE else 3
        choices: list[str] = []
        while len(choices) < count:
            pick = rng.choices(staff, weights)[0].user_id
            if pick not in choices:
                choices.append(pick)
        people.append(Mentee(me.user_id, tuple(choices), False, me.goals, me.team, me.utc_offset))
    return people, staff


def first_come_first_served(mentees: list[Mentee], mentors: list[Mentor]) -> Plan:
    """Each mentee in the order they answered takes their best choice with room (the late-joiner rule)."""
    taken: Counter[str] = Counter()
    done: list[Assignment] = []
    unmatched = []
    for mentee in mentees:
        got = assign_one(mentee, mentors, taken)
        if got is None:
            unmatched.append(mentee.user_id)
        else:
            taken[got.mentor] += 1
            done.append(got)
    return Plan(tuple(done), tuple(unmatched))


def greedy(mentees: list[Mentee], mentors: list[Mentor]) -> Plan:
    """Every acceptable pair, best rank then best fit first, taken while both sides are free."""
    room = {m.user_id: m.capacity for m in mentors}
    pairs = []
    for e in mentees:
        for m in mentors:
            rank = e.rank_of(m.user_id)
            if rank is not None or e.open_to_any:
                f = fit(e, m)
                pairs.append((rank or 4, -f.score, e.user_id, m.user_id, f))
    pairs.sort(key=lambda p: p[:4])
    chosen: dict[str, Assignment] = {}
    for rank, _, mentee, mentor, f in pairs:
        if mentee not in chosen and room[mentor] > 0:
            room[mentor] -= 1
            chosen[mentee] = Assignment(mentee, mentor, None if rank == 4 else rank, f)
    unmatched = tuple(e.user_id for e in mentees if e.user_id not in chosen)
    return Plan(tuple(chosen.values()), unmatched)


def the_rule(mentees: list[Mentee], mentors: list[Mentor]) -> Plan:
    return assign(mentees, mentors)


RULES: dict[str, Rule] = {
    "rank-maximal (Rapport)": the_rule,
    "first come, first served": first_come_first_served,
    "greedy by rank, then fit": greedy,
}


def timed(rule: Rule, mentees: list[Mentee], mentors: list[Mentor], repeat: int) -> tuple[Plan, float]:
    times, plan = [], None
    for _ in range(repeat):
        start = time.process_time()
        plan = rule(mentees, mentors)
        times.append(time.process_time() - start)
    assert plan is not None
    return plan, statistics.median(times)


def row(name: str, plan: Plan, mentors: list[Mentor], seconds: float, total: int) -> str:
    matched, first, second, third = plan.signature()
    loads = plan.loads()
    per_mentor = sorted(loads.get(m.user_id, 0) for m in mentors)
    fit_sum = sum(a.fit.score for a in plan.assignments)
    return (
        f"| {name} | {first / total:.1%} | {(first + second + third) / total:.1%} | {matched} | "
        f"{len(plan.unmatched)} | {per_mentor[0]} / {statistics.median(per_mentor):g} / {per_mentor[-1]} | "
        f"{fit_sum / max(matched, 1):.2f} | {seconds:.3f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=500)
    parser.add_argument("--mentors", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mentees, mentors = program(args.mentees, args.mentors, args.seed)
    places = sum(m.capacity for m in mentors)
    anyone = sum(m.open_to_any for m in mentees)
    print(f"{len(mentees)} mentees ({anyone} say \"any of these\"), {len(mentors)} mentors with {places} "
          f"places, seed {args.seed}; shares are of all mentees\n")  # fmt: skip
    print("| rule | first choice | top three | matched | unmatched | mentor load (min / median / max) "
          "| mean fit | CPU time |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    plans = {}
    for name, rule in RULES.items():
        plans[name], seconds = timed(rule, mentees, mentors, args.repeat)
        print(row(name, plans[name], mentors, seconds, len(mentees)))
    best = plans["rank-maximal (Rapport)"].signature()
    assert all(plan.signature() <= best for plan in plans.values()), "the rule must never lose"
    worst = [Mentee(e.user_id, (), True, e.goals, e.team, e.utc_offset) for e in mentees]
    _, seconds = timed(the_rule, worst, mentors, 1)
    print(f"\nWorst case, every mentee says \"any of these\" (a {len(worst)} x {len(mentors)} graph): "
          f"{seconds:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
