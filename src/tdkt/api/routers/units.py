"""Units: the visible tree, one unit with its reorganisation history, a unit's yearly rating."""

from typing import Any

from django.http import HttpRequest
from ninja import Path, Router

from tdkt.api.routers.common import get_visible, user_of
from tdkt.api.schemas import RatingIn, RatingOut, UnitDetailOut, UnitNodeOut
from tdkt.org.policies import visible_units
from tdkt.records import domain as records
from tdkt.web.queries import UnitNode, unit_events, unit_tree

router = Router(tags=["Đơn vị"])


def _row(node: UnitNode) -> dict[str, Any]:
    unit = node.unit
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent_id": unit.parent_id,
        "depth": unit.depth,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor_id": unit.successor_id,
        "people": node.people,
        "children": [],
    }


def _nest(flat: list[UnitNode]) -> list[dict[str, Any]]:
    """Nest the web's ordered flat tree (each node with its level), keeping its order."""
    roots: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []
    for node in flat:
        row = _row(node)
        while stack and stack[-1][0] >= node.level:
            stack.pop()
        (stack[-1][1]["children"] if stack else roots).append(row)
        stack.append((node.level, row))
    return roots


@router.get("/units", response=list[UnitNodeOut], summary="Cây đơn vị trong phạm vi")
def unit_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The visible units as a tree (roots: visible units whose parent is not visible).

    Siblings come in Vietnamese order, current units before merged or dissolved ones; a
    merged unit sits under its successor with ``valid_to`` and ``successor_id`` set.
    """
    return _nest(unit_tree(user_of(request)))


@router.get("/units/{unit_id}", response=UnitDetailOut, summary="Một đơn vị và lịch sử")
def unit_detail(request: HttpRequest, unit_id: int) -> Any:
    unit = get_visible(visible_units(user_of(request)).select_related("successor"), unit_id)
    unit.history = list(unit_events(unit))  # type: ignore[attr-defined]
    return unit


@router.put(
    "/units/{unit_id}/ratings/{year}",
    response=RatingOut,
    summary="Đặt xếp loại năm của tập thể",
)
def unit_rating(
    request: HttpRequest,
    unit_id: int,
    payload: RatingIn,
    year: int = Path(..., ge=1945, le=2100),
) -> Any:
    user = user_of(request)
    unit = get_visible(visible_units(user), unit_id)
    return records.set_rating(user, year=year, grade=payload.grade, unit=unit, note=payload.note)
