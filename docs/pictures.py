"""The README's pictures (and docs/features.md's), taken from a running sandbox in headless Chromium:
`python docs/pictures.py [DIR]`.

It starts `rapport sandbox`'s server, then does what a visitor would on its page: the program lead types
`/coffee now` in #coffee-chats; an intern opens their coffee group (the intro), presses **Find a time** (the
slots, for docs/features.md), moves the clock four days (the check-in), clicks **We met**, moves it to the
next working morning (the thank-you nudge) and opens App Home. Each picture is an element screenshot, taken
only once the text it is meant to show is on screen; otherwise `NotOnScreen` says what was missing. A fixed
seed, start date and window keep the pictures the same from run to run (the fonts are the machine's).

Needs Debian's `chromium` and `chromium-driver`, and Selenium from the test extra: `pip install -e '.[test]'`;
Debian's `fonts-noto-color-emoji` too, or the emoji Rapport's messages start with are drawn as empty boxes.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as shows
from selenium.webdriver.support.ui import WebDriverWait

from bot.domain.people.person import Role
from bot.sandbox.people import LEAD_ID
from bot.sandbox.server import SandboxServer

PEOPLE, SEED = 40, 1
START = datetime(2026, 6, 8, 8, 0, tzinfo=UTC)  # a Monday: the round starts, then the clock moves
WINDOW = (700, 1000)  # narrow, so the pictures stay legible side by side in the README
WAIT_SECONDS = 15
OUT = Path(__file__).resolve().parent / "pictures"


@dataclass(frozen=True)
class Picture:
    """A file name, the element to photograph (XPath) and the text that proves it shows the right thing."""

    name: str
    xpath: str
    expects: str


def message(containing: str) -> str:
    """The newest message in the open conversation whose text contains `containing`."""
    return f'(//main//div[@data-ts][contains(., "{containing}")])[last()]'


INTRO = Picture("coffee-intro.png", message("organises this one"), "Coffee time!")
CHECKIN = Picture("checkin.png", message("did you meet?"), "Halfway through the round — did you meet?")
NUDGE = Picture("thank-you-nudge.png", message("thank-you goes"), "a short thank-you goes a long way")
HOME = Picture("app-home.png", "//main[div[contains(@class, 'home')]]", "Edit my profile")
PICTURES = (INTRO, CHECKIN, NUDGE, HOME)
"""The README's pictures."""
SLOTS = Picture("find-a-time.png", message("Three times that could work"), "press every one that suits you")
FEATURES = (SLOTS,)
"""docs/features.md's pictures: Find a time's slots, after an intern presses Find a time on the intro."""


class NotOnScreen(RuntimeError):
    """The page does not show what a picture is meant to show: no picture is better than a wrong one."""


@dataclass(frozen=True)
class Shot:
    path: Path
    text: str  # what the photographed element said


class Visitor:
    """Does on the sandbox page what a visitor does, waiting for each answer as a person would."""

    def __init__(self, driver: WebDriver, url: str) -> None:
        self.driver, self.url = driver, url
        # The page replaces its panel after every answer, so an element found a moment ago may be gone.
        self.wait = WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))

    def be(self, person: str) -> None:
        self.driver.get(f"{self.url}/?as={person}")
        self.wait.until(shows.presence_of_element_located((By.CSS_SELECTOR, f'#panel [data-as="{person}"]')))

    def open(self, name: str, exactly: bool = False) -> None:
        test = f"normalize-space(.)='{name}'" if exactly else f"contains(., '{name}')"
        self.click((By.XPATH, f"//nav/a[{test}]"))
        self.wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "main h2"), name))

    def command(self, text: str, answer: str) -> None:
        self.type_into("#composer input", text)
        self.wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "#panel"), answer))

    def move_clock(self, phrase: str) -> None:
        self.driver.execute_script("document.querySelector('#note').textContent = ''")
        self.type_into("#move input", phrase)
        self.wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "#note"), "It is now"))

    def press(self, action_id: str, answer: str) -> None:
        self.click((By.CSS_SELECTOR, f'[data-action-id="{action_id}"]'))
        self.wait.until(shows.text_to_be_present_in_element((By.CSS_SELECTOR, "#panel"), answer))

    def type_into(self, css: str, text: str) -> None:
        box = self.wait.until(shows.element_to_be_clickable((By.CSS_SELECTOR, css)))
        box.send_keys(text, Keys.ENTER)

    def click(self, locator: tuple[str, str]) -> None:
        def clicked(driver: WebDriver) -> bool:
            found = shows.element_to_be_clickable(locator)(driver)
            if found:
                found.click()  # a stale element raises here, and the wait tries again
            return bool(found)

        self.wait.until(clicked)

    def shoot(self, picture: Picture, folder: Path) -> Shot:
        """Photograph the picture's element once it shows the expected text; NotOnScreen otherwise."""
        try:
            element: WebElement = self.wait.until(lambda d: _showing(d, picture))
        except TimeoutException:
            seen = " ".join(self.driver.find_element(By.CSS_SELECTOR, "main").text.split())[:300]
            raise NotOnScreen(
                f"{picture.name}: expected {picture.expects!r} on screen, but the page shows: {seen!r}"
            ) from None
        text = element.text
        path = folder / picture.name
        element.screenshot(str(path))
        return Shot(path, text)


def _showing(driver: WebDriver, picture: Picture) -> WebElement | None:
    found = driver.find_elements(By.XPATH, picture.xpath)
    return found[0] if found and picture.expects in found[0].text else None


def tour(visitor: Visitor, intern: str, folder: Path) -> list[Shot]:
    """The README's story, photographed on the way."""
    visitor.be(LEAD_ID)
    visitor.open("#coffee-chats")
    visitor.command("/coffee now", "Round started")
    visitor.be(intern)
    visitor.open("+ Rapport")
    shots = [visitor.shoot(INTRO, folder)]
    visitor.press("findtime_start", "Three times that could work")
    slots = visitor.shoot(SLOTS, folder)
    visitor.move_clock("+4 days")
    shots.append(visitor.shoot(CHECKIN, folder))
    visitor.press("checkin_met", "answered We met")
    for phrase in ("next week", "+6 hours"):
        visitor.move_clock(phrase)
    visitor.open("Rapport", exactly=True)
    shots.append(visitor.shoot(NUDGE, folder))
    visitor.open("Rapport · Home")
    shots.append(visitor.shoot(HOME, folder))
    return [*shots, slots]


def first_intern(server: SandboxServer) -> str:
    return next(p.id for p in server.sandbox.people if p.role is Role.INTERN)


def browser() -> WebDriver:
    """Headless Chromium at a fixed size; Debian's chromium and chromium-driver."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        raise RuntimeError("pictures need Debian's chromium and chromium-driver packages")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1",
                 f"--window-size={WINDOW[0]},{WINDOW[1]}"):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def take_pictures(folder: Path, story: Callable[[Visitor, str, Path], list[Shot]] = tour) -> list[Shot]:
    """Start a sandbox and a browser, follow `story`, and stop both."""
    folder.mkdir(parents=True, exist_ok=True)
    server = SandboxServer.start(people=PEOPLE, seed=SEED, start=START)
    try:
        driver = browser()
        try:
            return story(Visitor(driver, server.url), first_intern(server), folder)
        finally:
            driver.quit()
    finally:
        server.close()


def main(argv: list[str]) -> int:
    for shot in take_pictures(Path(argv[0]) if argv else OUT):
        print(f"wrote {shot.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
