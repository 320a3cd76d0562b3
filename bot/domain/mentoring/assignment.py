"""Who mentors whom: everyone at once when the matching window closes, late joiners one by one.

The rule, exactly: match as many mentees as possible; among those assignments give the most mentees
their first choice, then the most their second, then their third (rank-maximal); break the ties left by
fit (the sum of fit scores); never exceed a mentor's places. A mentee has only the mentors they ranked,
unless they said "any of these": then any mentor with room, below their ranked choices. A pair in
`exclude` (a mentor who declined that mentee) is never made. Ties that even fit leaves are broken the
same way for the same input, whatever its order: inputs are sorted by user ID first.

It is solved exactly as a minimum-cost flow (networkx's network simplex): source -> mentee (1) ->
mentor (1 per acceptable pair) -> sink (the mentor's places), plus a source -> sink bypass for the
mentees left unmatched. Costs are `Weights.top - gain`, so all are non-negative and the bypass costs
`top`; minimising the cost maximises the total gain. Mentees with the same gain for every mentor are
interchangeable, so they share one node (the many "any of these" rows of a spreadsheet cost nothing).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import TypeVar

import networkx as nx

from bot.domain.mentoring.fit import FIT_MAX, fit, room, suggest
from bot.domain.mentoring.model import Assignment, Fit, Mentee, Mentor, Plan

_Person = TypeVar("_Person", Mentee, Mentor)
Edge = tuple[str, int | None, Fit]  # (mentor, choice or None for "any of these", fit)


@dataclass(frozen=True)
class Weights:
    """The gain of one assignment is `matched + (first | second | third | 0) + fit score`.

    Each tier outweighs everything below it in any plan of at most `n` matched mentees, so the
    priorities are lexicographic. Take a tier T with weight W_T and let W_T' be the next tier down (0
    below third choices). Everything below T adds, per matched mentee, at most W_T' + FIT_MAX (a mentee
    has one choice rank and one fit), so at most R = n * (W_T' + FIT_MAX) over a plan, and at least 0.
    With W_T = R + 1, a plan with one more mentee in tier T gains at least W_T - R = 1 more than any plan
    equal above T, whatever happens below. Hence:

        third   = n * FIT_MAX + 1
        second  = n * (third + FIT_MAX) + 1
        first   = n * (second + FIT_MAX) + 1
        matched = n * (first + FIT_MAX) + 1

    With FIT_MAX = 16 and n = 500 (500 mentees and 150 mentors): third = 8,001, second = 4,008,501,
    first = 2,004,258,501, matched = 1,002,129,258,501; the whole flow costs at most n * top, about
    5.0e14. Python integers never overflow, and this stays below 2**53, so it would be exact even as
    float64 in another solver; with n = 2,000 it stays below int64 (about 5e17).
    """

    third: int
    second: int
    first: int
    matched: int

    @classmethod
    def for_at_most(cls, n: int) -> Weights:
        third = n * FIT_MAX + 1
        second = n * (third + FIT_MAX) + 1
        first = n * (second + FIT_MAX) + 1
        return cls(third, second, first, n * (first + FIT_MAX) + 1)

    @property
    def top(self) -> int:
        """The largest possible gain of one assignment; what leaving a mentee unmatched costs."""
        return self.matched + self.first + FIT_MAX

    def gain(self, choice: int | None, score: int) -> int:
        by_choice = {1: self.first, 2: self.second, 3: self.third}
        return self.matched + by_choice.get(choice or 0, 0) + score


def assign(
    mentees: Iterable[Mentee],
    mentors: Iterable[Mentor],
    taken: Mapping[str, int] | None = None,
    exclude: Collection[tuple[str, str]] = (),
) -> Plan:
    """The plan for everyone at once. `taken` counts the mentees each mentor already has; `exclude`
    holds (mentee, mentor) pairs never to make."""
    mentees_ = _by_id(mentees, "mentee")
    mentors_ = _by_id(mentors, "mentor")
    places = room(mentors_, taken)
    excluded = set(exclude)
    options = {m.user_id: _edges(m, mentors_, places, excluded) for m in mentees_}
    chosen = _solve(options, places, Weights.for_at_most(min(len(mentees_), sum(places.values()))))
    assignments = tuple(
        next(Assignment(mentee, m, choice, f) for m, choice, f in options[mentee] if m == mentor)
        for mentee, mentor in sorted(chosen.items())
    )
    unmatched = tuple(m.user_id for m in mentees_ if m.user_id not in chosen)
    return Plan(assignments, unmatched)


def _by_id(people: Iterable[_Person], what: str) -> list[_Person]:
    ordered = sorted(people, key=lambda p: p.user_id)
    for a, b in pairwise(ordered):
        if a.user_id == b.user_id:
            raise ValueError(f"{what} {a.user_id} appears twice")
    return ordered


def _edges(
    mentee: Mentee, mentors: list[Mentor], places: Mapping[str, int], excluded: set[tuple[str, str]]
) -> list[Edge]:
    """The mentors this mentee may have, in mentor order, each with its choice rank and fit."""
    return [
        (m.user_id, mentee.rank_of(m.user_id), fit(mentee, m))
        for m in mentors
        if m.user_id in places
        and m.user_id != mentee.user_id
        and (mentee.user_id, m.user_id) not in excluded
        and (mentee.open_to_any or m.user_id in mentee.choices)
    ]


def _solve(options: Mapping[str, list[Edge]], places: Mapping[str, int], w: Weights) -> dict[str, str]:
    """mentee -> mentor for the plan of greatest total gain."""
    groups = _interchangeable(options, w)
    if not any(gains for _, gains in groups):
        return {}
    graph = nx.DiGraph()
    graph.add_node("source", demand=-len(options))
    graph.add_node("sink", demand=len(options))
    graph.add_edge("source", "sink", capacity=len(options), weight=w.top)
    for mentor, count in places.items():
        graph.add_edge(("mentor", mentor), "sink", capacity=count, weight=0)
    for index, (members, gains) in enumerate(groups):
        graph.add_edge("source", ("mentees", index), capacity=len(members), weight=0)
        for mentor, gain in gains:
            size = min(len(members), places[mentor])
            graph.add_edge(("mentees", index), ("mentor", mentor), capacity=size, weight=w.top - gain)
    _, flow = nx.network_simplex(graph)
    chosen: dict[str, str] = {}
    for index, (members, _) in enumerate(groups):
        waiting = iter(members)
        for (_, mentor), units in sorted(flow[("mentees", index)].items()):
            chosen.update((next(waiting), mentor) for _ in range(units))
    return chosen


Gains = tuple[tuple[str, int], ...]


def _interchangeable(options: Mapping[str, list[Edge]], w: Weights) -> list[tuple[list[str], Gains]]:
    """Mentees grouped by their gain for every mentor (sorted, so the same input gives the same graph)."""
    keyed = sorted(
        (tuple((mentor, w.gain(choice, f.score)) for mentor, choice, f in edges), mentee)
        for mentee, edges in options.items()
    )
    return [(list(mentee for _, mentee in rows), gains) for gains, rows in groupby(keyed, key=lambda r: r[0])]


def assign_one(
    mentee: Mentee,
    mentors: Iterable[Mentor],
    taken: Mapping[str, int] | None = None,
    declined: Collection[str] = (),
    any_mentor: bool = False,
) -> Assignment | None:
    """A late joiner (or a mentee after a decline or a timeout) against the places left: their first
    ranked choice with room who has not declined them; then, if they said "any of these" or
    `any_mentor`, the best fit with room; else None."""
    mentors = list(mentors)
    places = room(mentors, taken)
    by_id = {m.user_id: m for m in mentors}
    for rank, mentor in enumerate(mentee.choices, start=1):
        if mentor in places and mentor not in declined:
            return Assignment(mentee.user_id, mentor, rank, fit(mentee, by_id[mentor]))
    if mentee.open_to_any or any_mentor:
        best = suggest(mentee, mentors, taken, declined, limit=1)
        if best:
            return Assignment(mentee.user_id, best[0].mentor.user_id, None, best[0].fit)
    return None
