"""Backups: processes as one JSON file, restored with new ids into any database.

Generic over the tables: every table that leads to `process` through its foreign keys belongs
to a process, so tables added later are backed up, restored and deleted without code changes.
"""

import base64
import enum
import json
import secrets
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Table,
    false,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

from toolkit import models
from toolkit.db import begin_write
from toolkit.errors import Rejected
from toolkit.processes import team
from toolkit.processes.data import new_join_code
from toolkit.texts import text_guard

FORMAT = "samverkansverkstaden-backup"
VERSION = 1
# Columns added since backups began, with the value every row had before them (migration 0006:
# until then all dots were cast in Övning 4a), so that older backups restore too.
FILLED_IN = {"targetgroupvote": {"workshop_key": "workshop-2", "exercise_key": "ovning-4a"}}
# Ids kept in plain columns rather than foreign keys, and the table they point into: restored
# like foreign keys (a merge's undo must never reach another process's insatser).
PLAIN_LINKS = {
    ("circlesetup", "organisation_a"): "organisation",
    ("circlesetup", "organisation_b"): "organisation",
    ("circlesetup", "organisation_c"): "organisation",
    ("insatschange", "merged_ids"): "insats",
}
# Rows that name accounts of this server: invitation links are never copied, and the team is
# written as usernames and roles ("team"), joined to local accounts only when asked to.
NOT_COPIED = {"invitation", "teammember"}
# Links to an account that a restore forgets (the row keeps the name it shows).
ACCOUNT_FORGOTTEN = {("sectioncomment", "author_id")}
NOT_A_BACKUP = "Filen är inte en säkerhetskopia från Samverkansverkstaden."
UNREADABLE = "Filen gick inte att läsa som en säkerhetskopia från verktyget."
BROKEN = "Säkerhetskopian är skadad och lästes inte in."


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
        if table.name in NOT_COPIED:
            continue
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
        "team": team.dumped(session, conditions["teammember"]),
    }


def read(raw: bytes) -> dict:
    """A downloaded file as backup data, or Rejected when it is not one this version can read."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, a number of 5000 digits, [[[[…
        raise Rejected(UNREADABLE) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Rejected(NOT_A_BACKUP)
    return data


def restore(session: Session, backup: dict, owner_id: int, with_team: bool = False) -> list[int]:
    """Add the backup's processes to this database with new ids; return the new process ids.

    A restore only creates: every row it writes belongs to one of the new processes, so a row
    pointing at anything outside the file refuses the whole file, and nothing is written.
    The team is left out unless `with_team`: then each member whose username has an account
    here joins in the same role.
    """
    rows_by_table = _checked_tables(backup)
    tables = {table.name: table for table in process_tables()}
    begin_write(session)
    new_ids: dict[tuple[str, str], dict] = {}
    later: list[tuple[Table, str, int, str, object]] = []
    try:
        for table in tables.values():
            if table.name in NOT_COPIED:
                continue
            for row in rows_by_table.get(table.name, []):
                _restore_row(session, table, row, owner_id, new_ids, later)
        # A row may point at a later row of its own table (an insats merged into a newer one):
        # those links are set once every row has its new id.
        for table, key, row_id, column, old_target in later:
            target = table.c[column].foreign_keys.copy().pop().column
            mapped = new_ids[(table.name, target.name)].get(old_target)
            if mapped is None:
                raise Rejected(_outside(table.name, column))
            session.execute(table.update().where(table.c[key] == row_id).values({column: mapped}))
        if with_team:
            team.restore(session, backup.get("team"), new_ids.get(("process", "id"), {}), owner_id)
    except (Rejected, DBAPIError, OverflowError) as exc:
        session.rollback()
        if isinstance(exc, Rejected):
            raise
        reason = type(getattr(exc, "orig", exc)).__name__
        raise Rejected(
            f"Säkerhetskopian passar inte ihop med den här databasen och lästes inte in ({reason})."
        ) from exc
    session.commit()
    return list(new_ids.get(("process", "id"), {}).values())


def _checked_tables(backup) -> dict[str, list[dict]]:
    """The backup's rows per table, once its shape is one the restore can trust."""
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise Rejected(NOT_A_BACKUP)
    if backup.get("version") != VERSION:
        raise Rejected(
            "Säkerhetskopian har ett format som den här versionen inte känner till. "
            "Uppdatera verktyget först."
        )
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise Rejected(f"{BROKEN} Tabellerna saknas.")
    unknown = sorted(str(name) for name in set(tables) - {t.name for t in process_tables()})
    if unknown:
        raise Rejected(
            "Säkerhetskopian kommer från en nyare version av verktyget "
            f"(okända tabeller: {', '.join(unknown)[:200]}). Uppdatera verktyget först."
        )
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise Rejected(f"{BROKEN} Tabellen {name} är inte en lista med rader.")
    if not tables.get("process"):
        raise Rejected(f"{BROKEN} Den innehåller ingen process.")
    return tables


