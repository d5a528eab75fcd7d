"""Every stored text passes one guard: length, control characters, personnummer; both databases."""

import io
import json
from dataclasses import dataclass

import pytest
from sqlmodel import SQLModel, select

from tests.helpers.web import PASSWORD, page, texts
from tests.helpers.worked_process import build_trampolinen, work_workshops_2_and_3
from toolkit.accounts import users
from toolkit.errors import Rejected
from toolkit.models import (
    ActionPlanVersion,
    Answer,
    DocumentSection,
    ExerciseState,
    Insats,
    InsatsChange,
    Invitation,
    JoinAttempt,
    JoinTurn,
    LocalVignette,
    LoginFailure,
    Organisation,
    PasswordLink,
    Process,
    ProcessChange,
    RoleMember,
    SectionComment,
    StartUpItem,
    TeamMember,
    WordTemplate,
    utcnow,
)
from toolkit.processes import backup
from toolkit.texts import privacy, text_guard

PERSONNUMMER = "19811218-9876"
SAMORDNINGSNUMMER = "811278-0005"  # the 18th plus 60
WRONG_CHECK_DIGIT = "811218-9877"
CONTROLS = "\x00\x01\x08\x0e\x1f\x7f\x85"
HTMX = {"HX-Request": "true"}
# The tables `every_table` fills: every table with a text column, so one added later fails
# `every_table` until the fixture gives it a row.
TABLES_OF_THIS_TEST = {
    *("jointurn", "loginfailure", "startupitem"),
    *("actionplanversion", "activity", "answer", "budgetline", "casepathstep"),
    *("chosentargetgroup", "documentsection", "exercisestate", "goal", "insats"),
    *("insatschange", "joinattempt", "localvignette", "modelpart", "organisation"),
    *("participant", "process", "rolemember", "survey", "surveyresponse", "targetgroupvote"),
    *("user", "vignetteanswer", "vignettegroup", "wordtemplate", "workshopstate"),
    *("teammember", "invitation", "sectioncomment", "passwordlink", "processchange"),
}


def text_columns():
    """Every text column of every table, with its model class and attribute."""
    found = []
    for mapper in sorted(SQLModel._sa_registry.mappers, key=lambda m: m.local_table.name):
        for prop in mapper.column_attrs:
            if text_guard.holds_text(prop.columns[0]):
                found.append((mapper.class_, prop.key, prop.columns[0]))
    return found


def test_the_walk_sees_the_fields_the_forms_fill():
    walked = {(c.table.name, c.name) for _, _, c in text_columns()}
    assert {("process", "name"), ("process", "municipality"), ("organisation", "name")} <= walked
    assert {("rolemember", "name"), ("answer", "text"), ("documentsection", "text")} <= walked
    assert {("user", "password_hash"), ("process", "join_code"), ("survey", "token")} <= walked


