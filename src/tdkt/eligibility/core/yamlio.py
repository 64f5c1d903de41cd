"""Strict YAML reading for regimes, parameters and rule cases.

Dates stay strings until :func:`parse_date` checks them (so "2019-02-30" is reported, not
crashed on), and a mapping with the same key twice is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Hashable, Mapping
from pathlib import Path
from typing import Any

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class DataError(ValueError):
    """A data file (regime, parameter, rule case) is wrong; the message names file and place."""


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[valid-type,misc]
    pass


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    loader.flatten_mapping(node)
    result: dict[Hashable, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, label: str) -> Any:
    """Parse ``path``; syntax errors become a :class:`DataError` naming ``label`` and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{label}: cannot read: {exc}") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise DataError(f"{label}: invalid YAML{where}: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{label}: invalid YAML: {exc}") from exc


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> dt.date:
    """A ``YYYY-MM-DD`` string as a date; ``ValueError`` with a short reason otherwise."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"impossible date {value!r}") from None


def check_keys(
    data: Mapping[Any, Any], allowed: Collection[str], required: Collection[str] = ()
) -> str | None:
    """The first problem with the keys of ``data`` (unknown, then missing), or ``None``."""
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        return f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
    missing = sorted(k for k in required if k not in data)
    if missing:
        return f"missing key {missing[0]!r}"
    return None
