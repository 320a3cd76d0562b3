"""A real browser for tests of web pages: Debian's chromium and chromedriver, driven by Selenium.

A test module imports `pytestmark`, or marks a test with `needs_browser` (the skip when the browser is
missing), and asks for the `browser` fixture (tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
# Under CI (.ci/run installs both) a missing browser fails the run instead of skipping.
needs_browser = pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and os.environ.get("CI") != "true",
    reason="Debian's chromium and chromium-driver are not installed",
)
pytestmark = needs_browser  # for a module whose every test is in the browser
WAIT_SECONDS = 15


def severe_logs(driver: object) -> list[dict]:
    """Console errors the page logged."""
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
