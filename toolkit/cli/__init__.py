"""The `toolkit` command: serve, create-user, check-content, demo."""

import sys


def main() -> None:
    """Entry point; `serve` patches the standard library for gevent before anything else loads."""
    if sys.argv[1:2] == ["serve"]:
        from gevent import monkey

        monkey.patch_all()
    from toolkit.cli.commands import cli

    cli()
