"""Every parser of what people type takes any text: it answers or refuses, it never raises."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.coffee.model import Schedule
from bot.domain.coffee.schedule import pause_until
from bot.domain.people.profile import check_profile
from handlers.coffee.admin import parse_schedule
from handlers.followups.network import page_number
from handlers.introductions.listeners import parse_pair
from handlers.people.profile_blocks import profile_modal, read_profile_form
from handlers.text import escape, leading_mention, mentioned, plain, safe
from tests.strategies import slack_text

MANY = settings(max_examples=400, deadline=None)
USER_ID = re.compile(r"[UW][A-Z0-9]+")


@MANY
@given(slack_text)
def test_a_schedule_is_parsed_or_refused_with_a_short_safe_sentence(text: str):
    result = parse_schedule(text, Schedule())
    if isinstance(result, str):
        assert len(result) < 300 and "<" not in result and ">" not in result
    else:
        assert 0 <= result.weekday <= 4


@MANY
@given(slack_text, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_a_pause_ends_after_today_within_a_year_or_is_refused(text: str, today: date):
    until = pause_until(text, today)
    assert until is None or today < until <= today + timedelta(days=366)


@MANY
@given(slack_text)
def test_a_network_page_is_a_positive_number(text: str):
    assert page_number(text) >= 1


@MANY
@given(slack_text)
def test_mentions_are_user_ids_or_nothing(text: str):
    for found in (mentioned(text), (leading_mention(text) or ("U0",))[0]):
        assert found is None or USER_ID.fullmatch(found)
    parsed = parse_pair("U0CALLER", text.split())
    if parsed is not None:
        (a, b), why = parsed
        assert USER_ID.fullmatch(a) and USER_ID.fullmatch(b) and isinstance(why, str)


@MANY
@given(slack_text, st.integers(2, 3000))
def test_safe_text_is_escaped_and_within_the_limit(text: str, limit: int):
    out = safe(text, limit)
    assert len(out) <= limit
    assert "<" not in out and ">" not in out
    assert "&" not in re.sub(r"&(amp|lt|gt);", "", out)  # never half an escape
    assert out == escape(text) or out.endswith("…")


def form_view(values: dict[str, str | None], role: str | None, start: str | None, end: str | None) -> dict:
    state = {name: {"input": {"type": "plain_text_input", "value": v}} for name, v in values.items()}
    state["role"] = {"role": {"type": "static_select", "selected_option": role and {"value": role}}}
    state["internship_start"] = {"d": {"type": "datepicker", "selected_date": start}}
    state["internship_end"] = {"d": {"type": "datepicker", "selected_date": end}}
    return {"state": {"values": state}}


FIELDS = ("team", "pronouns", "working_on", "interests", "pitch", "linkedin_url")
maybe_text = st.one_of(st.none(), slack_text)
day_text = st.one_of(st.none(), st.dates().map(date.isoformat), slack_text)


@MANY
@given(
    st.fixed_dictionaries({name: maybe_text for name in FIELDS}),
    st.one_of(st.none(), st.sampled_from(["intern", "colleague", "mentor"]), slack_text),
    day_text,
    day_text,
)
def test_the_profile_form_is_accepted_or_every_error_points_at_a_field(values, role, start, end):
    form, _ = read_profile_form(form_view(values, role, start, end))
    profile, errors = check_profile("T0", "U0", form)
    block_ids = {block["block_id"] for block in profile_modal(None, first_time=False)["blocks"]}
    assert (profile is None) == bool(errors)
    assert set(errors) <= block_ids
    assert all(0 < len(message) <= 150 for message in errors.values())  # Slack's inline error limit
    if profile is not None:
        assert profile_modal(profile, first_time=False)["blocks"]  # it renders back into the form


@MANY
@given(slack_text)
def test_plain_text_keeps_everything_but_control_characters(text: str):
    def control(c: str) -> bool:
        return (ord(c) < 32 and c not in "\t\n\r") or c == "\x7f"

    out = plain(text)
    assert not any(control(c) for c in out)
    assert len(out) == len(text) - sum(1 for c in text if control(c))
