"""Live updates, the publishing half: data functions mark what changed; the commit publishes it."""

import itertools
import random
import threading
from collections import deque
from collections.abc import Iterator

from sqlalchemy import event
from sqlmodel import Session

KEEP_ALIVE_SECONDS = 20


class _Channel:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.seq = 0
        self.log: deque[tuple[int, str]] = deque(maxlen=200)


class LocalBroker:
    """Fans events out to the streams of one server process."""

    def __init__(self) -> None:
        self._channels: dict[int, _Channel] = {}
        self._lock = threading.Lock()

    def _channel(self, process_id: int) -> _Channel:
        with self._lock:
            return self._channels.setdefault(process_id, _Channel())

    def publish(self, process_id: int, names: set[str]) -> None:
        """Tell every stream of this process that these kinds of data changed."""
        channel = self._channel(process_id)
        with channel.condition:
            for name in sorted(names):
                channel.seq += 1
                channel.log.append((channel.seq, name))
            channel.condition.notify_all()

    def channels(self) -> list[int]:
        """The processes this broker has seen."""
        with self._lock:
            return list(self._channels)

    def position(self, process_id: int) -> int:
        """The newest event number of this process."""
        return self._channel(process_id).seq

    def wait(self, process_id: int, after: int, timeout: float) -> tuple[int, list[str]]:
        """Wait for events newer than `after`; return the new position and their names."""
        channel = self._channel(process_id)
        with channel.condition:
            channel.condition.wait_for(lambda: channel.seq > after, timeout)
            if channel.seq == after:
                return after, []
            if not channel.log or channel.log[0][0] > after + 1:
                return channel.seq, ["refresh"]  # missed some: the page reloads every part
            # The log holds consecutive numbers: the new events are its last seq - after.
            new = itertools.islice(channel.log, len(channel.log) - (channel.seq - after), None)
            names = [name for _, name in new]
            return channel.seq, list(dict.fromkeys(names))


def mark(session: Session, process_id: int, *names: str) -> None:
    """Note that this session changed data of a process; published when it commits."""
    session.info.setdefault("live_events", {}).setdefault(process_id, set()).update(names)


@event.listens_for(Session, "before_commit")
def _publish_within_commit(session: Session) -> None:
    # A broker that sends through the database (PostgresBroker) queues its events in the
    # committing transaction, so they go out exactly when, and only if, the data does.
    broker = session.info.get("broker")
    if getattr(broker, "publishes_in_transaction", False) and session.info.get("live_events"):
        session.flush()
        broker.publish_in_transaction(session.connection(), session.info.pop("live_events"))


@event.listens_for(Session, "after_commit")
def _publish_after_commit(session: Session) -> None:
    pending = session.info.pop("live_events", None)
    broker = session.info.get("broker")
    if pending and broker is not None:
        for process_id, names in pending.items():
            broker.publish(process_id, names)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop("live_events", None)


def stream(broker: LocalBroker, process_id: int) -> Iterator[str]:
    """Server-sent events for one process: event names, and a keep-alive comment."""
    # Each client gets its own reconnect delay, so a restart is not met by every client at once.
    yield f"retry: {random.randint(1000, 5000)}\n\n"
    position = broker.position(process_id)
    yield "data: hello\n\n"
    while True:
        position, names = broker.wait(process_id, position, KEEP_ALIVE_SECONDS)
        if not names:
            yield ": keep-alive\n\n"
        for name in names:
            yield f"data: {name}\n\n"
