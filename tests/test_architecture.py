"""Imports point inward: the domain knows nothing of Slack, SQL or the layers around it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path} imports {name}"
        for path, names in imported_modules(package).items()
        for name in names
        if name.split(".")[0] in forbidden or name.startswith(forbidden)
    ]


def test_domain_uses_the_standard_library_only():
    assert (
        offenders(
            "bot.domain",
            (
                "slack_bolt",
                "slack_sdk",
                "sqlalchemy",
                "alembic",
                "storage",
                "handlers",
                "bot.services",
                "bot.serve.app",
                "bot.wiring",
                "apscheduler",
            ),
        )
        == []
    )


def test_services_know_neither_slack_nor_sql():
    assert offenders("bot.services", ("slack_bolt", "slack_sdk", "sqlalchemy", "storage", "handlers")) == []


def test_handlers_do_not_touch_storage():
    assert offenders("handlers", ("sqlalchemy", "storage", "alembic")) == []


def test_storage_does_not_know_handlers_or_the_app():
    assert offenders("storage", ("handlers", "bot.serve.app", "bot.serve.run", "bot.cli", "slack_bolt")) == []
