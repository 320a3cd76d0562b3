"""Slack's method reference: which methods exist, which args each takes.

`methods.json` is distilled from slack-ruby/slack-api-ref (MIT, see LICENSE-slack-api-ref.md): for every
method, its args with `required`, `type` and `format` only. It ships in the package so `rapport sandbox`
works from an install; tests/data/slack-reference/methods is the full copy, and a test checks this one
is `distill()` of it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

METHODS_FILE = Path(__file__).resolve().parent / "methods.json"
KEPT_FIELDS = ("required", "type", "format")
# Sent by every client and checked separately: the token (header or form), and team_id, which
# slack_sdk adds to every call of a WebClient(team_id=...) - Bolt's per-request clients always do.
IMPLICIT_ARGS = frozenset({"token", "team_id"})


@cache
def _methods() -> dict[str, dict[str, Any]]:
    return json.loads(METHODS_FILE.read_text(encoding="utf-8"))


def method_spec(method: str) -> dict[str, Any] | None:
    """The reference entry for `method`, or None when Slack has no such method."""
    return _methods().get(method)


def distill(methods_dir: Path) -> dict[str, dict[str, Any]]:
    """What the fake keeps of a folder of slack-api-ref method files (one `<method>.json` each)."""
    distilled = {}
    for path in sorted(methods_dir.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        args = spec.get("args") or {}
        distilled[path.stem] = {
            "args": {name: {key: arg[key] for key in KEPT_FIELDS if key in arg} for name, arg in args.items()}
        }
    return distilled


def write_distilled(methods_dir: Path, target: Path = METHODS_FILE) -> None:
    """Refresh methods.json from a newer snapshot of slack-api-ref's methods folder."""
    text = json.dumps(distill(methods_dir), indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")


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
