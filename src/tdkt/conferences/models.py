"""Advanced-model conferences (Hội nghị điển hình tiên tiến): a first, thin version."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Award, Decision
from tdkt.org.models import Agency, Person, Unit


class Conference(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DEPARTMENT = "department", _("Cấp sở, ngành")
        DISTRICT = "district", _("Cấp huyện")
        UNIT = "unit", _("Cấp cơ sở")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("đơn vị tổ chức")
    )
    name = models.CharField(_("tên hội nghị"), max_length=300)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    date = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    period_from = models.PositiveSmallIntegerField(_("giai đoạn từ năm"))
    period_to = models.PositiveSmallIntegerField(_("giai đoạn đến năm"))
    plan_document = models.CharField(_("kế hoạch tổ chức"), max_length=255, blank=True)
    plan_file = models.FileField(_("tệp kế hoạch"), upload_to="conferences/", blank=True)
    delegates_count = models.PositiveIntegerField(_("số đại biểu"), default=0)
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
        verbose_name=_("quyết định khen thưởng tại hội nghị"),
    )
    honourees = models.ManyToManyField(
        Award,
        blank=True,
        related_name="conferences",
        verbose_name=_("tập thể, cá nhân được biểu dương"),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)

    class Meta:
        verbose_name = _("hội nghị điển hình tiên tiến")
        verbose_name_plural = _("hội nghị điển hình tiên tiến")
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.name


class Delegate(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("hội nghị")
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("cá nhân")
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")

    def __str__(self) -> str:
        return self.name
