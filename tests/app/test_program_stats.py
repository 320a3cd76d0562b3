"""Program insight for admins: Home's Program section, /coffee stats, and the leads' weekly digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.coffee.model import CheckinAnswer
from bot.domain.people.person import Person, Role
from bot.services.followups.ports import MeetingSource
from tests.app.coffee_helpers import COFFEE, coffee, set_up_pool, tick
from tests.app.conftest import RunningApp
from tests.app.home_helpers import act, element, open_home, publishes, text_of, wait_publish

ADMIN = "U02ISABEL"  # a workspace admin in the fake, in New York
INTERNS = [f"U5INT{i:04}" for i in range(300)]
ISOLATED = set(INTERNS[::7])  # met nobody in 14 days; the others met a colleague 3 days ago
# Their coffee partners' last groups (with them) did not meet either, but they met someone 3 days ago: a lead
# hears of nobody who met someone within 14 days.
ATTENTION = ISOLATED


def seed_program(app: RunningApp, failing: bool = True) -> None:
    """300 interns, three finished rounds of 150 groups, every seventh intern isolated, one failed group."""
    team = app.fake.workspace.team_id
    now = app.clock()
    set_up_pool(app)
    with app.runtime.unit_of_work() as work:
        people = [Person(team, u, Role.INTERN, team=f"Team {i % 9}") for i, u in enumerate(INTERNS)]
        work.members.upsert_roster(people, now)
        pool = work.pools.get(team, COFFEE)
        for weeks in (3, 2, 1):
            the_round = work.rounds.claim(pool, now - timedelta(weeks=weeks), weeks, now)
            pairs = [((INTERNS[i], INTERNS[i + 1]), INTERNS[i]) for i in range(0, 300, 2)]
            for group in work.rounds.add_groups(the_round.id, pairs):
                work.rounds.stamp(group.id, conversation_id=f"G{group.id}", intro_ts="1.0")
                if weeks == 1 and not ISOLATED & set(group.members):
                    work.rounds.record_answer(group.id, CheckinAnswer.MET, group.members[0], now)
            work.rounds.close(the_round.id, now)
        for intern in INTERNS:
            if intern not in ISOLATED:
                work.followups.record_meeting(
                    team, MeetingSource.MET, intern, (intern, "U02KAVYA"), now - timedelta(days=3), None
                )
        if failing:
            the_round = work.rounds.claim(pool, now - timedelta(hours=1), 9, now)
            [broken] = work.rounds.add_groups(the_round.id, [(("U01AMARA", "U09VICTOR"), "U01AMARA")])
            work.rounds.record_failure(broken.id, "user_disabled", give_up=True)
        work.commit()


def test_an_admin_home_with_300_interns_fits_slacks_limits(running_app: RunningApp):
    seed_program(running_app)
    view = open_home(running_app, ADMIN)
    text = text_of(view)
    assert len(view["blocks"]) <= 100
    assert "Program" in [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert "300 interns" in text
    assert f"{len(ATTENTION)} need attention" in text
    assert f"…and {len(ATTENTION) - 15} more: `/coffee stats` lists all" in text
    assert "<@U01AMARA>, <@U09VICTOR>: user_disabled (gave up)" in text
    assert "<#C0COFFEE> — " in text
    member = open_home(running_app, "U01BEN")
    assert "need attention" not in text_of(member)


def test_before_the_first_round_the_leads_home_counts_the_people_in_the_pool(running_app: RunningApp):
    set_up_pool(running_app)
    workspace = running_app.fake.workspace
    people = [u for u in workspace.channels[COFFEE].members if u != workspace.bot_user_id]
    text = text_of(open_home(running_app, ADMIN))
    assert f"<#{COFFEE}> — {len(people)} people in the channel, no round yet · first round " in text
    assert "0 participants" not in text
    stats = coffee(running_app, "stats", user_id=ADMIN).json()
    assert f"{len(people)} people in the channel" in "\n".join(b["text"]["text"] for b in stats["blocks"])


def test_coffee_stats_is_for_admins_and_lists_everyone_who_needs_attention(running_app: RunningApp):
    seed_program(running_app, failing=False)
    refused = coffee(running_app, "stats", user_id="U01BEN")
    assert "Only workspace admins and Rapport's admins" in refused.body
    reply = coffee(running_app, "stats", user_id=ADMIN).json()
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    text = "\n".join(b["text"]["text"] for b in reply["blocks"])
    assert "107/450 groups (24 %)" in text  # the last round: 150 pairs, 43 with an isolated intern
    shown = {u for u in INTERNS if f"<@{u}>" in text.split("*Needs attention*")[1]}
    assert shown == ATTENTION
    assert "met nobody for 2 weekly rounds (14 days); last 2 coffee groups did not meet" in text


def test_the_attention_list_waits_as_long_as_the_pools_pace_allows(running_app: RunningApp):
    team, now = running_app.fake.workspace.team_id, running_app.clock()
    set_up_pool(running_app, "biweekly monday 10:00")
    with running_app.runtime.unit_of_work() as work:
        work.members.upsert_roster([Person(team, u, Role.INTERN) for u in ("U5AVA", "U5BO")], now)
        pool = work.pools.get(team, COFFEE)
        the_round = work.rounds.claim(pool, now - timedelta(days=30), 1, now)
        for group in work.rounds.add_groups(the_round.id, [(("U5AVA", "U5BO"), "U5AVA")]):
            work.rounds.stamp(group.id, conversation_id="G1", intro_ts="1.0")
            work.rounds.record_answer(group.id, CheckinAnswer.MET, "U5AVA", now)
        work.rounds.close(the_round.id, now)
        for intern, days in (("U5AVA", 20), ("U5BO", 29)):
            work.followups.record_meeting(
                team, MeetingSource.MET, intern, (intern, "U02KAVYA"), now - timedelta(days=days), None
            )
        work.commit()
    reply = coffee(running_app, "stats", user_id=ADMIN).json()
    attention = "\n".join(b["text"]["text"] for b in reply["blocks"]).split("*Needs attention*")[1]
    assert "<@U5AVA>" not in attention  # 20 quiet days: not yet two biweekly rounds
    assert "<@U5BO> — met nobody for 2 biweekly rounds (28 days)" in attention


def start_lead_app(start_app) -> RunningApp:
    app = start_app(RAPPORT_ADMIN_IDS=ADMIN)
    app.clock.set(datetime(2026, 6, 8, 12, 59, tzinfo=UTC))  # Monday 08:59 in New York
    return app


def digests_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if "weekly Rapport digest" in m.get("text", "")]


def test_a_lead_gets_the_digest_once_on_monday_at_nine_and_can_stop_it(start_app):
    app = start_lead_app(start_app)
    seed_program(app, failing=False)
    assert tick(app)["weekly digests sent"] == 0
    app.clock.advance(minutes=1)
    assert tick(app)["weekly digests sent"] == 1
    app.clock.advance(hours=2)
    assert tick(app)["weekly digests sent"] == 0
    [digest] = digests_to(app, ADMIN)
    blocks = str(digest["blocks"])
    assert "Needs attention" in blocks and f"{len(ATTENTION)} need attention" in blocks
    assert "Meeting rate per round" not in blocks

    before = publishes(app, ADMIN)
    app.slack.block_action(
        ADMIN, "digest_stop", block_id="digest", message=digest, channel_id=app.fake.dm_channel(ADMIN)
    )
    home = wait_publish(app, ADMIN, before)
    assert element(home, "digest_start", "digest")
    app.clock.advance(days=7)
    assert tick(app)["weekly digests sent"] == 0

    act(app, ADMIN, "digest_start", block_id="digest")
    app.clock.advance(days=7)
    assert tick(app)["weekly digests sent"] == 1
    assert len(digests_to(app, ADMIN)) == 2


def test_only_leads_get_a_digest_and_only_leads_may_toggle_it(start_app):
    app = start_lead_app(start_app)
    seed_program(app, failing=False)
    app.clock.set(datetime(2026, 6, 8, 20, 0, tzinfo=UTC))
    tick(app)
    assert digests_to(app, "U02JAMES") == []  # a workspace owner, but not a lead
    open_home(app, "U02JAMES")
    view = act(app, "U02JAMES", "digest_stop", block_id="digest")
    assert "for program leads" in text_of(view)
