"""Giving listeners the shared Runtime through Bolt's context (Bolt injects only by parameter name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.runtime import Runtime

RUNTIME_KEY = "rapport"


def install(app: App, runtime: Runtime) -> None:
    """Put `runtime` into every request's context."""

    def add_runtime(context: BoltContext, next: Callable[[], Any]) -> Any:
        context[RUNTIME_KEY] = runtime
        return next()

    app.use(add_runtime)


def runtime_of(context: BoltContext) -> Runtime:
    return context[RUNTIME_KEY]
