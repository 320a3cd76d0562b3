"""What simulated people do: answer each check-in once, through the service the check-in buttons call.

A group meets with the stated probability (decided per group from the seed, so the same seed gives the
same answers whatever order the groups are seen in); one of its members, chosen the same way, presses
"We met" or, when the group did not meet, "Not this time".
"""

from __future__ import annotations

import random
from datetime import datetime

from bot.domain.coffee.model import CheckinAnswer
from bot.runtime import Runtime
from bot.services.coffee.checkins import answer_checkin


class People:
    def __init__(self, runtime: Runtime, team_id: str, meet_rate: float, seed: int) -> None:
        self.runtime, self.team_id, self.meet_rate, self.seed = runtime, team_id, meet_rate, seed
        self.answered: set[int] = set()

    def answer_checkins(self, now: datetime) -> int:
        """Answer every check-in posted and not answered yet; returns how many were answered."""
        with self.runtime.unit_of_work() as work:
            rounds = [work.rounds.latest(pool.id) for pool in work.pools.all()]
            groups = [g for r in rounds if r is not None for g in work.rounds.groups(r.id)]
        answered = 0
        for group in groups:
            if group.checkin_ts is None or group.answer is not None or group.id in self.answered:
                continue
            self.answered.add(group.id)
            met, who = decide(self.seed, group.id, group.members, self.meet_rate)
            answer = CheckinAnswer.MET if met else CheckinAnswer.NOT_THIS_TIME
            messenger = self.runtime.messengers.followups(self.team_id)
            result = answer_checkin(
                self.runtime.unit_of_work, messenger, self.team_id, group.id, who, answer, now
            )
            answered += result.stored
        return answered


def decide(seed: int, group_id: int, members: tuple[str, ...], meet_rate: float) -> tuple[bool, str]:
    """Whether the group met, and which member answers: the same for the same seed and group."""
    rng = random.Random(f"{seed}:{group_id}")
    return rng.random() < meet_rate, members[rng.randrange(len(members))]
