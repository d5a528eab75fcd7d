"""Live updates, the publishing half: data functions mark what changed; the commit publishes it."""

import random
import threading
from collections.abc import Iterable, Iterator

from sqlalchemy import event
from sqlmodel import Session

KEEP_ALIVE_SECONDS = 20


class _Channel:
    """A process's events: the newest number of each kind, and who waits for which kinds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seq = 0
        self.latest: dict[str, int] = {}  # the number of each kind's newest event
        # One condition per set of kinds streams wait for (None: every kind), all on one lock,
        # so an event wakes only the streams that listen to its kind.
        self.conditions: dict[frozenset[str] | None, threading.Condition] = {}

    def condition(self, kinds: frozenset[str] | None) -> threading.Condition:
        if kinds not in self.conditions:
            self.conditions[kinds] = threading.Condition(self.lock)
        return self.conditions[kinds]

    def since(self, after: int, kinds: frozenset[str] | None) -> list[str]:
        """The kinds (of those wanted) with an event newer than `after`, oldest first."""
        new = [n for n, s in self.latest.items() if s > after and (kinds is None or n in kinds)]
        return sorted(new, key=self.latest.__getitem__)


class LocalBroker:
    """Fans events out to the streams of one server process."""

    def __init__(self) -> None:
        self._channels: dict[int, _Channel] = {}
        self._lock = threading.Lock()

    def _channel(self, process_id: int) -> _Channel:
        with self._lock:
            return self._channels.setdefault(process_id, _Channel())

    def publish(self, process_id: int, names: set[str]) -> None:
        """Tell the streams of this process that listen to these kinds that they changed."""
        channel = self._channel(process_id)
        with channel.lock:
            for name in sorted(names):
                channel.seq += 1
                channel.latest[name] = channel.seq
            for kinds, condition in channel.conditions.items():
                if kinds is None or not kinds.isdisjoint(names) or "refresh" in names:
                    condition.notify_all()

    def channels(self) -> list[int]:
        """The processes this broker has seen."""
        with self._lock:
            return list(self._channels)

    def position(self, process_id: int) -> int:
        """The newest event number of this process."""
        return self._channel(process_id).seq

    def wait(
        self, process_id: int, after: int, timeout: float, kinds: Iterable[str] | None = None
    ) -> tuple[int, list[str]]:
        """Wait for events newer than `after` (of `kinds`, or any); return the new position and
        the kinds that changed. A stream that fell behind gets each kind that changed once."""
        channel = self._channel(process_id)
        wanted = None if kinds is None else frozenset(kinds) | {"refresh"}
        with channel.lock:
            channel.condition(wanted).wait_for(lambda: channel.since(after, wanted), timeout)
            return channel.seq, channel.since(after, wanted)


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


def stream(
    broker: LocalBroker, process_id: int, kinds: Iterable[str] | None = None
) -> Iterator[str]:
    """Server-sent events for one process: event names (of `kinds`, or all, and always
    "refresh"), and a keep-alive comment."""
    # Each client gets its own reconnect delay, so a restart is not met by every client at once.
    yield f"retry: {random.randint(1000, 5000)}\n\n"
    position = broker.position(process_id)
    yield "data: hello\n\n"
    while True:
        position, names = broker.wait(process_id, position, KEEP_ALIVE_SECONDS, kinds)
        if not names:
            yield ": keep-alive\n\n"
        for name in names:
            yield f"data: {name}\n\n"
