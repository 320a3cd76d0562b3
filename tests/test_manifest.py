"""manifest.yml is valid for Slack and asks for exactly the scopes the code needs."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jsonschema
import yaml

from bot.slack.scopes import BOT_SCOPES

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "slack-reference"
CODE_DIRS = ("bot", "handlers", "storage")
# Scopes that no Web API method or event implies but a feature needs.
SCOPES_FOR_FEATURES = {"commands": "slash commands"}


def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def called_methods() -> set[str]:
    """Web API methods the code calls as `client.users_lookupByEmail(...)` and the like."""
    known = {m.stem: m.stem for m in (REFERENCE / "methods").glob("*.json")}
    by_attribute = {name.replace(".", "_"): name for name in known}
    methods = set()
    for directory in CODE_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in by_attribute:
                    methods.add(by_attribute[node.attr])
    return methods


def test_manifest_is_valid_against_slacks_schema():
    schema = json.loads((REFERENCE / "manifest-schema" / "manifest.schema.1.0.0.json").read_text())
    jsonschema.validate(manifest(), schema)


def test_slash_commands_escape_mentions_and_app_home_is_interactive():
    features = manifest()["features"]
    assert {c["command"] for c in features["slash_commands"]} == {
        "/intro",
        "/coffee",
        "/event",
        "/ask",
        "/kudos",
        "/offer",
        "/mentor",
    }
    assert all(c["should_escape"] is True for c in features["slash_commands"])
    home = features["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert home["messages_tab_read_only_enabled"] is False
    settings = manifest()["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True


def test_subscribed_events_exist_in_slacks_event_list():
    events = manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert set(events) == {
        "app_home_opened",
        "member_joined_channel",
        "team_join",
        "message.im",
        "user_change",
    }
    for event in events:
        assert (REFERENCE / "events" / f"{event}.json").exists(), event


def test_manifest_scopes_are_the_ones_the_code_asks_for_in_oauth():
    assert set(manifest()["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES


def test_every_scope_is_needed_and_every_need_is_granted():
    method_scopes = json.loads((DATA / "method_scopes.json").read_text())
    needs: list[tuple[str, list[str]]] = []
    for method in sorted(called_methods()):
        assert method in method_scopes, f"add {method}'s scopes to tests/data/method_scopes.json"
        needs.append((method, method_scopes[method]))
    for event in manifest()["settings"]["event_subscriptions"]["bot_events"]:
        needs.append((event, json.loads((REFERENCE / "events" / f"{event}.json").read_text())["scopes"]))
    for what, scopes in needs:
        assert not scopes or BOT_SCOPES & set(scopes), f"{what} needs one of {scopes}"
    used = {scope for _, scopes in needs for scope in scopes if scope in BOT_SCOPES}
    unused = BOT_SCOPES - used - SCOPES_FOR_FEATURES.keys()
    assert not unused, f"scopes asked for but not needed: {sorted(unused)}"


def test_the_code_calls_the_methods_this_check_relies_on():
    # Guards the scan itself: if it found nothing, the scope check above would pass vacuously.
    assert {"chat.postMessage", "users.lookupByEmail", "views.open", "views.publish"} <= called_methods()


def test_usage_hints_are_short_and_help_carries_the_rest():
    hints = [c["usage_hint"] for c in manifest()["features"]["slash_commands"]]
    assert hints and all(len(hint) <= 60 for hint in hints)


def test_the_example_host_is_an_obvious_placeholder():
    text = (ROOT / "manifest.yml").read_text()
    assert "rapport.example.com" not in text
    assert "YOUR-HOST.example.com" in text
