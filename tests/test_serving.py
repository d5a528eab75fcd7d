"""`toolkit serve` runs a worker per core on one port; events cross between them through SQLite."""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.helpers.roomclient import Browser, EventStream
from tests.helpers.servers import ToolkitServer, demo_process
from tests.helpers.web import PASSWORD
from toolkit.app import make_broker
from toolkit.cli import serving
from toolkit.live.events import LocalBroker
from toolkit.live.sqlite import SqliteBroker

WAIT = 15  # seconds an event may take on a busy machine
STREAMS_TO_TRY = 60

pytestmark = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd") or not serving.can_fork(),
    reason="needs fork and Linux's /proc to see which worker holds a connection",
)


@pytest.fixture
def server(tmp_path):
    server = ToolkitServer(tmp_path, workers=2)
    server.start()
    until(lambda: len(server.workers()) == 2)  # the parent forks the second a moment later
    yield server
    server.stop()


def until(condition, seconds: float = WAIT):
    """Wait for `condition()` to hold (a guard against hanging, not a measure of speed)."""
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)
    return found


def streams_on_every_worker(server, process_id: int, cookies: dict) -> dict[int, EventStream]:
    """Open live streams until each worker holds one; the rest are closed again."""
    held: dict[int, EventStream] = {}
    extra = []
    for _ in range(STREAMS_TO_TRY):
        stream = EventStream(server.port, f"/live/{process_id}", cookies)
        assert stream.next_event() == "hello"
        worker = server.process_serving(stream.sock.getsockname()[1])
        if worker in held:
            extra.append(stream)
        else:
            held[worker] = stream
        if len(held) == 2:
            break
    for stream in extra:
        stream.close()
    return held


def test_the_server_runs_two_workers_and_an_answer_reaches_a_stream_on_the_other(server):
    assert server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    process_id, code = demo_process(server)
    assert "Arbetsprocesser: 2" in server.log.read_text()
    workers = server.workers()
    assert len(workers) == 2

    projector = Browser(server.port)
    projector.log_in("lea", PASSWORD)
    held = streams_on_every_worker(server, process_id, projector.cookies)
    assert sorted(held) == sorted(workers), "the streams did not land on both workers"

    participant_browser = Browser(server.port)
    participant = participant_browser.join(code, name="Anna")
    assert participant.answer("Svar från en arbetsprocess") is not None
    sender = server.process_serving(participant_browser._connection.sock.getsockname()[1])
    assert sender in workers
    for worker, stream in held.items():
        assert stream.wait_for("answers", WAIT), f"the stream on {worker} heard nothing"
    _, _, stage = projector.get(f"/processer/{process_id}/projektor/_scen", htmx=True)
    assert "Svar från en arbetsprocess" in stage
    for stream in held.values():
        stream.close()
    participant_browser.close()
    projector.close()


def test_a_worker_that_dies_is_started_again(server):
    first, second = server.workers()
    os.kill(first, signal.SIGKILL)
    workers = until(lambda: len(found := server.workers()) == 2 and first not in found and found)
    assert second in workers
    assert server.healthy()
    assert "avslutades; startar en ny" in server.log.read_text()


def running(pid: int) -> bool:
    """Whether the process exists and has not ended (a zombie waiting to be reaped has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_a_signal_stops_every_worker_even_with_streams_open(server, number):
    assert server.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
    process_id, _ = demo_process(server)
    leader = Browser(server.port)
    leader.log_in("lea", PASSWORD)
    held = streams_on_every_worker(server, process_id, leader.cookies)
    leader.close()
    workers = server.workers()
    server.process.send_signal(number)
    assert server.process.wait(timeout=serving.STOP_SECONDS + 10) == 0
    assert not [pid for pid in workers if running(pid)]
    for stream in held.values():
        with pytest.raises((ConnectionError, OSError)):
            stream.next_event()
        stream.close()


def test_the_workers_stop_when_the_parent_is_killed_outright(server):
    workers = server.workers()
    server.process.kill()
    server.process.wait()
    until(lambda: not [pid for pid in workers if running(pid)])
    assert not server.healthy()


def test_one_worker_per_core_at_most_four_and_one_without_fork(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert serving.worker_count() == 2
    assert serving.worker_count(3) == 3
    monkeypatch.setattr(os, "cpu_count", lambda: 32)
    assert serving.worker_count() == serving.MOST_WORKERS_BY_DEFAULT
    monkeypatch.setattr(serving, "can_fork", lambda: False)
    assert serving.worker_count(3) == 1


def test_several_workers_on_sqlite_share_events_through_the_database():
    assert isinstance(make_broker({"DATABASE_URL": "sqlite:///x.db", "WORKERS": 2}), SqliteBroker)
    assert isinstance(make_broker({"DATABASE_URL": "sqlite:///x.db", "WORKERS": 1}), LocalBroker)
    with pytest.raises(ValueError):
        make_broker({"DATABASE_URL": "postgresql://u@h/db", "LIVE_BROKER": "sqlite"})
