"""`rapport forget USER_ID`: an admin forgets a member (typically one who has left), after confirming."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.cli.database import require_database, workspace_of
from bot.cli.help import with_examples
from bot.config import Settings
from bot.domain.plural import plural
from bot.services.membership import forget
from handlers.membership.forget_blocks import report_lines
from storage import migrate

if TYPE_CHECKING:
    pass


def add(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "forget",
        help="delete what Rapport keeps about a member; others' history keeps an anonymous marker",
        description="Forget a member: their profile, settings, nudges and proposals are deleted, and they "
        "are replaced by an anonymous marker in other people's coffee groups, meetings and introductions.",
        **with_examples("rapport forget U012AB3CD", "rapport forget U012AB3CD --yes   # no question asked"),
    )
    cmd.add_argument("user_id", metavar="USER_ID", help="the member's Slack user ID (U…)")
    cmd.add_argument("--team", help="workspace (team) ID; needed in OAuth mode, else read from the bot token")
    cmd.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    cmd.set_defaults(command=_forget)


def _forget(settings: Settings, args: argparse.Namespace) -> int:
    from bot.wiring import wire  # Slack's libraries and SQLAlchemy: loaded by the command that uses them

    require_database(settings)
    migrate.upgrade(settings.database_url)
    wired = wire(settings)
    runtime = wired.runtime
    team_id = workspace_of(settings, wired, args.team)
    user_id = args.user_id.strip()
    report = forget.preview(runtime.unit_of_work, team_id, user_id)
    if not report.anything:
        print(
            f"rapport: nothing is stored about {user_id} in workspace {team_id}; check the user ID",
            file=sys.stderr,
        )
        return 1
    deleted, kept = report_lines(report, about_them=True)
    print(f"Forgetting {user_id} in workspace {team_id}:")
    _show("deleted", deleted)
    _show("kept for others, with an anonymous marker instead of them", kept)
    if not args.yes and not _confirmed(user_id):
        print("Nothing was changed.")
        return 1
    done = forget.forget_member(
        runtime.unit_of_work, runtime.messengers.forgetting(team_id), team_id, user_id, runtime.clock()
    )
    print(f"Forgot {user_id}: {plural(sum(done.counts.values()), 'row')} deleted or anonymised.")
    if done.card_left is not None:
        card = done.card_left
        print(
            f"rapport: Slack would not delete their profile card "
            f"(channel {card.channel_id}, ts {card.ts}); delete it by hand"
        )
    for post in done.posts_left:
        print(
            f"rapport: Slack would not delete their post (channel {post.channel_id}, ts {post.ts}); "
            "delete it by hand"
        )
    for post in done.posts_not_redrawn:
        print(
            f"rapport: Slack would not update a post that names them (channel {post.channel_id}, "
            f"ts {post.ts}); delete it by hand"
        )
    return 0


def _show(title: str, lines: list[str]) -> None:
    if lines:
        print(f"  {title}:")
        for line in lines:
            print(f"    {line}")


def _confirmed(user_id: str) -> bool:
    try:
        answer = input(f"Forget {user_id}? This cannot be undone. Type 'yes' to go on: ")
    except EOFError:
        print()
        return False
    return answer.strip().lower() == "yes"
