"""A sandbox never talks to a real workspace: it refuses to start beside real Slack credentials."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

REAL_SLACK_SETTINGS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET")


def refusal(env: Mapping[str, str], dotenv: Path) -> str | None:
    """One line saying why the sandbox will not start, or None when no real Slack setting is in sight."""
    for name in REAL_SLACK_SETTINGS:
        if env.get(name, "").strip():
            return f"{name} is set in the environment: the sandbox never runs beside a real Slack workspace"
    if dotenv.is_file():
        values = dotenv_values(dotenv)
        for name in REAL_SLACK_SETTINGS:
            if (values.get(name) or "").strip():
                return (
                    f"{dotenv} sets {name}: the sandbox never runs beside a real Slack workspace "
                    "(run it from another folder)"
                )
    return None
