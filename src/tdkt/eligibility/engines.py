"""The rules engine each agency uses: the shipped engine with its parameter overrides.

Kept apart from ``service`` so that code needing only parameters (council thresholds, base
salary) does not import the whole service.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import defaultdict
from typing import Any

from tdkt.eligibility.core import Engine
from tdkt.eligibility.models import ParameterOverride

# --- engines per agency ---------------------------------------------------------------------

_engines: dict[int, tuple[tuple[Any, ...], Engine]] = {}
_engines_lock = threading.Lock()


def engine_for(agency_id: int | None) -> Engine:
    """The shipped engine with the agency's parameter overrides (rebuilt when they change)."""
    if agency_id is None:
        return Engine.default()
    rows = list(
        ParameterOverride.objects.filter(agency_id=agency_id).order_by("name", "valid_from", "pk")
    )
    key = tuple(
        (o.pk, o.name, o.valid_from, o.valid_to, json.dumps(o.value), o.label) for o in rows
    )
    with _engines_lock:
        hit = _engines.get(agency_id)
        if hit is not None and hit[0] == key:
            return hit[1]
    grouped: dict[str, list[tuple[dt.date | None, dt.date | None, Any, str]]] = defaultdict(list)
    for o in rows:
        grouped[o.name].append(o.as_entry())
    engine = Engine.default().with_overrides(grouped) if grouped else Engine.default()
    with _engines_lock:
        _engines[agency_id] = (key, engine)
    return engine
