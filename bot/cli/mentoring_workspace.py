"""`rapport mentoring open --until DATE` and `rapport mentoring apply PLAN.csv`: mentoring's commands that act
in the workspace (the database, and Slack for apply), beside the offline `plan`.

Every problem is one line on standard error, naming the argument or the plan's line, with exit status 2
and nothing changed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.database import require_database, workspace_of
from bot.cli.help import with_examples
from bot.config import Settings
from bot.domain.mentoring.plan_file import PLAN_COLUMNS, read_plan
from storage import migrate

if TYPE_CHECKING:
    from bot.wiring import Wired

OPENED_BY = "cli"  # mentoring_windows.opened_by for a window opened from the command line


def add_actions(actions: argparse._SubParsersAction) -> None:
    opening = actions.add_parser(
        "open",
        help="open mentor matching in the workspace until a day (as /mentor setup)",
        description="Open the workspace's mentor matching window until the end of a day (RAPPORT_TIMEZONE), "
        "or move the open one's close. Mentors on the roster and interns are invited by DM; when it closes, "
        "everyone who ranked mentors is matched at once.",
        **with_examples("rapport mentoring open --until 2026-06-12"),
    )
    opening.add_argument("--until", required=True, metavar="YYYY-MM-DD", help="the last day of matching")
    opening.add_argument(
        "--team", help="workspace (team) ID; needed in OAuth mode, else read from the bot token"
    )
    opening.set_defaults(command=run_open, standalone=False)
    applying = actions.add_parser(
        "apply",
        help="send the proposals of a plan made with `rapport mentoring plan` to the mentors",
        description="Each matched row of the plan (mentee,mentor,choice) becomes a proposal: the mentor is "
        "asked in Slack with Accept and Decline, as after matching in Slack. Every person must be on the "
        "roster; nothing is sent unless every row can be.",
        **with_examples("rapport mentoring apply plan.csv"),
    )
    applying.add_argument(
        "plan", type=Path, metavar="PLAN.csv", help=f"CSV with the header {','.join(PLAN_COLUMNS)}"
    )
    applying.add_argument(
        "--team", help="workspace (team) ID; needed in OAuth mode, else read from the bot token"
    )
    applying.set_defaults(command=run_apply, standalone=False)


def run_open(settings: Settings, args: argparse.Namespace) -> int:
    try:
        until = date.fromisoformat(args.until)
    except ValueError:
        return _fail("open", f"--until must be a date like 2026-06-12, not {args.until!r}")
    from bot.services.mentoring.matching import open_window  # SQLAlchemy and Slack: not for --help

    wired = _wired(settings)
    team_id = workspace_of(settings, wired, args.team)
    runtime = wired.runtime
    zone = settings.timezone.key
    change = open_window(runtime.unit_of_work, team_id, OPENED_BY, until, zone, runtime.clock())
    if change.window is None:
        return _fail("open", change.refusal or "nothing changed")
    verb = "now closes" if change.moved else "is open until"
    print(
        f"Mentor matching in {team_id} {verb} the end of {until:%A %-d %B %Y} ({zone}). Mentors on the "
        "roster and interns are invited by DM at the next tick."
    )
    return 0


def run_apply(settings: Settings, args: argparse.Namespace) -> int:
    text, problem = _read(args.plan)
    if text is None:
        return _fail("apply", problem or "cannot read the plan")
    plan = read_plan(text)
    if plan.problems:
        return _fail("apply", *(f"{args.plan}, {p}" for p in plan.problems), "nothing was sent")
    from bot.services.mentoring.apply import apply_plan  # SQLAlchemy and Slack: not for --help
    from bot.services.mentoring.proposals import send_requests

    wired = _wired(settings)
    team_id = workspace_of(settings, wired, args.team)
    runtime = wired.runtime
    stored, problems = apply_plan(runtime.unit_of_work, team_id, plan.rows, runtime.clock())
    if problems:
        return _fail("apply", *(f"{args.plan}, {p}" for p in problems), "nothing was sent")
    sent = send_requests(
        runtime.unit_of_work, runtime.messengers.mentoring, runtime.clock(), settings.mentoring_answer_days
    )
    skipped = sum(1 for row in plan.rows if row.mentor is None)
    print(
        f"{stored} proposal{'s' if stored != 1 else ''} stored; {sent} request{'s' if sent != 1 else ''} "
        f"sent to mentors (the next tick retries any Slack refused); {skipped} unmatched in the plan."
    )
    return 0


def _wired(settings: Settings) -> Wired:
    from bot.wiring import wire

    require_database(settings)
    migrate.upgrade(settings.database_url)
    return wire(settings)


def _read(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or why it cannot be read."""
    if not path.is_file():
        return None, f"{path} is not a file: give the plan written by `rapport mentoring plan`"
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except OSError as error:
        return None, f"cannot read {path}: {error.strerror or error}"
    except UnicodeDecodeError:
        return None, f"{path} is not UTF-8 text: save it as 'CSV UTF-8'"


def _fail(action: str, *lines: str) -> int:
    for line in lines:
        print(f"rapport mentoring {action}: {line}", file=sys.stderr)
    return 2
