"""Every form a leader can send either changes nothing or leaves a record of who changed what.

The walk follows the leader's pages of a worked process (every exercise of every workshop on
the control view), sends each form and each of its buttons, and compares the process's backup
before and after: a route that changes the process without a record fails here, as does a
leader route that no page offers a form for (unless it is named below, with why).
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlmodel import func, select

from tests.helpers.web import PASSWORD
from tests.helpers.worked_process import build_trampolinen, work_workshops_2_and_3
from toolkit.accounts import users
from toolkit.documents import comments
from toolkit.models import ProcessChange, RoleMember, WordTemplate
from toolkit.processes import access, backup, team
from toolkit.processes import data as processes
from toolkit.vignettes import grouping

# Leader routes no page's form reaches in the walk, and why that is right.
NOT_WALKED = {
    "processdata.delete": "deletes the process and its record with it",
    "processdata.remove_names": "its own test: tests/processes/test_activity.py",
    "control.add_answer": "its own test: tests/processes/test_activity.py",
}
SKIPPED_LINKS = re.compile(r"ladda-ner|\.png|\.svg|\.docx|\.md$|/live/|/radera|/projektor")


def leader_post_endpoints(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/processer/<int:process_id>") and "POST" in rule.methods
    }


def snapshot(db, process_id: int) -> str:
    db.expire_all()
    dumped = backup.dump(db, [process_id])
    dumped["tables"].pop("processchange")
    for rows in dumped["tables"].values():
        for row in rows:  # what the app counts up or stamps by itself, not a change to see
            for key in ("version", "updated_at"):
                row.pop(key, None)
    return json.dumps(dumped["tables"] | {"team": dumped["team"]}, sort_keys=True)


def submissions(html: str, base: str):
    """Each form under the process (and each of its named buttons) as (url, data), and each
    button that posts by htmx alone."""
    soup = BeautifulSoup(html, "html.parser")
    for button in soup.select("[hx-post]"):
        url = button["hx-post"]
        if button.name == "form" or not url.startswith(base):
            continue
        form = button.find_parent("form")
        data = fields_of(soup, form) if form else {}
        data |= json.loads(button.get("hx-vals") or "{}")
        for selector in filter(None, [button.get("hx-include")]):
            for included in soup.select(selector):
                data |= fields_of(soup, included)
        yield url, data
    for form in soup.select("form"):
        url = form.get("action") or form.get("hx-post") or ""
        if (form.get("method") or "get").lower() != "post" or not url.startswith(base):
            continue
        data = fields_of(soup, form)
        buttons = [
            b
            for b in form.select("button")
            if (b.get("type") or "submit") == "submit" and b.get("name")
        ]
        if not buttons:
            yield url, data
        for button in buttons:
            yield url, data | {button["name"]: button.get("value", "")}


def fields_of(soup: BeautifulSoup, form) -> dict:
    """A form's values as a browser would send them, empty fields filled with something."""
    fields = form.select("input, select, textarea")
    if form.name in ("input", "select", "textarea"):
        fields = [form]
    if form.get("id"):
        fields += soup.select(f'[form="{form["id"]}"]')
    data = {}
    for field in fields:
        name, kind = field.get("name"), (field.get("type") or "").lower()
        if not name or kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            option = field.select_one("option[selected]") or field.select_one("option")
            data[name] = option.get("value", option.get_text()) if option else ""
        elif field.name == "textarea":
            data[name] = field.get_text() or "Ett nytt stycke."
        else:
            data[name] = field.get("value", "") or EMPTY_FILLED.get(kind, "")
    return data


EMPTY_FILLED = {"number": "2", "date": "2027-03-01", "": "Prova", "text": "Prova"}


@pytest.fixture
def worked(app, db, project_content, leader):
    """A worked process with something of every kind a leader can remove, and an empty one."""
    owner = users.authenticate(db, "leda", PASSWORD)
    process = build_trampolinen(db, project_content, owner)
    work_workshops_2_and_3(db, project_content, process)
    users.create_user(db, "kim", PASSWORD, "Kim Ek")
    team.add_member(db, process, "kim", access.CO_LEADER)
    team.create_invitation(db, process, access.READER)
    comments.add_comment(db, process, "beslutsunderlag", "bakgrund", owner, "Bra början.")
    db.add(RoleMember(process_id=process.id, role="styrgrupp", name="Sara Chef"))
    db.add(WordTemplate(process_id=process.id, filename="mall.docx", content=b""))
    db.commit()
    grouping.report(db, process, "start")  # a group reporting back: its focus form is shown
    empty = processes.create_process(db, owner, "Tom process", "Ragunda kommun", ["Skola"])
    return process, empty


def test_every_leader_form_that_changes_the_process_leaves_a_record(
    app, db, leader, worked, project_content
):
    reached, unrecorded, seen_pages, sent = set(), [], set(), set()
    endpoint_of = app.url_map.bind("localhost")

    def walk(url: str, pid: int):
        base = f"/processer/{pid}"
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen_pages or SKIPPED_LINKS.search(parts.path):
            return
        seen_pages.add(path)
        response = leader.get(path)
        if response.status_code != 200 or "html" not in response.content_type:
            return
        html = response.get_data(as_text=True)
        # The pages this one links to first: its forms may remove what they show.
        for link in BeautifulSoup(html, "html.parser").select("a[href]"):
            if link["href"].startswith(base):
                walk(link["href"], pid)
        for target, data in list(submissions(html, base)):
            key = (urlsplit(target).path, json.dumps(data, sort_keys=True))
            if key in sent:
                continue
            sent.add(key)
            endpoint, _ = endpoint_of.match(urlsplit(target).path, method="POST")
            reached.add(endpoint)
            before = snapshot(db, pid)
            records = count_changes(db, pid)
            answer = leader.post(target, data=data)
            assert answer.status_code < 500, (target, data)
            if snapshot(db, pid) != before and count_changes(db, pid) == records:
                unrecorded.append(f"{endpoint}: {data}")

    for process in worked:
        for workshop in project_content.workshops:
            for exercise in workshop.exercises:
                leader.post(
                    f"/processer/{process.id}/styr/visa",
                    data={"workshop": workshop.key, "exercise": exercise.key},
                )
                seen_pages.discard(f"/processer/{process.id}/styr")
                walk(f"/processer/{process.id}/styr", process.id)
        walk(f"/processer/{process.id}", process.id)
    assert unrecorded == []
    missing = sorted(leader_post_endpoints(app) - reached - set(NOT_WALKED))
    assert not missing, "\n".join(missing)


def count_changes(db, process_id: int) -> int:
    query = select(func.count()).select_from(ProcessChange)
    return db.exec(query.where(ProcessChange.process_id == process_id)).one()
