"""The servers bench/load.py measures: the app (embedded or hosted) and the bare relay."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
CONNECTIONS = "5000"  # gevent connections per gunicorn worker: every screen holds one open


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server in a subprocess on a free loopback port."""

    name = "server"

    def __init__(self) -> None:
        self.port = free_port()
        self.env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process: subprocess.Popen | None = None
        self.log = Path(os.devnull)

    def command(self) -> list[str]:
        raise NotImplementedError

    def prepare(self) -> None:
        """Anything before the server starts."""

    def start(self) -> None:
        self.prepare()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log}")
            try:
                with DIRECT.open(f"http://127.0.0.1:{self.port}{self.health}", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"{self.name} did not start; see {self.log}")

    health = "/healthz"

    def _tree(self) -> list[int]:
        """The server's process and all its descendants (workers)."""
        found, pending = [], [self.process.pid] if self.process else []
        while pending:
            pid = pending.pop()
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            found.append(pid)
            pending += [int(child) for child in children]
        return found

    def _read(self, pid: int, name: str) -> str:
        try:
            return Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            return ""  # the process ended meanwhile

    def rss_mb(self) -> float:
        """Resident memory of the server and its workers together."""
        total = 0
        for pid in self._tree():
            status = self._read(pid, "status").splitlines()
            total += sum(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        return total / 1024

    def cpu_seconds(self) -> float:
        """CPU time the server and its workers have used so far."""
        ticks = 0
        for pid in self._tree():
            stat = self._read(pid, "stat")
            if stat:
                fields = stat.rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def lost(self, acknowledged: set[str], token) -> int | None:
        return None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class AppServer(Server):
    """`toolkit serve` on SQLite, or gunicorn with gevent workers on a fresh PostgreSQL schema."""

    def __init__(self, folder: Path, hosted: bool, workers: int, base_url: str, password: str):
        super().__init__()
        self.hosted, self.workers, self.password = hosted, workers, password
        self.name = f"app ({'gunicorn ×' + str(workers) if hosted else 'toolkit serve'})"
        self.log = folder / "app.log"
        self.env |= {
            "TOOLKIT_DATA_DIR": str(folder / "data"),
            "TOOLKIT_PORT": str(self.port),
            "TOOLKIT_HOST": "127.0.0.1",
            "SECRET_KEY": "bench-secret",
        }
        self.env.pop("DATABASE_URL", None)
        self.schema = None
        if hosted:
            from sqlalchemy import create_engine, text

            self.schema = f"bench_{uuid.uuid4().hex[:12]}"
            self.admin = create_engine(base_url)
            with self.admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            separator = "&" if "?" in base_url else "?"
            self.env["DATABASE_URL"] = f"{base_url}{separator}options=-csearch_path%3D{self.schema}"
            self.env["TOOLKIT_AUTO_MIGRATE"] = "0"

    def prepare(self) -> None:
        toolkit = [sys.executable, "-m", "toolkit"]
        if self.hosted:
            subprocess.run([*toolkit, "migrate"], env=self.env, check=True, capture_output=True)
        subprocess.run(
            [*toolkit, "create-user", "--username", "bench", "--password", self.password],
            env=self.env,
            check=True,
            capture_output=True,
        )

    def command(self) -> list[str]:
        if not self.hosted:
            return [sys.executable, "-m", "toolkit", "serve"]
        return [
            sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", str(self.workers),
            "--worker-connections", CONNECTIONS, "-b", f"127.0.0.1:{self.port}",
            "toolkit:create_app()",
        ]  # fmt: skip

    def lost(self, acknowledged: set[str], token) -> int:
        """Acknowledged answers that are not in the database."""
        if self.hosted:
            from sqlalchemy import text

            with self.admin.connect() as connection:
                connection.execute(text(f'SET search_path TO "{self.schema}"'))
                texts = connection.execute(text("SELECT text FROM answer")).scalars().all()
        else:
            database = sqlite3.connect(Path(self.env["TOOLKIT_DATA_DIR"]) / "toolkit.db")
            texts = [row[0] for row in database.execute("SELECT text FROM answer")]
            database.close()
        stored = {found for value in texts for found in token.findall(value)}
        return len(acknowledged - stored)

    def stop(self) -> None:
        super().stop()
        if self.schema:
            from sqlalchemy import text

            with self.admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            self.admin.dispose()
            self.schema = None


class RelayServer(Server):
    """bench/relay.py on gevent's WSGIServer, or under gunicorn with one gevent worker."""

    health = "/"

    def __init__(self, hosted: bool) -> None:
        super().__init__()
        self.hosted = hosted
        self.name = "relay (gunicorn ×1)" if hosted else "relay (gevent WSGIServer)"

    def command(self) -> list[str]:
        if not self.hosted:
            return [sys.executable, "-m", "bench.relay", str(self.port)]
        return [
            sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1",
            "--worker-connections", CONNECTIONS, "-b", f"127.0.0.1:{self.port}", "bench.relay:app",
        ]  # fmt: skip
