"""`rapport tick` at a moment the test chooses: a real process to kill, with an injected clock."""

from __future__ import annotations

import os
import sys
from datetime import datetime

from bot.config import Settings
from bot.jobs import run_due_work
from bot.wiring import wire


def main() -> None:
    now = datetime.fromisoformat(sys.argv[1])
    runtime = wire(Settings.from_env(os.environ), clock=lambda: now).runtime
    print(run_due_work(runtime, now), flush=True)


if __name__ == "__main__":
    main()
