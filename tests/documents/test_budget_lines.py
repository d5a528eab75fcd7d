"""Budget lines: a share of full time as typed, lines changed in place, moved and removed."""

from io import BytesIO

import pytest
from docx import Document
from sqlmodel import select

from tests.helpers.web import page, texts
from toolkit.documents import budget
from toolkit.errors import Rejected
from toolkit.models import BudgetLine, Process


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


@pytest.mark.parametrize(
    ("typed", "percent"),
    [
        ("1", 100),
        ("1,0", 100),
        ("0,4", 40),
        ("0.4", 40),
        ("0,40", 40),
        ("40 %", 40),
        ("40%", 40),
        ("40", 40),
        (" 0,25 ", 25),
        ("100 %", 100),
        (",5", 50),
        ("", None),
    ],
)
def test_a_share_of_full_time_is_read_as_typed(typed, percent):
    assert budget.parse_share(typed) == percent


@pytest.mark.parametrize("typed", ["en halv", "1,5", "0", "150 %", "-0,4", "nan", "inf", "0,4,1"])
def test_a_share_that_is_not_one_is_refused_in_swedish(typed):
    with pytest.raises(Rejected, match="Andelen av heltid") as refused:
        budget.parse_share(typed)
    assert "1 är en heltid" in str(refused.value)


def test_a_stored_share_is_shown_as_people_write_it():
    assert [budget.share_as_typed(p) for p in (100, 40, 25, 5, None)] == [
        "1",
        "0,4",
        "0,25",
        "0,05",
        "",
    ]


def add(leader, room, kind, description, amount, share=""):
    line = {"kind": kind, "description": description, "amount": amount, "share": share}
    response = leader.post(docs(room, "/budget/budgetrad"), data=line)
    assert response.status_code == 302, response.text
    return response


def rows(soup, caption):
    """The rows of the budget table with this caption, as lists of cell texts."""
    table = next(t for t in soup.select("#del-budget table") if t.caption.get_text() == caption)
    return [texts(row, "td")[:-1] for row in table.select("tbody tr")]


def lines_in(db, room, side="kostnad"):
    """The descriptions of one side's lines, in the budget's order."""
    db.expire_all()
    lines = budget.budget_of(db, db.get(Process, room.process_id))
    return [line.description for line in lines if line.side == side]


@pytest.fixture
def three_costs(leader, room, db):
    add(leader, room, "kostnad:personal", "Samordnare", "600 000", "1")
    add(leader, room, "kostnad:personal", "Skolsocionom", "240 000", "0,4")
    add(leader, room, "kostnad:lokaler", "Lokal", "50 000")
    add(leader, room, "finansiering:egen-insats", "Kommunen", "890 000")
    return {line.description: line.id for line in db.exec(select(BudgetLine))}


def test_one_full_time_post_is_one_on_the_page_and_in_word(leader, room, three_costs):
    soup = page(leader.get(docs(room, "/budget")))
    assert rows(soup, "Kostnader") == [
        ["Personal", "Samordnare", "1,00", "600 000 kr"],
        ["Personal", "Skolsocionom", "0,40", "240 000 kr"],
        ["Lokaler", "Lokal", "", "50 000 kr"],
    ]
    exported = Document(BytesIO(leader.get(docs(room, "/budget/ladda-ner.docx")).data))
    cells = [[c.text for c in row.cells] for table in exported.tables for row in table.rows]
    assert ["Personal", "Samordnare", "1,00", "600\u00a0000\u00a0kr"] in cells


def test_a_line_is_changed_where_it_stands(leader, room, db, three_costs):
    line_id = three_costs["Skolsocionom"]
    soup = page(leader.get(docs(room, f"/budget?andra-rad={line_id}")))
    editing = soup.select_one(f"#budgetrad-{line_id}")
    assert editing.select_one("[name=description]")["value"] == "Skolsocionom"
    assert editing.select_one("[name=share]")["value"] == "0,4"
    assert editing.select_one("[name=amount]")["value"] == "240000"
    assert editing.select_one("option[selected]")["value"] == "kostnad:personal"
    form = soup.select_one(f"#budgetrad-{line_id}-form")
    assert {field["form"] for field in soup.select("[form]")} == {form["id"]}
    assert len(soup.select("tr.editing")) == 1

    change = {
        "kind": "kostnad:personal",
        "description": "Skolkurator",
        "amount": "300 000",
        "share": "50 %",
    }
    response = leader.post(form["action"], data=change)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dokument/budget#budgetrad-{line_id}")
    soup = page(leader.get(docs(room, "/budget")))
    assert rows(soup, "Kostnader")[1] == ["Personal", "Skolkurator", "0,50", "300 000 kr"]
    assert soup.select_one(f"#budgetrad-{line_id}")
    assert lines_in(db, room) == ["Samordnare", "Skolkurator", "Lokal"]
    assert not soup.select("tr.editing")


def test_a_change_that_cannot_be_read_keeps_what_was_typed(leader, room, db, three_costs):
    line_id = three_costs["Skolsocionom"]
    change = {"kind": "kostnad:personal", "description": "Kurator", "amount": "1", "share": "hel"}
    response = leader.post(docs(room, f"/budget/budgetrad/{line_id}"), data=change)
    assert response.status_code == 422
    row = page(response).select_one(f"#budgetrad-{line_id}.editing")
    assert texts(row, "[role=alert]") == [
        "Andelen av heltid ”hel” är inte ett tal. Skriv andelen av en heltid: "
        "1 är en heltid, 0,4 eller 40 % är 40 procent."
    ]
    assert row.select_one("[name=share]")["value"] == "hel"
    assert row.select_one("[name=share]")["aria-invalid"] == "true"
    assert row.select_one("[name=description]")["value"] == "Kurator"
    db.expire_all()
    assert db.get(BudgetLine, line_id).description == "Skolsocionom"
    assert db.get(BudgetLine, line_id).full_time_percent == 40


