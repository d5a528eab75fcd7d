"""A small HTTP client that behaves like a browser in the room: cookies, CSRF, the live stream.

Plain http.client, so that under gevent's monkey patching one process holds hundreds of them.
Only ever talks to 127.0.0.1.
"""

import http.client
import re
import time
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ORGANISATION = re.compile(r'name="organisation" value="(\d+)"')
HIDDEN = re.compile(r'name="(workshop|exercise|question)" value="([^"]*)"')
ANSWER_ID = re.compile(r"/svar/(\d+)/redigera")


class Browser:
    """One person's browser: a cookie jar, a CSRF token and one keep-alive connection."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self._connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, form: dict | None = None, htmx: bool = False
    ) -> tuple[int, dict, str]:
        """Send one request; return status, headers and body. Connection errors propagate."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({"csrf_token": self.csrf, **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
            headers["X-CSRFToken"] = self.csrf
        for attempt in range(2):
            reused = self._connection is not None
            if not reused:
                self._connection = http.client.HTTPConnection("127.0.0.1", self.port, self.timeout)
            try:
                self._connection.request(method, path, body=body, headers=headers)
                response = self._connection.getresponse()
                text = response.read().decode()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                # The server may close an idle keep-alive connection; a browser then asks
                # again on a new one. Any other failure is the caller's to count.
                idle_closed = isinstance(
                    exc, BrokenPipeError | ConnectionResetError | http.client.RemoteDisconnected
                )
                if not (reused and idle_closed and attempt == 0):
                    raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        if match := CSRF.search(text):
            self.csrf = match.group(1)
        return response.status, dict(response.headers), text

    def get(self, path: str, htmx: bool = False) -> tuple[int, dict, str]:
        return self.request("GET", path, htmx=htmx)

    def post(self, path: str, form: dict, htmx: bool = False) -> tuple[int, dict, str]:
        return self.request("POST", path, form, htmx=htmx)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # What people in the room do

    def log_in(self, username: str, password: str) -> None:
        """Log in as a process leader."""
        self.get("/logga-in")
        status, _, _ = self.post("/logga-in", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"login failed with {status}")
        self.get("/processer/")  # logging in starts a new session: fetch its CSRF token

    def join(self, code: str, organisation: int = 0, name: str = "") -> "Participant":
        """Join the room with the code; return what the participant's page offers."""
        _, _, page = self.get(f"/{code}")
        organisations = ORGANISATION.findall(page)
        form = {"organisation": organisations[organisation % len(organisations)]}
        status, headers, _ = self.post(f"/{code}", form | {"display_name": name})
        if status != 302:
            raise RuntimeError(f"join failed with {status}")
        process_id = int(headers["Location"].rstrip("/").split("/")[-1])
        _, _, room = self.get(f"/rum/{process_id}")
        fields = dict(HIDDEN.findall(room))
        return Participant(self, process_id, fields)


class Participant:
    """A participant who joined: answers and edits the exercise on screen."""

    def __init__(self, browser: Browser, process_id: int, fields: dict) -> None:
        self.browser, self.process_id, self.fields = browser, process_id, fields

    def answer(self, text: str) -> int | None:
        """Send an answer as the page does (htmx); return its id once saved, else None."""
        status, _, body = self.browser.post(
            f"/rum/{self.process_id}/svar", self.fields | {"text": text}, htmx=True
        )
        ids = [int(i) for i in ANSWER_ID.findall(body)]
        return max(ids) if status == 200 and ids else None

    def edit(self, answer_id: int, text: str) -> bool:
        status, _, _ = self.browser.post(
            f"/rum/{self.process_id}/svar/{answer_id}", {"text": text}, htmx=True
        )
        return status == 200


class EventStream:
    """A live stream (server-sent events) held open like the page's EventSource."""

    def __init__(self, port: int, path: str, cookies: dict, timeout: float = 60) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        headers = {"Cookie": cookie, "Accept": "text/event-stream"}
        self.connection.request("GET", path, headers=headers)
        self.sock = self.connection.sock  # getresponse may hand the socket over to the response
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            self.close()
            raise RuntimeError(f"stream {path} answered {self.response.status}")

    def next_event(self) -> str:
        """The next event's data (keep-alives skipped); raises on a closed stream or timeout."""
        while True:
            line = self.response.fp.readline()
            if not line:
                raise ConnectionError("the stream was closed")
            line = line.decode().rstrip("\r\n")
            if line.startswith("data: "):
                return line[len("data: ") :]

    def wait_for(self, name: str, seconds: float) -> bool:
        """Read events until `name` arrives (True) or `seconds` pass (False)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                if self.next_event() == name:
                    return True
            except TimeoutError:
                return False
        return False

    def close(self) -> None:
        self.response.close()
        self.connection.close()
        self.sock.close()
