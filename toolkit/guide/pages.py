"""What the guide's screens show: the start-up page of a process, the reference pages."""

from sqlmodel import Session, select

from toolkit.content import Content
from toolkit.guide import startup, texts
from toolkit.models import Process, RoleMember


def start_up_context(session: Session, content: Content, process: Process, **extra) -> dict:
    """The start-up page: the guide's texts, what the process kept, who holds each role."""
    saved = startup.items_of(session, process)
    members = select(RoleMember).where(RoleMember.process_id == process.id)
    people: dict[str, list[RoleMember]] = {}
    for member in session.exec(members.order_by(RoleMember.position, RoleMember.id)):
        people.setdefault(member.role, []).append(member)
    start_up = content.guide.start_up
    context = {
        "process": process,
        "start_up": start_up,
        "ticked": {key for key, item in saved.items() if item.done},
        "written": {key: item.text for key, item in saved.items()},
        "people": people,
    }
    return context | extra


def start_up_summary(session: Session, content: Content, process: Process) -> dict:
    """How far the process has come with the start-up: ticked points and answered questions."""
    saved = startup.items_of(session, process)
    start_up = content.guide.start_up
    return {
        part.title: (
            sum(
                1 for i in part.items if i.key in saved and (saved[i.key].done or saved[i.key].text)
            ),
            len(part.items),
        )
        for part in start_up.parts
    }


def reference_context(content: Content, key: str) -> dict | None:
    """A reference page: the text and the materials it links to; None for an unknown key."""
    reference = texts.reference(content, key)
    if reference is None:
        return None
    return {"reference": reference, "links": texts.links(content, reference.links)}