def test_a_line_changed_to_the_other_side_goes_to_the_end_of_that_table(
    leader, room, db, three_costs
):
    line_id = three_costs["Lokal"]
    change = {"kind": "finansiering:bidrag", "description": "Bidrag", "amount": "50 000"}
    assert leader.post(docs(room, f"/budget/budgetrad/{line_id}"), data=change).status_code == 302
    soup = page(leader.get(docs(room, "/budget")))
    assert rows(soup, "Finansiering") == [
        ["Egen insats", "Kommunen", "890 000 kr"],
        ["Sökt bidrag", "Bidrag", "50 000 kr"],
    ]
    assert db.get(BudgetLine, line_id).full_time_percent is None


def test_lines_move_up_and_down_within_their_table(leader, room, db, three_costs):
    soup = page(leader.get(docs(room, "/budget")))
    first, last = (f"#budgetrad-{three_costs[name]}" for name in ("Samordnare", "Lokal"))
    assert texts(soup, f"{first} button") == [
        "Flytta ned raden Samordnare",
        "Ta bort raden Samordnare",
    ]
    assert texts(soup, f"{last} button") == ["Flytta upp raden Lokal", "Ta bort raden Lokal"]

    move = docs(room, f"/budget/budgetrad/{three_costs['Lokal']}/flytta")
    response = leader.post(move, data={"riktning": "upp"})
    assert response.headers["Location"].endswith(f"#budgetrad-{three_costs['Lokal']}")
    assert lines_in(db, room) == ["Samordnare", "Lokal", "Skolsocionom"]
    leader.post(move, data={"riktning": "upp"})
    leader.post(move, data={"riktning": "upp"})  # already first: stays
    assert [row[1] for row in rows(page(leader.get(docs(room, "/budget"))), "Kostnader")] == [
        "Lokal",
        "Samordnare",
        "Skolsocionom",
    ]
    leader.post(move, data={"riktning": "ned"})
    assert [r[1] for r in rows(page(leader.get(docs(room, "/budget"))), "Kostnader")] == [
        "Samordnare",
        "Lokal",
        "Skolsocionom",
    ]
    assert lines_in(db, room, "finansiering") == ["Kommunen"]
    response = leader.post(move, data={"riktning": "snett"})
    assert response.status_code == 422
    assert texts(page(response), "#fel-flytta") == ["Välj att flytta raden upp eller ned."]

    exported = Document(BytesIO(leader.get(docs(room, "/budget/ladda-ner.docx")).data))
    costs = [row.cells[1].text for row in exported.tables[0].rows[1:-1]]
    assert costs == ["Samordnare", "Lokal", "Skolsocionom"]


def test_order_holds_when_a_delete_left_two_lines_on_one_position(leader, room, db, three_costs):
    response = leader.post(docs(room, f"/budget/budgetrad/{three_costs['Samordnare']}/ta-bort"))
    assert response.status_code == 302
    add(leader, room, "kostnad:ovrigt", "Resor", "10 000")
    assert lines_in(db, room) == ["Skolsocionom", "Lokal", "Resor"]
    resor = db.exec(select(BudgetLine).where(BudgetLine.description == "Resor")).one()
    leader.post(docs(room, f"/budget/budgetrad/{resor.id}/flytta"), data={"riktning": "upp"})
    soup = page(leader.get(docs(room, "/budget")))
    assert [row[1] for row in rows(soup, "Kostnader")] == ["Skolsocionom", "Resor", "Lokal"]


def test_a_line_is_removed(leader, room, db, three_costs):
    line_id = three_costs["Skolsocionom"]
    assert leader.post(docs(room, f"/budget/budgetrad/{line_id}/ta-bort")).status_code == 302
    soup = page(leader.get(docs(room, "/budget")))
    assert [row[1] for row in rows(soup, "Kostnader")] == ["Samordnare", "Lokal"]
    assert texts(soup, "[role=status]")[-1] == "Raden Skolsocionom är borttagen."
    assert db.get(BudgetLine, line_id) is None


def test_another_process_lines_are_not_reached(leader, room, db, three_costs):
    other = leader.post(
        "/processer/", data={"name": "Annan", "municipality": "", "organisations": ""}
    )
    other_id = other.headers["Location"].rstrip("/").split("/")[-1]
    line_id = three_costs["Lokal"]
    url = f"/processer/{other_id}/dokument/budget/budgetrad/{line_id}"
    assert (
        leader.post(
            url, data={"kind": "kostnad:lokaler", "description": "x", "amount": "1"}
        ).status_code
        == 404
    )
    assert leader.post(f"{url}/flytta", data={"riktning": "upp"}).status_code == 404
    assert leader.post(f"{url}/ta-bort").status_code == 404
    assert db.get(BudgetLine, line_id).process_id == db.get(Process, room.process_id).id


def test_a_share_saved_before_means_what_it_meant(db, room, leader):
    """Shares are stored as whole per cent, as before: a stored 40 is still 0,40."""
    process = db.get(Process, room.process_id)
    db.add(
        BudgetLine(
            process_id=process.id,
            side="kostnad",
            kind="personal",
            description="Äldre",
            amount=1,
            full_time_percent=40,
        )
    )
    db.commit()
    soup = page(leader.get(docs(room, "/budget")))
    assert rows(soup, "Kostnader") == [["Personal", "Äldre", "0,40", "1 kr"]]
