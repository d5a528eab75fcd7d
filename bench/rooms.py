"""What bench/load.py measures and the two things it drives: the app's rooms and the relay's."""

import html
import re
import statistics
import time
from collections import Counter

import gevent
from bs4 import BeautifulSoup
from gevent.event import Event

from tests.helpers.roomclient import HIDDEN, ORGANISATION, Browser, EventStream, Participant

TOKEN = re.compile(r"tok\d+x\d+")
CODE = re.compile(r'class="code">([A-Z0-9]+)<')
CURSOR = re.compile(r'name="efter" value="([^"]*)"')
LIVE_URL = re.compile(r'data-live-url="([^"]+)"')
THROTTLE = re.compile(r"live:([\w-]+) from:body throttle:(\d+)(ms|s)")
LOOK_AGAIN = re.compile(r'hx-get="(?P<path>[^"]+)" hx-trigger="load delay:(?P<delay>\d+)s')
PASSWORD = "bench-lösenord-1"
SCREENS = ("projector", "control")


def subscription(page: str) -> str:
    """The stream a page opens (static/live.js): its live URL with the kinds its parts listen to."""
    base = LIVE_URL.search(page).group(1).replace("&amp;", "&")
    triggers = re.findall(r'hx-trigger="([^"]*)"', page)
    kinds = sorted({kind for trigger in triggers for kind in re.findall(r"live:([\w-]+)", trigger)})
    return base + ("&" if "?" in base else "?") + "events=" + ",".join(kinds)


class Run:
    """What one run measured."""

    def __init__(self) -> None:
        self.submitted: dict[str, float] = {}
        self.acknowledged: set[str] = set()
        # When each answer's text first reached each screen.
        self.arrived: dict[str, dict[str, float]] = {screen: {} for screen in SCREENS}
        self.errors: Counter[str] = Counter()
        self.requests = 0
        self.lost: int | None = None
        self.rss_mb = 0.0
        self.seconds = 1.0
        self.server_cpu = 0.0
        self.join_cpu = 0.0
        self.join_seconds = 0.0
        self.fetched_kb = {screen: 0.0 for screen in SCREENS}
        self.timings: dict[str, list[float]] = {"join": [], "answer": [], "status": []} | {
            screen: [] for screen in SCREENS
        }

    def error(self, kind: str) -> None:
        self.errors[kind] += 1

    def latencies_ms(self, screen: str) -> list[float]:
        arrived = self.arrived[screen]
        return [(arrived[t] - self.submitted[t]) * 1000 for t in self.acknowledged if t in arrived]

    def unseen(self, screen: str) -> int:
        return len(self.acknowledged - self.arrived[screen].keys())

    def figures(self, participants: int) -> dict:
        answers = max(len(self.acknowledged), 1)
        figures = {
            "participants": participants,
            "answers": len(self.submitted),
            "lost": "-" if self.lost is None else self.lost,
            "errors": sum(self.errors.values()),
        }
        for screen in SCREENS:
            latencies = sorted(self.latencies_ms(screen)) or [float("nan")]
            cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
            figures[f"{screen}_p50_ms"] = f"{cuts[49]:.0f}"
            figures[f"{screen}_p95_ms"] = f"{cuts[94]:.0f}"
            figures[f"{screen}_p99_ms"] = f"{cuts[98]:.0f}"
            figures[f"{screen}_unseen"] = self.unseen(screen)
            figures[f"{screen}_kb"] = f"{self.fetched_kb[screen]:.0f}"
        figures |= {
            "join_s": f"{self.join_seconds:.1f}",
            "cpu_ms_per_join": f"{self.join_cpu * 1000 / max(participants, 1):.1f}",
            "cpu_ms_per_answer": f"{self.server_cpu * 1000 / answers:.1f}",
            "rps": f"{self.requests / self.seconds:.0f}",
            "rss_mb": f"{self.rss_mb:.0f}",
        }
        return figures


def watch(run: Run, screen: str, browser: Browser, stream: EventStream, fetches, stop: Event):
    """A screen's live parts as htmx runs them, on the page's one stream: on one of its events,
    a part fetches its changes after its cursor (or, on a page without one, the part whole; and
    whole again when the answer says so). The answers' texts that arrive are noted; a part
    that shows none (the status) is fetched and timed only. A part throttled on an event
    (`throttle:1s`) drops all its events for that long after one fetched it, as htmx does; and
    a part whose answer holds a look after a delay (`hx-trigger="load delay:1s"`) makes it."""
    changes = [Event() for _ in fetches]
    throttled_until = [0.0 for _ in fetches]

    def listen():
        while not stop.is_set():
            name = stream.next_event()
            now = time.monotonic()
            for index, (fetch, changed) in enumerate(zip(fetches, changes, strict=True)):
                if name not in fetch.events or now < throttled_until[index]:
                    continue
                if name in fetch.throttle:
                    throttled_until[index] = now + fetch.throttle[name]
                changed.set()

    def part(fetch, changed: Event, browser: Browser) -> None:
        cursor = fetch.initial
        name = screen if fetch.shows_answers else "status"
        look = None  # (when, path): the look after a delay that the last answer asked for

        def get(path: str) -> dict:
            nonlocal cursor, look
            began = time.monotonic()
            _, headers, body = browser.get(path, htmx=True)
            run.timings[name].append(time.monotonic() - began)
            run.requests += 1
            # The answer replaces the part's content, and with it any look the last one asked for.
            look = None
            if found := LOOK_AGAIN.search(body):
                look = (time.monotonic() + float(found["delay"]), html.unescape(found["path"]))
            if not fetch.shows_answers:
                return headers
            run.fetched_kb[screen] += len(body.encode()) / 1024
            if found := CURSOR.findall(body):
                cursor = found[-1]
            now = time.monotonic()
            for token in TOKEN.findall(body):
                run.arrived[screen].setdefault(token, now)
            return headers

        while not stop.is_set():
            wait = 1 if look is None else min(1, max(0, look[0] - time.monotonic()))
            if not changed.wait(timeout=wait):
                if look is not None and time.monotonic() >= look[0]:
                    try:
                        get(look[1])
                    except OSError:
                        run.error(f"{name} fetch")
                continue
            changed.clear()  # events during the fetch make one more fetch, as htmx queues
            path = fetch.path
            if cursor is not None:
                path += ("&" if "?" in path else "?") + f"efter={cursor}"
            try:
                if "stale" in get(path).get("HX-Trigger", ""):
                    get(fetch.whole)
            except OSError:
                run.error(f"{name} fetch")
        browser.close()

    workers = [gevent.spawn(listen)]
    for index, (fetch, changed) in enumerate(zip(fetches, changes, strict=True)):
        own = browser if index == 0 else Browser(browser.port)  # a connection of its own
        own.cookies = browser.cookies
        workers.append(gevent.spawn(part, fetch, changed, own))
    try:
        gevent.joinall(workers)
    finally:
        gevent.killall(workers)
        stream.close()


