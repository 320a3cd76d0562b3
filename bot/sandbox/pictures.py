"""The README's pictures, rendered from Rapport's real Block Kit: `python -m bot.sandbox.pictures DIR`.

Each picture is a real message built by the code that builds it in Slack (the coffee group's intro, the
check-in), rendered by the sandbox's Block Kit renderer and photographed by headless Chromium (Debian's
`chromium` package). Nothing is drawn by hand, so a change to a message changes its picture.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bot.domain.coffee.group_intro import IntroPerson, compose_intro
from bot.domain.people.person import Role
from bot.sandbox.page import Shown, page
from handlers.coffee.blocks import checkin_blocks, intro_blocks

NAMES = {"U01AMARA": "Amara Okafor", "U02LIAM": "Liam Chen", "U03SOFIA": "Sofia Marquez"}


def coffee_round_page() -> str:
    """A coffee group's intro, then its check-in, as the group DM shows them."""
    people = [
        IntroPerson("U01AMARA", Role.INTERN, "Payments", ("chess", "climbing", "rust"), "fraud signals"),
        IntroPerson("U02LIAM", Role.COLLEAGUE, "Platform", ("chess", "baking"), "the deploy pipeline"),
    ]
    intro = compose_intro(people, "U02LIAM", date(2026, 6, 12), random.Random(7))
    messages = [
        Shown("Rapport", "Mon 10:00", intro_blocks(intro)),
        Shown("Rapport", "Thu 10:00", checkin_blocks(group_id=1, reask=False)),
    ]
    return page("A coffee round in Rapport", messages, lambda user_id: NAMES.get(user_id, user_id))


def screenshot(html_text: str, out: Path, width: int = 720, height: int = 480) -> None:
    """Photograph the page with headless Chromium; raises when Chromium is not installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise RuntimeError("install Debian's chromium package to render pictures")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.html"
        source.write_text(html_text, encoding="utf-8")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={width},{height}", f"--screenshot={out.resolve()}", source.as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/pictures")
    folder.mkdir(parents=True, exist_ok=True)
    screenshot(coffee_round_page(), folder / "coffee-round.png")
    print(f"wrote {folder / 'coffee-round.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
