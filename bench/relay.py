"""A bare relay on the app's server stack: takes an answer, pushes it to the room's streams.

No database, no templates: the floor that the app's latency is compared with in bench/load.py.
`python -m bench.relay PORT` serves it with gevent's WSGIServer like `toolkit serve`;
gunicorn serves `bench.relay:app` like the hosted app.
"""

import sys
from collections import defaultdict
from urllib.parse import parse_qs

from gevent.queue import Queue

streams: dict[str, set[Queue]] = defaultdict(set)


def app(environ, start_response):
    """POST /<room>/svar (text=…) relays the text; GET /<room>/live streams it."""
    room, _, action = environ.get("PATH_INFO", "").strip("/").partition("/")
    if action == "svar" and environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        text = parse_qs(environ["wsgi.input"].read(length).decode()).get("text", [""])[0]
        for queue in list(streams[room]):
            queue.put(text)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    if action == "live":
        start_response(
            "200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")]
        )
        return _stream(room)
    if action == "":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    start_response("404 Not Found", [("Content-Length", "0")])
    return [b""]


def _stream(room: str):
    queue: Queue = Queue()
    streams[room].add(queue)
    try:
        yield b"data: hello\n\n"
        while True:
            yield f"data: {queue.get()}\n\n".encode()
    finally:
        streams[room].discard(queue)


if __name__ == "__main__":
    from gevent import monkey

    monkey.patch_all()
    from gevent.pywsgi import WSGIServer

    WSGIServer(("127.0.0.1", int(sys.argv[1])), app, log=None).serve_forever()
