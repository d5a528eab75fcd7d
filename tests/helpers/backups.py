"""Backups as the tests compare them: as read back from a file, with ids set aside."""

import json

from toolkit.processes import backup


def normalised(dump: dict) -> dict:
    """The backup with ids replaced by each row's place, so copies with new ids compare equal."""
    tables = {table.name: table for table in backup.process_tables()}
    places = {}
    for name, rows in dump["tables"].items():
        key = backup._generated_key(tables[name])
        if key is not None:
            places[(name, key.name)] = {row[key.name]: n for n, row in enumerate(rows)}
    result = {}
    for name, rows in dump["tables"].items():
        rows = [_plain_links_as_places(name, row, places) for row in rows]
        links = {
            fk.parent.name: (fk.column.table.name, fk.column.name)
            for fk in tables[name].foreign_keys
        }
        result[name] = [
            {
                column: "owner"
                if links.get(column, ("",))[0] == "user"
                else places[links[column]][value]
                if column in links and value is not None
                else places.get((name, column), {}).get(value, value)
                for column, value in row.items()
            }
            for row in rows
        ]
    return result


def _plain_links_as_places(table: str, row: dict, places: dict) -> dict:
    """Ids kept in plain columns (see backup.PLAIN_LINKS) replaced by their rows' places."""
    row = dict(row)
    for (name, column), target in backup.PLAIN_LINKS.items():
        value = row.get(column) if name == table else None
        if isinstance(value, int):
            row[column] = ("place", places[(target, "id")][value])
        elif isinstance(value, str) and value:
            row[column] = tuple(("place", places[(target, "id")][int(v)]) for v in value.split(","))
    return row


def as_file(dump: dict) -> dict:
    """The dump as it reads back from a file."""
    return json.loads(json.dumps(dump))
