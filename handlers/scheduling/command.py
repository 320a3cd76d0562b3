"""`/coffee time`, typed inside a group DM Rapport opened (a coffee group's, an introduction's, a mentoring
pair's, an I can help or a Book a chat DM): as pressing Find a time there."""

from __future__ import annotations

from handlers.coffee.command import CoffeeRequest, subcommand
from handlers.scheduling.buttons import start_in


@subcommand("time", "", "inside a group DM Rapport opened: propose three times that suit everyone")
def find_a_time(request: CoffeeRequest) -> None:
    request.ack()  # finding slots asks Slack for everyone's time zone: answer within Slack's 3 seconds first
    line = start_in(request.runtime, request.team_id, request.channel_id, request.user_id)
    request.respond(text=line, response_type="ephemeral")
