"""Scheduled work, run the same way by the in-process scheduler and by `rapport tick`.

Each job finds what is due at `now` from stored facts and claims it in the database before it
talks to Slack, so running it twice (two replicas, a tick beside `rapport run`) does nothing twice.
The jobs themselves are listed, in order, in `scheduled_jobs()`: one table for every feature.

Each job also knows when it is next due (`next_due`, a cheap read after it ran), stored in `due_work`;
a tick reads that table once and skips every job not due yet, so a tick with nothing due costs one read.
A use case that stores work due sooner moves its job earlier (`due_work.wake`, in the same transaction);
should one ever fail to, no job sleeps longer than `LONGEST_SLEEP`, so work is late by at most that. A time
stored only for that cap is marked so; when it comes, the job is asked again when it is next due as of its
last run (a read, which now sees anything stored since) and runs only if that time has come: an idle job
costs a read every six hours, not a run and a read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.program.digest import next_digest_check
from bot.runtime import Runtime
from bot.services.coffee import due as coffee
from bot.services.coffee.pencil import next_pencil_in, pencil_in_silent_groups
from bot.services.coffee.stay import next_stay_question, send_owed_stay_questions
from bot.services.events.reminders import next_reminder, send_due_reminders
from bot.services.events.tables import next_seating, seat_due_tables
from bot.services.followups.nudges import next_nudge, send_due_nudges
from bot.services.help.asks import expire_open, next_ask_expiry, next_ask_nudge, nudge_unanswered
from bot.services.help.updates import next_notice, next_prompt, send_update_notices, send_update_prompts
from bot.services.introductions.delivery import next_met, next_retry, record_met, retry_unsent
from bot.services.introductions.proposals import expire_overdue, next_expiry
from bot.services.keep_in_touch.alumni import next_alumni_reminder, send_alumni_reminders
from bot.services.keep_in_touch.catch_ups import next_catch_up_due, suggest_catch_ups
from bot.services.keep_in_touch.recaps import next_recap, send_due_recaps
from bot.services.membership.seen_events import forget_expired_oauth_states, forget_old_events
from bot.services.mentoring import closeout, fit_check, invitations, kickoff, matching, proposals, sessions
from bot.services.mentoring import due as mentoring_due
from bot.services.people.cards import forget_old_say_hi_claims
from bot.services.people.directory import next_refresh, refresh_directories
from bot.services.ports import Due, DueAt, Planned
from bot.services.program.digest import send_weekly_digests
from bot.services.scheduling import reminders as scheduling

log = logging.getLogger(__name__)

LONGEST_SLEEP = timedelta(hours=6)  # a job looks again at least this often, woken or not
OAUTH_STATES_PRUNED_EVERY = timedelta(minutes=10)  # slack_sdk stores them, so nothing wakes the job
NextDue = Callable[[Runtime, datetime], datetime | None]


def at_leisure(runtime: Runtime, now: datetime) -> None:
    """Housekeeping with no due time of its own (ids kept a day, claims kept two): every LONGEST_SLEEP."""
    return None


@dataclass(frozen=True)
class DueJob:
    name: str
    run: Callable[[Runtime, datetime], int]  # returns how many items it handled
    next_due: NextDue  # after a run: when it next has something to do (None: nothing it knows of)


def scheduled_jobs() -> list[DueJob]:
    """All the due work, in the order a tick runs it, feature by feature."""
    return [
        # people: who everyone is (time zones, names), refreshed from Slack at most daily
        DueJob(
            "member directories refreshed",
            lambda rt, now: refresh_directories(rt.unit_of_work, rt.messengers.people, now),
            lambda rt, now: next_refresh(rt.unit_of_work),
        ),
        # coffee: rounds start before open rounds advance, so a round closed by the next one's start is seen
        DueJob(
            Due.ROUNDS,
            lambda rt, now: coffee.start_due_rounds(rt.unit_of_work, rt.messengers.coffee, rt.new_seed, now),
            lambda rt, now: coffee.next_round_start(rt.unit_of_work, now),
        ),
        DueJob(
            Due.COFFEE_STEPS,
            lambda rt, now: coffee.advance_open_rounds(rt.unit_of_work, rt.messengers.coffee, now),
            lambda rt, now: coffee.next_coffee_step(rt.unit_of_work, now),
        ),
        DueJob(
            Due.STAY_QUESTIONS,
            lambda rt, now: send_owed_stay_questions(rt.unit_of_work, rt.messengers.coffee, now),
            lambda rt, now: next_stay_question(rt.unit_of_work, now),
        ),
        DueJob(
            Due.HEADS_UPS,
            lambda rt, now: coffee.send_heads_ups(rt.unit_of_work, rt.messengers.coffee, now),
            lambda rt, now: coffee.next_heads_up(rt.unit_of_work, now),
        ),
        # scheduling: Pencil it in at a round's middle, an agreed time's announcement Slack refused, and the
        # group DM's reminder 10 minutes before the slot agreed with Find a time
        DueJob(
            Due.PENCIL_IN,
            lambda rt, now: pencil_in_silent_groups(rt.unit_of_work, rt.finding, now),
            lambda rt, now: next_pencil_in(rt.unit_of_work, now),
        ),
        DueJob(
            Due.TIME_ANNOUNCEMENTS,
            lambda rt, now: scheduling.retry_announcements(rt.unit_of_work, rt.finding, now),
            lambda rt, now: scheduling.next_announcement_retry(rt.unit_of_work, now),
        ),
        DueJob(
            Due.TIME_REMINDERS,
            lambda rt, now: scheduling.send_due_reminders(
                rt.unit_of_work, rt.messengers.scheduling, rt.settings.timezone.key, now
            ),
            lambda rt, now: scheduling.next_scheduling_due(rt.unit_of_work, now),
        ),
        # introductions: retry refused consent requests, expire unanswered ones, record met ones as meetings
        DueJob(
            Due.CONSENT_RETRIES,
            lambda rt, now: retry_unsent(rt.unit_of_work, rt.messengers.introductions, now),
            lambda rt, now: next_retry(rt.unit_of_work, now),
        ),
        DueJob(
            "introductions expired",
            lambda rt, now: expire_overdue(rt.unit_of_work, rt.messengers.introductions, now),
            lambda rt, now: next_expiry(rt.unit_of_work, now),
        ),
        DueJob(
            "introductions met",
            lambda rt, now: record_met(rt.unit_of_work, rt.messengers.followups, now),
            lambda rt, now: next_met(rt.unit_of_work, now),
        ),
        # events: reminders before, tables at the start, "who did you meet?" after
        DueJob(
            Due.EVENT_REMINDERS,
            lambda rt, now: send_due_reminders(rt.unit_of_work, rt.messengers.events, rt.channel_access, now),
            lambda rt, now: next_reminder(rt.unit_of_work, now),
        ),
        DueJob(
            Due.EVENT_TABLES,
            lambda rt, now: seat_due_tables(
                rt.unit_of_work, rt.messengers.events, rt.channel_access, rt.new_seed, now
            ),
            lambda rt, now: next_seating(rt.unit_of_work, now),
        ),
        # help: one nudge for an ask nobody answered in 3 working days; open asks expire after 14 days
        DueJob(
            "asks nudged",
            lambda rt, now: nudge_unanswered(rt.unit_of_work, rt.messengers.asks, now),
            lambda rt, now: next_ask_nudge(rt.unit_of_work, now),
        ),
        DueJob(
            "asks expired",
            lambda rt, now: expire_open(rt.unit_of_work, rt.messengers.asks, now),
            lambda rt, now: next_ask_expiry(rt.unit_of_work, now),
        ),
        # mentoring: the window's one assignment, late joiners, then each pair's steps
        DueJob(
            Due.MENTORING_WINDOWS,
            lambda rt, now: matching.close_due_windows(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_window_close(rt.unit_of_work, now),
        ),
        DueJob(
            Due.LATE_MATCHES,
            lambda rt, now: matching.match_late(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_late_match(rt.unit_of_work, now),
        ),
        DueJob(
            Due.MENTOR_EXPIRIES,
            lambda rt, now: proposals.expire_overdue(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_request_expiry(rt.unit_of_work, now),
        ),
        DueJob(
            Due.MENTOR_REQUESTS,
            lambda rt, now: proposals.send_requests(
                rt.unit_of_work, rt.messengers.mentoring, now, rt.settings.mentoring_answer_days
            ),
            lambda rt, now: mentoring_due.next_request(rt.unit_of_work, now),
        ),
        DueJob(
            Due.MENTOR_REMINDERS,
            lambda rt, now: proposals.remind_mentors(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_mentor_reminder(rt.unit_of_work, now),
        ),
        DueJob(
            Due.KICKOFFS,
            lambda rt, now: kickoff.send_kickoffs(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_kickoff(rt.unit_of_work, now),
        ),
        DueJob(
            Due.CHECKINS,
            lambda rt, now: sessions.send_checkins(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_checkin(rt.unit_of_work, now),
        ),
        DueJob(
            Due.FIT_CHECKS,
            lambda rt, now: fit_check.send_fit_checks(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_fit_check(rt.unit_of_work, now),
        ),
        DueJob(
            Due.CLOSEOUTS,
            lambda rt, now: closeout.send_closeouts(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: closeout.next_closeout_due(rt.unit_of_work, now),
        ),
        DueJob(
            Due.UNMATCHED,
            lambda rt, now: proposals.tell_unmatched(rt.unit_of_work, rt.messengers.mentoring, now),
            lambda rt, now: mentoring_due.next_unmatched_notice(rt.unit_of_work, now),
        ),
        DueJob(
            Due.INVITATIONS,
            lambda rt, now: invitations.send_invitations(
                rt.unit_of_work, rt.messengers.mentoring, now, rt.settings.timezone.key
            ),
            lambda rt, now: mentoring_due.next_invitation(rt.unit_of_work, now, rt.settings.timezone.key),
        ),
        # followups: thanks for the meetings recorded above
        DueJob(
            Due.NUDGES,
            lambda rt, now: send_due_nudges(rt.unit_of_work, rt.messengers.followups, now),
            lambda rt, now: next_nudge(rt.unit_of_work, now),
        ),
        # keep_in_touch
        DueJob(
            Due.CATCH_UPS,
            lambda rt, now: suggest_catch_ups(rt.unit_of_work, rt.messengers.keep_in_touch, now),
            lambda rt, now: next_catch_up_due(rt.unit_of_work, now),
        ),
        DueJob(
            Due.RECAPS,
            lambda rt, now: send_due_recaps(rt.unit_of_work, rt.messengers.keep_in_touch, now),
            lambda rt, now: next_recap(rt.unit_of_work, now),
        ),
        DueJob(
            Due.ALUMNI,
            lambda rt, now: send_alumni_reminders(rt.unit_of_work, rt.messengers.keep_in_touch, now),
            lambda rt, now: next_alumni_reminder(rt.unit_of_work, now),
        ),
        # help: interns' monthly prompt to share an update; the weekly line about updates to who they met
        DueJob(
            Due.PROMPTS,
            lambda rt, now: send_update_prompts(rt.unit_of_work, rt.messengers.updates, now),
            lambda rt, now: next_prompt(rt.unit_of_work, now),
        ),
        DueJob(
            Due.NOTICES,
            lambda rt, now: send_update_notices(rt.unit_of_work, rt.messengers.updates, now),
            lambda rt, now: next_notice(rt.unit_of_work, now),
        ),
        # program: leads are the people named in RAPPORT_ADMIN_IDS
        DueJob(
            "weekly digests sent",
            lambda rt, now: send_weekly_digests(
                rt.unit_of_work, rt.messengers.program, rt.settings.admin_ids, now
            ),
            lambda rt, now: next_digest_check(now),
        ),
        # people
        DueJob(
            "say hi claims pruned", lambda rt, now: forget_old_say_hi_claims(rt.unit_of_work, now), at_leisure
        ),
        # membership
        DueJob(
            "seen Slack events pruned", lambda rt, now: forget_old_events(rt.unit_of_work, now), at_leisure
        ),
        DueJob(
            "expired OAuth states pruned",
            lambda rt, now: forget_expired_oauth_states(rt.unit_of_work, now),
            lambda rt, now: now + OAUTH_STATES_PRUNED_EVERY,
        ),
    ]


def run_due_work(runtime: Runtime, now: datetime) -> dict[str, int]:
    """Run every job that is due once (a job not due counts 0); one failing job is logged, stays due,
    and does not stop the others."""
    wakes, due = _next_due(runtime)
    done: dict[str, int] = {}
    planned: list[Planned] = []
    for job in scheduled_jobs():
        name = str(job.name)  # a Due is printed as its plain name (`rapport tick`'s report)
        done[name] = 0
        if _sleeps(due.get(name), now) and runtime.wakes() != wakes:
            # what a job stored may have woken this one (a started round's deliveries, a mentee left
            # unmatched), even when it handled nothing it counts: read again before skipping it
            wakes, due = _next_due(runtime)
        was = due.get(name)
        if _sleeps(was, now):
            continue
        try:
            if was is not None and was.capped and job.next_due is not at_leisure:
                # only the cap's time: the job knew of nothing sooner when it last ran. Asked again as of
                # then, with what is stored now, it finds work stored since without a wake, due by now
                then = job.next_due(runtime, was.at - LONGEST_SLEEP)
                if then is None or then > now:
                    planned.append(_plan(name, was, then, now))
                    continue
            done[name] = job.run(runtime, now)
            then = job.next_due(runtime, now)
        except Exception:
            log.exception("scheduled job %s failed; it will be tried again at the next tick", name)
            done[name] = -1
            continue
        planned.append(_plan(name, was, then, now))
    _settle(runtime, planned)
    return done


def _sleeps(due: DueAt | None, now: datetime) -> bool:
    return due is not None and due.at > now


def _plan(name: str, was: DueAt | None, then: datetime | None, now: datetime) -> Planned:
    """The job's next due time, no later than LONGEST_SLEEP from now (then marked capped)."""
    cap = now + LONGEST_SLEEP
    capped = then is None or then >= cap
    return Planned(name, None if was is None else was.at, cap if capped else then, capped)


def _next_due(runtime: Runtime) -> tuple[int, dict[str, DueAt]]:
    """The due table, and the wakes counted before it was read (one stored meanwhile is read next time)."""
    wakes = runtime.wakes()
    with runtime.unit_of_work() as work:
        return wakes, work.due_work.next_due()


def _settle(runtime: Runtime, planned: list[Planned]) -> None:
    """Every job that was looked at says when it is next due, in one transaction at the end of the tick."""
    if not planned:
        return
    with runtime.unit_of_work() as work:
        work.due_work.settle_many(planned)
        work.commit()
