"""A restore only creates: a crafted or broken file changes nothing and says why in Swedish."""

import io
import json

import pytest
from sqlmodel import select

from tests.helpers.backups import as_file
from tests.helpers.web import PASSWORD, page, texts
from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.models import Organisation, Process
from toolkit.processes import backup, data_views
from toolkit.processes import data as processes
from toolkit.room import answering, joining

OUTSIDE = "Säkerhetskopian pekar på något som inte finns i filen"


@pytest.fixture
def leader_a(app, db, room):
    """Leader A's process: participants, answers, insatser merged in the circles."""
    process = db.get(Process, room.process_id)
    workshop = app.extensions["toolkit.content"].workshop("workshop-1")
    exercise = workshop.exercises[0]
    anna = joining.join(db, process, room.organisation_ids[0], "Anna")
    answering.add_answer(
        db, process, workshop, exercise, exercise.questions[0].key, "Oro", participant=anna
    )
    first = changes.add_insats(db, process, "Föräldrastöd", "a")
    second = changes.add_insats(db, process, "Föräldrastöd i grupp", "a")
    changes.merge_insatser(db, process, [first.id, second.id])
    return process


@pytest.fixture
def leader_b(app, db):
    """Leader B, logged in, with a process of their own."""
    users.create_user(db, "bertil", PASSWORD, "Bertil")
    client = app.test_client()
    client.post("/logga-in", data={"username": "bertil", "password": PASSWORD})
    response = client.post(
        "/processer/", data={"name": "Enskede", "municipality": "Stockholm", "organisations": ""}
    )
    assert response.status_code == 302
    return client


def own_backup(client, db) -> dict:
    """The backup of the client's newest process, downloaded through the page."""
    process_id = max(p.id for p in db.exec(select(Process)))
    response = client.get(f"/processer/{process_id}/sakerhetskopia")
    assert response.status_code == 200
    return json.loads(response.data)


def upload(client, content: bytes):
    files = {"backup": (io.BytesIO(content), "kopia.json")}
    return client.post("/processer/aterstall", data=files, content_type="multipart/form-data")


def refusal(response) -> str:
    assert response.status_code == 422
    [message] = texts(page(response), "#restore-error")
    return message


def a_state(db, process_id: int) -> dict:
    db.expire_all()
    return as_file(backup.dump(db, [process_id]))["tables"]


def into_a(a: Process, db, file: dict, crafting: str) -> dict:
    """B's file, changed so that one of its rows points into A's process."""
    tables = file["tables"]
    a_org = min(o.id for o in db.exec(select(Organisation).where(Organisation.process_id == a.id)))
    a_dump = as_file(backup.dump(db, [a.id]))["tables"]
    if crafting == "organisation in A's process":
        tables["organisation"].append({"id": 900, "process_id": a.id, "name": "In", "position": 9})
    elif crafting == "answer in A's process, no process in the file":
        del tables["process"]
        answer = dict(a_dump["answer"][0], id=901, text="Eleven 19811218-9876")
        tables["answer"] = [answer]
    elif crafting == "answer from A's organisation":
        answer = dict(a_dump["answer"][0], id=902, process_id=tables["process"][0]["id"])
        answer.update(organisation_id=a_org, participant_id=None)
        tables["answer"] = [answer]
    elif crafting == "circles set to A's organisations":
        tables["circlesetup"] = [
            {"id": 903, "process_id": tables["process"][0]["id"], "organisation_a": a_org}
        ]
    elif crafting == "undo of a merge reaching A's insatser":
        own = tables["process"][0]["id"]
        tables["insats"] = [dict(row, process_id=own) for row in a_dump["insats"]][:1]
        tables["insatschange"] = [
            dict(row, process_id=own, insats_id=tables["insats"][0]["id"])
            for row in a_dump["insatschange"]
        ]
        assert tables["insatschange"][0]["merged_ids"]  # the ids of A's insatser
    return file


