"""Fixtures for real-browser tests: Debian's Chromium under Playwright, the app as a real server."""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.helpers.servers import ServerFailed, ToolkitServer
from tests.helpers.tools import require
from tests.helpers.web import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
