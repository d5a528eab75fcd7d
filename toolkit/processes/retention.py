"""Data retention: delete a process with everything in it, or forget participants' names."""

from sqlalchemy import update
from sqlmodel import Session

from toolkit.db import begin_write
from toolkit.live.events import mark
from toolkit.models import Participant, Process
from toolkit.processes.backup import owned_rows, process_tables


def delete_process(session: Session, process: Process) -> None:
    """Delete a process and every row that belongs to it, in any table."""
    begin_write(session)
    conditions = owned_rows([process.id])
    tables = process_tables()
    # Children first: each table's rows are found through their parents, still present.
    for table in reversed(tables):
        session.execute(table.delete().where(conditions[table.name]))
    names = {table.name for table in tables}
    for row in [row for row in session if row.__table__.name in names]:
        session.expunge(row)  # gone from the database: the session must not write them back
    session.commit()


def remove_participant_names(session: Session, process: Process) -> int:
    """Blank the names participants gave; their answers stay. Return how many had a name."""
    query = (
        update(Participant)
        .where(Participant.process_id == process.id, Participant.display_name != "")
        .values(display_name="")
    )
    begin_write(session)
    removed = session.execute(query).rowcount
    mark(session, process.id, "answers", "participants")
    session.commit()
    return removed
