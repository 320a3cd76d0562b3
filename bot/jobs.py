"""Scheduled work, run the same way by the in-process scheduler and by `rapport tick`.

Each job finds what is due at `now` from stored facts and claims it in the database before it
talks to Slack, so running it twice (two replicas, a tick beside `rapport run`) does nothing twice.
The jobs themselves are listed, in order, in `scheduled_jobs()`: one table for every feature.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.runtime import Runtime
from bot.services.coffee import due as coffee
from bot.services.coffee.pencil import pencil_in_silent_groups
from bot.services.coffee.stay import send_owed_stay_questions
from bot.services.events.reminders import send_due_reminders
from bot.services.events.tables import seat_due_tables
from bot.services.followups.nudges import send_due_nudges
from bot.services.help.asks import expire_open, nudge_unanswered
from bot.services.help.updates import send_update_notices, send_update_prompts
from bot.services.introductions.delivery import record_met, retry_unsent
from bot.services.introductions.proposals import expire_overdue
from bot.services.keep_in_touch.alumni import send_alumni_reminders
from bot.services.keep_in_touch.catch_ups import suggest_catch_ups
from bot.services.keep_in_touch.recaps import send_due_recaps
from bot.services.membership.seen_events import forget_expired_oauth_states, forget_old_events
from bot.services.mentoring import fit_check, invitations, kickoff, matching, proposals, sessions
from bot.services.people.cards import forget_old_say_hi_claims
from bot.services.program.digest import send_weekly_digests
from bot.services.scheduling import reminders as scheduling
from bot.services.scheduling.reminders import next_scheduling_due

log = logging.getLogger(__name__)

__all__ = ["DueJob", "next_scheduling_due", "run_due_work", "scheduled_jobs"]


@dataclass(frozen=True)
class DueJob:
    name: str
    run: Callable[[Runtime, datetime], int]  # returns how many items it handled


def scheduled_jobs() -> list[DueJob]:
    """All the due work, in the order a tick runs it, feature by feature."""
    return [
        # coffee: rounds start before open rounds advance, so a round closed by the next one's start is seen
        DueJob(
            "coffee rounds started",
            lambda rt, now: coffee.start_due_rounds(rt.unit_of_work, rt.messengers.coffee, rt.new_seed, now),
        ),
        DueJob(
            "coffee steps sent",
            lambda rt, now: coffee.advance_open_rounds(rt.unit_of_work, rt.messengers.coffee, now),
        ),
        DueJob(
            "coffee still-in questions sent",
            lambda rt, now: send_owed_stay_questions(rt.unit_of_work, rt.messengers.coffee, now),
        ),
        DueJob(
            "coffee heads-ups sent",
            lambda rt, now: coffee.send_heads_ups(rt.unit_of_work, rt.messengers.coffee, now),
        ),
        # scheduling: the group DM's reminder 10 minutes before the slot agreed with Find a time
        # (next_scheduling_due says when it next has work, for a scheduler that sleeps until then)
        DueJob(
            "coffee times pencilled in",
            lambda rt, now: pencil_in_silent_groups(rt.unit_of_work, rt.finding, now),
        ),
        DueJob(
            "find-a-time announcements retried",
            lambda rt, now: scheduling.retry_announcements(rt.unit_of_work, rt.finding, now),
        ),
        DueJob(
            "find-a-time reminders sent",
            lambda rt, now: scheduling.send_due_reminders(
                rt.unit_of_work, rt.messengers.scheduling, rt.settings.timezone.key, now
            ),
        ),
        # introductions: retry refused consent requests, expire unanswered ones, record met ones as meetings
        DueJob(
            "consent requests retried",
            lambda rt, now: retry_unsent(rt.unit_of_work, rt.messengers.introductions, now),
        ),
        DueJob(
            "introductions expired",
            lambda rt, now: expire_overdue(rt.unit_of_work, rt.messengers.introductions, now),
        ),
        DueJob(
            "introductions met", lambda rt, now: record_met(rt.unit_of_work, rt.messengers.followups, now)
        ),
        # events: reminders before, tables at the start, "who did you meet?" after
        DueJob(
            "event reminders sent",
            lambda rt, now: send_due_reminders(rt.unit_of_work, rt.messengers.events, rt.channel_access, now),
        ),
        DueJob(
            "event tables seated",
            lambda rt, now: seat_due_tables(
                rt.unit_of_work, rt.messengers.events, rt.channel_access, rt.new_seed, now
            ),
        ),
        # help: one nudge for an ask nobody answered in 3 working days; open asks expire after 14 days
        DueJob("asks nudged", lambda rt, now: nudge_unanswered(rt.unit_of_work, rt.messengers.asks, now)),
        DueJob("asks expired", lambda rt, now: expire_open(rt.unit_of_work, rt.messengers.asks, now)),
        # mentoring: the window's one assignment, late joiners, then each pair's steps
        DueJob(
            "mentoring windows closed",
            lambda rt, now: matching.close_due_windows(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentees matched late",
            lambda rt, now: matching.match_late(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentor requests expired",
            lambda rt, now: proposals.expire_overdue(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentor requests sent",
            lambda rt, now: proposals.send_requests(
                rt.unit_of_work, rt.messengers.mentoring, now, rt.settings.mentoring_answer_days
            ),
        ),
        DueJob(
            "mentor requests reminded",
            lambda rt, now: proposals.remind_mentors(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentoring kickoffs sent",
            lambda rt, now: kickoff.send_kickoffs(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentoring check-ins sent",
            lambda rt, now: sessions.send_checkins(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentoring fit checks sent",
            lambda rt, now: fit_check.send_fit_checks(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "unmatched mentees told",
            lambda rt, now: proposals.tell_unmatched(rt.unit_of_work, rt.messengers.mentoring, now),
        ),
        DueJob(
            "mentoring invitations sent",
            lambda rt, now: invitations.send_invitations(
                rt.unit_of_work, rt.messengers.mentoring, now, rt.settings.timezone.key
            ),
        ),
        # followups: thanks for the meetings recorded above
        DueJob(
            "follow-up nudges sent",
            lambda rt, now: send_due_nudges(rt.unit_of_work, rt.messengers.followups, now),
        ),
        # keep_in_touch
        DueJob(
            "catch-up suggestions sent",
            lambda rt, now: suggest_catch_ups(rt.unit_of_work, rt.messengers.keep_in_touch, now),
        ),
        DueJob(
            "internship recaps sent",
            lambda rt, now: send_due_recaps(rt.unit_of_work, rt.messengers.keep_in_touch, now),
        ),
        DueJob(
            "alumni reminders sent",
            lambda rt, now: send_alumni_reminders(rt.unit_of_work, rt.messengers.keep_in_touch, now),
        ),
        # help: interns' monthly prompt to share an update; the weekly line about updates to who they met
        DueJob(
            "update prompts sent",
            lambda rt, now: send_update_prompts(rt.unit_of_work, rt.messengers.updates, now),
        ),
        DueJob(
            "update notices sent",
            lambda rt, now: send_update_notices(rt.unit_of_work, rt.messengers.updates, now),
        ),
        # program: leads are the people named in RAPPORT_ADMIN_IDS
        DueJob(
            "weekly digests sent",
            lambda rt, now: send_weekly_digests(
                rt.unit_of_work, rt.messengers.program, rt.settings.admin_ids, now
            ),
        ),
        # people
        DueJob("say hi claims pruned", lambda rt, now: forget_old_say_hi_claims(rt.unit_of_work, now)),
        # membership
        DueJob("seen Slack events pruned", lambda rt, now: forget_old_events(rt.unit_of_work, now)),
        DueJob(
            "expired OAuth states pruned", lambda rt, now: forget_expired_oauth_states(rt.unit_of_work, now)
        ),
    ]


def run_due_work(runtime: Runtime, now: datetime) -> dict[str, int]:
    """Run every job once; one failing job is logged and does not stop the others."""
    done: dict[str, int] = {}
    for job in scheduled_jobs():
        try:
            done[job.name] = job.run(runtime, now)
        except Exception:
            log.exception("scheduled job %s failed; it will be tried again at the next tick", job.name)
            done[job.name] = -1
    return done
