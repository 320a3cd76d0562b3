"""`rapport stats` and `rapport export`: program figures and data from the database, no Slack needed.

Bad arguments are checked here rather than by argparse, so each gets one line naming what to change.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli.database import require_database
from bot.cli.files import check_output, output_file
from bot.cli.help import with_examples
from bot.cli.progress import Progress, working
from bot.config import ConfigError, Settings
from bot.domain.help.asks import AskFigures, describe_wait
from bot.domain.help.figures import help_lines
from bot.domain.help.updates import Sharer, shared_summary, sharer_line
from bot.domain.mentoring.health_report import health_lines, summary_rows
from bot.domain.plural import plural
from bot.domain.program.outcomes import outcome_rows
from bot.domain.program.report import Style, report
from bot.domain.spreadsheet import csv_lines
from bot.services.events.manage import event_figures
from bot.services.events.ports import EventFigure
from bot.services.help.asks import ask_figures_of
from bot.services.help.kudos import kudos_figures
from bot.services.help.offers import offer_figures
from bot.services.help.updates import shared_by
from bot.services.mentoring.health import mentoring_health
from bot.services.program.export import WHAT, event_state, export_table
from bot.services.program.figures import program_figures
from bot.services.scheduling.figures import find_time_figures_of
from storage import migrate

if TYPE_CHECKING:
    from bot.runtime import Runtime

FORMATS = ("csv",)


def add(sub: argparse._SubParsersAction) -> None:
    stats = sub.add_parser(
        "stats",
        help="the program's figures and who needs attention (as /coffee stats)",
        description="The program's figures from the database, no Slack needed: meeting rates, follow-ups, "
        "network sizes, and the interns who need attention.",
        **with_examples("rapport stats", "rapport stats --since 2026-06-01 --pool C012AB3CD"),
    )
    stats.add_argument(
        "--pool", action="append", metavar="CHANNEL", help="only this pool's channel ID (repeatable)"
    )
    stats.add_argument("--since", metavar="YYYY-MM-DD", help="rounds, meetings and nudges from this day on")
    stats.add_argument("--team", help="workspace (team) ID, when the database holds several")
    stats.set_defaults(command=_stats, slack=False)

    review = sub.add_parser(
        "report",
        help="write the program's report with charts to an HTML file, for the lead's weekly review",
        description="The same report as `rapport simulate --html`, from the running program's database: "
        "whom interns met, teams reached, meeting rate per round, and the network map. One file, works "
        "offline. Needs the optional extra: pip install 'rapport[report]'.",
        **with_examples(
            "rapport report --html review.html", "rapport report --html june.html --since 2026-06-01"
        ),
    )
    review.add_argument("--html", type=Path, required=True, metavar="FILE", help="the HTML file to write")
    review.add_argument("--force", action="store_true", help="replace the file if it exists")
    review.add_argument("--since", metavar="YYYY-MM-DD", help="meetings and rounds from this day on")
    review.add_argument("--team", help="workspace (team) ID, when the database holds several")
    review.set_defaults(command=_report, slack=False)

    export = sub.add_parser(
        "export",
        help="write program data as CSV: members, meetings, introductions, events, asks, mentoring…",
        description="Write program data as CSV, every cell safe to open in a spreadsheet.",
        **with_examples(
            "rapport export --what members --output members.csv", "rapport export --what meetings"
        ),
    )
    export.add_argument("--what", required=True, choices=WHAT, help="which table to write")
    export.add_argument("--format", default="csv", help="csv (the default and only format)")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    export.add_argument("--team", help="workspace (team) ID, when the database holds several")
    export.set_defaults(command=_export, slack=False)


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    since = _since(args.since)
    runtime = _runtime(settings)
    team_id = _team(runtime, args.team)
    now = runtime.clock()
    if args.pool:
        _check_pools(runtime, team_id, args.pool)
    with working("computing the program's figures"):
        figures = program_figures(runtime.unit_of_work, team_id, now, args.pool, since)
    style = Style(person=str, channel=str, zone=settings.timezone)
    for section in report(figures, style):
        print(section.title)
        for line in section.lines:
            print(f"  {line}")
        if section.title == "Pools" and figures.pools:
            print(f"  {_channel_names_hint(team_id, figures.pools[0].channel_id)}")
    print("Find a time")
    for line in find_time_figures_of(runtime.unit_of_work, team_id, since).lines():
        print(f"  {line}")
    _print_events(event_figures(runtime.unit_of_work, team_id), settings, now)
    _print_asks(ask_figures_of(runtime.unit_of_work, team_id, since))
    print("Kudos and offers")
    kudos, offers = kudos_figures(runtime.unit_of_work, team_id), offer_figures(runtime.unit_of_work, team_id)
    for line in help_lines(kudos, offers):
        print(f"  {line}")
    _print_updates(shared_by(runtime.unit_of_work, team_id), settings)
    print("Mentoring")
    for line in health_lines(mentoring_health(runtime.unit_of_work, team_id, now), str, settings.timezone):
        print(f"  {line}")
    return 0


def _report(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli.report_page import SmallTable, check_target, page, write_report
    from bot.services.program.outcomes import program_record

    since = _since(args.since)
    check_target(args.html, args.force)
    runtime = _runtime(settings)
    team_id = _team(runtime, args.team)
    now = runtime.clock()
    with working("drawing the program's report"):
        record, attention = program_record(runtime.unit_of_work, team_id, now, since)
        rows = [(label, [value]) for label, value in outcome_rows(record)]
        rows.append(("interns on the attention list now", [str(attention)]))
        health = mentoring_health(runtime.unit_of_work, team_id, now)
        extra = [SmallTable("mentoring", "Mentoring", summary_rows(health))] if health.shown else []
        finding = find_time_figures_of(runtime.unit_of_work, team_id, since)
        if finding.groups:  # groups choose to use it: the page says the table compares, not proves
            extra.append(
                SmallTable(
                    "find-a-time", "Find a time (compares groups; does not prove it helps)", finding.rows()
                )
            )
        zone = settings.timezone
        heading = (
            f"Workspace {team_id or 'none'}, {record.span(zone)}; {plural(len(record.interns), 'intern')}; "
            "spreads are min / p10 / median"
        )
        document = page("Rapport: the program so far", heading, [record.label], rows, [record], extra)
    write_report(args.html, document)
    print(f"report written to {args.html}")
    return 0


def _print_asks(figures: AskFigures) -> None:
    print("Asks")
    print(
        f"  {figures.opened} opened, {figures.answered} answered (someone offered to help), {figures.solved} "
        f"solved, {figures.expired} expired; median time to a first helper: "
        f"{describe_wait(figures.median_to_first_helper)}"
    )


def _channel_names_hint(team_id: str, channel_id: str) -> str:
    """Rapport keeps no channel names, and stats reads no Slack: say where a channel's name is shown."""
    return (
        f"(channels by ID: Rapport stores no names; https://app.slack.com/client/{team_id}/{channel_id} "
        "opens the first in Slack)"
    )


