"""Case paths (ärendegångar, Övning 6): ordered steps per target group."""

from collections.abc import Collection

from sqlmodel import Session, select

from toolkit.content import Content
from toolkit.content.model import TargetGroup
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import CasePathStep, Process, utcnow
from toolkit.processes.data import chosen_target_group_keys
from toolkit.room.answering import check_text, commit_once, send_key, sent_before


def steps_of(session: Session, process: Process) -> dict[str, list[CasePathStep]]:
    """Each chosen target group's case path steps in order (empty lists included), then the
    paths begun for other target groups of the bilaga, which SKR's guide allows in Övning 6."""
    paths = {key: [] for key in chosen_target_group_keys(session, process)}
    query = select(CasePathStep).where(
        CasePathStep.process_id == process.id, CasePathStep.deleted_at.is_(None)
    )
    for step in session.exec(query.order_by(CasePathStep.position, CasePathStep.id)):
        paths.setdefault(step.target_group, []).append(step)
    return paths


def all_groups(content: Content) -> list[TargetGroup]:
    """Every target group of the bilaga, in its order."""
    return list(content.target_groups.groups) if content.target_groups else []


def _clean_actor(actor: str) -> str:
    return actor.strip()


def add_step(
    session: Session,
    process: Process,
    target_group: str,
    text: str,
    actor: str = "",
    other_groups: Collection[str] = (),
    key: str | None = None,
) -> CasePathStep:
    """Add a step at the end of a target group's case path: a chosen group, or one of
    `other_groups` (the rest of the bilaga's target groups).

    Sent again with the same key (a retry, a double press), the step stored the first time is
    returned, as for an answer (`room.answering.sent_before`).
    """
    key = send_key(key)
    stored = sent_before(session, CasePathStep, key, process_id=process.id)
    if stored is not None:
        return stored
    if target_group not in (*chosen_target_group_keys(session, process), *other_groups):
        raise Rejected("Välj en målgrupp i listan.")
    text, actor = check_text(text), _clean_actor(actor)
    last = steps_of(session, process).get(target_group, [])
    step = CasePathStep(
        process_id=process.id,
        target_group=target_group,
        position=(last[-1].position + 1) if last else 0,
        text=text,
        actor=actor,
        idempotency_key=key,
    )
    session.add(step)
    mark(session, process.id, "casepath")
    return commit_once(session, step, process_id=process.id)


def step_sent(session: Session, process: Process, key: str | None) -> CasePathStep | None:
    """The step a send with this key already added, if any."""
    return sent_before(session, CasePathStep, send_key(key), process_id=process.id)


def edit_step(session: Session, step: CasePathStep, text: str, actor: str) -> None:
    """Change what a step says and who does it."""
    step.text, step.actor = check_text(text), _clean_actor(actor)
    session.add(step)
    mark(session, step.process_id, "casepath")
    session.commit()


def move_step(session: Session, process: Process, step: CasePathStep, offset: int) -> None:
    """Move a step one place earlier (-1) or later (+1) in its case path."""
    path = steps_of(session, process).get(step.target_group, [])
    index = next(i for i, s in enumerate(path) if s.id == step.id)
    other = index + offset
    if 0 <= other < len(path):
        path[index], path[other] = path[other], path[index]
        for position, row in enumerate(path):
            row.position = position
            session.add(row)
        mark(session, process.id, "casepath")
        session.commit()


def live_step(session: Session, process: Process, step_id: int) -> CasePathStep | None:
    """A step of the process's case paths, unless it was removed."""
    step = session.get(CasePathStep, step_id)
    if step is None or step.process_id != process.id or step.deleted_at is not None:
        return None
    return step


def delete_step(session: Session, step: CasePathStep) -> None:
    """Remove a step from its case path; the row stays (never shown), so that a retry of the
    send that added it finds it removed instead of adding it again."""
    step.deleted_at = utcnow()
    session.add(step)
    mark(session, step.process_id, "casepath")
    session.commit()
