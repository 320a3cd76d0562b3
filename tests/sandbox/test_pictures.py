"""docs/pictures.py photographs the README's pictures from a running sandbox in a real browser.

The pictures are not compared with the committed ones pixel by pixel (fonts differ between machines):
each must be a real PNG of a sensible size, taken only once its element shows what it is meant to show.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["coffee-intro.png", "checkin.png", "thank-you-nudge.png", "app-home.png"]
FEATURES = ["find-a-time.png"]  # in docs/features.md
# Under CI (.ci/run installs both) a missing browser fails the run instead of skipping.
MISSING = shutil.which("chromium") is None or shutil.which("chromedriver") is None
needs_browser = pytest.mark.skipif(
    MISSING and os.environ.get("CI") != "true",
    reason="Debian's chromium and chromium-driver are not installed",
)


def load_maker() -> ModuleType:
    """docs/pictures.py is a script, not a package module: load it from its file."""
    spec = importlib.util.spec_from_file_location("docs_pictures", ROOT / "docs" / "pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


maker = load_maker()


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's signature and IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR", f"{path.name} has no PNG header chunk"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@needs_browser
def test_the_maker_photographs_the_intro_the_checkin_the_nudge_app_home_and_find_a_time(tmp_path: Path):
    shots = maker.take_pictures(tmp_path)

    assert [shot.path for shot in shots] == [tmp_path / name for name in NAMES + FEATURES]
    for shot in shots:
        width, height = png_size(shot.path)
        assert 300 <= width <= 800 and 80 <= height <= 1500, (shot.path.name, width, height)
        assert shot.path.stat().st_size > 5_000  # a rendered element, not a blank one
    said = {shot.path.name: shot.text for shot in shots}
    assert "Coffee time!" in said["coffee-intro.png"] and "organises this one" in said["coffee-intro.png"]
    checkin = said["checkin.png"]
    assert "Halfway through the round — did you meet?" in checkin
    assert all(label in checkin for label in ("We met", "Scheduled", "Not this time"))
    assert "Coffee time!" not in checkin  # the check-in alone, not the whole conversation
    assert "a short thank-you goes a long way" in said["thank-you-nudge.png"]
    assert "Rapport · Home" in said["app-home.png"] and "Edit my profile" in said["app-home.png"]
    slots = said["find-a-time.png"]
    assert "Three times that could work" in slots and slots.count("Works for me") == 3
    assert "None of these" in slots and "Coffee time!" not in slots


@needs_browser
def test_the_maker_refuses_to_photograph_a_page_that_does_not_show_the_picture(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(maker, "WAIT_SECONDS", 1)

    def too_early(visitor, intern: str, folder: Path) -> list:
        visitor.be(intern)  # no round has started: there is no check-in to photograph
        return [visitor.shoot(maker.CHECKIN, folder)]

    with pytest.raises(maker.NotOnScreen, match=r"checkin\.png: expected 'Halfway through the round"):
        maker.take_pictures(tmp_path, too_early)
    assert not (tmp_path / "checkin.png").exists()


def test_the_readme_shows_the_four_committed_pictures_and_features_md_find_a_time():
    readme = (ROOT / "README.md").read_text()
    features = (ROOT / "docs" / "features.md").read_text()
    assert [picture.name for picture in maker.PICTURES] == NAMES
    assert [picture.name for picture in maker.FEATURES] == FEATURES
    for name in NAMES + FEATURES:
        shown_in = readme if name in NAMES else features
        assert f'src="{"docs/" if name in NAMES else ""}pictures/{name}"' in shown_in
        width, height = png_size(ROOT / "docs" / "pictures" / name)
        assert width >= 300 and height >= 80
    assert sorted(p.name for p in (ROOT / "docs" / "pictures").iterdir()) == sorted(NAMES + FEATURES)
