"""/coffee stats: the program's figures, for admins only (checked on the server), answered privately."""

from __future__ import annotations

from bot.services.help.asks import ask_figures_of
from bot.services.help.kudos import kudos_figures
from bot.services.help.offers import offer_figures
from bot.services.program.figures import people_in_channel, program_figures
from bot.services.scheduling.figures import find_time_figures_of
from handlers.coffee.admin import is_admin, refuse
from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.help.asks_blocks import program_asks_text
from handlers.help.kudos_blocks import program_help_text
from handlers.program.blocks import stats_blocks
from handlers.scheduling.blocks import program_find_time_text


@subcommand("stats", "", "the program's figures and who needs attention", admin_only=True, reads_only=True)
def stats(request: CoffeeRequest) -> None:
    if not is_admin(request):
        return refuse(request, "see the program's figures")
    runtime = request.runtime
    messenger = runtime.messengers.coffee(request.team_id)
    in_channel = people_in_channel(messenger)  # asked only for a pool before its first round
    figures = program_figures(runtime.unit_of_work, request.team_id, runtime.clock(), in_channel=in_channel)
    timezone = messenger.member(request.user_id).tz
    asks = program_asks_text(ask_figures_of(runtime.unit_of_work, request.team_id))
    kudos, offers = (
        kudos_figures(runtime.unit_of_work, request.team_id),
        offer_figures(runtime.unit_of_work, request.team_id),
    )
    help_text = program_help_text(kudos, offers)
    find_time = program_find_time_text(find_time_figures_of(runtime.unit_of_work, request.team_id))
    blocks = stats_blocks(figures, timezone or runtime.settings.timezone.key, [asks, help_text, find_time])
    request.ack(text="Program figures", blocks=blocks)