@pytest.fixture
def every_table(app, db, project_content):
    """A worked process with at least one row in every table that holds text."""
    owner = users.create_user(db, "agare", PASSWORD, "Ägare")
    process = build_trampolinen(db, project_content, owner)
    work_workshops_2_and_3(db, project_content, process)
    insats = db.exec(select(Insats)).first()
    reader = users.create_user(db, "lasaren", PASSWORD, "Läsaren")
    db.add_all(
        [
            RoleMember(process_id=process.id, role="styrgrupp", name="Sara Chef"),
            LocalVignette(
                process_id=process.id,
                title="Kim",
                name="Kim",
                age=9,
                stage="grundskola",
                target_groups="",
                text="Påhittad.",
            ),
            ExerciseState(process_id=process.id, workshop_key="workshop-1", exercise_key="x"),
            ActionPlanVersion(process_id=process.id, number=1, snapshot="{}"),
            InsatsChange(
                process_id=process.id,
                insats_id=insats.id,
                action="move",
                old_region="a",
                old_text="SIP",
            ),
            JoinAttempt(client="192.0.2.1"),
            WordTemplate(process_id=process.id, filename="mall.docx", content=b""),
            StartUpItem(
                process_id=process.id, item_key="tank-pa-att-1", text="Prata med politiken."
            ),
            LoginFailure(username="agare", client="192.0.2.1"),
            JoinTurn(key="192.0.2.1", until=utcnow()),
            TeamMember(process_id=process.id, user_id=reader.id, role="lasare"),
            Invitation(
                process_id=process.id, role="lasare", token_hash="a" * 64, expires_at=utcnow()
            ),
            SectionComment(
                process_id=process.id, document="beslutsunderlag", section_key="x", text="Bra."
            ),
            PasswordLink(user_id=reader.id, token_hash="b" * 64, expires_at=utcnow()),
            ProcessChange(
                process_id=process.id, username="agare", actor_name="Ägare", text="dolde ett svar"
            ),
        ]
    )
    db.commit()
    empty = {m.__tablename__ for m, _, _ in text_columns() if first(db, m) is None}
    assert not empty, "every table with a text column has a row to write through the hook"
    assert {m.__tablename__ for m, _, _ in text_columns()} <= TABLES_OF_THIS_TEST
    return process


def first(db, model):
    """The table's first row by id (PostgreSQL returns rows in no fixed order otherwise)."""
    return db.exec(select(model).order_by(*model.__table__.primary_key.columns)).first()


def store(db, model, attribute, column, value) -> tuple[str, list[str]]:
    """Write the value into the table's first row: what is stored and the warnings, or Rejected."""
    row = first(db, model)
    if row is None:  # a table the fixture does not fill yet: the guard as the hook runs it
        text, warning = text_guard.guarded(column, value)
        return text, [warning] if warning else []
    setattr(row, attribute, value)
    db.add(row)
    db.commit()
    db.expire_all()
    return getattr(first(db, model), attribute), text_guard.take_warnings(db)


@pytest.mark.parametrize("number", [PERSONNUMMER, SAMORDNINGSNUMMER])
def test_every_text_column_refuses_a_personnummer(every_table, db, number):
    wrong = []
    for model, attribute, column in text_columns():
        key = (column.table.name, column.name)
        if key in text_guard.MACHINE_KEPT or text_guard.limit(column) < len(number):
            continue
        before = getattr(first(db, model), attribute)
        try:
            store(db, model, attribute, column, number)
            wrong.append(f"{key}: stored")
        except Rejected as exc:
            if str(exc) != privacy.refusal(text_guard.label(column)):
                wrong.append(f"{key}: {exc}")
        db.expire_all()
        if getattr(first(db, model), attribute) != before:
            wrong.append(f"{key}: changed")
    assert wrong == []


def test_every_text_column_keeps_a_wrong_check_digit_with_a_warning(every_table, db):
    text_guard.take_warnings(db)
    wrong = []
    for model, attribute, column in text_columns():
        key = (column.table.name, column.name)
        if key in text_guard.MACHINE_KEPT or text_guard.limit(column) < len(WRONG_CHECK_DIGIT):
            continue
        stored, warnings = store(db, model, attribute, column, WRONG_CHECK_DIGIT)
        if stored != WRONG_CHECK_DIGIT:
            wrong.append(f"{key}: not stored")
        if warnings != [privacy.caution(text_guard.label(column))]:
            wrong.append(f"{key}: no warning")
    assert wrong == []


def test_every_text_column_stores_no_control_characters_or_nul(every_table, db):
    wrong = []
    for model, attribute, column in text_columns():
        stored, _ = store(db, model, attribute, column, f"a{CONTROLS}b")
        if stored != "ab":
            wrong.append(f"{(column.table.name, column.name)}: {stored!r}")
    assert wrong == []


