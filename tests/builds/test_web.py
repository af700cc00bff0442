"""The web editions in a real browser (Debian's chromium, driven by selenium): the page
loads with no console error, a number's provenance appears on keyboard focus, the
language switcher lands on the same section in another edition. Screenshots go to
build/previews/web.<edition>.png."""

import json
import shutil
from pathlib import Path

import pytest
from helpers import fold

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed (envs/apt-packages.txt)"),
]


@pytest.fixture(scope="module")
def browser(built, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
        "--window-size=1100,1400",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> list[dict]:
    """Load a page; return its console's severe entries."""
    driver.get(path.resolve().as_uri())
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.parametrize("edition", ["kk", "en"])
def test_page_loads_and_a_number_shows_its_provenance_on_focus(built, browser, edition):
    from selenium.webdriver.common.by import By

    assert open_page(browser, built / f"paper.{edition}.html") == []
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang").startswith(edition)
    numbers = browser.find_elements(By.CSS_SELECTOR, ".number")
    assert numbers
    number = numbers[0]
    tip = browser.find_element(By.ID, number.get_attribute("aria-describedby"))
    assert not tip.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", number)
    browser.execute_script("arguments[0].focus()", number)
    assert browser.switch_to.active_element == number
    assert tip.is_displayed()
    assert ":" in tip.text  # file:line of a raw row
    previews = built / "previews"
    previews.mkdir(exist_ok=True)
    browser.save_screenshot(str(previews / f"web.{edition}.png"))
    assert (previews / f"web.{edition}.png").stat().st_size > 0


def test_switcher_lands_on_the_same_section_in_another_language(built, browser):
    from selenium.webdriver.common.by import By

    open_page(browser, built / "paper.en.html")
    link = browser.find_element(By.CSS_SELECTOR, "#sec\\:advertising + .switcher a[data-edition='ru']")
    link.click()
    assert browser.current_url.endswith("paper.ru.html#sec:advertising")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru-RU"
    section = browser.find_element(By.ID, "sec:advertising")
    assert section.is_displayed() and section.tag_name == "h1"


def test_every_value_figure_and_audit_mark_is_in_the_page(built, browser):
    from selenium.webdriver.common.by import By

    open_page(browser, built / "paper.en.html")
    text = fold(browser.find_element(By.TAG_NAME, "body").get_attribute("textContent"))
    values = json.loads((built / "en" / "values.json").read_text(encoding="utf-8"))["values"]
    assert [p for p, v in values.items() if fold(v) not in text] == []
    images = browser.find_elements(By.CSS_SELECTOR, "figure img")
    assert len(images) == len(list(built.glob("figures/*.en.svg")))
    for image in images:
        assert image.get_attribute("src").startswith("data:image/svg+xml")
        assert image.get_attribute("alt") or image.get_attribute("aria-label")
    marks = browser.find_elements(By.CSS_SELECTOR, "a.audit-mark")
    assert marks
    for mark in marks:
        assert browser.find_elements(By.ID, mark.get_attribute("href").split("#", 1)[1])
    assert browser.find_elements(By.TAG_NAME, "script") == []