def _print_events(figures: list[EventFigure], settings: Settings, now: datetime) -> None:
    """Each event: whether it is held, answers, who said whom they met, and the meetings that made."""
    print("Events")
    if not figures:
        print("  none yet (/event creates one)")
    for f in figures:
        day = f.event.starts_at.astimezone(settings.timezone)
        print(
            f"  #{f.event.id} {f.event.title[:60]!r} {day:%Y-%m-%d %H:%M} ({event_state(f.event, now)}): "
            f"{f.going} going, {f.waitlisted} waitlisted, {f.declined} can't go; {f.answered} said whom they "
            f"met, {plural(f.meetings, 'meeting')}"
        )


def _print_updates(found: list[Sharer], settings: Settings) -> None:
    """Who shared updates in #introductions: how many, and when last (never what they said)."""
    print("Updates shared")
    if not found:
        print("  none yet (interns are asked once a month)")
        return
    print(f"  {shared_summary(found)}")
    for sharer in found:
        day = sharer.latest.astimezone(settings.timezone)
        print(f"  {sharer.user_id}: {sharer_line(sharer)}; latest {day:%Y-%m-%d}")


def _export(settings: Settings, args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        raise ConfigError(f"--format must be csv (the only format), not {args.format!r}")
    if args.output is not None:
        check_output(args.output, "--output", args.force)
    runtime = _runtime(settings)
    team_id = _team(runtime, args.team)
    with working(f"reading {args.what}"):
        table = export_table(runtime.unit_of_work, team_id, args.what, runtime.clock())
    if args.output is None:
        _write(sys.stdout, table.header, table.rows)
        return 0
    with output_file(args.output, "--output") as out:
        _write(out, table.header, table.rows)
    row = args.what if args.what == "kudos" else args.what.removesuffix("s")
    print(f"{args.output}: {plural(len(table.rows), row, args.what)} written", file=sys.stderr)
    return 0


def _write(out: TextIO, header: tuple[str, ...], rows: list) -> None:
    progress = Progress(f"writing {plural(len(rows), 'row')}", len(rows))
    for line in csv_lines(header, rows):
        out.write(line)
        progress.step()
    progress.finish()


def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise ConfigError(f"--since must be a date like 2026-06-01, not {text!r}") from None


def _runtime(settings: Settings) -> Runtime:
    from bot.wiring import wire  # Slack's libraries and SQLAlchemy: loaded by the command that uses them

    require_database(settings)
    migrate.upgrade(settings.database_url)
    return wire(settings).runtime


def _team(runtime: Runtime, wanted: str | None) -> str:
    with runtime.unit_of_work() as work:
        teams = work.program.team_ids()
    if wanted:
        if wanted not in teams:
            raise ConfigError(
                f"--team {wanted}: no program data for that workspace (known: {', '.join(teams) or 'none'})"
            )
        return wanted
    if len(teams) > 1:
        raise ConfigError(
            f"the database holds several workspaces ({', '.join(teams)}): choose one with --team"
        )
    return teams[0] if teams else ""


def _check_pools(runtime: Runtime, team_id: str, channels: list[str]) -> None:
    with runtime.unit_of_work() as work:
        known = {pool.channel_id for pool in work.pools.all() if pool.team_id == team_id}
    unknown = [c for c in channels if c not in known]
    if unknown:
        raise ConfigError(
            f"--pool {unknown[0]} is not a coffee pool (pools: {', '.join(sorted(known)) or 'none'})"
        )
