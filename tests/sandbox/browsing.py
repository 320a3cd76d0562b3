"""A visitor on the sandbox page in a real browser, for the tests: every step waits for what it needs to
see (the page replaces its panel after each answer, so a found element may go stale: the waits retry)."""

from __future__ import annotations

from typing import Any

from tests.browser import WAIT_SECONDS


class Visitor:
    def __init__(self, driver: Any, url: str) -> None:
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver, self.url = driver, url
        self.wait = WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))

    @staticmethod
    def by() -> Any:
        from selenium.webdriver.common.by import By

        return By

    def be(self, person: str) -> None:
        from selenium.webdriver.support import expected_conditions as shows

        self.driver.get(f"{self.url}/?as={person}")
        self.wait.until(
            shows.presence_of_element_located((self.by().CSS_SELECTOR, f'#panel [data-as="{person}"]'))
        )

    def open(self, name: str) -> None:
        from selenium.webdriver.support import expected_conditions as shows

        link = f"//nav/a[normalize-space(.)='{name}']"
        self.click(link)
        # The heading of the conversation left may hold the name too: wait for the link to be the current one.
        self.wait.until(shows.presence_of_element_located((self.by().XPATH, f"{link}[@class='current']")))
        self.wait.until(shows.text_to_be_present_in_element((self.by().CSS_SELECTOR, "main h2"), name))

    def click(self, xpath: str) -> None:
        from selenium.webdriver.support import expected_conditions as shows

        def clicked(driver: Any) -> bool:
            found = shows.element_to_be_clickable((self.by().XPATH, xpath))(driver)
            if found:
                found.click()  # a stale element raises here, and the wait tries again
            return bool(found)

        self.wait.until(clicked)

    def press(self, label: str, answer: str) -> None:
        """Click the newest button with this label, and wait for the answer."""
        self.click(f"(//main//button[normalize-space(.)='{label}'])[last()]")
        self.sees(answer)

    def type(self, text: str, enter: bool = True) -> Any:
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions as shows

        box = self.wait.until(shows.element_to_be_clickable((self.by().CSS_SELECTOR, "#composer input")))
        box.send_keys(text, *([Keys.ENTER] if enter else []))
        return box

    def command(self, text: str, answer: str) -> None:
        self.type(text)
        self.sees(answer)

    def sees(self, text: str, where: str = "#panel") -> None:
        from selenium.webdriver.support import expected_conditions as shows

        self.wait.until(shows.text_to_be_present_in_element((self.by().CSS_SELECTOR, where), text))

    def dialog(self) -> Any:
        from selenium.webdriver.support import expected_conditions as shows

        return self.wait.until(
            shows.visibility_of_element_located((self.by().CSS_SELECTOR, '[role="dialog"]'))
        )

    def field(self, block_id: str, css: str = "[data-action-id]") -> Any:
        return self.dialog().find_element(self.by().CSS_SELECTOR, f'[data-block-id="{block_id}"] {css}')

    def script(self, source: str, *args: Any) -> Any:
        return self.driver.execute_script(source, *args)
