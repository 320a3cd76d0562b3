"""What help (asks, kudos, offers, sharing updates) needs from storage and from Slack."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.help.asks import AskDraft, AskFact, AskStatus
from bot.domain.help.kudos import Kudos, KudosCounts, KudosFigures
from bot.domain.help.offers import Offer, OfferFigures
from bot.domain.help.updates import SharedUpdate, UpdateKind
from bot.domain.people.mentors import Mentor
from bot.services.ports import SlackMember


@dataclass(frozen=True)
class UpdateSettings:
    """A member's two switches: the monthly prompt (interns) and notices about the people they met."""

    prompts_on: bool
    notices_on: bool


@dataclass(frozen=True)
class PromptState:
    """Whether a member's monthly prompt is on, and the month it was last sent ("2026-06")."""

    on: bool
    month: str | None


@dataclass(frozen=True)
class UpdateFigure:
    """An update as the program view counts it."""

    user_id: str
    kind: UpdateKind
    posted_at: datetime


@dataclass(frozen=True)
class PostPlace:
    """Where Rapport posted what a member shared (an ask, an offer, an update): forgetting deletes it."""

    channel_id: str
    ts: str


class PostsOf(Protocol):
    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        """Where Rapport posted what this member shared, in Slack."""
        ...


class UpdateRepository(PostsOf, Protocol):
    def settings(self, team_id: str, user_id: str) -> UpdateSettings: ...

    def set_prompts(self, team_id: str, user_id: str, on: bool) -> None: ...

    def set_notices(self, team_id: str, user_id: str, on: bool) -> None: ...

    def notices_off(self, team_id: str, user_ids: Collection[str]) -> set[str]:
        """Those of `user_ids` who turned "updates from people I've met" off."""
        ...

    def prompts(self) -> dict[tuple[str, str], PromptState]:
        """Every stored prompt switch and month, by (team_id, user_id); members without a row have neither."""
        ...

    def claim_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> bool:
        """Stamp `month` if prompts are on and the stamp is still `previous`; True if this call won."""
        ...

    def release_prompt(self, team_id: str, user_id: str, month: str, previous: str | None) -> None:
        """Undo a claim whose prompt Slack refused."""
        ...

    def shared_since(self, team_id: str, user_id: str, kind: UpdateKind, since: datetime) -> int:
        """Shares of this kind the member claimed after `since` (posted, or being posted)."""
        ...

    def claim_share(
        self, team_id: str, user_id: str, kind: UpdateKind, share_key: str, channel_id: str, now: datetime
    ) -> int | None:
        """The new update's id, or None when this share key was claimed already."""
        ...

    def release_share(self, update_id: int) -> None: ...

    def mark_posted(
        self, update_id: int, ts: str, permalink: str | None, recipients: Collection[str], now: datetime
    ) -> None:
        """Stamp the post and owe each recipient a line about it."""
        ...

    def shared(self, team_id: str, user_id: str, share_key: str) -> SharedUpdate | None: ...

    def posted(self, team_id: str) -> list[UpdateFigure]:
        """Every update posted in the workspace, oldest first."""
        ...

    def shared_of(self, team_id: str, user_id: str) -> list[SharedUpdate]:
        """The member's posted updates, oldest first."""
        ...

    def waiting(self) -> list[tuple[str, str]]:
        """(team_id, recipient_id) of everyone owed a line that no notice DM carries yet."""
        ...

    def claim_digest(
        self, team_id: str, recipient_id: str, week: date, now: datetime, lease_seconds: int
    ) -> int | None:
        """Claim the recipient's notice DM of `week` with the lines waiting; None if it was claimed."""
        ...

    def digest_updates(self, digest_id: int) -> list[SharedUpdate]: ...

    def mark_digest_sent(self, digest_id: int, now: datetime) -> None: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class UpdateMessenger(Protocol):
    """The Slack calls of sharing updates, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def prompt_update(self, user_id: str, met: int) -> None:
        """DM the monthly "Share an update with the N people you've met" with its button."""
        ...

    def post_update(self, channel: str, author: str, kind: UpdateKind, text: str) -> str:
        """Post the update in the channel; returns its ts."""
        ...

    def permalink(self, channel: str, ts: str) -> str: ...

    def send_notices(self, recipient: str, updates: Sequence[SharedUpdate]) -> None:
        """The one line about the updates of people the recipient met."""
        ...

    def tell(self, user_id: str, text: str) -> None:
        """A short DM to the member about their update (posted, or why not)."""
        ...


@dataclass(frozen=True)
class HelpDm:
    """An "I can help" group DM: the ask's asker and one helper (`id`: that helper's row)."""

    id: int
    ask_id: int
    asker_id: str
    helper_id: str
    channel_id: str


@dataclass(frozen=True)
class Ask:
    id: int
    team_id: str
    asker_id: str
    question: str
    tags: tuple[str, ...]
    by_when: date | None
    channel_id: str
    status: AskStatus
    created_at: datetime
    message_ts: str | None = None
    helpers: tuple[str, ...] = ()  # who pressed I can help, in order


@dataclass(frozen=True)
class SuggestionPlace:
    """Where a private suggestion DM went, to close its buttons once answered."""

    channel_id: str
    ts: str


class AskMessenger(Protocol):
    """The Slack calls asks make, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def post_ask(self, ask: Ask) -> str:
        """Post the ask in its channel (joining a public channel first if need be); returns its ts."""
        ...

    def update_ask(self, ask: Ask) -> None:
        """Show the ask's status and helpers in place (chat.update)."""
        ...

    def suggest(self, user_id: str, ask: Ask) -> SuggestionPlace:
        """DM someone whose profile matches: I can help / Not this time."""
        ...

    def close_suggestion(self, place: SuggestionPlace, text: str) -> None: ...

    def open_help(self, ask: Ask, helper: str) -> str:
        """The group DM of asker and helper with a short opener; returns its ID."""
        ...

    def offer_asker(self, ask: Ask, helper: str, channel_id: str) -> None:
        """Tell the asker who offered, with Solved and Thank @helper."""
        ...

    def nudge_asker(self, ask: Ask) -> None: ...

    def tell_expired(self, ask: Ask) -> None: ...

    def send_thanks(self, ask: Ask, helper: str, text: str) -> None:
        """The asker's thank-you, as a DM to the helper."""
        ...