class Fetch:
    """What a live part fetches (its hx-get) and on which events (its hx-trigger); and, for
    a part that fetches changes, the part to fetch whole when told to."""

    def __init__(
        self, path: str, events, whole: str = "", shows_answers: bool = True, throttle=None
    ) -> None:
        self.path, self.events, self.whole = path, set(events), whole or path
        self.shows_answers = shows_answers
        self.throttle: dict[str, float] = throttle or {}  # seconds, by event
        self.initial: str | None = None  # the cursor on the page the screen opened with

    @classmethod
    def of(cls, page: str, region: str) -> "Fetch":
        soup = BeautifulSoup(page, "html.parser")
        whole = soup.select_one(f"#{region}")["hx-get"]
        element = soup.select_one(f"#{region}-more") or soup.select_one(f"#{region}")
        events = re.findall(r"live:([\w-]+)", element["hx-trigger"])
        return cls(element["hx-get"], events, whole)

    @classmethod
    def status(cls, page: str) -> "Fetch":
        """The page's status part: the participant count and the timer."""
        element = BeautifulSoup(page, "html.parser").select_one('[hx-get$="/_status"]')
        events = re.findall(r"live:([\w-]+)", element["hx-trigger"])
        throttle = {
            event: float(amount) / (1000 if unit == "ms" else 1)
            for event, amount, unit in THROTTLE.findall(element["hx-trigger"])
        }
        return cls(element["hx-get"], events, shows_answers=False, throttle=throttle)


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
        """Join as Browser.join does, then open the stream the participant's page asks for."""
        process_id, code = self.rooms[number % len(self.rooms)]
        browser = Browser(self.port)
        _, _, page = browser.get(f"/{code}")
        organisations = ORGANISATION.findall(page)
        form = {"organisation": organisations[number % len(organisations)], "display_name": ""}
        status, headers, _ = browser.post(f"/{code}", form)
        if status != 302:
            raise RuntimeError(f"join failed with {status}")
        _, _, room = browser.get(headers["Location"])
        participant = Participant(browser, process_id, dict(HIDDEN.findall(room)))
        stream = EventStream(self.port, subscription(room), browser.cookies, timeout=300)

        def send(text: str, answer_id: int | None = None):
            if answer_id is None:
                return participant.answer(text)
            return answer_id if participant.edit(answer_id, text) else None

        return send, stream, browser

    def screens(self, index: int, stop: Event) -> list:
        """The projector and the leader's control view of one room, each in its own browser."""
        process_id, _ = self.rooms[index]
        watchers = []
        for screen, page, region in (
            ("projector", f"/processer/{process_id}/projektor", "stage"),
            ("control", f"/processer/{process_id}/styr", "answers"),
        ):
            browser = self._leader()
            _, _, body = browser.get(page)
            stream = EventStream(self.port, subscription(body), browser.cookies, timeout=300)
            fetch = Fetch.of(body, region)
            if found := CURSOR.findall(body):
                fetch.initial = found[-1]
            fetches = [fetch, Fetch.status(body)]
            watchers.append(gevent.spawn(watch, self.run, screen, browser, stream, fetches, stop))
        return watchers


class RelayRoom:
    """The bare relay: the same moves without database or templates."""

    def __init__(self, port: int, run: Run, workshops: int) -> None:
        self.port, self.run = port, run
        self.rooms = [str(number) for number in range(workshops)]

    def join(self, number: int):
        room = self.rooms[number % len(self.rooms)]
        browser = Browser(self.port)
        browser.post(f"/{room}/ansluta", {})
        stream = EventStream(self.port, f"/{room}/live?events=exercise", {}, timeout=300)

        def send(text: str, answer_id: int | None = None):
            status, _, _ = browser.post(f"/{room}/svar", {"text": text})
            return 1 if status == 200 else None

        return send, stream, browser

    def screens(self, index: int, stop: Event) -> list:
        room = self.rooms[index]
        watchers = []
        for screen, part in (("projector", "_scen"), ("control", "_svar")):
            live = f"/{room}/live?events=answers,participants"
            stream = EventStream(self.port, live, {}, timeout=300)
            fetches = [
                Fetch(f"/{room}/{part}", ["answers"]),
                Fetch(f"/{room}/_status", ["participants"], shows_answers=False),
            ]
            browser = Browser(self.port)
            watchers.append(gevent.spawn(watch, self.run, screen, browser, stream, fetches, stop))
        return watchers
