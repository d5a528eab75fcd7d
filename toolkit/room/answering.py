"""Answers to an exercise's questions: add, edit, delete, restore, moderate, list; a send's
idempotency key, stored once (answers, case-path steps, group answers)."""

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from toolkit.content.model import Exercise, Workshop
from toolkit.db import begin_write
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import Answer, Participant, Process, utcnow
from toolkit.processes.data import chosen_target_group_keys
from toolkit.room.steering import exercise_state


def check_text(text: str) -> str:
    """The text stripped, or Rejected when nothing is left (length and the rest: text_guard)."""
    text = text.strip()
    if not text:
        raise Rejected("Svaret är tomt. Skriv något innan du skickar.")
    return text


def add_answer(
    session: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    question_key: str,
    text: str,
    *,
    participant: Participant | None = None,
    organisation_id: int | None = None,
    target_group: str | None = None,
    key: str | None = None,
) -> Answer:
    """Save an answer from a participant, or from the process leader for the room.

    A participant's send carries a key: sent again with the same key (a retry after a time-out,
    an error page or a double press), the answer stored the first time is returned, not a copy.
    """
    key = send_key(key) if participant is not None else None
    scope = {"participant_id": participant.id if participant else None}
    # The stored answer is looked for only when this send cannot be stored (refused, or its key
    # taken: commit_once): a first send, nearly every one, costs no lookup.
    try:
        if exercise.question(question_key) is None:
            raise Rejected("Frågan finns inte längre i övningen. Ladda om sidan.")
        if target_group and target_group not in chosen_target_group_keys(session, process):
            raise Rejected("Målgruppen är inte längre vald. Ladda om sidan – din text finns kvar.")
        if not exercise_state(session, process, workshop.key, exercise.key).is_open:
            raise Rejected("Övningen är stängd för nya svar. Din text finns kvar här.")
        text = check_text(text)
    except Rejected:
        stored = sent_before(session, Answer, key, **scope)
        if stored is None:
            raise
        return stored
    if participant is not None:
        organisation_id = participant.organisation_id
    answer = Answer(
        process_id=process.id,
        workshop_key=workshop.key,
        exercise_key=exercise.key,
        question_key=question_key,
        target_group=target_group or None,
        organisation_id=organisation_id,
        participant_id=participant.id if participant else None,
        text=text,
        idempotency_key=key,
    )
    session.add(answer)
    mark(session, process.id, "answers")
    return commit_once(session, answer, **scope)


def send_key(key: str | None) -> str | None:
    """A send's idempotency key as stored (made in the browser, or in the form without
    JavaScript): at most 64 characters, None when the send carried none."""
    return (key or "").strip()[:64] or None


def sent_before(
    session: Session, model: type[SQLModel], key: str | None, **scope
) -> SQLModel | None:
    """The row of `model` already stored by the send with this key, within its scope (the
    participant for an answer, the process for a case-path step), if any."""
    if not key or any(value is None for value in scope.values()):
        return None
    query = select(model).where(model.idempotency_key == key)
    for column, value in scope.items():
        query = query.where(getattr(model, column) == value)
    return session.exec(query).first()


def commit_once(session: Session, row: SQLModel, **scope) -> SQLModel:
    """Commit the new row; when the same send arrived twice at once and the other request
    stored it first (the key's unique constraint), return that request's row instead."""
    key = row.idempotency_key
    try:
        session.commit()
    except IntegrityError:
        # Sent again (a retry, a double press, two at once): the first send stored it.
        session.rollback()
        stored = sent_before(session, type(row), key, **scope)
        if stored is None:
            raise
        return stored
    return row


def edit_answer(session: Session, answer: Answer, text: str) -> None:
    """Change an answer's text."""
    answer.text = check_text(text)
    # Stamped once the write lock is held (SQLite): stamps then follow the order of the commits,
    # so a screen that has a newer answer never misses this edit (live/changes.py).
    begin_write(session)
    answer.updated_at = utcnow()
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def delete_answer(session: Session, answer: Answer) -> None:
    """Remove an answer (kept, so it can be restored)."""
    answer.deleted_at = utcnow()
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def restore_answer(session: Session, answer: Answer) -> None:
    """Undo the removal of an answer."""
    answer.deleted_at = None
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def flag_answer(
    session: Session, answer: Answer, *, hidden: bool | None = None, highlighted: bool | None = None
) -> None:
    """Hide an answer from the projector, or highlight it."""
    if hidden is not None:
        answer.hidden = hidden
    if highlighted is not None:
        answer.highlighted = highlighted
    session.add(answer)
    mark(session, answer.process_id, "answers")
    session.commit()


def answers_to(
    session: Session,
    process: Process,
    workshop_key: str,
    exercise_key: str,
    *,
    participant: Participant | None = None,
    visible_only: bool = False,
) -> list[Answer]:
    """The answers to an exercise, oldest first; only one participant's, or only visible."""
    query = select(Answer).where(
        Answer.process_id == process.id,
        Answer.workshop_key == workshop_key,
        Answer.exercise_key == exercise_key,
        Answer.deleted_at.is_(None),
    )
    if participant is not None:
        query = query.where(Answer.participant_id == participant.id)
    if visible_only:
        query = query.where(Answer.hidden.is_(False))
    return list(session.exec(query.order_by(Answer.created_at, Answer.id)))


def count_answers(session: Session, process: Process, workshop_key: str) -> dict[str, int]:
    """Answers per exercise of a workshop."""
    query = (
        select(Answer.exercise_key, func.count())
        .where(
            Answer.process_id == process.id,
            Answer.workshop_key == workshop_key,
            Answer.deleted_at.is_(None),
        )
        .group_by(Answer.exercise_key)
    )
    return dict(session.exec(query).all())
