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


def test_the_domain_needs_the_standard_library_and_only_mentoring_needs_networkx():
    """networkx's minimum-cost flow is the one library a rule uses: mentoring's assignment (a solver is
    better kept than hand-written). Anything else outside the standard library stays out of the domain."""
    import sys

    outside = [
        f"{path} imports {name}"
        for path, names in imported_modules("bot.domain").items()
        for name in names
        if name.split(".")[0] not in sys.stdlib_module_names
        and not name.startswith("bot.domain")
        and not (name.split(".")[0] == "networkx" and path.startswith("bot/domain/mentoring/"))
    ]
    assert outside == []


def test_services_know_neither_slack_nor_sql():
    assert offenders("bot.services", ("slack_bolt", "slack_sdk", "sqlalchemy", "storage", "handlers")) == []


def test_handlers_do_not_touch_storage():
    assert offenders("handlers", ("sqlalchemy", "storage", "alembic")) == []


def test_storage_does_not_know_handlers_or_the_app():
    assert offenders("storage", ("handlers", "bot.serve.app", "bot.serve.run", "bot.cli", "slack_bolt")) == []


def is_block_kit(module: str) -> bool:
    """Block Kit builders and text helpers: modules a Slack adapter or another builder may import."""
    leaf = module.rsplit(".", 1)[-1]
    return leaf.endswith("blocks") or leaf in ("text", "blockkit")


FEATURES = {
    "people",
    "coffee",
    "introductions",
    "followups",
    "keep_in_touch",
    "program",
    "membership",
    "events",
    "help",
    "mentoring",
    "scheduling",
}


def test_slack_adapters_import_block_kit_never_listeners():
    assert [
        f"{path} imports {name}"
        for path, names in imported_modules("bot.slack").items()
        for name in names
        if name.startswith("handlers") and not is_block_kit(name)
    ] == []


def test_block_kit_builders_are_leaves():
    """Blocks modules import values and other builders, never a listener or Bolt."""
    builders = {
        path: names for path, names in imported_modules("handlers").items() if is_block_kit(Path(path).stem)
    }
    assert builders
    assert [
        f"{path} imports {name}"
        for path, names in builders.items()
        for name in names
        if name.startswith("slack_bolt") or (name.startswith("handlers") and not is_block_kit(name))
    ] == []


def test_importing_block_kit_does_not_load_the_listeners():
    import subprocess
    import sys

    code = (
        "import sys, handlers.coffee.blocks, handlers.introductions.blocks, handlers.program.blocks;"
        "print(sorted(m for m in sys.modules if m.startswith(('slack_bolt', 'handlers.middleware'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_storage_implements_ports_and_never_calls_use_cases():
    assert [
        f"{path} imports {name}"
        for path, names in imported_modules("storage").items()
        for name in names
        if name.startswith("bot.services") and not name.endswith(".ports")
    ] == []


def test_services_of_one_feature_reach_others_only_through_use_cases_or_ports():
    """No service module imports a listener, an adapter or the composition root."""
    assert offenders("bot.services", ("bot.slack", "bot.runtime", "bot.jobs", "bot.wiring", "bot.cli")) == []


def test_only_the_cli_reaches_the_sandbox_and_the_simulation():
    """bot/sandbox (the fake Slack and its page) and bot/simulate are tools beside the CLI: the product
    never imports them."""
    product = ("bot.domain", "bot.services", "bot.slack", "bot.serve", "handlers", "storage")
    found = [
        f"{path} imports {name}"
        for package in product
        for path, names in imported_modules(package).items()
        for name in names
        if name.startswith(("bot.sandbox", "bot.simulate"))
    ]
    assert found == []


CALENDAR_LIBRARIES = ("google", "googleapiclient", "google_auth_httplib2", "httplib2", "msal", "requests")


def test_calendar_adapters_are_reached_only_from_the_composition_root():
    """bot/calendars (Google and Microsoft behind bot/services/scheduling/ports.py) is wired by the root, like
    bot/slack; the calendar libraries (the optional extra `rapport[calendar]`) are imported there only."""
    product = ("bot.domain", "bot.services", "bot.slack", "bot.serve", "handlers", "storage")
    found = [
        f"{path} imports {name}"
        for package in product
        for path, names in imported_modules(package).items()
        for name in names
        if name.startswith("bot.calendars") or name.split(".")[0] in CALENDAR_LIBRARIES
    ]
    assert found == []
    adapters = imported_modules("bot.calendars")
    assert [
        f"{p} imports {n}" for p, names in adapters.items() for n in names if n.startswith("handlers")
    ] == []


def test_reading_the_settings_loads_no_calendar_library():
    import subprocess
    import sys

    code = (
        "import sys, bot.config, bot.calendars;"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {CALENDAR_LIBRARIES!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_package_is_named_after_a_feature_or_a_shared_layer():
    shared = {
        "bot": {"cli", "serve", "domain", "services", "slack", "calendars", "sandbox", "simulate"},
        "bot/sandbox": {"fakeslack"},
        "bot/domain": set(),
        "bot/services": set(),
        "bot/slack": set(),
        "handlers": {"middleware", "home"},
        "storage": {"migrations"},
        "tests": {
            "domain",
            "services",
            "handlers",
            "slack",
            "serve",
            "storage",
            "app",
            "cli",
            "data",
            "sandbox",
            "simulate",
            "calendars",
        },
    }
    odd = []
    for parent, extra in shared.items():
        for child in (ROOT / parent).iterdir():
            named = child.is_dir() and not child.name.startswith(("_", "."))
            if named and child.name not in FEATURES | extra:
                odd.append(f"{parent}/{child.name}")
    assert odd == []


def test_the_top_of_bot_is_only_the_composition_root():
    root = {
        "__init__",
        "__main__",
        "config",
        "clock",
        "runtime",
        "wiring",
        "scheduler",
        "jobs",
        "log_redaction",
    }
    assert sorted(p.stem for p in (ROOT / "bot").glob("*.py") if p.stem not in root) == []


def test_no_module_is_named_after_a_milestone():
    old_words = ("insight", "lifecycle", "hardening", "intro_", "_jobs", "_ports", "_models", "_messenger")
    found = [
        str(p.relative_to(ROOT))
        for top in ("bot", "handlers", "storage")
        for p in (ROOT / top).rglob("*.py")
        if "migrations" not in p.parts and any(word in p.name for word in old_words)
    ]
    assert found == []
