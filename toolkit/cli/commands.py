"""The commands behind `toolkit`; each builds the app from the environment."""

import json
import sys

import click

from toolkit.accounts import users
from toolkit.app import create_app
from toolkit.cli import serving
from toolkit.config import content_dir
from toolkit.errors import Rejected


@click.group()
def cli() -> None:
    """Samverkansverkstaden: run the workshop toolkit and manage its data."""


@cli.command()
@click.option(
    "--host",
    envvar="TOOLKIT_HOST",
    default="0.0.0.0",
    show_default=True,
    help="Address to listen on: every interface, so the room's devices reach the leader's "
    "laptop; 127.0.0.1 for this computer only.",
)
@click.option("--port", envvar="TOOLKIT_PORT", default=5000, show_default=True, type=int)
@click.option(
    "--workers",
    envvar="TOOLKIT_WORKERS",
    type=click.IntRange(1, serving.MOST_WORKERS),
    default=None,
    help="Worker processes sharing the port (default: one per core, at most "
    f"{serving.MOST_WORKERS_BY_DEFAULT}; always 1 where fork is missing, as on Windows).",
)
def serve(host: str, port: int, workers: int | None) -> None:
    """Start the app on a production server (gevent: holds hundreds of live connections)."""
    from toolkit.config import from_environment
    from toolkit.db import open_session
    from toolkit.room.network import outward_address, room_address

    count = serving.worker_count(workers)
    # Migrations run here, once, before any worker starts; with several workers the live
    # events go between them through the database (see make_broker).
    app = _app_or_exit(from_environment() | {"WORKERS": count})
    # The projector shows the address the room can reach (see network.py and room/pages.py).
    app.config.update(LISTEN_HOST=host, LISTEN_PORT=port)
    shown = "localhost" if host in ("0.0.0.0", "::", "127.0.0.1") else host
    click.echo(f"Samverkansverkstaden körs på http://{shown}:{port}/  (stoppa med Ctrl+C)")
    room = app.config["PUBLIC_URL"] or room_address(host, port, outward_address())
    if room:
        click.echo(f"Deltagarna i rummet når den på {room}/")
    else:
        click.echo(
            "Bara den här datorn når servern. Låt rummet komma in: starta med "
            "TOOLKIT_HOST=0.0.0.0 och anslut datorn till rummets nätverk."
        )
    click.echo(f"Data: {app.config['DATABASE_URL'].split('@')[-1]}")
    if workers and workers > count:
        click.echo("Det här systemet kan bara köra en arbetsprocess (TOOLKIT_WORKERS).")
    click.echo(
        f"Arbetsprocesser: {count}"
        + (" (en per kärna; ändra med TOOLKIT_WORKERS)" if count > 1 and not workers else "")
    )
    with open_session(app) as session:
        if not users.count_users(session):
            click.echo(
                f"Första start: skapa processledarkontot på http://{shown}:{port}/konto/forsta"
            )
    serving.serve(app, host, port, count)


@cli.command()
def migrate() -> None:
    """Bring the database schema up to date (run once before starting several workers)."""
    from toolkit.config import from_environment
    from toolkit.db import make_engine, upgrade

    config = from_environment()
    engine = make_engine(config["DATABASE_URL"])
    upgrade(engine)
    engine.dispose()
    click.echo(f"Databasen är uppdaterad: {config['DATABASE_URL'].split('@')[-1]}")


@cli.command("create-user")
@click.option("--username", prompt="Användarnamn")
@click.option("--name", default="", help="Full name.")
@click.password_option("--password", prompt="Lösenord")
def create_user(username: str, name: str, password: str) -> None:
    """Create a process leader account."""
    from toolkit.db import open_session

    app = _app_or_exit()
    with open_session(app) as session:
        try:
            user = users.create_user(session, username, password, name)
        except Rejected as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"Kontot {user.username} är skapat.")


@cli.command("check-content")
def check_content() -> None:
    """Validate the workshop and vignette files and say what was found."""
    from toolkit.content import load_content
    from toolkit.content.model import ContentError

    try:
        content = load_content(content_dir())
    except ContentError as exc:
        click.echo(f"Fel i innehållet: {exc}", err=True)
        sys.exit(2)
    exercises = sum(len(w.exercises) for w in content.workshops)
    groups = len(content.target_groups.groups) if content.target_groups else 0
    click.echo(
        f"Innehållet är giltigt: {len(content.workshops)} workshoppar, {exercises} övningar, "
        f"{groups} målgrupper, {len(content.vignettes)} vinjetter, "
        f"{len(content.outlines.documents) if content.outlines else 0} dokument."
    )


