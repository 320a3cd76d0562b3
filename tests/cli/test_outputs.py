"""A file a command writes never replaces an existing one without --force (issue 25.16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.services.program.export import WHAT
from tests.cli.helpers import ROOT, clean_env, rapport

QUICK = ("simulate", "--weeks", "1", "--interns", "2", "--colleagues", "2", "--mentors", "0")
WRITERS = [
    ("export", "--what", "members", "--output"),
    ("report", "--html"),
    (*QUICK, "--html"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'r.db'}")
    assert rapport("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "kept.txt").write_text("the lead's own notes\n")
    return tmp_path


def run(folder: Path, *args: str):
    return rapport(*args, cwd=folder, env=clean_env(DATABASE_URL=f"sqlite:///{folder / 'r.db'}"), timeout=120)


@pytest.mark.parametrize("writer", WRITERS)
def test_an_existing_file_is_kept_without_force(folder: Path, writer):
    result = run(folder, *writer, "kept.txt")
    assert result.returncode == 2
    option = writer[-1]
    assert result.stderr.strip().splitlines() == [
        f"rapport{' simulate' if writer[0] == 'simulate' else ''}: {option} kept.txt already exists: "
        "add --force to replace it, or name another file"
    ]
    assert (folder / "kept.txt").read_text() == "the lead's own notes\n"
    assert result.stdout == ""  # refused before any work


def test_force_replaces_an_exported_file_whole(folder: Path):
    result = run(folder, "export", "--what", "members", "--output", "kept.txt", "--force")
    assert result.returncode == 0, result.stderr
    header = (folder / "kept.txt").read_text().splitlines()[0]
    assert header.replace('"', "").startswith("user_id,email,role")
    assert not list(folder.glob("*.partial"))


def test_force_replaces_a_report(folder: Path):
    pytest.importorskip("matplotlib")
    result = run(folder, "report", "--html", "kept.txt", "--force")
    assert result.returncode == 0, result.stderr
    assert (folder / "kept.txt").read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("command", [("export",), ("report",), ("simulate",)])
def test_every_command_that_writes_a_file_offers_force(folder: Path, command):
    shown = run(folder, *command, "--help").stdout
    assert "--force" in shown


def test_the_operations_page_lists_every_export():
    text = (ROOT / "docs" / "operations.md").read_text()
    [listed] = re.findall(r"`rapport export --what ([\w\\|]+)", text)
    assert listed.split("\\|") == list(WHAT)
