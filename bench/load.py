"""Load benchmark: participants answer live while the projector and the control view watch.

    .venv/bin/python bench/load.py                     # embedded (toolkit serve, SQLite), 200
    .venv/bin/python bench/load.py --participants 500  # the big room of the figures to reach
    .venv/bin/python bench/load.py --hosted            # gunicorn + gevent, PostgreSQL, 1000
    .venv/bin/python bench/load.py --workers 1         # the embedded server on one core

The embedded server runs as `toolkit serve` does for the user: one worker per core.

Starts the real server, then drives it over loopback from one gevent process: every participant
joins with the code, keeps open the live stream its page asks for, answers and edits; each
workshop has its projector and the leader's control view open, each in its own logged-in
browser, holding the stream its page asks for and, on the events its live part listens to,
fetching that part as htmx does (after its cursor, when the page keeps one). The time from an
answer's submission to its text on the fetched projector stage, and on the fetched control
view answer list, are its two latencies. The same load then runs against a bare relay on the
same server stack (bench/relay.py: answers in memory, the same kind of HTML, the same event
path), and the ratio of the p95s says how much the app adds. It also prints how long the whole
room took to join, the server's CPU per join and per answer, and its peak memory. Answers lost
are checked against the database. Figures are printed, never asserted.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from gevent.event import Event  # noqa: E402
from gevent.pool import Pool  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rooms import PASSWORD, SCREENS, TOKEN, AppRoom, RelayRoom, Run  # noqa: E402
from bench.servers import RelayServer, app_server, worker_processes  # noqa: E402
from tests.helpers.roomclient import Browser, EventStream  # noqa: E402


def drive(target, server, run: Run, participants: int, answers: int, seconds: float) -> None:
    """Join everyone, then answer and edit over `seconds`; the projectors note the arrivals."""
    stop = Event()
    screens = [w for i in range(len(target.rooms)) for w in target.screens(i, stop)]
    joined = []

    def join(number: int) -> None:
        try:
            began = time.monotonic()
            joined.append((number, *target.join(number)))
            run.timings["join"].append(time.monotonic() - began)
        except (OSError, RuntimeError) as exc:
            run.error(f"join: {type(exc).__name__}")

    cpu = server.cpu_seconds()
    began = time.monotonic()
    Pool(50).map(join, range(participants))
    run.join_seconds = time.monotonic() - began
    run.join_cpu = server.cpu_seconds() - cpu
    cpu = server.cpu_seconds()

    def keep_listening(stream: EventStream) -> None:
        while not stop.is_set():
            try:
                stream.next_event()
            except (OSError, ConnectionError):
                if not stop.is_set():
                    run.error("participant stream dropped")
                return

    listeners = [gevent.spawn(keep_listening, stream) for _, _, stream, _ in joined]
    started = time.monotonic()
    run.requests = 0  # requests per second while the room answers

    def take_part(number: int, send, browser: Browser) -> None:
        moments = sorted(random.uniform(0, seconds) for _ in range(answers + 1))
        first_id, first_token = None, ""
        for index, moment in enumerate(moments):
            gevent.sleep(max(0, started + moment - time.monotonic()))
            editing = index == answers and first_id is not None
            token = first_token if editing else f"tok{number}x{index}"
            text = f"Svar {token} från deltagare {number}" + (" (ändrat)" if editing else "")
            if not editing:
                run.submitted[token] = time.monotonic()
            try:
                began = time.monotonic()
                answer_id = send(text, first_id if editing else None)
                run.timings["answer"].append(time.monotonic() - began)
            except (OSError, RuntimeError) as exc:
                run.error(f"{'edit' if editing else 'answer'}: {type(exc).__name__}")
                continue
            run.requests += 1
            if answer_id is None:
                run.error("edit refused" if editing else "answer refused")
            elif not editing:
                run.acknowledged.add(token)
                if first_id is None:
                    first_id, first_token = answer_id, token

    gevent.joinall([gevent.spawn(take_part, n, send, b) for n, send, _, b in joined])
    run.seconds = time.monotonic() - started
    deadline = time.monotonic() + 15  # the last answers still travel to the projectors
    while time.monotonic() < deadline and any(run.unseen(s) for s in run.arrived):
        gevent.sleep(0.2)
    run.server_cpu = server.cpu_seconds() - cpu
    stop.set()
    gevent.sleep(1.5)
    gevent.killall(listeners + screens)
    for _, _, stream, browser in joined:
        stream.close()
        browser.close()


def measure(server, room_kind, args, workshops: int) -> tuple[Run, dict]:
    run = Run()
    server.start()
    print(f"  {server.name}: {worker_processes(server)} worker processes")  # noqa: T201
    sampler = gevent.spawn(_sample_rss, server, run)
    try:
        target = room_kind(server.port, run, workshops)
        drive(target, server, run, args.participants, args.answers, args.seconds)
        run.lost = server.lost(run.acknowledged, TOKEN)
    finally:
        sampler.kill()
        server.stop()
    figures = run.figures(args.participants)
    detail = dict(run.errors) or "none"
    print(f"  {server.name}: {_line(figures)} errors_by_kind={detail}")  # noqa: T201
    timings = " ".join(
        f"{name} p50/p95 {_ms(values, 50)}/{_ms(values, 95)} ms"
        for name, values in run.timings.items()
        if values
    )
    print(  # noqa: T201
        f"    request times: {timings}; server used {run.server_cpu:.0f} s of CPU in "
        f"{run.seconds:.0f} s of answering (+ drain), {run.join_cpu:.0f} s joining"
    )
    return run, figures


def _sample_rss(server, run: Run) -> None:
    while True:
        run.rss_mb = max(run.rss_mb, server.rss_mb())
        gevent.sleep(1)


def _ms(values: list[float], percent: int) -> str:
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, len(ordered) * percent // 100)] * 1000:.0f}"


def _line(figures: dict) -> str:
    return " ".join(f"{key}={value}" for key, value in figures.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosted", action="store_true", help="gunicorn on PostgreSQL")
    parser.add_argument("--participants", type=int)
    parser.add_argument("--workshops", type=int)
    parser.add_argument("--answers", type=int, default=2, help="answers per participant")
    parser.add_argument("--seconds", type=float, default=45, help="length of the answering")
    parser.add_argument(
        "--workers",
        type=int,
        help="worker processes: toolkit serve's (default one per core) or gunicorn's (default 2)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TOOLKIT_TEST_DATABASE_URL")
        or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="PostgreSQL to make a fresh schema in (--hosted)",
    )
    args = parser.parse_args()
    args.participants = args.participants or (1000 if args.hosted else 200)
    workshops = args.workshops or (20 if args.hosted else 1)
    scenario = (
        "hosted (gunicorn, PostgreSQL)" if args.hosted else "embedded (toolkit serve, SQLite)"
    )
    print(  # noqa: T201
        f"{scenario}: {args.participants} participants in {workshops} workshops, "
        f"{args.answers} answers and 1 edit each over {args.seconds:.0f} s, "
        f"on {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as temporary:
        folder = Path(temporary)
        server = app_server(folder / "app", args.hosted, args.workers, args.database_url, PASSWORD)
        _, app = measure(server, AppRoom, args, workshops)
        _, relay = measure(RelayServer(folder / "relay", args.hosted), RelayRoom, args, workshops)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(f"  load client used {cpu.ru_utime + cpu.ru_stime:.0f} s of CPU itself")  # noqa: T201
    print(f"  machine load: {_load()}")  # noqa: T201
    for screen in SCREENS:
        key = f"{screen}_p95_ms"
        ratio = float(app[key]) / max(float(relay[key]), 1)
        print(  # noqa: T201
            f"  answer → {screen}: p95 app {app[key]} ms, relay {relay[key]} ms, "
            f"app/relay = {ratio:.1f}"
        )
    print(  # noqa: T201
        f"  join of {args.participants}: app {app['join_s']} s ({app['cpu_ms_per_join']} ms CPU "
        f"each), relay {relay['join_s']} s; app CPU per answer {app['cpu_ms_per_answer']} ms; "
        f"peak memory {app['rss_mb']} MB"
    )


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
