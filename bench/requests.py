"""CPU per request: what each thing the room does costs the server, one request at a time.

    .venv/bin/python bench/requests.py             # embedded (toolkit serve, SQLite, 1 worker)
    .venv/bin/python bench/requests.py --hosted    # gunicorn, PostgreSQL, 1 worker

bench/load.py says how a whole room fares; this says where its server time goes. One worker,
one request at a time, so the server's CPU between two readings is that request's alone: a
room of participants joins, then each answers, the projector and the control view fetch their
changes as their live parts do, and each edits. Printed: CPU ms per request, by kind, as the
mean of all requests of that kind (the kernel counts CPU in ticks of 10 ms, so one request's
own reading is 0 or a tick). Figures are printed, never asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.rooms import CODE, CURSOR, HIDDEN, ORGANISATION, PASSWORD, Fetch  # noqa: E402
from bench.servers import app_server  # noqa: E402
from tests.helpers.roomclient import Browser, Participant  # noqa: E402


class Meter:
    """Server CPU per request, by kind."""

    def __init__(self, server) -> None:
        self.server = server
        self.spent: dict[str, list[float]] = defaultdict(list)

    def time(self, kind: str, call):
        before = self.server.cpu_seconds()
        result = call()
        self.spent[kind].append(self.server.cpu_seconds() - before)
        return result

    def report(self) -> None:
        tick = 1000 / os.sysconf("SC_CLK_TCK")
        print(f"  (CPU counted in ticks of {tick:.0f} ms; the mean of n requests)")  # noqa: T201
        for kind, values in self.spent.items():
            print(  # noqa: T201
                f"  {kind:<28} {statistics.mean(values) * 1000:6.1f} ms CPU (n={len(values)})"
            )


def run(server, participants: int) -> None:
    meter = Meter(server)
    leader = Browser(server.port)
    leader.log_in("bench", PASSWORD)
    _, headers, _ = leader.post("/processer/", {"name": "Mätning", "organisations": ""})
    process_id = int(headers["Location"].rstrip("/").split("/")[-1])
    leader.post(f"/processer/{process_id}/workshop/workshop-1/starta", {})
    code = CODE.search(leader.get(f"/processer/{process_id}")[2]).group(1)
    screens = {}
    for screen, page, region in (
        ("projector", f"/processer/{process_id}/projektor", "stage"),
        ("control", f"/processer/{process_id}/styr", "answers"),
    ):
        body = leader.get(page)[2]
        fetch = Fetch.of(body, region)
        status = Fetch.status(body)
        screens[screen] = [fetch, status, CURSOR.findall(body)[-1]]

    room = []
    for number in range(participants):
        browser = Browser(server.port)
        page = meter.time("join: code page", lambda b=browser: b.get(f"/{code}"))[2]
        organisation = ORGANISATION.findall(page)[number % 3]
        form = {"organisation": organisation, "display_name": ""}
        posted = meter.time("join: post", lambda b=browser, f=form: b.post(f"/{code}", f))
        room_page = meter.time(
            "join: room page", lambda b=browser, to=posted[1]["Location"]: b.get(to)
        )
        room.append(Participant(browser, process_id, dict(HIDDEN.findall(room_page[2]))))
        for screen, (_, status, _) in screens.items():
            meter.time(f"{screen}: status", lambda s=status: leader.get(s.path, htmx=True))

    def fetch_changes():
        for screen, parts in screens.items():
            path = parts[0].path + ("&" if "?" in parts[0].path else "?") + f"efter={parts[2]}"
            body = meter.time(f"{screen}: changes", lambda p=path: leader.get(p, htmx=True))[2]
            if found := CURSOR.findall(body):
                parts[2] = found[-1]

    sent = []
    for number, participant in enumerate(room):
        text = f"Svar {number} om samverkan kring barnet"
        sent.append(meter.time("answer", lambda p=participant, t=text: p.answer(t)))
        fetch_changes()
    for participant, answer_id in zip(room, sent, strict=True):
        meter.time("edit", lambda p=participant, a=answer_id: p.edit(a, "Ändrat svar"))
        fetch_changes()
    for browser in [leader] + [p.browser for p in room]:
        browser.close()
    meter.report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosted", action="store_true", help="gunicorn on PostgreSQL")
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TOOLKIT_TEST_DATABASE_URL")
        or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    )
    args = parser.parse_args()
    scenario = "hosted (gunicorn, PostgreSQL)" if args.hosted else "embedded (SQLite)"
    print(f"{scenario}, 1 worker: {args.participants} participants, one request at a time")  # noqa: T201
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as temporary:
        server = app_server(Path(temporary), args.hosted, 1, args.database_url, PASSWORD)
        server.start()
        try:
            run(server, args.participants)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
