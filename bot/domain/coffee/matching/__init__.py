"""Coffee-chat matching: pure, deterministic for a given ``random.Random``.

The app calls ``match``; ``pair_score`` is the weight it maximises, exposed for the benchmark.
"""

from bot.domain.coffee.matching.engine import match
from bot.domain.coffee.matching.types import Candidate, Group, Matching, MatchingHistory, Unmatched
from bot.domain.coffee.matching.weights import next_round, pair_score

__all__ = [
    "Candidate",
    "Group",
    "Matching",
    "MatchingHistory",
    "Unmatched",
    "match",
    "next_round",
    "pair_score",
]
