"""Demo accounts: one per role, all with the printed demo password.

They are created only in a database that holds nothing but the demo: any other user or agency
means real data, and the demo refuses to touch it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from tdkt.common import audit
from tdkt.org.models import Agency, Membership, Unit

DEMO_AGENCY_CODE = "DEMO_TN"
# A fixed password is acceptable only because this is a throwaway demonstration database.
DEMO_PASSWORD = "demo-tdkt-2025"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_code: str | None
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("quantri", Membership.Role.ADMIN, None, "Quản trị hệ thống (cả trang quản trị)"),
    DemoAccount(
        "canbo", Membership.Role.OFFICER, None, "Cán bộ thi đua – khen thưởng, toàn cơ quan"
    ),
    DemoAccount(
        "vanthu", Membership.Role.CLERK, "PLDVL", "Cán bộ đơn vị, chỉ thấy đơn vị của mình"
    ),
    DemoAccount("xem", Membership.Role.VIEWER, None, "Chỉ xem, toàn cơ quan"),
)


class DemoRefused(Exception):
    """The database holds data that is not the demo's."""


def demo_agency() -> Agency | None:
    return Agency.objects.filter(code=DEMO_AGENCY_CODE).first()


def foreign_data() -> list[str]:
    """What in the database is not part of the demo (empty when the demo may proceed)."""
    names = [a.username for a in DEMO_ACCOUNTS]
    problems = []
    users = User.objects.exclude(
        Q(username__in=names) & Q(membership__agency__code=DEMO_AGENCY_CODE)
    ).order_by("username")
    if users.exists():
        shown = ", ".join(users.values_list("username", flat=True)[:5])
        problems.append(f"{users.count()} tài khoản không thuộc bản minh họa ({shown})")
    agencies = Agency.objects.exclude(code=DEMO_AGENCY_CODE)
    if agencies.exists():
        problems.append(f"{agencies.count()} cơ quan khác ({agencies.first()})")
    return problems


def check_demo_allowed() -> None:
    problems = foreign_data()
    if problems:
        raise DemoRefused(
            "Cơ sở dữ liệu này đã có dữ liệu thật: " + "; ".join(problems) + ". "
            "Không tạo dữ liệu và tài khoản minh họa. Hãy dùng một thư mục dữ liệu mới "
            "(--data-dir) hoặc một cơ sở dữ liệu trống; để chạy hệ thống trên dữ liệu này, "
            "dùng `tdkt serve`."
        )


@transaction.atomic
def ensure_demo_accounts(agency: Agency) -> list[tuple[DemoAccount, Unit | None]]:
    """Create the demo accounts (or reset their password to the demo password)."""
    check_demo_allowed()
    out = []
    for account in DEMO_ACCOUNTS:
        unit = Unit.objects.get(code=account.unit_code) if account.unit_code else None
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(username=account.username)
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = account.role == Membership.Role.ADMIN
        user.save()
        membership = Membership.objects.filter(user=user).first()
        if membership is None:
            membership = Membership.objects.create(
                user=user, agency=agency, role=account.role, unit=unit
            )
            audit.record(
                None,
                "create",
                membership,
                after=audit.snapshot(membership),
                summary=f"Tài khoản minh họa {user.username}",
            )
        out.append((account, unit))
    return out
