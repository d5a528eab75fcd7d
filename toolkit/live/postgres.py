"""Live updates across workers: PostgreSQL NOTIFY carries the events, LISTEN feeds local streams."""

import logging
import threading
import time
from collections.abc import Iterable

import psycopg
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from toolkit.live.events import LocalBroker

CHANNEL = "toolkit_live"
HEALTH_CHECK_SECONDS = 15
RECONNECT_MAX_SECONDS = 10

log = logging.getLogger(__name__)


def libpq_conninfo(database_url: str) -> str:
    """The libpq connection string for a SQLAlchemy PostgreSQL URL (options and all)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class PostgresBroker:
    """Events go out as NOTIFY in the committing transaction; one LISTEN per worker receives them.

    Every worker, the sending one included, gets events only through PostgreSQL, so each screen
    sees the same events in the same order whichever worker it is connected to.
    """

    publishes_in_transaction = True

    def __init__(self, database_url: str) -> None:
        self.conninfo = libpq_conninfo(database_url)
        self.local = LocalBroker()
        self._lock = threading.Lock()
        self._listener: threading.Thread | None = None
        self._connection: psycopg.Connection | None = None
        self._stopped = False
        self.reconnects = 0

    # Sending

    def publish_in_transaction(self, connection: Connection, events: dict[int, set[str]]) -> None:
        """Queue the events as NOTIFY in this transaction: sent if, and when, it commits."""
        payloads = [f"{pid}:{name}" for pid, names in events.items() for name in sorted(names)]
        connection.execute(  # one round trip for all of them
            text("SELECT pg_notify(:channel, p) FROM unnest(CAST(:payloads AS text[])) AS p"),
            {"channel": CHANNEL, "payloads": payloads},
        )

    def publish(self, process_id: int, names: set[str]) -> None:
        """Send events outside a transaction of the app (e.g. from a command)."""
        with self._connect() as connection:
            for name in sorted(names):
                connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{process_id}:{name}"))

    # Receiving

    def position(self, process_id: int) -> int:
        """The newest event number of this process in this worker."""
        self._ensure_listening()
        return self.local.position(process_id)

    def wait(
        self, process_id: int, after: int, timeout: float, kinds: Iterable[str] | None = None
    ) -> tuple[int, list[str]]:
        """Wait for events newer than `after` (see LocalBroker.wait)."""
        self._ensure_listening()
        return self.local.wait(process_id, after, timeout, kinds)

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.conninfo, autocommit=True)

    def _ensure_listening(self) -> None:
        """Start the worker's listener on first use; LISTEN is active when this returns."""
        if self._listener is not None:
            return
        with self._lock:
            if self._listener is not None:
                return
            try:
                self._connection = self._listen()
            except psycopg.OperationalError:
                log.warning("live updates: cannot LISTEN yet; retrying in the background")
            # Under gevent's monkey patching this thread is a greenlet, and psycopg waits
            # cooperatively (it detects the patched select module).
            self._listener = threading.Thread(target=self._run, name="toolkit-listen", daemon=True)
            self._listener.start()

    def _listen(self) -> psycopg.Connection:
        connection = self._connect()
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _run(self) -> None:
        """Receive notifications forever; reconnect when the database goes away."""
        delay = 0.5
        while not self._stopped:
            connection = self._connection
            try:
                if connection is None or connection.closed:
                    connection = self._connection = self._listen()
                    self.reconnects += 1
                    self._refresh_everyone()
                delay = 0.5
                for notify in connection.notifies(timeout=HEALTH_CHECK_SECONDS):
                    if self._stopped:
                        break
                    self._deliver(notify.payload)
                else:
                    connection.execute("SELECT 1")  # a quiet line: is the database still there?
            except psycopg.Error as exc:
                log.warning("live updates: lost the database (%s); reconnecting", exc)
                if connection is not None:
                    connection.close()
                self._connection = None
                time.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)
        if self._connection is not None:
            self._connection.close()

    def close(self) -> None:
        """Stop listening (the listener wakes up to an empty notification and ends)."""
        self._stopped = True
        if self._listener is not None:
            with self._connect() as connection:
                connection.execute("SELECT pg_notify(%s, '')", (CHANNEL,))
            self._listener.join(timeout=HEALTH_CHECK_SECONDS + 1)

    def _deliver(self, payload: str) -> None:
        process_id, _, name = payload.partition(":")
        if process_id.isdigit() and name:
            self.local.publish(int(process_id), {name})

    def _refresh_everyone(self) -> None:
        """Events sent while we were away are lost: every screen fetches everything again."""
        for process_id in self.local.channels():
            self.local.publish(process_id, {"refresh"})
