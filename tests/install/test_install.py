"""A normal install: the wheel in a new environment outside the checkout serves every page.

Builds the wheel from a clean copy of the project, installs it into a new venv in a temporary
folder (so nothing of the checkout is on the path) and starts it as `toolkit serve` and, with the
hosted extra, as the README's Hosting section does: `toolkit migrate`, then gunicorn with gevent
workers. Slow (about a minute, mostly pip); CI runs it.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document

from tests.helpers.postgres import Schema
from tests.helpers.roomclient import Browser
from tests.helpers.servers import DIRECT, Gunicorn, ToolkitServer, demo_process
from tests.helpers.tools import pg_base_url
from tests.helpers.web import PASSWORD
from toolkit.config import ROOT

pytestmark = pytest.mark.slow

# Not part of a source checkout's content: what git ignores, and the test's own leftovers.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.pyc"
)
WORKSHOPS = ("workshop-1", "workshop-2", "workshop-3")


def run(*command, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command outside the checkout; fail with its output if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    """A folder outside the checkout for the copy, the wheel, the venv and the servers."""
    return tmp_path_factory.mktemp("install")


@pytest.fixture(scope="module")
def source(place) -> Path:
    """A clean copy of the project, as a fresh clone would have it."""
    copy = place / "samverkansverkstaden"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    return copy


@pytest.fixture(scope="module")
def wheel(place, source) -> Path:
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", place / "dist", source, cwd=place)
    (built,) = (place / "dist").glob("samverkansverkstaden-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(place, wheel) -> Path:
    """A new virtual environment with the wheel installed the plain way (no extras)."""
    folder = place / "venv"
    run(sys.executable, "-m", "venv", folder, cwd=place)
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel, cwd=place)
    return python


def installed_package(python: Path) -> Path:
    """Where the venv's toolkit package lives: its own site-packages, never the checkout."""
    result = run(python, "-c", "import toolkit, sys; print(toolkit.__file__)", cwd=python.parent)
    package = Path(result.stdout.strip()).parent
    assert ROOT not in package.parents and package.is_relative_to(python.parent.parent), package
    return package


def server_in(venv: Path, folder: Path, cls=ToolkitServer, *args) -> ToolkitServer:
    server = cls(*args, folder) if args else cls(folder)
    server.python = str(venv)
    server.env.pop("PYTHONPATH", None)
    return server


def soup(body: str) -> BeautifulSoup:
    return BeautifulSoup(body, "html.parser")


