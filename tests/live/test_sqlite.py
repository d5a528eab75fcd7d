"""The SQLite broker: events as rows of the committing transaction, read by every worker."""

import sqlite3
import time

import pytest

from toolkit.live import events
from toolkit.live.sqlite import PRUNE_EVERY, SqliteBroker
from toolkit.models import Process
from toolkit.room import steering

WAIT = 10  # seconds a worker's reader may take on a busy machine


@pytest.fixture
def database_url(tmp_path, templates):
    """SQLite only: this broker is the embedded server's."""
    url = templates.copy("sqlite", tmp_path / "test.db")
    yield url
    templates.drop(url)


@pytest.fixture
def app_config(app_config):
    return app_config | {"WORKERS": 2}  # as `toolkit serve` sets it on a 2-core laptop


@pytest.fixture
def other_worker(app):
    """A second worker's broker on the same database."""
    broker = SqliteBroker(app.config["DATABASE_URL"])
    yield broker
    broker.close()


def rows(app) -> list[tuple[int, int, str]]:
    database = sqlite3.connect(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    found = database.execute("SELECT id, process_id, name FROM liveevent ORDER BY id").fetchall()
    database.close()
    return found


def heard(broker, process_id: int, after: int, count: int) -> list[str]:
    """The kinds a stream at `after` gets once the worker has passed on `count` events."""
    deadline = time.monotonic() + WAIT
    while broker.local.position(process_id) < after + count:
        assert time.monotonic() < deadline, "the worker's reader passed nothing on"
        time.sleep(0.02)
    return broker.wait(process_id, after, 0)[1]


def test_the_app_on_several_workers_uses_the_database(app):
    assert isinstance(app.extensions["toolkit.broker"], SqliteBroker)


def test_every_worker_gets_the_events_in_the_same_order(app, db, room, other_worker):
    broker = app.extensions["toolkit.broker"]
    process = db.get(Process, room.process_id)
    start, other_start = broker.position(process.id), other_worker.position(process.id)
    steering.set_timer(db, process, "start")  # a commit on this worker
    other_worker.publish(process.id, {"answers"})  # one on the other
    events.mark(db, process.id, "exercise")
    db.commit()
    assert heard(broker, process.id, start, 3) == ["timer", "answers", "exercise"]
    assert heard(other_worker, process.id, other_start, 3) == ["timer", "answers", "exercise"]


def test_events_are_rows_of_the_commit_and_a_rollback_leaves_none(app, db, room):
    before = rows(app)
    events.mark(db, room.process_id, "answers")
    db.rollback()
    assert rows(app) == before
    events.mark(db, room.process_id, "answers", "participants")
    db.commit()
    assert [row[1:] for row in rows(app)[len(before) :]] == [
        (room.process_id, "answers"),
        (room.process_id, "participants"),
    ]


def test_the_sending_worker_hears_its_own_event_only_through_the_table(app, db, room):
    broker = app.extensions["toolkit.broker"]
    start = broker.position(room.process_id)
    broker.close()  # its reader stops: nothing reaches its streams any more
    events.mark(db, room.process_id, "answers")
    db.commit()
    assert rows(app)[-1][1:] == (room.process_id, "answers")
    assert broker.wait(room.process_id, start, 0.2) == (start, [])


def test_old_rows_are_pruned(app, db):
    broker = SqliteBroker(app.config["DATABASE_URL"], keep=10)
    db.info["broker"] = broker
    for process_id in range(1, PRUNE_EVERY + 101):
        events.mark(db, process_id, "answers")
    db.commit()
    kept = rows(app)
    assert len(kept) == 10
    assert kept[-1][0] == PRUNE_EVERY + 100


def test_a_worker_that_paused_catches_up_in_order_without_a_refresh(app, db, room):
    paused = SqliteBroker(app.config["DATABASE_URL"])
    start = paused.position(room.process_id)
    paused.close()  # its reader stops, as when the database could not be read for a moment
    for name in ("timer", "answers", "exercise"):
        events.mark(db, room.process_id, name)
        db.commit()
    database = sqlite3.connect(paused.path)
    paused.read_new(database)  # a new reader goes on from the last row passed on
    database.close()
    assert paused.wait(room.process_id, start, 0) == (start + 3, ["timer", "answers", "exercise"])
    assert paused.refreshes == 0


def test_a_worker_that_missed_pruned_events_tells_its_screens_to_refresh(app, db, room):
    behind = SqliteBroker(app.config["DATABASE_URL"])
    start = behind.position(room.process_id)
    behind.close()  # asleep, say, while the room answers
    db.info["broker"] = SqliteBroker(app.config["DATABASE_URL"], keep=10)
    for process_id in range(1000, 1000 + PRUNE_EVERY):
        events.mark(db, process_id, "answers")
    db.commit()
    database = sqlite3.connect(behind.path)
    behind.read_new(database)  # it wakes up and reads
    database.close()
    assert behind.wait(room.process_id, start, 0) == (start + 1, ["refresh"])
    assert behind.refreshes == 1


def test_a_restarted_worker_does_not_replay_old_events(app, db, room):
    events.mark(db, room.process_id, "exercise")
    db.commit()
    restarted = SqliteBroker(app.config["DATABASE_URL"])
    start = restarted.position(room.process_id)
    assert restarted.wait(room.process_id, start, 0.2) == (start, [])
    restarted.publish(room.process_id, {"answers"})
    assert heard(restarted, room.process_id, start, 1) == ["answers"]
    restarted.close()


def test_a_stream_on_one_worker_hears_a_commit_on_another(app, leader, room, other_worker):
    response = leader.get(f"/live/{room.process_id}")
    chunks = iter(response.response)
    next(chunks)  # retry
    assert next(chunks) == b"data: hello\n\n"
    other_worker.publish(room.process_id, {"participants"})
    assert next(chunks) == b"data: participants\n\n"
    response.close()
