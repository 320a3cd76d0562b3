"""The README stays true: its test command is what CI runs, and every setting is documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = re.compile(r"\b(SLACK_[A-Z_]+|RAPPORT_[A-Z_]+|DATABASE_URL|PORT)\b")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line for block in blocks for line in block.strip().splitlines()]


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(line for line in readme_commands() if "pytest" in line)
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines


def test_every_setting_the_code_reads_is_in_the_readme_and_env_example():
    read_by_code = set(SETTINGS.findall((ROOT / "bot" / "config.py").read_text()))
    assert {"SLACK_BOT_TOKEN", "DATABASE_URL", "RAPPORT_TIMEZONE"} <= read_by_code
    readme = set(SETTINGS.findall((ROOT / "README.md").read_text()))
    example = set(SETTINGS.findall((ROOT / ".env.example").read_text()))
    assert read_by_code - readme == set()
    assert read_by_code - example == set()