@pytest.mark.parametrize(
    "crafting",
    [
        "organisation in A's process",
        "answer in A's process, no process in the file",
        "answer from A's organisation",
        "circles set to A's organisations",
        "undo of a merge reaching A's insatser",
    ],
)
def test_a_file_pointing_into_another_leaders_process_changes_nothing(
    leader_a, leader_b, db, crafting
):
    before = a_state(db, leader_a.id)
    count = len(db.exec(select(Process)).all())
    crafted = into_a(leader_a, db, own_backup(leader_b, db), crafting)
    message = refusal(upload(leader_b, json.dumps(crafted).encode()))
    if crafting == "answer in A's process, no process in the file":
        assert (
            message == "Säkerhetskopian är skadad och lästes inte in. Den innehåller ingen process."
        )
    else:
        assert message.startswith(OUTSIDE) and message.endswith("inget har ändrats.")
    assert a_state(db, leader_a.id) == before
    assert len(db.exec(select(Process)).all()) == count


def test_b_can_still_restore_their_own_file(leader_a, leader_b, db):
    before = a_state(db, leader_a.id)
    response = upload(leader_b, json.dumps(own_backup(leader_b, db)).encode())
    assert response.status_code == 302
    assert texts(page(leader_b.get("/processer/")), ".card h2") == ["Enskede", "Enskede"]
    assert a_state(db, leader_a.id) == before


def test_a_restored_copy_undoes_its_own_merge_not_the_originals(leader_a, leader, db):
    """Restoring beside the original maps the merge's plain ids to the copy's insatser."""
    response = upload(leader, leader.get(f"/processer/{leader_a.id}/sakerhetskopia").data)
    copy_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    before = a_state(db, leader_a.id)
    copy = db.get(Process, copy_id)
    changes.undo_last(db, copy)
    assert a_state(db, leader_a.id) == before
    restored = a_state(db, copy_id)["insats"]
    assert [row["deleted_at"] for row in restored] == [None, None]


def test_a_personnummer_in_a_restored_text_is_refused_like_in_the_form(leader_b, db):
    file = own_backup(leader_b, db)
    file["tables"]["organisation"][0]["name"] = "Skola 811218-9876"
    message = refusal(upload(leader_b, json.dumps(file).encode()))
    assert message.startswith(
        "Organisationens namn innehåller något som ser ut som ett personnummer"
    )
    assert len(db.exec(select(Process)).all()) == 1


def deep(levels: int) -> bytes:
    head = b'{"format": "samverkansverkstaden-backup", "version": 1, "tables": '
    return head + b"[" * levels + b"]" * levels + b"}"


def with_change(change):
    def make(file: dict) -> bytes:
        change(file)
        return json.dumps(file).encode()

    return make


BROKEN = "Säkerhetskopian är skadad och lästes inte in."
UNREADABLE = "Filen gick inte att läsa som en säkerhetskopia från verktyget."
NOT_A_BACKUP = "Filen är inte en säkerhetskopia från Samverkansverkstaden."
NEWER = "Säkerhetskopian kommer från en nyare version av verktyget"


