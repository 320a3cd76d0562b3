"""/coffee forget-me: see what goes, confirm behind Slack's dialog, and nothing names you afterwards."""

from __future__ import annotations

from bot.domain.privacy import FORMER_MEMBER, is_anonymous
from tests.app.coffee_helpers import COFFEE, coffee, seed_roster, set_up_pool, start_round_now
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import button, intro, save_profile, wait_response
from tests.storage.test_membership_forget_everywhere import rows_naming


def everything_about(app: RunningApp, user_id: str) -> list[str]:
    with app.runtime.unit_of_work() as work:
        return rows_naming(work.session, user_id)


def pair_history(app: RunningApp) -> dict[frozenset[str], int]:
    with app.runtime.unit_of_work() as work:
        return dict(work.rounds.pair_history(work.pools.get(app.fake.workspace.team_id, COFFEE).id))


def test_forget_me_shows_what_goes_then_forgets_it_and_keeps_others_history(running_app: RunningApp):
    app = running_app
    seed_roster(app)
    set_up_pool(app)
    group = start_round_now(app)[0]
    me, mate = group.members[0], group.members[1]
    other = next(u for u in app.fake.workspace.colleagues if u not in group.members)
    save_profile(app, me)
    coffee(app, f"never <@{other}>", user_id=me)
    coffee(app, "skip", user_id=me)
    coffee(app, f"met <@{mate}> coffee", user_id=me, channel_id="C0GENERAL")
    coffee(app, f"met <@{me}> coffee", user_id=mate, channel_id="C0GENERAL")
    assert intro(app, f"<@{mate}> <@{other}> should meet", me).status == 200
    wait_response(app, "Done: I've asked")
    # what others wrote about them: a note and an introduction's reason (mentions arrive as <@U|name>)
    coffee(app, f"met <@{other}> talked about <@{me}|me>", user_id=mate, channel_id="C0GENERAL")
    third = next(u for u in app.fake.workspace.colleagues if u not in (*group.members, other))
    assert intro(app, f"<@{other}> <@{third}> both know <@{me}|me>", mate).status == 200
    wait_response(app, "Done: I've asked", count=2)
    before = pair_history(app)
    assert everything_about(app, me)

    shown = coffee(app, "forget-me", user_id=me).json()
    assert "your /intro profile: 1" in str(shown["blocks"]) and "coffee groups you were in: 1" in str(shown)
    forget_button = button(shown, "forget_me_confirm")
    assert forget_button["style"] == "danger" and forget_button["confirm"]["style"] == "danger"
    assert everything_about(app, me)  # nothing happens before the confirmation

    assert app.slack.block_action(me, "forget_me_confirm", value="forget", channel_id=COFFEE).status == 200
    done = wait_response(app, "Rapport has forgotten you")

    assert "introductions you proposed: 1" in done and "meetings you were part of: 2" in done
    assert everything_about(app, me) == []
    with app.runtime.unit_of_work() as work:
        reason = work.introductions.get(2).why
    assert reason == f"both know {FORMER_MEMBER}"
    after = pair_history(app)
    others_after = {p: n for p, n in after.items() if not any(is_anonymous(u) for u in p)}
    assert others_after == {p: n for p, n in before.items() if me not in p}
    assert len(after) == len(before)  # their pairs are kept, under the marker
    history = coffee(app, "history", user_id=mate).body
    assert FORMER_MEMBER in history and me not in history
    again = coffee(app, "forget-me", user_id=me).body
    assert "nothing" in again


def test_the_button_forgets_only_whoever_presses_it(running_app: RunningApp):
    app = running_app
    me, someone = "U01CHLOE", "U02LIAM"
    save_profile(app, me)
    save_profile(app, someone)
    assert app.slack.block_action(me, "forget_me_confirm", value=someone, channel_id=COFFEE).status == 200
    wait_response(app, "Rapport has forgotten you")
    assert everything_about(app, me) == []
    with app.runtime.unit_of_work() as work:
        assert work.profiles.get(app.fake.workspace.team_id, someone) is not None
