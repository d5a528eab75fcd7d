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


def test_a_stream_that_fell_behind_gets_each_kind_once_oldest_first():
    broker = events.LocalBroker()
    broker.publish(3, {"timer"})
    for _ in range(300):
        broker.publish(3, {"answers"})
    assert broker.wait(3, 0, timeout=0.1) == (301, ["timer", "answers"])


def test_a_stream_waits_only_for_the_kinds_it_listens_to():
    broker = events.LocalBroker()
    got = []
    waiter = threading.Thread(
        target=lambda: got.append(broker.wait(1, 0, timeout=0.5, kinds={"exercise"}))
    )
    waiter.start()
    broker.publish(1, {"answers"})
    broker.publish(1, {"participants"})
    waiter.join(2)
    assert got == [(2, [])]  # woken by neither; its position moves past them
    assert broker.wait(1, 2, timeout=0.05, kinds={"exercise"}) == (2, [])
    broker.publish(1, {"refresh"})
    assert broker.wait(1, 2, timeout=0.05, kinds={"exercise"}) == (3, ["refresh"])


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


def test_a_page_subscribes_to_the_kinds_its_parts_listen_to(app, db, leader, room, join):
    participant = join(0)
    response = participant.get(f"/live/{room.process_id}?events=exercise,process")
    chunks = iter(response.response)
    next(chunks), next(chunks)  # retry, hello
    join(1)  # "participants": not asked for
    steering.set_timer(db, db.get(Process, room.process_id), "start")  # "timer": neither
    app.extensions["toolkit.broker"].publish(room.process_id, {"answers"})  # neither
    app.extensions["toolkit.broker"].publish(room.process_id, {"exercise"})
    assert next(chunks) == b"data: exercise\n\n"
    response.close()


def test_a_subscription_ignores_what_is_not_a_kind(app, leader, room):
    response = leader.get(f"/live/{room.process_id}?events=answers,<script>,,{'x' * 40}")
    assert response.status_code == 200
    response.close()
