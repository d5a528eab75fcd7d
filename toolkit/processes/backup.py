"""Backups: processes as one JSON file, restored with new ids into any database.

Generic over the tables: every table that leads to `process` through its foreign keys belongs
to a process, so tables added later are backed up, restored and deleted without code changes.
"""

import base64
import enum
import secrets
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import Column, ColumnElement, Table, false, or_, select, text, true
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, SQLModel

from toolkit import models
from toolkit.db import begin_write
from toolkit.errors import Rejected
from toolkit.processes.data import new_join_code

FORMAT = "samverkansverkstaden-backup"
VERSION = 1
# Columns added since backups began, with the value every row had before them (migration 0006:
# until then all dots were cast in Övning 4a), so that older backups restore too.
FILLED_IN = {"targetgroupvote": {"workshop_key": "workshop-2", "exercise_key": "ovning-4a"}}


def process_tables() -> list[Table]:
    """The tables whose rows belong to a process, parents before children."""
    scoped: set[str] = set()
    tables = []
    for table in SQLModel.metadata.sorted_tables:
        parents = {fk.column.table.name for fk in table.foreign_keys}
        if table.name == "process" or parents & scoped:
            scoped.add(table.name)
            tables.append(table)
    return tables


def owned_rows(process_ids: list[int] | None) -> dict[str, ColumnElement[bool]]:
    """Per table, the condition that picks the rows of these processes (None: of all)."""
    conditions: dict[str, ColumnElement[bool]] = {}
    for table in process_tables():
        if table.name == "process":
            conditions[table.name] = true() if process_ids is None else table.c.id.in_(process_ids)
            continue
        links = [
            fk.parent.in_(select(fk.column).where(conditions[fk.column.table.name]))
            for fk in table.foreign_keys
            if fk.column.table.name in conditions and fk.column.table is not table
        ]
        conditions[table.name] = or_(false(), *links)
    return conditions


def dump(session: Session, process_ids: list[int] | None = None) -> dict:
    """The processes (all when None) and everything recorded in them, as plain JSON data."""
    conditions = owned_rows(process_ids)
    snapshot = _read_snapshot(session)
    tables = {}
    for table in process_tables():
        query = select(table).where(conditions[table.name]).order_by(*table.primary_key.columns)
        tables[table.name] = [
            {column.name: _to_json(row[column.name]) for column in table.columns}
            for row in session.execute(query).mappings()
        ]
    revision = _schema_revision(session)
    if snapshot:
        session.rollback()
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": revision,
        "created_at": models.utcnow().isoformat(),
        "tables": tables,
    }


def restore(session: Session, backup: dict, owner_id: int) -> list[int]:
    """Add the backup's processes to this database with new ids; return the new process ids."""
    if backup.get("format") != FORMAT or backup.get("version") != VERSION:
        raise Rejected("Filen är inte en säkerhetskopia från Samverkansverkstaden.")
    tables = {table.name: table for table in process_tables()}
    unknown = sorted(set(backup.get("tables", {})) - set(tables))
    if unknown:
        raise Rejected(
            "Säkerhetskopian kommer från en nyare version av verktyget "
            f"(okända tabeller: {', '.join(unknown)}). Uppdatera verktyget först."
        )
    begin_write(session)
    new_ids: dict[tuple[str, str], dict] = {}
    later: list[tuple[Table, str, int, str, object]] = []
    try:
        for table in tables.values():
            for row in backup["tables"].get(table.name, []):
                _restore_row(session, table, row, owner_id, new_ids, later)
        # A row may point at a later row of its own table (an insats merged into a newer one):
        # those links are set once every row has its new id.
        for table, key, row_id, column, old_target in later:
            target = table.c[column].foreign_keys.copy().pop().column
            mapped = new_ids[(table.name, target.name)].get(old_target)
            if mapped is None:
                raise Rejected(f"Säkerhetskopian är ofullständig: {table.name}.{column} saknas.")
            session.execute(table.update().where(table.c[key] == row_id).values({column: mapped}))
    except (Rejected, IntegrityError, DataError) as exc:
        session.rollback()
        if isinstance(exc, Rejected):
            raise
        raise Rejected(
            "Säkerhetskopian passar inte ihop med den här databasen och lästes inte in "
            f"({type(exc.orig).__name__})."
        ) from exc
    session.commit()
    return list(new_ids.get(("process", "id"), {}).values())


