"""The console in a real headless Chromium, as a QA tester uses it: reproduce the hard cases by clicking.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/install-browser`` installs them) and
axe-core from ``tests/browser`` for the accessibility audit; without them these tests are
skipped with a loud warning. Screenshots land in ``build/screenshots`` (git-ignored); those of the
page at 1280 and 420 pixels are kept in ``docs/screenshots/`` when they change.
"""

import json
import re
import shutil
import warnings
from pathlib import Path

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from .servers import running_server

# Each test drives a chromium against a server of its own process.
pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "screenshots"
# The widths a QA tester's laptop and phone give the page: no horizontal scroll at either.
WIDTHS = (1280, 420)
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
# The network is closed: no update, sync, QUIC or first-run traffic.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1440,900",
)
WAIT_SECONDS = 15


def skip_loudly(reason: str):
    message = f"!!! BROWSER CHECK SKIPPED: {reason}"
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        skip_loudly("chromium and chromium-driver are not installed; run .ci/install-browser as root")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # An explicit driver path keeps Selenium Manager (which would download one) out of the way.
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def sandbox():
    with running_server(env={"MOCKSERVER_RATE_LIMIT_FACTOR": "0"}) as (base, _):
        yield base


class Console:
    """The console page, driven as a person would: select, type, click, read."""

    def __init__(self, driver, base: str):
        self.driver = driver
        self.base = base

    def wait(self, condition):
        return WebDriverWait(self.driver, WAIT_SECONDS).until(condition)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def open(self) -> "Console":
        self.driver.get(f"{self.base}/")
        self.wait(lambda d: self.find("#try-form").get_attribute("aria-busy") == "false")
        return self

    def choose(self, route: str, **identifiers: str) -> "Console":
        self.find(f'button[data-try="{route}"]').click()
        for name, value in identifiers.items():
            field = self.find(f"#path-{name}")
            # Wait for the identifier the form draws on its own, then replace it.
            self.wait(lambda d, field=field: field.get_attribute("value"))
            field.clear()
            field.send_keys(value)
        return self

    def scenario(self, name: str) -> "Console":
        Select(self.find("#scenario")).select_by_value(name)
        return self

    def option(self, name: str, on: bool) -> "Console":
        box = self.find(f"#option-{name}")
        if box.is_selected() != on:
            box.click()
        return self

    def send(self) -> int:
        """Submit the form; return the status the page shows."""
        self.driver.execute_script("document.getElementById('result-status').textContent = '';")
        self.find("#send").click()
        badge = self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#result-status [data-status]"))[0]
        return int(badge.get_attribute("data-status"))

    def headers(self) -> dict[str, str]:
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#headers tbody tr")
        return {
            row.find_element(By.TAG_NAME, "th").text.split(" ")[0]: row.find_element(By.TAG_NAME, "td").text
            for row in rows
        }

    def highlighted_headers(self) -> list[str]:
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#headers tr.rate-limit th")
        return [row.text.split(" ")[0] for row in rows]

    def body(self) -> str:
        return self.find("#body").text

    def journal(self) -> list[list[str]]:
        """Return the journal's rows as the page shows them, after a refresh."""
        table = self.find("#journal-table")
        before = table.get_attribute("data-refreshed")
        self.find("#journal-refresh").click()
        self.wait(lambda d: table.get_attribute("data-refreshed") != before)
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#journal-table tbody tr")
        return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in rows]

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        size = self.driver.get_window_size()
        if full_page:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(size["width"], height)
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(size["width"], size["height"])
        return path


@pytest.fixture
def console(driver, sandbox):
    requests.post(f"{sandbox}/__admin/reset", timeout=5)
    return Console(driver, sandbox).open()


