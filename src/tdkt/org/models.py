"""Agencies, the unit tree with its reorganisation history, people, and user access.

The tree is the *current* structure. A unit that was merged into another keeps its rows
(awards stay attached to the unit as it was) and is placed under its successor with
``valid_to`` set, so everything that asks for "a unit and everything below it" — permission
scopes and reports — rolls predecessors up into their successors. The structure as it was
is kept in :class:`ReorgEvent` rows (old parent, old name, the deciding document).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.common.text import fold, nfc, person_sort_key, sort_key, split_name


class Agency(models.Model):
    """A top-level organisation (a province's department, a ministry, a company union)."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    parent_name = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """An organisational unit; ``path`` is the materialised ancestry ("/1/4/9/")."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        OFFICE = "office", _("Văn phòng")
        INSPECTORATE = "inspectorate", _("Thanh tra")
        DIVISION = "division", _("Phòng chuyên môn")
        CENTRE = "centre", _("Trung tâm, đơn vị sự nghiệp")
        COLLEGE = "college", _("Trường")
        DISTRICT = "district", _("Phòng cấp huyện")
        COMMUNE = "commune", _("Xã, phường")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        OTHER = "other", _("Khác")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    name_fold = models.CharField(max_length=255, db_index=True, editable=False)
    sort_key = models.CharField(max_length=800, editable=False, default="")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("thành lập từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = nfc(self.name)
        self.name_fold = fold(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        expected = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            self.depth = expected.count("/") - 2
            Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= dt.date.today()

    def subtree(self) -> models.QuerySet[Unit]:
        """This unit, everything below it, and every unit merged into any of them."""
        return Unit.objects.filter(path__startswith=self.path)


class ReorgEvent(models.Model):
    """One change to one unit: established, renamed, moved, merged into, split from, dissolved."""

    class Kind(models.TextChoices):
        ESTABLISH = "establish", _("Thành lập")
        RENAME = "rename", _("Đổi tên")
        MOVE = "move", _("Chuyển đơn vị cấp trên")
        MERGE = "merge", _("Sáp nhập vào")
        SPLIT = "split", _("Chia tách từ")
        DISSOLVE = "dissolve", _("Giải thể")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="events", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("ngày hiệu lực"))
    other = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị liên quan"),
    )
    old_parent = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị cấp trên cũ"),
    )
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True)
    new_name = models.CharField(_("tên mới"), max_length=255, blank=True)
    document = models.CharField(_("văn bản quyết định"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sự kiện tổ chức")
        verbose_name_plural = _("sự kiện tổ chức")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} ({self.date:%d/%m/%Y})"


class Person(models.Model):
    """An individual. ``unit`` is the current unit (the latest employment), kept for scoping."""

    class Sex(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="people", verbose_name=_("cơ quan")
    )
    external_id = models.CharField(_("mã định danh"), max_length=40, null=True, blank=True)
    id_number = models.CharField(
        _("số CCCD"), max_length=12, blank=True, help_text=_("Không bao giờ ghi vào nhật ký.")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    family_name = models.CharField(max_length=40, editable=False, default="")
    middle_name = models.CharField(max_length=80, editable=False, default="")
    given_name = models.CharField(max_length=40, editable=False, default="")
    name_fold = models.CharField(max_length=120, db_index=True, editable=False, default="")
    sort_key = models.CharField(max_length=500, db_index=True, editable=False, default="")
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="people", verbose_name=_("đơn vị")
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    hired_on = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_id"], name="person_external_id_unique"
            ),
        ]
        indexes = [models.Index(fields=["unit", "sort_key"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def fill_derived(self) -> None:
        """Normalise the name and compute search and sort keys (also used by bulk writes)."""
        self.full_name = nfc(self.full_name)
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.name_fold = fold(self.full_name)
        self.sort_key = person_sort_key(self.full_name)
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        if self.external_id == "":
            self.external_id = None


class Employment(models.Model):
    """A period of a person in a unit."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="employments", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="employments", verbose_name=_("đơn vị")
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("lãnh đạo"), default=False)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="employment_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit}"


class Household(models.Model):
    """A household (hộ gia đình), a subject of some commendations."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    name = models.CharField(_("tên hộ"), max_length=160)
    name_fold = models.CharField(max_length=160, db_index=True, editable=False, default="")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="households", verbose_name=_("đơn vị")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = nfc(self.name)
        self.name_fold = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Membership(models.Model):
    """A user's role and scope. Clerks see their unit's subtree; other roles the agency."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Quản trị hệ thống")
        OFFICER = "officer", _("Cán bộ thi đua – khen thưởng")
        CLERK = "clerk", _("Cán bộ đơn vị")
        COUNCIL = "council", _("Thành viên hội đồng")
        VIEWER = "viewer", _("Chỉ xem")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("tài khoản"),
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("đơn vị phụ trách"),
        help_text=_("Bắt buộc với cán bộ đơn vị; giới hạn phạm vi xem."),
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
