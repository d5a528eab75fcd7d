"""Fixtures for real-browser tests: Debian's Chromium under Playwright, the app as a real server."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

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
STARTUP_TIMEOUT = 20
# Ask the server directly even when the environment names an HTTP proxy.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


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


class LiveServer:
    """The app served by `python -m toolkit serve` in a subprocess, on its own port and data dir."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = tmp_path / "data"
        # Browser tests always use SQLite in data_dir, even when the other tests get PostgreSQL.
        self.env = {k: v for k, v in os.environ.items() if k != "TOOLKIT_TEST_DATABASE_URL"}
        self.env |= {
            "TOOLKIT_DATA_DIR": str(self.data_dir),
            "TOOLKIT_HOST": "127.0.0.1",
            "TOOLKIT_PORT": str(self.port),
            "SECRET_KEY": "test-secret",
            "PYTHONUNBUFFERED": "1",
        }
        self.cwd = tmp_path
        self.stdout_log = tmp_path / "server.out"
        self.stderr_log = tmp_path / "server.err"
        self.process = None

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run `toolkit <args>` against this server's data; check `returncode` yourself."""
        return subprocess.run(
            [sys.executable, "-m", "toolkit", *args],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def start(self) -> None:
        """Start the server and wait until /healthz answers."""
        with self.stdout_log.open("ab") as stdout, self.stderr_log.open("ab") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "toolkit", "serve"],
                env=self.env,
                cwd=self.cwd,
                stdout=stdout,
                stderr=stderr,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"exited with code {self.process.returncode} before answering /healthz")
            if self.healthy():
                return
            time.sleep(0.1)
        self.fail(f"did not answer /healthz with 200 within {STARTUP_TIMEOUT} s")

    def healthy(self) -> bool:
        """Whether /healthz answers 200 right now."""
        try:
            with DIRECT.open(f"{self.url}/healthz", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        """Terminate the server, killing it if it has not exited within 5 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        """Stop and start again on the same port and data dir, as after a crash or an update."""
        self.stop()
        self.start()

    def fail(self, problem: str) -> None:
        """Stop the server and fail the test, showing what the server wrote to stderr."""
        self.stop()
        stderr = self.stderr_log.read_text(errors="replace").strip() or "(nothing)"
        pytest.fail(f"toolkit serve {problem}; its stderr:\n{stderr}", pytrace=False)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(tmp_path):
    """The real app server on a free port, with a fresh SQLite data dir under tmp_path."""
    server = LiveServer(tmp_path)
    server.start()
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