class AskRepository(PostsOf, Protocol):
    def add(self, team_id: str, asker_id: str, draft: AskDraft, channel_id: str, now: datetime) -> Ask: ...

    def set_message(self, ask_id: int, ts: str) -> None: ...

    def remove(self, ask_id: int) -> None:
        """An ask whose post Slack refused: nobody could see it, so it is not kept."""
        ...

    def get(self, team_id: str, ask_id: int) -> Ask | None: ...

    def naming(self, team_id: str, user_id: str) -> list[int]:
        """Others' posted asks whose post names the member (a helper, or a mention in the question)."""
        ...

    def open_count(self, team_id: str, asker_id: str) -> int:
        """The member's asks still open (neither solved nor expired)."""
        ...

    def opted_in(self, team_id: str) -> list[Mentor]:
        """Members who want to hear about asks that match what they know, with their profile."""
        ...

    def wants_asks(self, team_id: str, user_id: str) -> bool: ...

    def set_wants_asks(self, team_id: str, user_id: str, on: bool, now: datetime) -> None: ...

    def claim_suggestion(self, ask: Ask, user_id: str, now: datetime, limit: int, since: datetime) -> bool:
        """Count the member's suggestions since `since` under a lock on their opt-in, and insert this one
        while under `limit`; False when they opted out, are at the limit or were asked about this ask."""
        ...

    def set_suggestion_message(self, ask_id: int, user_id: str, place: SuggestionPlace) -> None: ...

    def release_suggestion(self, ask_id: int, user_id: str) -> None:
        """Slack refused the DM: it does not count against the member's week."""
        ...

    def was_asked(self, ask_id: int, user_id: str) -> bool:
        """Whether Rapport asked the member about this ask privately (a suggestion DM)."""
        ...

    def answer_suggestion(
        self, ask_id: int, user_id: str, answer: str, now: datetime
    ) -> SuggestionPlace | None:
        """Record helping/declined once; the DM's place when this was the first answer, else None."""
        ...

    def claim_helper(self, ask: Ask, user_id: str, now: datetime) -> bool:
        """Insert-once: True only for the member's first I can help on this ask."""
        ...

    def set_helper_channel(self, ask_id: int, user_id: str, channel_id: str) -> None: ...

    def helper_channel(self, ask_id: int, user_id: str) -> str | None: ...

    def help_dm(self, team_id: str, channel_id: str, ask_id: int | None = None) -> HelpDm | None:
        """The newest helper (of `ask_id`, when given) whose group DM with the asker is `channel_id`."""
        ...

    def close(self, ask_id: int, status: AskStatus, now: datetime) -> bool:
        """Open → solved or expired; False when it was not open any more (so everyone is told once)."""
        ...

    def to_nudge(self, since: datetime) -> list[Ask]:
        """Open asks created before `since` with no helper and no nudge yet, across workspaces."""
        ...

    def claim_nudge(self, ask_id: int, now: datetime) -> bool: ...

    def release_nudge(self, ask_id: int) -> None: ...

    def to_expire(self, before: datetime) -> list[Ask]:
        """Open asks created before `before`, across workspaces."""
        ...

    def facts(self, team_id: str) -> list[AskFact]: ...

    def records(self, team_id: str) -> Sequence[tuple[Ask, datetime | None, int]]:
        """Each ask with when its first helper came and how many people were asked privately."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class KudosRepository(Protocol):
    def add(self, team_id: str, from_user_id: str, to_user_id: str, text: str, now: datetime) -> Kudos: ...

    def set_message(self, kudos_id: int, channel_id: str, ts: str) -> None: ...

    def remove(self, kudos_id: int) -> None:
        """Slack took the thank-you nowhere: it does not count."""
        ...

    def sent_since(self, team_id: str, from_user_id: str, since: datetime) -> int: ...

    def counts(self, team_id: str, user_id: str) -> KudosCounts: ...

    def figures(self, team_id: str) -> KudosFigures: ...

    def all(self, team_id: str) -> list[Kudos]: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class KudosMessenger(Protocol):
    """The Slack calls kudos make, for one workspace."""

    def member(self, user_id: str) -> SlackMember: ...

    def post_kudos(self, channel_id: str, kudos: Kudos, in_dm: bool) -> tuple[str, str]:
        """Post the thank-you in the channel (joining it when Rapport is not in it yet), or, with `in_dm`,
        to the person thanked as a DM (`channel_id` is their user ID); returns (channel, ts)."""
        ...


@dataclass(frozen=True)
class OfferDm:
    """Book a chat's group DM: the booker and the person offering (`id`: the booking's row)."""

    id: int
    offer_id: int
    booker_id: str
    offerer_id: str
    channel_id: str


class OfferRepository(PostsOf, Protocol):
    def add(self, team_id: str, user_id: str, text: str, now: datetime) -> Offer: ...

    def set_message(self, offer_id: int, channel_id: str, ts: str) -> None: ...

    def get(self, team_id: str, offer_id: int) -> Offer | None: ...

    def current(self, team_id: str, user_id: str | None = None) -> list[Offer]:
        """Offers not taken down, oldest first; only the member's when `user_id` is given."""
        ...

    def changes_since(self, team_id: str, user_id: str, since: datetime) -> tuple[int, int]:
        """(offers added, offers taken down) by the member after `since`."""
        ...

    def remove(self, offer_id: int, now: datetime) -> bool:
        """Take it down; False when it was down already."""
        ...

    def all(self, team_id: str) -> list[Offer]:
        """Every offer, taken down or not, oldest first (the export)."""
        ...

    def bookings(self, team_id: str) -> dict[int, int]:
        """Chats booked per offer."""
        ...

    def record_booking(self, team_id: str, offer_id: int, booker: str, channel: str, now: datetime) -> None:
        """The group DM a booking opened (once per offer and booker; the meeting row claims it first)."""
        ...

    def booking_dm(self, team_id: str, channel_id: str, offer_id: int | None = None) -> OfferDm | None:
        """The newest booking (of `offer_id`, when given) whose group DM is `channel_id`."""
        ...

    def figures(self, team_id: str) -> OfferFigures: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class OfferMessenger(Protocol):
    """The Slack calls offers make, for one workspace."""

    def post_offer(self, channel_id: str, offer: Offer) -> str:
        """Post the offer with Book a chat (joining a public channel first if need be); returns its ts."""
        ...

    def close_offer(self, offer: Offer) -> None:
        """The offer was taken down: its post says so and loses the button."""
        ...

    def open_chat(self, offer: Offer, booker: str) -> str:
        """Open a group DM between the booker and the person offering, with an opener; its ID."""
        ...
