"""What the page sends Rapport is shaped as Slack shapes it: state.values and block_actions' actions."""

from __future__ import annotations

import pytest

from bot.sandbox.view_state import state_values
from bot.sandbox.web import BadRequest, slack_action

OPTIONS = [
    {"text": {"type": "plain_text", "text": "Intern"}, "value": "intern"},
    {"text": {"type": "plain_text", "text": "Mentor"}, "value": "mentor"},
]
VIEW = {
    "blocks": [
        {"type": "input", "block_id": "role", "element": {"type": "static_select", "action_id": "value",
                                                          "options": OPTIONS, "initial_option": OPTIONS[0]}},
        {"type": "input", "block_id": "team", "element": {"type": "plain_text_input", "action_id": "value",
                                                          "initial_value": "Payments"}},
        {"type": "input", "block_id": "start", "element": {"type": "datepicker", "action_id": "value"}},
        {"type": "input", "block_id": "who", "element": {"type": "multi_users_select", "action_id": "value"}},
        {"type": "input", "block_id": "again", "element": {"type": "checkboxes", "action_id": "value",
                                                           "options": OPTIONS}},
        {"type": "actions", "block_id": "acts", "elements": [{"type": "button", "action_id": "go"}]},
    ]
}  # fmt: skip


def test_state_values_take_what_was_typed_and_keep_initial_values():
    values = state_values(VIEW, {"role": {"value": "mentor"}, "start": {"value": "2026-06-01"},
                                 "who": {"value": "U1, U2"}, "again": {"value": ["intern"]}})  # fmt: skip
    assert values["role"]["value"] == {"type": "static_select", "selected_option": OPTIONS[1]}
    assert values["team"]["value"] == {"type": "plain_text_input", "value": "Payments"}
    assert values["start"]["value"] == {"type": "datepicker", "selected_date": "2026-06-01"}
    assert values["who"]["value"] == {"type": "multi_users_select", "selected_users": ["U1", "U2"]}
    assert values["again"]["value"] == {"type": "checkboxes", "selected_options": [OPTIONS[0]]}
    assert "acts" not in values  # buttons hold no state


def test_an_empty_field_is_sent_as_slack_sends_it():
    values = state_values(VIEW, {"team": {"value": ""}, "start": {"value": ""}})
    assert values["team"]["value"]["value"] == ""
    assert values["start"]["value"]["selected_date"] is None


def test_actions_carry_the_element_s_own_value_and_the_chosen_option():
    button = {"type": "button", "action_id": "go", "value": "7", "text": {"type": "plain_text", "text": "Go"}}
    assert slack_action(button, "acts", "forged")["value"] == "7"  # the page cannot change a button's value
    chosen = slack_action({"type": "static_select", "action_id": "pick", "options": OPTIONS}, "b", "mentor")
    assert chosen["selected_option"] == OPTIONS[1]
    with pytest.raises(BadRequest):
        slack_action({"type": "static_select", "action_id": "pick", "options": OPTIONS}, "b", "admin")


def test_picked_people_and_conversations_are_sent_as_slack_sends_them():
    many = {"type": "multi_users_select", "action_id": "who"}
    assert slack_action(many, "b", ["U1", "U2"])["selected_users"] == ["U1", "U2"]
    assert (
        slack_action({"type": "conversations_select", "action_id": "c"}, "b", "C1")["selected_conversation"]
        == "C1"
    )
    assert slack_action({"type": "multi_channels_select", "action_id": "c"}, "b", "C1")[
        "selected_channels"
    ] == ["C1"]
    assert slack_action({"type": "timepicker", "action_id": "t"}, "b", "09:30")["selected_time"] == "09:30"
