"""What simulated people do, each through the service the matching button or form calls.

- Check-ins: a group meets with the meet rate (decided per group from the seed, so the same seed gives
  the same answers whatever order the groups are seen in); one of its members, chosen the same way,
  presses "We met" or, when the group did not meet, "Not this time".
- Warm introductions: in the first week each intern, with the intro rate, looks for a mentor on one of
  their interests (`/intro mentors`' search) and asks for an introduction to one of those found; the
  mentor accepts with the accept rate and declines otherwise.
- Events: each intern says Going with the RSVP rate, each colleague or mentor with a quarter of it
  (`COLLEAGUES_RSVP`); asked "who did you meet?", an attendee names their table with the meet rate and
  answers "Nobody new" otherwise.
"""

from __future__ import annotations

import random
from datetime import datetime

from bot.domain.coffee.model import CheckinAnswer
from bot.domain.events import Reminder
from bot.domain.introductions import Answer as Consent
from bot.domain.people.mentors import Mentor
from bot.domain.people.person import Role
from bot.runtime import Runtime
from bot.services.coffee.checkins import answer_checkin
from bot.services.events.after import record_people_met
from bot.services.events.ports import Event
from bot.services.events.reminders import LOOK_BACK
from bot.services.events.rsvp import answer_event
from bot.services.introductions.proposals import answer
from bot.services.introductions.proposals import propose as propose_intro
from bot.services.people.mentors import search_mentors

COLLEAGUES_RSVP = 0.25  # colleagues and mentors come to an intern event at a quarter of interns' rate


class People:
    def __init__(
        self,
        runtime: Runtime,
        team_id: str,
        meet_rate: float,
        seed: int,
        rsvp_rate: float = 0.0,
        intro_rate: float = 0.0,
        accept_rate: float = 0.0,
    ) -> None:
        self.runtime, self.team_id, self.meet_rate, self.seed = runtime, team_id, meet_rate, seed
        self.rsvp_rate, self.intro_rate, self.accept_rate = rsvp_rate, intro_rate, accept_rate
        self.intros: list[bool] = []  # each introduction asked for: whether the mentor accepted
        self.answered: set[int] = set()
        self.said_who: set[tuple[int, str]] = set()

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

    def ask_for_mentors(self, interns: dict[str, tuple[str, ...]], now: datetime) -> int:
        """Interns (id -> interests) ask for a mentor introduction at the intro rate; returns how many did."""
        asked = 0
        uow, messenger = self.runtime.unit_of_work, self.runtime.messengers.introductions(self.team_id)
        for intern, interests in interns.items():
            rng = random.Random(f"{self.seed}:intro:{intern}")
            if not interests or rng.random() >= self.intro_rate:
                continue
            topic, found = self._find_mentors(intern, rng.sample(interests, len(interests)))
            if not found:
                continue
            mentor = rng.choice(found).user_id
            why = f"Looking for a mentor on {topic}."
            proposal = propose_intro(uow, messenger, self.team_id, intern, (intern, mentor), why, now)
            if proposal.intro is None:
                continue
            asked += 1
            accepts = rng.random() < self.accept_rate
            consent = Consent.ACCEPTED if accepts else Consent.DECLINED
            answer(uow, messenger, proposal.intro.id, mentor, consent, now)
            self.intros.append(accepts)
        return asked

    def _find_mentors(self, intern: str, topics: list[str]) -> tuple[str, list[Mentor]]:
        """The first of the intern's topics finding mentors, else the first topic `/intro mentors` offers."""
        search = None
        for topic in topics:
            search = search_mentors(self.runtime.unit_of_work, self.team_id, intern, topic)
            if search.found:
                return topic, search.found
        if search is None or not search.suggestions:
            return "", []
        offered = search.suggestions[0]
        return offered, search_mentors(self.runtime.unit_of_work, self.team_id, intern, offered).found

    def rsvp(self, event: Event, roles: dict[str, Role], now: datetime) -> int:
        """Everyone decides once whether to go (the same for the same seed); returns how many go."""
        going = 0
        messenger = self.runtime.messengers.events(self.team_id)
        for user_id, role in roles.items():
            rate = self.rsvp_rate if role is Role.INTERN else self.rsvp_rate * COLLEAGUES_RSVP
            if random.Random(f"{self.seed}:rsvp:{event.id}:{user_id}").random() < rate:
                answer_event(
                    self.runtime.unit_of_work,
                    messenger,
                    self.runtime.channel_access,
                    self.team_id,
                    event.id,
                    user_id,
                    True,
                    now,
                )
                going += 1
        return going

    def answer_who_met(self, now: datetime) -> int:
        """Answer every "who did you meet?" sent and not answered yet: the table, or nobody new."""
        with self.runtime.unit_of_work() as work:
            asked = [
                (a.event.id, a.user_id, work.events.table_of(a.event.id, a.user_id))
                for a in work.events.due_attendees(now, now - LOOK_BACK, now)
                if Reminder.WHO_MET in a.done and (a.event.id, a.user_id) not in self.said_who
            ]
        followups = self.runtime.messengers.followups(self.team_id)
        for event_id, user_id, table in asked:
            self.said_who.add((event_id, user_id))
            met = random.Random(f"{self.seed}:met:{event_id}:{user_id}").random() < self.meet_rate
            named = [u for u in table if u != user_id] if met else []
            record_people_met(
                self.runtime.unit_of_work, followups, self.team_id, event_id, user_id, named, now
            )
        return len(asked)


def decide(seed: int, group_id: int, members: tuple[str, ...], meet_rate: float) -> tuple[bool, str]:
    """Whether the group met, and which member answers: the same for the same seed and group."""
    rng = random.Random(f"{seed}:{group_id}")
    return rng.random() < meet_rate, members[rng.randrange(len(members))]
