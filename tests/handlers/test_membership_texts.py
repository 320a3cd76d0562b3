"""The welcome DM and the forget summary: short, and only what is true."""

from __future__ import annotations

from bot.domain.privacy import FORMER_MEMBER, is_anonymous, new_anonymous_id
from bot.sandbox.fakeslack.blockkit import check_blocks
from bot.services.membership.forget import ForgetReport
from handlers.membership.blocks import MAX_CHANNELS, welcome_text
from handlers.membership.forget_blocks import confirm_blocks, report_lines
from handlers.text import who


def test_the_welcome_links_every_pool_channel_up_to_a_limit_then_counts_the_rest():
    channels = [f"C{n:03d}" for n in range(MAX_CHANNELS + 2)]
    text = welcome_text(channels)
    assert "<#C000>" in text and f"<#C{MAX_CHANNELS - 1:03d}>" in text
    assert f"<#C{MAX_CHANNELS:03d}>" not in text and "and 2 more" in text
    assert "`/intro`" in welcome_text([]) and "<#" not in welcome_text([])


def test_the_summary_separates_what_is_deleted_from_what_is_kept_without_the_name():
    report = ForgetReport({"profile": 1, "coffee_groups": 3, "welcome": 0, "catch_ups": 2})
    deleted, kept = report_lines(report)
    assert deleted == ["your /intro profile: 1", "catch ups: 2"]  # a kind added later still shows
    assert kept == ["coffee groups you were in: 3"]
    assert check_blocks(confirm_blocks(report)) == []  # the Block Kit limits the fake checks
    button = confirm_blocks(report)[-1]["elements"][0]
    assert button["style"] == "danger" and set(button["confirm"]) >= {"title", "text", "confirm", "deny"}


def test_markers_are_random_and_shown_as_a_former_member():
    first, second = new_anonymous_id(), new_anonymous_id()
    assert first != second and is_anonymous(first) and not is_anonymous("U01AMARA")
    assert who(first) == FORMER_MEMBER and who("U01AMARA") == "<@U01AMARA>"


def test_kudos_are_kept_as_posted_and_posts_naming_the_member_are_counted_as_redrawn():
    report = ForgetReport({"kudos": 2, "offers": 1, "events_created": 1}, redrawn=3)
    deleted, kept = report_lines(report)
    assert deleted == ["your offers of help (`/offer`; their posts are deleted too): 1"]
    assert kept[0] == "kudos you gave or got (the kudos posts stay in Slack as they are): 2"
    assert kept[2].startswith("posts in channels that name you (") and kept[2].endswith("redrawn: 3")
    _, about_them = report_lines(report, about_them=True)
    assert about_them[1].startswith("events they created") and "asks they offered" in about_them[2]
