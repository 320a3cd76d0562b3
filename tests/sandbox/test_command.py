"""`rapport sandbox` as a real process: it says where it listens, serves the page, stops on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_serves_the_page_and_stops_cleanly(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["PYTHONPATH"] = str(ROOT)
    db = tmp_path / "kept.sqlite"
    command = [sys.executable, "-m", "bot", "sandbox", "--port", "0", "--people", "8", "--db", str(db)]
    with subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:  # fmt: skip
        try:
            assert process.stdout is not None and process.stderr is not None
            line = process.stdout.readline()
            found = re.search(r"Rapport sandbox on (http://127\.0\.0\.1:\d+) \(8 people, seed 1\)", line)
            assert found, line + (process.stderr.read() if process.poll() is not None else "")
            with urllib.request.urlopen(found.group(1) + "/", timeout=10) as response:
                assert "Rapport sandbox" in response.read().decode()
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()
    assert db.is_file()  # --db keeps the database where it was asked


def test_a_busy_port_is_one_line_and_nothing_else(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["PYTHONPATH"] = str(ROOT)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "bot", "sandbox", "--port", str(port), "--people", "4"]
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    line = f"rapport sandbox: cannot listen on 127.0.0.1:{port} (Address already in use)"
    assert done.stderr.splitlines() == [line]