def download(browser: Browser, path: str) -> tuple[int, str, bytes]:
    """A file (not text) with the browser's cookies: status, content type, bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", browser.port, timeout=60)
    cookies = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    connection.request("GET", path, headers={"Cookie": cookies})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers["Content-Type"], body


def fetch_the_workshop_pages(browser: Browser, process_id: int, code: str) -> None:
    """Every page a process leader and a participant use in the demo process answers."""
    base = f"/processer/{process_id}"
    status, _, body = browser.get("/processer/")
    assert status == 200 and "Ragunda Trampolinen (demo)" in soup(body).get_text()
    pages = [
        base,
        f"{base}/styr",
        f"{base}/projektor",
        f"{base}/vinjetter",
        f"{base}/dokument",
        f"{base}/dokument/beslutsunderlag",
        f"{base}/dokument/handlingsplan",
        *(f"{base}/workshop/{key}/resultat" for key in WORKSHOPS),
    ]
    for path in pages:
        status, headers, body = browser.get(path)
        assert status == 200, f"{path}: {status}\n{body[:500]}"
        assert headers["Content-Type"].startswith("text/html"), path
        assert not re.search(r"\d", headers.get("Server", "")), "the server tells its version"
        html = soup(body)
        assert html.select_one("h1").get_text(strip=True), f"{path} has no heading"
        for link in html.select("link[rel=stylesheet], script[src]"):
            asset = link.get("href") or link.get("src")
            assert browser.get(asset)[0] == 200, f"{path}: {asset}"
    status, headers, _ = browser.get(f"{base}/projektor/qr.svg")
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    status, kind, word = download(browser, f"{base}/dokument/beslutsunderlag/ladda-ner.docx")
    assert status == 200 and "wordprocessingml" in kind
    assert Document(BytesIO(word)).paragraphs[0].text == "Beslutsunderlag"

    participant = Browser(browser.port)
    answer = participant.join(code, name="Anna").answer("Svar från en installerad app")
    assert answer is not None
    _, _, stage = browser.get(f"{base}/projektor/_scen", htmx=True)
    assert "Svar från en installerad app" in soup(stage).get_text()
    participant.close()


def test_pip_install_gives_an_app_with_its_templates_and_content(venv, place):
    package = installed_package(venv)
    for folder in ("templates", "workshops", "vignettes"):
        assert (package / "bundled" / folder).is_dir(), f"the wheel lacks {folder}/"
    assert (package / "static" / "app.css").is_file()
    assert (ROOT / "templates").is_dir() and (ROOT / "workshops").is_dir()  # still top-level

    server = server_in(venv, place / "serve")
    checked = server.cli("check-content")
    assert checked.returncode == 0, checked.stderr
    assert "3 workshoppar" in checked.stdout and "19 vinjetter" in checked.stdout
    server.start()
    try:
        browser = Browser(server.port)
        status, headers, _ = browser.get("/logga-in")
        assert status == 302 and headers["Location"].endswith("/konto/forsta")
        browser.get("/konto/forsta")
        account = {"username": "lea", "name": "Lea", "password": PASSWORD}
        status, _, body = browser.post("/konto/forsta", account | {"password_again": PASSWORD})
        assert status == 302, body
        process_id, code = demo_process(server)
        fetch_the_workshop_pages(browser, process_id, code)
        browser.close()
    finally:
        server.stop()


@pytest.mark.skipif(os.name != "posix", reason="gunicorn runs on POSIX only")
def test_the_readme_hosting_steps_start_gunicorn_with_gevent(venv, place, source):
    # As the README says: pip install '.[hosted]' in the project folder.
    run(venv, "-m", "pip", "install", "--quiet", ".[hosted]", cwd=source)
    run(venv, "-c", "import gunicorn, packaging, gevent", cwd=place)
    installed_package(venv)
    schema = Schema(pg_base_url())
    server = server_in(venv, place / "gunicorn", Gunicorn, schema)
    server.env |= {"TOOLKIT_PROXY_FIX": "1", "TOOLKIT_PUBLIC_URL": server.url}
    try:
        # The README's own command: the `toolkit` script the install puts beside python.
        migrated = subprocess.run(
            [str(venv.parent / "toolkit"), "migrate"],
            env=server.env,
            cwd=server.cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert migrated.returncode == 0, migrated.stderr
        created = server.cli("create-user", "--username", "lea", "--password", PASSWORD)
        assert created.returncode == 0, created.stderr
        process_id, code = demo_process(server)
        server.start()
        browser = Browser(server.port)
        browser.log_in("lea", PASSWORD)
        fetch_the_workshop_pages(browser, process_id, code)
        browser.close()
        assert "gevent" in server.log.read_text(), "gunicorn did not use gevent workers"
    finally:
        server.stop()
        schema.drop()


def health(server: ToolkitServer, seconds: float = 20) -> tuple[int, str, str]:
    """The first answer /healthz gives: status, content type, body."""
    deadline = time.monotonic() + seconds
    while True:
        assert server.process.poll() is None, server.log.read_text()
        try:
            with DIRECT.open(f"{server.url}/healthz", timeout=2) as response:
                return response.status, response.headers["Content-Type"], response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode()
        except OSError:
            assert time.monotonic() < deadline, server.log.read_text()
            time.sleep(0.2)


def test_healthz_fails_when_the_templates_are_missing(venv, place):
    package = installed_package(venv)
    templates = package / "bundled" / "templates"
    hidden = package / "bundled" / "templates-hidden"
    templates.rename(hidden)
    server = server_in(venv, place / "no-templates")
    try:
        server.process = subprocess.Popen(
            server.command(), env=server.env, cwd=server.cwd, stderr=subprocess.DEVNULL
        )
        status, kind, body = health(server)
        assert status == 503 and kind.startswith("text/plain")
        assert body.startswith("Sidmallarna saknas") and "base.html" in body
    finally:
        server.stop()
        hidden.rename(templates)


def test_the_app_refuses_to_start_without_its_content(venv, place):
    empty = place / "tomt"
    empty.mkdir()
    server = server_in(venv, place / "no-content")
    server.env["TOOLKIT_CONTENT_DIR"] = str(empty)
    checked = server.cli("check-content")
    assert checked.returncode != 0 and "no workshop files" in checked.stderr + checked.stdout
    started = server.cli("serve")
    assert started.returncode != 0 and "no workshop files" in started.stderr + started.stdout
