"""Slack's method reference (tests/data/slack-reference/methods): which methods exist, which args."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

METHODS_DIR = Path(__file__).resolve().parents[1] / "data" / "slack-reference" / "methods"
# Sent by every client and checked separately: the token (header or form), and team_id, which
# slack_sdk adds to every call of a WebClient(team_id=...) - Bolt's per-request clients always do.
IMPLICIT_ARGS = frozenset({"token", "team_id"})


@cache
def method_spec(method: str) -> dict[str, Any] | None:
    """The reference entry for `method`, or None when Slack has no such method."""
    if not method or "/" in method or method.startswith("."):
        return None
    path = METHODS_DIR / f"{method}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def arg_specs(method: str) -> dict[str, dict[str, Any]]:
    spec = method_spec(method) or {}
    return spec.get("args") or {}


def unknown_args(method: str, args: dict[str, Any]) -> list[str]:
    listed = arg_specs(method)
    return sorted(name for name in args if name not in listed and name not in IMPLICIT_ARGS)


def missing_args(method: str, args: dict[str, Any]) -> list[str]:
    return sorted(
        name
        for name, spec in arg_specs(method).items()
        if spec.get("required") and name not in IMPLICIT_ARGS and args.get(name) in (None, "")
    )


def _is_json_arg(spec: dict[str, Any], value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if spec.get("format") == "json":
        return True
    return spec.get("type") == "array" and value.lstrip().startswith("[")


def decode_json_args(method: str, args: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Parse JSON-string args (blocks, view, attachments, files...). Returns (args, bad arg names)."""
    decoded, bad = dict(args), []
    for name, spec in arg_specs(method).items():
        if name in decoded and _is_json_arg(spec, decoded[name]):
            try:
                decoded[name] = json.loads(decoded[name])
            except ValueError:
                bad.append(name)
    return decoded, bad
