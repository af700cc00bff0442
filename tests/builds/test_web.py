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


# axe-core (npm package, pinned in package.json and package-lock.json; `npm ci` installs it):
# injected into each page, it must find no violation of the WCAG 2.1 A and AA rules.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("edition", ["en", "kk", "ru", "journal"])
def test_axe_finds_no_wcag_violation_and_every_figure_is_described(built, browser, edition):
    import os

    from selenium.webdriver.common.by import By

    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing — run `npm ci` (package.json pins axe-core)")
        pytest.skip("axe-core is not installed — run `npm ci`")
    assert open_page(browser, built / f"paper.{edition}.html") == []
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(120)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))}))"
        ".catch(e => done({error: String(e)}));",
        AXE_TAGS,
    )
    assert "error" not in result, result
    assert result["violations"] == [], json.dumps(result["violations"], ensure_ascii=False, indent=1)
    images = browser.find_elements(By.CSS_SELECTOR, "figure img, figure svg")
    assert len(images) == 7
    for image in images:
        name = image.get_attribute("alt") or image.get_attribute("aria-label")
        caption = image.find_element(By.XPATH, "ancestor::figure//figcaption").text
        assert name and " ".join(name.split()) != " ".join(caption.split())
    assert len(browser.find_elements(By.CSS_SELECTOR, "details.figure-data table")) == 7
