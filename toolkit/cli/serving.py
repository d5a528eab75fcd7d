"""The embedded server: gevent's WSGIServer in one worker process per core, on one socket.

The parent opens the listening socket, forks the workers (each serves the app it built once,
its database connections closed first) and watches them: a worker that dies is started again;
SIGTERM or SIGINT (Ctrl+C) stops them all within a few seconds.
"""

import gc
import os
import signal
import time

import click

# SQLite takes one writer at a time: beyond a few workers more processes add waiting, not speed.
MOST_WORKERS_BY_DEFAULT = 4
MOST_WORKERS = 16
WORKER_STOP_SECONDS = 3  # a worker's open requests (the live streams) get this long to end
STOP_SECONDS = 6  # then the parent kills what is left
RESTART_PAUSE_SECONDS = 1  # a worker that dies at once is not restarted in a tight loop


def can_fork() -> bool:
    """Whether this system runs several workers (fork: not on Windows)."""
    return hasattr(os, "fork")


def worker_count(asked: int | None = None) -> int:
    """How many workers: as asked (TOOLKIT_WORKERS, --workers), else one per core, at most 4."""
    if not can_fork():
        return 1
    if asked:
        return max(1, min(asked, MOST_WORKERS))
    return max(1, min(os.cpu_count() or 1, MOST_WORKERS_BY_DEFAULT))


def serve(app, host: str, port: int, workers: int) -> None:
    """Serve until SIGTERM or Ctrl+C: in this process, or in `workers` forked workers."""
    from gevent.baseserver import parse_address
    from gevent.pywsgi import WSGIServer

    if workers <= 1:
        server = WSGIServer((host, port), app, log=None)
        _serve_here(server)
        return
    family, address = parse_address((host, port))
    listener = WSGIServer.get_listener(address, backlog=2048, family=family)
    # No connection of the parent may live on in a worker: each opens its own.
    app.extensions["toolkit.engine"].dispose()
    # What is loaded now (the content, the templates) stays shared with the workers: the garbage
    # collector of each would otherwise touch, and so copy, every page of it.
    gc.freeze()
    Supervisor(app, listener, workers).run()


def _serve_here(server) -> None:
    """Serve in this process; SIGTERM and SIGINT stop it, open requests get a moment to end."""
    import gevent

    handlers = []
    for number in (signal.SIGTERM, signal.SIGINT):
        try:
            handlers.append(gevent.signal_handler(number, server.stop, WORKER_STOP_SECONDS))
        except (AttributeError, ValueError, OSError):
            pass  # no such signal here (Windows): Ctrl+C arrives as KeyboardInterrupt
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop(WORKER_STOP_SECONDS)
    finally:
        for handler in handlers:
            handler.cancel()


def _stop_when_orphaned(server, parent: int) -> None:
    """A worker whose parent was killed outright stops too, instead of holding the port."""
    import gevent

    while os.getppid() == parent:
        gevent.sleep(1)
    server.stop(WORKER_STOP_SECONDS)


class Supervisor:
    """The parent: forks the workers, starts a dead one again, stops them all on a signal."""

    def __init__(self, app, listener, workers: int) -> None:
        self.app, self.listener, self.count = app, listener, workers
        self.children: dict[int, float] = {}  # pid: when it started
        self.stopping = False
        self.handlers = []
        self.parent = os.getpid()

    def run(self) -> None:
        import gevent

        self.handlers = [
            gevent.signal_handler(number, self.stop) for number in (signal.SIGTERM, signal.SIGINT)
        ]
        for _ in range(self.count):
            self.start_worker()
        while not self.stopping:
            for pid in self.ended():
                started = self.children.pop(pid)
                click.echo(f"En arbetsprocess (pid {pid}) avslutades; startar en ny.", err=True)
                if time.monotonic() - started < RESTART_PAUSE_SECONDS:
                    gevent.sleep(RESTART_PAUSE_SECONDS)
                if not self.stopping:
                    self.start_worker()
            gevent.sleep(0.2)
        self.stop_workers()

    def start_worker(self) -> None:
        pid = os.fork()
        if pid:
            self.children[pid] = time.monotonic()
            return
        status = 1
        try:
            import gevent
            from gevent.pywsgi import WSGIServer

            for handler in self.handlers:  # the parent's, copied by fork
                handler.cancel()
            server = WSGIServer(self.listener, self.app, log=None)
            gevent.spawn(_stop_when_orphaned, server, self.parent)
            _serve_here(server)
            status = 0
        finally:
            os._exit(status)  # never back into the parent's code

    def ended(self) -> list[int]:
        """The workers that have exited (and are reaped)."""
        done = []
        for pid in list(self.children):
            try:
                finished, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                finished = pid
            if finished:
                done.append(pid)
        return done

    def stop(self) -> None:
        self.stopping = True

    def stop_workers(self) -> None:
        """Ask every worker to stop, wait a few seconds, then kill the rest."""
        import gevent

        for pid in self.children:
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while self.children and time.monotonic() < deadline:
            for pid in self.ended():
                self.children.pop(pid)
            gevent.sleep(0.05)
        for pid in self.children:
            _signal(pid, signal.SIGKILL)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self.children.clear()
        self.listener.close()


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass
