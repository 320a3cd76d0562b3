"""Sharing updates: the monthly prompt, the drafts, posting in the introductions channel, and the
one-line notices to the people the intern met (at most one DM a week each, several folded into one)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.help.updates import (
    WEEK,
    WEEKLY_LIMIT,
    Acquaintance,
    Sharer,
    UpdateKind,
    check_update,
    draft_farewell,
    draft_update,
    helped_most,
    may_share,
    month_of,
    prompt_due,
    prompt_month_open,
    sharers,
    week_of,
    weekly_limit_text,
)
from bot.domain.keep_in_touch import Internship, internship_of, local_day, next_morning, working_morning
from bot.domain.privacy import is_anonymous
from bot.domain.time import first_local_moment, next_quarter_hour
from bot.services.help.ports import PromptState, UpdateMessenger, UpdateSettings
from bot.services.people import directory
from bot.services.ports import ChannelPurpose, Due, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort
from bot.services.workspace_channels import channel_for

LEASE_SECONDS = 600
FAREWELL_KEY = "farewell"
NEVER_PROMPTED = PromptState(on=True, month=None)  # a member without a settings row: prompts are on
NOT_AN_INTERN = "Sharing updates is for interns during their internship (and a month after it ends)."
log = logging.getLogger(__name__)


# The member's switches


def update_settings(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> UpdateSettings:
    with uow() as work:
        return work.updates.settings(team_id, user_id)


def update_switches(
    uow: UnitOfWorkFactory, team_id: str, user_id: str, now: datetime
) -> tuple[UpdateSettings, bool]:
    """The member's switches, and whether they are an intern who may share (the prompt's switch is theirs)."""
    with uow() as work:
        return work.updates.settings(team_id, user_id), may_share(
            _internship(work, team_id, user_id), now.date()
        )


def set_update_prompts(uow: UnitOfWorkFactory, team_id: str, user_id: str, on: bool) -> None:
    with uow() as work:
        work.updates.set_prompts(team_id, user_id, on)
        work.commit()


def set_update_notices(uow: UnitOfWorkFactory, team_id: str, user_id: str, on: bool) -> None:
    with uow() as work:
        work.updates.set_notices(team_id, user_id, on)
        work.commit()


def shared_by(uow: UnitOfWorkFactory, team_id: str) -> list[Sharer]:
    """Who shared updates and farewells in the workspace, for the program view and `rapport stats`."""
    with uow() as work:
        posted = work.updates.posted(team_id)
    return sharers([(f.user_id, f.kind, f.posted_at) for f in posted])


# The monthly prompt


def send_update_prompts(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], UpdateMessenger], now: datetime
) -> int:
    """Ask each intern once a month, on a working morning of theirs, during the internship.

    One read finds the interns whose month is open on any zone's date; only they cost more reads.
    """
    sent = 0
    for team_id, (waiting, met) in _waiting_prompts(uow, now)[0].items():
        messenger = messenger_for(team_id)
        zones = directory.timezones(uow, messenger, team_id, [user_id for user_id, _, _ in waiting], now)
        for user_id, internship, previous in waiting:
            if user_id in zones:  # Slack knows them
                sent += _prompt(
                    uow, messenger, team_id, user_id, met[user_id], internship, previous, zones[user_id], now
                )
    return sent


Waiting = list[tuple[str, Internship, str | None]]  # (intern, internship, the month last asked)


def _waiting_prompts(
    uow: UnitOfWorkFactory, now: datetime
) -> tuple[dict[str, tuple[Waiting, dict[str, int]]], list[datetime]]:
    """By workspace: interns whose month is open on some zone's date and who met someone (one read for the
    interns, one per workspace for whom they met), with how many people each met; and when each other
    intern's next month opens."""
    open_now, later = _prompt_months(uow, now)
    met = _met_counts(uow, [(team_id, user_id) for team_id, user_id, _, _ in open_now])
    found: dict[str, tuple[Waiting, dict[str, int]]] = {}
    for team_id, user_id, internship, previous in open_now:
        if met[team_id, user_id]:  # nobody met yet: nothing to share
            waiting, counts = found.setdefault(team_id, ([], {}))
            waiting.append((user_id, internship, previous))
            counts[user_id] = met[team_id, user_id]
    return found, later


