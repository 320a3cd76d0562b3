"""One database transaction around a piece of domain work."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from bot.services.ports import Forgettable
from storage.coffee.participation import SqlParticipationRepository
from storage.coffee.pools import SqlPoolRepository
from storage.coffee.rounds import SqlRoundRepository
from storage.due_work import SqlDueWorkRepository
from storage.events.events import SqlEventRepository
from storage.followups.meetings import SqlFollowUpRepository
from storage.help.asks import SqlAskRepository
from storage.help.kudos import SqlKudosRepository
from storage.help.offers import SqlOfferRepository
from storage.help.updates import SqlUpdateRepository
from storage.introductions.requests import SqlIntroductionRepository
from storage.keep_in_touch.connections import SqlKeepInTouchRepository
from storage.membership.holds import SqlMemberHolds
from storage.membership.seen_events import SqlSeenEventRepository
from storage.membership.welcomes import SqlWelcomeRepository
from storage.mentoring.repository import SqlMentoringRepository
from storage.people.cards import SqlProfileCardRepository
from storage.people.directory import SqlDirectoryRepository
from storage.people.invites import SqlProfileInviteRepository
from storage.people.members import SqlMemberRepository
from storage.people.profiles import SqlProfileRepository
from storage.program.facts import SqlProgramRepository
from storage.program.workspace_settings import SqlWorkspaceSettings
from storage.scheduling.hours import SqlWorkingHoursRepository
from storage.scheduling.repository import SqlSchedulingRepository
from storage.slack_tables import SqlOAuthStateRepository


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()` — anything not committed is rolled back on exit.

    Reusable: each `with` block opens a fresh session.
    """

    members: SqlMemberRepository
    directory: SqlDirectoryRepository
    profiles: SqlProfileRepository
    followups: SqlFollowUpRepository
    pools: SqlPoolRepository
    participation: SqlParticipationRepository
    rounds: SqlRoundRepository
    introductions: SqlIntroductionRepository
    profile_invites: SqlProfileInviteRepository
    profile_cards: SqlProfileCardRepository
    welcomes: SqlWelcomeRepository
    program: SqlProgramRepository
    keep_in_touch: SqlKeepInTouchRepository
    workspace_settings: SqlWorkspaceSettings
    seen_events: SqlSeenEventRepository
    oauth_states: SqlOAuthStateRepository
    events: SqlEventRepository
    asks: SqlAskRepository
    kudos: SqlKudosRepository
    offers: SqlOfferRepository
    updates: SqlUpdateRepository
    due_work: SqlDueWorkRepository
    member_holds: SqlMemberHolds
    mentoring: SqlMentoringRepository
    scheduling: SqlSchedulingRepository
    working_hours: SqlWorkingHoursRepository

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work is already in use")
        self._session = self._session_factory()
        self.members = SqlMemberRepository(self._session)
        self.directory = SqlDirectoryRepository(self._session)
        self.profiles = SqlProfileRepository(self._session)
        self.followups = SqlFollowUpRepository(self._session)
        self.pools = SqlPoolRepository(self._session)
        self.participation = SqlParticipationRepository(self._session)
        self.rounds = SqlRoundRepository(self._session)
        self.introductions = SqlIntroductionRepository(self._session)
        self.profile_invites = SqlProfileInviteRepository(self._session)
        self.profile_cards = SqlProfileCardRepository(self._session)
        self.welcomes = SqlWelcomeRepository(self._session)
        self.program = SqlProgramRepository(self._session)
        self.keep_in_touch = SqlKeepInTouchRepository(self._session)
        self.workspace_settings = SqlWorkspaceSettings(self._session)
        self.seen_events = SqlSeenEventRepository(self._session)
        self.oauth_states = SqlOAuthStateRepository(self._session)
        self.events = SqlEventRepository(self._session)
        self.asks = SqlAskRepository(self._session)
        self.kudos = SqlKudosRepository(self._session)
        self.offers = SqlOfferRepository(self._session)
        self.updates = SqlUpdateRepository(self._session)
        self.due_work = SqlDueWorkRepository(self._session)
        self.member_holds = SqlMemberHolds(self._session)
        self.mentoring = SqlMentoringRepository(self._session)
        self.scheduling = SqlSchedulingRepository(self._session)
        self.working_hours = SqlWorkingHoursRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._session

    def commit(self) -> None:
        self.session.commit()

    def forgettable(self) -> Sequence[Forgettable]:
        """What a member's data is removed from; the order keeps foreign keys satisfied."""
        return (
            self.welcomes,
            self.scheduling,
            self.working_hours,
            self.mentoring,
            self.events,
            self.asks,
            self.kudos,
            self.offers,
            self.updates,
            self.program,
            self.keep_in_touch,
            self.workspace_settings,
            self.profile_invites,
            self.profile_cards,
            self.followups,
            self.introductions,
            self.rounds,
            self.participation,
            self.profiles,
            self.members,
            self.directory,
            self.member_holds,
        )

    def rollback(self) -> None:
        self.session.rollback()
