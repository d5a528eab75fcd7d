"""Control characters typed or pasted into any form are removed at the door, never a 500."""

import pytest
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.models import Answer, Process

# Every C0 control character but tab, newline, \x0b, \x0c and \r, which are spacing and breaks.
CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\x0b\x0c\r") + "\x7f\x85"


def test_an_answer_with_control_characters_is_saved_without_them(join, room, db):
    client = join()
    response = client.post(
        f"/rum/{room.process_id}/svar",
        data={
            "workshop": "workshop-1",
            "exercise": "ovning-1",
            "question": "varfor",
            "text": f"Elevhälsan{CONTROLS} behöver\nstöd",
        },
    )
    assert response.status_code in (200, 302)
    db.expire_all()
    [answer] = db.exec(select(Answer)).all()
    assert answer.text == "Elevhälsan behöver\nstöd"


def test_a_login_with_a_nul_is_refused_plainly(client, leader):
    response = client.post("/logga-in", data={"username": "le\x00da", "password": "fel\x00"})
    assert response.status_code == 422
    assert texts(page(response), "[role=alert]") == ["Fel användarnamn eller lösenord."]


@pytest.mark.parametrize("field", ["name", "municipality"])
def test_a_process_named_with_control_characters_is_kept_without_them(leader, db, field):
    form = {"name": "Ragunda", "municipality": "Ragunda kommun", "organisations": "Skola"}
    form[field] = f"Ragunda{CONTROLS} Trampolinen"
    response = leader.post("/processer/", data=form)
    assert response.status_code == 302
    db.expire_all()
    process = db.exec(select(Process).order_by(Process.id.desc())).first()
    assert getattr(process, field) == "Ragunda Trampolinen"
