"""The sandbox page in a real browser (Debian's chromium and chromedriver, driven by Selenium).

A visitor types /coffee help, opens App Home, fills and submits the profile modal, starts a round as the
program lead, moves the clock, clicks "We met" in the check-in and sees the thank-you nudge, and the
browser logs no console error on the way.
"""

from __future__ import annotations

from bot.sandbox.people import LEAD_ID
from bot.sandbox.server import SandboxServer
from tests.browser import WAIT_SECONDS, pytestmark, severe_logs  # noqa: F401  (pytest reads pytestmark)


def test_a_visitor_goes_from_help_to_the_thank_you_nudge(browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as shows
    from selenium.webdriver.support.ui import Select, WebDriverWait

    server = SandboxServer.start(people=12, seed=1)
    try:
        intern = server.sandbox.people[0]
        # The page replaces its panel after every answer, so an element found a moment ago may be gone.
        wait = WebDriverWait(browser, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))
        css = By.CSS_SELECTOR

        def panel_has(text: str) -> None:
            wait.until(shows.text_to_be_present_in_element((css, "#panel"), text))

        def type_command(text: str) -> None:
            box = wait.until(shows.element_to_be_clickable((css, "#composer input")))
            box.send_keys(text, Keys.ENTER)

        def click(locator: tuple[str, str]) -> None:
            def clicked(driver) -> bool:
                found = shows.element_to_be_clickable(locator)(driver)
                if found:
                    found.click()  # a stale element raises here, and the wait tries again
                return bool(found)

            wait.until(clicked)

        def open_conversation(name: str, exactly: bool = False) -> None:
            test = f"normalize-space(.)='{name}'" if exactly else f"contains(., '{name}')"
            click((By.XPATH, f"//nav/a[{test}]"))
            # The heading of the conversation left may contain the name too ("Zoë + Rapport"): wait for the
            # link marked current to be the one asked for.
            wait.until(shows.presence_of_element_located((By.XPATH, f"//nav/a[@class='current' and {test}]")))
            wait.until(shows.text_to_be_present_in_element((css, "main h2"), name))

        def become(person: str) -> None:
            Select(browser.find_element(css, "#who")).select_by_value(person)
            wait.until(shows.presence_of_element_located((css, f'#panel [data-as="{person}"]')))

        browser.get(f"{server.url}/?as={intern.id}")
        assert browser.title == "Rapport sandbox"

        # /coffee help, answered only to them
        type_command("/coffee help")
        panel_has("Rapport pairs interns with colleagues")
        assert "Only visible to you" in browser.find_element(css, "#panel").text

        # App Home, then the profile modal, filled and submitted
        open_conversation("Rapport · Home")
        click((css, '[data-action-id="edit_profile"]'))
        dialog = wait.until(shows.visibility_of_element_located((css, '[role="dialog"]')))
        pitch = dialog.find_element(css, '[data-block-id="pitch"] [data-action-id="value"]')
        pitch.clear()
        pitch.send_keys("I make checkout faster and play chess badly.")
        dialog.find_element(css, "[data-submit]").click()
        wait.until(shows.invisibility_of_element_located((css, '[role="dialog"]')))
        with server.sandbox.runtime.unit_of_work() as uow:
            saved = uow.profiles.get(server.sandbox.workspace.team_id, intern.id)
        assert saved.pitch == "I make checkout faster and play chess badly."

        # the program lead starts a round
        become(LEAD_ID)
        open_conversation("#coffee-chats")
        type_command("/coffee now")
        panel_has("Round started")

        # back as the intern: four days on, the check-in asks; "We met" answers it
        become(intern.id)
        clock = wait.until(shows.element_to_be_clickable((css, "#move input")))
        clock.send_keys("+4 days", Keys.ENTER)
        wait.until(shows.text_to_be_present_in_element((css, "#clock"), "Fri 11 Dec"))
        open_conversation("+ Rapport")
        click((css, '[data-action-id="checkin_met"]'))
        panel_has("answered We met")
        assert browser.find_elements(css, '[data-action-id="checkin_met"]') == []

        # the next working morning brings the thank-you nudge
        for phrase in ("next week", "+6 hours"):
            box = wait.until(shows.element_to_be_clickable((css, "#move input")))
            box.send_keys(phrase, Keys.ENTER)
            wait.until(shows.text_to_be_present_in_element((css, "#note"), "It is now"))
            browser.execute_script("document.querySelector('#note').textContent = ''")
        open_conversation("Rapport", exactly=True)
        assert browser.find_element(css, "nav a.current").text == "Rapport"
        panel_has("a short thank-you goes a long way")

        errors = severe_logs(browser)
        assert errors == []
        assert server.sandbox.fake.violations == []
    finally:
        server.close()
