"""Real servers in subprocesses, for the tests and bench/: `toolkit serve`, gunicorn, or any other.

Each runs on its own free loopback port and folder, and counts as started once its health URL
answers 200. No pytest here: bench/ runs these without it.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# Ask the server directly even when the environment names an HTTP proxy.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
DEMO = re.compile(r"id (\d+), kod (\w+)")


class ServerFailed(RuntimeError):
    """The server exited or did not answer in time; the message holds what it wrote."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server in a subprocess on a free loopback port, its output in `folder`/server.log."""

    name = "server"
    health = "/healthz"
    startup_timeout = 20
    stop_timeout = 5

    def __init__(self, folder: Path, cwd: Path | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self.cwd = cwd or folder
        self.log = folder / "server.log"
        # A server on a database of its own choosing, never one the caller's environment names.
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "TOOLKIT_TEST_DATABASE_URL")
        }
        self.env["PYTHONUNBUFFERED"] = "1"
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> None:
        """Start the server and wait until its health URL answers."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"exited with code {self.process.returncode} before answering")
            if self.healthy():
                return
            time.sleep(0.1)
        self.fail(f"did not answer {self.health} with 200 within {self.startup_timeout} s")

    def healthy(self) -> bool:
        """Whether the health URL answers 200 right now."""
        try:
            with DIRECT.open(f"{self.url}{self.health}", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        """Terminate the server, killing it if it has not exited within `stop_timeout`."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        """Stop and start again on the same port and folder, as after a crash or an update."""
        self.stop()
        self.start()

    def fail(self, problem: str) -> None:
        """Stop the server and raise, showing what it wrote."""
        self.stop()
        output = self.log.read_text(errors="replace").strip() or "(nothing)"
        raise ServerFailed(f"{self.name} {problem}; it wrote:\n{output}")

    def workers(self) -> list[int]:
        """The process ids of the server's direct children (gunicorn's workers)."""
        return self._children(self.process.pid)

    def process_serving(self, client_port: int) -> int | None:
        """Which of the server's processes holds the server's end of the connection from this
        loopback port (Linux: the socket's inode in /proc/net/tcp, then in each process's fds)."""
        sockets = set()
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = (int(end.split(":")[1], 16) for end in fields[1:3])
            if (local, remote) == (self.port, client_port):
                sockets.add(f"socket:[{fields[9]}]")
        for pid in self._tree():
            if self._descriptors(pid) & sockets:
                return pid
        return None

    @staticmethod
    def _descriptors(pid: int) -> set[str]:
        found = set()
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    found.add(os.readlink(fd))
                except OSError:
                    pass  # closed meanwhile
        except OSError:
            pass  # the process ended meanwhile
        return found

    def rss_mb(self) -> float:
        """Resident memory of the server and all its descendants together."""
        total = 0
        for pid in self._tree():
            status = self._read(pid, "status").splitlines()
            total += sum(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        return total / 1024

    def cpu_seconds(self) -> float:
        """CPU time the server and all its descendants have used so far."""
        ticks = 0
        for pid in self._tree():
            stat = self._read(pid, "stat")
            if stat:
                fields = stat.rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def _tree(self) -> list[int]:
        found, pending = [], [self.process.pid] if self.process else []
        while pending:
            pid = pending.pop()
            if not Path(f"/proc/{pid}").exists():
                continue
            found.append(pid)
            pending += self._children(pid)
        return found

    @staticmethod
    def _children(pid: int) -> list[int]:
        try:
            return [
                int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            ]
        except OSError:
            return []  # the process ended meanwhile

    @staticmethod
    def _read(pid: int, name: str) -> str:
        try:
            return Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            return ""  # the process ended meanwhile


class ToolkitServer(Server):
    """`python -m toolkit serve` with its data in `folder`/data: SQLite, or `database_url`.

    It runs as many workers as `toolkit serve` chooses (one per core), or `workers`."""

    name = "toolkit serve"
    python = sys.executable  # another environment's Python runs the app installed there

    def __init__(
        self, folder: Path, database_url: str | None = None, workers: int | None = None
    ) -> None:
        super().__init__(folder)
        self.data_dir = folder / "data"
        self.env |= {
            "TOOLKIT_DATA_DIR": str(self.data_dir),
            "TOOLKIT_HOST": "127.0.0.1",
            "TOOLKIT_PORT": str(self.port),
            "SECRET_KEY": "test-secret",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if workers:
            self.env["TOOLKIT_WORKERS"] = str(workers)

    def command(self) -> list[str]:
        return [self.python, "-m", "toolkit", "serve"]

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run `toolkit <args>` against this server's data; check `returncode` yourself."""
        return subprocess.run(
            [self.python, "-m", "toolkit", *args],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=60,
        )


class Gunicorn(ToolkitServer):
    """The app under gunicorn with gevent workers, as the README tells hosts to run it."""

    stop_timeout = 10

    def __init__(self, schema, folder: Path, workers: int = 2, connections: int = 0) -> None:
        super().__init__(folder, schema.url)
        self.name = f"gunicorn ×{workers}"
        self.workers_count, self.connections = workers, connections
        self.env["TOOLKIT_AUTO_MIGRATE"] = "0"

    def command(self) -> list[str]:
        connections = ["--worker-connections", str(self.connections)] if self.connections else []
        return [
            self.python, "-m", "gunicorn", "-k", "gevent", "-w", str(self.workers_count),
            *connections, "-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "3",
            "toolkit:create_app()",
        ]  # fmt: skip


def server_on(schema, folder: Path) -> ToolkitServer:
    """A `toolkit serve` (not started) on the schema, with its own folder and port."""
    return ToolkitServer(folder, schema.url)


def demo_process(server: ToolkitServer) -> tuple[int, str]:
    """Create the demo process through the CLI; return its id and join code."""
    result = server.cli("demo")
    assert result.returncode == 0, result.stderr
    process_id, code = DEMO.search(result.stdout).groups()
    return int(process_id), code