def test_every_text_column_refuses_what_it_cannot_hold(every_table, db):
    wrong = []
    for model, attribute, column in text_columns():
        most = text_guard.limit(column)
        if most > 100_000:
            continue
        try:
            store(db, model, attribute, column, "x" * (most + 1))
            wrong.append(f"{(column.table.name, column.name)}: stored")
        except Rejected as exc:
            if f"högst {most} tecken" not in str(exc):
                wrong.append(f"{(column.table.name, column.name)}: {exc}")
    assert wrong == []


@dataclass
class Form:
    """A form that stores a text: how to post a value, where it lands, what the field is called."""

    name: str
    label: str
    model: type
    attribute: str
    url: str
    data: dict
    field: str
    as_participant: bool = False

    def post(self, leader, join, room, value: str, headers=None):
        client = join() if self.as_participant else leader
        data = dict(self.data)
        template = data.get(self.field, "")
        data[self.field] = template.format(value=value) if "{value}" in template else value
        url = self.url.format(id=room.process_id)
        return client.post(url, data=data, headers=headers or {}, follow_redirects=True)

    def stored(self, db) -> list[str]:
        db.expire_all()
        return list(db.exec(select(getattr(self.model, self.attribute))))


ANSWER = {"workshop": "workshop-1", "exercise": "ovning-1", "question": "varfor"}
NEW = {"name": "Enskede", "municipality": "Stockholm", "organisations": ""}
SETTINGS = {"name": "Ragunda Trampolinen", "municipality": "Ragunda kommun"}
FORMS = [
    Form("ny process", "Processens namn", Process, "name", "/processer/", NEW, "name"),
    Form(
        "ny process, kommun",
        "Kommunen",
        Process,
        "municipality",
        "/processer/",
        NEW,
        "municipality",
    ),
    Form(
        "ny process, organisation",
        "Organisationens namn",
        Organisation,
        "name",
        "/processer/",
        {**NEW, "organisations": "Skola\n{value}"},
        "organisations",
    ),
    Form(
        "inställningar",
        "Processens namn",
        Process,
        "name",
        "/processer/{id}/installningar",
        SETTINGS,
        "name",
    ),
    Form(
        "inställningar, kommun",
        "Kommunen",
        Process,
        "municipality",
        "/processer/{id}/installningar",
        SETTINGS,
        "municipality",
    ),
    Form(
        "organisationer",
        "Organisationens namn",
        Organisation,
        "name",
        "/processer/{id}/organisationer",
        {"organisations": "Skola/elevhälsa\nSocialtjänst\n{value}"},
        "organisations",
    ),
    Form(
        "roll",
        "Namnet",
        RoleMember,
        "name",
        "/processer/{id}/roller",
        {"role": "styrgrupp", "organisation": "IFO"},
        "name",
    ),
    Form(
        "roll, organisation",
        "Organisationen",
        RoleMember,
        "organisation",
        "/processer/{id}/roller",
        {"role": "styrgrupp", "name": "Sara Chef"},
        "organisation",
    ),
    Form("svar", "Svaret", Answer, "text", "/rum/{id}/svar", ANSWER, "text", as_participant=True),
    Form(
        "svar i styrvyn",
        "Svaret",
        Answer,
        "text",
        "/processer/{id}/styr/svar",
        {"question": "varfor"},
        "text",
    ),
    Form(
        "avsnitt",
        "Avsnittets text",
        DocumentSection,
        "text",
        "/processer/{id}/dokument/beslutsunderlag/avsnitt/bakgrund",
        {},
        "text",
    ),
]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
@pytest.mark.parametrize("number", [PERSONNUMMER, SAMORDNINGSNUMMER])
def test_each_form_refuses_a_personnummer_naming_the_field(leader, join, room, db, form, number):
    value = f"Kalle {number}"
    response = form.post(leader, join, room, value)
    assert response.status_code == 422
    assert privacy.refusal(form.label) in texts(page(response), "[role=alert]")
    assert not any(number in text for text in form.stored(db))


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_each_form_keeps_a_wrong_check_digit_and_says_so(leader, join, room, db, form):
    value = f"Kalle {WRONG_CHECK_DIGIT}"
    response = form.post(leader, join, room, value)
    assert response.status_code == 200
    assert texts(page(response), ".warning[role=alert]") == [privacy.caution(form.label)]
    assert value in form.stored(db)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_each_form_stores_no_control_characters(leader, join, room, db, form):
    response = form.post(leader, join, room, f"Ragunda{CONTROLS} Trampolinen")
    assert response.status_code == 200
    assert "Ragunda Trampolinen" in form.stored(db)
    assert texts(page(response), ".warning[role=alert]") == []


