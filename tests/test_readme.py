"""The README stays true and short: its test command is what CI runs, its links and paths exist, and every
setting is documented."""

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


def test_every_setting_the_code_reads_is_in_the_settings_page_and_env_example():
    read_by_code = set(SETTINGS.findall((ROOT / "bot" / "config.py").read_text()))
    assert {"SLACK_BOT_TOKEN", "DATABASE_URL", "RAPPORT_TIMEZONE"} <= read_by_code
    readme = set(SETTINGS.findall((ROOT / "docs" / "settings.md").read_text()))
    example = set(SETTINGS.findall((ROOT / ".env.example").read_text()))
    assert read_by_code - readme == set()
    assert read_by_code - example == set()


def test_the_readme_is_short_and_starts_with_creating_the_app_before_running_it():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 250
    assert text.index("## Create the Slack app") < text.index("## Run") < text.index("## Test")


def test_every_link_and_path_in_the_readme_and_docs_exists():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = []
    for page in pages:
        text = page.read_text()
        for target in re.findall(r"\]\(([^)#]+?)(?:#[^)]*)?\)", text):
            if "://" not in target and not (page.parent / target).exists():
                missing.append(f"{page.name}: {target}")
        for path in re.findall(r"`((?:bot|handlers|storage|tests|bench|docs)/[\w/.-]*)`", text):
            if not (ROOT / path.rstrip("/")).exists():
                missing.append(f"{page.name}: {path}")
    assert missing == []
