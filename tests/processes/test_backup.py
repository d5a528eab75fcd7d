"""Backups: a worked process moves between databases, SQLite and PostgreSQL, unchanged."""

import io
import os

import pytest
from click.testing import CliRunner
from sqlmodel import select

from tests.helpers.backups import as_file, normalised
from tests.helpers.web import PASSWORD, page, texts
from toolkit import create_app
from toolkit.accounts import users
from toolkit.cli.commands import cli
from toolkit.db import open_session
from toolkit.errors import Rejected
from toolkit.kinds import casepaths
from toolkit.models import Answer, Participant, Process, User
from toolkit.processes import backup
from toolkit.processes import data as processes
from toolkit.room import answering, joining, steering


@pytest.fixture
def databases(app_config, templates, tmp_path):
    """Make more databases at the newest schema: PostgreSQL when configured, else SQLite files."""
    made, apps = [], []

    def new(kind: str):
        if not os.environ.get("TOOLKIT_TEST_DATABASE_URL"):
            kind = "sqlite"
        url = templates.copy(kind, tmp_path / f"other-{len(apps)}.db")
        made.append(url)
        folder = tmp_path / f"app-{len(apps)}"
        folder.mkdir()
        app = create_app(app_config | {"DATABASE_URL": url, "DATA_DIR": folder})
        apps.append(app)
        with open_session(app) as session:
            users.create_user(session, "mottagare", PASSWORD, "Mo Tagare")
        return app

    yield new
    for app in apps:
        app.extensions["toolkit.engine"].dispose()
    for url in made:
        templates.drop(url)


def work(app, db, room) -> Process:
    """Run part of Workshop 1: names, answers, moderation, roles, timer, a closed exercise."""
    process = db.get(Process, room.process_id)
    workshop = app.extensions["toolkit.content"].workshop("workshop-1")
    exercise = workshop.exercises[0]
    question = exercise.questions[0].key
    anna = joining.join(db, process, room.organisation_ids[0], "Anna")
    nameless = joining.join(db, process, room.organisation_ids[1], "")
    first = answering.add_answer(
        db,
        process,
        workshop,
        exercise,
        question,
        "Elevhälsan ser ”oro”\noch frånvaro",
        participant=anna,
    )
    second = answering.add_answer(
        db, process, workshop, exercise, question, "Ny", participant=nameless
    )
    third = answering.add_answer(
        db, process, workshop, exercise, question, "Från rummet", organisation_id=None
    )
    answering.flag_answer(db, first, highlighted=True)
    answering.edit_answer(db, second, "Socialtjänsten – ändrat svar")
    answering.flag_answer(db, second, hidden=True)
    answering.delete_answer(db, third)
    processes.add_role_member(db, process, "styrgrupp", "Sara Chef", "Socialtjänst")
    steering.set_timer(db, process, "start")
    steering.set_exercise_state(db, process, workshop.key, exercise.key, is_open=False)
    # A case-path step, and one the leader removed: kept with its send's key (never shown).
    casepaths.add_step(db, process, "stress", "Mentorn ringer hem", "Mentor", ["stress"], "s-1")
    casepaths.delete_step(
        db, casepaths.add_step(db, process, "stress", "Fel", "", ["stress"], "s-2")
    )
    return process


def test_a_worked_process_goes_to_the_other_database_and_back_unchanged(app, db, room, databases):
    work(app, db, room)
    original = as_file(backup.dump(db, [room.process_id]))
    assert len(original["tables"]["answer"]) == 3 and len(original["tables"]["participant"]) == 2
    source = "postgresql" if app.config["DATABASE_URL"].startswith("sqlite") else "sqlite"
    there, back = databases(source), databases("sqlite" if source == "postgresql" else "postgresql")
    copies = [original]
    for target in (there, back):
        with open_session(target) as session:
            owner = session.exec(select(User)).one()
            (new_id,) = backup.restore(session, copies[-1], owner.id)
            copies.append(as_file(backup.dump(session, [new_id])))
            assert session.get(Process, new_id).owner_id == owner.id
    assert normalised(copies[1]) == normalised(original)
    assert normalised(copies[2]) == normalised(original)
    moved = copies[2]["tables"]
    assert moved["answer"][0]["text"] == "Elevhälsan ser ”oro”\noch frånvaro"
    assert moved["answer"][0]["created_at"] == original["tables"]["answer"][0]["created_at"]
    assert [row["display_name"] for row in moved["participant"]] == ["Anna", ""]
    steps = [
        (s["text"], s["idempotency_key"], bool(s["deleted_at"])) for s in moved["casepathstep"]
    ]
    assert steps == [("Mentorn ringer hem", "s-1", False), ("Fel", "s-2", True)]


def test_restoring_beside_other_processes_gives_new_ids_and_a_new_code(app, db, room):
    work(app, db, room)
    original = as_file(backup.dump(db, [room.process_id]))
    owner = db.exec(select(User)).one()
    (copy_id,) = backup.restore(db, original, owner.id)
    assert copy_id != room.process_id
    copy = as_file(backup.dump(db, [copy_id]))
    assert {a["id"] for a in copy["tables"]["answer"]}.isdisjoint(
        a["id"] for a in original["tables"]["answer"]
    )
    assert copy["tables"]["process"][0]["join_code"] != room.code
    for dump in (copy, original):
        del dump["tables"]["process"][0]["join_code"]
    assert normalised(copy) == normalised(original)
    assert (
        as_file(backup.dump(db, [room.process_id]))["tables"]["answer"]
        == original["tables"]["answer"]
    )
    assert len(backup.dump(db)["tables"]["process"]) == 2


