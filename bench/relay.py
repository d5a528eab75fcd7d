"""A bare relay on the app's server stack: keeps answers in memory, tells the screens, serves them.

No database, no templates: the floor that the app's latency is compared with in bench/load.py.
It moves like the app does: a participant joins and keeps a stream open that answers do not
wake, and tells the screens ("participants", on which they fetch a small status partial); an
answer publishes an "answers" event to the screens that subscribed to it; the projector
and the control view then fetch an HTML partial of the answers after their cursor (the same
kind of markup as the app's: the control view's carries each answer's moderation form).
`python -m bench.relay PORT` serves it with gevent's WSGIServer like `toolkit serve`;
gunicorn serves `bench.relay:app` like the hosted app.
"""

import itertools
import sys
from collections import defaultdict
from html import escape
from urllib.parse import parse_qs

from gevent.queue import Queue

streams: dict[str, set[tuple[Queue, frozenset]]] = defaultdict(set)
answers: dict[str, list[tuple[int, str]]] = defaultdict(list)
ids = itertools.count(1)
participants = itertools.count(1)

PROJECTOR = '<li class="answer" data-id="{id}"><p class="answer-text">{text}</p></li>\n'
CONTROL = (
    '<li class="answer" data-id="{id}"><p class="answer-text">{text}</p>'
    '<p class="meta">Deltagare · Organisation</p>'
    '<form method="post" action="/{room}/svar/{id}" class="inline actions" hx-post="/{room}/svar/'
    '{id}" hx-target="#answers"><input type="hidden" name="csrf_token" value="{csrf}">'
    '<button type="submit" name="action" value="hide" class="small">Dölj</button>'
    '<button type="submit" name="action" value="highlight" class="small">Framhäv</button>'
    '<button type="submit" name="action" value="delete" class="small danger">Ta bort</button>'
    "</form></li>\n"
)
CSRF = "x" * 56
STATUS = (
    '<div class="status-bar"><p><strong>{count}</strong> deltagare · kod '
    '<strong class="code">{code}</strong></p><p>Tid kvar: <span class="timer">5:00</span></p></div>'
)
joined: dict[str, int] = defaultdict(int)


def _ok(start_response, body: bytes, kind: str = "text/plain"):
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
    return [body]


def app(environ, start_response):
    """POST /<room>/svar (text=…) keeps and announces; GET /<room>/live streams the events."""
    room, _, action = environ.get("PATH_INFO", "").strip("/").partition("/")
    query = parse_qs(environ.get("QUERY_STRING", ""))
    method = environ["REQUEST_METHOD"]
    if action == "svar" and method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        text = parse_qs(environ["wsgi.input"].read(length).decode()).get("text", [""])[0]
        answer_id = next(ids)
        answers[room].append((answer_id, text))
        for queue, wanted in list(streams[room]):
            if "answers" in wanted:
                queue.put("answers")
        return _ok(start_response, f"/svar/{answer_id}/redigera".encode(), "text/html")
    if action == "ansluta" and method == "POST":
        joined[room] += 1
        for queue, wanted in list(streams[room]):
            if "participants" in wanted:
                queue.put("participants")
        return _ok(start_response, f"/rum/{next(participants)}".encode())
    if action == "_status":
        body = STATUS.format(count=joined[room], code="ABC123DEF").encode()
        return _ok(start_response, body, "text/html; charset=utf-8")
    if action in ("_scen", "_svar"):
        after = int(query.get("efter", ["0"])[0] or 0)
        row = PROJECTOR if action == "_scen" else CONTROL
        body = "".join(
            row.format(id=i, text=escape(t), room=room, csrf=CSRF)
            for i, t in answers[room]
            if i > after
        )
        cursor = answers[room][-1][0] if answers[room] else 0
        body += f'<input type="hidden" name="efter" value="{cursor}" hx-swap-oob="true">'
        return _ok(start_response, body.encode(), "text/html; charset=utf-8")
    if action == "live":
        wanted = frozenset(query.get("events", [""])[0].split(","))
        start_response(
            "200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")]
        )
        return _stream(room, wanted)
    if action == "":
        return _ok(start_response, b"ok")
    start_response("404 Not Found", [("Content-Length", "0")])
    return [b""]


def _stream(room: str, wanted: frozenset):
    queue: Queue = Queue()
    entry = (queue, wanted)
    streams[room].add(entry)
    try:
        yield b"data: hello\n\n"
        while True:
            yield f"data: {queue.get()}\n\n".encode()
    finally:
        streams[room].discard(entry)


if __name__ == "__main__":
    from gevent import monkey

    monkey.patch_all()
    from gevent.pywsgi import WSGIServer

    WSGIServer(("127.0.0.1", int(sys.argv[1])), app, log=None).serve_forever()
