"""How long the projector's live tally takes to render while a big room votes.

Run: .venv/bin/python bench/vote_tally.py [participants]
Prints the median and slowest time of the projector stage (Övning 4a) with every dot placed.
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from toolkit import create_app
from toolkit.accounts import users
from toolkit.db import open_session
from toolkit.kinds import voting
from toolkit.models import Process
from toolkit.processes import data as processes
from toolkit.room import joining, steering


def main(participants: int = 200) -> None:
    """Fill a room with votes, then time the projector stage."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}",
                "SECRET_KEY": "bench",
                "DATA_DIR": Path(folder),
                "WTF_CSRF_ENABLED": False,
                "PUBLIC_URL": "",
            }
        )
        content = app.extensions["toolkit.content"]
        workshop = content.workshop("workshop-2")
        exercise = workshop.exercise("ovning-4a")
        keys = [g.key for g in content.target_groups.groups]
        with open_session(app) as db:
            user = users.create_user(db, "bench", "bench-lösen-1")
            process = processes.create_process(db, user, "Bänk")
            steering.start_workshop(db, process, workshop)
            orgs = processes.organisations_of(db, process)
            start = time.perf_counter()
            for number in range(participants):
                person = joining.join(db, process, orgs[number % len(orgs)].id, "")
                for _ in range(exercise.dots):
                    voting.cast_vote(
                        db, content, process, workshop, exercise, person, random.choice(keys)
                    )
            voting_seconds = time.perf_counter() - start
            process_id = process.id
        client = app.test_client()
        client.post("/logga-in", data={"username": "bench", "password": "bench-lösen-1"})
        timings = []
        for _ in range(50):
            start = time.perf_counter()
            response = client.get(f"/processer/{process_id}/projektor/_scen")
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200
        with open_session(app) as db:
            tally = voting.tally(db, content, db.get(Process, process_id), workshop, exercise)
            total = sum(count for _, count in tally)
        app.extensions["toolkit.engine"].dispose()
    dots = participants * exercise.dots
    print(f"{participants} deltagare, {total} prickar")  # noqa: T201
    print(f"per prick (spara): {1000 * voting_seconds / dots:.2f} ms")  # noqa: T201
    print(  # noqa: T201
        f"projektorns scen: median {1000 * statistics.median(timings):.1f} ms, "
        f"långsammast {1000 * max(timings):.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
