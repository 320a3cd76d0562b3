"""Rapport's real Block Kit, rendered by the sandbox: every block kind its messages use is shown."""

from __future__ import annotations

import random
from datetime import date

from bot.domain.coffee.group_intro import IntroPerson, compose_intro
from bot.domain.coffee.model import CheckinAnswer
from bot.domain.people.person import Role
from bot.sandbox.blockkit import blocks_to_html
from bot.sandbox.reader import Reader
from handlers.coffee.blocks import answered_blocks, checkin_blocks, heads_up_blocks, intro_blocks, stay_blocks
from handlers.membership.blocks import welcome_text

PEOPLE = {"U01AMARA": "Amara", "U02LIAM": "Liam"}


def render(blocks, text: str = "") -> str:
    return blocks_to_html(blocks, Reader(lambda key: PEOPLE.get(key, key), tuple(PEOPLE.items())), text)


def test_a_coffee_intro_shows_names_roles_and_the_organiser():
    people = [
        IntroPerson("U01AMARA", Role.INTERN, "Payments"),
        IntroPerson("U02LIAM", Role.COLLEAGUE, "Platform"),
    ]
    shown = render(intro_blocks(compose_intro(people, "U02LIAM", date(2026, 6, 12), random.Random(1))))
    assert '<span class="mention">@Amara</span>' in shown and "intern · Payments" in shown
    assert "<b>" in shown and "Friday 12 June" in shown
    assert "unknown" not in shown


def test_buttons_carry_what_a_click_sends_back():
    shown = render(checkin_blocks(group_id=42, reask=False))
    assert 'data-action-id="checkin_met"' in shown and 'data-value="42"' in shown
    assert 'class="button primary"' in shown


def test_every_coffee_message_renders_without_unknown_parts():
    for blocks in (
        checkin_blocks(7, reask=True),
        answered_blocks(CheckinAnswer.MET, "U01AMARA"),
        heads_up_blocks(3, "tomorrow (Monday at 10:00)"),
        stay_blocks(3, "C0COFFEE"),
    ):
        assert "unknown" not in render(blocks)


def test_a_message_without_blocks_shows_its_text():
    assert "coffee" in render([], welcome_text(["C0COFFEE"]))


def test_inputs_selects_and_rich_text():
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Pitch <b>"}},
        {"type": "input", "block_id": "b1", "label": {"type": "plain_text", "text": "Who?"}, "optional": True,
         "element": {"type": "multi_users_select", "action_id": "who", "initial_users": ["U01AMARA"]}},
        {"type": "actions", "block_id": "a1", "elements": [
            {"type": "static_select", "action_id": "pick", "options": [
                {"text": {"type": "plain_text", "text": "Weekly"}, "value": "weekly"}]},
            {"type": "overflow", "action_id": "more", "options": [
                {"text": {"type": "plain_text", "text": "Leave"}, "value": "leave"}]},
            {"type": "button", "text": {"type": "plain_text", "text": "Calendar"}, "url": "https://calendar.example"},
        ]},
        {"type": "rich_text", "elements": [{"type": "rich_text_list", "style": "bullet", "elements": [
            {"type": "rich_text_section", "elements": [
                {"type": "text", "text": "one", "style": {"bold": True}}]}]}]},
    ]  # fmt: skip
    shown = render(blocks)
    assert '<h3 class="block header">Pitch &lt;b&gt;</h3>' in shown
    assert '<option value="U01AMARA" selected>Amara</option>' in shown and "(optional)" in shown
    assert 'data-action-id="pick"' in shown and 'data-action-id="more"' in shown
    assert 'href="https://calendar.example"' in shown
    assert "<ul><li><b>one</b></li></ul>" in shown
    assert "unknown" not in shown


def test_pickers_offer_names_never_boxes_for_ids():
    from bot.sandbox.reader import Pickable

    reader = Reader(
        lambda key: PEOPLE.get(key, key), tuple(PEOPLE.items()),
        (Pickable("C0ASKS", "#asks", "public"), Pickable("C0SECRET", "#secret", "private"),
         Pickable("G0GROUP", "Amara, Liam", "mpim")),
    )  # fmt: skip
    for kind in ("users_select", "multi_users_select", "conversations_select", "channels_select",
                 "multi_conversations_select", "multi_channels_select"):  # fmt: skip
        block = {"type": "input", "block_id": "b", "element": {"type": kind, "action_id": "v"}}
        shown = blocks_to_html([block], reader)
        assert "<select" in shown and "<input" not in shown, kind
        assert ("Amara</option>" in shown) == ("users" in kind), kind
        assert ("#asks</option>" in shown) == ("users" not in kind), kind
        assert ("multiple" in shown) == kind.startswith("multi_"), kind
    only_public = {"type": "conversations_select", "action_id": "v", "filter": {"include": ["public"]}}
    shown = blocks_to_html([{"type": "actions", "block_id": "a", "elements": [only_public]}], reader)
    assert "#asks" in shown and "#secret" not in shown and "Amara, Liam" not in shown


def test_checkboxes_and_radio_buttons_are_real_ones_and_sections_read_top_down():
    options = [{"text": {"type": "plain_text", "text": "Mix"}, "value": "mix",
                "description": {"type": "plain_text", "text": "Small tables"}}]  # fmt: skip
    shown = render([
        {"type": "input", "block_id": "m",
         "element": {"type": "checkboxes", "action_id": "v", "options": options, "initial_options": options}},
        {"type": "actions", "block_id": "r", "elements": [{"type": "radio_buttons", "action_id": "w",
                                                           "options": options}]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "Above"},
         "fields": [{"type": "mrkdwn", "text": "Below"}]},
    ])  # fmt: skip
    assert '<input type="checkbox" value="mix" name="m/v" checked>' in shown
    assert '<input type="radio" value="mix" name="r/w">' in shown and "Small tables" in shown
    assert '<div class="body"><div class="text">Above</div><div class="fields">' in shown
