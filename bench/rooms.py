"""What bench/load.py measures and the two things it drives: the app's rooms and the relay's."""

import re
import statistics
import time
from collections import Counter

import gevent
from gevent.event import Event

from tests.helpers.roomclient import Browser, EventStream

TOKEN = re.compile(r"tok\d+x\d+")
CODE = re.compile(r'class="code">([A-Z0-9]+)<')
PASSWORD = "bench-lösenord-1"


class Run:
    """What one run measured."""

    def __init__(self) -> None:
        self.submitted: dict[str, float] = {}
        self.acknowledged: set[str] = set()
        self.arrived: dict[str, float] = {}
        self.errors: Counter[str] = Counter()
        self.requests = 0
        self.lost: int | None = None
        self.rss_mb = 0.0
        self.seconds = 1.0
        self.server_cpu = 0.0
        self.timings: dict[str, list[float]] = {"answer": [], "stage": []}

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def latencies_ms(self) -> list[float]:
        return [
            (self.arrived[t] - self.submitted[t]) * 1000
            for t in self.acknowledged
            if t in self.arrived
        ]

    def figures(self, participants: int) -> dict:
        latencies = sorted(self.latencies_ms()) or [float("nan")]
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        return {
            "participants": participants,
            "answers": len(self.submitted),
            "lost": "-" if self.lost is None else self.lost,
            "errors": sum(self.errors.values()),
            "p50_ms": f"{cuts[49]:.0f}",
            "p95_ms": f"{cuts[94]:.0f}",
            "p99_ms": f"{cuts[98]:.0f}",
            "rps": f"{self.requests / self.seconds:.0f}",
            "rss_mb": f"{self.rss_mb:.0f}",
        }


class AppRoom:
    """The app: leader creates the workshops, participants join with the code."""

    def __init__(self, port: int, run: Run, workshops: int) -> None:
        self.port, self.run = port, run
        leader = self._leader()
        self.rooms = []
        for number in range(workshops):
            _, headers, _ = leader.post(
                "/processer/", {"name": f"Lasttest {number + 1}", "organisations": ""}
            )
            process_id = int(headers["Location"].rstrip("/").split("/")[-1])
            leader.post(f"/processer/{process_id}/workshop/workshop-1/starta", {})
            _, _, body = leader.get(f"/processer/{process_id}")
            self.rooms.append((process_id, CODE.search(body).group(1)))
        leader.close()

    def _leader(self) -> Browser:
        browser = Browser(self.port)
        browser.log_in("bench", PASSWORD)
        return browser

    def join(self, number: int):
        process_id, code = self.rooms[number % len(self.rooms)]
        browser = Browser(self.port)
        participant = browser.join(code, organisation=number)
        stream = EventStream(self.port, f"/live/{process_id}", browser.cookies, timeout=300)

        def send(text: str, answer_id: int | None = None):
            if answer_id is None:
                return participant.answer(text)
            return answer_id if participant.edit(answer_id, text) else None

        return send, stream, browser

    def projector(self, index: int, stop: Event) -> None:
        process_id, _ = self.rooms[index]
        browser = self._leader()
        stream = EventStream(self.port, f"/live/{process_id}", browser.cookies, timeout=300)
        changed = Event()

        def listen():
            while not stop.is_set():
                if stream.next_event() in ("answers", "refresh"):
                    changed.set()

        listener = gevent.spawn(listen)
        stage = f"/processer/{process_id}/projektor/_scen"
        while not stop.is_set():
            if not changed.wait(timeout=1):
                continue
            changed.clear()  # events during the fetch make one more fetch, as htmx queues
            try:
                began = time.monotonic()
                status, _, body = browser.get(stage, htmx=True)
                self.run.timings["stage"].append(time.monotonic() - began)
            except OSError:
                self.run.error("projector fetch")
                continue
            self.run.requests += 1
            now = time.monotonic()
            for token in TOKEN.findall(body):
                self.run.arrived.setdefault(token, now)
        listener.kill()
        stream.close()
        browser.close()


class RelayRoom:
    """The bare relay: the same moves without database or templates."""

    def __init__(self, port: int, run: Run, workshops: int) -> None:
        self.port, self.run = port, run
        self.rooms = [str(number) for number in range(workshops)]

    def join(self, number: int):
        room = self.rooms[number % len(self.rooms)]
        browser = Browser(self.port)
        stream = EventStream(self.port, f"/{room}/live", {}, timeout=300)

        def send(text: str, answer_id: int | None = None):
            status, _, _ = browser.post(f"/{room}/svar", {"text": text})
            return 1 if status == 200 else None

        return send, stream, browser

    def projector(self, index: int, stop: Event) -> None:
        stream = EventStream(self.port, f"/{self.rooms[index]}/live", {}, timeout=300)
        while not stop.is_set():
            for token in TOKEN.findall(stream.next_event()):
                self.run.arrived.setdefault(token, time.monotonic())
        stream.close()
