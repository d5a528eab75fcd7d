"""The servers bench/load.py measures: the app (embedded or hosted) and the bare relay.

They start, stop and are measured through the tests' server harness (tests/helpers/servers.py).
"""

import sqlite3
import sys
from pathlib import Path

from tests.helpers.postgres import Schema
from tests.helpers.servers import Gunicorn, Server, ToolkitServer

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 5000  # gevent connections per gunicorn worker: every screen holds one open


class _Measured:
    """What the bench adds to a server: a generous start, an account, a count of lost answers."""

    startup_timeout = 60
    stop_timeout = 15

    def lost(self, acknowledged: set[str], token) -> int | None:
        return None


class EmbeddedApp(_Measured, ToolkitServer):
    """`toolkit serve` on SQLite in `folder`/data, with the workers it chooses (one per core)."""

    name = "app (toolkit serve)"

    def __init__(self, folder: Path, password: str, workers: int | None = None) -> None:
        super().__init__(folder, workers=workers)
        self.password = password

    def start(self) -> None:
        create_account(self, self.password)
        super().start()

    def lost(self, acknowledged: set[str], token) -> int:
        """Acknowledged answers that are not in the database."""
        database = sqlite3.connect(self.data_dir / "toolkit.db")
        texts = [row[0] for row in database.execute("SELECT text FROM answer")]
        database.close()
        return len(acknowledged - {found for value in texts for found in token.findall(value)})


class HostedApp(_Measured, Gunicorn):
    """gunicorn with gevent workers on a fresh PostgreSQL schema, migrated by `toolkit migrate`."""

    def __init__(self, folder: Path, workers: int, base_url: str, password: str) -> None:
        self.schema = Schema(base_url)
        super().__init__(self.schema, folder, workers, connections=CONNECTIONS)
        self.name = f"app (gunicorn ×{workers})"
        self.password = password

    def start(self) -> None:
        self.cli("migrate").check_returncode()
        create_account(self, self.password)
        super().start()

    def lost(self, acknowledged: set[str], token) -> int:
        """Acknowledged answers that are not in the database."""
        texts = self.schema.scalars("SELECT text FROM answer")
        return len(acknowledged - {found for value in texts for found in token.findall(value)})

    def stop(self) -> None:
        super().stop()
        if self.schema:
            self.schema.drop()
            self.schema = None


def create_account(server: ToolkitServer, password: str) -> None:
    """The leader account the bench logs in with."""
    server.cli("create-user", "--username", "bench", "--password", password).check_returncode()


def app_server(
    folder: Path, hosted: bool, workers: int | None, base_url: str, password: str
) -> Server:
    """The app as bench/load.py measures it (embedded: as many workers as `toolkit serve`
    chooses, unless `workers` says)."""
    if hosted:
        return HostedApp(folder, workers or 2, base_url, password)
    return EmbeddedApp(folder, password, workers)


def worker_processes(server: Server) -> int:
    """How many processes serve requests: the workers, or the server itself when it has none."""
    return len(server.workers()) or 1


class RelayServer(_Measured, Server):
    """bench/relay.py on gevent's WSGIServer, or under gunicorn with one gevent worker."""

    health = "/"

    def __init__(self, folder: Path, hosted: bool) -> None:
        super().__init__(folder, cwd=ROOT)  # from the project root, so `bench` can be imported
        self.hosted = hosted
        self.name = "relay (gunicorn ×1)" if hosted else "relay (gevent WSGIServer)"

    def command(self) -> list[str]:
        if not self.hosted:
            return [sys.executable, "-m", "bench.relay", str(self.port)]
        return [
            sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1",
            "--worker-connections", str(CONNECTIONS), "-b", f"127.0.0.1:{self.port}",
            "bench.relay:app",
        ]  # fmt: skip
