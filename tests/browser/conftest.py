"""Fixtures for real-browser tests: Debian's Chromium under Playwright, the app as a real server."""

import os

import pytest

from tests.helpers.servers import ServerFailed, ToolkitServer
from tests.helpers.tools import require
from tests.helpers.web import PASSWORD

try:
    import axe_playwright_python.sync_playwright  # noqa: F401 - tests/helpers/browser.py needs it
    from playwright.sync_api import expect, sync_playwright

    MISSING = ""
except ImportError as error:  # the other tests still run; these skip, or fail when required
    MISSING = str(error)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_pycollect_makemodule(module_path, parent):
    """Without Playwright, a browser test module is collected as one test that says so."""
    if MISSING:
        return WithoutPlaywright.from_parent(parent, path=module_path)
    return None


class WithoutPlaywright(pytest.File):
    """A browser test module that cannot be imported here."""

    def collect(self):
        yield NeedsPlaywright.from_parent(self, name="needs_playwright")


class NeedsPlaywright(pytest.Item):
    """Skips for want of Playwright; fails under TOOLKIT_REQUIRE_ALL=1."""

    def runtest(self):
        require("Playwright", False, f"real-browser tests drive Chromium through it ({MISSING})")

    def reportinfo(self):
        return self.path, None, f"{self.path.name}: needs Playwright"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; never one of Playwright's downloaded browsers."""
    executable = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")
    require(
        "Chromium",
        os.access(executable, os.X_OK),
        f"real-browser tests drive {executable} (install chromium or set TOOLKIT_CHROMIUM)",
    )
    # A 2-core machine running a server, a browser and the tests is slow at times: wait longer
    # than Playwright's 5 s before calling a live update missing.
    expect.set_options(timeout=15_000)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_page(browser):
    """Make pages in separate browser contexts, so each behaves like another person's browser."""
    contexts = []

    def make(**context_options):
        options = {"viewport": {"width": 1280, "height": 800}, "locale": "sv-SE", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def live_server(tmp_path):
    """The real app server on a free port, with a fresh SQLite data dir under tmp_path."""
    server = ToolkitServer(tmp_path)
    try:
        server.start()
    except ServerFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def leader(live_server, new_page):
    """A logged-in process leader's page, on a new process's page."""
    result = live_server.cli("create-user", "--username", "lea", "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    page = new_page()
    page.goto(f"{live_server.url}/logga-in")
    page.get_by_label("Användarnamn").fill("lea")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/processer/")
    page.get_by_label("Namn", exact=False).first.fill("Ragunda Trampolinen")
    page.get_by_role("button", name="Skapa process").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ragunda Trampolinen")
    return page
