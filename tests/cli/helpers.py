"""Running the real `rapport` command in a subprocess with a controlled environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**settings: str) -> dict[str, str]:
    """The current environment without any Rapport or Slack setting, plus `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "RAPPORT_", "DATABASE_URL", "PORT"))
    }
    env["PYTHONPATH"] = str(ROOT)
    env.update(settings)
    return env


def rapport(
    *args: str,
    cwd: Path,
    env: dict[str, str],
    timeout: float = 60,
    input: str | None = None,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        input=input,
    )


def without_root_powers() -> list[str]:
    """A command prefix under which file permissions hold even for root (tests often run as root, who
    reads and writes any file): drop the capabilities that override them. Empty when not root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        import pytest

        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