def test_non_diffusible_company_then_the_option(console):
    console.screenshot("console-page")
    console.screenshot("console-page-full", full_page=True)
    assert console.choose("entreprises", siren="005572466").send() == 451
    assert "Le SIREN est non diffusable" in console.body()
    console.screenshot("console-result-451")

    assert console.option("non_diffusables", True).send() == 200
    body = json.loads(console.body())
    assert body["entreprise"]["siren"] == "005572466"
    assert body["entreprise"]["diffusable_commercialement"] is False
    console.screenshot("console-result-non-diffusables")


def test_provider_outage_from_the_scenario_select(console):
    assert console.choose("etablissements", siret="41816609600069").scenario("provider_unavailable").send() == 503
    assert "temporairement indisponible" in console.body()
    assert "X-Mock-Scenario: provider_unavailable" in console.find("#curl").text
    console.screenshot("console-result-503")


def test_rate_limit_shows_the_429_and_its_headers(driver):
    # A factor of 0.004 leaves one request a minute per group: the second one is refused.
    with running_server(env={"MOCKSERVER_RATE_LIMIT_FACTOR": "0.004"}) as (base, _):
        console = Console(driver, base).open().choose("entreprises", siren="418166096")
        # A window may close between two sends: three always reach the 429.
        statuses = [console.send() for _ in range(3)]
        assert 429 in statuses
        if statuses[-1] != 429:
            assert console.send() == 429
        headers = console.headers()
        assert headers["RateLimit-Limit"] == "1"
        assert headers["RateLimit-Remaining"] == "0"
        assert 1 <= int(headers["Retry-After"]) <= 60
        assert set(console.highlighted_headers()) == {
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "Retry-After",
        }
        assert "Vous avez effectué trop de requêtes" in console.body()
        console.screenshot("console-result-429")


def test_journal_lists_requests_with_their_scenario_and_resets(console):
    console.choose("entreprises", siren="999990070").send()
    console.choose("entreprises", siren="418166096").scenario("provider_timeout").send()
    rows = console.journal()
    assert [(row[2], row[3], row[4]) for row in rows[:2]] == [
        ("504", "provider_timeout", "entreprises"),
        ("503", "provider_unavailable", "entreprises"),
    ]
    console.find("#journal-reset").click()
    console.wait(lambda d: not console.journal())
    assert requests.get(f"{console.base}/__admin/requests", timeout=5).json() == {"requests": []}


def test_journal_highlights_contract_violations(console):
    # Journal entries carry a "violations" list once the contract kit records them; the page
    # must show them whatever the server has recorded so far, so the journal is stubbed here.
    entry = {
        "time": "2025-06-30T10:00:00.000+00:00",
        "method": "GET",
        "path": "/v2/entreprises/418166096",
        "params": {"context": ["test"]},
        "status": 422,
        "scenario": None,
        "endpoint": "entreprises",
        "violations": [
            {"rule": "missing_traceability", "title": "context, recipient and object are mandatory", "detail": "x"},
            {"rule": "token_in_query", "title": "the token goes in the Authorization header (v3)", "detail": "y"},
        ],
    }
    console.driver.execute_script(
        """
        const entry = arguments[0];
        const realFetch = window.fetch;
        window.fetch = (url, options) => url === "/__admin/requests" && !options
          ? Promise.resolve(new Response(JSON.stringify({requests: [entry]})))
          : realFetch(url, options);
        """,
        entry,
    )
    [row] = console.journal()
    assert row[5].startswith("⚠ 2 violations")
    # In French, with the rule's name: the page says what the rule requires, not the journal's English.
    assert "context, recipient et object sont obligatoires sur toute route de données (missing_traceability)" in row[5]
    assert "le jeton va dans l'en-tête Authorization (v3) (token_in_query)" in row[5]
    assert console.find("#journal-table tbody tr").get_attribute("class") == "violation"


def test_catalogue_buttons_fill_the_form_with_a_drawn_identifier(console):
    console.find('button[data-try="etablissements"]').click()
    assert Select(console.find("#route")).first_selected_option.get_attribute("value") == "etablissements"
    field = console.find("#path-siret")
    console.wait(lambda d: len(field.get_attribute("value")) == 14)
    assert console.driver.switch_to.active_element == field
    first = field.get_attribute("value")
    console.find("#path-siret-draw").click()
    console.wait(lambda d: field.get_attribute("value") != first)
    assert console.send() == 200


