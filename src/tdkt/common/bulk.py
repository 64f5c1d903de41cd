"""Fast bulk inserts for loaders (imports, the demo): COPY on PostgreSQL, executemany on SQLite.

Rows are plain tuples in the order of *fields* (model field names; foreign keys as ``x_id``).
Concrete fields not listed get their model default (``""`` for blank text, ``[]`` for JSON
lists ...), as ``save()`` would write them. No model instances, no signals, no ``save()``:
callers normalise values themselves (e.g. ``Person.fill_derived``) and write one audit entry for
the whole load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
    by_attname = {f.attname: f for f in meta.concrete_fields}
    missing = [f for f in meta.concrete_fields if f.attname not in fields and not f.primary_key]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in missing)
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(str(by_attname[name].column)) for name in fields) + "".join(
        f", {quote(str(f.column))}" for f in missing
    )
    count = 0

    def full() -> Iterator[Sequence[Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield (*row, *defaults) if defaults else row

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in full():
                    copy.write_row(row)
            return count
        placeholders = ", ".join(["%s"] * (len(fields) + len(missing)))
        # identifiers come from model metadata, quoted; values are parameters
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        iterator = full()
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, chunk)
    return count
