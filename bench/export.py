"""Time the export of every document of a fully worked process (docx and md), per document.

Run from the project root: .venv/bin/python bench/export.py [rounds]
Builds the Trampolinen process in a temporary SQLite database with `rounds` × 12 answers
(default 40 rounds: 480 answers), circles, goals, tidplan, model and budget.
"""

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.worked_process import CIRCLES, build_trampolinen  # noqa: E402
from toolkit import create_app
from toolkit.accounts import users
from toolkit.content.outline import DOCUMENT_KEYS
from toolkit.db import open_session
from toolkit.documents import build, store
from toolkit.documents.formats import build_docx, build_markdown
from toolkit.room import answering

REPEATS = 5


def say(line: str) -> None:
    """Write one line of the report."""
    sys.stdout.write(line + "\n")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "SECRET_KEY": "bench",
                "DATA_DIR": Path(folder),
                "TESTING": True,
            }
        )
        content = app.extensions["toolkit.content"]
        with open_session(app) as session:
            owner = users.create_user(session, "bench", "hemligt-lösen-1", "Bench")
            process = build_trampolinen(session, content, owner, rounds=rounds)
            examples = content.outlines.document("handlingsplan").example_activities
            store.add_example_activities(session, process, examples, dt.date(2026, 1, 1))
            answers = sum(answering.count_answers(session, process, "workshop-1").values())
            say(f"Process with {answers} answers, circles, goals, tidplan, model and budget")
            say(f"{'document':<18}{'spec':>10}{'docx':>10}{'md':>10}  (median of {REPEATS})")
            for key in DOCUMENT_KEYS:
                timings = {"spec": [], "docx": [], "md": []}
                for _ in range(REPEATS):
                    start = time.perf_counter()
                    gathered = build.gather(session, content, process, circles=CIRCLES)
                    spec = build.build_document(gathered, key, dt.date.today())
                    built = time.perf_counter()
                    build_docx(spec)
                    word = time.perf_counter()
                    build_markdown(spec)
                    done = time.perf_counter()
                    timings["spec"].append(built - start)
                    timings["docx"].append(word - built + (built - start))
                    timings["md"].append(done - word + (built - start))
                cells = "".join(f"{statistics.median(v) * 1000:>8.0f}ms" for v in timings.values())
                say(f"{key:<18}{cells}")
        app.extensions["toolkit.engine"].dispose()
    say("spec: reading the database and building the description (pictures included);")
    say("docx and md: the whole export, spec included.")


if __name__ == "__main__":
    main()
