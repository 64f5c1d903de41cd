"""Award records ("lượt") and the award catalogue."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from tdkt.api.routers.common import Page, user_of, visible_unit
from tdkt.api.schemas import AwardKindCode, AwardOut, AwardTypeOut, SubjectKindCode
from tdkt.awards.models import AwardType
from tdkt.web.queries import AwardFilters, awards_list

router = Router(tags=["Khen thưởng"])


@router.get("/awards", response=list[AwardOut], summary="Danh sách lượt khen thưởng")
@paginate(Page)
def award_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1945, le=2100, description="Năm thành tích"),
    code: str = Query("", max_length=20, description="Mã danh hiệu, hình thức (LDTT, GK …)"),
    unit_id: int | None = Query(
        None, description="Đơn vị khi khen (gồm cả cấp dưới và đơn vị đã sáp nhập)"
    ),
    subject_kind: SubjectKindCode | None = Query(None),  # noqa: B008 (ninja parameter)
    kind: AwardKindCode | None = Query(None, description="merit, thematic hoặc adhoc"),  # noqa: B008
) -> Any:
    """Awards whose unit at the time is in scope, newest achievement year first; revoked
    ones are included and carry ``revoked_by``."""
    user = user_of(request)
    filters = AwardFilters(
        year=year,
        award_type=code.strip().upper() or None,
        unit=visible_unit(user, unit_id),
        subject_kind=subject_kind or "",
        kind=kind or "",
    )
    return awards_list(user, filters)


@router.get("/award-types", response=list[AwardTypeOut], summary="Danh mục danh hiệu, hình thức")
def award_types(request: HttpRequest, include_inactive: bool = Query(False)) -> Any:
    qs = AwardType.objects.order_by("order", "code")
    return qs if include_inactive else qs.filter(is_active=True)
