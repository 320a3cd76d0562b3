"""`/intro mentors [topic]`: mentors by topic, and Ask for an introduction starting `/intro me @mentor`."""

from __future__ import annotations

from bot.domain.people.mentors import LIST_LIMIT
from bot.domain.people.person import Person, Role
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import all_text, intro, save_profile, wait_response, wait_until_group_stored
from tests.app.test_introductions import DONE, consent_request, press

ASK = "intro_ask_mentor"


def save_mentor(app: RunningApp, user_id: str, interests: str, working_on: str = "") -> None:
    save_profile(app, user_id, role="mentor", interests=interests, working_on=working_on)


def mentors(app: RunningApp, topic: str, caller: str) -> dict:
    reply = intro(app, f"mentors {topic}".strip(), caller)
    assert reply.status == 200
    return reply.json()


def listed(reply: dict) -> list[str]:
    return [b["accessory"]["value"].split("|")[0] for b in reply.get("blocks", []) if "accessory" in b]


def ask_button(reply: dict) -> dict:
    return next(b["accessory"] for b in reply["blocks"] if b.get("accessory", {}).get("action_id") == ASK)


def test_mentors_are_found_by_tag_or_work_word_prefix_case_insensitively(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    kavya, olivia, maya, amara = ws.colleagues[2], ws.colleagues[6], ws.colleagues[4], ws.interns[0]
    save_mentor(app, kavya, "Rust, distributed systems", "Payments ledger")
    save_mentor(app, olivia, "Data Science, career changes", "Fraud models")
    save_mentor(app, maya, "design systems, user research")
    save_mentor(app, amara, "rust")
    with app.runtime.unit_of_work() as uow:  # the roster makes amara an intern again: no longer listed
        uow.members.upsert_roster([Person(ws.team_id, amara, Role.INTERN)], app.clock())
        uow.commit()
    assert sorted(listed(mentors(app, "", amara))) == sorted([kavya, olivia, maya])
    assert listed(mentors(app, "SYSTEMS", amara)) == [kavya, maya]
    assert listed(mentors(app, "distrib", amara)) == [kavya]
    assert listed(mentors(app, "ledger", amara)) == [kavya]  # what they work on counts too
    assert listed(mentors(app, "data sci", amara)) == [olivia]
    reply = mentors(app, "rust", amara)
    assert listed(reply) == [kavya]
    assert "Ask me about: rust, distributed systems" in all_text(reply)
    assert ask_button(reply)["text"]["text"] == "Ask for an introduction"


def test_a_roster_mentor_without_a_profile_is_listed_without_a_topic_only(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    liam, kavya = ws.colleagues[3], ws.colleagues[2]
    with app.runtime.unit_of_work() as uow:
        uow.members.upsert_roster([Person(ws.team_id, liam, Role.MENTOR)], app.clock())
        uow.commit()
    save_mentor(app, kavya, "rust")
    everyone = mentors(app, "", ws.interns[1])
    assert listed(everyone) == [kavya, liam]  # profiles first
    assert "No profile yet" in all_text(everyone)
    assert listed(mentors(app, "rust", ws.interns[1])) == [kavya]


def test_no_match_suggests_the_topics_mentors_list(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    assert "no other mentors here yet" in mentors(app, "rust", ws.interns[0])["text"]
    save_mentor(app, ws.colleagues[2], "rust, compilers")
    save_mentor(app, ws.colleagues[6], "statistics, rust")
    reply = mentors(app, "<!channel> knitting", ws.interns[0])
    assert "blocks" not in reply
    assert "No mentor lists “&lt;!channel&gt; knitting”" in reply["text"]
    assert "`rust`, `compilers`, `statistics`" in reply["text"]
    assert "`/intro mentors` for all 2" in reply["text"]


def test_a_long_list_is_capped_and_says_how_many_more(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    people = [Person(ws.team_id, f"U7MENTOR{i:02}", Role.MENTOR) for i in range(LIST_LIMIT + 7)]
    with app.runtime.unit_of_work() as uow:
        uow.members.upsert_roster(people, app.clock())
        uow.commit()
    reply = mentors(app, "", ws.interns[0])
    assert len(listed(reply)) == LIST_LIMIT and len(reply["blocks"]) <= 50
    assert "and 7 more — narrow with a topic" in reply["blocks"][-1]["elements"][0]["text"]


def test_ask_for_an_introduction_asks_only_the_mentor_and_the_same_limits_apply(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    chloe, olivia = ws.interns[2], ws.colleagues[6]
    save_mentor(app, olivia, "data science")
    reply = mentors(app, "data", chloe)
    ask = ask_button(reply)
    app.slack.block_action(chloe, ASK, value=ask["value"], message=reply, channel_id="C0GENERAL")
    assert f"asked <@{olivia}> privately" in wait_response(app, DONE)
    request = consent_request(app, olivia)
    assert f"<@{chloe}> would like to be introduced to you" in all_text(request)
    assert "Looking for a mentor on data." in all_text(request)
    app.slack.block_action(chloe, ASK, value=ask["value"], message=reply, channel_id="C0GENERAL")
    wait_response(app, "already have an introduction waiting")
    assert all(c.args.get("replace_original") is False for c in app.fake.calls_to("response_url"))
    press(app, olivia, "intro_accept", request)
    opened = app.fake.wait_for("conversations.open")[0]
    assert set(opened.args["users"].split(",")) == {chloe, olivia}
    wait_until_group_stored(app)