def _restore_row(
    session: Session, table: Table, row: dict, owner_id: int, new_ids: dict, later: list
) -> None:
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise Rejected(
            f"Säkerhetskopian har fält som den här versionen inte känner till ({table.name}: "
            f"{', '.join(sorted(unknown))}). Uppdatera verktyget först."
        )
    row = FILLED_IN.get(table.name, {}) | row
    values = {name: _from_json(table.columns[name], value) for name, value in row.items()}
    postponed = {}
    for fk in table.foreign_keys:
        name, target = fk.parent.name, fk.column
        if values.get(name) is None:
            continue
        if target.table is table:
            postponed[name] = values[name]
            values[name] = None
        elif target.table.name == "user":
            values[name] = owner_id  # accounts are not copied: the restoring leader owns it
        elif (target.table.name, target.name) in new_ids:
            mapped = new_ids[(target.table.name, target.name)].get(values[name])
            if mapped is None:
                raise Rejected(f"Säkerhetskopian är ofullständig: {table.name}.{name} saknas.")
            values[name] = mapped
    for column in table.columns:
        # A code or token that is already taken here (restoring beside the original) gets a
        # new one, so nobody's join code or survey link starts pointing somewhere else.
        if column.unique and not column.foreign_keys and isinstance(values.get(column.name), str):
            values[column.name] = _free_value(session, column, values[column.name])
    key = _generated_key(table)
    old = values.pop(key.name) if key is not None else None
    result = session.execute(table.insert().values(**values))
    if key is not None:
        new_id = result.inserted_primary_key[0]
        new_ids.setdefault((table.name, key.name), {})[old] = new_id
        later.extend((table, key.name, new_id, name, value) for name, value in postponed.items())


def _read_snapshot(session: Session) -> bool:
    """On SQLite, read every table from one snapshot (reads otherwise run one by one)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    if connection.connection.dbapi_connection.in_transaction:
        return False
    connection.exec_driver_sql("BEGIN")
    return True


def _generated_key(table: Table) -> Column | None:
    """The single integer primary key the database numbers, if the table has one."""
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and _python_type(columns[0]) is int:
        return columns[0]
    return None


def _free_value(session: Session, column: Column, value: str) -> str:
    """The value itself if no row of the table has it yet, otherwise a fresh one."""
    taken = session.execute(select(column).where(column == value).limit(1)).first()
    if not taken:
        return value
    if column.table.name == "process" and column.name == "join_code":
        return new_join_code(session)
    return secrets.token_urlsafe(12)


def _schema_revision(session: Session) -> str | None:
    try:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # a database made without migrations (never the app's own)
        session.rollback()
        return None


def _python_type(column: Column) -> type | None:
    """What the column holds in Python, looking through wrapper types like UTCDateTime."""
    column_type = getattr(column.type, "impl_instance", column.type)
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def _to_json(value):
    """A column value as JSON: datetimes as ISO 8601 in UTC, numbers exact, bytes as base64."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, enum.Enum):
        return value.name
    return value


def _from_json(column: Column, value):
    """The JSON value back as what the column holds."""
    if value is None:
        return None
    kind = _python_type(column)
    if kind is datetime:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind in (date, time, Decimal, uuid.UUID):
        return kind.fromisoformat(value) if kind in (date, time) else kind(value)
    if kind is bytes:
        return base64.b64decode(value)
    return value