def test_keyboard_only(console):
    active = console.driver.switch_to.active_element
    active.send_keys(Keys.TAB)
    skip_link = console.driver.switch_to.active_element
    assert skip_link.text == "Aller au formulaire d'essai"
    skip_link.send_keys(Keys.ENTER)
    for _ in range(10):
        focused = console.driver.switch_to.active_element
        if focused.get_attribute("id") == "path-siren":
            break
        focused.send_keys(Keys.TAB)
    assert focused.get_attribute("id") == "path-siren"
    focused.send_keys(Keys.CONTROL, "a")
    focused.send_keys("999990070", Keys.ENTER)
    badge = console.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#result-status [data-status]"))[0]
    # The page opens on v3, where an unavailable provider is a 502.
    assert badge.get_attribute("data-status") == "502"


def test_accessibility_audit_finds_nothing(console):
    if not AXE.is_file():
        skip_loudly("axe-core is not installed; run .ci/install-browser (npm ci in tests/browser)")
    console.choose("entreprises", siren="005572466").send()
    console.journal()
    console.driver.execute_script(AXE.read_text(encoding="utf-8"))
    violations = console.driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
          .then((results) => done(results.violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(" "))])));
        """
    )
    assert violations == []


def document_route(base: str) -> tuple[dict, dict[str, str], str] | None:
    """Find a catalogue route whose nominal answer links a PDF on the sandbox; return it, its ids, the URL."""
    token = requests.get(f"{base}/__admin/tokens", timeout=5).json()["tokens"]["default"]["token"]
    for route in requests.get(f"{base}/__admin/routes", timeout=5).json()["routes"]:
        parameters = route["path_parameters"]
        if not parameters or not all(p["random"] for p in parameters):
            continue
        values = {p["name"]: requests.get(base + p["random"], timeout=5).json()["value"] for p in parameters}
        path = route["path"].format(**values)
        query = {"context": "test", "recipient": "13002526500013", "object": "essai"}
        headers = {"Authorization": f"Bearer {token}", "X-Mock-Scenario": "nominal"}
        answer = requests.get(base + path, params=query, headers=headers, timeout=15)
        for url in set(re.findall(rf"{base}/[^\s\"']+\.pdf", answer.text)):
            return route, values, url
    return None


def test_a_document_link_opens_the_pdf(console):
    found = document_route(console.base)
    if found is None:
        skip_loudly("no catalogue route links a PDF yet (the document routes of issue 4 add them)")
    route, values, _ = found
    requests.post(f"{console.base}/__admin/reset", timeout=5)
    console.choose(route["name"], **values).send()
    link = console.find('#documents a[href$=".pdf"]')
    href = link.get_attribute("href")
    assert href.startswith(f"{console.base}/") and href.endswith(".pdf")
    assert link.get_attribute("target") == "_blank"
    document = requests.get(href, timeout=15)
    assert document.status_code == 200
    assert document.headers["Content-Type"].startswith("application/pdf")
    assert document.content.startswith(b"%PDF-")
    console.screenshot("console-result-document")


def test_with_an_admin_token_the_console_asks_for_it_once(driver):
    admin_token = "admin-token-of-this-console-test"
    env = {"MOCKSERVER_RATE_LIMIT_FACTOR": "0", "MOCKSERVER_ADMIN_TOKEN": admin_token}
    with running_server(env=env) as (base, _):
        # The page calls the admin API as it loads: the prompt is answered before any script runs.
        script = f"window.prompts = 0; window.prompt = () => {{ window.prompts += 1; return '{admin_token}'; }};"
        added = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
        try:
            console = Console(driver, base).open().choose("entreprises", siren="418166096")
            assert console.send() == 200
            assert console.send() == 200
            console.wait(lambda d: console.journal())
            assert driver.execute_script("return window.prompts") == 1
        finally:
            driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def test_the_page_opens_on_the_current_api(console):
    assert Select(console.find("#version")).first_selected_option.get_attribute("value") == "v3"
    assert Select(console.find("#route")).first_selected_option.get_attribute("value").startswith("api_entreprise_v3_")


def test_with_v2_switched_off_the_page_opens_on_v3_and_says_v2_is_gone(driver):
    with running_server(env={"MOCKSERVER_RATE_LIMIT_FACTOR": "0", "MOCKSERVER_V2_GONE": "true"}) as (base, _):
        console = Console(driver, base).open()
        version = Select(console.find("#version"))
        assert version.first_selected_option.get_attribute("value") == "v3"
        assert [o.text for o in version.options if o.get_attribute("value") == "v2"] == [
            "v2 (retirée : 410 Gone, comme en production)"
        ]


def test_rate_limited_is_played_from_the_scenario_select(console):
    route = "api_entreprise_v3_insee_unites_legales"
    assert console.choose(route, siren="418166096").scenario("rate_limited").send() == 429
    assert console.headers()["Retry-After"] == "1"
    assert "X-Mock-Scenario: rate_limited" in console.find("#curl").text


def test_typing_into_a_drawn_identifier_replaces_it(console):
    console.find('button[data-try="api_entreprise_v3_insee_unites_legales"]').click()
    field = console.find("#path-siren")
    console.wait(lambda d: len(field.get_attribute("value")) == 9)
    field.click()
    field.send_keys("418166096")
    assert field.get_attribute("value") == "418166096"
    # Once typed into, the field is the user's: more typing extends it as in any field.
    field.send_keys(Keys.BACK_SPACE, "6")
    assert field.get_attribute("value") == "418166096"
    assert console.send() == 200
    assert json.loads(console.body())["data"]["siren"] == "418166096"


def test_the_date_of_the_call_is_sent_as_the_clock_header_unless_it_is_today(console):
    console.choose("api_entreprise_v3_insee_unites_legales", siren="418166096")
    today = console.find("#clock").get_attribute("value")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", today)
    assert console.send() == 200
    assert "X-Mock-Clock" not in console.find("#curl").text
    console.driver.execute_script("document.getElementById('clock').value = '2024-03-15';")
    assert console.send() == 200
    assert "X-Mock-Clock: 2024-03-15T12:00:00" in console.find("#curl").text


def test_the_page_speaks_french_in_its_descriptions(console):
    rows = console.driver.find_elements(By.CSS_SELECTOR, "#scenario-table tbody tr")
    described = {
        row.find_element(By.TAG_NAME, "code").text: row.find_elements(By.TAG_NAME, "td")[1].text for row in rows
    }
    assert described["not_found"] == "Le fournisseur ne connaît pas l'identifiant."
    assert console.driver.find_elements(By.CSS_SELECTOR, '[lang="en"]') == []
    assert "Tous les scopes, valable jusqu'en 2100" in console.find("#jetons").text


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll_and_a_whole_identifier_at_each_width(console, width):
    size = console.driver.get_window_size()
    console.driver.set_window_size(width, 900)
    try:
        console.choose("api_entreprise_v3_insee_etablissements", siret="41816609600069").send()
        console.journal()
        inner = console.driver.execute_script("return window.innerWidth")
        page = console.driver.execute_script("return document.documentElement.scrollWidth")
        assert page <= inner, f"the page is {page} px wide in a {inner} px window"
        # The identifier field shows the 14 digits of a SIRET whole.
        shown = console.driver.execute_script(
            "const f = document.getElementById('path-siret'); return [f.clientWidth, f.scrollWidth];"
        )
        assert shown[1] <= shown[0], f"the identifier field scrolls: {shown}"
        console.driver.execute_script("window.scrollTo(0, 0);")
        console.screenshot(f"console-{width}px")
    finally:
        console.driver.set_window_size(size["width"], size["height"])
