"""Live updates: a commit publishes, the stream carries it, only to those who may see it."""

import threading

from toolkit.live import events
from toolkit.models import Process
from toolkit.room import steering


def test_broker_delivers_names_after_a_position():
    broker = events.LocalBroker()
    start = broker.position(7)
    broker.publish(7, {"answers"})
    broker.publish(8, {"timer"})
    position, names = broker.wait(7, start, timeout=0.1)
    assert names == ["answers"]
    assert broker.wait(7, position, timeout=0.05) == (position, [])


def test_broker_wakes_a_waiting_stream():
    broker = events.LocalBroker()
    got = []
    waiter = threading.Thread(target=lambda: got.append(broker.wait(1, 0, timeout=5)))
    waiter.start()
    broker.publish(1, {"exercise"})
    waiter.join(2)
    assert got and got[0][1] == ["exercise"]


def test_a_stream_that_fell_behind_refreshes_everything():
    broker = events.LocalBroker()
    for _ in range(300):
        broker.publish(3, {"answers"})
    assert broker.wait(3, 0, timeout=0.1)[1] == ["refresh"]


def test_commit_publishes_and_rollback_does_not(app, db, room):
    broker = app.extensions["toolkit.broker"]
    process = db.get(Process, room.process_id)
    before = broker.position(process.id)
    events.mark(db, process.id, "answers")
    db.rollback()
    assert broker.position(process.id) == before
    steering.set_timer(db, process, "start")
    assert broker.wait(process.id, before, timeout=0.1)[1] == ["timer"]


def test_stream_sends_retry_then_events(app, leader, room, join):
    response = leader.get(f"/live/{room.process_id}")
    assert response.mimetype == "text/event-stream"
    assert response.headers["X-Accel-Buffering"] == "no"
    chunks = iter(response.response)
    retry = next(chunks)
    assert retry.startswith(b"retry: ")
    assert 1000 <= int(retry.split()[1]) <= 5000
    assert next(chunks) == b"data: hello\n\n"
    join(0)
    assert next(chunks) == b"data: participants\n\n"
    response.close()


def test_stream_is_only_for_the_leader_and_participants(app, client, room, join):
    assert client.get(f"/live/{room.process_id}").status_code == 404
    participant = join(0)
    response = participant.get(f"/live/{room.process_id}")
    assert response.status_code == 200
    response.close()
