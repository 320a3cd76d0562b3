"""`/coffee setup intros|asks|kudos #channel`: an admin picks where cards, asks and kudos are posted."""

from __future__ import annotations

import pytest

from bot.sandbox.fakeslack.workspace import Channel
from bot.services.ports import ChannelPurpose
from bot.services.workspace_channels import channel_for
from handlers.program.channels import WHAT
from tests.app.coffee_helpers import coffee
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import confirmations, save_profile

INTROS, COFFEE_CHANNEL = "C0INTROS", "C0COFFEE"


def setup_intros(app: RunningApp, arguments: str, user_id: str | None = None) -> str:
    reply = coffee(app, f"setup intros {arguments}", user_id=user_id, channel_id="C0GENERAL")
    assert reply.status == 200
    return reply.body


def stored_channel(app: RunningApp) -> str | None:
    with app.runtime.unit_of_work() as uow:
        return uow.workspace_settings.channel(app.fake.workspace.team_id, ChannelPurpose.INTROS)


def test_an_admin_sets_a_public_channel_the_bot_joins_and_cards_go_there(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=COFFEE_CHANNEL)  # the stored channel wins over the setting
    answer = setup_intros(app, f"<#{INTROS}|introductions>")
    assert f"profile cards now go to <#{INTROS}>" in answer and "joined" in answer
    assert app.fake.calls_to("conversations.join")[0].args["channel"] == INTROS
    assert app.fake.workspace.bot_user_id in app.fake.workspace.channels[INTROS].members
    amara = app.fake.workspace.interns[0]
    save_profile(app, amara)
    assert len(app.fake.messages_in(INTROS)) == 1 and app.fake.messages_in(COFFEE_CHANNEL) == []
    assert f"Your card is in <#{INTROS}>" in confirmations(app, amara)[0]


def test_only_admins_may_set_it_and_nothing_changes_otherwise(running_app: RunningApp):
    intern = running_app.fake.workspace.interns[1]
    assert "Only workspace admins" in setup_intros(running_app, f"<#{INTROS}|introductions>", intern)
    assert stored_channel(running_app) is None
    assert running_app.fake.calls_to("conversations.join") == []


def test_an_admin_sets_only_a_channel_they_can_read_and_the_refusal_reveals_nothing(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    admin, chloe = ws.admin_id, ws.interns[2]
    mentors = [ws.bot_user_id, *ws.interns]  # Rapport is in it; the admin is not
    ws.add_channel(Channel(id="G0MENTORS", name="mentors", members=mentors, is_private=True))
    ws.add_channel(Channel(id="G0LEADS", name="leads", members=[admin, chloe], is_private=True))
    refused = [setup_intros(app, "<#G0MENTORS|mentors>"), setup_intros(app, "<#G0LEADS|leads>")]
    assert refused[0] == refused[1]  # whether Rapport is in the channel or not
    assert "a channel you're in" in refused[0] and "/invite @Rapport" in refused[0]
    assert stored_channel(app) is None and app.fake.calls_to("conversations.join") == []
    ws.channels["G0LEADS"].members.append(ws.bot_user_id)  # the admin invites Rapport
    app.clock.advance(seconds=61)  # what Rapport knew of the channel's members has expired
    answer = setup_intros(app, "<#G0LEADS|leads>")
    assert "profile cards now go to <#G0LEADS>" in answer
    assert stored_channel(app) == "G0LEADS"
    save_profile(app, chloe)
    app.fake.take_violations()
    assert len(app.fake.messages_in("G0LEADS")) == 1


@pytest.mark.parametrize("purpose", list(ChannelPurpose))
def test_a_private_channel_rapport_is_in_is_set_without_trying_to_join_it(running_app: RunningApp, purpose):
    ws = running_app.fake.workspace
    members = [ws.admin_id, ws.bot_user_id]
    ws.add_channel(Channel(id="G0LEADS", name="leads", members=members, is_private=True))
    reply = coffee(running_app, f"setup {purpose.value} <#G0LEADS|leads>", channel_id="C0GENERAL")
    assert reply.status == 200
    assert reply.body == f"Done: {WHAT[purpose]} now go to <#G0LEADS>."  # not "invite me there"
    assert running_app.fake.calls_to("conversations.join", include_failed=True) == []
    assert channel_for(running_app.runtime.unit_of_work, ws.team_id, purpose, None) == "G0LEADS"


def test_bad_or_archived_channels_are_explained_and_off_falls_back_to_the_setting(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=COFFEE_CHANNEL)
    assert "I need one channel, not `&lt;!channel&gt;`" in setup_intros(app, "<!channel>")
    assert "I need one channel, not `nothing`" in setup_intros(app, "")
    app.fake.workspace.channels["C0GENERAL"].is_archived = True
    assert "archived" in setup_intros(app, "<#C0GENERAL|general>")
    app.fake.take_violations()
    assert stored_channel(app) is None
    setup_intros(app, f"<#{INTROS}|introductions>")
    assert stored_channel(app) == INTROS
    assert f"cards go to <#{COFFEE_CHANNEL}>" in setup_intros(app, "off")
    assert stored_channel(app) is None


def test_without_any_channel_the_profile_save_says_how_cards_will_be_shared(running_app: RunningApp):
    chloe = running_app.fake.workspace.interns[2]
    save_profile(running_app, chloe)
    told = confirmations(running_app, chloe)[0]
    assert "No introductions channel" in told and "`/coffee setup intros #channel`" in told


def test_asks_and_kudos_channels_are_set_apart_from_the_cards_channel_and_fall_back_to_settings(start_app):
    app = start_app(RAPPORT_KUDOS_CHANNEL="C0KUDOSDEFAULT")
    team = app.fake.workspace.team_id

    def chosen(purpose: ChannelPurpose, fallback: str | None = None) -> str | None:
        return channel_for(app.runtime.unit_of_work, team, purpose, fallback)

    asks = coffee(app, "setup asks <#C0GENERAL|general>", channel_id="C0GENERAL").body
    assert "asks and offers now go to <#C0GENERAL>" in asks
    assert chosen(ChannelPurpose.ASKS) == "C0GENERAL" and chosen(ChannelPurpose.INTROS) is None
    kudos = coffee(app, f"setup kudos <#{INTROS}|introductions>", channel_id="C0GENERAL").body
    assert f"kudos now go to <#{INTROS}>" in kudos
    assert chosen(ChannelPurpose.KUDOS) == INTROS and chosen(ChannelPurpose.ASKS) == "C0GENERAL"
    off = coffee(app, "setup kudos off", channel_id="C0GENERAL").body
    assert "no kudos channel is set here now, so kudos go to <#C0KUDOSDEFAULT> (the server's setting)" in off
    assert chosen(ChannelPurpose.KUDOS, app.runtime.settings.kudos_channel) == "C0KUDOSDEFAULT"
    intern = app.fake.workspace.interns[0]
    assert (
        "Only workspace admins" in coffee(app, "setup asks off", user_id=intern, channel_id="C0GENERAL").body
    )
    assert chosen(ChannelPurpose.ASKS) == "C0GENERAL"
