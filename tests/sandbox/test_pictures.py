"""The README's picture is a real message, rendered in a real browser (Debian's chromium)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.sandbox.pictures import coffee_round_page, screenshot

CHROMIUM = shutil.which("chromium")
# Under CI (.ci/run installs chromium) a missing browser fails the run instead of skipping.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true", reason="Debian's chromium is not installed"
)


@needs_chromium
def test_the_browser_shows_the_coffee_intro_and_its_buttons(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(coffee_round_page(), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert "@Amara Okafor" in dom and "@Liam Chen" in dom
    assert "organises this one:" in dom
    assert dom.count('class="button') == 3  # We met · Scheduled · Not this time


@needs_chromium
def test_the_picture_is_a_png(tmp_path: Path):
    out = tmp_path / "round.png"
    screenshot(coffee_round_page(), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 10_000  # a rendered page, not a blank one


def test_the_readme_shows_the_rendered_picture():
    root = Path(__file__).resolve().parents[2]
    assert "docs/pictures/coffee-round.png" in (root / "README.md").read_text()
    assert (root / "docs" / "pictures" / "coffee-round.png").read_bytes()[:4] == b"\x89PNG"
