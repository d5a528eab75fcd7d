"""Helpers for the hosted-mode tests: fresh PostgreSQL schemas and real servers on them."""

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.browser.conftest import LiveServer, free_port
from tests.helpers.tools import require

DEMO = re.compile(r"id (\d+), kod (\w+)")


def pg_base_url() -> str:
    """The test PostgreSQL (TOOLKIT_TEST_DATABASE_URL), or skip."""
    base = os.environ.get("TOOLKIT_TEST_DATABASE_URL", "")
    require("PostgreSQL", bool(base), "set TOOLKIT_TEST_DATABASE_URL to run hosted-mode tests")
    return base


class Schema:
    """A fresh schema in the test PostgreSQL, and a URL whose connections use it."""

    def __init__(self, base: str) -> None:
        self.name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin = create_engine(base)
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        separator = "&" if "?" in base else "?"
        # A name of our own, so a test can cut exactly these connections and no one else's.
        self.application = f"toolkit-{self.name}"
        self.url = (
            f"{base}{separator}options=-csearch_path%3D{self.name}"
            f"&application_name={self.application}"
        )

    def scalar(self, sql: str, **params):
        with self.admin.connect() as connection:
            connection.execute(text(f'SET search_path TO "{self.name}"'))
            return connection.execute(text(sql), params).scalar()

    def terminate_connections(self) -> int:
        """Cut every connection the app holds, as a database restart would."""
        with self.admin.connect() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE application_name = :name"
                    ),
                    {"name": self.application},
                ).all()
            )

    def drop(self) -> None:
        with self.admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


def server_on(schema: Schema, folder: Path) -> LiveServer:
    """A `toolkit serve` (not started) on the schema, with its own folder and port."""
    folder.mkdir(parents=True, exist_ok=True)
    server = LiveServer(folder)
    server.env["DATABASE_URL"] = schema.url
    return server


def demo_process(server: LiveServer) -> tuple[int, str]:
    """Create the demo process through the CLI; return its id and join code."""
    result = server.cli("demo")
    assert result.returncode == 0, result.stderr
    process_id, code = DEMO.search(result.stdout).groups()
    return int(process_id), code


class Gunicorn:
    """The app under gunicorn with gevent workers, as the README tells hosts to run it."""

    def __init__(self, schema: Schema, folder: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.env = server_on(schema, folder).env | {"TOOLKIT_AUTO_MIGRATE": "0"}
        self.log = folder / "gunicorn.log"
        self.command = [
            sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", str(workers),
            "-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "3", "toolkit:create_app()",
        ]  # fmt: skip
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def workers(self) -> list[int]:
        """The process ids of the running workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
