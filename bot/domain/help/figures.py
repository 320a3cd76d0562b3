"""Kudos and offers in the program's figures, in plain words (App Home, `/coffee stats`, `rapport stats`)."""

from __future__ import annotations

from bot.domain.help.kudos import KudosFigures
from bot.domain.help.offers import OfferFigures
from bot.domain.plural import plural


def help_lines(kudos: KudosFigures, offers: OfferFigures) -> list[str]:
    return [
        f"Kudos: {kudos.given} given, by {_people(kudos.people_thanking)} to {_people(kudos.people_thanked)}",
        f"Offers of help: {offers.current} up now ({offers.made} made by {_people(offers.people)})"
        f" · {plural(offers.booked, 'chat')} booked",
    ]


def _people(count: int) -> str:
    return plural(count, "person", "people")