def test_a_participant_sees_the_warning_in_the_swapped_form(join, room, db):
    form = FORMS[[f.name for f in FORMS].index("svar")]
    response = form.post(None, join, room, f"Kalle {WRONG_CHECK_DIGIT}", headers=HTMX)
    soup = page(response)
    assert soup.select_one("form.answer-form") is not None and soup.h1 is None
    assert texts(soup, ".warning[role=alert]") == [privacy.caution("Svaret")]
    assert texts(soup, ".saved") == ["Ditt svar är sparat."]


def restore(leader, dump: dict):
    files = {"backup": (io.BytesIO(json.dumps(dump).encode()), "kopia.json")}
    return leader.post(
        "/processer/aterstall",
        data=files,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_a_backup_with_control_characters_restores_cleaned(leader, room, db):
    dump = json.loads(leader.get(f"/processer/{room.process_id}/sakerhetskopia").data)
    dump["tables"]["process"][0]["name"] = f"Ragunda{CONTROLS} kopia"
    dump["tables"]["organisation"][0]["name"] = f"Skola{CONTROLS}/elevhälsa"
    response = restore(leader, dump)
    assert response.status_code == 200
    assert page(response).h1.get_text(strip=True) == "Ragunda kopia"
    assert "Skola/elevhälsa" in [o.name for o in db.exec(select(Organisation))]
    assert len([o for o in db.exec(select(Organisation)) if o.name == "Skola/elevhälsa"]) == 2


def test_a_backup_is_held_to_the_forms_rules(leader, room, db):
    dump = json.loads(leader.get(f"/processer/{room.process_id}/sakerhetskopia").data)
    dump["tables"]["process"][0]["municipality"] = f"Ragunda {PERSONNUMMER}"
    response = restore(leader, dump)
    assert response.status_code == 422
    assert texts(page(response), "#restore-error") == [privacy.refusal("Kommunen")]
    dump["tables"]["process"][0]["municipality"] = f"Ragunda {WRONG_CHECK_DIGIT}"
    response = restore(leader, dump)
    assert response.status_code == 200
    assert texts(page(response), ".warning[role=alert]") == [privacy.caution("Kommunen")]
    assert len(db.exec(select(Process)).all()) == 2
    assert backup.FORMAT == dump["format"]


@pytest.mark.parametrize("username", [PERSONNUMMER, WRONG_CHECK_DIGIT, "x" * 500])
def test_what_a_failed_login_typed_is_counted_never_refused(client, leader, username):
    response = client.post("/logga-in", data={"username": username, "password": "fel"})
    assert response.status_code == 422
    assert texts(page(response), "[role=alert]") == ["Fel användarnamn eller lösenord."]


def test_a_section_saved_by_htmx_shows_the_warning_in_its_fragment(leader, room):
    url = f"/processer/{room.process_id}/dokument/beslutsunderlag/avsnitt/bakgrund"
    response = leader.post(url, data={"text": f"Kalle {WRONG_CHECK_DIGIT}"}, headers=HTMX)
    assert response.status_code == 200
    soup = page(response)
    assert texts(soup, ".warning[role=alert]") == [privacy.caution("Avsnittets text")]
    assert texts(soup, ".saved") == ["Sparat"]
