"""Hosted mode: several app processes on PostgreSQL share live updates and survive faults."""

import os
import signal
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect

from tests.helpers.postgres import Schema
from tests.helpers.roomclient import Browser, EventStream
from tests.helpers.servers import Gunicorn, demo_process, server_on
from tests.helpers.tools import pg_base_url
from toolkit import create_app
from toolkit.accounts import users
from toolkit.app import make_broker
from toolkit.cli.commands import cli
from toolkit.config import from_environment
from toolkit.db import open_session
from toolkit.live.events import LocalBroker, mark
from toolkit.live.postgres import PostgresBroker, libpq_conninfo
from toolkit.processes import data as processes
from toolkit.room import steering

WAIT = 15  # seconds an event may take on a busy machine
PASSWORD = "hemligt-lösen-1"


@pytest.fixture
def schema():
    """A fresh schema in the test PostgreSQL."""
    schema = Schema(pg_base_url())
    yield schema
    schema.drop()


def test_the_broker_follows_the_database():
    assert isinstance(make_broker({"DATABASE_URL": "sqlite:///x.db"}), LocalBroker)
    broker = make_broker({"DATABASE_URL": "postgresql+psycopg://u@h/db?options=-csearch_path%3Ds"})
    assert isinstance(broker, PostgresBroker)
    assert libpq_conninfo("postgresql+psycopg://u@h:5432/db?application_name=a") == (
        "postgresql://u@h:5432/db?application_name=a"
    )
    local = make_broker({"DATABASE_URL": "postgresql://u@h/db", "LIVE_BROKER": "local"})
    assert isinstance(local, LocalBroker)


def test_an_answer_posted_through_one_server_reaches_a_projector_on_another(schema, tmp_path):
    first, second = server_on(schema, tmp_path / "a"), server_on(schema, tmp_path / "b")
    first.start()
    second.start()
    try:
        assert first.cli("create-user", "--username", "lea", "--password", PASSWORD).returncode == 0
        process_id, code = demo_process(first)
        projector = Browser(second.port)
        projector.log_in("lea", PASSWORD)
        stream = EventStream(second.port, f"/live/{process_id}", projector.cookies)
        assert stream.next_event() == "hello"
        browser = Browser(first.port)
        participant = browser.join(code, name="Anna")
        assert participant.answer("Svar via server A") is not None
        assert stream.wait_for("answers", WAIT)
        _, _, stage = projector.get(f"/processer/{process_id}/projektor/_scen", htmx=True)
        assert "Svar via server A" in stage
        stream.close()
        browser.close()
        projector.close()
    finally:
        first.stop()
        second.stop()
    assert schema.scalar("SELECT count(*) FROM answer WHERE text = 'Svar via server A'") == 1


def test_the_listener_reconnects_and_tells_screens_to_refresh(schema, tmp_path):
    app = create_app(
        {"DATABASE_URL": schema.url, "SECRET_KEY": "s", "DATA_DIR": tmp_path, "PUBLIC_URL": ""}
    )
    broker = app.extensions["toolkit.broker"]
    position = broker.position(7)
    assert schema.terminate_connections() >= 1
    position, names = broker.wait(7, position, WAIT)
    assert names == ["refresh"]
    assert broker.reconnects == 1
    broker.publish(7, {"answers"})
    assert broker.wait(7, position, WAIT)[1] == ["answers"]
    broker.close()
    app.extensions["toolkit.engine"].dispose()


def answer_until_saved(participant, text: str, tries: int = 20) -> int:
    """Send an answer as a person would: again, if the server went away before answering."""
    for _ in range(tries):
        try:
            answer_id = participant.answer(text)
        except (OSError, ConnectionError):
            answer_id = None
        if answer_id is not None:
            return answer_id
        time.sleep(0.5)
    raise AssertionError(f"{text!r} was never saved")