def next_prompt(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The next working morning, in their zone, of an intern who met someone and whose month is open (one
    due now and still unasked: the next quarter hour); else when the next intern's month opens anywhere (an
    intern's first meeting wakes the job: `record_meeting`)."""
    waiting_by_team, later = _waiting_prompts(uow, now)
    times = [max(at, next_quarter_hour(now)) for at in later]
    for team_id, (waiting, _) in waiting_by_team.items():
        zones = directory.timezones(uow, None, team_id, [user_id for user_id, _, _ in waiting], now)
        for user_id, _, _ in waiting:
            morning = next_morning(now, zones.get(user_id))
            times.append(morning if morning > now else next_quarter_hour(now))
    return min(times, default=None)


def _prompt_months(
    uow: UnitOfWorkFactory, now: datetime
) -> tuple[list[tuple[str, str, Internship, str | None]], list[datetime]]:
    """Interns whose prompt month is open on any zone's date (before asking Slack), and when each other
    intern's next month opens."""
    around = {(now + timedelta(hours=h)).date() for h in (-14, 0, 14)}
    with uow() as work:
        prompts = work.updates.prompts()
        interns = work.keep_in_touch.interns()
    open_now, later = [], []
    for team_id, user_id, internship in interns:
        prompt = prompts.get((team_id, user_id), NEVER_PROMPTED)
        if not prompt.on:
            continue
        if any(prompt_month_open(internship, day, prompt.month) for day in around):
            open_now.append((team_id, user_id, internship, prompt.month))
        elif (opens := _next_month_opens(internship, now.date())) is not None:
            later.append(first_local_moment(opens))
    return open_now, later


def _next_month_opens(internship: Internship, today: date) -> date | None:
    """The internship's first day if it is yet to come, else the first of next month, if still within it."""
    if internship.start is None or internship.end is None:
        return None
    day = (
        internship.start
        if internship.start > today
        else (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    )
    return day if day <= internship.end else None


def _met_counts(uow: UnitOfWorkFactory, members: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """How many people each member has met (forgotten people not counted), one read per workspace."""
    by_team: dict[str, list[str]] = {}
    for team_id, user_id in members:
        by_team.setdefault(team_id, []).append(user_id)
    with uow() as work:
        return {
            (team_id, user_id): _known(others)
            for team_id, users in by_team.items()
            for user_id, others in work.followups.people_met(team_id, users).items()
        }


def _prompt(
    uow: UnitOfWorkFactory,
    messenger: UpdateMessenger,
    team_id: str,
    user_id: str,
    met: int,
    internship: Internship,
    previous: str | None,
    timezone: str | None,
    now: datetime,
) -> int:
    today = local_day(now, timezone)
    if not working_morning(now, timezone) or not prompt_due(internship, today, previous, met):
        return 0
    month = month_of(today)
    with uow() as work:
        if not work.updates.claim_prompt(team_id, user_id, month, previous):
            return 0
        work.commit()
    try:
        messenger.prompt_update(user_id, met)
    except SlackError as error:
        log.warning("update prompt to %s not sent (%s); tried again at a later tick", user_id, error.code)
        with uow() as work:
            work.updates.release_prompt(team_id, user_id, month, previous)
            work.commit()
        return 0
    return 1


# Drafts


@dataclass(frozen=True)
class Draft:
    kind: UpdateKind
    text: str


def draft_for(
    uow: UnitOfWorkFactory, team_id: str, user_id: str, kind: UpdateKind, now: datetime
) -> Draft | None:
    """The drafted update or farewell, or None when the member may not share one."""
    with uow() as work:
        if not may_share(_internship(work, team_id, user_id), now.date()):
            return None
        profile = work.profiles.get(team_id, user_id)
        working_on = profile.working_on if profile else None
        if kind is UpdateKind.UPDATE:
            return Draft(kind, draft_update(working_on, _met(work, team_id, user_id)))
        people = [
            Acquaintance(e.other_user_id, e.times, e.last_met.date())
            for e in work.followups.network(team_id, user_id)
            if not is_anonymous(e.other_user_id)
        ]
        contact = work.keep_in_touch.contact(team_id, user_id)
    return Draft(kind, draft_farewell(working_on, helped_most(people), contact))


# Posting


@dataclass(frozen=True)
class ShareCheck:
    """Where the update goes, or what stops it: `field_error` belongs to the modal's text box."""

    text: str | None = None
    channel: str | None = None
    error: str | None = None
    field_error: str | None = None


def check_share(
    uow: UnitOfWorkFactory, team_id: str, user_id: str, text: str, fallback: str | None, now: datetime
) -> ShareCheck:
    """Before anything is posted: the text, the member's right to share, and a channel to share in."""
    checked, problem = check_update(text)
    if checked is None:
        return ShareCheck(field_error=problem)
    with uow() as work:
        if not may_share(_internship(work, team_id, user_id), now.date()):
            return ShareCheck(error=NOT_AN_INTERN)
    channel = channel_for(uow, team_id, ChannelPurpose.INTROS, fallback)
    if channel is None:
        return ShareCheck(error=NO_CHANNEL)
    return ShareCheck(text=checked, channel=channel)


NO_CHANNEL = (
    "There is no introductions channel to post in yet, so I didn't share anything. "
    "Ask an admin to set one with `/coffee setup intros #channel`."
)


def share_update(
    uow: UnitOfWorkFactory,
    messenger: UpdateMessenger,
    team_id: str,
    user_id: str,
    kind: UpdateKind,
    share_key: str,
    check: ShareCheck,
    now: datetime,
    weekly_limit: int = WEEKLY_LIMIT,
) -> str | None:
    """Post a checked update once per share key and owe each connection a line; returns the
    permalink (None when nothing was posted). The member is told either way."""
    if check.text is None or check.channel is None:
        messenger.tell(user_id, check.error or check.field_error or NO_CHANNEL)
        return None
    with uow() as work:
        done = work.updates.shared(team_id, user_id, share_key)
        too_many = done is None and _over_weekly_limit(work, team_id, user_id, kind, weekly_limit, now)
        update_id = (
            None
            if done or too_many
            else work.updates.claim_share(team_id, user_id, kind, share_key, check.channel, now)
        )
        work.commit()
    if too_many:
        messenger.tell(user_id, weekly_limit_text(weekly_limit))
        return None
    if done is not None or update_id is None:
        messenger.tell(user_id, _already(kind, done.permalink if done else None))
        return None
    try:
        ts = messenger.post_update(check.channel, user_id, kind, check.text)
    except SlackError as error:
        with uow() as work:
            work.updates.release_share(update_id)
            work.commit()
        messenger.tell(user_id, _refused(check.channel, error.code))
        return None
    permalink = None
    with best_effort():
        permalink = messenger.permalink(check.channel, ts)
    with uow() as work:
        recipients = [e.other_user_id for e in work.followups.network(team_id, user_id)]
        recipients = [r for r in recipients if not is_anonymous(r)]
        off = work.updates.notices_off(team_id, recipients)
        work.updates.mark_posted(update_id, ts, permalink, [r for r in recipients if r not in off], now)
        work.due_work.wake(Due.NOTICES, now)
        work.commit()
    shared = f"<{permalink}|your post>" if permalink else "your post"
    with best_effort():
        messenger.tell(
            user_id,
            f"Shared in <#{check.channel}> — here's {shared}. The people you've met will hear about it.",
        )
    return permalink or ""


def _over_weekly_limit(
    work: UnitOfWork, team_id: str, user_id: str, kind: UpdateKind, limit: int, now: datetime
) -> bool:
    """Updates (a farewell is once anyway) shared in the last 7 days, counted while the member's hold row
    is locked, so two forms submitted at once cannot both pass."""
    if kind is not UpdateKind.UPDATE:
        return False
    work.member_holds.hold(team_id, user_id, now)
    return work.updates.shared_since(team_id, user_id, kind, now - WEEK) >= limit


def _already(kind: UpdateKind, permalink: str | None) -> str:
    what = "Your farewell post" if kind is UpdateKind.FAREWELL else "That update"
    where = f": <{permalink}|see it here>" if permalink else ""
    return f"{what} is already shared{where}."


def _refused(channel: str, code: str) -> str:
    if code in ("not_in_channel", "channel_not_found", "is_archived"):
        return (
            f"I couldn't post in <#{channel}> ({code}), so nothing was shared. "
            "Ask an admin to invite me there (`/invite @Rapport`) or to set another channel, then try again."
        )
    return f"Slack refused the post ({code}), so nothing was shared. Please try again in a minute."


# Weekly notices


def next_notice(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """While someone is owed a line, the next quarter hour (their morning may begin); sharing an update wakes
    the job."""
    with uow() as work:
        waiting = work.updates.waiting()
    return next_quarter_hour(now) if waiting else None


def send_update_notices(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], UpdateMessenger], now: datetime
) -> int:
    """Each recipient's waiting lines, folded into one DM, at most one DM a week, on a working morning."""
    with uow() as work:
        waiting = work.updates.waiting()
    return sum(
        _notify(uow, messenger_for(team_id), team_id, recipient, now) for team_id, recipient in waiting
    )


def _notify(
    uow: UnitOfWorkFactory, messenger: UpdateMessenger, team_id: str, recipient: str, now: datetime
) -> int:
    try:
        timezone = directory.member(uow, messenger, team_id, recipient, now).tz
    except SlackError:
        return 0
    if not working_morning(now, timezone):
        return 0
    week = week_of(local_day(now, timezone))
    with uow() as work:
        digest_id = work.updates.claim_digest(team_id, recipient, week, now, LEASE_SECONDS)
        work.commit()
    if digest_id is None:
        return 0  # this week's DM went out already: the lines wait for next week's
    with uow() as work:
        updates = work.updates.digest_updates(digest_id)
    if updates:
        try:
            messenger.send_notices(recipient, updates)
        except SlackError as error:
            log.warning("update notices to %s not sent (%s); tried again later", recipient, error.code)
            return 0  # the claim lapses after the lease
    with uow() as work:
        work.updates.mark_digest_sent(digest_id, now)
        work.commit()
    return 1


# Shared


def _internship(work: UnitOfWork, team_id: str, user_id: str) -> Internship:
    return internship_of(work.members.get(team_id, user_id), work.profiles.get(team_id, user_id))


def _met(work: UnitOfWork, team_id: str, user_id: str) -> int:
    return _known(work.followups.people_met(team_id, [user_id])[user_id])


def _known(people: Iterable[str]) -> int:
    """How many of `people` are still known: a forgotten member's place does not count as someone met."""
    return sum(1 for other in people if not is_anonymous(other))
