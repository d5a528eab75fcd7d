"""SQLite's write lock: a writer waits its turn in short naps, and the settings WAL needs."""

import sqlite3
import threading

import pytest
from sqlmodel import Session, select

from toolkit import db
from toolkit.models import User


@pytest.fixture
def engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'locks.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with Session(engine) as session:
        session.add(User(username="leda", password_hash="x"))
        session.commit()
    yield engine
    engine.dispose()


def test_a_writer_waits_for_another_writers_lock_and_then_writes(engine):
    first = Session(engine)
    first.add(User(username="forst", password_hash="x"))
    first.flush()  # holds the write lock until it commits
    written = threading.Event()

    def write() -> None:
        with Session(engine) as session:
            session.add(User(username="sedan", password_hash="x"))
            session.commit()
        written.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not written.wait(0.3)  # still waiting for the lock
    first.commit()
    first.close()
    writer.join(timeout=10)
    assert written.is_set()
    with Session(engine) as session:
        names = [u.username for u in session.exec(select(User).order_by(User.id))]
    assert names == ["leda", "forst", "sedan"]


def test_a_writer_that_never_gets_the_lock_fails_and_the_connection_keeps_waiting_for_reads(
    engine, monkeypatch
):
    monkeypatch.setattr(db, "WRITE_LOCK_WAIT_SECONDS", 0.05)
    other = sqlite3.connect(engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another worker, holding the write lock
    with Session(engine) as session:
        owner = session.exec(select(User)).one()
        session.add(User(username="vantar", password_hash="x"))
        with pytest.raises(Exception, match="database is locked"):
            session.flush()
        session.rollback()
        raw = session.connection().connection.dbapi_connection
        assert raw.execute("PRAGMA busy_timeout").fetchone() == (10000,)
        assert owner.username == "leda"
    other.execute("ROLLBACK")


def test_sqlite_runs_in_wal_with_normal_synchronous(engine):
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