@cli.command()
@click.option(
    "--username", default=None, help="Owner of the demo process (default: the first account)."
)
def demo(username: str | None) -> None:
    """Create, or reset, the Trampolinen demo process with a filled Workshop 1."""
    from toolkit.db import open_session
    from toolkit.processes.demo import build_demo

    app = _app_or_exit()
    with open_session(app) as session:
        process, password = build_demo(session, app.extensions["toolkit.content"], username)
    if password:
        click.echo(f"Skapade processledarkontot demo med lösenordet {password}")
    click.echo(f"Demoprocessen är klar: id {process.id}, kod {process.join_code}")


@cli.command()
@click.option("--process", "process_id", required=True, type=int, help="The process's id.")
@click.option(
    "--document",
    required=True,
    help="beslutsunderlag, handlingsplan, modell, tjansteskrivelse, budget or ansokan.",
)
@click.option("--format", "fmt", default="docx", show_default=True, help="docx or md.")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--final", is_flag=True, help="The final version: no empty sections, no sources.")
def export(process_id: int, document: str, fmt: str, output: str, final: bool) -> None:
    """Export one of a process's documents to Word (.docx) or Markdown."""
    from pathlib import Path

    from toolkit.content.outline import DOCUMENT_KEYS
    from toolkit.db import open_session
    from toolkit.documents.export import FORMATS, export_document
    from toolkit.models import Process

    if document not in DOCUMENT_KEYS:
        choices = ", ".join(DOCUMENT_KEYS)
        click.echo(f"Okänt dokument: {document}. Välj ett av: {choices}.", err=True)
        sys.exit(2)
    if fmt not in FORMATS:
        click.echo(f"Okänt format: {fmt}. Välj docx eller md.", err=True)
        sys.exit(2)
    app = _app_or_exit()
    try:
        with open_session(app) as session:
            process = session.get(Process, process_id)
            if process is None:
                click.echo(f"Det finns ingen process med id {process_id}.", err=True)
                sys.exit(2)
            body, _name, pictures = export_document(
                session, app.extensions["toolkit.content"], process, document, fmt, final=final
            )
    finally:
        app.extensions["toolkit.engine"].dispose()
    target = Path(output)
    target.write_bytes(body)
    for name, png in pictures:
        (target.parent / name).write_bytes(png)
    click.echo(f"Skrev {target}" + (f" och {len(pictures)} bilder" if pictures else ""))


@cli.command()
@click.option("--process", "process_ids", type=int, multiple=True, help="Only this process (id).")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
def backup(process_ids: tuple[int, ...], output: str) -> None:
    """Write one process, or all, with everything recorded in them, to one JSON file."""
    from toolkit.db import open_session
    from toolkit.processes import backup as backups

    app = _app_or_exit()
    with open_session(app) as session:
        found = backups.dump(session, list(process_ids) or None)
    app.extensions["toolkit.engine"].dispose()
    if process_ids and len(found["tables"]["process"]) != len(set(process_ids)):
        raise click.ClickException("Det finns ingen process med det id:t.")
    with open(output, "w", encoding="utf-8") as file:
        json.dump(found, file, ensure_ascii=False, indent=1)
    click.echo(f"Sparade {len(found['tables']['process'])} processer i {output}.")


@cli.command()
@click.argument("backup_file", type=click.File(encoding="utf-8"))
@click.option("--owner", default=None, help="Account that owns the restored processes.")
def restore(backup_file, owner: str | None) -> None:
    """Read processes from a backup file into this database (with new ids)."""
    from sqlmodel import select

    from toolkit.db import open_session
    from toolkit.models import User
    from toolkit.processes import backup as backups

    app = _app_or_exit()
    try:
        with open_session(app) as session:
            query = select(User).order_by(User.id)
            if owner:
                query = query.where(User.username == owner.strip().lower())
            user = session.exec(query).first()
            if user is None:
                missing = f"Det finns inget konto {owner}." if owner else "Skapa ett konto först."
                raise click.ClickException(missing)
            process_ids = backups.restore(session, backups.read(backup_file.read()), user.id)
    except (Rejected, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        app.extensions["toolkit.engine"].dispose()
    shown = ", ".join(str(i) for i in process_ids)
    click.echo(f"Återställde {len(process_ids)} processer (nya id: {shown}) åt {user.username}.")


def _app_or_exit(config: dict | None = None):
    from toolkit.content.model import ContentError

    try:
        return create_app(config)
    except ContentError as exc:
        click.echo(f"Fel i innehållet: {exc}", err=True)
        sys.exit(2)
