"""How long the three circles' live parts take to answer, per request, on SQLite.

A room with 40 insatser: the participant's part (asked by every participant on each change),
the projector's stage and the leader's board (one each). Run:
    .venv/bin/python bench/circles_room.py
"""

import tempfile
import time
from pathlib import Path

from toolkit import create_app
from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.db import open_session
from toolkit.processes import data as processes
from toolkit.room import steering

REPEAT = 30


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}",
                "SECRET_KEY": "bench",
                "DATA_DIR": folder,
                "WTF_CSRF_ENABLED": False,
                "PUBLIC_URL": "",
            }
        )
        with open_session(app) as db:
            user = users.create_user(db, "lea", "hemligt-1234")
            process = processes.create_process(db, user, "Bänk")
            workshop = app.extensions["toolkit.content"].workshop("workshop-1")
            steering.start_workshop(db, process, workshop)
            steering.show_exercise(db, process, workshop, workshop.exercise("tre-cirklar"))
            for i in range(40):
                region = ("a", "b", "c", "ab", "ac", "bc", "abc")[i % 7]
                changes.add_insats(db, process, f"Insats nummer {i} i rummet", region)
            process_id, code = process.id, process.join_code
            org_id = processes.organisations_of(db, process)[0].id
        leader = app.test_client()
        leader.post("/logga-in", data={"username": "lea", "password": "hemligt-1234"})
        participant = app.test_client()
        participant.post(f"/{code}", data={"organisation": org_id})
        hx = {"HX-Request": "true"}
        parts = {
            "deltagarens del": (participant, f"/rum/{process_id}/cirklar"),
            "projektorns scen": (leader, f"/processer/{process_id}/projektor/_scen"),
            "processledarens tavla": (leader, f"/processer/{process_id}/cirklar/_tavla"),
        }
        for name, (client, url) in parts.items():
            assert client.get(url, headers=hx).status_code == 200
            start = time.perf_counter()
            for _ in range(REPEAT):
                client.get(url, headers=hx)
            took = (time.perf_counter() - start) / REPEAT * 1000
            print(f"{name:22} {took:6.1f} ms per svar")  # noqa: T201
        app.extensions["toolkit.engine"].dispose()


if __name__ == "__main__":
    main()
