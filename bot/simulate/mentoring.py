"""Mentoring in a simulated program, through the services `/mentor`'s forms and buttons call.

- On the first morning the lead opens a matching window for `WINDOW_DAYS`; every mentor signs up with the
  capacity given, their interests as topics, meeting weekly; every intern gives their interests as goals
  and ranks the top three mentors shown (and "any of these").
- When a request reaches a mentor, they accept with the mentor accept rate and decline otherwise (the
  mentee then moves on at once, as in Slack); decided per pair from the seed.
- Each session check-in posted is answered "We met" with the session rate, "Not this time" otherwise, by
  the mentee or the mentor (decided per pair and number from the seed).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.domain.mentoring.forms import Goals, Volunteering
from bot.domain.mentoring.model import MAX_GOALS
from bot.domain.mentoring.schedule import Cadence
from bot.runtime import Runtime
from bot.sandbox.people import LEAD_ID, SandboxPerson
from bot.services.mentoring import preferences, proposals, sessions, volunteer
from bot.services.mentoring.matching import open_window
from bot.services.mentoring.ports import CheckinAnswer, PairStatus

WINDOW_DAYS = 2  # the window closes at the end of the program's third day (UTC)
TOPICS = 5
LOOK_AHEAD = 3
REQUESTS_SENT_BY = ("mentor requests sent", "mentor requests expired", "mentees matched late")


class SimulatedMentoring:
    def __init__(
        self,
        runtime: Runtime,
        team_id: str,
        seed: int,
        capacity: int,
        accept_rate: float,
        session_rate: float,
    ) -> None:
        self.runtime, self.team_id, self.seed = runtime, team_id, seed
        self.capacity, self.accept_rate, self.session_rate = capacity, accept_rate, session_rate
        self.answered: set[int] = set()  # pairs whose request was answered
        self.next_checkin: dict[int, int] = {}  # pair -> the number of its next check-in to answer

    def start(self, mentors: list[SandboxPerson], interns: list[SandboxPerson], now: datetime) -> None:
        uow = self.runtime.unit_of_work
        until = (now + timedelta(days=WINDOW_DAYS)).date()
        change = open_window(uow, self.team_id, LEAD_ID, until, "UTC", now)
        if change.window is None:
            raise ValueError(f"the simulated lead could not open matching: {change.refusal}")
        for mentor in mentors:
            given = Volunteering(self.capacity, tuple(mentor.interests[:TOPICS]), Cadence.WEEKLY)
            volunteer.volunteer(uow, self.team_id, mentor.id, given, now)
        messenger = self.runtime.messengers.mentoring(self.team_id)
        for intern in interns:
            goals = Goals(tuple(intern.interests[:MAX_GOALS]), None)
            if preferences.save_goals(uow, self.team_id, intern.id, goals, now) is not None:
                continue
            shown = preferences.suggestions_for(uow, messenger, self.team_id, intern.id)
            picked = tuple(s.user_id for s in shown[:3])
            preferences.save_ranking(uow, self.team_id, intern.id, picked, True, now)

    def act(self, now: datetime, done: Mapping[str, int]) -> None:
        """After a tick's due work (`done`, by job): mentors answer the requests that reached them (a decline
        asks the next mentor at once, so until none is left); the pairs answer their check-ins."""
        if any(done.get(job, 0) > 0 for job in REQUESTS_SENT_BY):
            while self._answer_requests(now):
                pass
        if done.get("mentoring check-ins sent", 0) > 0:
            self._answer_checkins(now)

    def _answer_requests(self, now: datetime) -> int:
        with self.runtime.unit_of_work() as work:
            pairs = work.mentoring.team_pairs(self.team_id)
        waiting = [
            p
            for p in pairs
            if p.status is PairStatus.PROPOSED and p.requested_at and p.id not in self.answered
        ]
        uow, messenger = self.runtime.unit_of_work, self.runtime.messengers.mentoring(self.team_id)
        for pair in waiting:
            self.answered.add(pair.id)
            if random.Random(f"{self.seed}:mentor:{pair.id}").random() < self.accept_rate:
                proposals.accept(uow, messenger, self.team_id, pair.id, pair.mentor_id, now)
            else:
                proposals.decline(uow, messenger, self.team_id, pair.id, pair.mentor_id, "", now)
        return len(waiting)

    def _answer_checkins(self, now: datetime) -> None:
        with self.runtime.unit_of_work() as work:
            pairs = [p for p in work.mentoring.team_pairs(self.team_id) if p.status is PairStatus.ACCEPTED]
            waiting = work.mentoring.waiting_checkins(self.team_id)
        posted = []
        for pair in pairs:  # a pair that missed ticks gets only the latest check-in: look a few ahead
            first = self.next_checkin.get(pair.id, 1)
            numbers = [n for n in waiting.get(pair.id, ()) if first <= n <= first + LOOK_AHEAD]
            if numbers:
                posted.append((pair, numbers[-1]))
        uow = self.runtime.unit_of_work
        messenger = self.runtime.messengers.mentoring(self.team_id)
        followups = self.runtime.messengers.followups(self.team_id)
        for pair, number in posted:
            self.next_checkin[pair.id] = number + 1
            rng = random.Random(f"{self.seed}:session:{pair.id}:{number}")
            answer = CheckinAnswer.MET if rng.random() < self.session_rate else CheckinAnswer.NOT_THIS_TIME
            who = pair.mentee_id if rng.random() < 0.5 else pair.mentor_id
            sessions.answer_checkin(
                uow, messenger, followups, self.team_id, pair.id, number, who, answer, now
            )
