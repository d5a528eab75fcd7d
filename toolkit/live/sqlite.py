"""Live updates across the embedded server's workers: events are rows in the SQLite database."""

import logging
import sqlite3
import threading
from collections.abc import Iterable

from sqlalchemy import Column, Connection, Integer, String, Table, delete, func, insert, select
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from toolkit.live.events import LocalBroker

# How often each worker looks for new rows: well under what a person notices, and a look is one
# seek on the primary key, so 30 a second cost a worker next to nothing.
POLL_SECONDS = 0.03
# Rows kept behind the newest; a worker further behind than this missed events and refreshes.
KEEP_EVENTS = 5000
PRUNE_EVERY = 500  # the writer whose event crosses a multiple of this prunes
BATCH = 1000

log = logging.getLogger(__name__)

# The broker's own rows, not a record of anything: no link to a process, never backed up.
# AUTOINCREMENT: an id is never used twice, so a worker's "after id N" holds across pruning.
live_event = Table(
    "liveevent",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True),
    Column("process_id", Integer, nullable=False),
    Column("name", String(40), nullable=False),
    sqlite_autoincrement=True,
)


class SqliteBroker:
    """Events go in as rows of the committing transaction; one reader per worker passes them on.

    Every worker, the sending one included, gets events only from the table, so each screen sees
    the same events in the same order (the table's) whichever worker it is connected to.
    """

    publishes_in_transaction = True

    def __init__(
        self, database_url: str, poll_seconds: float = POLL_SECONDS, keep: int = KEEP_EVENTS
    ) -> None:
        self.path = make_url(database_url).database
        self.poll_seconds = poll_seconds
        self.keep = keep
        self.local = LocalBroker()
        self.refreshes = 0  # how often this worker found it had missed events
        self._last: int | None = None  # the newest row this worker has passed on
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._stopped = threading.Event()

    # Sending

    def publish_in_transaction(self, connection: Connection, events: dict[int, set[str]]) -> None:
        """Write the events as rows in this transaction: they exist if, and when, it commits."""
        rows = [
            {"process_id": process_id, "name": name}
            for process_id, names in sorted(events.items())
            for name in sorted(names)
        ]
        connection.execute(insert(live_event), rows)
        newest = connection.scalar(select(func.max(live_event.c.id)))
        if newest // PRUNE_EVERY != (newest - len(rows)) // PRUNE_EVERY:
            connection.execute(delete(live_event).where(live_event.c.id <= newest - self.keep))

    def publish(self, process_id: int, names: set[str]) -> None:
        """Send events outside a transaction of the app (e.g. from a command or a test)."""
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT INTO liveevent (process_id, name) VALUES (?, ?)",
                [(process_id, name) for name in sorted(names)],
            )
            connection.execute("COMMIT")
        finally:
            connection.close()

    # Receiving

    def position(self, process_id: int) -> int:
        """The newest event number of this process in this worker."""
        self._ensure_reading()
        return self.local.position(process_id)

    def wait(
        self, process_id: int, after: int, timeout: float, kinds: Iterable[str] | None = None
    ) -> tuple[int, list[str]]:
        """Wait for events newer than `after` (see LocalBroker.wait)."""
        self._ensure_reading()
        return self.local.wait(process_id, after, timeout, kinds)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout = 10000")
        return connection

    def _ensure_reading(self) -> None:
        """Start the worker's reader on first use; events committed after this reach it."""
        if self._reader is not None:
            return
        with self._lock:
            if self._reader is not None:
                return
            connection = self._connect()
            self._last = self._newest(connection)
            # Under gevent's monkey patching this thread is a greenlet; each look is a short
            # blocking read, as every other query of the worker is.
            self._reader = threading.Thread(
                target=self._run, args=(connection,), name="toolkit-live-reader", daemon=True
            )
            self._reader.start()

    @staticmethod
    def _newest(connection: sqlite3.Connection) -> int:
        """The newest id ever given out, even when its row is pruned."""
        (row_id,) = connection.execute("SELECT coalesce(max(id), 0) FROM liveevent").fetchone()
        given = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'liveevent'")
        (seq,) = given.fetchone() or (0,)
        return max(row_id, seq)

    def _run(self, connection: sqlite3.Connection | None) -> None:
        """Pass new rows on, oldest first, until closed; reopen the database after an error."""
        while not self._stopped.is_set():
            try:
                connection = connection or self._connect()
                self.read_new(connection)
            except sqlite3.Error as exc:
                log.warning("live updates: cannot read the events (%s); trying again", exc)
                if connection is not None:
                    connection.close()
                connection = None
                self._stopped.wait(1)
            self._stopped.wait(self.poll_seconds)
        if connection is not None:
            connection.close()

    def read_new(self, connection: sqlite3.Connection) -> None:
        """Pass on the rows after the last one passed on (one look of the reader)."""
        while True:
            rows = connection.execute(
                "SELECT id, process_id, name FROM liveevent WHERE id > ? ORDER BY id LIMIT ?",
                (self._last, BATCH),
            ).fetchall()
            if not rows:
                return
            if rows[0][0] != self._last + 1:
                # Ids are given out in commit order without gaps, and only old rows are pruned:
                # the rows in between were pruned before this worker read them.
                self._refresh_everyone()
            for row_id, process_id, name in rows:
                self.local.publish(process_id, {name})
                self._last = row_id
            if len(rows) < BATCH:
                return

    def close(self) -> None:
        """Stop reading."""
        self._stopped.set()
        if self._reader is not None:
            self._reader.join(timeout=5)

    def _refresh_everyone(self) -> None:
        """Events were lost: every screen of this worker fetches everything again."""
        self.refreshes += 1
        log.warning("live updates: events were missed; every screen refreshes")
        for process_id in self.local.channels():
            self.local.publish(process_id, {"refresh"})
