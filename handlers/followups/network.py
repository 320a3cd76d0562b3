"""/coffee met and /coffee network: meetings Rapport did not arrange, and everyone you have met."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.services.followups.nudges import network_of, record_meeting
from bot.services.followups.ports import MeetingSource
from bot.services.ports import SlackError
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.text import clip, escape, leading_mention, who

NOTE_LIMIT = 300
PAGE = 10
HOW = {
    MeetingSource.COFFEE: "coffee",
    MeetingSource.MET: "met",
    MeetingSource.INTRODUCTION: "introduced",
    MeetingSource.EVENT: "event",
    MeetingSource.HELP: "helped",
    MeetingSource.MENTORING: "mentoring",
}


@subcommand(
    "met", "@someone [what you talked about]", "record a meeting Rapport did not set up", changes_home=True
)
def met(request: CoffeeRequest) -> None:
    found = leading_mention(request.arguments)
    if found is None:
        request.ack(text="Name who you met, e.g. `/coffee met @someone lunch about data careers`.")
        return
    other, note = found
    if other == request.user_id:
        request.ack(text="Meeting yourself counts as thinking. 🙂 Name someone else.")
        return
    messenger = request.runtime.messengers.followups(request.team_id)
    try:
        person = messenger.member(other)
    except SlackError:
        request.ack(text="I can't find that person in this workspace.")
        return
    if person.is_bot or person.deleted:
        request.ack(text="That's not someone I can record a meeting with (a bot or a deactivated account).")
        return
    now = request.runtime.clock()
    local_day = now.astimezone(request.runtime.settings.timezone).date()
    meeting = record_meeting(
        request.runtime.unit_of_work,
        messenger,
        request.team_id,
        MeetingSource.MET,
        f"{request.user_id}:{other}:{local_day.isoformat()}",
        (request.user_id, other),
        now,
        nudge=(request.user_id,),
        note=clip(note, NOTE_LIMIT) or None,
    )
    if meeting is None:
        request.ack(text=f"You already recorded meeting <@{other}> today.")
        return
    request.ack(text=f"Noted: you met <@{other}>. I'll remind you to say thanks tomorrow morning.")


def page_number(arguments: str) -> int:
    """The page asked for; anything that is not a plain positive number means the first page."""
    text = arguments.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return 1
    return max(int(text), 1)


@subcommand("network", "[page]", "everyone you've met through Rapport", reads_only=True)
def network(request: CoffeeRequest) -> None:
    page = page_number(request.arguments)
    entries = network_of(request.runtime.unit_of_work, request.team_id, request.user_id)
    if not entries:
        request.ack(
            text="Your network here is empty so far. Join a coffee channel, or `/coffee met @someone`."
        )
        return
    pages = (len(entries) + PAGE - 1) // PAGE
    page = min(page, pages)
    tz = ZoneInfo(request.runtime.settings.timezone.key)
    lines = [
        f"• {who(e.other_user_id)} — {HOW[e.how]} {e.first_met.astimezone(tz):%-d %b %Y}"
        + (f", {e.times} times, last {e.last_met.astimezone(tz):%-d %b}" if e.times > 1 else "")
        for e in entries[(page - 1) * PAGE : page * PAGE]
    ]
    more = f"\nPage {page} of {pages}: `/coffee network {page + 1}` for more." if page < pages else ""
    people = f"{len(entries)} {'person' if len(entries) == 1 else 'people'}"
    request.ack(text=f"*Your network: {people}*\n" + "\n".join(lines) + escape(more))
