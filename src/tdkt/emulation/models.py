"""Emulation movements with target indicators and yearly results, clusters, registrations."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardType
from tdkt.org.models import Agency, Person, Unit


class Movement(models.Model):
    """A movement (phong trào thi đua): regular (yearly) or thematic, over a period."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường xuyên")
        THEMATIC = "thematic", _("Chuyên đề")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="movements", verbose_name=_("đơn vị phát động")
    )
    name = models.CharField(_("tên phong trào"), max_length=300)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    launch_document = models.CharField(_("văn bản phát động"), max_length=255, blank=True)
    description = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="movement_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A target indicator (chỉ tiêu) of a movement."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Càng cao càng tốt")
        LOWER = "lower", _("Càng thấp càng tốt")

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="targets", verbose_name=_("phong trào")
    )
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    direction = models.CharField(
        _("chiều"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["movement", "order", "id"]

    def __str__(self) -> str:
        return self.name


class TargetResult(models.Model):
    """Plan and actual value of a target in one year."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="results", verbose_name=_("chỉ tiêu")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    planned = models.DecimalField(_("kế hoạch"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(
        _("thực hiện"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        ordering = ["target", "year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="target_result_year"),
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.year}"

    @property
    def ratio(self) -> Decimal | None:
        """actual ÷ planned, or None when either is missing or the plan is 0."""
        if self.actual is None or not self.planned:
            return None
        return self.actual / self.planned

    @property
    def exceeded_pct(self) -> Decimal | None:
        """How far the result beats the plan, in percent (negative when short).

        For a "lower is better" target, beating the plan means being under it.
        """
        ratio = self.ratio
        if ratio is None:
            return None
        pct = (ratio - 1) * 100
        return -pct if self.target.direction == Target.Direction.LOWER else pct


class Cluster(models.Model):
    """An emulation cluster (khối/cụm thi đua) of peer units in one year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    name = models.CharField(_("tên khối, cụm"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm"))
    members = models.ManyToManyField(Unit, related_name="clusters", verbose_name=_("thành viên"))
    leader = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị dẫn đầu"),
    )

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Registration(models.Model):
    """A yearly registration (đăng ký thi đua) of a person or unit for a title."""

    year = models.PositiveSmallIntegerField(_("năm"))
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("tập thể"),
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, verbose_name=_("danh hiệu đăng ký")
    )
    registered_on = models.DateField(_("ngày đăng ký"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="registration_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.award_type.code}"