def set_row(table, **values):
    return with_change(lambda f: f["tables"][table][0].update(values))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda f: b"inte json", UNREADABLE),
        (lambda f: b"\xff\xfe\x00{", UNREADABLE),
        (lambda f: b"[1, 2]", NOT_A_BACKUP),
        (lambda f: b'"samverkansverkstaden-backup"', NOT_A_BACKUP),
        (lambda f: b"1" * 5000, UNREADABLE),
        (lambda f: deep(100_000), UNREADABLE),
        (lambda f: deep(50), BROKEN),
        (with_change(lambda f: f.update(tables=list(f["tables"].values()))), BROKEN),
        (with_change(lambda f: f.update(tables=None)), BROKEN),
        (with_change(lambda f: f["tables"].update(process=[1, 2])), BROKEN),
        (with_change(lambda f: f["tables"].update(process="rader")), BROKEN),
        (with_change(lambda f: f.update(version=2)), "format som den här versionen inte känner"),
        (set_row("process", id=10**30), BROKEN),
        (set_row("process", timer_duration=10**30), BROKEN),
        (set_row("process", timer_duration=-(2**40)), BROKEN),
        (set_row("process", name=10**30), BROKEN),
        (set_row("process", name=["Enskede"]), BROKEN),
        (set_row("process", name={"a": {"b": {"c": []}}}), BROKEN),
        (set_row("process", show_names="ja"), BROKEN),
        (set_row("process", timer_duration=True), BROKEN),
        (set_row("process", timer_duration=1.5), BROKEN),
        (set_row("process", created_at="igår"), BROKEN),
        (set_row("process", created_at=20240101), BROKEN),
        (set_row("process", id="1"), BROKEN),
        (set_row("organisation", process_id="1"), BROKEN),
        (set_row("process", name="x" * 121), "Processens namn har 121 tecken; högst 120"),
        (set_row("process", name=None), "passar inte ihop med den här databasen"),
        (set_row("process", hemligt=1), "fält som den här versionen inte känner till"),
        (with_change(lambda f: f["tables"].update(losenord=[])), NEWER),
        (
            with_change(
                lambda f: f["tables"]["organisation"].append(f["tables"]["organisation"][0])
            ),
            BROKEN,
        ),
    ],
)
def test_a_malformed_file_is_a_swedish_message_on_the_processes_page(leader_b, db, make, expected):
    content = make(own_backup(leader_b, db))
    response = upload(leader_b, content)
    assert expected in refusal(response)
    assert page(response).h1.get_text(strip=True) == "Mina processer"
    assert len(db.exec(select(Process)).all()) == 1


def test_a_huge_file_is_refused_before_it_is_read(leader_b, db, monkeypatch):
    file = json.dumps(own_backup(leader_b, db)).encode()
    monkeypatch.setattr(data_views, "UPLOAD_LIMIT", len(file) - 1)
    assert refusal(upload(leader_b, file)) == "Filen är för stor för en säkerhetskopia."
    assert len(db.exec(select(Process)).all()) == 1


def test_no_file_chosen_says_so(leader_b):
    response = leader_b.post("/processer/aterstall", data={}, content_type="multipart/form-data")
    assert refusal(response) == "Välj filen med säkerhetskopian."


def test_restoring_creates_every_row_anew(leader_a, leader, db):
    """Every row of the copy is new and belongs to the new process, none to the original."""
    original = a_state(db, leader_a.id)
    response = upload(leader, leader.get(f"/processer/{leader_a.id}/sakerhetskopia").data)
    copy_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    copy = a_state(db, copy_id)
    for name, rows in copy.items():
        assert len(rows) == len(original[name]), name
        assert {r["id"] for r in rows}.isdisjoint(r["id"] for r in original[name]), name
    assert all(row["process_id"] == copy_id for row in copy["answer"] + copy["insats"])
    a_orgs = {o.id for o in processes.organisations_of(db, leader_a)}
    assert not {row["organisation_id"] for row in copy["answer"]} & a_orgs


def test_an_undo_never_reaches_another_process_even_from_a_row_that_slipped_in(
    leader_a, leader_b, db
):
    """Undo checks the insatser itself, not only the restore that wrote the change."""
    own_id = max(p.id for p in db.exec(select(Process)))
    own = db.get(Process, own_id)
    mine = changes.add_insats(db, own, "Läxhjälp", "a")
    a_ids = [row["id"] for row in a_state(db, leader_a.id)["insats"]]
    changes.remove_insats(db, own, mine.id)
    change = changes.last_change(db, own)
    change.merged_ids = ",".join(map(str, a_ids))
    db.add(change)
    db.commit()
    before = a_state(db, leader_a.id)
    response = leader_b.post(f"/processer/{own_id}/cirklar/angra", headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert "finns inte i den här processen" in texts(page(response), "[role=alert]")[0]
    assert a_state(db, leader_a.id) == before
