"""Fast bulk inserts for loaders (imports, the demo): COPY on PostgreSQL, executemany on SQLite.

Rows are plain tuples in the order of *fields* (model field names; foreign keys as ``x_id``).
No model instances, no signals, no ``save()``: callers normalise values themselves (e.g.
``Person.fill_derived``) and write one audit entry for the whole load.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    batch: int = 10_000,
) -> int:
    """Insert *rows* into *model*'s table; returns the number of rows written."""
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        # identifiers come from model metadata, quoted; values are parameters
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        iterator = iter(rows)
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count