def test_a_file_that_is_no_backup_is_refused(db):
    with pytest.raises(Rejected, match="inte en säkerhetskopia"):
        backup.restore(db, {"tables": {}}, 1)
    newer = {"format": backup.FORMAT, "version": 1, "tables": {"circle_thing": []}}
    with pytest.raises(Rejected, match="nyare version"):
        backup.restore(db, newer, 1)


def test_backup_and_restore_commands(app, db, room, database_url, tmp_path, databases):
    work(app, db, room)
    runner = CliRunner()
    env = {"DATABASE_URL": database_url, "TOOLKIT_DATA_DIR": str(tmp_path), "SECRET_KEY": "x"}
    file = tmp_path / "kopia.json"
    result = runner.invoke(
        cli, ["backup", "--process", str(room.process_id), "--output", str(file)], env=env
    )
    assert result.exit_code == 0, result.output
    target = databases("sqlite")
    env["DATABASE_URL"] = target.config["DATABASE_URL"]
    result = runner.invoke(cli, ["restore", str(file), "--owner", "mottagare"], env=env)
    assert result.exit_code == 0, result.output
    assert "Återställde 1 processer" in result.output
    with open_session(target) as session:
        restored = session.exec(select(Process)).one()
        assert restored.name == "Ragunda Trampolinen"
        assert len(session.exec(select(Answer)).all()) == 3
    result = runner.invoke(cli, ["restore", str(file), "--owner", "ingen"], env=env)
    assert result.exit_code != 0 and "Det finns inget konto ingen" in result.output


def test_the_leader_downloads_and_uploads_a_process(app, db, room, leader):
    work(app, db, room)
    response = leader.get(f"/processer/{room.process_id}/sakerhetskopia")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="ragunda-trampolinen-'
    )
    upload = {"backup": (io.BytesIO(response.data), "ragunda.json")}
    response = leader.post("/processer/aterstall", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    soup = page(leader.get(response.headers["Location"]))
    assert soup.h1.get_text(strip=True) == "Ragunda Trampolinen"
    new_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    code = db.get(Process, new_id).join_code
    assert code != room.code
    message = f"Processen är hämtad från filen. Deltagarna ansluter med koden {code}."
    assert message in texts(soup, "[role=status]")
    listing = texts(page(leader.get("/processer/")), ".card h2")
    assert listing == ["Ragunda Trampolinen", "Ragunda Trampolinen"]


def test_an_unreadable_upload_says_so_and_changes_nothing(app, db, room, leader):
    upload = {"backup": (io.BytesIO(b"inte json"), "fel.json")}
    response = leader.post("/processer/aterstall", data=upload, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "gick inte att läsa" in texts(page(response), "[role=alert]")[0]
    assert len(db.exec(select(Process)).all()) == 1


def test_only_the_owner_can_download(app, db, room):
    users.create_user(db, "annan", PASSWORD)
    other = app.test_client()
    other.post("/logga-in", data={"username": "annan", "password": PASSWORD})
    assert other.get(f"/processer/{room.process_id}/sakerhetskopia").status_code == 404
    assert (
        other.post(
            f"/processer/{room.process_id}/radera", data={"confirm_name": "Ragunda Trampolinen"}
        ).status_code
        == 404
    )


def test_deleting_a_process_needs_its_name_and_removes_every_row(app, db, room, leader):
    work(app, db, room)
    other = processes.create_process(db, db.exec(select(User)).one(), "Enskede")
    kept = as_file(backup.dump(db, [other.id]))
    response = leader.post(f"/processer/{room.process_id}/radera", data={"confirm_name": "Ragunda"})
    assert response.status_code == 422
    assert (
        "Skriv processens namn, Ragunda Trampolinen, exakt"
        in texts(page(response), "[role=alert]")[0]
    )
    assert db.get(Process, room.process_id) is not None
    response = leader.post(
        f"/processer/{room.process_id}/radera", data={"confirm_name": "Ragunda Trampolinen"}
    )
    assert response.status_code == 302
    left = backup.dump(db, [room.process_id])["tables"]
    assert all(rows == [] for rows in left.values())
    db.expire_all()
    assert db.exec(select(Answer)).all() == []
    assert as_file(backup.dump(db, [other.id]))["tables"] == kept["tables"]


def test_removing_names_keeps_the_answers(app, db, room, leader):
    work(app, db, room)
    response = leader.post(f"/processer/{room.process_id}/ta-bort-namn")
    assert response.status_code == 302
    db.expire_all()
    assert [p.display_name for p in db.exec(select(Participant))] == ["", ""]
    assert len(db.exec(select(Answer)).all()) == 3
    soup = page(leader.get(response.headers["Location"]))
    assert "Deltagarnas namn är borttagna (1 st). Svaren finns kvar." in texts(
        soup, "[role=status]"
    )


def test_a_backup_that_does_not_fit_is_refused_and_nothing_is_added(app, db, room):
    broken = as_file(backup.dump(db, [room.process_id]))
    broken["tables"]["organisation"][0]["name"] = None  # a required field left empty
    owner = db.exec(select(User)).one()
    with pytest.raises(Rejected, match="passar inte ihop"):
        backup.restore(db, broken, owner.id)
    assert len(db.exec(select(Process)).all()) == 1