def _restore_row(
    session: Session, table: Table, row: dict, owner_id: int, new_ids: dict, later: list
) -> None:
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise Rejected(
            f"Säkerhetskopian har fält som den här versionen inte känner till ({table.name}: "
            f"{', '.join(sorted(unknown))[:200]}). Uppdatera verktyget först."
        )
    row = FILLED_IN.get(table.name, {}) | row
    values = {name: _from_json(session, table.columns[name], value) for name, value in row.items()}
    postponed = {}
    in_the_file = False
    for fk in table.foreign_keys:
        name, target = fk.parent.name, fk.column
        if values.get(name) is None:
            continue
        if target.table is table:
            postponed[name] = values[name]
            values[name] = None
        elif (table.name, name) in ACCOUNT_FORGOTTEN:
            values[name] = None
        elif target.table.name == "user":
            values[name] = owner_id  # accounts are not copied: the restoring leader owns it
        else:
            # Only rows read from this file have new ids: any other id is someone else's row.
            mapped = new_ids.get((target.table.name, target.name), {}).get(values[name])
            if mapped is None:
                raise Rejected(_outside(table.name, name))
            values[name] = mapped
            in_the_file = True
    if table.name != "process" and not in_the_file:
        raise Rejected(_outside(table.name, "process_id"))
    for (table_name, name), target in PLAIN_LINKS.items():
        if table_name == table.name and values.get(name) is not None:
            values[name] = _mapped_plain(new_ids, target, table.name, name, values[name])
    for column in table.columns:
        # A code or token that is already taken here (restoring beside the original) gets a
        # new one, so nobody's join code or survey link starts pointing somewhere else.
        if column.unique and not column.foreign_keys and isinstance(values.get(column.name), str):
            values[column.name] = _free_value(session, column, values[column.name])
    key = _generated_key(table)
    old = values.pop(key.name, None) if key is not None else None
    if key is not None and (old is None or old in new_ids.get((table.name, key.name), {})):
        raise Rejected(f"{BROKEN} En rad i {table.name} saknar id eller har samma id som en annan.")
    result = session.execute(table.insert().values(**values))
    if key is not None:
        new_id = result.inserted_primary_key[0]
        new_ids.setdefault((table.name, key.name), {})[old] = new_id
        later.extend((table, key.name, new_id, name, value) for name, value in postponed.items())


def _mapped_plain(new_ids: dict, target: str, table: str, column: str, value):
    """Ids kept in a plain column (one id, or several joined by commas), mapped to the new rows."""
    mapping = new_ids.get((target, "id"), {})
    if isinstance(value, int):
        if value not in mapping:
            raise Rejected(_outside(table, column))
        return mapping[value]
    parts = [part for part in value.split(",") if part]
    if not all(part.isdigit() and int(part) in mapping for part in parts):
        raise Rejected(_outside(table, column))
    return ",".join(str(mapping[int(part)]) for part in parts)


def _outside(table: str, column: str) -> str:
    return (
        f"Säkerhetskopian pekar på något som inte finns i filen ({table}.{column}), till "
        "exempel en annan process. Den lästes inte in och inget har ändrats."
    )


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
    if len(columns) == 1 and text_guard.python_type(columns[0]) is int:
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


def _from_json(session: Session, column: Column, value):
    """The JSON value back as what the column holds, or Rejected when it cannot be that."""
    if value is None:
        return None
    kind = text_guard.python_type(column)
    wrong = Rejected(
        f"{BROKEN} Fältet {column.table.name}.{column.name} har ett värde av fel slag."
    )
    if kind is bool:
        if not isinstance(value, bool):
            raise wrong
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > _largest(column):
            raise wrong
        return value
    if kind is str:
        if not isinstance(value, str):
            raise wrong
        text, warning = text_guard.guarded(column, value)
        text_guard.note_warning(session, warning)
        return text
    if not isinstance(value, str):
        raise wrong
    try:
        if kind is datetime:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if kind in (date, time):
            return kind.fromisoformat(value)
        if kind in (Decimal, uuid.UUID):
            return kind(value)
        if kind is bytes:
            return base64.b64decode(value, validate=True)
    except (ValueError, ArithmeticError):
        raise wrong from None
    raise wrong


def _largest(column: Column) -> int:
    """The largest number the column holds on every database (INTEGER or BIGINT)."""
    column_type = getattr(column.type, "impl_instance", column.type)
    return 2**63 - 1 if isinstance(column_type, BigInteger) else 2**31 - 1