def open_stream(port: int, process_id: int, cookies: dict, seconds: float = WAIT) -> EventStream:
    """Connect the live stream, retrying like the page's EventSource."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            stream = EventStream(port, f"/live/{process_id}", cookies)
            if stream.next_event() == "hello":
                return stream
            stream.close()
        except (OSError, ConnectionError, RuntimeError):
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


@pytest.mark.skipif(os.name != "posix", reason="gunicorn runs on POSIX only")
def test_no_answer_is_lost_when_the_database_drops_or_a_worker_dies(schema, tmp_path):
    migrate = server_on(schema, tmp_path / "cli")
    assert migrate.cli("migrate").returncode == 0
    process_id, code = demo_process(migrate)
    server = Gunicorn(schema, tmp_path / "gunicorn", workers=2)
    server.start()
    try:
        browser = Browser(server.port)
        deadline = time.monotonic() + 30
        while True:
            try:
                participant = browser.join(code)
                break
            except OSError:
                assert time.monotonic() < deadline, server.log.read_text()
                time.sleep(0.2)
        saved = [answer_until_saved(participant, f"före {i}") for i in range(3)]
        stream = open_stream(server.port, process_id, browser.cookies)

        assert schema.terminate_connections() >= 1  # the database "restarts"
        assert stream.wait_for("refresh", WAIT), "the stream was not told to refresh"
        saved += [answer_until_saved(participant, f"efter databasen {i}") for i in range(3)]
        assert stream.wait_for("answers", WAIT)

        for worker in server.workers():
            os.kill(worker, signal.SIGKILL)  # every worker dies mid-workshop
        saved += [answer_until_saved(participant, f"efter arbetarna {i}") for i in range(3)]
        stream.close()
        stream = open_stream(server.port, process_id, browser.cookies)
        saved.append(answer_until_saved(participant, "sista svaret"))
        assert stream.wait_for("answers", WAIT), "the reconnected stream heard nothing"
        stream.close()
        browser.close()
    finally:
        server.stop()
    stored = schema.scalar(
        "SELECT count(DISTINCT id) FROM answer WHERE process_id = :p AND id = ANY(:ids)",
        p=process_id,
        ids=saved,
    )
    assert stored == len(saved) == 10


def test_workers_can_leave_migrating_to_toolkit_migrate(tmp_path):
    url = f"sqlite:///{tmp_path / 'tom.db'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "s", "AUTO_MIGRATE": False})
    assert inspect(app.extensions["toolkit.engine"]).get_table_names() == []
    app.extensions["toolkit.engine"].dispose()
    result = CliRunner().invoke(
        cli, ["migrate"], env={"DATABASE_URL": url, "TOOLKIT_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    engine = create_engine(url)
    assert "answer" in inspect(engine).get_table_names()
    engine.dispose()


def test_a_generated_secret_key_is_kept_for_every_worker(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    keys = {from_environment()["SECRET_KEY"] for _ in range(3)}
    assert len(keys) == 1 and (tmp_path / "secret_key").read_text() in keys
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_a_commit_on_postgresql_sends_its_events_only_when_it_commits(schema, tmp_path):
    app = create_app(
        {"DATABASE_URL": schema.url, "SECRET_KEY": "s", "DATA_DIR": tmp_path, "PUBLIC_URL": ""}
    )
    broker = app.extensions["toolkit.broker"]

    def events_after(position: int, expected: set[str]) -> list[str]:
        seen: list[str] = []
        deadline = time.monotonic() + WAIT
        while set(seen) != expected and time.monotonic() < deadline:
            position, names = broker.wait(process.id, position, 1)
            seen += names
        return sorted(seen)

    with open_session(app) as session:
        owner = users.create_user(session, "leda", "hemligt-lösen-1")
        process = processes.create_process(session, owner, "Ragunda Trampolinen")
        position = broker.position(process.id)
        steering.set_timer(session, process, "start")
        assert events_after(position, {"timer"}) == ["timer"]
        position = broker.position(process.id)
        process.timer_duration = 60
        session.flush()
        mark(session, process.id, "timer")
        session.rollback()  # never committed: never sent
        processes.update_process(
            session, process, name="Ragunda", municipality="", show_names=True, hold_answers=False
        )
    assert events_after(position, {"answers", "process"}) == ["answers", "process"]
    broker.close()
    app.extensions["toolkit.engine"].dispose()
