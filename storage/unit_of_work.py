"""One database transaction around a piece of domain work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Generic, Self, TypeVar, overload

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

R = TypeVar("R")


class _Repository(Generic[R]):
    """A repository of the unit of work's session, made when first used in a `with` block (most blocks use
    one or two of the many) and kept until the block ends."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        _REPOSITORY_NAMES.append(name)

    @overload
    def __get__(self, work: None, owner: type) -> _Repository[R]: ...
    @overload
    def __get__(self, work: SqlUnitOfWork, owner: type) -> R: ...
    def __get__(self, work: SqlUnitOfWork | None, owner: type) -> R | _Repository[R]:
        if work is None:
            return self
        repository = self._make(work.session)
        work.__dict__[self._name] = repository  # found there from now on, until the block ends
        return repository


_REPOSITORY_NAMES: list[str] = []


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()` — anything not committed is rolled back on exit.

    Reusable: each `with` block opens a fresh session.
    """

    members = _Repository(SqlMemberRepository)
    directory = _Repository(SqlDirectoryRepository)
    profiles = _Repository(SqlProfileRepository)
    followups = _Repository(SqlFollowUpRepository)
    pools = _Repository(SqlPoolRepository)
    participation = _Repository(SqlParticipationRepository)
    rounds = _Repository(SqlRoundRepository)
    introductions = _Repository(SqlIntroductionRepository)
    profile_invites = _Repository(SqlProfileInviteRepository)
    profile_cards = _Repository(SqlProfileCardRepository)
    welcomes = _Repository(SqlWelcomeRepository)
    program = _Repository(SqlProgramRepository)
    keep_in_touch = _Repository(SqlKeepInTouchRepository)
    workspace_settings = _Repository(SqlWorkspaceSettings)
    seen_events = _Repository(SqlSeenEventRepository)
    oauth_states = _Repository(SqlOAuthStateRepository)
    events = _Repository(SqlEventRepository)
    asks = _Repository(SqlAskRepository)
    kudos = _Repository(SqlKudosRepository)
    offers = _Repository(SqlOfferRepository)
    updates = _Repository(SqlUpdateRepository)
    due_work = _Repository(SqlDueWorkRepository)
    member_holds = _Repository(SqlMemberHolds)
    mentoring = _Repository(SqlMentoringRepository)
    scheduling = _Repository(SqlSchedulingRepository)
    working_hours = _Repository(SqlWorkingHoursRepository)

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work is already in use")
        self._session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        for name in _REPOSITORY_NAMES:  # made for this block's session
            self.__dict__.pop(name, None)
        if session is not None:
            session.close()  # rolls back what was not committed

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
