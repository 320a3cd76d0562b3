"""Block Kit for offers: the post in the asks channel with Book a chat, `/offer list` and `/offer remove`,
the opener of a booked chat, and offers on a profile card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.help.offers import LIST_LIMIT, Offer
from handlers.blockkit import context, section
from handlers.scheduling.blocks import FIND_TIME_OFFER, find_time_button
from handlers.text import safe, who, with_links

BOOK = "offer_book"
REMOVE = "offer_remove"
TOPIC_LIMIT = 100


def offer_words(text: str) -> str:
    """What was offered, escaped and clipped, people and channels mentioned in it live."""
    return with_links(safe(text, 300))


def offer_text(offer: Offer) -> str:
    return f"{who(offer.user_id)} offers to help with: {offer_words(offer.text)}"


def offer_post(offer: Offer) -> tuple[str, list[dict[str, Any]]]:
    """The post in the asks channel; taken down, it says so and loses Book a chat."""
    if offer.removed:
        text = f"{who(offer.user_id)} offered to help with “{offer_words(offer.text)}” (taken down)."
        return text, [section(text)]
    lead = f"🤝 *{who(offer.user_id)} offers to help with:*\n> {offer_words(offer.text)}"
    blocks = [
        section(lead),
        {"type": "actions", "block_id": f"offer_{offer.id}", "elements": [_book(offer)]},
        context("Book a chat opens a group DM with them. Offer something yourself: `/offer what you know`."),
    ]
    return offer_text(offer), blocks


def _book(offer: Offer) -> dict[str, Any]:
    return _button("Book a chat", BOOK, str(offer.id), primary=True)


def list_blocks(found: Sequence[Offer], total: int, topic: str) -> list[dict[str, Any]]:
    about = f" about “{safe(topic, TOPIC_LIMIT)}”" if topic else ""
    count = len(found)
    blocks = [section(f"*{count} offer{'s' if count != 1 else ''} of help{about}.*")]
    for offer in found[:LIST_LIMIT]:
        line = f"#{offer.id} {who(offer.user_id)}: {offer_words(offer.text)}"
        blocks.append(section(line, _book(offer)))
    if count > LIST_LIMIT:
        blocks.append(context(f"…and {count - LIST_LIMIT} more: narrow with a topic, `/offer list sql`."))
    return blocks


def nothing_text(total: int, topic: str) -> str:
    if total == 0:
        return "Nobody offers help yet. Be the first: `/offer what you can help with`, e.g. `/offer SQL`."
    return (
        f"No offer mentions “{safe(topic, TOPIC_LIMIT)}” yet. `/offer list` shows all {total}, "
        f"and `/intro mentors {safe(topic, TOPIC_LIMIT)}` finds mentors."
    )


def remove_blocks(mine: Sequence[Offer]) -> list[dict[str, Any]]:
    blocks = [section("*Your offers.* Take one down:")]
    for offer in mine:
        line = f"#{offer.id} {offer_words(offer.text)}"
        blocks.append(section(line, _button("Take down", REMOVE, str(offer.id))))
    return blocks


def opener_text(offer: Offer, booker: str) -> str:
    return (
        f"👋 {who(booker)} booked a chat with {who(offer.user_id)} about “{offer_words(offer.text)}”, "
        "from their offer of help. Find a time that suits you both — and thanks for sharing what you know!"
    )


def opener_blocks(offer: Offer, booker: str) -> list[dict[str, Any]]:
    """The booked chat's first message, with Find a time for the two of them."""
    find_time = find_time_button(str(offer.id), FIND_TIME_OFFER)
    return [
        section(opener_text(offer, booker)),
        {"type": "actions", "block_id": "findtime", "elements": [find_time]},
    ]


def offers_section(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Offers on a profile card or a mentor in `/intro mentors`: one line, nothing when there are none."""
    if not texts:
        return []
    return [section("*Offers to help with:* " + " · ".join(offer_words(text) for text in texts))]


def _button(label: str, action_id: str, value: str, primary: bool = False) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label},
        "value": value,
    }
    if primary:
        button["style"] = "primary"
    return button
