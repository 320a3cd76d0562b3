"""The internship recap: five working days before the end, everyone the intern met, once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot.domain.followups import MetPerson, NetworkRow, ThankYou, draft_thank_you, network_csv, teams_reached
from bot.domain.help.updates import Acquaintance, draft_farewell, helped_most
from bot.domain.keep_in_touch import due_on, first_morning_on, internship_of, recap_day, worth_thanking
from bot.domain.privacy import is_anonymous
from bot.domain.time import first_local_moment, next_quarter_hour
from bot.services.keep_in_touch.ports import RECAP_CSV_PREFIX, KeepInTouchMessenger, Recap
from bot.services.people import directory
from bot.services.ports import SlackError, UnitOfWorkFactory

CLAIM_LEASE_SECONDS = 600
log = logging.getLogger(__name__)


def send_due_recaps(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], KeepInTouchMessenger], now: datetime
) -> int:
    """Each intern's recap on a working morning of theirs from the recap day; one read for the interns,
    one for the recaps sent, one per workspace for their time zones."""
    sent = 0
    for team_id, interns in _unsent(uow, now, lambda end: _may_be_due(end, now)).items():
        messenger = messenger_for(team_id)
        zones = directory.timezones(uow, messenger, team_id, list(interns), now)
        sent += sum(
            _send_recap(uow, messenger, team_id, user_id, end, zones[user_id], now)
            for user_id, end in interns.items()
            if user_id in zones  # Slack knows them
        )
    return sent


def _unsent(
    uow: UnitOfWorkFactory, now: datetime, wanted: Callable[[date], bool]
) -> dict[str, dict[str, date]]:
    """Interns with an end date whose recap has not gone out and that `wanted` takes, by workspace."""
    with uow() as work:
        done = work.keep_in_touch.recapped()
        interns = work.keep_in_touch.interns()
    found: dict[str, dict[str, date]] = {}
    for team_id, user_id, internship in interns:
        if internship.end is not None and (team_id, user_id) not in done and wanted(internship.end):
            found.setdefault(team_id, {})[user_id] = internship.end
    return found


def _send_recap(
    uow: UnitOfWorkFactory,
    messenger: KeepInTouchMessenger,
    team_id: str,
    user_id: str,
    end: date,
    timezone: str | None,
    now: datetime,
) -> int:
    if not due_on(recap_day(end), now, timezone, until=end):
        return 0
    with uow() as work:
        resumed = work.keep_in_touch.recap_claimed(team_id, user_id)
        if not work.keep_in_touch.claim_recap(team_id, user_id, end, now, CLAIM_LEASE_SECONDS):
            return 0
        work.commit()
    recap = compose_recap(uow, messenger, team_id, user_id, now)
    try:  # a run that stopped after posting: do not post twice (only then is the DM read)
        found = messenger.find_recap(user_id) if resumed else None
        channel = found.channel if found else messenger.send_recap(recap)
    except SlackError:
        return 0  # the claim lapses after the lease and a later tick tries again
    file_id = None
    if recap.rows and not (found and found.csv_shared):
        try:
            file_id = messenger.upload_csv(
                channel,
                f"{RECAP_CSV_PREFIX}{end.isoformat()}.csv",
                network_csv(recap.rows),
                "Your network, as CSV.",
            )
        except SlackError as error:
            log.warning("recap CSV for %s could not be uploaded: %s", user_id, error)
    with uow() as work:
        work.keep_in_touch.mark_recap_sent(team_id, user_id, channel, file_id, now)
        work.commit()
    return 1


def next_recap(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The first working morning, in each waiting intern's zone, from their recap day; else when the next
    recap day begins anywhere. A recap due now and still unsent (Slack refused it) waits for the next
    quarter hour."""
    times = []
    for team_id, interns in _unsent(uow, now, lambda end: now.date() <= end + timedelta(days=1)).items():
        zones = directory.timezones(uow, None, team_id, list(interns), now)
        for user_id, end in interns.items():
            if not _may_be_due(end, now):
                times.append(first_local_moment(recap_day(end)))
                continue
            morning = first_morning_on(recap_day(end), now, zones.get(user_id))
            times.append(morning if morning > now else next_quarter_hour(now))
    return min(times, default=None)


def _may_be_due(end: date, now: datetime) -> bool:
    """False when the recap is not due yet whatever the intern's time zone: no need to ask Slack."""
    return now.date() + timedelta(days=1) >= recap_day(end)


def compose_recap(
    uow: UnitOfWorkFactory, messenger: KeepInTouchMessenger, team_id: str, user_id: str, now: datetime
) -> Recap:
    """The recap from stored meetings and profiles; names from the member directory (Slack's, kept)."""
    with uow() as work:  # forgotten people have no name, team or link to show
        network = [e for e in work.followups.network(team_id, user_id) if not is_anonymous(e.other_user_id)]
    names = directory.names(uow, messenger, team_id, [entry.other_user_id for entry in network], now)
    with uow() as work:
        contact = work.keep_in_touch.contact(team_id, user_id)
        me = work.profiles.get(team_id, user_id)
        intern = internship_of(work.members.get(team_id, user_id), me)
        people: list[MetPerson] = []
        rows: list[NetworkRow] = []
        for entry in network:
            other = entry.other_user_id
            profile, member = work.profiles.get(team_id, other), work.members.get(team_id, other)
            person = MetPerson(
                user_id=other,
                name=names[other],
                team=(profile.team if profile else None) or (member.team if member else None),
                interests=profile.interests if profile else (),
                working_on=profile.working_on if profile else None,
                linkedin_url=profile.linkedin_url if profile else None,
            )
            people.append(person)
            role = member.role.value if member else "colleague"
            first, last = entry.first_met.date(), entry.last_met.date()
            rows.append(
                NetworkRow(
                    person.name,
                    other,
                    person.team,
                    role,
                    entry.how.value,
                    first,
                    last,
                    entry.times,
                    person.linkedin_url,
                )
            )
    by_id = {person.user_id: person for person in people}
    mine = me.interests if me else ()
    thanks = tuple(
        ThankYou(by_id[row.user_id], draft_thank_you(mine, by_id[row.user_id], None))
        for row in worth_thanking(rows)
    )
    assert intern.end is not None
    helpers = helped_most([Acquaintance(row.user_id, row.times, row.last_met) for row in rows])
    farewell = draft_farewell(me.working_on if me else None, helpers, contact)
    return Recap(user_id, tuple(rows), teams_reached(rows), thanks, intern.end, farewell)
