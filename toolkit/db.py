"""The database engine, migrations, and sessions whose commits reach the live streams."""

import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlmodel import Session

from toolkit.texts import text_guard

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# How long a writer waits for SQLite's write lock before its request fails.
WRITE_LOCK_WAIT_SECONDS = 10.0
LONGEST_LOCK_NAP_SECONDS = 0.02


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout and write-first transactions."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # The driver must not open transactions itself: reads run without holding a lock,
        # and the first write of a session opens one (see _write_lock_first).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # busy_timeout first: switching to WAL itself may have to wait for a lock.
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL cannot corrupt the database and a commit survives the app
        # crashing; only a power cut may lose the last commits. The write lock is held for a
        # fraction of the time, which the room's many small writes feel.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return engine


@event.listens_for(Session, "before_flush")
def _guard_texts(session: Session, _flush_context, _instances) -> None:
    """Every text a row brings is cleaned or refused here, whichever form or file it came from."""
    text_guard.guard_session(session)


@event.listens_for(Session, "after_rollback")
def _forget_warnings(session: Session) -> None:
    """A warning about a text that was not stored after all is not shown."""
    text_guard.take_warnings(session)


@event.listens_for(Session, "before_flush")
def _write_lock_first(session: Session, _flush_context, _instances) -> None:
    """On SQLite, start each write transaction with BEGIN IMMEDIATE."""
    begin_write(session)


def begin_write(session: Session) -> None:
    """Open the write transaction now (SQLite: BEGIN IMMEDIATE), e.g. before Core statements."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    # IMMEDIATE takes the write lock before anything is written, so concurrent writers
    # wait their turn instead of failing with "database is locked".
    raw = connection.connection.dbapi_connection
    if not raw.in_transaction:
        _begin_immediate(raw)


def _begin_immediate(raw: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for the lock in short naps: SQLite's own busy wait sleeps inside
    C, which under gevent halts every request of the worker while another worker writes."""
    deadline = time.monotonic() + WRITE_LOCK_WAIT_SECONDS
    nap = 0.001
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(nap)  # gevent's sleep when patched: the worker serves others meanwhile
            nap = min(nap * 2, LONGEST_LOCK_NAP_SECONDS)
    finally:
        raw.execute("PRAGMA busy_timeout = 10000")


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration pointing at the package's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser syntax
    config.attributes["engine"] = engine
    return config


MIGRATION_LOCK = 7305_2023  # any fixed number: PostgreSQL advisory lock for migrations


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (on PostgreSQL, one worker at a time)."""
    if engine.dialect.name != "postgresql":
        command.upgrade(alembic_config(engine), "head")
        return
    # Several workers starting together would otherwise race to create the same tables.
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        try:
            command.upgrade(alembic_config(engine), "head")
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            lock.commit()


def open_session(app) -> Session:
    """A session on the app's engine whose commits reach the live streams."""
    session = Session(app.extensions["toolkit.engine"], expire_on_commit=False)
    session.info["broker"] = app.extensions["toolkit.broker"]
    return session
